package rest

import "testing"

func TestBlockPatternsAndCategories(t *testing.T) {
	ts := newTestSite(t)
	for _, c := range []struct {
		name   string
		q      req
		status int
		code   string
	}{
		{"categories as contributor", req{path: "/wp-json/wp/v2/block-patterns/categories", as: "contributor"}, 200, ""},
		{"categories as subscriber", req{path: "/wp-json/wp/v2/block-patterns/categories", as: "subscriber"}, 403, "rest_cannot_view"},
		{"categories as visitor", req{path: "/wp-json/wp/v2/block-patterns/categories"}, 401, "rest_cannot_view"},
		{"patterns as author", req{path: "/wp-json/wp/v2/block-patterns/patterns", as: "author"}, 200, ""},
		{"patterns as visitor", req{path: "/wp-json/wp/v2/block-patterns/patterns"}, 401, "rest_cannot_view"},
		{"pattern categories (terms) as author", req{path: "/wp-json/wp/v2/wp_pattern_category?per_page=100", as: "author"}, 200, ""},
		// A flat taxonomy's terms are created by whoever may assign them.
		{"author adds a pattern category", req{method: "POST", path: "/wp-json/wp/v2/wp_pattern_category", as: "author", body: "name=Heroes"}, 201, ""},
		{"the same name again", req{method: "POST", path: "/wp-json/wp/v2/wp_pattern_category", as: "editor", body: "name=Heroes"}, 400, "term_exists"},
		{"subscriber may not add one", req{method: "POST", path: "/wp-json/wp/v2/wp_pattern_category", as: "subscriber", body: "name=Other"}, 403, "rest_cannot_create"},
		{"no such pattern category", req{path: "/wp-json/wp/v2/wp_pattern_category/99999"}, 404, "rest_term_invalid"},
	} {
		t.Run(c.name, func(t *testing.T) { ts.with(t).expect(c.q, c.status, c.code) })
	}
	cats := ts.expect(req{path: "/wp-json/wp/v2/block-patterns/categories", as: "author"}, 200, "").list()
	if len(cats) != 22 {
		t.Fatalf("%d categories, want core's 20 and the theme's 2", len(cats))
	}
	if first := cats[0].(map[string]any); first["name"] != "banner" || first["label"] != "Banners" {
		t.Errorf("first category %v", first)
	}
	if own := cats[20].(map[string]any); own["name"] != "presspass_page" {
		t.Errorf("the theme's first category %v", own)
	}
	list := ts.expect(req{path: "/wp-json/wp/v2/wp_pattern_category", as: "author"}, 200, "")
	if list.header.Get("X-WP-Total") != "1" || list.list()[0].(map[string]any)["taxonomy"] != "wp_pattern_category" {
		t.Errorf("pattern categories: %s", list.raw)
	}
}
