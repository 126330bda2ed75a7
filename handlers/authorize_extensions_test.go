package handlers

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/presspass/presspass/models"
)

// proposalForm is the approval form with PressPass's proposal fields.
func proposalForm(t *testing.T, body string) url.Values {
	t.Helper()
	f := authorizeFormValues(t, body)
	for _, n := range []string{"expires_in", "expires", "scope"} {
		if strings.Contains(body, `name="`+n+`"`) {
			f.Set(n, inputValue(t, body, n, `class="form-wrap"`))
		}
	}
	return f
}

func TestAuthorizeProposedExpiryAndScope(t *testing.T) {
	ts := newTestSite(t, models.EnvironmentLocal)
	ctx := context.Background()
	b := ts.browser()
	b.login("admin", adminPass)
	const cb = "&success_url=https%3A%2F%2Fexample.com%2Fcb"

	approve := func(t *testing.T, query string) *models.AppPassword {
		t.Helper()
		p := b.get(authorizePath + "?" + query)
		wantStatus(t, p, http.StatusOK)
		f := proposalForm(t, p.Body)
		f.Set("approve", "Yes")
		r := b.post(authorizePath, f)
		wantStatus(t, r, http.StatusFound)
		loc, _ := url.Parse(r.Header.Get("Location"))
		_, ap, err := ts.store.AuthenticateAppPassword(ctx, "admin", loc.Query().Get("password"), models.ClientInfo{})
		if err != nil {
			t.Fatalf("the new password does not work: %v", err)
		}
		return ap
	}
	days := func(ap *models.AppPassword) float64 {
		if ap.Expires == nil {
			return 0
		}
		return ap.Expires.Sub(ts.store.Now()).Hours() / 24
	}

	t.Run("WordPress request unchanged", func(t *testing.T) {
		p := b.get(authorizePath + "?app_name=Plain" + cb)
		for _, s := range []string{`name="expires_in"`, `name="expires"`, `name="scope"`, "authorize-terms"} {
			if strings.Contains(p.Body, s) {
				t.Errorf("a WordPress-only request's page has %s", s)
			}
		}
		ap := approve(t, "app_name=Plain"+cb)
		if ap.Expires != nil || ap.Scope != models.ScopeFull {
			t.Errorf("created expires %v scope %q", ap.Expires, ap.Scope)
		}
	})
	t.Run("expires_in and read scope", func(t *testing.T) {
		q := "app_name=Reader&expires_in=30&scope=read" + cb
		p := b.get(authorizePath + "?" + q)
		mustContain(t, p, "Read only:", "Expires: the password will stop working on "+formatDate(ts.store.Now().Add(30*24*time.Hour)))
		ap := approve(t, q)
		if ap.Scope != models.ScopeRead || days(ap) < 29.9 || days(ap) > 30.1 {
			t.Errorf("created scope %q, %.1f days", ap.Scope, days(ap))
		}
	})
	t.Run("expires date-time", func(t *testing.T) {
		when := ts.store.Now().Add(10 * 24 * time.Hour).Truncate(time.Second)
		ap := approve(t, "app_name=Dated&expires="+url.QueryEscape(when.Format(time.RFC3339))+cb)
		if ap.Expires == nil || !ap.Expires.Equal(when) || ap.Scope != models.ScopeFull {
			t.Errorf("created expires %v (want %v) scope %q", ap.Expires, when, ap.Scope)
		}
	})
	t.Run("site maximum lifetime shown and applied", func(t *testing.T) {
		ts.store.Config.AppPasswordMaxLifetime = 7 * 24 * time.Hour
		defer func() { ts.store.Config.AppPasswordMaxLifetime = 0 }()
		p := b.get(authorizePath + "?app_name=Capped&expires_in=365" + cb)
		mustContain(t, p, "stop working on "+formatDate(ts.store.Now().Add(7*24*time.Hour)))
		if ap := approve(t, "app_name=Capped&expires_in=365"+cb); days(ap) > 7.01 {
			t.Errorf("capped password lives %.1f days", days(ap))
		}
	})

	bad := []struct {
		name, query, want string
	}{
		{"expires_in zero", "expires_in=0", msgBadExpiresIn},
		{"expires_in words", "expires_in=a+week", msgBadExpiresIn},
		{"expires_in too long", "expires_in=99999", msgBadExpiresIn},
		{"expires not a date", "expires=tomorrow", msgBadExpires},
		{"expires in the past", "expires=2001-01-01T00%3A00%3A00Z", msgBadExpires},
		{"expires too late", "expires=2999-01-01T00%3A00%3A00Z", msgExpiresTooLate},
		{"both", "expires_in=3&expires=2999-01-01T00%3A00%3A00Z", msgBothExpiries},
		{"scope", "scope=admin", msgBadScopeParam},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			p := b.get(authorizePath + "?app_name=Bad&" + tt.query + cb)
			wantStatus(t, p, http.StatusBadRequest)
			mustContain(t, p, "The Authorize Application request is not allowed.", tt.want)
			if !strings.Contains(p.Body, `class="wp-die-message"`) {
				t.Error("error page lacks the wp-die-message block")
			}
		})
	}
	t.Run("tampered post creates nothing", func(t *testing.T) {
		before, _ := ts.store.AppPasswords(ctx, 1)
		p := b.get(authorizePath + "?app_name=Tamper&scope=read" + cb)
		f := proposalForm(t, p.Body)
		f.Set("scope", "admin")
		f.Set("approve", "Yes")
		r := b.post(authorizePath, f)
		wantStatus(t, r, http.StatusBadRequest)
		mustContain(t, r, msgBadScopeParam)
		if after, _ := ts.store.AppPasswords(ctx, 1); len(after) != len(before) {
			t.Errorf("%d passwords, want %d", len(after), len(before))
		}
	})
}
