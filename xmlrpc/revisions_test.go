package xmlrpc_test

import (
	"context"
	"strconv"
	"testing"

	"github.com/presspass/presspass/models"
)

// revisedPost gives the author's published post 4 two revisions (title
// "v1" then "v2") and returns their ids, newest first.
func (ts *testSite) revisedPost() (newer, older string) {
	ts.t.Helper()
	for _, title := range []string{"v1", "v2"} {
		if _, err := ts.call("wp.editPost", append(ts.creds("author"), 4, map[string]any{"post_title": title, "post_content": "content " + title})); err != nil {
			ts.t.Fatal(err)
		}
	}
	v, err := ts.call("wp.getRevisions", append(ts.creds("author"), 4))
	if err != nil {
		ts.t.Fatal(err)
	}
	list := v.([]any)
	if len(list) != 2 {
		ts.t.Fatalf("want 2 revisions, got %v", list)
	}
	return mustStruct(ts.t, list[0])["post_id"].(string), mustStruct(ts.t, list[1])["post_id"].(string)
}

func TestRevisionMethodsRoleMatrix(t *testing.T) {
	ts := newSite(t, true)
	ctx := context.Background()
	newer, older := ts.revisedPost()
	olderID, _ := strconv.Atoi(older)
	editor, err := ts.store.UserByLogin(ctx, "editor")
	if err != nil {
		t.Fatal(err)
	}
	title := "unsaved"
	auto, err := ts.store.SaveAutosave(ctx, editor, 4, models.PostInput{Title: &title})
	if err != nil {
		t.Fatal(err)
	}
	att := &models.Post{ID: 900, Type: "attachment", Status: "inherit", AuthorID: ts.ids["author"], Title: "file"}
	if err := ts.store.SavePostRecord(ctx, att); err != nil {
		t.Fatal(err)
	}
	with := func(login string, more ...any) []any { return append(ts.creds(login), more...) }
	ts.expectFaults(t, []callCase{
		{"author lists own post's revisions", "wp.getRevisions", with("author", 4), ""},
		{"editor lists them", "wp.getRevisions", with("editor", 4), ""},
		{"admin lists a page's", "wp.getRevisions", with("admin", 8), ""},
		{"contributor may not", "wp.getRevisions", with("contributor", 4), faultText(401, "Sorry, you are not allowed to edit posts.")},
		{"subscriber may not", "wp.getRevisions", with("subscriber", 4), faultText(401, "Sorry, you are not allowed to edit posts.")},
		{"author may not list the admin's post", "wp.getRevisions", with("author", 1), faultText(401, "Sorry, you are not allowed to edit posts.")},
		{"unknown post", "wp.getRevisions", with("author", 99999), faultText(404, "Invalid post ID.")},
		{"attachments keep no revisions", "wp.getRevisions", with("author", 900), faultText(401, "Sorry, revisions are disabled.")},
		{"getRevisions needs the post id", "wp.getRevisions", with("author"), faultText(400, "Insufficient arguments passed to this XML-RPC method.")},
		{"fields must be a list", "wp.getRevisions", with("author", 4, "post_title"), faultText(400, "The fields argument must be an array.")},
		{"restore needs three arguments", "wp.restoreRevision", []any{1, "author"}, faultText(400, "Insufficient arguments passed to this XML-RPC method.")},
		{"restore without an id", "wp.restoreRevision", with("author"), faultText(404, "Invalid post ID.")},
		{"restore a post that is no revision", "wp.restoreRevision", with("author", 4), faultText(404, "Invalid post ID.")},
		{"restore an autosave", "wp.restoreRevision", with("author", auto.ID), faultText(404, "Invalid post ID.")},
		{"contributor may not restore", "wp.restoreRevision", with("contributor", olderID), faultText(401, "Sorry, you are not allowed to edit this post.")},
		{"subscriber may not restore", "wp.restoreRevision", with("subscriber", olderID), faultText(401, "Sorry, you are not allowed to edit this post.")},
		{"bad password", "wp.restoreRevision", []any{1, "author", "nope", olderID}, faultText(403, "Incorrect username or password.")},
	})

	t.Run("default fields, newest first, no autosave", func(t *testing.T) {
		v, err := ts.call("wp.getRevisions", with("editor", 4))
		if err != nil {
			t.Fatal(err)
		}
		list := v.([]any)
		eq(t, len(list), 2)
		first := mustStruct(t, list[0])
		eq(t, first["post_id"], newer)
		eq(t, len(first), 3)
		if _, ok := first["post_date_gmt"]; !ok {
			t.Fatalf("members %v", first)
		}
	})
	t.Run("asked fields", func(t *testing.T) {
		v, err := ts.call("wp.getRevisions", with("author", 4, []any{"post_title", "post_name"}))
		if err != nil {
			t.Fatal(err)
		}
		old := mustStruct(t, v.([]any)[1])
		eq(t, old["post_title"], "v1")
		eq(t, old["post_name"], "4-revision-v1")
		eq(t, len(old), 3)
	})
	t.Run("restore brings the title and content back and records it", func(t *testing.T) {
		v, err := ts.call("wp.restoreRevision", with("author", olderID))
		if err != nil || v != true {
			t.Fatalf("got %v, %v", v, err)
		}
		v, err = ts.call("wp.getPost", with("author", 4, []any{"post_title", "post_content"}))
		if err != nil {
			t.Fatal(err)
		}
		p := mustStruct(t, v)
		eq(t, p["post_title"], "v1")
		eq(t, p["post_content"], "content v1")
		v, err = ts.call("wp.getRevisions", with("author", 4, []any{"post_title"}))
		if err != nil {
			t.Fatal(err)
		}
		list := v.([]any)
		eq(t, len(list), 3)
		eq(t, mustStruct(t, list[0])["post_title"], "v1")
	})
}
