package xmlrpc_test

import (
	"strings"
	"testing"
)

// A post larger than --max-post-size is refused by the methods that write
// posts with a fault naming the limit, 500 as every wp_insert_post error
// is in WordPress's XML-RPC; one at the limit is stored.
func TestPostSizeLimitFault(t *testing.T) {
	ts := newSite(t, true)
	ts.store.Config.MaxPostSize = 4096
	admin := ts.creds("admin")
	with := func(more ...any) []any { return append(append([]any{}, admin...), more...) }
	atLimit := strings.Repeat("a", 4096-1)
	over := strings.Repeat("a", 4096)
	id, err := ts.call("wp.newPost", with(map[string]any{"post_title": "T", "post_content": atLimit}))
	if err != nil {
		t.Fatalf("a post at the limit: %v", err)
	}
	want := faultText(500, "The post is too large. Its title, content and excerpt must be at most 4 KB in all.")
	for _, c := range []struct {
		method string
		args   []any
	}{
		{"wp.newPost", with(map[string]any{"post_title": "T", "post_content": over})},
		{"wp.editPost", with(id, map[string]any{"post_content": over})},
		{"metaWeblog.newPost", []any{1, "admin", admin[2], map[string]any{"title": "T", "description": over}, true}},
		{"metaWeblog.editPost", []any{id, "admin", admin[2], map[string]any{"title": "T", "description": over}, true}},
	} {
		t.Run(c.method, func(t *testing.T) {
			if _, err := ts.call(c.method, c.args); err == nil || err.Error() != want {
				t.Fatalf("got %v, want %s", err, want)
			}
		})
	}
}
