package rest

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// A search's hits link to pages whose links name every ancestor page and to
// posts whose %category% names every ancestor category, and to categories
// whose links name theirs. A cache miss runs the same queries for 1 hit as
// for 10 (no query per hit or per ancestor), and the links are WordPress's:
// get_page_uri's ancestor slugs, get_permalink's lowest-id category after
// get_category_parents' slugs, get_term_link's ancestor slugs.
func TestSearchRunsConstantQueries(t *testing.T) {
	ts := newTestSite(t)
	if err := ts.store.SetOption(context.Background(), "permalink_structure", "/%category%/%postname%/"); err != nil {
		t.Fatal(err)
	}
	create := func(path, body string) string {
		t.Helper()
		r := ts.expect(req{method: "POST", path: "/wp-json/wp/v2/" + path, as: "admin", body: body}, http.StatusCreated, "")
		return toJSON(jsonAt(r.json, "id"))
	}
	// Each hit has its own three-deep chain, so that no ancestor is shared.
	var pages, posts, cats []string
	wantURL := map[string]string{}
	for i := range 10 {
		top := create("pages", fmt.Sprintf(`{"title":"Top %d","status":"publish"}`, i))
		mid := create("pages", fmt.Sprintf(`{"title":"Mid %d","status":"publish","parent":%s}`, i, top))
		leaf := create("pages", fmt.Sprintf(`{"title":"Leaf page %d","status":"publish","parent":%s}`, i, mid))
		pages = append(pages, leaf)
		wantURL["page "+leaf] = fmt.Sprintf("%s/top-%d/mid-%d/leaf-page-%d/", ts.url, i, i, i)

		root := create("categories", fmt.Sprintf(`{"name":"Root %d"}`, i))
		branch := create("categories", fmt.Sprintf(`{"name":"Branch %d","parent":%s}`, i, root))
		twig := create("categories", fmt.Sprintf(`{"name":"Twig %d","parent":%s}`, i, branch))
		cats = append(cats, twig)
		wantURL["category "+twig] = fmt.Sprintf("%s/category/root-%d/branch-%d/twig-%d/", ts.url, i, i, i)
		// A later, lower-level category too: the lowest id wins.
		other := create("categories", fmt.Sprintf(`{"name":"Other %d"}`, i))
		post := create("posts", fmt.Sprintf(`{"title":"Leaf post %d","status":"publish","categories":[%s,%s]}`, i, other, twig))
		posts = append(posts, post)
		wantURL["post "+post] = fmt.Sprintf("%s/root-%d/branch-%d/twig-%d/leaf-post-%d/", ts.url, i, i, i, i)
	}

	counter := countQueries(t, ts.store.DB())
	miss := 0
	search := func(t *testing.T, query string, want int) int64 {
		miss++ // a new query string each time: the answer cache misses
		// A write first: the object cache then has nothing it may serve,
		// so 1 hit and 10 read their rows from the database alike.
		if err := ts.store.SetOption(context.Background(), "blogdescription", fmt.Sprint("moved ", miss)); err != nil {
			t.Fatal(err)
		}
		var r result
		n, w := counter.during(func() {
			r = ts.with(t).expect(req{path: "/wp-json/wp/v2/search?" + query + "&miss=" + fmt.Sprint(miss)}, http.StatusOK, "")
		})
		if w != 0 {
			t.Errorf("%s: the search wrote %d statements", query, w)
		}
		if got := len(r.list()); got != want {
			t.Fatalf("%s: %d hits, want %d", query, got, want)
		}
		for _, item := range r.list() {
			m := item.(map[string]any)
			key := fmt.Sprint(m["subtype"]) + " " + fmt.Sprint(m["id"])
			if m["url"] != wantURL[key] {
				t.Errorf("%s: url %v, want %s", key, m["url"], wantURL[key])
			}
		}
		return n
	}
	ids := func(list ...[]string) string {
		var all []string
		for _, l := range list {
			all = append(all, l...)
		}
		return strings.Join(all, ",")
	}
	search(t, "include="+ids(pages[:1], posts[:1]), 2) // the options and other per-process caches warm up
	for _, tt := range []struct {
		name              string
		one, many         string
		oneHits, manyHits int
		suffix            string
	}{
		{name: "pages nested 3 deep", one: ids(pages[:1]), many: ids(pages), oneHits: 1, manyHits: 10},
		{name: "posts in nested categories", one: ids(posts[:1]), many: ids(posts), oneHits: 1, manyHits: 10},
		{name: "pages and posts", one: ids(pages[:1], posts[:1]), many: ids(pages[:5], posts[:5]), oneHits: 2, manyHits: 10},
		{name: "nested categories", one: ids(cats[:1]), many: ids(cats), oneHits: 1, manyHits: 10, suffix: "&type=term"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			one := search(t, "per_page=100&include="+tt.one+tt.suffix, tt.oneHits)
			many := search(t, "per_page=100&include="+tt.many+tt.suffix, tt.manyHits)
			t.Logf("queries: %d hits %d, %d hits %d", tt.oneHits, one, tt.manyHits, many)
			if one != many {
				t.Errorf("%d hits ran %d queries, %d hits ran %d: a query per hit", tt.manyHits, many, tt.oneHits, one)
			}
		})
	}
}
