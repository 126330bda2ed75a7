package rest

import "testing"

func TestSettingsEndpoint(t *testing.T) {
	ts := newTestSite(t)
	for _, c := range []struct {
		login  string
		status int
		code   string
	}{{"", 401, "rest_forbidden"}, {"editor", 403, "rest_forbidden"}, {"admin", 200, ""}} {
		r := ts.do(req{path: "/wp-json/wp/v2/settings", as: c.login})
		if r.status != c.status || r.code() != c.code {
			t.Errorf("GET as %q: %d %s", c.login, r.status, r.raw)
		}
	}
	r := ts.do(req{path: "/wp-json/wp/v2/settings", as: "admin"})
	s := r.mustObj(t)
	want := map[string]any{
		"title": "PressPass Test", "url": ts.url, "start_of_week": float64(1), "use_smilies": true,
		"posts_per_page": float64(10), "site_logo": nil, "site_icon": float64(0), "language": "en_US",
	}
	for k, v := range want {
		if s[k] != v {
			t.Errorf("%s = %#v, want %#v", k, s[k], v)
		}
	}
	if len(s) != len(settings) {
		t.Errorf("%d settings, want %d", len(s), len(settings))
	}
	r = ts.do(req{method: "POST", path: "/wp-json/wp/v2/settings", as: "admin", body: `{"title":"Renamed","posts_per_page":5,"use_smilies":false,"no_such_setting":1}`})
	if r.status != 200 || jsonAt(r.json, "title") != "Renamed" || jsonAt(r.json, "posts_per_page") != float64(5) || jsonAt(r.json, "use_smilies") != false {
		t.Fatalf("update: %d %s", r.status, r.raw)
	}
	if r := ts.do(req{method: "POST", path: "/wp-json/wp/v2/settings", as: "admin", body: `{"default_ping_status":"maybe"}`}); r.status != 400 || r.code() != "rest_invalid_param" {
		t.Errorf("bad enum: %d %s", r.status, r.raw)
	}
	if r := ts.do(req{method: "POST", path: "/wp-json/wp/v2/settings", as: "admin", body: `{"timezone":"Mars/Olympus","title":"A & B"}`}); r.status != 200 ||
		jsonAt(r.json, "timezone") != "" || jsonAt(r.json, "title") != "A &amp; B" {
		t.Errorf("sanitized update: %d %s", r.status, r.raw)
	}
	if r := ts.do(req{method: "POST", path: "/wp-json/wp/v2/settings", as: "admin", body: `{"email":"not-an-email"}`}); r.status != 400 || r.code() != "rest_invalid_param" {
		t.Errorf("bad email: %d %s", r.status, r.raw)
	}
	if r := ts.do(req{method: "POST", path: "/wp-json/wp/v2/settings", as: "editor", body: "title=x"}); r.status != 403 {
		t.Errorf("editor update: %d", r.status)
	}
}
