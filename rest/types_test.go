package rest

import "testing"

func TestTypesEndpoint(t *testing.T) {
	ts := newTestSite(t)
	list := ts.do(req{path: "/wp-json/wp/v2/types"}).mustObj(t)
	if jsonAt(list, "post", "rest_base") != "posts" || jsonAt(list, "page", "hierarchical") != true {
		t.Errorf("types: %v", list)
	}
	if _, ok := list["post"].(map[string]any)["capabilities"]; ok {
		t.Error("view context shows capabilities")
	}
	cases := []struct {
		path, login string
		status      int
		code        string
	}{
		{"/wp-json/wp/v2/types/post", "", 200, ""},
		{"/wp-json/wp/v2/types/nope", "", 404, "rest_type_invalid"},
		{"/wp-json/wp/v2/types/page?context=edit", "author", 403, "rest_forbidden_context"},
		{"/wp-json/wp/v2/types/page?context=edit", "editor", 200, ""},
		{"/wp-json/wp/v2/types?context=edit", "", 401, "rest_cannot_view"},
	}
	for _, c := range cases {
		if r := ts.do(req{path: c.path, as: c.login}); r.status != c.status || r.code() != c.code {
			t.Errorf("%s as %q: %d %s", c.path, c.login, r.status, r.raw)
		}
	}
	edit := ts.do(req{path: "/wp-json/wp/v2/types/post?context=edit", as: "author"})
	if jsonAt(edit.json, "capabilities", "publish_posts") != "publish_posts" || jsonAt(edit.json, "supports", "revisions") != true {
		t.Errorf("edit context: %s", edit.raw)
	}
}
