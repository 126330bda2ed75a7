package rest

import (
	"testing"
)

// Block templates: the theme's own are listed and read by anyone who may
// edit posts; saving one (edit_theme_options) makes a custom post that wins
// until it is deleted, and a theme's own cannot be deleted.
func TestTemplates(t *testing.T) {
	ts := newTestSite(t)
	const tpl = "/wp-json/wp/v2/templates"
	const parts = "/wp-json/wp/v2/template-parts"
	for _, c := range []struct {
		name   string
		q      req
		status int
		code   string
	}{
		{"author lists templates", req{path: tpl, as: "author"}, 200, ""},
		{"contributor reads one", req{path: tpl + "/presspass//index", as: "contributor"}, 200, ""},
		{"a folded slash is doubled", req{path: tpl + "/presspass/index", as: "author"}, 200, ""},
		{"subscriber may not read", req{path: tpl, as: "subscriber"}, 403, "rest_cannot_manage_templates"},
		{"visitor may not read", req{path: parts}, 401, "rest_cannot_manage_templates"},
		{"unknown template", req{path: tpl + "/presspass//nope", as: "admin"}, 404, "rest_template_not_found"},
		{"another theme's", req{path: tpl + "/twentytwentyfive//index", as: "admin"}, 404, "rest_template_not_found"},
		{"author may not save", req{method: "POST", path: tpl + "/presspass//index", as: "author", body: "content=x"}, 403, "rest_cannot_manage_templates"},
		{"editor may not create", req{method: "POST", path: tpl, as: "editor", body: "slug=x&content=y"}, 403, "rest_cannot_manage_templates"},
		{"slug is required", req{method: "POST", path: tpl, as: "admin", body: "content=y"}, 400, "rest_missing_callback_param"},
		{"slug pattern", req{method: "POST", path: tpl, as: "admin", body: "slug=+"}, 400, "rest_invalid_param"},
		{"a theme's own cannot be deleted", req{method: "DELETE", path: tpl + "/presspass//index?force=true", as: "admin"}, 400, "rest_invalid_template"},
	} {
		t.Run(c.name, func(t *testing.T) { ts.with(t).expect(c.q, c.status, c.code) })
	}

	list := ts.expect(req{path: tpl + "?context=edit", as: "admin"}, 200, "").mustList(t)
	slugs := map[string]map[string]any{}
	for _, it := range list {
		o := it.(map[string]any)
		slugs[o["slug"].(string)] = o
	}
	for _, want := range []string{"index", "single", "page", "archive", "search", "404"} {
		if slugs[want] == nil {
			t.Fatalf("template %s missing from %d templates", want, len(slugs))
		}
	}
	index := slugs["index"]
	for field, want := range map[string]any{"id": "presspass//index", "theme": "presspass", "source": "theme", "origin": nil, "type": "wp_template",
		"status": "publish", "wp_id": float64(0), "has_theme_file": true, "is_custom": false, "author": float64(0), "modified": nil,
		"original_source": "theme", "author_text": "PressPass"} {
		if got, ok := index[field]; !ok || got != want {
			t.Errorf("index %s = %v, want %v", field, got, want)
		}
	}
	if jsonAt(index, "title", "raw") != "Index" || jsonAt(index, "content", "block_version") != float64(1) {
		t.Errorf("index title/content: %v %v", index["title"], index["content"])
	}
	if _, ok := index["plugin"]; ok {
		t.Error("plugin present")
	}

	partList := ts.expect(req{path: parts + "?area=header", as: "author"}, 200, "").mustList(t)
	if len(partList) != 1 || jsonAt(partList[0], "area") != "header" || jsonAt(partList[0], "is_custom") != nil {
		t.Errorf("header parts: %v", partList)
	}

	// Customizing the theme's index makes a custom post that wins.
	saved := ts.expect(req{method: "POST", path: tpl + "/presspass//index", as: "admin", body: `{"content":"<!-- wp:paragraph --><p>Mine</p><!-- /wp:paragraph -->"}`}, 200, "").mustObj(t)
	if saved["source"] != "custom" || saved["origin"] != "theme" || saved["wp_id"] == float64(0) || saved["has_theme_file"] != true ||
		jsonAt(saved, "title", "raw") != "Index" || saved["description"] == "" || saved["original_source"] != "theme" {
		t.Errorf("customized index: %v", saved)
	}
	got := ts.expect(req{path: tpl + "/presspass//index?context=edit", as: "author"}, 200, "").mustObj(t)
	if jsonAt(got, "content", "raw") != "<!-- wp:paragraph --><p>Mine</p><!-- /wp:paragraph -->" || got["wp_id"] != saved["wp_id"] {
		t.Errorf("read back: %v", got)
	}
	theme := ts.expect(req{path: tpl + "/presspass//index?source=theme", as: "admin"}, 200, "").mustObj(t)
	if theme["source"] != "theme" {
		t.Errorf("source=theme: %v", theme)
	}
	if n := len(ts.expect(req{path: tpl, as: "admin"}, 200, "").mustList(t)); n != len(list) {
		t.Errorf("after customizing, %d templates, want %d", n, len(list))
	}
	// Deleting the customization reverts to the theme's own.
	ts.expect(req{method: "DELETE", path: tpl + "/presspass//index?force=true", as: "admin"}, 200, "")
	if got := ts.expect(req{path: tpl + "/presspass//index", as: "admin"}, 200, "").mustObj(t); got["source"] != "theme" {
		t.Errorf("after delete: %v", got)
	}

	// A new template and a new part.
	created := ts.expect(req{method: "POST", path: tpl, as: "admin", body: `{"slug":"landing","title":"Landing","content":"<p>x</p>"}`}, 201, "")
	c := created.mustObj(t)
	if created.header.Get("Location") != ts.url+tpl+"/presspass//landing" || c["is_custom"] != true || c["has_theme_file"] != false || c["original_source"] != "user" {
		t.Errorf("created: %v %v", created.header.Get("Location"), c)
	}
	part := ts.expect(req{method: "POST", path: parts, as: "admin", body: `{"slug":"sidebar","content":"<p>s</p>","area":"nowhere"}`}, 201, "").mustObj(t)
	if part["area"] != "uncategorized" || part["id"] != "presspass//sidebar" {
		t.Errorf("part: %v", part)
	}
	trashed := ts.expect(req{method: "DELETE", path: tpl + "/presspass//landing", as: "admin"}, 200, "").mustObj(t)
	if trashed["status"] != "trash" {
		t.Errorf("trashed: %v", trashed)
	}
	ts.expect(req{path: tpl + "/presspass//landing", as: "admin"}, 404, "rest_template_not_found")
}
