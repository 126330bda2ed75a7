package rest

import (
	"context"
	"testing"

	"github.com/presspass/presspass/models"
)

// Anonymous answers are served from the cache only while nothing visible
// changed; any write moves the content epoch.
func TestResponseCacheFollowsWrites(t *testing.T) {
	ts := newTestSite(t)
	list := func() int {
		return len(ts.expect(req{path: "/wp-json/wp/v2/posts?per_page=100"}, 200, "").list())
	}
	before := list()
	if again := list(); again != before {
		t.Fatalf("cached answer differs: %d vs %d", again, before)
	}
	title, status := "Fresh post", "publish"
	p, err := ts.store.CreatePost(context.Background(), ts.user("admin"), models.PostInput{Title: &title, Status: &status})
	if err != nil {
		t.Fatal(err)
	}
	if after := list(); after != before+1 {
		t.Fatalf("after a new post: %d, want %d", after, before+1)
	}
	if _, err := ts.store.TrashPost(context.Background(), ts.user("admin"), p.ID); err != nil {
		t.Fatal(err)
	}
	if after := list(); after != before {
		t.Fatalf("after trashing: %d, want %d", after, before)
	}
	// A credentialed request is never answered from the anonymous cache.
	drafts := ts.expect(req{path: "/wp-json/wp/v2/posts?per_page=100&status=draft", as: "admin"}, 200, "")
	if len(drafts.list()) == 0 {
		t.Fatal("admin sees no drafts")
	}
	ts.expect(req{path: "/wp-json/wp/v2/posts?per_page=100&status=draft"}, 400, "rest_invalid_param")
}
