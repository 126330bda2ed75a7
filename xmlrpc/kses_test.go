package xmlrpc_test

import (
	"testing"
)

// An author's <script> is removed before the post is stored (WordPress's
// kses for users without unfiltered_html); an editor's is kept. Both the
// wp.* and the metaWeblog.* writers go through the same filter.
func TestXMLRPCPostHTMLFiltering(t *testing.T) {
	ts := newSite(t, true)
	const content = `<p onclick="x()">Hello</p><script>alert(1)</script>`
	for _, tt := range []struct{ login, want string }{
		{"author", `<p>Hello</p>alert(1)`},
		{"contributor", `<p>Hello</p>alert(1)`},
		{"editor", content},
	} {
		t.Run(tt.login, func(t *testing.T) {
			creds := ts.creds(tt.login)
			v, err := ts.call("wp.newPost", append(creds, map[string]any{"post_title": "K", "post_content": content}))
			if err != nil {
				t.Fatal(err)
			}
			id := v.(string)
			got, err := ts.call("wp.getPost", append(ts.creds(tt.login), id, []any{"post_content"}))
			if err != nil {
				t.Fatal(err)
			}
			eq(t, mustStruct(t, got)["post_content"], tt.want)

			edit := `<img src=x onerror=alert(2)>` + content
			if _, err := ts.call("metaWeblog.editPost", []any{id, tt.login, ts.appPasswords[tt.login], map[string]any{"description": edit}, false}); err != nil {
				t.Fatal(err)
			}
			got, err = ts.call("wp.getPost", append(ts.creds(tt.login), id, []any{"post_content"}))
			if err != nil {
				t.Fatal(err)
			}
			want := `<img src="x">` + tt.want
			if tt.login == "editor" {
				want = edit
			}
			eq(t, mustStruct(t, got)["post_content"], want)
		})
	}
}
