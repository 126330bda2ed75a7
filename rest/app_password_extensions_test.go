package rest

import (
	"testing"
	"time"
)

// PressPass's application-password extensions over REST: expiry, read-only
// scope and revoke by app; WordPress's shape is untouched when unused.
func TestAppPasswordExtensionsOverREST(t *testing.T) {
	ts := newTestSite(t)
	const app = "6f5d6a9e-2c2c-4a1a-9b1e-0d3c5a7e9f11"
	base := "/wp-json/wp/v2/users/me/application-passwords"

	plain := ts.expect(req{method: "POST", path: base, body: "name=plain", as: "author"}, 201, "")
	for _, k := range []string{"expires", "expired", "scope"} {
		if _, ok := plain.obj()[k]; ok {
			t.Fatalf("an extension key %q appears on a plain password: %s", k, plain.raw)
		}
	}
	ro := ts.expect(req{method: "POST", path: base, body: "name=reader&scope=read&expires_in=30", as: "author"}, 201, "")
	if ro.obj()["scope"] != "read" || ro.obj()["expired"] != false || ro.obj()["expires"] == nil {
		t.Fatalf("read-only create: %s", ro.raw)
	}
	tests := []struct {
		name, body, code string
	}{
		{"bad scope", "name=x&scope=admin", "rest_invalid_param"},
		{"bad expires", "name=x&expires=tomorrow", "rest_invalid_param"},
		{"past expires", "name=x&expires=2001-01-01T00:00:00Z", "application_password_invalid_expires"},
		{"bad expires_in", "name=x&expires_in=-3", "rest_invalid_param"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ts.with(t).expect(req{method: "POST", path: base, body: tt.body, as: "author"}, 400, tt.code)
		})
	}
	// The read-only password reads but cannot write.
	pw := ro.obj()["password"].(string)
	auth := map[string]string{"Authorization": basic("author", pw)}
	ts.expect(req{path: "/wp-json/wp/v2/users/me", headers: auth}, 200, "")
	ts.expect(req{method: "POST", path: "/wp-json/wp/v2/posts", body: "title=x", headers: auth}, 403, "application_password_insufficient_scope")

	// Past its expiry the password is refused with its own code.
	ts.store.Clock = func() time.Time { return time.Now().Add(31 * 24 * time.Hour) }
	ts.expect(req{path: "/wp-json/wp/v2/users/me", headers: auth}, 401, "application_password_expired")
	ts.store.Clock = func() time.Time { return time.Now().UTC() }

	// Revoke by app: only that app's passwords go.
	for i := 0; i < 2; i++ {
		ts.expect(req{method: "POST", path: base, body: "name=phone&app_id=" + app, as: "author"}, 201, "")
	}
	res := ts.expect(req{method: "DELETE", path: base + "?app_id=" + app, as: "author"}, 200, "")
	if res.obj()["count"] != float64(2) {
		t.Fatalf("revoke by app: %s", res.raw)
	}
	ts.expect(req{method: "DELETE", path: base + "?app_id=nope", as: "author"}, 400, "rest_invalid_param")
	list := ts.expect(req{path: base, as: "author"}, 200, "")
	if len(list.list()) != 3 { // the fixture's, plain and reader
		t.Fatalf("after revoke by app: %s", list.raw)
	}
}
