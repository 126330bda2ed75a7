package rest

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/labstack/echo/v4"
	"github.com/presspass/presspass/fixtures/fixturestest"
	"github.com/presspass/presspass/models"
)

// testSite is a real PressPass REST server over loopback HTTP on a fresh
// store loaded with the "test" fixture (admin, editor, author, contributor,
// subscriber; passwords LOGIN-test-pass).
type testSite struct {
	t     testing.TB
	store *models.Store
	srv   *httptest.Server
	// rest is the REST server behind srv, for tests that look at an
	// answer before it is encoded.
	rest *Server
	url  string
	// secure is what the Client func reports as HTTPS for every request.
	secure *atomic.Bool
	// appPw holds one application password per login, created at start.
	appPw map[string]string
}

// newTestSite starts the server; app passwords are created for every user.
func newTestSite(t testing.TB) *testSite {
	t.Helper()
	s := fixturestest.Loaded(t, "test")
	ts := &testSite{t: t, store: s, appPw: map[string]string{}, secure: new(atomic.Bool)}
	ts.srv = httptest.NewUnstartedServer(nil)
	ts.url = "http://" + ts.srv.Listener.Addr().String()
	s.Config.SiteURL = ts.url
	e := echo.New()
	ts.rest = Register(e, s, Config{
		SiteURL: ts.url,
		Logger:  slog.New(slog.NewTextHandler(io.Discard, nil)),
		Client: func(r *http.Request) models.ClientInfo {
			host, _, _ := net.SplitHostPort(r.RemoteAddr)
			return models.ClientInfo{IP: host, UserAgent: r.UserAgent(), Secure: ts.secure.Load()}
		},
	})
	ts.srv.Config.Handler = e
	ts.srv.Start()
	t.Cleanup(ts.srv.Close)
	for _, login := range []string{"admin", "editor", "author", "contributor", "subscriber"} {
		ts.appPw[login] = ts.newAppPassword(login, login+"-app")
	}
	return ts
}

// with returns the site reporting failures to t (a subtest).
func (ts *testSite) with(t testing.TB) *testSite {
	c := *ts
	c.t = t
	return &c
}

// user returns a fixture user by login.
func (ts *testSite) user(login string) *models.User {
	ts.t.Helper()
	u, err := ts.store.UserByLogin(context.Background(), login)
	if err != nil {
		ts.t.Fatalf("user %s: %v", login, err)
	}
	return u
}

// newAppPassword creates an application password through the store.
func (ts *testSite) newAppPassword(login, name string) string {
	ts.t.Helper()
	created, err := ts.store.CreateAppPassword(context.Background(), ts.user(login).ID, name, "")
	if err != nil {
		ts.t.Fatalf("create app password: %v", err)
	}
	return created.Password
}

// req describes one request of a scenario table.
type req struct {
	method  string
	path    string
	body    string
	ctype   string
	as      string // login whose fixture app password is sent; "" = anonymous
	headers map[string]string
}

// result is a decoded response.
type result struct {
	status int
	header http.Header
	raw    []byte
	json   any
}

// obj returns the body as an object (nil when it is not one).
func (r result) obj() map[string]any { m, _ := r.json.(map[string]any); return m }

// list returns the body as a list (nil when it is not one).
func (r result) list() []any { l, _ := r.json.([]any); return l }

// code returns the error code of an error body.
func (r result) code() string { s, _ := r.obj()["code"].(string); return s }

// mustObj returns the body as an object, failing t when it is not one.
func (r result) mustObj(t testing.TB) map[string]any {
	t.Helper()
	m, ok := r.json.(map[string]any)
	if !ok {
		t.Fatalf("body is not an object: %s", r.raw)
	}
	return m
}

// mustList returns the body as a list, failing t when it is not one.
func (r result) mustList(t testing.TB) []any {
	t.Helper()
	l, ok := r.json.([]any)
	if !ok {
		t.Fatalf("body is not a list: %s", r.raw)
	}
	return l
}

// basic encodes Basic credentials.
func basic(user, pw string) string {
	return "Basic " + base64.StdEncoding.EncodeToString([]byte(user+":"+pw))
}

// do sends a request and decodes the JSON answer.
func (ts *testSite) do(q req) result {
	ts.t.Helper()
	method := q.method
	if method == "" {
		method = http.MethodGet
	}
	var body io.Reader
	if q.body != "" {
		body = strings.NewReader(q.body)
	}
	hr, err := http.NewRequest(method, ts.url+q.path, body)
	if err != nil {
		ts.t.Fatalf("new request: %v", err)
	}
	if q.body != "" {
		ct := q.ctype
		if ct == "" {
			ct = "application/x-www-form-urlencoded"
			if strings.HasPrefix(strings.TrimSpace(q.body), "{") {
				ct = "application/json"
			}
		}
		hr.Header.Set("Content-Type", ct)
	}
	if q.as != "" {
		pw, ok := ts.appPw[q.as]
		if !ok {
			ts.t.Fatalf("no app password for %q", q.as)
		}
		hr.Header.Set("Authorization", basic(q.as, pw))
	}
	for k, v := range q.headers {
		hr.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(hr)
	if err != nil {
		ts.t.Fatalf("%s %s: %v", method, q.path, err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		ts.t.Fatalf("read body: %v", err)
	}
	res := result{status: resp.StatusCode, header: resp.Header, raw: raw}
	if len(raw) > 0 {
		if err := json.Unmarshal(raw, &res.json); err != nil {
			ts.t.Fatalf("%s %s: body is not JSON: %v\n%s", method, q.path, err, raw)
		}
	}
	return res
}

// expect checks status and (when code is set) the error code.
func (ts *testSite) expect(q req, status int, code string) result {
	ts.t.Helper()
	res := ts.do(q)
	if res.status != status {
		ts.t.Fatalf("%s %s as %q: status %d, want %d\n%s", q.method, q.path, q.as, res.status, status, res.raw)
	}
	if code != "" && res.code() != code {
		ts.t.Fatalf("%s %s as %q: code %q, want %q\n%s", q.method, q.path, q.as, res.code(), code, res.raw)
	}
	return res
}

// keys returns the sorted keys of an object for shape checks.
func keys(m map[string]any) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// postIDsOf lists the "id" members of a list body.
func postIDsOf(t testing.TB, r result) []int {
	t.Helper()
	var out []int
	for _, item := range r.mustList(t) {
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
