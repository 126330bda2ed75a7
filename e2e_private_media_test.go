package main

import (
	"fmt"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/kolo/xmlrpc"
	"github.com/presspass/presspass/fixtures/fixturestest"
)

// TestEndToEndPrivateAttachment: an attachment set to private over REST is
// stored so, and hidden from every reader who may not read it — anonymous
// visitors and another author — on each read path: REST item and list,
// XML-RPC wp.getMediaItem and wp.getMediaLibrary, the public attachment
// page; its owner still reads it everywhere. Then set back to inherit,
// everyone sees it again.
func TestEndToEndPrivateAttachment(t *testing.T) {
	db := fixturestest.DatabaseURL(t)
	owner := startMediaSite(t, db, "pic", "--uploads-dir", t.TempDir())
	mustCLI(t, db, "user", "create", "other", "other@example.com", "--role=author", "--user_pass=main-pass")
	other := &mediaSite{t: t, base: owner.base, user: "other",
		pw: strings.TrimSpace(mustCLI(t, db, "app-password", "create", "other", "Camera", "--porcelain"))}

	status, up := owner.rest(http.MethodPost, "/wp-json/wp/v2/media", "image/png",
		map[string]string{"Content-Disposition": `attachment; filename="secretplan.png"`}, testPNG(t, 2, 2))
	if status != http.StatusCreated {
		t.Fatalf("upload: %d %v", status, up)
	}
	id := strconv.Itoa(int(up["id"].(float64)))
	// As wp_insert_post, any status but private is stored as inherit.
	setStatus := func(set, want string) {
		t.Helper()
		status, m := owner.rest(http.MethodPost, "/wp-json/wp/v2/media/"+id, "application/json", nil, []byte(`{"status":"`+set+`"}`))
		if status != http.StatusOK || m["status"] != want {
			t.Fatalf("set %s: %d %v", set, status, m["status"])
		}
		if status, m := owner.rest(http.MethodGet, "/wp-json/wp/v2/media/"+id+"?context=edit", "", nil, nil); status != http.StatusOK || m["status"] != want {
			t.Fatalf("read back after setting %s: %d %v", set, status, m["status"])
		}
	}
	// reads reports, for one reader, whether each read path shows the file.
	reads := func(s *mediaSite, signedIn bool) map[string]bool {
		t.Helper()
		got := map[string]bool{}
		resp, body := s.do(http.MethodGet, s.base+"/wp-json/wp/v2/media/"+id, signedIn, nil, nil)
		got["rest item"] = resp.StatusCode == http.StatusOK && strings.Contains(string(body), `"secretplan"`)
		resp, body = s.do(http.MethodGet, s.base+"/wp-json/wp/v2/media?per_page=100", signedIn, nil, nil)
		got["rest list"] = resp.StatusCode == http.StatusOK && strings.Contains(string(body), `"id":`+id+`,`)
		// The attachment page redirects to the file, as WordPress 6.4+ does
		// with attachment pages off.
		resp, _ = s.do(http.MethodGet, s.base+"/?attachment_id="+id, false, nil, nil)
		got["attachment page"] = resp.StatusCode == http.StatusOK
		if signedIn {
			client, err := xmlrpc.NewClient(s.base+"/xmlrpc.php", nil)
			if err != nil {
				t.Fatal(err)
			}
			defer client.Close()
			var item any
			got["xmlrpc item"] = client.Call("wp.getMediaItem", []any{1, s.user, s.pw, id}, &item) == nil
			var library []any
			if err := client.Call("wp.getMediaLibrary", []any{1, s.user, s.pw}, &library); err != nil {
				t.Fatal(err)
			}
			got["xmlrpc library"] = strings.Contains(fmt.Sprint(library), "attachment_id:"+id+" ")
		}
		return got
	}
	all := func(v bool, signedIn bool) map[string]bool {
		m := map[string]bool{"rest item": v, "rest list": v, "attachment page": v}
		if signedIn {
			m["xmlrpc item"], m["xmlrpc library"] = v, v
		}
		return m
	}
	check := func(when, who string, got, want map[string]bool) {
		t.Helper()
		for k, w := range want {
			if got[k] != w {
				t.Errorf("%s, %s, %s: shown %v, want %v", when, who, k, got[k], w)
			}
		}
	}
	check("inherit", "visitor", reads(owner, false), all(true, false))
	check("inherit", "other author", reads(other, true), all(true, true))

	setStatus("private", "private")
	check("private", "visitor", reads(owner, false), all(false, false))
	check("private", "other author", reads(other, true), all(false, true))
	ownerSees := all(false, true)
	// The list's default status is inherit, for the owner too, as in
	// WordPress; wp.getMediaLibrary lists inherit files only.
	ownerSees["rest item"], ownerSees["xmlrpc item"] = true, true
	check("private", "owner", reads(owner, true), ownerSees)

	setStatus("publish", "inherit")
	check("inherit again", "visitor", reads(owner, false), all(true, false))
}

// TestEndToEndProtectPrivateUploads: a private attachment's file, fetched at
// its URL by each kind of reader. Without --protect-private-uploads it is
// served to anyone, as WordPress serves it; with it only to readers who may
// read the attachment — its owner by application password or browser
// session — and a 404 (not a 403: its existence stays untold) to a visitor,
// to another author and to a wrong password. An inherit file stays public
// either way. Fails before the option existed (every reader got the file).
func TestEndToEndProtectPrivateUploads(t *testing.T) {
	for _, protect := range []string{"off", "on"} {
		t.Run("protect="+protect, func(t *testing.T) {
			db := fixturestest.DatabaseURL(t)
			owner := startMediaSite(t, db, "pic", "--uploads-dir", t.TempDir(), "--protect-private-uploads", protect)
			mustCLI(t, db, "user", "create", "other", "other@example.com", "--role=author", "--user_pass=main-pass")
			other := &mediaSite{t: t, base: owner.base, user: "other",
				pw: strings.TrimSpace(mustCLI(t, db, "app-password", "create", "other", "Camera", "--porcelain"))}
			wrong := &mediaSite{t: t, base: owner.base, user: "pic", pw: "abcdabcdabcdabcdabcdabcd"}

			upload := func(name, status string) string {
				t.Helper()
				code, m := owner.rest(http.MethodPost, "/wp-json/wp/v2/media", "image/png",
					map[string]string{"Content-Disposition": `attachment; filename="` + name + `"`}, testPNG(t, 2, 2))
				if code != http.StatusCreated {
					t.Fatalf("upload: %d %v", code, m)
				}
				id := strconv.Itoa(int(m["id"].(float64)))
				if code, m := owner.rest(http.MethodPost, "/wp-json/wp/v2/media/"+id, "application/json", nil, []byte(`{"status":"`+status+`"}`)); code != http.StatusOK {
					t.Fatalf("set %s: %d %v", status, code, m)
				}
				return m["source_url"].(string)
			}
			privateURL := upload("secretplan.png", "private")
			publicURL := upload("holiday.png", "publish") // stored as inherit

			// The owner's browser session.
			jar, _ := cookiejar.New(nil)
			browser := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
			if resp, err := browser.Get(owner.base + "/wp-login.php"); err == nil {
				resp.Body.Close()
			}
			resp, err := browser.PostForm(owner.base+"/wp-login.php", url.Values{"log": {"pic"}, "pwd": {"main-pass"}, "testcookie": {"1"}})
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusFound {
				t.Fatalf("login: %d", resp.StatusCode)
			}
			sessionGet := func(u string) int {
				resp, err := browser.Get(u)
				if err != nil {
					t.Fatal(err)
				}
				resp.Body.Close()
				return resp.StatusCode
			}

			protected := protect == "on"
			hidden := map[bool]int{true: http.StatusNotFound, false: http.StatusOK}[protected]
			for _, c := range []struct {
				reader string
				get    func(string) int
				want   int
			}{
				{"visitor", func(u string) int { r, _ := owner.do(http.MethodGet, u, false, nil, nil); return r.StatusCode }, hidden},
				{"another author", func(u string) int { r, _ := other.do(http.MethodGet, u, true, nil, nil); return r.StatusCode }, hidden},
				{"wrong application password", func(u string) int { r, _ := wrong.do(http.MethodGet, u, true, nil, nil); return r.StatusCode }, hidden},
				{"owner, application password", func(u string) int { r, _ := owner.do(http.MethodGet, u, true, nil, nil); return r.StatusCode }, http.StatusOK},
				{"owner, browser session", sessionGet, http.StatusOK},
			} {
				if got := c.get(privateURL); got != c.want {
					t.Errorf("private file, %s: %d, want %d", c.reader, got, c.want)
				}
				if got := c.get(publicURL); got != http.StatusOK {
					t.Errorf("public file, %s: %d, want 200", c.reader, got)
				}
			}
			r, _ := owner.do(http.MethodGet, privateURL, true, nil, nil)
			if cc := r.Header.Get("Cache-Control"); cc != "private, no-cache" {
				t.Errorf("private file's Cache-Control %q", cc)
			}
		})
	}
}
