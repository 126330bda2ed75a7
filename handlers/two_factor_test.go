package handlers

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/presspass/presspass/models"
)

// formFor collects the hidden fields of the form that posts action op.
func formFor(t *testing.T, body, op string) url.Values {
	t.Helper()
	marker := `name="action" value="` + op + `"`
	i := strings.Index(body, marker)
	if i < 0 {
		t.Fatalf("page has no %s form", op)
	}
	start := strings.LastIndex(body[:i], "<form")
	return url.Values{"_wpnonce": {inputValue(t, body[start:], "_wpnonce")}, "action": {op}}
}

var recoveryRe = regexp.MustCompile(`<li><code>([a-z0-9]{5}-[a-z0-9]{5})</code></li>`)

// enableTwoFactor turns two-factor on through the profile page and returns
// the secret and the recovery codes.
func enableTwoFactor(t *testing.T, b *browser) (string, []string) {
	t.Helper()
	p := b.get("/wp-admin/profile.php")
	mustContain(t, p, "Turn it on to be asked for a code from an authenticator app")
	s := b.post("/wp-admin/profile.php", formFor(t, p.Body, "two-factor-start"))
	wantStatus(t, s, http.StatusOK)
	if !strings.Contains(s.Body, `src="data:image/png;base64,`) {
		t.Error("no QR code")
	}
	if !strings.Contains(s.Header.Get("Cache-Control"), "no-store") {
		t.Error("page with the secret is cacheable")
	}
	m := regexp.MustCompile(`id="two-factor-secret">([A-Z2-7 ]+)<`).FindStringSubmatch(s.Body)
	if m == nil {
		t.Fatal("secret not shown")
	}
	secret := strings.ReplaceAll(m[1], " ", "")

	bad := formFor(t, s.Body, "two-factor-confirm")
	bad.Set("two_factor_code", "000000")
	if models.TOTPCode(secret, b.site.store.Now()) == "000000" {
		bad.Set("two_factor_code", "111111")
	}
	r := b.post("/wp-admin/profile.php", bad)
	wantStatus(t, r, http.StatusOK)
	mustContain(t, r, "The authentication code is incorrect.")

	f := formFor(t, s.Body, "two-factor-confirm")
	f.Set("two_factor_code", models.TOTPCode(secret, b.site.store.Now()))
	r = b.post("/wp-admin/profile.php", f)
	wantStatus(t, r, http.StatusOK)
	mustContain(t, r, "Two-factor authentication is now on.", "You will not be able to see them again.")
	var codes []string
	for _, m := range recoveryRe.FindAllStringSubmatch(r.Body, -1) {
		codes = append(codes, m[1])
	}
	if len(codes) != models.RecoveryCodeCount {
		t.Fatalf("%d recovery codes shown", len(codes))
	}
	if again := b.get("/wp-admin/profile.php"); strings.Contains(again.Body, codes[0]) || strings.Contains(again.Body, m[1]) {
		t.Error("recovery codes or secret shown again")
	}
	return secret, codes
}

// passwordStep posts the password and returns the code form's token.
func passwordStep(t *testing.T, b *browser, login, pass string) string {
	t.Helper()
	b.get("/wp-login.php")
	p := b.post("/wp-login.php", url.Values{"log": {login}, "pwd": {pass}, "testcookie": {"1"}})
	wantStatus(t, p, http.StatusOK)
	mustContain(t, p, "Authentication Code")
	if b.cookie(models.LoggedInCookieName(b.site.url)) != "" {
		t.Fatal("logged in before the second factor")
	}
	return inputValue(t, p.Body, "two_factor_token")
}

func codeStep(b *browser, token, code string) *page {
	return b.post("/wp-login.php?action=two-factor", url.Values{"two_factor_token": {token}, "authcode": {code}})
}

// fixClock stops the store's clock in the middle of a 30-second step, so
// that which codes are current cannot change while a test runs.
func fixClock(ts *testSite) time.Time {
	now := time.Now().UTC().Truncate(30 * time.Second).Add(10 * time.Second)
	ts.store.Clock = func() time.Time { return now }
	return now
}

func TestTwoFactorLogin(t *testing.T) {
	ts := newTestSite(t, models.EnvironmentLocal)
	now := fixClock(ts)
	owner := ts.browser()
	owner.login("author", "author-test-pass")
	secret, codes := enableTwoFactor(t, owner)

	t.Run("wrong code then right code", func(t *testing.T) {
		b := ts.browser()
		token := passwordStep(t, b, "author", "author-test-pass")
		p := codeStep(b, token, "12345")
		wantStatus(t, p, http.StatusOK)
		mustContain(t, p, "The authentication code is incorrect.")
		// The next step's code: the confirmation used the current one.
		p = codeStep(b, token, models.TOTPCode(secret, now.Add(30*time.Second)))
		wantStatus(t, p, http.StatusFound)
		wantStatus(t, b.get("/wp-admin/"), http.StatusOK)
		// The challenge is used up.
		wantStatus(t, codeStep(ts.browser(), token, models.TOTPCode(secret, now)), http.StatusOK)
	})
	t.Run("a used code is refused", func(t *testing.T) {
		b := ts.browser()
		token := passwordStep(t, b, "author", "author-test-pass")
		p := codeStep(b, token, models.TOTPCode(secret, now.Add(30*time.Second)))
		wantStatus(t, p, http.StatusOK)
		mustContain(t, p, "The authentication code is incorrect.")
	})
	t.Run("recovery code works once", func(t *testing.T) {
		b := ts.browser()
		token := passwordStep(t, b, "author", "author-test-pass")
		wantStatus(t, codeStep(b, token, strings.ToUpper(codes[0])), http.StatusFound)
		b2 := ts.browser()
		token = passwordStep(t, b2, "author", "author-test-pass")
		wantStatus(t, codeStep(b2, token, codes[0]), http.StatusOK)
		u, _ := ts.store.UserByLogin(context.Background(), "author")
		if models.RecoveryCodesLeft(u) != models.RecoveryCodeCount-1 {
			t.Errorf("%d recovery codes left", models.RecoveryCodesLeft(u))
		}
	})
	t.Run("too many wrong codes end the attempt", func(t *testing.T) {
		b := ts.browser()
		token := passwordStep(t, b, "author", "author-test-pass")
		for i := 0; i < 5; i++ {
			codeStep(b, token, "999999x")
		}
		p := codeStep(b, token, models.TOTPCode(secret, now.Add(-30*time.Second)))
		mustContain(t, p, "The login attempt expired or had too many wrong codes.")
		if b.cookie(models.LoggedInCookieName(ts.url)) != "" {
			t.Error("logged in after too many wrong codes")
		}
	})
	t.Run("forged token", func(t *testing.T) {
		b := ts.browser()
		p := codeStep(b, "AAAA", "123456")
		wantStatus(t, p, http.StatusOK)
		mustContain(t, p, "The login attempt expired")
	})
	t.Run("disable", func(t *testing.T) {
		p := owner.get("/wp-admin/profile.php")
		r := owner.post("/wp-admin/profile.php", formFor(t, p.Body, "two-factor-disable"))
		wantStatus(t, r, http.StatusSeeOther)
		mustContain(t, owner.get("/wp-admin/profile.php?updated=two-factor-off"), "Two-factor authentication is now off.")
		ts.browser().login("author", "author-test-pass")
	})
}

func TestTwoFactorOnlyOwnerSetsUp(t *testing.T) {
	ts := newTestSite(t, models.EnvironmentLocal)
	b := ts.browser()
	b.login("admin", adminPass)
	editor := currentUserID(t, ts, "editor")
	p := b.get("/wp-admin/user-edit.php?user_id=" + itoa(editor))
	mustContain(t, p, "Only the user can turn it on.")
	f := url.Values{"_wpnonce": {inputValue(t, p.Body, "_wpnonce", `id="your-profile"`)}, "action": {"two-factor-start"}, "user_id": {itoa(editor)}}
	r := b.post("/wp-admin/user-edit.php?user_id="+itoa(editor), f)
	wantStatus(t, r, http.StatusForbidden)
	mustContain(t, r, "Only the account owner can set up two-factor authentication.")
}

// The attack of issue 17 over loopback: one address posts the right password
// and then wrong codes (TOTP and recovery codes alike), taking a fresh
// challenge whenever one is used up. It gets the lock page (429,
// Retry-After) within its first 25 wrong codes, the user's open challenges
// stay bounded, and the right code on a live challenge is refused until the
// lock ends, then accepted.
func TestTwoFactorGuessingIsLocked(t *testing.T) {
	ts := newTestSite(t, models.EnvironmentLocal)
	now := fixClock(ts)
	owner := ts.browser()
	owner.login("author", "author-test-pass")
	secret, _ := enableTwoFactor(t, owner)
	author, err := ts.store.UserByLogin(context.Background(), "author")
	if err != nil {
		t.Fatal(err)
	}
	wrongTOTP := "000000"
	for _, step := range []time.Duration{-30 * time.Second, 0, 30 * time.Second} {
		if models.TOTPCode(secret, now.Add(step)) == wrongTOTP {
			wrongTOTP = "111111"
		}
	}

	attacker := ts.browser()
	attacker.get("/wp-login.php")
	var locked *page
	var live string
	wrong := 0
	for wrong < 25 && locked == nil {
		p := attacker.post("/wp-login.php", url.Values{"log": {"author"}, "pwd": {"author-test-pass"}, "testcookie": {"1"}})
		if p.StatusCode == http.StatusTooManyRequests {
			locked = p
			break
		}
		wantStatus(t, p, http.StatusOK)
		token := inputValue(t, p.Body, "two_factor_token")
		var open int64
		ts.store.DB().Model(&models.LoginChallenge{}).Where("user_id = ?", author.ID).Count(&open)
		if open > 3 {
			t.Fatalf("%d open challenges after %d wrong codes, want at most 3", open, wrong)
		}
		for i := 0; i < 3 && wrong < 25; i++ {
			code := wrongTOTP
			if wrong%2 == 1 {
				code = "zzzzz-zzzzz"
			}
			p := codeStep(attacker, token, code)
			wrong++
			if p.StatusCode == http.StatusTooManyRequests {
				locked, live = p, token
				break
			}
			wantStatus(t, p, http.StatusOK)
			mustContain(t, p, "The authentication code is incorrect.")
		}
	}
	if locked == nil {
		t.Fatalf("%d wrong codes from one address and no lock", wrong)
	}
	t.Logf("locked after %d wrong codes", wrong)
	mustContain(t, locked, "Too many failed login attempts.")
	secs, err := strconv.Atoi(locked.Header.Get("Retry-After"))
	if err != nil || secs < 1 {
		t.Fatalf("Retry-After %q", locked.Header.Get("Retry-After"))
	}
	if live == "" {
		t.Fatal("the lock did not come from a code step")
	}

	right := codeStep(attacker, live, models.TOTPCode(secret, now.Add(30*time.Second)))
	wantStatus(t, right, http.StatusTooManyRequests)
	if attacker.cookie(models.LoggedInCookieName(ts.url)) != "" {
		t.Fatal("logged in during the lock")
	}

	later := now.Add(time.Duration(secs+1) * time.Second)
	ts.store.Clock = func() time.Time { return later }
	wantStatus(t, codeStep(attacker, live, models.TOTPCode(secret, later)), http.StatusFound)
	wantStatus(t, attacker.get("/wp-admin/"), http.StatusOK)
}
