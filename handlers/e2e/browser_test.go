package e2e

import (
	"context"
	"encoding/json"
	"flag"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/labstack/echo/v4"
	"github.com/presspass/presspass/fixtures/fixturestest"
	"github.com/presspass/presspass/handlers"
	publicsite "github.com/presspass/presspass/handlers/site"
	"github.com/presspass/presspass/models"
	"github.com/presspass/presspass/rest"
	"github.com/presspass/presspass/xmlrpc"
)

var update = flag.Bool("update", false, "save screenshots under testdata/screenshots")

const adminPass = "admin-test-pass"

// site is the server under test: pages and REST on one fresh store.
type site struct {
	store *models.Store
	url   string
}

func startSite(t *testing.T) *site { return serveSite(t, false) }

// serveSite serves REST, XML-RPC and the browser pages, and with public the
// public site too, as presspass serve does, on the "test" fixtures.
func serveSite(t *testing.T, public bool) *site {
	t.Helper()
	s := fixturestest.Loaded(t, "test")
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	base := "http://" + ln.Addr().String()
	s.Config.SiteURL = base
	client := func(r *http.Request) models.ClientInfo {
		host, _, _ := net.SplitHostPort(r.RemoteAddr)
		return models.ClientInfo{IP: host, UserAgent: r.UserAgent()}
	}
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	hc := handlers.Config{SiteURL: base, Client: client, Logger: logger}
	if public {
		pub, err := publicsite.New(s, publicsite.Config{SiteURL: base, Client: client, Logger: logger})
		if err != nil {
			t.Fatal(err)
		}
		hc.PublicSite = pub
	}
	e := echo.New()
	rest.Register(e, s, rest.Config{SiteURL: base, Client: client, XMLRPCEnabled: true, Logger: logger})
	e.Any("/xmlrpc.php", echo.WrapHandler(xmlrpc.NewServer(s, xmlrpc.Config{SiteURL: base, Client: client, Enabled: true, Logger: logger})))
	handlers.Register(e, s, hc)
	srv := httptest.NewUnstartedServer(e)
	srv.Listener.Close()
	srv.Listener = ln
	srv.Start()
	t.Cleanup(srv.Close)
	return &site{store: s, url: base}
}

// usersMe calls REST's users/me with Basic credentials and returns the
// status and the login it answered for.
func (s *site) usersMe(t *testing.T, login, password string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, s.url+"/wp-json/wp/v2/users/me?context=edit", nil)
	req.SetBasicAuth(login, password)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body struct {
		Username string `json:"username"`
		Slug     string `json:"slug"`
	}
	_ = json.NewDecoder(resp.Body).Decode(&body)
	if body.Username == "" {
		body.Username = body.Slug
	}
	return resp.StatusCode, body.Username
}

// chromium finds a Chromium or Chrome binary, or skips the test.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "headless-shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("no chromium binary found (apt-get install chromium); skipping the headless browser tests")
	return ""
}

// newBrowser starts headless Chromium for one test.
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium(t)),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.WindowSize(1200, 1600),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(actx)
	ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(func() { cancelTimeout(); cancelCtx(); cancelAlloc() })
	if err := chromedp.Run(ctx); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	return ctx
}

func run(t *testing.T, ctx context.Context, what string, actions ...chromedp.Action) {
	t.Helper()
	if err := chromedp.Run(ctx, actions...); err != nil {
		var loc, body string
		_ = chromedp.Run(ctx, chromedp.Location(&loc), chromedp.Text("body", &body, chromedp.ByQuery))
		t.Fatalf("%s: %v (at %s: %.400s)", what, err, loc, body)
	}
}

// navigateFresh opens u and waits until the page shown is the new document.
// Opening the URL already shown (or one whose load another navigation cut
// short) could otherwise let the next click land on the old page, which the
// new one then replaces.
func navigateFresh(u string) chromedp.Action {
	return chromedp.Tasks{
		chromedp.Evaluate(`document.documentElement.dataset.stale = "1"`, nil),
		chromedp.Navigate(u),
		chromedp.WaitReady(`html:not([data-stale]) body`, chromedp.ByQuery),
	}
}

// screenshot saves the page when the tests run with -update.
func screenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	if !*update {
		return
	}
	var png []byte
	run(t, ctx, "screenshot "+name, chromedp.FullScreenshot(&png, 100))
	path := filepath.Join("testdata", "screenshots", name+".png")
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
}

func login(t *testing.T, ctx context.Context, user, pass string) {
	t.Helper()
	run(t, ctx, "log in as "+user,
		chromedp.WaitVisible(`#user_login`, chromedp.ByQuery),
		chromedp.SendKeys(`#user_login`, user, chromedp.ByQuery),
		chromedp.SendKeys(`#user_pass`, pass, chromedp.ByQuery),
		chromedp.Click(`#wp-submit`, chromedp.ByQuery),
	)
}

func TestProfileApplicationPasswords(t *testing.T) {
	s := startSite(t)
	ctx := newBrowser(t)
	run(t, ctx, "open login", chromedp.Navigate(s.url+"/wp-login.php"))
	login(t, ctx, "admin", adminPass)
	var heading string
	run(t, ctx, "dashboard", chromedp.WaitVisible(`body.index-php h1`, chromedp.ByQuery), chromedp.Text(`body.index-php h1`, &heading, chromedp.ByQuery))
	if heading != "Dashboard" {
		t.Fatalf("after login: %q", heading)
	}

	var password string
	run(t, ctx, "create an application password",
		chromedp.Navigate(s.url+"/wp-admin/profile.php"),
		chromedp.WaitVisible(`#new_application_password_name`, chromedp.ByQuery),
		chromedp.SendKeys(`#new_application_password_name`, "E2E client", chromedp.ByQuery),
		chromedp.Click(`#do_new_application_password`, chromedp.ByQuery),
		chromedp.WaitVisible(`#new-application-password-value`, chromedp.ByQuery),
		chromedp.Value(`#new-application-password-value`, &password, chromedp.ByQuery),
	)
	screenshot(t, ctx, "profile-new-application-password")
	if len(strings.Fields(password)) != 6 {
		t.Fatalf("password read off the page: %q", password)
	}
	if status, who := s.usersMe(t, "admin", password); status != http.StatusOK || who != "admin" {
		t.Fatalf("REST with the new password: %d %q", status, who)
	}

	var notice string
	run(t, ctx, "revoke it",
		chromedp.Navigate(s.url+"/wp-admin/profile.php"),
		chromedp.WaitVisible(`tr[data-uuid] input[value="Revoke"]`, chromedp.ByQuery),
		chromedp.Click(`tr[data-uuid] input[value="Revoke"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`.confirm input[type="submit"]`, chromedp.ByQuery),
		chromedp.Click(`.confirm input[type="submit"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`.notice-success`, chromedp.ByQuery),
		chromedp.Text(`.notice-success`, &notice, chromedp.ByQuery),
	)
	if !strings.Contains(notice, "Application password revoked.") {
		t.Errorf("after revoking: %q", notice)
	}
	if status, _ := s.usersMe(t, "admin", password); status != http.StatusUnauthorized {
		t.Errorf("REST with the revoked password: %d, want 401", status)
	}
}

// callbackApp is the application's side of the authorize flow: it serves
// success_url and remembers what it received.
type callbackApp struct {
	mu    sync.Mutex
	query url.Values
	srv   *httptest.Server
}

func newCallbackApp(t *testing.T) *callbackApp {
	a := &callbackApp{}
	a.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/cb" {
			// The browser also asks for /favicon.ico.
			http.NotFound(w, r)
			return
		}
		a.mu.Lock()
		a.query = r.URL.Query()
		a.mu.Unlock()
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, "<!DOCTYPE html><title>App</title><h1 id=app>Connected</h1>")
	}))
	t.Cleanup(a.srv.Close)
	return a
}

func (a *callbackApp) received() url.Values {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.query
}

func TestAuthorizeApplicationFlow(t *testing.T) {
	s := startSite(t)
	app := newCallbackApp(t)
	ctx := newBrowser(t)
	authorize := s.url + "/wp-admin/authorize-application.php?" + url.Values{
		"app_name":    {"E2E App"},
		"app_id":      {"0f9c7a9e-1111-4a1a-9b1e-0d3c5a7e9f11"},
		"success_url": {app.srv.URL + "/cb?state=xyz"},
	}.Encode()

	run(t, ctx, "open the authorize URL logged out", chromedp.Navigate(authorize))
	login(t, ctx, "admin", adminPass)
	var appName string
	run(t, ctx, "approval page",
		chromedp.WaitVisible(`#approve`, chromedp.ByQuery),
		chromedp.Value(`#app_name`, &appName, chromedp.ByQuery),
	)
	if appName != "E2E App" {
		t.Fatalf("app name field %q", appName)
	}
	screenshot(t, ctx, "authorize-application")
	run(t, ctx, "approve",
		chromedp.Click(`#approve`, chromedp.ByQuery),
		chromedp.WaitVisible(`#app`, chromedp.ByQuery),
	)
	q := app.received()
	if q.Get("state") != "xyz" || q.Get("user_login") != "admin" || q.Get("site_url") != s.url {
		t.Fatalf("the app received %v", q)
	}
	if status, who := s.usersMe(t, q.Get("user_login"), q.Get("password")); status != http.StatusOK || who != "admin" {
		t.Fatalf("REST with the authorized password: %d %q", status, who)
	}

	run(t, ctx, "reject",
		chromedp.Navigate(authorize),
		chromedp.WaitVisible(`#reject`, chromedp.ByQuery),
		chromedp.Click(`#reject`, chromedp.ByQuery),
		chromedp.WaitVisible(`#app`, chromedp.ByQuery),
	)
	q = app.received()
	if q.Get("success") != "false" || q.Get("password") != "" {
		t.Errorf("after rejecting, the app received %v", q)
	}
}

func TestTwoFactorLogin(t *testing.T) {
	s := startSite(t)
	ctx := newBrowser(t)
	run(t, ctx, "open login", chromedp.Navigate(s.url+"/wp-login.php"))
	login(t, ctx, "editor", "editor-test-pass")
	var secret string
	run(t, ctx, "start two-factor setup",
		chromedp.WaitVisible(`body.index-php`, chromedp.ByQuery),
		chromedp.Navigate(s.url+"/wp-admin/profile.php"),
		chromedp.WaitVisible(`#two-factor-start`, chromedp.ByQuery),
		chromedp.Click(`#two-factor-start`, chromedp.ByQuery),
		chromedp.WaitVisible(`#two-factor-secret`, chromedp.ByQuery),
		chromedp.Text(`#two-factor-secret`, &secret, chromedp.ByQuery),
	)
	screenshot(t, ctx, "profile-two-factor-setup")
	secret = strings.ReplaceAll(secret, " ", "")
	run(t, ctx, "confirm with a first code",
		chromedp.SendKeys(`#two_factor_code`, models.TOTPCode(secret, time.Now()), chromedp.ByQuery),
		chromedp.Click(`#two-factor-confirm`, chromedp.ByQuery),
		chromedp.WaitVisible(`.recovery-codes`, chromedp.ByQuery),
	)
	run(t, ctx, "log in again",
		network.ClearBrowserCookies(),
		chromedp.Navigate(s.url+"/wp-login.php"),
	)
	login(t, ctx, "editor", "editor-test-pass")
	var heading string
	run(t, ctx, "enter the code",
		chromedp.WaitVisible(`#authcode`, chromedp.ByQuery),
		// The next step's code: the current one was spent on the setup.
		chromedp.SendKeys(`#authcode`, models.TOTPCode(secret, time.Now().Add(30*time.Second)), chromedp.ByQuery),
		chromedp.Click(`#wp-submit`, chromedp.ByQuery),
		chromedp.WaitVisible(`body.index-php h1`, chromedp.ByQuery),
		chromedp.Text(`body.index-php h1`, &heading, chromedp.ByQuery),
	)
	if heading != "Dashboard" {
		t.Errorf("after the code: %q", heading)
	}
}
