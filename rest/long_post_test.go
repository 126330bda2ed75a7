package rest

import (
	"context"
	"fmt"
	"net/http"
	"testing"

	"github.com/presspass/presspass/fixtures/longtext"
	"github.com/presspass/presspass/models"
)

// A long post's answer (larger than the answer cache's usual entries) is
// made once and served again to later readers without a query, until the
// post changes.
func TestLongPostAnswerIsShared(t *testing.T) {
	ts := newTestSite(t)
	ctx := context.Background()
	admin := ts.user("admin")
	title, status, content := "Long", "publish", longtext.Classic(2<<20)
	p, err := ts.store.CreatePost(ctx, admin, models.PostInput{Title: &title, Content: &content, Status: &status})
	if err != nil {
		t.Fatal(err)
	}
	path := fmt.Sprintf("/wp-json/wp/v2/posts/%d", p.ID)
	counter := countQueries(t, ts.store.DB())
	first, _ := counter.during(func() { ts.expect(req{path: path}, http.StatusOK, "") })
	var body []byte
	again, _ := counter.during(func() { body = ts.expect(req{path: path}, http.StatusOK, "").raw })
	if len(body) <= responseCacheMaxBody {
		t.Fatalf("the answer is %d bytes: not a long one", len(body))
	}
	if first == 0 || again != 0 {
		t.Errorf("queries: %d for the first reader, %d for the next (want none)", first, again)
	}
	edited := longtext.Classic(2<<20 + 100)
	if _, err := ts.store.UpdatePost(ctx, admin, p.ID, models.PostInput{Content: &edited}); err != nil {
		t.Fatal(err)
	}
	after, _ := counter.during(func() { body = ts.expect(req{path: path}, http.StatusOK, "").raw })
	if after == 0 {
		t.Error("the answer was served from the cache after the post changed")
	}
}
