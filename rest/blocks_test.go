package rest

import (
	"fmt"
	"testing"
)

// Patterns (wp_block posts) through /wp/v2/blocks: CRUD with WordPress's
// permission rules (a pattern is read with edit_posts), the raw-only title
// and content, wp_pattern_sync_status and the wp_pattern_category terms.
func TestBlocks(t *testing.T) {
	ts := newTestSite(t)
	cat := ts.expect(req{method: "POST", path: "/wp-json/wp/v2/wp_pattern_category", as: "author", body: "name=Heroes"}, 201, "").mustObj(t)["id"]
	created := ts.expect(req{method: "POST", path: "/wp-json/wp/v2/blocks", as: "author",
		body: fmt.Sprintf(`{"title":"Hero","content":"<!-- wp:paragraph --><p>Hi</p><!-- /wp:paragraph -->","status":"publish","meta":{"wp_pattern_sync_status":"unsynced"},"wp_pattern_category":[%v]}`, cat)}, 201, "")
	b := created.mustObj(t)
	id := fmt.Sprint(b["id"])
	if got := created.header.Get("Location"); got != ts.url+"/wp-json/wp/v2/blocks/"+id {
		t.Errorf("Location %q", got)
	}
	item := "/wp-json/wp/v2/blocks/" + id
	for _, c := range []struct {
		name   string
		q      req
		status int
		code   string
	}{
		{"list as author", req{path: "/wp-json/wp/v2/blocks?context=edit&per_page=100", as: "author"}, 200, ""},
		{"list as subscriber", req{path: "/wp-json/wp/v2/blocks?context=edit", as: "subscriber"}, 403, "rest_forbidden_context"},
		{"contributor reads a published pattern", req{path: item, as: "contributor"}, 200, ""},
		{"subscriber may not read it", req{path: item, as: "subscriber"}, 403, "rest_forbidden"},
		{"visitor may not read it", req{path: item}, 401, "rest_forbidden"},
		{"contributor may not edit another's", req{method: "POST", path: item, as: "contributor", body: "title=X"}, 403, "rest_cannot_edit"},
		// create_posts of patterns is publish_posts.
		{"contributor may not create one", req{method: "POST", path: "/wp-json/wp/v2/blocks", as: "contributor", body: "title=X"}, 403, "rest_cannot_create"},
		{"subscriber may not create one", req{method: "POST", path: "/wp-json/wp/v2/blocks", as: "subscriber", body: "title=X"}, 403, "rest_cannot_create"},
		{"bad sync status", req{method: "POST", path: item, as: "author", body: `{"meta":{"wp_pattern_sync_status":"sometimes"}}`}, 400, "rest_invalid_param"},
		{"not a pattern", req{path: "/wp-json/wp/v2/blocks/1", as: "author"}, 404, "rest_post_invalid_id"},
		{"revisions", req{path: item + "/revisions", as: "author"}, 200, ""},
		{"autosaves", req{path: item + "/autosaves", as: "author"}, 200, ""},
	} {
		t.Run(c.name, func(t *testing.T) { ts.with(t).expect(c.q, c.status, c.code) })
	}
	for _, ctx := range []string{"view", "edit"} {
		got := ts.expect(req{path: item + "?context=" + ctx, as: "author"}, 200, "").mustObj(t)
		if title := got["title"].(map[string]any); len(title) != 1 || title["raw"] != "Hero" {
			t.Errorf("%s: title %v, want only raw", ctx, title)
		}
		if content := got["content"].(map[string]any); content["raw"] == nil || content["rendered"] != nil {
			t.Errorf("%s: content %v, want raw without rendered", ctx, content)
		}
		if got["wp_pattern_sync_status"] != "unsynced" || jsonAt(got, "meta", "wp_pattern_sync_status") != nil {
			t.Errorf("%s: sync status %v, meta %v", ctx, got["wp_pattern_sync_status"], got["meta"])
		}
		if cats, _ := got["wp_pattern_category"].([]any); len(cats) != 1 || fmt.Sprint(cats[0]) != fmt.Sprint(cat) {
			t.Errorf("%s: wp_pattern_category %v", ctx, got["wp_pattern_category"])
		}
		for _, absent := range []string{"author", "featured_media", "comment_status", "sticky", "format", "categories", "class_list", "permalink_template"} {
			if _, ok := got[absent]; ok {
				t.Errorf("%s: unexpected %s", ctx, absent)
			}
		}
	}
	filtered := ts.expect(req{path: fmt.Sprintf("/wp-json/wp/v2/blocks?wp_pattern_category=%v", cat), as: "author"}, 200, "")
	if filtered.header.Get("X-WP-Total") != "1" {
		t.Errorf("filter by pattern category: %s", filtered.raw)
	}
	ts.expect(req{method: "DELETE", path: item + "?force=true", as: "author"}, 200, "")
	ts.expect(req{path: item, as: "author"}, 404, "rest_post_invalid_id")
}
