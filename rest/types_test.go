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
		{"/wp-json/wp/v2/types/wp_block?context=edit", "contributor", 200, ""},
		{"/wp-json/wp/v2/types/wp_template?context=edit", "editor", 403, "rest_forbidden_context"},
		{"/wp-json/wp/v2/types/wp_template?context=edit", "admin", 200, ""},
		{"/wp-json/wp/v2/types/wp_font_face", "", 200, ""},
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

// TestTypesBuiltIn checks that every built-in type is listed, and that the
// edit context keeps only the types whose posts the user may edit.
func TestTypesBuiltIn(t *testing.T) {
	ts := newTestSite(t)
	all := []string{"post", "page", "attachment", "nav_menu_item", "wp_block", "wp_template", "wp_template_part",
		"wp_global_styles", "wp_navigation", "wp_font_family", "wp_font_face"}
	for _, c := range []struct {
		login, context string
		want           []string
	}{
		{"", "view", all},
		{"admin", "edit", all},
		{"author", "edit", []string{"post", "attachment", "wp_block"}},
	} {
		list := ts.do(req{path: "/wp-json/wp/v2/types?context=" + c.context, as: c.login}).obj()
		if len(list) != len(c.want) {
			t.Errorf("%s/%s: %d types, want %v", c.login, c.context, len(list), c.want)
		}
		for _, name := range c.want {
			if _, ok := list[name]; !ok {
				t.Errorf("%s/%s: %s missing", c.login, c.context, name)
			}
		}
	}
	block := ts.do(req{path: "/wp-json/wp/v2/types/wp_block?context=edit", as: "admin"})
	for _, c := range []struct {
		path []string
		want any
	}{
		{[]string{"labels", "edit_item"}, "Edit Block Pattern"},
		{[]string{"labels", "parent_item_colon"}, nil},
		{[]string{"capabilities", "create_posts"}, "publish_posts"},
		{[]string{"rest_base"}, "blocks"},
		{[]string{"icon"}, nil},
	} {
		if got := jsonAt(block.json, c.path...); got != c.want {
			t.Errorf("wp_block %v = %v, want %v", c.path, got, c.want)
		}
	}
	if tax, _ := jsonAt(block.json, "taxonomies").([]any); len(tax) != 1 || tax[0] != "wp_pattern_category" {
		t.Errorf("wp_block taxonomies %v", tax)
	}
}
