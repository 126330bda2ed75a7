package rest

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	"gorm.io/gorm"
)

// queryCounter counts the statements a store runs through GORM, reads and
// writes apart.
type queryCounter struct{ reads, writes atomic.Int64 }

func countQueries(t testing.TB, db *gorm.DB) *queryCounter {
	t.Helper()
	c := &queryCounter{}
	// A subquery is built by a dry run of its own, which sends nothing.
	read := func(db *gorm.DB) {
		if !db.DryRun {
			c.reads.Add(1)
		}
	}
	write := func(db *gorm.DB) {
		if !db.DryRun {
			c.writes.Add(1)
		}
	}
	cb := db.Callback()
	for _, err := range []error{
		cb.Query().After("gorm:query").Register("test:count_query", read),
		cb.Row().After("gorm:row").Register("test:count_row", read),
		cb.Raw().After("gorm:raw").Register("test:count_raw", write), // Exec
		cb.Create().After("gorm:create").Register("test:count_create", write),
		cb.Update().After("gorm:update").Register("test:count_update", write),
		cb.Delete().After("gorm:delete").Register("test:count_delete", write),
	} {
		if err != nil {
			t.Fatal(err)
		}
	}
	return c
}

// during runs f and returns the reads and writes it caused.
func (c *queryCounter) during(f func()) (reads, writes int64) {
	r, w := c.reads.Load(), c.writes.Load()
	f()
	return c.reads.Load() - r, c.writes.Load() - w
}

// A cache miss of a post list runs the same few queries for 1 post as for
// 10 (no query per post for its author, terms, featured media, comment
// count or revisions), and a single post no more; none of them writes.
func TestPostReadsRunConstantQueries(t *testing.T) {
	ts := newTestSite(t)
	var tagIDs []string
	for i := range 3 {
		r := ts.expect(req{method: "POST", path: "/wp-json/wp/v2/tags", as: "admin", body: fmt.Sprintf(`{"name":"tag %d"}`, i)}, http.StatusCreated, "")
		tagIDs = append(tagIDs, toJSON(jsonAt(r.json, "id")))
	}
	cat := ts.expect(req{method: "POST", path: "/wp-json/wp/v2/categories", as: "admin", body: `{"name":"Cat"}`}, http.StatusCreated, "")
	authors := []string{"admin", "editor", "author"}
	var firstID string
	for i := range 12 {
		body := fmt.Sprintf(`{"title":"Post %d","content":"<p>Body \"%d\" -- with :-) text</p>","status":"publish","tags":[%s],"categories":[%s]}`,
			i, i, strings.Join(tagIDs[:i%3+1], ","), toJSON(jsonAt(cat.json, "id")))
		r := ts.expect(req{method: "POST", path: "/wp-json/wp/v2/posts", as: authors[i%3], body: body}, http.StatusCreated, "")
		id := toJSON(jsonAt(r.json, "id"))
		if firstID == "" {
			firstID = id
		}
		ts.expect(req{method: "POST", path: "/wp-json/wp/v2/comments", as: "editor", body: `{"post":` + id + `,"content":"A comment"}`}, http.StatusCreated, "")
		ts.expect(req{method: "POST", path: "/wp-json/wp/v2/posts/" + id, as: "admin", body: `{"content":"<p>Edited once</p>"}`}, http.StatusOK, "")
	}
	counter := countQueries(t, ts.store.DB())
	miss := 0
	get := func(t *testing.T, path string) (int64, int64) {
		miss++ // a new query string each time: the answer cache misses
		sep := "?"
		if strings.Contains(path, "?") {
			sep = "&"
		}
		return counter.during(func() {
			r := ts.with(t).expect(req{path: path + sep + "miss=" + fmt.Sprint(miss)}, http.StatusOK, "")
			if r.header.Get("X-WP-Total") == "" && strings.Contains(path, "per_page") {
				t.Fatal("no X-WP-Total")
			}
		})
	}
	// cold runs get after a write, which leaves the object cache nothing it
	// may serve: every row, term and revision count comes from the database.
	cold := func(t *testing.T, path string) (int64, int64) {
		ts.expect(req{method: "POST", path: "/wp-json/wp/v2/settings", as: "admin", body: fmt.Sprintf(`{"description":"moved %d"}`, miss)}, http.StatusOK, "")
		return get(t, path)
	}
	get(t, "/wp-json/wp/v2/posts?per_page=1") // the options and other per-process caches warm up
	one, w1 := cold(t, "/wp-json/wp/v2/posts?per_page=1")
	ten, w10 := cold(t, "/wp-json/wp/v2/posts?per_page=10")
	single, ws := cold(t, "/wp-json/wp/v2/posts/"+firstID)
	t.Logf("queries after a write: list of 1 %d, list of 10 %d, single %d", one, ten, single)
	if one != ten {
		t.Errorf("a list of 10 posts ran %d queries, a list of 1 ran %d: a query per post", ten, one)
	}
	if single > one {
		t.Errorf("a single post ran %d queries, more than a list's %d", single, one)
	}
	// Read again with nothing written (another query string, so that the
	// answer cache misses), neither runs a query: the ids and count the
	// list's query found, the rows, terms and revision counts all come
	// from the object cache.
	get(t, "/wp-json/wp/v2/posts?per_page=10")
	warmTen, w := get(t, "/wp-json/wp/v2/posts?per_page=10")
	warmSingle, w2 := get(t, "/wp-json/wp/v2/posts/"+firstID)
	t.Logf("queries with nothing written since: list of 10 %d, single %d", warmTen, warmSingle)
	if warmTen != 0 || warmSingle != 0 {
		t.Errorf("with the object cache warm, a list of 10 ran %d queries, a single post %d (want 0)", warmTen, warmSingle)
	}
	if w1+w10+ws+w+w2 != 0 {
		t.Errorf("reads wrote: %d, %d, %d, %d, %d statements", w1, w10, ws, w, w2)
	}
}

// A list of pages nested three deep runs the same queries for 1 page as for
// 10: each page's link names its ancestors (get_page_uri), loaded for the
// whole list at once.
func TestPageListRunsConstantQueries(t *testing.T) {
	ts := newTestSite(t)
	create := func(body string) string {
		t.Helper()
		r := ts.expect(req{method: "POST", path: "/wp-json/wp/v2/pages", as: "admin", body: body}, http.StatusCreated, "")
		return toJSON(jsonAt(r.json, "id"))
	}
	// Each leaf has its own ancestors; the leaves are the newest pages.
	var mids []string
	for i := range 10 {
		top := create(fmt.Sprintf(`{"title":"Top %d","status":"publish"}`, i))
		mids = append(mids, create(fmt.Sprintf(`{"title":"Mid %d","status":"publish","parent":%s}`, i, top)))
	}
	want := map[string]string{}
	for i := range 10 {
		id := create(fmt.Sprintf(`{"title":"Leaf %d","status":"publish","parent":%s}`, i, mids[i]))
		want[id] = fmt.Sprintf("%s/top-%d/mid-%d/leaf-%d/", ts.url, i, i, i)
	}
	counter := countQueries(t, ts.store.DB())
	moves := 0
	list := func(perPage int) int64 {
		// A write first: the object cache then has nothing it may serve,
		// so 1 page and 10 read their rows from the database alike.
		moves++
		if err := ts.store.SetOption(context.Background(), "blogdescription", fmt.Sprint("moved ", moves)); err != nil {
			t.Fatal(err)
		}
		var r result
		n, _ := counter.during(func() {
			r = ts.expect(req{path: fmt.Sprintf("/wp-json/wp/v2/pages?per_page=%d&orderby=id", perPage)}, http.StatusOK, "")
		})
		if len(r.list()) != perPage {
			t.Fatalf("per_page=%d gave %d pages", perPage, len(r.list()))
		}
		for _, item := range r.list() {
			m := item.(map[string]any)
			if id := fmt.Sprint(m["id"]); m["link"] != want[id] {
				t.Errorf("page %s: link %v, want %s", id, m["link"], want[id])
			}
		}
		return n
	}
	list(2) // per-process caches warm up (each write makes the answer cache miss)
	one, ten := list(1), list(10)
	t.Logf("queries: 1 page %d, 10 pages %d", one, ten)
	if one != ten {
		t.Errorf("10 pages ran %d queries, 1 page %d: a query per page", ten, one)
	}
}
