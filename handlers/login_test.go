package handlers

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/presspass/presspass/models"
)

func TestLoginForm(t *testing.T) {
	ts := newTestSite(t, models.EnvironmentLocal)
	b := ts.browser()
	p := b.get("/wp-login.php")
	wantStatus(t, p, http.StatusOK)
	for _, name := range []string{"log", "pwd", "rememberme", "redirect_to", "testcookie"} {
		inputValue(t, p.Body, name)
	}
	if got := inputValue(t, p.Body, "redirect_to"); got != ts.url+"/wp-admin/" {
		t.Errorf("redirect_to = %q, want the dashboard", got)
	}
	if b.cookie(models.TestCookieName) == "" {
		t.Error("no test cookie set")
	}
	for h, want := range map[string]string{
		"X-Frame-Options": "DENY",
		"Link":            "<" + ts.url + "/wp-json/>; rel=\"https://api.w.org/\"",
		"Content-Type":    "text/html; charset=UTF-8",
	} {
		if got := p.Header.Get(h); got != want {
			t.Errorf("%s = %q, want %q", h, got, want)
		}
	}
	if !strings.Contains(p.Header.Get("Content-Security-Policy"), "frame-ancestors 'none'") {
		t.Errorf("CSP = %q", p.Header.Get("Content-Security-Policy"))
	}
}

func TestLoginFailures(t *testing.T) {
	ts := newTestSite(t, models.EnvironmentLocal)
	admin, err := ts.store.UserByLogin(context.Background(), "admin")
	if err != nil {
		t.Fatal(err)
	}
	np, err := ts.store.CreateAppPassword(context.Background(), admin.ID, "phone", "")
	if err != nil {
		t.Fatal(err)
	}
	wrongAdmin := "Error: The password you entered for the username admin is incorrect. Lost your password?"
	tests := []struct {
		name, log, pwd string
		noTestCookie   bool
		want           []string
	}{
		{"wrong password", "admin", "nope", false, []string{wrongAdmin}},
		{"application password refused", "admin", np.Password, false, []string{wrongAdmin}},
		{"chunked application password refused", "admin", np.Chunked(), false, []string{wrongAdmin}},
		{"wrong password by email", "admin@example.com", "nope", false, []string{"Error: The password you entered for the email address admin@example.com is incorrect."}},
		{"unknown user", "nobody", "x", false, []string{"Error: The username nobody is not registered on this site."}},
		{"unknown email", "nobody@example.com", "x", false, []string{"Error: Unknown email address. Check again or try your username."}},
		{"empty both", "", "", false, []string{"Error: The username field is empty.", "Error: The password field is empty."}},
		{"empty password", "admin", "", false, []string{"Error: The password field is empty."}},
		{"cookies blocked", "admin", adminPass, true, []string{"Cookies are blocked or not supported by your browser."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := ts.browser()
			if !tt.noTestCookie {
				b.get("/wp-login.php")
			}
			p := b.post("/wp-login.php", url.Values{"log": {tt.log}, "pwd": {tt.pwd}, "testcookie": {"1"}, "redirect_to": {ts.url + "/wp-admin/"}})
			wantStatus(t, p, http.StatusOK)
			mustContain(t, p, tt.want...)
			if !strings.Contains(p.Body, `id="login_error"`) {
				t.Error("no login_error block")
			}
			if b.cookie(models.LoggedInCookieName(ts.url)) != "" {
				t.Error("a failed login set the session cookie")
			}
			if got := inputValue(t, p.Body, "log"); got != tt.log {
				t.Errorf("log field = %q, want %q", got, tt.log)
			}
		})
	}
}

func TestLoginRedirects(t *testing.T) {
	ts := newTestSite(t, models.EnvironmentLocal)
	tests := []struct {
		name, redirectTo, want string
	}{
		{"default", "", ts.url + "/wp-admin/"},
		{"absolute on site", ts.url + "/wp-admin/profile.php", ts.url + "/wp-admin/profile.php"},
		{"path", "/wp-admin/profile.php?x=1", ts.url + "/wp-admin/profile.php?x=1"},
		{"other host", "https://evil.example/steal", ts.url + "/wp-admin/"},
		{"protocol-relative", "//evil.example/steal", ts.url + "/wp-admin/"},
		{"backslash trick", "/\\evil.example", ts.url + "/wp-admin/"},
		{"javascript", "javascript:alert(1)", ts.url + "/wp-admin/"},
		{"credentials", "http://user@" + strings.TrimPrefix(ts.url, "http://") + "/", ts.url + "/wp-admin/"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := ts.browser()
			b.get("/wp-login.php")
			p := b.post("/wp-login.php", url.Values{"log": {"admin"}, "pwd": {adminPass}, "testcookie": {"1"}, "redirect_to": {tt.redirectTo}})
			wantStatus(t, p, http.StatusFound)
			if got := p.Header.Get("Location"); got != tt.want {
				t.Errorf("Location = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestSessionCookie(t *testing.T) {
	ts := newTestSite(t, models.EnvironmentLocal)
	ctx := context.Background()
	for _, remember := range []bool{false, true} {
		b := ts.browser()
		b.get("/wp-login.php")
		form := url.Values{"log": {"admin@example.com"}, "pwd": {adminPass}, "testcookie": {"1"}}
		if remember {
			form.Set("rememberme", "forever")
		}
		p := b.post("/wp-login.php", form)
		wantStatus(t, p, http.StatusFound)
		var ck *http.Cookie
		for _, c := range p.Cookies() {
			if c.Name == models.LoggedInCookieName(ts.url) {
				ck = c
			}
		}
		if ck == nil {
			t.Fatal("no session cookie")
		}
		if !ck.HttpOnly || ck.SameSite != http.SameSiteLaxMode || ck.Path != "/" {
			t.Errorf("cookie attributes: %+v", ck)
		}
		if remember == ck.Expires.IsZero() {
			t.Errorf("remember=%v but cookie expires %v", remember, ck.Expires)
		}
		u, sess, err := ts.store.UserBySessionToken(ctx, ck.Value)
		if err != nil || u.Login != "admin" {
			t.Fatalf("session lookup: %v %v", u, err)
		}
		if sess.TokenHash == ck.Value || strings.Contains(sess.TokenHash, ck.Value) {
			t.Error("token stored in clear")
		}
		life := sess.Expires.Sub(sess.Created)
		if want := models.SessionLifetime; remember {
			if life != models.SessionLifetimeRemember {
				t.Errorf("remembered session lives %v", life)
			}
		} else if life != want {
			t.Errorf("session lives %v, want %v", life, want)
		}
	}
}

func TestSecureCookieOverHTTPS(t *testing.T) {
	ts := newTestSite(t, models.EnvironmentProduction)
	ts.secure = true
	b := ts.browser()
	b.get("/wp-login.php")
	p := b.post("/wp-login.php", url.Values{"log": {"admin"}, "pwd": {adminPass}, "testcookie": {"1"}})
	wantStatus(t, p, http.StatusFound)
	for _, c := range p.Cookies() {
		if c.Name == models.LoggedInCookieName(ts.url) && !c.Secure {
			t.Error("session cookie not Secure over HTTPS")
		}
	}
}

func TestLoggedOutRedirects(t *testing.T) {
	ts := newTestSite(t, models.EnvironmentLocal)
	b := ts.browser()
	for _, path := range []string{"/wp-admin/", "/wp-admin/profile.php", "/wp-admin/user-edit.php?user_id=2", "/wp-admin/authorize-application.php?app_name=X"} {
		p := b.get(path)
		wantStatus(t, p, http.StatusFound)
		want := ts.url + "/wp-login.php?redirect_to=" + url.QueryEscape(ts.url+path) + "&reauth=1"
		if got := p.Header.Get("Location"); got != want {
			t.Errorf("%s: Location = %q, want %q", path, got, want)
		}
	}
	p := b.get("/wp-admin")
	wantStatus(t, p, http.StatusMovedPermanently)
}

func TestLogout(t *testing.T) {
	ts := newTestSite(t, models.EnvironmentLocal)
	b := ts.browser()
	b.login("admin", adminPass)
	token := b.cookie(models.LoggedInCookieName(ts.url))
	dash := b.get("/wp-admin/")
	wantStatus(t, dash, http.StatusOK)
	mustContain(t, dash, "Dashboard", "admin")

	// Without a nonce: asked to confirm, still logged in.
	p := b.get("/wp-login.php?action=logout")
	wantStatus(t, p, http.StatusForbidden)
	mustContain(t, p, "Do you really want to log out?")
	p = b.post("/wp-login.php?action=logout", url.Values{"_wpnonce": {"0123456789"}})
	wantStatus(t, p, http.StatusForbidden)
	wantStatus(t, b.get("/wp-admin/"), http.StatusOK)

	nonce := inputValue(t, dash.Body, "_wpnonce")
	p = b.get("/wp-login.php?action=logout&_wpnonce=" + nonce)
	wantStatus(t, p, http.StatusFound)
	if got := p.Header.Get("Location"); got != ts.url+"/wp-login.php?loggedout=true" {
		t.Errorf("Location = %q", got)
	}
	mustContain(t, b.get("/wp-login.php?loggedout=true"), "You are now logged out.")
	if _, _, err := ts.store.UserBySessionToken(context.Background(), token); models.ErrorKind(err) != models.KindUnauthenticated {
		t.Errorf("session still valid after logout: %v", err)
	}
	wantStatus(t, b.get("/wp-admin/"), http.StatusFound)
}

func TestPasswordChangeEndsOtherSessions(t *testing.T) {
	ts := newTestSite(t, models.EnvironmentLocal)
	other := ts.browser()
	other.login("editor", editorPass)
	b := ts.browser()
	b.login("editor", editorPass)
	p := b.get("/wp-admin/profile.php")
	form := profileForm(t, p.Body)
	form.Set("pass1", "a-new-long-password")
	form.Set("pass2", "a-new-long-password")
	r := b.post("/wp-admin/profile.php", form)
	wantStatus(t, r, http.StatusSeeOther)
	wantStatus(t, b.get("/wp-admin/profile.php"), http.StatusOK)
	wantStatus(t, other.get("/wp-admin/"), http.StatusFound)
	fresh := ts.browser()
	fresh.login("editor", "a-new-long-password")
}

func TestAdminAjaxRestNonce(t *testing.T) {
	ts := newTestSite(t, models.EnvironmentLocal)
	b := ts.browser()
	p := b.get("/wp-admin/admin-ajax.php?action=rest-nonce")
	wantStatus(t, p, http.StatusBadRequest)
	if p.Body != "0" {
		t.Errorf("logged-out body %q, want 0", p.Body)
	}
	b.login("author", "author-test-pass")
	p = b.get("/wp-admin/admin-ajax.php?action=rest-nonce")
	wantStatus(t, p, http.StatusOK)
	if len(p.Body) != 10 {
		t.Fatalf("nonce %q is not 10 characters", p.Body)
	}
	_, sess, err := ts.store.UserBySessionToken(context.Background(), b.cookie(models.LoggedInCookieName(ts.url)))
	if err != nil {
		t.Fatal(err)
	}
	if !ts.store.VerifyNonce(sess, "wp_rest", p.Body) {
		t.Error("the nonce does not verify for wp_rest")
	}
	if ts.store.VerifyNonce(sess, "other", p.Body) {
		t.Error("the nonce verifies for another action")
	}
	if again := b.get("/wp-admin/admin-ajax.php?action=rest-nonce"); again.Body != p.Body {
		t.Error("nonce changed within its tick")
	}
	wantStatus(t, b.get("/wp-admin/admin-ajax.php?action=unknown"), http.StatusBadRequest)
}

func TestHomePage(t *testing.T) {
	ts := newTestSite(t, models.EnvironmentLocal)
	p := ts.browser().get("/")
	wantStatus(t, p, http.StatusOK)
	want := `<link rel="EditURI" type="application/rsd+xml" title="RSD" href="` + ts.url + `/xmlrpc.php?rsd" />`
	if !strings.Contains(p.Body, want) {
		t.Errorf("home page lacks %s", want)
	}
	if p.Header.Get("Link") != "<"+ts.url+"/wp-json/>; rel=\"https://api.w.org/\"" {
		t.Errorf("Link = %q", p.Header.Get("Link"))
	}
	mustContain(t, p, "PressPass Test")
}

// profileForm collects the profile form's fields as the browser would post
// them.
func profileForm(t *testing.T, body string) url.Values {
	t.Helper()
	f := url.Values{}
	for _, n := range []string{"_wpnonce", "action", "user_id", "first_name", "last_name", "nickname", "email", "url"} {
		f.Set(n, inputValue(t, body, n, `id="your-profile"`))
	}
	return f
}

func TestOversizedFormRefused(t *testing.T) {
	ts := newTestSite(t, models.EnvironmentLocal)
	b := ts.browser()
	p := b.post("/wp-login.php", url.Values{"log": {"admin"}, "pwd": {strings.Repeat("x", maxFormBytes)}})
	wantStatus(t, p, http.StatusRequestEntityTooLarge)
	if p.Header.Get("X-Frame-Options") != "DENY" {
		t.Error("error page without the page headers")
	}
}

func TestStaleCookieIsIgnored(t *testing.T) {
	ts := newTestSite(t, models.EnvironmentLocal)
	b := ts.browser()
	u, _ := url.Parse(ts.url)
	b.c.Jar.SetCookies(u, []*http.Cookie{{Name: models.LoggedInCookieName(ts.url), Value: "forged-token", Path: "/"}})
	p := b.get("/wp-login.php")
	wantStatus(t, p, http.StatusOK)
	if b.cookie(models.LoggedInCookieName(ts.url)) != "" {
		t.Error("stale cookie not cleared")
	}
	wantStatus(t, b.get("/wp-admin/"), http.StatusFound)
}

func TestStylesheet(t *testing.T) {
	ts := newTestSite(t, models.EnvironmentLocal)
	p := ts.browser().get(assetPrefix + "presspass.css")
	wantStatus(t, p, http.StatusOK)
	if !strings.HasPrefix(p.Header.Get("Content-Type"), "text/css") {
		t.Errorf("Content-Type %q", p.Header.Get("Content-Type"))
	}
	wantStatus(t, ts.browser().get(assetPrefix+"..%2fpages.go"), http.StatusNotFound)
	wantStatus(t, ts.browser().get(assetPrefix+"missing.css"), http.StatusNotFound)
}

func TestLoginLockout(t *testing.T) {
	ts := newTestSite(t, models.EnvironmentLocal)
	ts.store.Config.Throttle = models.ThrottleConfig{AccountThreshold: 3, IPThreshold: 100}
	b := ts.browser()
	b.get("/wp-login.php")
	for i := 0; i < 3; i++ {
		b.post("/wp-login.php", url.Values{"log": {"editor"}, "pwd": {"guess"}, "testcookie": {"1"}})
	}
	p := b.post("/wp-login.php", url.Values{"log": {"editor"}, "pwd": {editorPass}, "testcookie": {"1"}})
	wantStatus(t, p, http.StatusTooManyRequests)
	mustContain(t, p, "Too many failed login attempts.")
	if p.Header.Get("Retry-After") == "" {
		t.Error("no Retry-After")
	}
	if b.cookie(models.LoggedInCookieName(ts.url)) != "" {
		t.Error("logged in while locked")
	}
}

func TestHeadRequests(t *testing.T) {
	ts := newTestSite(t, models.EnvironmentLocal)
	b := ts.browser()
	for path, status := range map[string]int{"/": http.StatusOK, "/wp-login.php": http.StatusOK, "/wp-admin/": http.StatusFound} {
		req, _ := http.NewRequest(http.MethodHead, ts.url+path, nil)
		p := b.do(req)
		wantStatus(t, p, status)
		if p.Body != "" {
			t.Errorf("HEAD %s has a body", path)
		}
	}
}

// TestHostileInput posts malformed values to every form: each gets a clear
// answer, never a server error.
func TestHostileInput(t *testing.T) {
	ts := newTestSite(t, models.EnvironmentLocal)
	bad := "\xff\xfe<script>\x00"
	b := ts.browser()
	b.get("/wp-login.php")
	for _, form := range []url.Values{
		{"log": {bad}, "pwd": {bad}, "testcookie": {"1"}, "redirect_to": {"/" + bad}},
		{"log": {strings.Repeat("a", 5000)}, "pwd": {"x"}},
	} {
		p := b.post("/wp-login.php", form)
		if p.StatusCode >= 500 {
			t.Errorf("login: status %d", p.StatusCode)
		}
		if strings.Contains(p.Body, "<script>") {
			t.Error("input reflected unescaped")
		}
	}
	wantStatus(t, b.post("/wp-login.php?action=two-factor", url.Values{"two_factor_token": {bad}, "authcode": {bad}}), http.StatusOK)

	b.login("admin", adminPass)
	p := b.get("/wp-admin/profile.php")
	for _, f := range []url.Values{
		{"action": {"update"}, "first_name": {bad}, "nickname": {bad}, "email": {bad}, "url": {bad}, "description": {bad}, "display_name": {bad}},
		{"action": {"create-application-password"}, "new_application_password_name": {bad + strings.Repeat("n", 300)}},
		{"action": {"revoke-application-password"}, "uuid": {bad}},
		{"action": {"revoke-application-password"}, "uuid": {"00000000-0000-4000-8000-000000000000"}},
		{"action": {"two-factor-confirm"}, "two_factor_code": {bad}},
		{"action": {"destroy-session"}, "session": {bad}},
		{"action": {bad}},
	} {
		f.Set("_wpnonce", inputValue(t, p.Body, "_wpnonce", `id="your-profile"`))
		r := b.post("/wp-admin/profile.php", f)
		if r.StatusCode >= 500 {
			t.Errorf("profile %s: status %d: %.300s", f.Get("action"), r.StatusCode, text(r.Body))
		}
		if strings.Contains(r.Body, "<script>") {
			t.Errorf("profile %s: input reflected unescaped", f.Get("action"))
		}
	}
	a := b.get(authorizePath + "?app_name=" + url.QueryEscape(bad) + "&app_id=" + url.QueryEscape(bad))
	wantStatus(t, a, http.StatusInternalServerError)
	mustContain(t, a, "The application ID must be a UUID.")
	a = b.get(authorizePath + "?app_name=" + url.QueryEscape(bad))
	wantStatus(t, a, http.StatusOK)
	if strings.Contains(a.Body, "<script>") {
		t.Error("authorize: app name reflected unescaped")
	}
	f := authorizeFormValues(t, a.Body)
	f.Set("approve", "Yes")
	if r := b.post(authorizePath, f); r.StatusCode >= 500 {
		t.Errorf("authorize approve: status %d: %.300s", r.StatusCode, text(r.Body))
	}
}
