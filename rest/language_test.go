package rest

import (
	"context"
	"strings"
	"testing"

	"github.com/presspass/presspass/models"
)

// REST errors are worded as determine_locale chooses: the user's own
// language when the client sends _locale=user, the site's (WPLANG)
// otherwise; codes and statuses never change.
func TestErrorsInTheRequestsLanguage(t *testing.T) {
	ts := newTestSite(t)
	// author chose Japanese, contributor English; editor keeps the site's.
	for login, locale := range map[string]string{"author": "ja", "contributor": "en_US"} {
		if _, err := ts.store.UpdateUser(context.Background(), ts.user(login).ID, models.UserInput{Locale: &locale}); err != nil {
			t.Fatal(err)
		}
	}
	type want struct {
		status        int
		code, message string
		param         string // rest_invalid_param's message for per_page
	}
	permission := req{path: "/wp-json/wp/v2/settings", as: "author"}
	validation := req{path: "/wp-json/wp/v2/posts?per_page=many", as: "author"}
	noRoute := req{path: "/wp-json/wp/v2/no-such-thing", as: "author"}
	missing := req{method: "POST", path: "/wp-json/wp/v2/users/me/application-passwords", as: "author"}
	with := func(q req, query, as string) req {
		sep := "?"
		if strings.Contains(q.path, "?") {
			sep = "&"
		}
		if query != "" {
			q.path += sep + query
		}
		q.as = as
		return q
	}
	enPermission := want{403, "rest_forbidden", "Sorry, you are not allowed to do that.", ""}
	jaPermission := want{403, "rest_forbidden", "その操作を行う権限がありません。", ""}
	enValidation := want{400, "rest_invalid_param", "Invalid parameter(s): per_page", "per_page is not of type integer."}
	jaValidation := want{400, "rest_invalid_param", "無効なパラメーター: per_page", "per_page は integer 型ではありません。"}
	enNoRoute := want{404, "rest_no_route", "No route was found matching the URL and request method.", ""}
	jaNoRoute := want{404, "rest_no_route", "URL とリクエストメソッドに一致するルートが見つかりませんでした。", ""}
	enMissing := want{400, "rest_missing_callback_param", "Missing parameter(s): name", ""}
	jaMissing := want{400, "rest_missing_callback_param", "パラメーターがありません: name", ""}

	tests := []struct {
		name   string
		wplang string
		q      req
		want   want
	}{
		{"a Japanese user's permission error with _locale=user", "", with(permission, "_locale=user", "author"), jaPermission},
		{"a Japanese user's validation error with _locale=user", "", with(validation, "_locale=user", "author"), jaValidation},
		{"a Japanese user's unknown route with _locale=user", "", with(noRoute, "_locale=user", "author"), jaNoRoute},
		{"a Japanese user's missing argument with _locale=user", "", with(missing, "_locale=user", "author"), jaMissing},
		{"a Japanese user without _locale=user gets the English site's", "", with(permission, "", "author"), enPermission},
		{"an English user on the same site with _locale=user", "", with(permission, "_locale=user", "editor"), enPermission},
		{"an English user's validation error with _locale=user", "", with(validation, "_locale=user", "editor"), enValidation},
		{"an English user's unknown route with _locale=user", "", with(noRoute, "_locale=user", "editor"), enNoRoute},
		{"a Japanese site answers an English user in Japanese without _locale=user", "ja", with(permission, "", "editor"), jaPermission},
		{"a Japanese site: validation", "ja", with(validation, "", "editor"), jaValidation},
		{"a Japanese site: unknown route", "ja", with(noRoute, "", "editor"), jaNoRoute},
		{"a Japanese site: a visitor", "ja", with(noRoute, "", ""), jaNoRoute},
		{"a Japanese site, a user who chose English, with _locale=user", "ja", with(permission, "_locale=user", "contributor"), enPermission},
		{"a Japanese site, a user who chose English, without _locale=user", "ja", with(permission, "", "contributor"), jaPermission},
		{"a Japanese site, a user of the site's language, with _locale=user", "ja", with(permission, "_locale=user", "editor"), jaPermission},
		{"a Japanese site: missing argument", "ja", with(missing, "", "editor"), jaMissing},
		{"an English site: missing argument", "", with(missing, "", "editor"), enMissing},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := ts.store.SetOption(context.Background(), "WPLANG", tt.wplang); err != nil {
				t.Fatal(err)
			}
			res := ts.with(t).expect(tt.q, tt.want.status, tt.want.code)
			body := res.mustObj(t)
			if body["message"] != tt.want.message {
				t.Errorf("message %q, want %q", body["message"], tt.want.message)
			}
			if tt.want.param != "" {
				if got := jsonAt(body, "data", "params", "per_page"); got != tt.want.param {
					t.Errorf("params.per_page %q, want %q", got, tt.want.param)
				}
				if got := jsonAt(body, "data", "details", "per_page", "message"); got != tt.want.param {
					t.Errorf("details.per_page.message %q, want %q", got, tt.want.param)
				}
				if got := jsonAt(body, "data", "details", "per_page", "code"); got != "rest_invalid_type" {
					t.Errorf("details.per_page.code %q, want rest_invalid_type", got)
				}
			}
		})
	}
}
