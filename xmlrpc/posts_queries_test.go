package xmlrpc_test

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"

	"github.com/presspass/presspass/models"
	"gorm.io/gorm"
)

// wp.getPosts on a cache miss runs the same few queries for 1 post as for
// 10: no query per post for its author, terms, featured image, custom
// fields or comment count; and none writes.
func TestGetPostsRunsConstantQueries(t *testing.T) {
	ts := newSite(t, true)
	ctx := context.Background()
	var tags []uint64
	admin, _ := ts.store.UserByID(ctx, ts.ids["admin"])
	for i := range 3 {
		name := fmt.Sprintf("tag %d", i)
		tag, err := ts.store.CreateTerm(ctx, admin, models.TermInput{Taxonomy: "post_tag", Name: &name})
		if err != nil {
			t.Fatal(err)
		}
		tags = append(tags, tag.ID)
	}
	for i := range 12 {
		u, _ := ts.store.UserByID(ctx, ts.ids[[]string{"admin", "editor", "author"}[i%3]])
		title, content, status := fmt.Sprintf("Post %d", i), fmt.Sprintf("<p>Body %d</p>", i), "publish"
		p, err := ts.store.CreatePost(ctx, u, models.PostInput{Title: &title, Content: &content, Status: &status})
		if err != nil {
			t.Fatal(err)
		}
		if err := ts.store.SetPostTerms(ctx, u, p.ID, "post_tag", tags[:i%3+1]); err != nil {
			t.Fatal(err)
		}
	}
	var reads, writes atomic.Int64
	// A subquery is built by a dry run of its own, which sends nothing.
	read := func(db *gorm.DB) {
		if !db.DryRun {
			reads.Add(1)
		}
	}
	write := func(db *gorm.DB) {
		if !db.DryRun {
			writes.Add(1)
		}
	}
	cb := ts.store.DB().Callback()
	_ = cb.Query().After("gorm:query").Register("test:count_query", read)
	_ = cb.Row().After("gorm:row").Register("test:count_row", read)
	_ = cb.Create().After("gorm:create").Register("test:count_create", write)
	_ = cb.Update().After("gorm:update").Register("test:count_update", write)
	_ = cb.Raw().After("gorm:raw").Register("test:count_raw", write)
	moves := 0
	count := func(number int, fields any) (int64, int64) {
		// A write first: the object cache then has nothing it may serve, so
		// every row, term and count comes from the database.
		moves++
		if err := ts.store.SetOption(ctx, "blogdescription", fmt.Sprint("moved ", moves)); err != nil {
			t.Fatal(err)
		}
		r, w := reads.Load(), writes.Load()
		if f, ok := fields.(string); ok {
			fields = []any{f}
		}
		args := append(ts.creds("admin"), map[string]any{"number": number, "post_type": "post"}, fields)
		v, err := ts.call("wp.getPosts", args)
		if err != nil {
			t.Fatal(err)
		}
		if list, _ := v.([]any); len(list) != number {
			t.Fatalf("wp.getPosts number=%d gave %d posts", number, len(list))
		}
		return reads.Load() - r, writes.Load() - w
	}
	count(1, "post") // per-process caches warm up
	for _, fields := range [][]any{{"post", "terms"}, {"post", "terms", "custom_fields"}} {
		one, w1 := count(1, fields)
		ten, w10 := count(10, fields)
		t.Logf("fields %v: 1 post %d queries, 10 posts %d", fields, one, ten)
		if one != ten {
			t.Errorf("fields %v: 10 posts ran %d queries, 1 post %d: a query per post", fields, ten, one)
		}
		if w1+w10 != 0 {
			t.Errorf("fields %v: reads wrote %d, %d statements", fields, w1, w10)
		}
	}
}

// wp.getPages of pages nested three deep runs the same queries for 1 page
// as for 10 (no query per page or ancestor for its link), and each link
// names the page's ancestors, as get_page_uri does.
func TestGetPagesRunsConstantQueries(t *testing.T) {
	ts := newSite(t, true)
	ctx := context.Background()
	admin, _ := ts.store.UserByID(ctx, ts.ids["admin"])
	if err := ts.store.SetOption(ctx, "permalink_structure", "/%postname%/"); err != nil {
		t.Fatal(err)
	}
	page := func(title string, parent uint64) uint64 {
		t.Helper()
		typ, status := "page", "publish"
		p, err := ts.store.CreatePost(ctx, admin, models.PostInput{Type: typ, Title: &title, Status: &status, ParentID: &parent})
		if err != nil {
			t.Fatal(err)
		}
		return p.ID
	}
	// Each leaf has its own ancestors; the leaves are the newest pages.
	var mids []uint64
	for i := range 10 {
		mids = append(mids, page(fmt.Sprintf("Mid %d", i), page(fmt.Sprintf("Top %d", i), 0)))
	}
	want := map[string]string{}
	for i := range 10 {
		id := page(fmt.Sprintf("Leaf %d", i), mids[i])
		want[fmt.Sprint(id)] = fmt.Sprintf("%s/top-%d/mid-%d/leaf-%d/", ts.url, i, i, i)
	}
	var reads atomic.Int64
	read := func(db *gorm.DB) {
		if !db.DryRun { // a subquery's dry run sends nothing
			reads.Add(1)
		}
	}
	cb := ts.store.DB().Callback()
	_ = cb.Query().After("gorm:query").Register("test:count_query", read)
	_ = cb.Row().After("gorm:row").Register("test:count_row", read)
	count := func(number int) int64 {
		// A write first: the object cache then has nothing it may serve, so
		// 1 page and 10 read their rows from the database alike.
		if err := ts.store.SetOption(ctx, "blogdescription", fmt.Sprint("moved ", number)); err != nil {
			t.Fatal(err)
		}
		r := reads.Load()
		v, err := ts.call("wp.getPages", append(ts.creds("admin"), number))
		if err != nil {
			t.Fatal(err)
		}
		list, _ := v.([]any)
		if len(list) != number {
			t.Fatalf("wp.getPages %d gave %d pages", number, len(list))
		}
		for _, item := range list {
			m := item.(map[string]any)
			id := fmt.Sprint(m["page_id"])
			if m["link"] != want[id] || m["permaLink"] != want[id] {
				t.Errorf("page %s: link %v, permaLink %v, want %s", id, m["link"], m["permaLink"], want[id])
			}
		}
		return reads.Load() - r
	}
	count(2) // per-process caches warm up
	one, ten := count(1), count(10)
	t.Logf("1 page %d queries, 10 pages %d", one, ten)
	if one != ten {
		t.Errorf("10 pages ran %d queries, 1 page %d: a query per page", ten, one)
	}
}
