package rest

import (
	"fmt"
	"strings"
	"testing"
)

// TestSearch drives /wp/v2/search as the block editor's link picker does:
// published posts and pages only, whoever asks; terms of the public
// taxonomies; the post formats in use; paging, include/exclude, subtypes.
func TestSearch(t *testing.T) {
	ts := newTestSite(t)
	create := func(path, body string) string {
		t.Helper()
		return fmt.Sprint(ts.expect(req{method: "POST", path: "/wp-json/wp/v2/" + path, body: body, as: "admin"}, 201, "").obj()["id"])
	}
	published := create("posts", `{"title":"Zebra crossing","status":"publish","format":"aside"}`)
	create("posts", `{"title":"Zebra draft","status":"draft"}`)
	create("posts", `{"title":"Zebra secret","status":"private"}`)
	page := create("pages", `{"title":"Zebra page","status":"publish"}`)
	tag := create("tags", `{"name":"Zebra stripes"}`)
	create("categories", `{"name":"Animals","slug":"zebra-things"}`)

	ids := func(r result) string {
		var out []string
		for _, item := range r.list() {
			m := item.(map[string]any)
			out = append(out, fmt.Sprintf("%v:%v/%v", m["id"], m["type"], m["subtype"]))
		}
		return strings.Join(out, ",")
	}
	for _, tt := range []struct {
		name, query, as string
		want            string
		total           string
	}{
		{"published posts and pages, relevance first", "?search=zebra", "", "", "2"},
		{"the administrator finds no more", "?search=zebra", "admin", "", "2"},
		{"pages only", "?search=zebra&subtype=page", "", page + ":post/page", "1"},
		{"a subtype of another type is dropped", "?search=zebra&subtype=category", "", "", "0"},
		{"any wins", "?search=zebra&subtype=page,any", "", "", "2"},
		{"exclude", "?search=zebra&exclude=" + page, "", published + ":post/post", "1"},
		{"include", "?include=" + published, "", published + ":post/post", "1"},
		{"paging", "?search=zebra&per_page=1&page=2", "", "", "2"},
		{"terms by name or slug, empty ones too", "?type=term&search=zebra", "", "", "2"},
		{"tags only", "?type=term&search=zebra&subtype=post_tag", "", tag + ":post_tag/post_tag", "1"},
		{"formats in use", "?type=post-format", "", "aside:post-format/<nil>", "1"},
		{"formats have no subtypes to narrow to", "?type=post-format&subtype=post", "", "aside:post-format/<nil>", "1"},
		{"formats by label", "?type=post-format&search=ASI", "", "aside:post-format/<nil>", "1"},
		{"formats not in use are not found", "?type=post-format&search=gallery", "", "", "0"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := ts.with(t).expect(req{path: "/wp-json/wp/v2/search" + tt.query, as: tt.as}, 200, "")
			if got := r.header.Get("X-WP-Total"); got != tt.total {
				t.Errorf("X-WP-Total %s, want %s", got, tt.total)
			}
			if tt.want != "" && ids(r) != tt.want {
				t.Errorf("results %s, want %s", ids(r), tt.want)
			}
			for _, item := range r.list() {
				m := item.(map[string]any)
				if strings.Contains(fmt.Sprint(m["title"]), "draft") || strings.Contains(fmt.Sprint(m["title"]), "secret") {
					t.Errorf("unpublished post found: %v", m)
				}
			}
		})
	}

	hit := ts.expect(req{path: "/wp-json/wp/v2/search?include=" + published}, 200, "").list()[0].(map[string]any)
	if hit["title"] != "Zebra crossing" || !strings.HasSuffix(fmt.Sprint(hit["url"]), "/zebra-crossing/") {
		t.Errorf("post hit %v", hit)
	}
	links := hit["_links"].(map[string]any)
	self := links["self"].([]any)[0].(map[string]any)
	if self["href"] != ts.url+"/wp-json/wp/v2/posts/"+published || self["embeddable"] != true {
		t.Errorf("self link %v", self)
	}
	format := ts.expect(req{path: "/wp-json/wp/v2/search?type=post-format"}, 200, "").list()[0].(map[string]any)
	if format["title"] != "Aside" || !strings.Contains(fmt.Sprint(format["url"]), "aside") {
		t.Errorf("format hit %v", format)
	}
	embedded := ts.expect(req{path: "/wp-json/wp/v2/search?include=" + published + "&_embed"}, 200, "").list()[0].(map[string]any)
	if e, _ := embedded["_embedded"].(map[string]any); e == nil || e["self"] == nil {
		t.Errorf("_embed did not embed the post: %v", embedded)
	}
	fields := ts.expect(req{path: "/wp-json/wp/v2/search?_fields=id,title"}, 200, "").list()[0].(map[string]any)
	if len(fields) != 2 {
		t.Errorf("_fields=id,title gave %v", keys(fields))
	}

	ts.expect(req{path: "/wp-json/wp/v2/search?type=user"}, 400, "rest_invalid_param")
	ts.expect(req{path: "/wp-json/wp/v2/search?subtype=book"}, 400, "rest_invalid_param")
	ts.expect(req{path: "/wp-json/wp/v2/search?context=edit"}, 400, "rest_invalid_param")
	ts.expect(req{path: "/wp-json/wp/v2/search?search=zebra&page=9"}, 400, "rest_search_invalid_page_number")
}
