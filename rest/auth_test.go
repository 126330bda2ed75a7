package rest

import (
	"context"
	"encoding/base64"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/presspass/presspass/models"
)

func TestBasicAuthVariants(t *testing.T) {
	ts := newTestSite(t)
	adminPw := ts.appPw["admin"]
	b64 := func(s string) string { return "Basic " + base64.StdEncoding.EncodeToString([]byte(s)) }
	cases := []struct {
		name   string
		auth   string
		path   string
		status int
		code   string
		wantID float64
	}{
		{"app password", basic("admin", adminPw), "/wp-json/wp/v2/users/me", 200, "", 1},
		{"chunked app password", basic("admin", models.ChunkAppPassword(adminPw)), "/wp-json/wp/v2/users/me", 200, "", 1},
		{"app password grouped with dashes", basic("admin", strings.ReplaceAll(models.ChunkAppPassword(adminPw), " ", "-")), "/wp-json/wp/v2/users/me", 200, "", 1},
		{"app password grouped with tabs", basic("admin", strings.ReplaceAll(models.ChunkAppPassword(adminPw), " ", "\t")), "/wp-json/wp/v2/users/me", 200, "", 1},
		{"app password grouped mixed", basic("admin", adminPw[:8]+"-"+adminPw[8:12]+"\t"+adminPw[12:20]+" _ "+adminPw[20:]), "/wp-json/wp/v2/users/me", 200, "", 1},
		{"lower-case scheme", "basic " + base64.StdEncoding.EncodeToString([]byte("admin:"+adminPw)), "/wp-json/wp/v2/users/me", 200, "", 1},
		{"e-mail as user name", basic("admin@example.com", adminPw), "/wp-json/wp/v2/users/me", 200, "", 1},
		{"main password is refused", basic("admin", "admin-test-pass"), "/wp-json/wp/v2/users/me", 401, "incorrect_password", 0},
		{"wrong app password", basic("admin", "AAAABBBBCCCCDDDDEEEEFFFF"), "/wp-json/wp/v2/users/me", 401, "incorrect_password", 0},
		{"another user's app password", basic("admin", ts.appPw["author"]), "/wp-json/wp/v2/users/me", 401, "incorrect_password", 0},
		{"unknown user", basic("nosuchuser", "AAAABBBBCCCCDDDDEEEEFFFF"), "/wp-json/wp/v2/users/me", 401, "invalid_username", 0},
		{"unknown e-mail", basic("nobody@example.com", "AAAABBBBCCCCDDDDEEEEFFFF"), "/wp-json/wp/v2/users/me", 401, "invalid_email", 0},
		{"split at the first colon", basic("admin", adminPw+":x"), "/wp-json/wp/v2/users/me", 401, "incorrect_password", 0},
		{"bad credentials on a public route", basic("admin", "AAAABBBBCCCCDDDDEEEEFFFF"), "/wp-json/", 401, "incorrect_password", 0},
		{"empty password is anonymous", b64("admin:"), "/wp-json/wp/v2/users/me", 401, "rest_not_logged_in", 0},
		{"malformed base64 is anonymous", "Basic !!!not-base64!!!", "/wp-json/wp/v2/users/me", 401, "rest_not_logged_in", 0},
		{"no colon is anonymous", b64("adminnocolon"), "/wp-json/wp/v2/users/me", 401, "rest_not_logged_in", 0},
		{"bearer token is anonymous", "Bearer abcdef", "/wp-json/wp/v2/users/me", 401, "rest_not_logged_in", 0},
		{"anonymous on a public route", "", "/wp-json/", 200, "", 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h := map[string]string{}
			if c.auth != "" {
				h["Authorization"] = c.auth
			}
			res := ts.with(t).expect(req{path: c.path, headers: h}, c.status, c.code)
			if c.wantID != 0 && res.obj()["id"] != c.wantID {
				t.Errorf("id %v, want %v", res.obj()["id"], c.wantID)
			}
			if c.status == 401 && c.code != "rest_not_logged_in" && res.header.Get("Allow") != "" {
				t.Errorf("authentication error carries Allow %q", res.header.Get("Allow"))
			}
		})
	}
}

func TestRevokedPasswordFailsOnNextRequest(t *testing.T) {
	ts := newTestSite(t)
	created := ts.expect(req{method: "POST", path: "/wp-json/wp/v2/users/me/application-passwords", body: "name=short-lived", as: "author"}, 201, "")
	pw := created.obj()["password"].(string)
	uuid := created.obj()["uuid"].(string)
	auth := map[string]string{"Authorization": basic("author", pw)}
	ts.expect(req{path: "/wp-json/wp/v2/users/me", headers: auth}, 200, "")
	ts.expect(req{method: "DELETE", path: "/wp-json/wp/v2/users/me/application-passwords/" + uuid, as: "author"}, 200, "")
	ts.expect(req{path: "/wp-json/wp/v2/users/me", headers: auth}, 401, "incorrect_password")
	// Deleting every password ends the one in use, too.
	ts.expect(req{method: "DELETE", path: "/wp-json/wp/v2/users/me/application-passwords", as: "author"}, 200, "")
	ts.expect(req{path: "/wp-json/wp/v2/users/me", as: "author"}, 401, "incorrect_password")
}

func TestAvailabilityByEnvironment(t *testing.T) {
	ts := newTestSite(t)
	ts.store.Config.Environment = models.EnvironmentProduction
	// Over plain http in production, Basic credentials are ignored.
	ts.expect(req{path: "/wp-json/wp/v2/users/me", as: "admin"}, 401, "rest_not_logged_in")
	ts.expect(req{path: "/wp-json/wp/v2/users/me", headers: map[string]string{"Authorization": basic("admin", "wrong")}}, 401, "rest_not_logged_in")
	res := ts.expect(req{path: "/wp-json/wp/v2/users/me/application-passwords", as: "admin"}, 501, "application_passwords_disabled")
	if res.header.Get("Allow") != "" {
		t.Errorf("Allow %q on an unavailable feature", res.header.Get("Allow"))
	}
	// Over HTTPS (directly or from a trusted proxy) they work.
	ts.secure.Store(true)
	ts.expect(req{path: "/wp-json/wp/v2/users/me", as: "admin"}, 200, "")
	ts.expect(req{path: "/wp-json/wp/v2/users/me/application-passwords", as: "admin"}, 200, "")
	ts.store.Config.Environment = models.EnvironmentLocal
	ts.secure.Store(false)
	ts.expect(req{path: "/wp-json/wp/v2/users/me", as: "admin"}, 200, "")
}

func TestTwoFactorDoesNotAffectAppPasswords(t *testing.T) {
	ts := newTestSite(t)
	ts.store.Config.TwoFactorAPILogin = false
	if err := ts.store.DB().Model(&models.User{}).Where("id = ?", ts.user("editor").ID).Update("two_factor_enabled", true).Error; err != nil {
		t.Fatal(err)
	}
	ts.expect(req{path: "/wp-json/wp/v2/users/me", as: "editor"}, 200, "")
	ts.expect(req{path: "/wp-json/wp/v2/users/me", headers: map[string]string{"Authorization": basic("editor", "editor-test-pass")}}, 401, "incorrect_password")
}

func TestAppPasswordsDisabledForUser(t *testing.T) {
	ts := newTestSite(t)
	author := ts.user("author")
	if err := ts.store.SetAppPasswordsDisabled(context.Background(), author.ID, true); err != nil {
		t.Fatal(err)
	}
	ts.expect(req{path: "/wp-json/wp/v2/users/me", as: "author"}, 401, "application_passwords_disabled_for_user")
	ts.expect(req{path: "/wp-json/wp/v2/users/3/application-passwords", as: "admin"}, 501, "application_passwords_disabled_for_user")
}

func TestUsageRecordedOnceADay(t *testing.T) {
	ts := newTestSite(t)
	base := time.Date(2030, 5, 1, 12, 0, 0, 0, time.UTC)
	now := base
	ts.store.Clock = func() time.Time { return now }
	editor := ts.user("editor")
	list, err := ts.store.AppPasswords(context.Background(), editor.ID)
	if err != nil || len(list) != 1 {
		t.Fatalf("app passwords: %v %v", list, err)
	}
	lastUsed := func() *time.Time {
		ap, err := ts.store.AppPasswordByUUID(context.Background(), editor.ID, list[0].UUID)
		if err != nil {
			t.Fatal(err)
		}
		return ap.LastUsed
	}
	if lastUsed() != nil {
		t.Fatal("a fresh password has a last use")
	}
	ts.expect(req{path: "/wp-json/wp/v2/users/me", as: "editor"}, 200, "")
	if lu := lastUsed(); lu == nil || !lu.Equal(base) {
		t.Fatalf("first use recorded as %v, want %v", lu, base)
	}
	now = base.Add(3 * time.Hour)
	ts.expect(req{path: "/wp-json/wp/v2/users/me", as: "editor"}, 200, "")
	if lu := lastUsed(); !lu.Equal(base) {
		t.Fatalf("a second use within a day was written: %v", lu)
	}
	now = base.Add(25 * time.Hour)
	ts.expect(req{path: "/wp-json/wp/v2/users/me", as: "editor"}, 200, "")
	if lu := lastUsed(); !lu.Equal(now) {
		t.Fatalf("use after a day recorded as %v, want %v", lu, now)
	}
	res := ts.expect(req{path: "/wp-json/wp/v2/users/me/application-passwords/introspect", as: "editor"}, 200, "")
	if res.obj()["last_used"] != now.Format("2006-01-02T15:04:05") || res.obj()["last_ip"] != "127.0.0.1" {
		t.Errorf("introspect usage %v", res.obj())
	}
}

func TestCookieAuthWithNonce(t *testing.T) {
	ts := newTestSite(t)
	ctx := context.Background()
	admin := ts.user("admin")
	sess, err := ts.store.CreateSession(ctx, admin, false, models.ClientInfo{IP: "127.0.0.1"})
	if err != nil {
		t.Fatal(err)
	}
	nonce := ts.store.CreateNonce(sess, "wp_rest")
	cookie := models.LoggedInCookieName(ts.url) + "=" + sess.Token()
	cases := []struct {
		name    string
		path    string
		headers map[string]string
		status  int
		code    string
	}{
		{"cookie without nonce is anonymous", "/wp-json/wp/v2/users/me", map[string]string{"Cookie": cookie}, 401, "rest_not_logged_in"},
		{"cookie with nonce header", "/wp-json/wp/v2/users/me", map[string]string{"Cookie": cookie, "X-WP-Nonce": nonce}, 200, ""},
		{"cookie with _wpnonce parameter", "/wp-json/wp/v2/users/me?_wpnonce=" + nonce, map[string]string{"Cookie": cookie}, 200, ""},
		{"cookie with a bad nonce", "/wp-json/wp/v2/users/me", map[string]string{"Cookie": cookie, "X-WP-Nonce": "0123456789"}, 403, "rest_cookie_invalid_nonce"},
		{"cookie wins over Basic", "/wp-json/wp/v2/users/me", map[string]string{"Cookie": cookie, "Authorization": basic("author", ts.appPw["author"])}, 401, "rest_not_logged_in"},
		{"stale cookie falls back to Basic", "/wp-json/wp/v2/users/me", map[string]string{"Cookie": models.LoggedInCookieName(ts.url) + "=stale", "Authorization": basic("author", ts.appPw["author"])}, 200, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := ts.with(t).expect(req{path: c.path, headers: c.headers}, c.status, c.code)
			if c.status == 200 && c.headers["Authorization"] == "" && !ts.store.VerifyNonce(sess, "wp_rest", res.header.Get("X-WP-Nonce")) {
				t.Errorf("no fresh nonce in X-WP-Nonce: %q", res.header.Get("X-WP-Nonce"))
			}
		})
	}
	// A cookie-authenticated request is not authenticated by an application
	// password, so introspection has nothing to show.
	ts.expect(req{path: "/wp-json/wp/v2/users/me/application-passwords/introspect", headers: map[string]string{"Cookie": cookie, "X-WP-Nonce": nonce}}, http.StatusNotFound, "rest_no_authenticated_app_password")
}

func TestReadOnlyAppPassword(t *testing.T) {
	ts := newTestSite(t)
	created, err := ts.store.CreateAppPasswordWith(context.Background(), ts.user("editor").ID, models.AppPasswordOptions{Name: "reader", Scope: models.ScopeRead})
	if err != nil {
		t.Fatal(err)
	}
	auth := map[string]string{"Authorization": basic("editor", created.Password)}
	ts.expect(req{path: "/wp-json/wp/v2/users/me", headers: auth}, 200, "")
	ts.expect(req{method: "OPTIONS", path: "/wp-json/wp/v2/users/me", headers: auth}, 200, "")
	ts.expect(req{method: "POST", path: "/wp-json/wp/v2/users/me", body: "description=x", headers: auth}, 403, "application_password_insufficient_scope")
	ts.expect(req{method: "POST", path: "/wp-json/wp/v2/users/me?_method=DELETE&reassign=1", headers: auth}, 403, "application_password_insufficient_scope")
	ts.expect(req{method: "DELETE", path: "/wp-json/wp/v2/users/me/application-passwords", headers: auth}, 403, "application_password_insufficient_scope")
	// A full password of the same user still writes.
	ts.expect(req{method: "POST", path: "/wp-json/wp/v2/users/me", body: "description=x", as: "editor"}, 200, "")
}
