package handlers

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/presspass/presspass/models"
)

const authorizePath = "/wp-admin/authorize-application.php"

func TestAuthorizeValidationMatrix(t *testing.T) {
	tests := []struct {
		name   string
		env    string
		query  string
		basic  bool
		status int
		want   string
	}{
		{"https ok", "local", "app_name=Test+App&success_url=https%3A%2F%2Fexample.com%2Fcb", false, 200, "Would you like to give the application identifying itself as Test App access to your account?"},
		{"http ok in local", "local", "app_name=Test+App&success_url=http%3A%2F%2Fexample.com%2Fcb", false, 200, "You will be sent to"},
		{"custom scheme ok", "local", "app_name=Test+App&success_url=myapp%3A%2F%2Fcallback", false, 200, "Test App"},
		{"javascript", "local", "app_name=Test+App&success_url=javascript%3Aalert(1)", false, 500,
			"The Authorize Application request is not allowed. Invalid URL format. Invalid URL format."},
		{"data reject url", "local", "app_name=Test+App&reject_url=data%3A%2F%2Ftext%2Fplain%2Cx", false, 500,
			"The Authorize Application request is not allowed. Invalid URL format."},
		{"no scheme", "local", "app_name=Test+App&success_url=example.com%2Fcb", false, 500,
			"The Authorize Application request is not allowed. Invalid URL format. Invalid URL format."},
		{"bad app id", "local", "app_name=X&app_id=123", false, 500, "The application ID must be a UUID."},
		{"basic auth in front", "local", "app_name=Test+App&success_url=https%3A%2F%2Fexample.com%2Fcb", true, 501,
			"Your website appears to use Basic Authentication, which is not currently compatible with application passwords."},
		{"http in production", "production", "app_name=Test+App&success_url=http%3A%2F%2Fexample.com%2Fcb", false, 500,
			"The Authorize Application request is not allowed. The URL must be served over a secure connection. The URL must be served over a secure connection."},
		{"HTTP in production", "production", "app_name=Test+App&success_url=HTTP%3A%2F%2Fexample.com%2Fcb&reject_url=https%3A%2F%2Fexample.com%2Fno", false, 500,
			"The Authorize Application request is not allowed. The URL must be served over a secure connection."},
		{"loopback http in production", "production", "app_name=Test+App&success_url=http%3A%2F%2F127.0.0.1%3A9%2Fcb", false, 501, "Application passwords are not available."},
		{"unavailable in production over http", "production", "app_name=Test+App&success_url=https%3A%2F%2Fexample.com%2Fcb", false, 501, "Application passwords are not available."},
	}
	sites := map[string]*testSite{
		"local":      newTestSite(t, models.EnvironmentLocal),
		"production": newTestSite(t, models.EnvironmentProduction),
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ts := sites[tt.env]
			b := ts.browser()
			b.login("admin", adminPass)
			req, _ := http.NewRequest(http.MethodGet, ts.url+authorizePath+"?"+tt.query, nil)
			if tt.basic {
				req.SetBasicAuth("admin", adminPass)
			}
			p := b.do(req)
			wantStatus(t, p, tt.status)
			mustContain(t, p, tt.want)
			if tt.status != 200 && !strings.Contains(p.Body, `class="wp-die-message"`) {
				t.Error("error page lacks the wp-die-message block")
			}
		})
	}
}

func TestAuthorizeForm(t *testing.T) {
	ts := newTestSite(t, models.EnvironmentLocal)
	b := ts.browser()
	b.login("admin", adminPass)
	q := "app_name=Test+App&success_url=https%3A%2F%2Fexample.com%2Fcb"
	p := b.get(authorizePath + "?" + q)
	wantStatus(t, p, http.StatusOK)
	want := map[string]string{
		"_wp_http_referer": authorizePath + "?" + q,
		"action":           "authorize_application_password",
		"app_id":           "",
		"success_url":      "https://example.com/cb",
		"reject_url":       "https://example.com/cb?success=false",
		"app_name":         "Test App",
	}
	for name, v := range want {
		if got := inputValue(t, p.Body, name, `class="form-wrap"`); got != v {
			t.Errorf("%s = %q, want %q", name, got, v)
		}
	}
	if len(inputValue(t, p.Body, "_wpnonce", `class="form-wrap"`)) != 10 {
		t.Error("no nonce")
	}
	if p.Header.Get("X-Frame-Options") != "DENY" {
		t.Error("approval page can be framed")
	}

	// A custom scheme is emptied in WordPress's fields but kept in ours.
	p = b.get(authorizePath + "?app_name=Test+App&success_url=myapp%3A%2F%2Fcallback")
	if inputValue(t, p.Body, "success_url") != "" || inputValue(t, p.Body, "app_success_url") != "myapp://callback" {
		t.Errorf("custom scheme fields: %q / %q", inputValue(t, p.Body, "success_url"), inputValue(t, p.Body, "app_success_url"))
	}
}

// authorizeFormValues is the approval form as the browser posts it.
func authorizeFormValues(t *testing.T, body string) url.Values {
	t.Helper()
	f := url.Values{}
	for _, n := range []string{"_wpnonce", "_wp_http_referer", "action", "app_id", "success_url", "reject_url", "app_success_url", "app_reject_url", "app_name"} {
		f.Set(n, inputValue(t, body, n, `class="form-wrap"`))
	}
	return f
}

func TestAuthorizeApproveAndReject(t *testing.T) {
	ts := newTestSite(t, models.EnvironmentLocal)
	ctx := context.Background()
	b := ts.browser()
	b.login("admin", adminPass)
	appID := "6f5d6a9e-2c2c-4a1a-9b1e-0d3c5a7e9f11"
	page := b.get(authorizePath + "?app_name=Test+App&app_id=" + appID + "&success_url=https%3A%2F%2Fexample.com%2Fcb%3Fstate%3Dabc")
	wantStatus(t, page, http.StatusOK)
	form := authorizeFormValues(t, page.Body)

	t.Run("approve", func(t *testing.T) {
		f := cloneValues(form)
		f.Set("app_name", "Renamed App")
		f.Set("approve", "Yes, I approve of this connection")
		p := b.post(authorizePath, f)
		wantStatus(t, p, http.StatusFound)
		loc, err := url.Parse(p.Header.Get("Location"))
		if err != nil || loc.Host != "example.com" || loc.Path != "/cb" {
			t.Fatalf("Location = %q", p.Header.Get("Location"))
		}
		q := loc.Query()
		if q.Get("state") != "abc" || q.Get("site_url") != ts.url || q.Get("user_login") != "admin" || len(q.Get("password")) != 24 {
			t.Fatalf("Location query = %v", q)
		}
		u, ap, err := ts.store.AuthenticateAppPassword(ctx, "admin", q.Get("password"), models.ClientInfo{IP: "127.0.0.1"})
		if err != nil || u.Login != "admin" {
			t.Fatalf("the new password does not work: %v", err)
		}
		if ap.Name != "Renamed App" || ap.AppID != appID {
			t.Errorf("created %q app_id %q", ap.Name, ap.AppID)
		}
		if !strings.Contains(p.Header.Get("Cache-Control"), "no-store") {
			t.Error("redirect carrying a password is cacheable")
		}
	})
	t.Run("reject", func(t *testing.T) {
		f := cloneValues(form)
		f.Set("reject", "No")
		p := b.post(authorizePath, f)
		wantStatus(t, p, http.StatusFound)
		loc, _ := url.Parse(p.Header.Get("Location"))
		if loc.Host != "example.com" || loc.Query().Get("success") != "false" || loc.Query().Get("password") != "" {
			t.Errorf("Location = %q", p.Header.Get("Location"))
		}
	})
	t.Run("reject without urls", func(t *testing.T) {
		f := url.Values{"_wpnonce": {form.Get("_wpnonce")}, "action": {"authorize_application_password"}, "app_name": {"X"}, "reject": {"No"}}
		p := b.post(authorizePath, f)
		wantStatus(t, p, http.StatusFound)
		if got := p.Header.Get("Location"); got != ts.url+"/wp-admin/" {
			t.Errorf("Location = %q", got)
		}
	})
	t.Run("approve without success url shows the password once", func(t *testing.T) {
		f := url.Values{"_wpnonce": {form.Get("_wpnonce")}, "action": {"authorize_application_password"}, "app_name": {"No Redirect App"}, "approve": {"Yes"}}
		p := b.post(authorizePath, f)
		wantStatus(t, p, http.StatusOK)
		mustContain(t, p, "Your new password for No Redirect App is: Be sure to save this in a safe location. You will not be able to retrieve it.")
		pw := idValue(t, p.Body, "new-application-password-value")
		if _, _, err := ts.store.AuthenticateAppPassword(ctx, "admin", pw, models.ClientInfo{}); err != nil {
			t.Errorf("shown password %q does not work: %v", pw, err)
		}
		if !strings.Contains(p.Header.Get("Cache-Control"), "no-store") {
			t.Error("page showing a password is cacheable")
		}
		if again := b.get("/wp-admin/profile.php"); strings.Contains(again.Body, pw) {
			t.Error("the password is shown again later")
		}
	})
	t.Run("custom scheme callback", func(t *testing.T) {
		p := b.get(authorizePath + "?app_name=Mobile&success_url=wordpress%3A%2F%2Fcallback")
		f := authorizeFormValues(t, p.Body)
		f.Set("approve", "Yes")
		r := b.post(authorizePath, f)
		wantStatus(t, r, http.StatusFound)
		if loc := r.Header.Get("Location"); !strings.HasPrefix(loc, "wordpress://callback?") || !strings.Contains(loc, "password=") {
			t.Errorf("Location = %q", loc)
		}
	})
	t.Run("bad nonce", func(t *testing.T) {
		f := cloneValues(form)
		f.Set("_wpnonce", "0123456789")
		f.Set("approve", "Yes")
		p := b.post(authorizePath, f)
		wantStatus(t, p, http.StatusForbidden)
		mustContain(t, p, "The link you followed has expired.")
	})
	t.Run("nonce of another user", func(t *testing.T) {
		other := ts.browser()
		other.login("editor", editorPass)
		f := cloneValues(form)
		f.Set("approve", "Yes")
		wantStatus(t, other.post(authorizePath, f), http.StatusForbidden)
	})
	t.Run("invalid url posted", func(t *testing.T) {
		f := cloneValues(form)
		f.Set("app_success_url", "javascript:alert(1)")
		f.Set("approve", "Yes")
		wantStatus(t, b.post(authorizePath, f), http.StatusInternalServerError)
	})
	t.Run("empty name", func(t *testing.T) {
		f := cloneValues(form)
		f.Set("app_name", "  ")
		f.Set("approve", "Yes")
		p := b.post(authorizePath, f)
		wantStatus(t, p, http.StatusOK)
		mustContain(t, p, "An application name is required to create an application password.")
	})
	t.Run("logged out post", func(t *testing.T) {
		f := cloneValues(form)
		f.Set("approve", "Yes")
		wantStatus(t, ts.browser().post(authorizePath, f), http.StatusFound)
	})
}

func cloneValues(v url.Values) url.Values {
	out := url.Values{}
	for k, vs := range v {
		out[k] = append([]string(nil), vs...)
	}
	return out
}
