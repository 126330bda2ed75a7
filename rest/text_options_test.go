package rest

import (
	"fmt"
	"testing"
)

// TestUseSmiliesOption: the site's use_smilies setting turns the
// conversion off and on again for posts and comments alike.
func TestUseSmiliesOption(t *testing.T) {
	ts := newTestSite(t)
	r := ts.do(req{method: "POST", path: "/wp-json/wp/v2/posts", as: "admin", body: `{"title":"Smile","content":"Hi :)","excerpt":"Short :D","status":"publish"}`})
	if r.status != 201 {
		t.Fatalf("create: %d %s", r.status, r.raw)
	}
	id := jsonAt(r.json, "id").(float64)
	path := fmt.Sprintf("/wp-json/wp/v2/posts/%d", int(id))
	if r := ts.do(req{method: "POST", path: "/wp-json/wp/v2/comments", as: "admin", body: fmt.Sprintf(`{"post":%d,"content":"Nice :)"}`, int(id))}); r.status != 201 {
		t.Fatalf("comment: %d %s", r.status, r.raw)
	}
	check := func(setting bool, content, excerpt, comment string) {
		t.Helper()
		if r := ts.do(req{method: "POST", path: "/wp-json/wp/v2/settings", as: "admin", body: fmt.Sprintf(`{"use_smilies":%t}`, setting)}); r.status != 200 {
			t.Fatalf("settings: %d %s", r.status, r.raw)
		}
		r := ts.do(req{path: path})
		if got := jsonAt(r.json, "content", "rendered"); got != content {
			t.Errorf("use_smilies %t: content %q, want %q", setting, got, content)
		}
		if got := jsonAt(r.json, "excerpt", "rendered"); got != excerpt {
			t.Errorf("use_smilies %t: excerpt %q, want %q", setting, got, excerpt)
		}
		c := ts.do(req{path: fmt.Sprintf("/wp-json/wp/v2/comments?post=%d", int(id))})
		list, _ := c.json.([]any)
		if len(list) != 1 {
			t.Fatalf("comments: %d %s", c.status, c.raw)
		}
		if got := jsonAt(list[0], "content", "rendered"); got != comment {
			t.Errorf("use_smilies %t: comment %q, want %q", setting, got, comment)
		}
	}
	check(true, "<p>Hi \U0001F642</p>\n", "<p>Short \U0001F600</p>\n", "<p>Nice \U0001F642</p>\n")
	check(false, "<p>Hi :)</p>\n", "<p>Short :D</p>\n", "<p>Nice :)</p>\n")
}
