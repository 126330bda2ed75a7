package xmlrpc_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/presspass/presspass/fixtures/fixturestest"
	"github.com/presspass/presspass/models"
	"github.com/presspass/presspass/outbound"
	"github.com/presspass/presspass/xmlrpc"
)

// newPingbackSite serves XML-RPC with pingback.ping enabled, fetching with
// f, over the "test" fixture site.
func newPingbackSite(t *testing.T, f xmlrpc.PingbackFetcher) *testSite {
	t.Helper()
	s := fixturestest.Loaded(t, "test")
	var h http.Handler
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { h.ServeHTTP(w, r) }))
	t.Cleanup(srv.Close)
	s.Config.SiteURL = srv.URL
	x := xmlrpc.NewServer(s, xmlrpc.Config{SiteURL: srv.URL, Enabled: true})
	x.EnablePingback(f)
	h = x
	return &testSite{t: t, store: s, url: srv.URL, appPasswords: map[string]string{}, ids: map[string]uint64{}}
}

func TestPingbackIsOffByDefault(t *testing.T) {
	ts := newSite(t, true)
	_, err := ts.call("pingback.ping", []any{"http://example.com/", ts.url + "/?p=4"})
	if errString(err) != faultText(-32601, "server error. requested method pingback.ping does not exist.") {
		t.Fatalf("got %v", err)
	}
}

func TestPingbackPing(t *testing.T) {
	pages := map[string]string{}
	source := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		page, ok := pages[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		_, _ = w.Write([]byte(page))
	}))
	defer source.Close()
	// Loopback is allowed only here, so that the test can serve the source.
	ts := newPingbackSite(t, outbound.New(outbound.Options{Timeout: 2 * time.Second, AllowInternal: true}))
	target := ts.url + "/?p=4"
	pages["/linking"] = `<!DOCTYPE html><html><head><title>A friendly blog</title><script>var x = "` + target + `";</script></head>
<body><p>Intro.</p><p>I read <a href="` + target + `">this fine post</a> today and liked it.</p></body></html>`
	pages["/nolink"] = `<html><head><title>No link</title></head><body><p>` + target + ` is mentioned, not linked.</p></body></html>`
	pages["/notitle"] = `<html><body><p><a href="` + target + `">x</a></p></body></html>`
	pages["/closed"] = `<html><head><title>T</title></head><body><p><a href="` + ts.url + `/?p=1">x</a></p></body></html>`

	closed := "closed"
	admin, err := ts.store.UserByLogin(context.Background(), "admin")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ts.store.UpdatePost(context.Background(), admin, 1, models.PostInput{PingStatus: &closed}); err != nil {
		t.Fatal(err)
	}

	refused := faultText(0, "")
	tests := []struct {
		name     string
		from, to string
		fault    string
	}{
		{"a verified pingback", source.URL + "/linking", target, ""},
		{"the same pingback again", source.URL + "/linking", target, faultText(48, "The pingback has already been registered.")},
		{"a page that only mentions the post", source.URL + "/nolink", target, refused},
		{"a page without a title", source.URL + "/notitle", target, refused},
		{"a page that does not exist", source.URL + "/missing", target, refused},
		{"a target on another site", source.URL + "/linking", "http://example.org/?p=4", refused},
		{"a target that is no post", source.URL + "/linking", ts.url + "/?p=99999", refused},
		{"a post with pings closed", source.URL + "/closed", ts.url + "/?p=1", refused},
		{"a source that is the target", target, target, refused},
		{"no source", "", target, refused},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, err := ts.call("pingback.ping", []any{tt.from, tt.to})
			if errString(err) != tt.fault {
				t.Fatalf("got %v, want %q", err, tt.fault)
			}
			if tt.fault == "" {
				want := fmt.Sprintf("Pingback from %s to %s registered. Keep the web talking! :-)", tt.from, tt.to)
				eq(t, v, want)
			}
		})
	}

	t.Run("recorded as a held pingback with the context", func(t *testing.T) {
		list, _, err := ts.store.Comments(context.Background(), models.CommentFilter{Status: "any", PostIDs: []uint64{4}})
		if err != nil {
			t.Fatal(err)
		}
		var found *models.Comment
		for i := range list {
			if list[i].Type == "pingback" {
				found = &list[i]
			}
		}
		if found == nil {
			t.Fatal("no pingback comment")
		}
		eq(t, found.AuthorName, "A friendly blog")
		eq(t, found.AuthorURL, source.URL+"/linking")
		eq(t, found.Approved, "0")
		// WordPress keeps the words between the first and the last space
		// around the link.
		eq(t, found.Content, "[&#8230;] read this fine post today and liked [&#8230;]")
		v, err := ts.call("pingback.extensions.getPingbacks", []any{target})
		if err != nil {
			t.Fatal(err)
		}
		eq(t, len(v.([]any)), 1)
	})
	t.Run("listed before getPingbacks", func(t *testing.T) {
		v, err := ts.call("mt.supportedMethods", nil)
		if err != nil {
			t.Fatal(err)
		}
		list := v.([]any)
		for i, m := range list {
			if m == "pingback.ping" {
				eq(t, list[i+1], "pingback.extensions.getPingbacks")
				return
			}
		}
		t.Fatalf("pingback.ping not listed: %v", list)
	})
}

func TestPingbackRefusesInternalSources(t *testing.T) {
	hit := false
	internal := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { hit = true }))
	defer internal.Close()
	ts := newPingbackSite(t, outbound.New(outbound.Options{Timeout: 2 * time.Second}))
	_, err := ts.call("pingback.ping", []any{internal.URL + "/admin", ts.url + "/?p=4"})
	if errString(err) != faultText(0, "") {
		t.Fatalf("got %v", err)
	}
	if hit {
		t.Fatal("the internal address was fetched")
	}
}

// A target that url_to_postid cannot read names its post the ways
// pingback_ping reads: .../p/ID in the path, p=ID in the query, or a
// fragment #ID (PHP's integer reading: its leading digits) or #post-ID.
func TestPingbackTargetForms(t *testing.T) {
	pages := map[string]string{}
	source := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(pages[r.URL.Path]))
	}))
	defer source.Close()
	ts := newPingbackSite(t, outbound.New(outbound.Options{Timeout: 2 * time.Second, AllowInternal: true}))
	tests := []struct {
		name, target string
		post         uint64 // 0: refused
	}{
		{"the path's p/ID", "/archives/p/4", 4},
		{"a p=ID inside the query", "/?ref=xp=4", 4},
		{"a numeric fragment", "/#4", 4},
		{"a fragment that starts with the number", "/#4-comments", 4},
		{"a post-ID fragment", "/#post-4", 4},
		{"a path without a number", "/archives/p/", 0},
		{"a fragment without a number", "/#comments", 0},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			from := fmt.Sprintf("%s/form-%d", source.URL, i)
			to := ts.url + tt.target
			pages[fmt.Sprintf("/form-%d", i)] = `<html><head><title>Form ` + fmt.Sprint(i) + `</title></head><body><p>See <a href="` +
				to + `">this post</a> here.</p></body></html>`
			_, err := ts.call("pingback.ping", []any{from, to})
			if tt.post == 0 {
				if errString(err) == "" {
					t.Fatal("accepted a target that names no post")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			list, _, err := ts.store.Comments(context.Background(), models.CommentFilter{Status: "any", PostIDs: []uint64{tt.post}})
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range list {
				if c.AuthorURL == from {
					return
				}
			}
			t.Fatalf("no pingback from %s on post %d", from, tt.post)
		})
	}
}
