package site_test

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/presspass/presspass/models"
	"gorm.io/gorm"
)

// queryCounter counts the statements a store runs through GORM.
type queryCounter struct{ n atomic.Int64 }

func countQueries(t *testing.T, db *gorm.DB) *queryCounter {
	t.Helper()
	c := &queryCounter{}
	// A subquery is built by a dry run of its own, which sends nothing.
	count := func(db *gorm.DB) {
		if !db.DryRun {
			c.n.Add(1)
		}
	}
	cb := db.Callback()
	for _, err := range []error{
		cb.Query().After("gorm:query").Register("test:count_query", count),
		cb.Row().After("gorm:row").Register("test:count_row", count),
		cb.Raw().After("gorm:raw").Register("test:count_raw", count),
		cb.Create().After("gorm:create").Register("test:count_create", count),
		cb.Update().After("gorm:update").Register("test:count_update", count),
		cb.Delete().After("gorm:delete").Register("test:count_delete", count),
	} {
		if err != nil {
			t.Fatal(err)
		}
	}
	return c
}

// Every list page of the public site runs the same queries for 1 post as
// for 10 when it is not cached: the posts' links (their categories three
// deep under a %category% structure, pages three deep), authors, terms and
// the terms' links are loaded once per list, never once per post. Each
// count is taken after a write, so neither the page cache nor the object
// cache answers anything.
func TestListPagesRunConstantQueries(t *testing.T) {
	ts := newTestSite(t, "")
	ctx := context.Background()
	admin, editor, author := ts.user("admin"), ts.user("editor"), ts.user("author")
	str := func(s string) *string { return &s }
	pub := "publish"
	term := func(tax, name string, parent uint64) uint64 {
		t.Helper()
		in := models.TermInput{Taxonomy: tax, Name: str(name), CreateRule: models.FlatTermsByAssigners}
		if parent != 0 {
			in.ParentID = &parent
		}
		tm, err := ts.store.CreateTerm(ctx, admin, in)
		if err != nil {
			t.Fatal(err)
		}
		return tm.ID
	}
	post := func(actor *models.User, in models.PostInput) uint64 {
		t.Helper()
		in.Status = &pub
		p, err := ts.store.CreatePost(ctx, actor, in)
		if err != nil {
			t.Fatal(err)
		}
		return p.ID
	}
	// Each post's own category is three deep and created before the shared
	// one, so it is the one %category% names.
	var leaves []uint64
	for i := range 20 {
		top := term("category", fmt.Sprintf("Top %d", i), 0)
		leaves = append(leaves, term("category", fmt.Sprintf("Leaf %d", i), term("category", fmt.Sprintf("Mid %d", i), top)))
	}
	shared := term("category", "Shared Child", term("category", "Shared Parent", 0))
	common := term("post_tag", "Common", 0)
	for i := range 20 {
		// Alternate authors: the editor's archive holds 10 of them.
		actor := editor
		if i%2 == 1 {
			actor = author
		}
		date := time.Date(2025, 3, 1+i, 12, 0, 0, 0, time.UTC)
		id := post(actor, models.PostInput{Title: str(fmt.Sprintf("Listed %d", i)), Content: str("Body."), Date: &date})
		if err := ts.store.SetPostTerms(ctx, admin, id, "category", []uint64{leaves[i], shared}); err != nil {
			t.Fatal(err)
		}
		if err := ts.store.SetPostTerms(ctx, admin, id, "post_tag", []uint64{common, term("post_tag", fmt.Sprintf("Own %d", i), 0)}); err != nil {
			t.Fatal(err)
		}
		if _, err := ts.store.CreateComment(ctx, admin, models.CommentInput{PostID: id, Content: str(fmt.Sprintf("Comment %d", i))}); err != nil {
			t.Fatal(err)
		}
		// Pages three deep that only the search finds.
		top := post(admin, models.PostInput{Type: "page", Title: str(fmt.Sprintf("Upper %d", i))})
		mid := post(admin, models.PostInput{Type: "page", Title: str(fmt.Sprintf("Middle %d", i)), ParentID: &top})
		post(admin, models.PostInput{Type: "page", Title: str(fmt.Sprintf("Nestedfind %d", i)), ParentID: &mid})
	}
	// The harness's protected post, dated now, would be the newest.
	draft := "draft"
	if _, err := ts.store.UpdatePost(ctx, admin, ts.ids["protected"], models.PostInput{Status: &draft}); err != nil {
		t.Fatal(err)
	}
	if err := ts.store.SetOption(ctx, "permalink_structure", "/%category%/%postname%/"); err != nil {
		t.Fatal(err)
	}
	counter := countQueries(t, ts.store.DB())
	v := ts.visitor()
	writes := 0
	// get shows n posts a page (and n items a feed), after a write.
	get := func(t *testing.T, path, want string, n int) int64 {
		t.Helper()
		writes++
		for k, val := range map[string]string{"posts_per_page": strconv.Itoa(n), "posts_per_rss": strconv.Itoa(n), "blogdescription": fmt.Sprintf("moved %d", writes)} {
			if err := ts.store.SetOption(ctx, k, val); err != nil {
				t.Fatal(err)
			}
		}
		before := counter.n.Load()
		r := v.get(path)
		after := counter.n.Load()
		if r.status != http.StatusOK || !strings.Contains(r.body, want) {
			t.Fatalf("%s: %d, want 200 with %q: %.500s", path, r.status, want, r.body)
		}
		if got := strings.Count(r.body, want); n == 10 && got < 10 {
			t.Fatalf("%s shows %d of %q, want 10", path, got, want)
		}
		return after - before
	}
	tests := []struct{ name, path, want string }{
		{"home", "/", "/mid-"},
		{"home, page 2", "/page/2/", "/mid-"},
		{"category", "/category/shared-parent/shared-child/", "/mid-"},
		{"tag", "/tag/common/", "/mid-"},
		{"author", "/author/editor/", "/mid-"},
		{"month", "/2025/03/", "/mid-"},
		{"search", "/?s=nestedfind", "/upper-"},
		{"feed", "/feed/", "<item>"},
		{"atom feed", "/feed/atom/", "<entry>"},
		{"category feed", "/category/shared-parent/shared-child/feed/", "<item>"},
		{"comments feed", "/comments/feed/", "<item>"},
		{"search feed", "/search/nestedfind/feed/rss2/", "/upper-"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			get(t, tt.path, tt.want, 1) // per-process caches warm up
			one := get(t, tt.path, tt.want, 1)
			ten := get(t, tt.path, tt.want, 10)
			t.Logf("%s: %d queries for 1 post, %d for 10", tt.path, one, ten)
			if one != ten {
				t.Errorf("%s ran %d queries for 10 posts and %d for 1: queries per post", tt.path, ten, one)
			}
		})
	}
}
