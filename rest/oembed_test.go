package rest

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/presspass/presspass/outbound"
)

func TestOEmbedEmbed(t *testing.T) {
	ts := newTestSite(t)
	link := url.QueryEscape(ts.url + "/admin-published/")
	tests := []struct {
		name          string
		path          string
		as            string
		status        int
		code          string
		width, height float64
	}{
		{name: "a post of this site", path: "/wp-json/oembed/1.0/embed?url=" + link, status: 200, width: 600, height: 338},
		{name: "a narrower frame", path: "/wp-json/oembed/1.0/embed?url=" + link + "&maxwidth=300", status: 200, width: 300, height: 200},
		{name: "no narrower than 200", path: "/wp-json/oembed/1.0/embed?url=" + link + "&maxwidth=50", status: 200, width: 200, height: 200},
		{name: "no wider than 600", path: "/wp-json/oembed/1.0/embed?url=" + link + "&maxwidth=5000", status: 200, width: 600, height: 338},
		{name: "the plain link", path: "/wp-json/oembed/1.0/embed?url=" + url.QueryEscape(ts.url+"/?p=1"), status: 200, width: 600, height: 338},
		{name: "no such post", path: "/wp-json/oembed/1.0/embed?url=" + url.QueryEscape(ts.url+"/nope/"), status: 404, code: "oembed_invalid_url"},
		{name: "a private post", path: "/wp-json/oembed/1.0/embed?url=" + url.QueryEscape(ts.url+"/admin-private/"), status: 404, code: "oembed_invalid_url"},
		{name: "another site", path: "/wp-json/oembed/1.0/embed?url=" + url.QueryEscape("https://example.com/admin-published/"), status: 404, code: "oembed_invalid_url"},
		{name: "no url", path: "/wp-json/oembed/1.0/embed", status: 400, code: "rest_missing_callback_param"},
		{name: "the proxy, anonymous", path: "/wp-json/oembed/1.0/proxy?url=" + link, status: 401, code: "rest_forbidden"},
		{name: "the proxy, a subscriber", path: "/wp-json/oembed/1.0/proxy?url=" + link, as: "subscriber", status: 403, code: "rest_forbidden"},
		{name: "the proxy, this site's post", path: "/wp-json/oembed/1.0/proxy?url=" + link, as: "author", status: 200, width: 600, height: 338},
		{name: "the proxy, another site while fetching is off", path: "/wp-json/oembed/1.0/proxy?url=" + url.QueryEscape("https://www.youtube.com/watch?v=x"),
			as: "author", status: 404, code: "oembed_invalid_url"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := ts.with(t).expect(req{path: tt.path, as: tt.as}, tt.status, tt.code)
			if tt.status != 200 {
				return
			}
			o := res.obj()
			if o["width"] != tt.width || o["height"] != tt.height || o["type"] != "rich" || o["version"] != "1.0" ||
				o["title"] != "Admin Published" || o["author_url"] != ts.url+"/author/admin/" || o["provider_url"] != ts.url {
				t.Fatalf("%v", o)
			}
			html, _ := o["html"].(string)
			if !strings.Contains(html, `src="`+ts.url+`/admin-published/embed/#?secret=`) || !strings.Contains(html, `<blockquote class="wp-embedded-content"`) {
				t.Errorf("html %s", html)
			}
		})
	}
	t.Run("XML", func(t *testing.T) {
		resp, err := http.Get(ts.url + "/wp-json/oembed/1.0/embed?format=xml&url=" + link)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "text/xml; charset=UTF-8" ||
			!strings.HasPrefix(string(b), "<?xml version=\"1.0\"?>\n<oembed><version>1.0</version><provider_name>") ||
			!strings.Contains(string(b), "<width>600</width><height>338</height><html>&lt;blockquote") {
			t.Fatalf("%d %s %s", resp.StatusCode, resp.Header.Get("Content-Type"), b)
		}
	})
	t.Run("the index names the namespace", func(t *testing.T) {
		res := ts.with(t).expect(req{path: "/wp-json/"}, 200, "")
		ns, _ := res.obj()["namespaces"].([]any)
		found := false
		for _, n := range ns {
			found = found || n == "oembed/1.0"
		}
		if !found {
			t.Fatalf("namespaces %v", ns)
		}
	})
}

// providerAnswer is a provider's oEmbed answer, its members in the
// provider's order (not sorted): the proxy gives it back as it came.
const providerAnswer = `{"type":"video","version":"1.0","title":"A video","html":"<iframe src=\"https://www.youtube.com/embed/x\"></iframe>","width":600,"height":338.50,"thumbnail":{"width":480,"url":"https://i.ytimg.com/x.jpg"}}`

// providerFetcher stands in for the guarded fetcher: it answers a
// provider's endpoint and records what was asked.
type providerFetcher struct {
	mu    sync.Mutex
	asked []string
	fail  bool
}

func (f *providerFetcher) Get(_ context.Context, u string, _ http.Header) (*outbound.Response, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.asked = append(f.asked, u)
	if f.fail {
		return &outbound.Response{Status: 500}, nil
	}
	return &outbound.Response{Status: 200, ContentType: "application/json", Body: []byte(providerAnswer)}, nil
}

func TestOEmbedProxyAsksOnlySanctionedProviders(t *testing.T) {
	ts := newTestSite(t)
	f := &providerFetcher{}
	proxy := httptest.NewServer(NewServer(ts.store, Config{SiteURL: ts.url, OEmbedFetcher: f, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}))
	defer proxy.Close()
	get := func(link string) (int, string) {
		req, _ := http.NewRequest(http.MethodGet, proxy.URL+"/wp-json/oembed/1.0/proxy?maxwidth=500&url="+url.QueryEscape(link), nil)
		req.Header.Set("Authorization", basic("author", ts.appPw["author"]))
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	video := "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
	status, body := get(video)
	if status != 200 || body != providerAnswer {
		t.Fatalf("%d %s\nwant the provider's answer as it came: %s", status, body, providerAnswer)
	}
	if len(f.asked) != 1 || !strings.HasPrefix(f.asked[0], "https://www.youtube.com/oembed?") ||
		!strings.Contains(f.asked[0], "url="+url.QueryEscape(video)) || !strings.Contains(f.asked[0], "maxwidth=500") ||
		!strings.Contains(f.asked[0], "format=json") || !strings.Contains(f.asked[0], "dnt=1") {
		t.Fatalf("asked %q", f.asked)
	}
	if status, body := get(video); status != 200 || len(f.asked) != 1 || body != providerAnswer {
		t.Fatalf("a second ask is not answered from the day's cache as the provider said it: %d, %d fetches, %s", status, len(f.asked), body)
	}
	for _, link := range []string{"https://example.com/some/page", "http://127.0.0.1:22/", "https://evil.example/?u=https://www.youtube.com/watch?v=x"} {
		if status, body := get(link); status != 404 || !strings.Contains(body, "oembed_invalid_url") {
			t.Errorf("%s: %d %s", link, status, body)
		}
	}
	if len(f.asked) != 1 {
		t.Errorf("unlisted providers were asked: %q", f.asked)
	}
	f.fail = true
	if status, _ := get("https://vimeo.com/123"); status != 404 {
		t.Errorf("a failed fetch: %d", status)
	}
}
