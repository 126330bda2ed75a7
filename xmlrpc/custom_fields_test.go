package xmlrpc_test

import (
	"fmt"
	"sort"
	"strings"
	"testing"
)

// TestCustomFields: custom_fields written by wp.newPost, wp.editPost,
// metaWeblog.newPost and metaWeblog.editPost are stored and read back by
// every get method, changed and deleted by id as set_custom_fields does,
// never for protected keys or other people's posts, and a list that is not
// one leaves nothing written.
func TestCustomFields(t *testing.T) {
	ts := newSite(t, true)
	as := func(login string, more ...any) []any { return append(ts.creds(login), more...) }
	call := func(t *testing.T, method string, args []any) any {
		t.Helper()
		v, err := ts.call(method, args)
		if err != nil {
			t.Fatalf("%s: %v", method, err)
		}
		return v
	}
	// fieldsOf reads custom_fields as "key=value" sorted, and the ids by key.
	fieldsOf := func(t *testing.T, post map[string]any) (string, map[string]string) {
		t.Helper()
		list, _ := post["custom_fields"].([]any)
		var out []string
		ids := map[string]string{}
		for _, item := range list {
			f := mustStruct(t, item)
			id, ok := f["id"].(string)
			if !ok {
				t.Fatalf("custom field id %T %v, want a string", f["id"], f["id"])
			}
			out = append(out, fmt.Sprintf("%v=%v", f["key"], f["value"]))
			ids[fmt.Sprint(f["key"])] = id
		}
		sort.Strings(out)
		return strings.Join(out, ","), ids
	}

	id := call(t, "wp.newPost", as("author", map[string]any{"post_title": "Geo", "custom_fields": []any{
		map[string]any{"key": "geo_latitude", "value": "52.5"},
		map[string]any{"key": "geo_longitude", "value": 13.4},
		map[string]any{"key": "_secret", "value": "hidden"},
	}})).(string)
	got, ids := fieldsOf(t, mustStruct(t, call(t, "wp.getPost", as("author", id))))
	if got != "geo_latitude=52.5,geo_longitude=13.4" {
		t.Fatalf("after wp.newPost: %s", got)
	}

	call(t, "wp.editPost", as("author", id, map[string]any{"custom_fields": []any{
		map[string]any{"id": ids["geo_latitude"], "key": "geo_latitude", "value": "48.1"}, // changed
		map[string]any{"id": ids["geo_longitude"]},                                        // deleted
		map[string]any{"id": ids["geo_latitude"], "key": "renamed", "value": "x"},         // key mismatch: skipped
		map[string]any{"key": "geo_public", "value": true},                                // added
	}}))
	for _, tt := range []struct{ method, want string }{
		{"wp.getPost", "geo_latitude=48.1,geo_public=1"},
		{"metaWeblog.getPost", "geo_latitude=48.1,geo_public=1"},
	} {
		var args []any
		if tt.method == "wp.getPost" {
			args = as("author", id)
		} else {
			args = append([]any{id}, as("author")[1:]...)
		}
		if got, _ := fieldsOf(t, mustStruct(t, call(t, tt.method, args))); got != tt.want {
			t.Errorf("%s after wp.editPost: %s, want %s", tt.method, got, tt.want)
		}
	}

	// Lists read every post's fields (in one query).
	found := false
	for _, item := range call(t, "wp.getPosts", as("author", map[string]any{"number": 20})).([]any) {
		p := mustStruct(t, item)
		if p["post_id"] == id {
			found = true
			if got, _ := fieldsOf(t, p); got != "geo_latitude=48.1,geo_public=1" {
				t.Errorf("wp.getPosts: %s", got)
			}
		}
	}
	if !found {
		t.Error("wp.getPosts did not list the post")
	}

	// Someone who may not edit the post sees none of its fields.
	if v, err := ts.call("wp.getPost", as("contributor", id)); err == nil {
		if got, _ := fieldsOf(t, mustStruct(t, v)); got != "" {
			t.Errorf("a contributor sees %s", got)
		}
	}

	// metaWeblog writes them too.
	mw := call(t, "metaWeblog.newPost", as("author", map[string]any{"title": "MW", "description": "Body",
		"custom_fields": []any{map[string]any{"key": "mood", "value": "calm"}}}, false)).(string)
	mwPost := mustStruct(t, call(t, "metaWeblog.getPost", append([]any{mw}, as("author")[1:]...)))
	if got, ids := fieldsOf(t, mwPost); got != "mood=calm" {
		t.Errorf("metaWeblog.newPost: %s", got)
	} else {
		call(t, "metaWeblog.editPost", append(append([]any{mw}, as("author")[1:]...), map[string]any{
			"custom_fields": []any{map[string]any{"id": ids["mood"], "key": "mood", "value": "bright"}}}, false))
		if got, _ := fieldsOf(t, mustStruct(t, call(t, "metaWeblog.getPost", append([]any{mw}, as("author")[1:]...)))); got != "mood=bright" {
			t.Errorf("metaWeblog.editPost: %s", got)
		}
	}

	// A list that is not one is refused before anything is written.
	before := len(call(t, "wp.getPosts", as("admin", map[string]any{"number": 100, "post_status": "draft,publish"})).([]any))
	for _, bad := range []any{
		"geo_latitude=1",
		[]any{"geo_latitude"},
		[]any{map[string]any{"key": "k", "value": []any{1, 2}}},
		[]any{map[string]any{"key": map[string]any{"a": 1}, "value": "v"}},
	} {
		_, err := ts.call("wp.newPost", as("author", map[string]any{"post_title": "Bad fields", "custom_fields": bad}))
		if err == nil || !strings.HasPrefix(err.Error(), "Fault(400)") {
			t.Errorf("custom_fields %v: %v, want fault 400", bad, err)
		}
	}
	if after := len(call(t, "wp.getPosts", as("admin", map[string]any{"number": 100, "post_status": "draft,publish"})).([]any)); after != before {
		t.Errorf("refused writes left posts behind: %d posts, was %d", after, before)
	}

	// Deleting the post deletes its fields.
	call(t, "wp.deletePost", as("author", id))
	call(t, "wp.deletePost", as("admin", id))
	var n int64
	if err := ts.store.DB().Table("post_meta").Where("post_id = ?", id).Count(&n).Error; err != nil {
		t.Fatal(err)
	}
	if n != 0 {
		t.Errorf("%d custom fields left after the post was deleted", n)
	}
}
