package rest

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/labstack/echo/v4"
	"github.com/presspass/presspass/fixtures"
	"github.com/presspass/presspass/fixtures/fixturestest"
	"github.com/presspass/presspass/models"
)

// postsEnv is a real PressPass REST server over loopback HTTP, on a fresh
// store loaded with the "test" fixture site, with one application password
// per fixture user.
type postsEnv struct {
	t     testing.TB
	store *models.Store
	url   string
	// appPasswords maps a login to its application password.
	appPasswords map[string]string
}

var fixtureLogins = []string{"admin", "editor", "author", "contributor", "subscriber"}

func newPostsEnv(t testing.TB) *postsEnv {
	t.Helper()
	ctx := context.Background()
	s := fixturestest.Open(t)
	site, err := fixtures.Read("test")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := fixtures.Load(ctx, s, site); err != nil {
		t.Fatal(err)
	}
	e := echo.New()
	srv := httptest.NewUnstartedServer(e)
	siteURL := "http://" + srv.Listener.Addr().String()
	s.Config.SiteURL = siteURL
	Register(e, s, Config{SiteURL: siteURL})
	srv.Start()
	t.Cleanup(srv.Close)
	env := &postsEnv{t: t, store: s, url: siteURL, appPasswords: map[string]string{}}
	for _, login := range fixtureLogins {
		u, err := s.UserByLogin(ctx, login)
		if err != nil {
			t.Fatal(err)
		}
		np, err := s.CreateAppPassword(ctx, u.ID, "tests", "")
		if err != nil {
			t.Fatal(err)
		}
		env.appPasswords[login] = np.Password
	}
	return env
}

// postsReply is a decoded response.
type postsReply struct {
	status int
	header http.Header
	body   any
	raw    string
}

// obj returns the body as an object (failing the test otherwise).
func (r postsReply) obj(t testing.TB) map[string]any {
	t.Helper()
	m, ok := r.body.(map[string]any)
	if !ok {
		t.Fatalf("body is not an object: %s", r.raw)
	}
	return m
}

// list returns the body as a list.
func (r postsReply) list(t testing.TB) []any {
	t.Helper()
	l, ok := r.body.([]any)
	if !ok {
		t.Fatalf("body is not a list: %s", r.raw)
	}
	return l
}

// code is the WordPress error code of an error body.
func (r postsReply) code() string {
	m, _ := r.body.(map[string]any)
	c, _ := m["code"].(string)
	return c
}

// do sends a request as login ("" = anonymous). A body starting with "{" is
// sent as JSON, any other non-empty body as a form.
func (e *postsEnv) do(method, path, login, body string) postsReply {
	e.t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, e.url+path, rd)
	if err != nil {
		e.t.Fatal(err)
	}
	if body != "" {
		if strings.HasPrefix(body, "{") {
			req.Header.Set("Content-Type", "application/json")
		} else {
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		}
	}
	if login != "" {
		req.Header.Set("Authorization", "Basic "+base64.StdEncoding.EncodeToString([]byte(login+":"+e.appPasswords[login])))
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	r := postsReply{status: resp.StatusCode, header: resp.Header, raw: string(raw)}
	if len(raw) > 0 {
		if err := json.Unmarshal(raw, &r.body); err != nil {
			e.t.Fatalf("%s %s: body is not JSON: %q", method, path, raw)
		}
	}
	return r
}

// postIDsOf lists the "id" members of a list body.
func postIDsOf(t testing.TB, r postsReply) []int {
	t.Helper()
	var out []int
	for _, item := range r.list(t) {
		m, _ := item.(map[string]any)
		f, _ := m["id"].(float64)
		out = append(out, int(f))
	}
	return out
}

func sameIntList(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// jsonAt digs a value out of decoded JSON by keys.
func jsonAt(v any, keys ...string) any {
	for _, k := range keys {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[k]
	}
	return v
}
