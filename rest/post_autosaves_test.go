package rest

import (
	"strconv"
	"strings"
	"testing"
)

func TestAutosavesEndpoints(t *testing.T) {
	ts := newTestSite(t)
	// An editor's autosave of the author's published post leaves the post
	// alone.
	r := ts.do(req{method: "POST", path: "/wp-json/wp/v2/posts/4/autosaves", as: "editor", body: `{"title":"Edited title","content":"Unsaved words"}`})
	if r.status != 200 || jsonAt(r.json, "parent") != float64(4) || jsonAt(r.json, "slug") != "4-autosave-v1" ||
		jsonAt(r.json, "content", "raw") != "Unsaved words" {
		t.Fatalf("autosave: %d %s", r.status, r.raw)
	}
	autoID := int(jsonAt(r.json, "id").(float64))
	if link, _ := jsonAt(r.json, "preview_link").(string); !strings.Contains(link, "preview_id=4") || !strings.HasSuffix(link, "preview=true") {
		t.Errorf("preview_link %q", link)
	}
	if got := ts.do(req{path: "/wp-json/wp/v2/posts/4"}); jsonAt(got.json, "title", "rendered") != "Author Published" {
		t.Errorf("the post changed: %s", got.raw)
	}
	// A second autosave by the same user overwrites the first.
	r = ts.do(req{method: "POST", path: "/wp-json/wp/v2/posts/4/autosaves", as: "editor", body: `{"title":"Edited again","content":"More"}`})
	if int(jsonAt(r.json, "id").(float64)) != autoID {
		t.Errorf("second autosave made a new one: %s", r.raw)
	}
	list := ts.do(req{path: "/wp-json/wp/v2/posts/4/autosaves", as: "author"})
	if list.status != 200 || len(list.mustList(t)) != 1 {
		t.Fatalf("list: %d %s", list.status, list.raw)
	}
	one := ts.do(req{path: "/wp-json/wp/v2/posts/4/autosaves/" + strconv.Itoa(autoID), as: "author"})
	if one.status != 200 || jsonAt(one.json, "title", "rendered") != "Edited again" {
		t.Errorf("get: %d %s", one.status, one.raw)
	}
	// The revisions list shows the autosave too, as WordPress's does.
	if rev := ts.do(req{path: "/wp-json/wp/v2/posts/4/revisions", as: "author"}); len(rev.mustList(t)) != 1 {
		t.Errorf("revisions list %s", rev.raw)
	}
	// The author's own draft is updated in place.
	r = ts.do(req{method: "POST", path: "/wp-json/wp/v2/posts/5/autosaves", as: "author", body: `{"content":"Draft autosaved"}`})
	if r.status != 200 || jsonAt(r.json, "id") != float64(5) {
		t.Fatalf("draft autosave: %d %s", r.status, r.raw)
	}
	// Shown as a revision: an undated draft's dates are null, its empty
	// excerpt is not made from the content, and it has no parent to link.
	if m, _ := r.json.(map[string]any); m["date"] != nil || m["date_gmt"] != nil || m["_links"] != nil ||
		jsonAt(r.json, "excerpt", "rendered") != "" {
		t.Errorf("draft autosave shape: %s", r.raw)
	}
	if got := ts.do(req{path: "/wp-json/wp/v2/posts/5?context=edit", as: "author"}); jsonAt(got.json, "content", "raw") != "Draft autosaved" {
		t.Errorf("draft not updated: %s", got.raw)
	}
	cases := []struct {
		method, path, login string
		status              int
		code                string
	}{
		{"GET", "/wp-json/wp/v2/posts/4/autosaves", "contributor", 403, "rest_cannot_read"},
		{"GET", "/wp-json/wp/v2/posts/4/autosaves", "", 401, "rest_cannot_read"},
		{"POST", "/wp-json/wp/v2/posts/1/autosaves", "author", 403, "rest_cannot_edit"},
		{"GET", "/wp-json/wp/v2/posts/999/autosaves", "admin", 404, "rest_post_invalid_parent"},
		{"GET", "/wp-json/wp/v2/posts/1/autosaves/1", "admin", 404, "rest_post_no_autosave"},
		{"GET", "/wp-json/wp/v2/pages/4/autosaves", "admin", 404, "rest_post_invalid_parent"},
	}
	for _, c := range cases {
		if r := ts.do(req{method: c.method, path: c.path, as: c.login}); r.status != c.status || r.code() != c.code {
			t.Errorf("%s %s as %q: %d %s", c.method, c.path, c.login, r.status, r.raw)
		}
	}
}
