package rest

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// The blocks that list posts' or terms' links run the same queries for a
// few entries as for ten times as many: core/latest-comments links each
// comment's post (posts under nested categories with a %category%
// structure, pages three deep; the comments alternate between the two) and
// core/tag-cloud each category (three deep), all at once; so does the
// REST list of categories.
func TestLinkListsRunConstantQueries(t *testing.T) {
	ts := newTestSite(t)
	id := func(r result) string { return toJSON(jsonAt(r.json, "id")) }
	for i := range 10 {
		top := id(ts.expect(req{method: "POST", path: "/wp-json/wp/v2/categories", as: "admin", body: fmt.Sprintf(`{"name":"Top %d"}`, i)}, http.StatusCreated, ""))
		mid := id(ts.expect(req{method: "POST", path: "/wp-json/wp/v2/categories", as: "admin", body: fmt.Sprintf(`{"name":"Mid %d","parent":%s}`, i, top)}, http.StatusCreated, ""))
		leaf := id(ts.expect(req{method: "POST", path: "/wp-json/wp/v2/categories", as: "admin", body: fmt.Sprintf(`{"name":"Leaf %d","parent":%s}`, i, mid)}, http.StatusCreated, ""))
		// Three posts each: the leaves outnumber Uncategorized in the cloud.
		var post string
		for j := range 3 {
			post = id(ts.expect(req{method: "POST", path: "/wp-json/wp/v2/posts", as: "admin", body: fmt.Sprintf(`{"title":"Post %d %d","status":"publish","categories":[%s]}`, i, j, leaf)}, http.StatusCreated, ""))
		}
		ptop := id(ts.expect(req{method: "POST", path: "/wp-json/wp/v2/pages", as: "admin", body: fmt.Sprintf(`{"title":"Upper %d","status":"publish"}`, i)}, http.StatusCreated, ""))
		pmid := id(ts.expect(req{method: "POST", path: "/wp-json/wp/v2/pages", as: "admin", body: fmt.Sprintf(`{"title":"Middle %d","status":"publish","parent":%s}`, i, ptop)}, http.StatusCreated, ""))
		page := id(ts.expect(req{method: "POST", path: "/wp-json/wp/v2/pages", as: "admin", body: fmt.Sprintf(`{"title":"Lower %d","status":"publish","comment_status":"open","parent":%s}`, i, pmid)}, http.StatusCreated, ""))
		for _, on := range []string{post, page} {
			ts.expect(req{method: "POST", path: "/wp-json/wp/v2/comments", as: "editor", body: `{"post":` + on + `,"content":"A comment"}`}, http.StatusCreated, "")
		}
	}
	if err := ts.store.SetOption(context.Background(), "permalink_structure", "/%category%/%postname%/"); err != nil {
		t.Fatal(err)
	}
	counter := countQueries(t, ts.store.DB())
	writes := 0
	render := func(t *testing.T, path, want string, n int) int64 {
		// A write first: nothing is served from a cache.
		writes++
		ts.expect(req{method: "POST", path: "/wp-json/wp/v2/settings", as: "admin", body: fmt.Sprintf(`{"description":"moved %d"}`, writes)}, http.StatusOK, "")
		reads, _ := counter.during(func() {
			r := ts.with(t).expect(req{path: fmt.Sprintf(path, n), as: "author"}, http.StatusOK, "")
			if got := strings.Count(toJSON(r.json), want); got < n {
				t.Fatalf("%s shows %d of %q, want %d: %s", path, got, want, n, toJSON(r.json))
			}
		})
		return reads
	}
	for _, tt := range []struct {
		name, path, want string
		few              int
	}{
		{"latest comments", "/wp-json/wp/v2/block-renderer/core/latest-comments?attributes%%5BcommentsToShow%%5D=%d", "#comment-", 2},
		{"category cloud", "/wp-json/wp/v2/block-renderer/core/tag-cloud?attributes%%5Btaxonomy%%5D=category&attributes%%5BnumberOfTags%%5D=%d", "/category/top-", 1},
		// The newest categories are the leaves.
		{"categories", "/wp-json/wp/v2/categories?orderby=id&order=desc&per_page=%d", "/category/top-", 1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			render(t, tt.path, tt.want, tt.few) // per-process caches warm up
			few, many := render(t, tt.path, tt.want, tt.few), render(t, tt.path, tt.want, 10*tt.few)
			t.Logf("%s: %d queries for %d entries, %d for %d", tt.name, few, tt.few, many, 10*tt.few)
			if few != many {
				t.Errorf("%s ran %d queries for %d entries and %d for %d: queries per entry", tt.name, many, 10*tt.few, few, tt.few)
			}
		})
	}
}
