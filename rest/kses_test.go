package rest

import (
	"encoding/json"
	"fmt"
	"testing"
)

// An author's <script> is removed before the post is stored (WordPress's
// kses for users without unfiltered_html), so content.raw shows the
// filtered text; an editor's is kept.
func TestRESTPostHTMLFiltering(t *testing.T) {
	ts := newTestSite(t)
	const content = `<p onclick="x()">Hello</p><script>alert(1)</script>`
	tests := []struct {
		login, wantRaw, wantTitle string
	}{
		{"author", `<p>Hello</p>alert(1)`, `T alert(2)`},
		{"contributor", `<p>Hello</p>alert(1)`, `T alert(2)`},
		{"editor", content, `T <script>alert(2)</script>`},
		{"admin", content, `T <script>alert(2)</script>`},
	}
	for _, tt := range tests {
		t.Run(tt.login, func(t *testing.T) {
			ts := ts.with(t)
			body, _ := json.Marshal(map[string]string{"title": "T <script>alert(2)</script>", "content": content, "status": "draft"})
			r := ts.do(req{method: "POST", path: "/wp-json/wp/v2/posts", as: tt.login, body: string(body)})
			if r.status != 201 {
				t.Fatalf("create: %d %s", r.status, r.raw)
			}
			if got := jsonAt(r.json, "content", "raw"); got != tt.wantRaw {
				t.Errorf("created content.raw %q, want %q", got, tt.wantRaw)
			}
			id := int(jsonAt(r.json, "id").(float64))
			r = ts.do(req{path: fmt.Sprintf("/wp-json/wp/v2/posts/%d?context=edit", id), as: tt.login})
			if got := jsonAt(r.json, "content", "raw"); got != tt.wantRaw {
				t.Errorf("read content.raw %q, want %q", got, tt.wantRaw)
			}
			if got := jsonAt(r.json, "title", "raw"); got != tt.wantTitle {
				t.Errorf("read title.raw %q, want %q", got, tt.wantTitle)
			}
		})
	}
}

func TestRESTCommentHTMLFiltering(t *testing.T) {
	ts := newTestSite(t)
	posts := ts.do(req{path: "/wp-json/wp/v2/posts?per_page=1"})
	ids := postIDsOf(t, posts)
	if len(ids) == 0 {
		t.Fatalf("no published post: %s", posts.raw)
	}
	for i, tt := range []struct{ login, want string }{
		{"subscriber", `Nice <a href="alert(1)" rel="nofollow ugc">x</a>alert(2)`},
		{"editor", `Nice <a href="javascript:alert(1)" rel="nofollow ugc">x</a><script>alert(2)</script>`},
	} {
		body, _ := json.Marshal(map[string]any{"post": ids[0], "content": fmt.Sprintf(`Nice <a href="javascript:alert(1)">x</a><script>alert(2)</script>%d`, i)})
		r := ts.do(req{method: "POST", path: "/wp-json/wp/v2/comments", as: tt.login, body: string(body)})
		if r.status != 201 {
			t.Fatalf("%s: %d %s", tt.login, r.status, r.raw)
		}
		id := int(jsonAt(r.json, "id").(float64))
		r = ts.do(req{path: fmt.Sprintf("/wp-json/wp/v2/comments/%d?context=edit", id), as: "admin"})
		if got, want := jsonAt(r.json, "content", "raw"), fmt.Sprintf("%s%d", tt.want, i); got != want {
			t.Errorf("%s: content.raw %q, want %q", tt.login, got, want)
		}
	}
}
