package rest

import (
	"strings"
	"testing"
)

func TestThemesAndPlugins(t *testing.T) {
	ts := newTestSite(t)
	for _, c := range []struct {
		name   string
		q      req
		status int
		code   string
	}{
		{"admin lists every theme", req{path: "/wp-json/wp/v2/themes", as: "admin"}, 200, ""},
		{"an author may not list every theme", req{path: "/wp-json/wp/v2/themes", as: "author"}, 403, "rest_cannot_view_themes"},
		{"an author reads the active theme", req{path: "/wp-json/wp/v2/themes?status=active", as: "author"}, 200, ""},
		{"a contributor reads the active theme", req{path: "/wp-json/wp/v2/themes?status=active&context=edit", as: "contributor"}, 200, ""},
		{"a subscriber may not", req{path: "/wp-json/wp/v2/themes?status=active", as: "subscriber"}, 403, "rest_cannot_view_active_theme"},
		{"a visitor may not", req{path: "/wp-json/wp/v2/themes?status=active"}, 401, "rest_cannot_view_active_theme"},
		{"an unknown status", req{path: "/wp-json/wp/v2/themes?status=broken", as: "admin"}, 400, "rest_invalid_param"},
		{"the active theme by name", req{path: "/wp-json/wp/v2/themes/presspass", as: "author"}, 200, ""},
		{"another theme", req{path: "/wp-json/wp/v2/themes/twentytwelve", as: "admin"}, 404, "rest_theme_not_found"},
		{"another theme as author", req{path: "/wp-json/wp/v2/themes/twentytwelve", as: "author"}, 403, "rest_cannot_view_themes"},
		{"plugins as admin", req{path: "/wp-json/wp/v2/plugins", as: "admin"}, 200, ""},
		{"plugins as editor", req{path: "/wp-json/wp/v2/plugins", as: "editor"}, 403, "rest_cannot_view_plugins"},
		{"a plugin as admin", req{path: "/wp-json/wp/v2/plugins/akismet/akismet", as: "admin"}, 404, "rest_plugin_not_found"},
		{"a plugin as visitor", req{path: "/wp-json/wp/v2/plugins/akismet/akismet"}, 401, "rest_cannot_view_plugin"},
	} {
		t.Run(c.name, func(t *testing.T) { ts.with(t).expect(c.q, c.status, c.code) })
	}

	active := ts.expect(req{path: "/wp-json/wp/v2/themes?status=active&context=edit", as: "author"}, 200, "")
	if active.header.Get("X-WP-Total") != "1" || len(active.list()) != 1 {
		t.Fatalf("active theme list: %s", active.raw)
	}
	theme := active.list()[0].(map[string]any)
	if theme["stylesheet"] != "presspass" || theme["status"] != "active" || theme["is_block_theme"] != true {
		t.Errorf("theme: %v", theme)
	}
	supports, _ := theme["theme_supports"].(map[string]any)
	for _, feature := range []string{"align-wide", "editor-color-palette", "editor-font-sizes", "editor-styles", "responsive-embeds", "post-thumbnails"} {
		if v, ok := supports[feature]; !ok || v == false {
			t.Errorf("theme_supports[%s] = %v", feature, v)
		}
	}
	links, _ := theme["_links"].(map[string]any)
	styles, _ := links["wp:user-global-styles"].([]any)
	if len(styles) != 1 {
		t.Fatalf("no user global styles link: %v", links)
	}
	href := styles[0].(map[string]any)["href"].(string)
	// The link is made once: a second read points at the same post.
	again := ts.expect(req{path: "/wp-json/wp/v2/themes?status=active", as: "admin"}, 200, "").list()[0].(map[string]any)
	if got := again["_links"].(map[string]any)["wp:user-global-styles"].([]any)[0].(map[string]any)["href"]; got != href {
		t.Errorf("second global styles post: %v, first %v", got, href)
	}
	// The index links the active theme for those who may read it.
	index := ts.expect(req{path: "/wp-json/", as: "author"}, 200, "").obj()
	if _, ok := index["_links"].(map[string]any)["wp:active-theme"]; !ok {
		t.Errorf("index lacks wp:active-theme: %v", index["_links"])
	}
	if _, ok := ts.expect(req{path: "/wp-json/"}, 200, "").obj()["_links"].(map[string]any)["wp:active-theme"]; ok {
		t.Error("a visitor's index links the active theme")
	}

	// Global styles of the theme and of the user.
	path := strings.TrimPrefix(href, ts.url)
	for _, c := range []struct {
		name   string
		q      req
		status int
		code   string
	}{
		{"theme styles as author", req{path: "/wp-json/wp/v2/global-styles/themes/presspass", as: "author"}, 200, ""},
		{"theme styles of another theme", req{path: "/wp-json/wp/v2/global-styles/themes/other", as: "admin"}, 404, "rest_theme_not_found"},
		{"theme styles as subscriber", req{path: "/wp-json/wp/v2/global-styles/themes/presspass", as: "subscriber"}, 403, "rest_cannot_read_global_styles"},
		{"variations", req{path: "/wp-json/wp/v2/global-styles/themes/presspass/variations", as: "author"}, 200, ""},
		{"user styles as admin", req{path: path, as: "admin"}, 200, ""},
		{"user styles as author", req{path: path, as: "author"}, 200, ""},
		{"user styles in edit context as author", req{path: path + "?context=edit", as: "author"}, 403, "rest_forbidden_context"},
		{"user styles as subscriber", req{path: path, as: "subscriber"}, 403, "rest_cannot_view"},
		{"no such styles", req{path: "/wp-json/wp/v2/global-styles/99999", as: "admin"}, 404, "rest_global_styles_not_found"},
		{"a post is no global styles", req{path: "/wp-json/wp/v2/global-styles/1", as: "admin"}, 404, "rest_global_styles_not_found"},
		{"editor may not save", req{method: "POST", path: path, as: "editor", body: `{"styles":{}}`}, 403, "rest_cannot_edit"},
		{"markup in custom CSS", req{method: "POST", path: path, as: "admin", body: `{"styles":{"css":"</style><script>"}}`}, 400, "rest_custom_css_illegal_markup"},
	} {
		t.Run(c.name, func(t *testing.T) { ts.with(t).expect(c.q, c.status, c.code) })
	}
	user := ts.expect(req{path: path, as: "admin"}, 200, "").obj()
	if user["title"].(map[string]any)["raw"] != "Custom Styles" || len(user["styles"].(map[string]any)) != 0 {
		t.Errorf("new user styles: %v", user)
	}
	saved := ts.expect(req{method: "PUT", path: path, as: "admin",
		body: `{"styles":{"color":{"text":"#111111"}},"settings":{"color":{"custom":false}}}`}, 200, "").obj()
	if saved["styles"].(map[string]any)["color"].(map[string]any)["text"] != "#111111" {
		t.Errorf("saved: %v", saved)
	}
	// Settings left out are kept.
	kept := ts.expect(req{method: "POST", path: path, as: "admin", body: `{"styles":{}}`}, 200, "").obj()
	if kept["settings"].(map[string]any)["color"] == nil {
		t.Errorf("settings lost: %v", kept)
	}
}
