package rest

import (
	"context"
	"fmt"
	"net/http"
	"testing"
)

// A REST create of a post runs the same few statements every time: in one
// transaction the insert, its default category (one statement that checks
// the category too) and its GUID, which moves the content epoch once, at
// the end; then the answer reads the post's terms and its generated slug.
// It reads no revision count (a new post has none) and does not reload the
// options: the epoch moved through this process's own write, which touched
// none of them.
func TestPostCreateRunsConstantQueries(t *testing.T) {
	ts := newTestSite(t)
	ctx := context.Background()
	counter := countQueries(t, ts.store.DB())
	const wantReads, wantWrites = 2, 3
	for i := range 4 {
		before, err := ts.store.Epochs(ctx)
		if err != nil {
			t.Fatal(err)
		}
		reads, writes := counter.during(func() {
			ts.expect(req{method: "POST", path: "/wp-json/wp/v2/posts", as: "admin", ctype: "application/json",
				body: fmt.Sprintf(`{"title":"Draft %d","content":"<p>A draft.</p>"}`, i)}, http.StatusCreated, "")
		})
		after, err := ts.store.Epochs(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			continue // the caches the first request fills
		}
		if reads != wantReads || writes != wantWrites {
			t.Errorf("create %d: %d reads and %d writes, want %d and %d", i, reads, writes, wantReads, wantWrites)
		}
		if moved := after.Content - before.Content; moved != 1 {
			t.Errorf("create %d moved the content epoch by %d, want 1 (one bump per transaction)", i, moved)
		}
		if after.Auth != before.Auth {
			t.Errorf("create %d moved the auth epoch", i)
		}
	}
}
