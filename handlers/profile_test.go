package handlers

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/presspass/presspass/models"
)

// appPasswordForm is the "Add Application Password" form's values.
func appPasswordForm(t *testing.T, body, name string) url.Values {
	t.Helper()
	return url.Values{
		"_wpnonce":                      {inputValue(t, body, "_wpnonce", "create-application-password")},
		"action":                        {"create-application-password"},
		"user_id":                       {inputValue(t, body, "user_id", "create-application-password")},
		"new_application_password_name": {name},
	}
}

func TestProfileUpdate(t *testing.T) {
	ts := newTestSite(t, models.EnvironmentLocal)
	b := ts.browser()
	b.login("author", "author-test-pass")
	p := b.get("/wp-admin/profile.php")
	wantStatus(t, p, http.StatusOK)
	form := profileForm(t, p.Body)

	t.Run("saved", func(t *testing.T) {
		f := cloneValues(form)
		f.Set("first_name", "Ada")
		f.Set("last_name", "Lovelace")
		f.Set("display_name", "Ada Lovelace")
		f.Set("url", "example.org/ada")
		f.Set("description", "Mathematician.")
		r := b.post("/wp-admin/profile.php", f)
		wantStatus(t, r, http.StatusSeeOther)
		if got := r.Header.Get("Location"); got != ts.url+"/wp-admin/profile.php?updated=1" {
			t.Errorf("Location = %q", got)
		}
		mustContain(t, b.get("/wp-admin/profile.php?updated=1"), "Profile updated.")
		u, _ := ts.store.UserByLogin(context.Background(), "author")
		if u.FirstName != "Ada" || u.LastName != "Lovelace" || u.DisplayName != "Ada Lovelace" || u.URL != "http://example.org/ada" || u.Description != "Mathematician." {
			t.Errorf("stored %+v", u)
		}
	})
	errorCases := []struct {
		name  string
		field func(url.Values)
		want  string
	}{
		{"empty email", func(f url.Values) { f.Set("email", "") }, "Please enter an email address."},
		{"bad email", func(f url.Values) { f.Set("email", "not-an-email") }, "The email address is not correct."},
		{"taken email", func(f url.Values) { f.Set("email", "admin@example.com") }, "Sorry, that email address is already used!"},
		{"empty nickname", func(f url.Values) { f.Set("nickname", "") }, "Please enter a nickname."},
		{"password mismatch", func(f url.Values) { f.Set("pass1", "one-password"); f.Set("pass2", "another") }, "Passwords do not match."},
		{"bad website", func(f url.Values) { f.Set("url", "javascript:alert(1)") }, "The website address is not a valid http or https URL."},
	}
	for _, tt := range errorCases {
		t.Run(tt.name, func(t *testing.T) {
			f := cloneValues(form)
			tt.field(f)
			r := b.post("/wp-admin/profile.php", f)
			wantStatus(t, r, http.StatusOK)
			mustContain(t, r, tt.want)
		})
	}
	t.Run("bad nonce", func(t *testing.T) {
		f := cloneValues(form)
		f.Set("_wpnonce", "abcdefabcd")
		f.Set("first_name", "Mallory")
		r := b.post("/wp-admin/profile.php", f)
		wantStatus(t, r, http.StatusForbidden)
		u, _ := ts.store.UserByLogin(context.Background(), "author")
		if u.FirstName == "Mallory" {
			t.Error("a forged form changed the profile")
		}
	})
	t.Run("get changes nothing", func(t *testing.T) {
		wantStatus(t, b.get("/wp-admin/profile.php?action=update&first_name=Mallory&_wpnonce="+form.Get("_wpnonce")), http.StatusOK)
		u, _ := ts.store.UserByLogin(context.Background(), "author")
		if u.FirstName == "Mallory" {
			t.Error("a GET changed the profile")
		}
	})
}

func TestUserEditPermissions(t *testing.T) {
	ts := newTestSite(t, models.EnvironmentLocal)
	ctx := context.Background()
	admin, _ := ts.store.UserByLogin(ctx, "admin")
	editor, _ := ts.store.UserByLogin(ctx, "editor")
	author, _ := ts.store.UserByLogin(ctx, "author")
	id := func(u *models.User) string { return "/wp-admin/user-edit.php?user_id=" + itoa(u.ID) }
	tests := []struct {
		login, pass string
		path        string
		status      int
	}{
		{"admin", adminPass, id(editor), http.StatusOK},
		{"admin", adminPass, id(admin), http.StatusFound},
		{"editor", editorPass, id(admin), http.StatusForbidden},
		{"editor", editorPass, id(author), http.StatusForbidden},
		{"author", "author-test-pass", id(editor), http.StatusForbidden},
		{"admin", adminPass, "/wp-admin/user-edit.php?user_id=99999", http.StatusNotFound},
		{"admin", adminPass, "/wp-admin/user-edit.php?user_id=abc", http.StatusBadRequest},
	}
	for _, tt := range tests {
		t.Run(tt.login+" "+tt.path, func(t *testing.T) {
			b := ts.browser()
			b.login(tt.login, tt.pass)
			wantStatus(t, b.get(tt.path), tt.status)
		})
	}
	t.Run("admin edits editor and manages their application passwords", func(t *testing.T) {
		b := ts.browser()
		b.login("admin", adminPass)
		p := b.get(id(editor))
		mustContain(t, p, "Edit User editor", "Application Passwords")
		r := b.post(id(editor), appPasswordForm(t, p.Body, "editor's tool"))
		wantStatus(t, r, http.StatusOK)
		pw := idValue(t, r.Body, "new-application-password-value")
		if u, _, err := ts.store.AuthenticateAppPassword(ctx, "editor", pw, models.ClientInfo{}); err != nil || u.ID != editor.ID {
			t.Errorf("password made for the editor: %v", err)
		}
	})
	t.Run("editor cannot post to admin's page with their own nonce", func(t *testing.T) {
		b := ts.browser()
		b.login("editor", editorPass)
		p := b.get("/wp-admin/profile.php")
		f := appPasswordForm(t, p.Body, "sneaky")
		f.Set("user_id", itoa(admin.ID))
		wantStatus(t, b.post(id(admin), f), http.StatusForbidden)
		list, _ := ts.store.AppPasswords(ctx, admin.ID)
		if len(list) != 0 {
			t.Error("the editor created a password for the admin")
		}
	})
}

func itoa(n uint64) string { return strconv.FormatUint(n, 10) }

func TestApplicationPasswordsOnProfile(t *testing.T) {
	ts := newTestSite(t, models.EnvironmentLocal)
	ctx := context.Background()
	b := ts.browser()
	b.login("editor", editorPass)
	p := b.get("/wp-admin/profile.php")
	mustContain(t, p, "Application passwords allow authentication via non-interactive systems", "New Application Password Name", "Add Application Password", "No application passwords yet.")

	r := b.post("/wp-admin/profile.php", appPasswordForm(t, p.Body, "first"))
	wantStatus(t, r, http.StatusOK)
	first := idValue(t, r.Body, "new-application-password-value")
	r = b.post("/wp-admin/profile.php", appPasswordForm(t, p.Body, "second"))
	wantStatus(t, r, http.StatusOK)
	mustContain(t, r, "Your new password for second is:", "Be sure to save this in a safe location. You will not be able to retrieve it.")
	if !strings.Contains(r.Header.Get("Cache-Control"), "no-store") {
		t.Error("page showing a password is cacheable")
	}
	second := idValue(t, r.Body, "new-application-password-value")
	if len(strings.ReplaceAll(second, " ", "")) != 24 || len(strings.Fields(second)) != 6 {
		t.Errorf("password %q not shown in six groups of four", second)
	}

	// Shown once: a later view lists it but never shows it.
	list := b.get("/wp-admin/profile.php")
	for _, pw := range []string{first, second, strings.ReplaceAll(second, " ", "")} {
		if strings.Contains(list.Body, pw) {
			t.Fatal("a password is shown again")
		}
	}
	txt := text(list.Body)
	if i, j := strings.Index(txt, "second"), strings.Index(txt, "first"); i < 0 || j < 0 || i > j {
		t.Error("table is not newest first")
	}
	mustContain(t, list, "Name", "Created", "Last Used", "Last IP", "Revoke", "Revoke all application passwords")

	t.Run("empty name", func(t *testing.T) {
		r := b.post("/wp-admin/profile.php", appPasswordForm(t, p.Body, "   "))
		wantStatus(t, r, http.StatusOK)
		mustContain(t, r, "An application name is required to create an application password.")
	})
	t.Run("revoke one after confirming", func(t *testing.T) {
		aps, _ := ts.store.AppPasswords(ctx, currentUserID(t, ts, "editor"))
		var uuid string
		for _, ap := range aps {
			if ap.Name == "first" {
				uuid = ap.UUID
			}
		}
		f := url.Values{"_wpnonce": {inputValue(t, list.Body, "_wpnonce", "revoke-application-password")}, "action": {"revoke-application-password"}, "uuid": {uuid}}
		c := b.post("/wp-admin/profile.php", f)
		wantStatus(t, c, http.StatusOK)
		mustContain(t, c, "Are you sure you want to revoke the application password")
		if _, _, err := ts.store.AuthenticateAppPassword(ctx, "editor", first, models.ClientInfo{}); err != nil {
			t.Fatal("revoked before confirmation")
		}
		// The confirmation form names the password and its owner itself.
		if got := inputValue(t, c.Body, "uuid"); got != uuid {
			t.Errorf("confirmation form's uuid %q, want %q", got, uuid)
		}
		if got := inputValue(t, c.Body, "user_id"); got == "" {
			t.Error("confirmation form has no user_id")
		}
		f.Set("confirm", inputValue(t, c.Body, "confirm"))
		d := b.post("/wp-admin/profile.php", f)
		wantStatus(t, d, http.StatusSeeOther)
		mustContain(t, b.get("/wp-admin/profile.php?updated=revoked"), "Application password revoked.")
		if _, _, err := ts.store.AuthenticateAppPassword(ctx, "editor", first, models.ClientInfo{}); err == nil {
			t.Error("revoked password still works")
		}
		if _, _, err := ts.store.AuthenticateAppPassword(ctx, "editor", second, models.ClientInfo{}); err != nil {
			t.Error("the other password was revoked too")
		}
		// Revoking again: not found, said plainly.
		again := b.post("/wp-admin/profile.php", f)
		wantStatus(t, again, http.StatusOK)
		mustContain(t, again, "Application password not found.")
	})
	t.Run("revoke all after confirming", func(t *testing.T) {
		f := url.Values{"_wpnonce": {inputValue(t, list.Body, "_wpnonce", "revoke-all-application-passwords")}, "action": {"revoke-all-application-passwords"}}
		c := b.post("/wp-admin/profile.php", f)
		wantStatus(t, c, http.StatusOK)
		mustContain(t, c, "Are you sure you want to revoke all application passwords?")
		f.Set("confirm", "1")
		wantStatus(t, b.post("/wp-admin/profile.php", f), http.StatusSeeOther)
		if _, _, err := ts.store.AuthenticateAppPassword(ctx, "editor", second, models.ClientInfo{}); err == nil {
			t.Error("password still works after revoke all")
		}
	})
}

func currentUserID(t *testing.T, ts *testSite, login string) uint64 {
	t.Helper()
	u, err := ts.store.UserByLogin(context.Background(), login)
	if err != nil {
		t.Fatal(err)
	}
	return u.ID
}

func TestApplicationPasswordsUnavailable(t *testing.T) {
	ts := newTestSite(t, models.EnvironmentProduction)
	b := ts.browser()
	b.login("editor", editorPass)
	p := b.get("/wp-admin/profile.php")
	wantStatus(t, p, http.StatusOK)
	mustContain(t, p, "The application password feature requires HTTPS, which is not enabled on this site.")
	if strings.Contains(p.Body, `name="new_application_password_name"`) {
		t.Error("the create form is offered although passwords are unavailable")
	}
	f := url.Values{"_wpnonce": {inputValue(t, p.Body, "_wpnonce", `id="your-profile"`)}, "action": {"create-application-password"}, "new_application_password_name": {"x"}}
	wantStatus(t, b.post("/wp-admin/profile.php", f), http.StatusNotImplemented)

	ts.secure = true
	mustContain(t, b.get("/wp-admin/profile.php"), "New Application Password Name")
	ctx := context.Background()
	if err := ts.store.SetAppPasswordsDisabled(ctx, currentUserID(t, ts, "editor"), true); err != nil {
		t.Fatal(err)
	}
	mustContain(t, b.get("/wp-admin/profile.php"), "Application passwords are not available for your account.")
}

func TestLogOutEverywhereElse(t *testing.T) {
	ts := newTestSite(t, models.EnvironmentLocal)
	other := ts.browser()
	other.login("author", "author-test-pass")
	b := ts.browser()
	b.login("author", "author-test-pass")
	p := b.get("/wp-admin/profile.php")
	mustContain(t, p, "You are logged in on 2 browsers.")
	f := url.Values{"_wpnonce": {inputValue(t, p.Body, "_wpnonce", "destroy-sessions")}, "action": {"destroy-sessions"}}
	wantStatus(t, b.post("/wp-admin/profile.php", f), http.StatusSeeOther)
	wantStatus(t, b.get("/wp-admin/"), http.StatusOK)
	wantStatus(t, other.get("/wp-admin/"), http.StatusFound)
}

func TestApplicationPasswordScopeAndExpiry(t *testing.T) {
	ts := newTestSite(t, models.EnvironmentLocal)
	ctx := context.Background()
	b := ts.browser()
	b.login("author", "author-test-pass")
	p := b.get("/wp-admin/profile.php")
	f := appPasswordForm(t, p.Body, "reader")
	f.Set("scope", "read")
	f.Set("expires_in", "30")
	r := b.post("/wp-admin/profile.php", f)
	wantStatus(t, r, http.StatusOK)
	mustContain(t, r, "Read only")
	aps, err := ts.store.AppPasswords(ctx, currentUserID(t, ts, "author"))
	if err != nil || len(aps) != 1 {
		t.Fatalf("%d passwords, %v", len(aps), err)
	}
	if aps[0].Scope != models.ScopeRead || aps[0].Expires == nil || aps[0].Expires.Sub(ts.store.Now()) < 29*24*time.Hour {
		t.Errorf("stored scope %q expires %v", aps[0].Scope, aps[0].Expires)
	}
	for field, value := range map[string]string{"scope": "admin", "expires_in": "9999"} {
		bad := appPasswordForm(t, p.Body, "bad")
		bad.Set(field, value)
		r := b.post("/wp-admin/profile.php", bad)
		wantStatus(t, r, http.StatusOK)
		if !strings.Contains(r.Body, `class="notice notice-error error"`) {
			t.Errorf("%s=%s accepted", field, value)
		}
	}
}

func TestEndOneSession(t *testing.T) {
	ts := newTestSite(t, models.EnvironmentLocal)
	ctx := context.Background()
	other := ts.browser()
	other.login("author", "author-test-pass")
	victim := ts.browser()
	victim.login("editor", editorPass)
	b := ts.browser()
	b.login("author", "author-test-pass")
	p := b.get("/wp-admin/profile.php")
	mustContain(t, p, "(this browser)", "127.0.0.1")

	_, otherSess, err := ts.store.UserBySessionToken(ctx, other.cookie(models.LoggedInCookieName(ts.url)))
	if err != nil {
		t.Fatal(err)
	}
	_, victimSess, err := ts.store.UserBySessionToken(ctx, victim.cookie(models.LoggedInCookieName(ts.url)))
	if err != nil {
		t.Fatal(err)
	}
	f := formFor(t, p.Body, "destroy-session")
	f.Set("session", itoa(victimSess.ID))
	r := b.post("/wp-admin/profile.php", f)
	wantStatus(t, r, http.StatusOK)
	mustContain(t, r, "That session has already ended.")
	wantStatus(t, victim.get("/wp-admin/"), http.StatusOK)

	f.Set("session", itoa(otherSess.ID))
	wantStatus(t, b.post("/wp-admin/profile.php", f), http.StatusSeeOther)
	wantStatus(t, other.get("/wp-admin/"), http.StatusFound)
	wantStatus(t, b.get("/wp-admin/"), http.StatusOK)
}
