package rest

import "testing"

func TestStatusesEndpoint(t *testing.T) {
	ts := newTestSite(t)
	anon := ts.do(req{path: "/wp-json/wp/v2/statuses"}).mustObj(t)
	if len(anon) != 1 || anon["publish"] == nil {
		t.Errorf("anonymous sees %v", anon)
	}
	ed := ts.do(req{path: "/wp-json/wp/v2/statuses", as: "contributor"}).mustObj(t)
	for _, st := range []string{"publish", "future", "draft", "pending", "private", "trash"} {
		if ed[st] == nil {
			t.Errorf("contributor misses %s", st)
		}
	}
	if jsonAt(ed, "draft", "date_floating") != true || jsonAt(ed, "publish", "date_floating") != false {
		t.Errorf("date_floating: %v", ed)
	}
	cases := []struct {
		path, login string
		status      int
		code        string
	}{
		{"/wp-json/wp/v2/statuses/publish", "", 200, ""},
		{"/wp-json/wp/v2/statuses/draft", "", 401, "rest_cannot_read_status"},
		{"/wp-json/wp/v2/statuses/draft", "subscriber", 403, "rest_cannot_read_status"},
		{"/wp-json/wp/v2/statuses/draft", "author", 200, ""},
		{"/wp-json/wp/v2/statuses/nonsense", "author", 404, "rest_status_invalid"},
		{"/wp-json/wp/v2/statuses?context=edit", "subscriber", 403, "rest_cannot_view"},
	}
	for _, c := range cases {
		if r := ts.do(req{path: c.path, as: c.login}); r.status != c.status || r.code() != c.code {
			t.Errorf("%s as %q: %d %s", c.path, c.login, r.status, r.raw)
		}
	}
	if r := ts.do(req{path: "/wp-json/wp/v2/statuses/private?context=edit", as: "editor"}); jsonAt(r.json, "private") != true {
		t.Errorf("edit context: %s", r.raw)
	}
}
