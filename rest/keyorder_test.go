package rest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"testing"
)

// TestAnswersKeepWordPressOrder: answers come with their members in
// WordPress's order over the wire, _fields and _embed included (_fields
// keeps the object's order whatever the order asked; _links then
// _embedded come last). TestKeyOrderAsWordPress (package main) compares
// every captured WordPress answer.
func TestAnswersKeepWordPressOrder(t *testing.T) {
	ts := newTestSite(t)
	first := ts.expect(req{path: "/wp-json/wp/v2/posts?per_page=1"}, http.StatusOK, "").mustList(t)
	id := int(first[0].(map[string]any)["id"].(float64))
	post := fmt.Sprintf("/wp-json/wp/v2/posts/%d", id)
	tests := []struct {
		name string
		q    req
		// want is the members of the answer (of its first item for a
		// list), in order; a leading "…" only checks the tail.
		want []string
	}{
		{"_fields keeps the post's order", req{path: post + "?_fields=_links,title,id"}, []string{"id", "title", "_links"}},
		{"nested _fields", req{path: post + "?_fields=title.rendered,guid,date&context=view"}, []string{"date", "guid", "title"}},
		{"_embed after _links", req{path: post + "?_embed=author"}, []string{"…", "class_list", "_links", "_embedded"}},
		{"_embed with _fields", req{path: post + "?_embed&_fields=_embedded,id,_links"}, []string{"id", "_links", "_embedded"}},
		{"list items", req{path: "/wp-json/wp/v2/posts?per_page=1&_fields=excerpt,id,date"}, []string{"id", "date", "excerpt"}},
		{"a post's own order", req{path: post + "?context=edit", as: "admin"}, []string{
			"id", "date", "date_gmt", "guid", "modified", "modified_gmt", "password", "slug", "status", "type", "link",
			"title", "content", "excerpt", "author", "featured_media", "comment_status", "ping_status", "sticky",
			"template", "format", "meta", "categories", "tags", "permalink_template", "generated_slug", "class_list", "_links"}},
		{"the user", req{path: "/wp-json/wp/v2/users/me?context=edit", as: "admin"}, []string{
			"id", "username", "name", "first_name", "last_name", "email", "url", "description", "link", "locale",
			"nickname", "slug", "roles", "registered_date", "capabilities", "extra_capabilities", "avatar_urls", "meta", "_links"}},
		{"an error", req{path: "/wp-json/wp/v2/posts/999999"}, []string{"code", "message", "data"}},
		{"the index", req{path: "/wp-json/?_fields=routes,name,namespaces"}, []string{"name", "namespaces", "routes"}},
		{"an envelope", req{path: "/wp-json/wp/v2/posts?per_page=1&_envelope&_fields=id"}, []string{"body", "status", "headers"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := ts.do(tt.q)
			got, err := memberOrder(res.raw)
			if err != nil {
				t.Fatalf("%v: %s", err, res.raw)
			}
			want := tt.want
			if want[0] == "…" {
				want = want[1:]
				if len(got) > len(want) {
					got = got[len(got)-len(want):]
				}
			}
			if !slices.Equal(got, want) {
				t.Fatalf("members %q, want %q\n%s", got, want, res.raw)
			}
		})
	}
}

// memberOrder lists the members of a JSON object (or of a list's first
// item) in the order they were written.
func memberOrder(raw []byte) ([]string, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	if tok == json.Delim('[') {
		if tok, err = dec.Token(); err != nil {
			return nil, err
		}
	}
	if tok != json.Delim('{') {
		return nil, fmt.Errorf("not an object")
	}
	var keys []string
	for dec.More() {
		k, err := dec.Token()
		if err != nil {
			return nil, err
		}
		keys = append(keys, k.(string))
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			return nil, err
		}
	}
	return keys, nil
}
