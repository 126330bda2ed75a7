package rest

import (
	"context"
	"strconv"
	"testing"

	"github.com/presspass/presspass/models"
)

func TestPresspassV1ApplicationPasswords(t *testing.T) {
	ts := newTestSite(t)
	const app = "6f5d6a9e-2c2c-4a1a-9b1e-0d3c5a7e9f11"
	ctx := context.Background()
	for _, login := range []string{"author", "subscriber"} {
		if _, err := ts.store.CreateAppPasswordWith(ctx, ts.user(login).ID, models.AppPasswordOptions{Name: "phone", AppID: app, Scope: models.ScopeRead}); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name   string
		q      req
		status int
		code   string
		count  int
	}{
		{"anonymous", req{path: "/wp-json/presspass/v1/application-passwords"}, 401, "rest_forbidden", -1},
		{"editor lacks edit_users", req{path: "/wp-json/presspass/v1/application-passwords", as: "editor"}, 403, "rest_forbidden", -1},
		{"every password", req{path: "/wp-json/presspass/v1/application-passwords?per_page=100", as: "admin"}, 200, "", 7},
		{"by app", req{path: "/wp-json/presspass/v1/application-passwords?app_id=" + app, as: "admin"}, 200, "", 2},
		{"by scope and user", req{path: "/wp-json/presspass/v1/application-passwords?scope=read&user=" + strconv.FormatUint(ts.user("author").ID, 10), as: "admin"}, 200, "", 1},
		{"bad filter", req{path: "/wp-json/presspass/v1/application-passwords?scope=root", as: "admin"}, 400, "rest_invalid_param", -1},
		{"bulk revoke needs a filter", req{method: "DELETE", path: "/wp-json/presspass/v1/application-passwords", as: "admin"}, 400, "application_password_filter_required", -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := ts.with(t).expect(tt.q, tt.status, tt.code)
			if tt.count >= 0 {
				if len(res.list()) != tt.count || res.header.Get("X-WP-Total") != strconv.Itoa(tt.count) {
					t.Fatalf("%d items, X-WP-Total %q; want %d", len(res.list()), res.header.Get("X-WP-Total"), tt.count)
				}
			}
		})
	}
	res := ts.expect(req{method: "DELETE", path: "/wp-json/presspass/v1/application-passwords?app_id=" + app, as: "admin"}, 200, "")
	if res.obj()["count"] != float64(2) {
		t.Fatalf("bulk revoke: %s", res.raw)
	}
	audit := ts.expect(req{path: "/wp-json/presspass/v1/audit?event=app_password_revoked", as: "admin"}, 200, "")
	if len(audit.list()) != 1 {
		t.Fatalf("audit after bulk revoke: %s", audit.raw)
	}
	ts.expect(req{path: "/wp-json/presspass/v1/audit", as: "editor"}, 403, "rest_forbidden")
}
