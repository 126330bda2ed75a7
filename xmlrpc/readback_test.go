package xmlrpc_test

import (
	"fmt"
	"strconv"
	"testing"
	"time"
)

// TestEditsAreStored is XML-RPC's half of the read-back check of issue 17:
// every field an edit method accepts is changed in one call, then read back
// by the matching get method in a fresh call, and must read back as sent.
// (An edit answers only true, so what is checked is that nothing accepted is
// silently dropped.)
func TestEditsAreStored(t *testing.T) {
	ts := newSite(t, true)
	admin := ts.creds("admin")
	with := func(more ...any) []any { return append(append([]any{}, admin...), more...) }
	call := func(t *testing.T, method string, args ...any) any {
		t.Helper()
		v, err := ts.call(method, with(args...))
		if err != nil {
			t.Fatalf("%s: %v", method, err)
		}
		return v
	}
	newID := func(t *testing.T, method string, args ...any) string {
		t.Helper()
		switch v := call(t, method, args...).(type) {
		case string:
			return v
		case int64:
			return strconv.FormatInt(v, 10)
		default:
			t.Fatalf("%s answered %T %v", method, v, v)
			return ""
		}
	}
	newTerm := func(t *testing.T, tax, name string) string {
		return newID(t, "wp.newTerm", map[string]any{"taxonomy": tax, "name": name})
	}
	date := time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC)
	authorID := strconv.FormatUint(ts.ids["author"], 10)

	cases := []struct {
		name string
		// edit changes every field and returns the fields as they must read
		// back, and the read-back.
		edit func(t *testing.T) (want map[string]any, got map[string]any)
	}{
		{"post", func(t *testing.T) (map[string]any, map[string]any) {
			id := newID(t, "wp.newPost", map[string]any{"post_title": "Before", "post_status": "draft"})
			cat := newTerm(t, "category", "Read back XML-RPC")
			call(t, "wp.editPost", id, map[string]any{
				"post_title": "After", "post_content": "New body", "post_excerpt": "New excerpt", "post_status": "pending",
				"post_name": "after-xmlrpc", "post_date_gmt": date, "post_author": authorID, "post_password": "sesame",
				"comment_status": "closed", "ping_status": "closed", "post_format": "aside",
				"terms": map[string]any{"category": []any{cat}}, "terms_names": map[string]any{"post_tag": []any{"read-back-tag"}},
			})
			got := mustStruct(t, call(t, "wp.getPost", id))
			got["category ids"], got["tag names"] = termsOf(got, "category", "term_id"), termsOf(got, "post_tag", "name")
			return map[string]any{
				"post_title": "After", "post_content": "New body", "post_excerpt": "New excerpt", "post_status": "pending",
				"post_name": "after-xmlrpc", "post_date_gmt": date, "post_author": authorID, "post_password": "sesame",
				"comment_status": "closed", "ping_status": "closed", "post_format": "aside",
				"category ids": []string{cat}, "tag names": []string{"read-back-tag"},
			}, got
		}},
		{"page", func(t *testing.T) (map[string]any, map[string]any) {
			parent := newID(t, "wp.newPost", map[string]any{"post_type": "page", "post_title": "Parent", "post_status": "publish"})
			id := newID(t, "wp.newPost", map[string]any{"post_type": "page", "post_title": "Before"})
			call(t, "wp.editPost", id, map[string]any{"post_title": "After page", "post_status": "publish",
				"post_parent": parent, "menu_order": 5, "post_name": "after-page-xmlrpc", "comment_status": "open"})
			got := mustStruct(t, call(t, "wp.getPost", id))
			return map[string]any{"post_title": "After page", "post_status": "publish", "post_parent": parent,
				"menu_order": int64(5), "post_name": "after-page-xmlrpc", "comment_status": "open"}, got
		}},
		{"profile", func(t *testing.T) (map[string]any, map[string]any) {
			fields := map[string]any{"first_name": "Ada", "last_name": "Admin", "url": "https://example.org/ada",
				"display_name": "Ada A.", "nickname": "ada", "nicename": "ada-admin", "bio": "Reads back."}
			call(t, "wp.editProfile", fields)
			return fields, mustStruct(t, call(t, "wp.getProfile"))
		}},
		{"comment", func(t *testing.T) (map[string]any, map[string]any) {
			post := newID(t, "wp.newPost", map[string]any{"post_title": "Commented", "post_status": "publish", "comment_status": "open"})
			id := newID(t, "wp.newComment", post, map[string]any{"content": "First words"})
			fields := map[string]any{"status": "hold", "content": "Second words", "author": "Somebody",
				"author_url": "https://example.org/somebody", "author_email": "somebody@example.org", "date_created_gmt": date}
			call(t, "wp.editComment", id, fields)
			return fields, mustStruct(t, call(t, "wp.getComment", id))
		}},
		{"term", func(t *testing.T) (map[string]any, map[string]any) {
			parent := newTerm(t, "category", "Parent XML-RPC")
			id := newTerm(t, "category", "Before term")
			call(t, "wp.editTerm", id, map[string]any{"taxonomy": "category", "name": "After term", "slug": "after-term",
				"description": "Described", "parent": parent})
			return map[string]any{"name": "After term", "slug": "after-term", "description": "Described", "parent": parent},
				mustStruct(t, call(t, "wp.getTerm", "category", id))
		}},
		{"options", func(t *testing.T) (map[string]any, map[string]any) {
			call(t, "wp.setOptions", map[string]any{"blog_title": "Read-back site", "blog_tagline": "Stored",
				"date_format": "Y-m-d", "time_format": "H:i", "default_comment_status": "closed",
				"default_ping_status": "closed", "thumbnail_size_w": 99})
			opts := mustStruct(t, call(t, "wp.getOptions"))
			got := map[string]any{}
			for k, v := range opts {
				got[k] = mustStruct(t, v)["value"]
			}
			return map[string]any{"blog_title": "Read-back site", "blog_tagline": "Stored", "date_format": "Y-m-d",
				"time_format": "H:i", "default_comment_status": "closed", "default_ping_status": "closed",
				"thumbnail_size_w": "99"}, got
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			want, got := c.edit(t)
			for k, w := range want {
				if fmt.Sprint(normalizeReadBack(got[k])) != fmt.Sprint(normalizeReadBack(w)) {
					t.Errorf("%s: sent %v, read back %v", k, w, got[k])
				}
			}
		})
	}
}

// normalizeReadBack makes values comparable across XML-RPC's types: dates
// in UTC, numbers and strings as written.
func normalizeReadBack(v any) any {
	switch x := v.(type) {
	case time.Time:
		return x.UTC().Format(time.RFC3339)
	case int:
		return strconv.Itoa(x)
	case int64:
		return strconv.FormatInt(x, 10)
	}
	return v
}

// termsOf lists one member of the post's terms of a taxonomy.
func termsOf(post map[string]any, taxonomy, member string) []string {
	var out []string
	terms, _ := post["terms"].([]any)
	for _, tm := range terms {
		m, _ := tm.(map[string]any)
		if m["taxonomy"] == taxonomy {
			out = append(out, fmt.Sprint(m[member]))
		}
	}
	return out
}
