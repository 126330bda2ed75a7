package site_test

import (
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/presspass/presspass/fixtures/fixturestest"
	"github.com/presspass/presspass/handlers"
	"github.com/presspass/presspass/handlers/site"
	"github.com/presspass/presspass/models"
)

// testSite is the browser adapter with the public site, over loopback, on a
// fresh store loaded with the "test" fixtures and a few posts of every kind
// a visitor may meet.
type testSite struct {
	t     *testing.T
	store *models.Store
	url   string
	ids   map[string]uint64
}

const adminPass = "admin-test-pass"

func newTestSite(t *testing.T, templatesDir string) *testSite {
	t.Helper()
	s := fixturestest.Loaded(t, "test")
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ts := &testSite{t: t, store: s, url: "http://" + ln.Addr().String(), ids: map[string]uint64{}}
	s.Config.SiteURL = ts.url
	client := func(r *http.Request) models.ClientInfo {
		host, _, _ := net.SplitHostPort(r.RemoteAddr)
		return models.ClientInfo{IP: host, UserAgent: r.UserAgent()}
	}
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	pub, err := site.New(s, site.Config{SiteURL: ts.url, Client: client, Logger: logger, TemplatesDir: templatesDir})
	if err != nil {
		t.Fatal(err)
	}
	e := echo.New()
	handlers.Register(e, s, handlers.Config{SiteURL: ts.url, Client: client, Logger: logger, PublicSite: pub})
	srv := httptest.NewUnstartedServer(e)
	srv.Listener.Close()
	srv.Listener = ln
	srv.Start()
	t.Cleanup(srv.Close)
	ts.addPosts()
	return ts
}

// addPosts adds what the fixtures lack: a protected post, a child page and
// an author's draft with a title.
func (ts *testSite) addPosts() {
	ctx := context.Background()
	admin := ts.user("admin")
	str := func(s string) *string { return &s }
	mk := func(name string, actor *models.User, in models.PostInput) {
		p, err := ts.store.CreatePost(ctx, actor, in)
		if err != nil {
			ts.t.Fatalf("create %s: %v", name, err)
		}
		ts.ids[name] = p.ID
	}
	pub := "publish"
	mk("protected", admin, models.PostInput{Title: str("Locked away"), Content: str("The secret recipe."),
		Status: &pub, Password: str("open sesame")})
	parent, err := ts.store.PostByID(ctx, 8) // "test-page"
	if err != nil {
		ts.t.Fatal(err)
	}
	mk("child", admin, models.PostInput{Type: "page", Title: str("Child Page"), Content: str("Below the parent."),
		Status: &pub, ParentID: &parent.ID})
	draft := "draft"
	mk("draft", ts.user("author"), models.PostInput{Title: str("Work in progress"), Content: str("Not yet."), Status: &draft})
}

func (ts *testSite) user(login string) *models.User {
	u, err := ts.store.UserByLogin(context.Background(), login)
	if err != nil {
		ts.t.Fatal(err)
	}
	return u
}

// visitor is a cookie-keeping client that does not follow redirects.
type visitor struct {
	ts *testSite
	c  *http.Client
}

func (ts *testSite) visitor() *visitor {
	jar, _ := cookiejar.New(nil)
	return &visitor{ts: ts, c: &http.Client{Jar: jar, Timeout: 10 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

// response is what a test reads of an answer.
type response struct {
	status int
	header http.Header
	body   string
}

func (v *visitor) do(method, path string, form url.Values, header map[string]string) response {
	v.ts.t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, v.ts.url+path, body)
	if err != nil {
		v.ts.t.Fatal(err)
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	for k, val := range header {
		req.Header.Set(k, val)
	}
	resp, err := v.c.Do(req)
	if err != nil {
		v.ts.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return response{resp.StatusCode, resp.Header, string(b)}
}

func (v *visitor) get(path string) response { return v.do(http.MethodGet, path, nil, nil) }

// login logs the visitor in through wp-login.php.
func (v *visitor) login(user, pass string) {
	v.ts.t.Helper()
	r := v.do(http.MethodPost, "/wp-login.php", url.Values{"log": {user}, "pwd": {pass}}, nil)
	if r.status != http.StatusFound {
		v.ts.t.Fatalf("login %s: %d %.300s", user, r.status, r.body)
	}
}
