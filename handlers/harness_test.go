package handlers

import (
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/presspass/presspass/fixtures/fixturestest"
	"github.com/presspass/presspass/languages"
	"github.com/presspass/presspass/models"
)

// testSite is a real server over loopback with the browser pages mounted on
// a fresh store loaded with the "test" fixture site.
type testSite struct {
	t     *testing.T
	store *models.Store
	srv   *httptest.Server
	url   string
	// secure makes the pages believe the request came over HTTPS.
	secure bool
}

// newTestSite starts the pages in the given environment ("local" or
// "production").
func newTestSite(t *testing.T, env string) *testSite {
	t.Helper()
	s := fixturestest.Loaded(t, "test")
	s.Config.Environment = env
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ts := &testSite{t: t, store: s, url: "http://" + ln.Addr().String()}
	s.Config.SiteURL = ts.url
	e := echo.New()
	Register(e, s, Config{
		SiteURL: ts.url,
		Client: func(r *http.Request) models.ClientInfo {
			host, _, _ := net.SplitHostPort(r.RemoteAddr)
			return models.ClientInfo{IP: host, UserAgent: r.UserAgent(), Secure: ts.secure}
		},
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
	})
	ts.srv = httptest.NewUnstartedServer(e)
	ts.srv.Listener.Close()
	ts.srv.Listener = ln
	ts.srv.Start()
	t.Cleanup(ts.srv.Close)
	return ts
}

// browser is a cookie-keeping client that does not follow redirects, so
// tests see each step.
type browser struct {
	t    *testing.T
	site *testSite
	c    *http.Client
}

func (ts *testSite) browser() *browser {
	jar, _ := cookiejar.New(nil)
	return &browser{t: ts.t, site: ts, c: &http.Client{
		Jar:           jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}}
}

// page is a fetched response with its body read.
type page struct {
	*http.Response
	Body string
}

func (b *browser) do(req *http.Request) *page {
	b.t.Helper()
	resp, err := b.c.Do(req)
	if err != nil {
		b.t.Fatalf("%s %s: %v", req.Method, req.URL, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return &page{Response: resp, Body: string(body)}
}

func (b *browser) get(path string) *page {
	b.t.Helper()
	req, _ := http.NewRequest(http.MethodGet, b.site.url+path, nil)
	return b.do(req)
}

func (b *browser) post(path string, form url.Values) *page {
	b.t.Helper()
	req, _ := http.NewRequest(http.MethodPost, b.site.url+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return b.do(req)
}

// login logs in with the main password and checks it worked.
func (b *browser) login(user, pass string) {
	b.t.Helper()
	b.get("/wp-login.php")
	p := b.post("/wp-login.php", url.Values{"log": {user}, "pwd": {pass}, "testcookie": {"1"}, "redirect_to": {b.site.url + "/wp-admin/"}})
	if p.StatusCode != http.StatusFound {
		b.t.Fatalf("login %s: status %d, want 302; body %s", user, p.StatusCode, text(p.Body))
	}
}

// cookie returns the value of a cookie the browser holds for the site.
func (b *browser) cookie(name string) string {
	u, _ := url.Parse(b.site.url)
	for _, c := range b.c.Jar.Cookies(u) {
		if c.Name == name {
			return c.Value
		}
	}
	return ""
}

var (
	tagRe = regexp.MustCompile(`(?s)<[^>]*>`)
	wsRe  = regexp.MustCompile(`\s+`)
)

// text is a page's visible text with whitespace folded, for message checks.
func text(body string) string {
	return strings.TrimSpace(wsRe.ReplaceAllString(tagRe.ReplaceAllString(body, " "), " "))
}

// inputValue finds the value of the first input named name in an HTML body
// (after the first occurrence of marker, when given).
func inputValue(t *testing.T, body, name string, marker ...string) string {
	t.Helper()
	if len(marker) > 0 {
		i := strings.Index(body, marker[0])
		if i < 0 {
			t.Fatalf("page lacks %q", marker[0])
		}
		body = body[i:]
	}
	re := regexp.MustCompile(`<input[^>]*name="` + regexp.QuoteMeta(name) + `"[^>]*>`)
	tag := re.FindString(body)
	if tag == "" {
		t.Fatalf("page has no input %q", name)
	}
	m := regexp.MustCompile(`value="([^"]*)"`).FindStringSubmatch(tag)
	if m == nil {
		return ""
	}
	return htmlUnescape(m[1])
}

func htmlUnescape(s string) string {
	r := strings.NewReplacer("&amp;", "&", "&#43;", "+", "&#34;", `"`, "&#39;", "'", "&lt;", "<", "&gt;", ">", "&quot;", `"`)
	return r.Replace(s)
}

// idValue finds the value attribute of the element with that id.
func idValue(t *testing.T, body, id string) string {
	t.Helper()
	re := regexp.MustCompile(`<input[^>]*id="` + regexp.QuoteMeta(id) + `"[^>]*>`)
	tag := re.FindString(body)
	if tag == "" {
		t.Fatalf("page has no input #%s", id)
	}
	m := regexp.MustCompile(`value="([^"]*)"`).FindStringSubmatch(tag)
	if m == nil {
		t.Fatalf("input #%s has no value", id)
	}
	return htmlUnescape(m[1])
}

func mustContain(t *testing.T, p *page, want ...string) {
	t.Helper()
	txt := text(p.Body)
	for _, w := range want {
		if !strings.Contains(txt, w) && !strings.Contains(p.Body, w) {
			t.Errorf("page lacks %q; text: %.600s", w, txt)
		}
	}
}

func wantStatus(t *testing.T, p *page, status int) {
	t.Helper()
	if p.StatusCode != status {
		t.Fatalf("%s %s: status %d, want %d; text: %.500s", p.Request.Method, p.Request.URL, p.StatusCode, status, text(p.Body))
	}
}

const (
	adminPass  = "admin-test-pass"
	editorPass = "editor-test-pass"
)

// formatDate is a date as an English page shows it.
func formatDate(t time.Time) string { return languages.Date(languages.Default, t.UTC()) }
