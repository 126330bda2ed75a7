package rest

import (
	"testing"
	"time"
)

// With a site maximum lifetime every new password has an expiry. A client
// that asked for none sees WordPress's shape unless it asks for the
// extension keys; a client that asked for an expiry always sees it.
func TestAppPasswordSiteExpiryShape(t *testing.T) {
	ts := newTestSite(t)
	ts.store.Config.AppPasswordMaxLifetime = 90 * 24 * time.Hour
	base := "/wp-json/wp/v2/users/me/application-passwords"

	plain := ts.expect(req{method: "POST", path: base, body: "name=plain", as: "author"}, 201, "")
	uuid, _ := plain.obj()["uuid"].(string)
	asked := ts.expect(req{method: "POST", path: base, body: "name=asked&expires_in=400", as: "author"}, 201, "")

	tests := []struct {
		name, path  string
		wantExpires bool
	}{
		{"create answer, none asked", "", false},
		{"get, none asked", base + "/" + uuid, false},
		{"get with presspass_extensions", base + "/" + uuid + "?presspass_extensions=1", true},
		{"get with presspass_extensions=0", base + "/" + uuid + "?presspass_extensions=0", false},
		{"get in embed context", base + "/" + uuid + "?presspass_extensions=1&context=embed", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := plain
			if tt.path != "" {
				res = ts.with(t).expect(req{path: tt.path, as: "author"}, 200, "")
			}
			for _, k := range []string{"expires", "expired"} {
				if _, ok := res.obj()[k]; ok != tt.wantExpires {
					t.Errorf("key %q present = %v, want %v: %s", k, ok, tt.wantExpires, res.raw)
				}
			}
		})
	}
	// Asked for 400 days, capped at 90: the client chose an expiry, so it
	// sees the one it got.
	exp, _ := asked.obj()["expires"].(string)
	got, err := time.Parse("2006-01-02T15:04:05", exp)
	if err != nil || time.Until(got) > 91*24*time.Hour || time.Until(got) < 89*24*time.Hour {
		t.Fatalf("capped expiry shown as %q: %s", exp, asked.raw)
	}
	// The list shows the same thing per password.
	for _, item := range ts.expect(req{path: base, as: "author"}, 200, "").list() {
		m := item.(map[string]any)
		_, has := m["expires"]
		if want := m["name"] == "asked"; has != want {
			t.Errorf("list: %v has expires = %v, want %v", m["name"], has, want)
		}
	}
}
