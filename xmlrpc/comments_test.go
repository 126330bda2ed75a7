package xmlrpc_test

import (
	"strings"
	"testing"
	"time"
)

func TestCommentMethods(t *testing.T) {
	ts := newSite(t, true)
	with := func(login string, more ...any) []any { return append(ts.creds(login), more...) }
	// Post 4 is the author's published post, 8 a page with comments closed,
	// 2 the admin's draft.
	v, err := ts.call("wp.newComment", with("subscriber", 4, map[string]any{"content": "From a subscriber."}))
	if err != nil {
		t.Fatal(err)
	}
	held, ok := v.(int64)
	if !ok {
		t.Fatalf("newComment answered %T %v, want an int", v, v)
	}
	v, err = ts.call("wp.newComment", with("admin", ts.url+"/?p=4", map[string]any{"content": "Admin reply by URL.", "comment_parent": held}))
	if err != nil {
		t.Fatal(err)
	}
	reply := v.(int64)

	ts.expectFaults(t, []callCase{
		{"comment on an unknown post", "wp.newComment", with("editor", 99999, map[string]any{"content": "x"}), faultText(404, "Invalid post ID.")},
		{"comment by another site's URL", "wp.newComment", with("editor", "https://example.com/post/", map[string]any{"content": "x"}), faultText(404, "Invalid post ID.")},
		{"comments closed", "wp.newComment", with("editor", 8, map[string]any{"content": "x"}), faultText(403, "Sorry, comments are closed for this item.")},
		{"empty comment", "wp.newComment", with("editor", 4, map[string]any{"content": "   "}), faultText(403, "Comment is required.")},
		{"no anonymous comments", "wp.newComment", []any{1, "admin", "wrong", 4, map[string]any{"content": "x"}}, faultText(403, "Incorrect username or password.")},
		{"flood", "wp.newComment", with("subscriber", 4, map[string]any{"content": "Again, quickly."}), faultText(403, "You are posting comments too quickly. Slow down.")},
		{"subscriber cannot edit its own comment", "wp.editComment", with("subscriber", held, map[string]any{"content": "mine"}), faultText(403, "Sorry, you are not allowed to moderate or edit this comment.")},
		{"another author cannot read it", "wp.getComment", with("contributor", held), faultText(403, "Sorry, you are not allowed to moderate or edit this comment.")},
		{"unknown comment", "wp.getComment", with("admin", 99999), faultText(404, "Invalid comment ID.")},
		{"missing comment id", "wp.getComment", with("admin"), faultText(404, "Invalid comment ID.")},
		{"bad status", "wp.editComment", with("admin", held, map[string]any{"status": "bogus"}), faultText(401, "Invalid comment status.")},
		{"edit unknown comment", "wp.editComment", with("admin", 99999, map[string]any{"content": "x"}), faultText(404, "Invalid comment ID.")},
		{"delete unknown comment", "wp.deleteComment", with("admin", 99999), faultText(404, "Invalid comment ID.")},
		{"subscriber cannot delete", "wp.deleteComment", with("subscriber", held), faultText(403, "Sorry, you are not allowed to delete this comment.")},
		{"non-moderators must ask for approved comments", "wp.getComments", with("author"), faultText(401, "Invalid comment status.")},
		{"subscriber cannot count", "wp.getCommentCount", with("subscriber", 4), faultText(403, "Sorry, you are not allowed to access details of this post.")},
		{"count of an unknown post", "wp.getCommentCount", with("admin", 99999), faultText(404, "Invalid post ID.")},
		{"subscriber cannot list statuses", "wp.getCommentStatusList", with("subscriber"), faultText(403, "Sorry, you are not allowed to access details about this site.")},
		{"trackbacks of an unknown post", "mt.getTrackbackPings", []any{99999}, faultText(404, "Sorry, no such post.")},
		{"pingbacks of another site", "pingback.extensions.getPingbacks", []any{"https://example.com/x/"}, faultText(0, "")},
	})

	t.Run("the subscriber's comment is held, the admin's approved", func(t *testing.T) {
		v, err := ts.call("wp.getComment", with("author", held))
		if err != nil {
			t.Fatal(err)
		}
		c := mustStruct(t, v)
		eq(t, c["status"], "hold")
		eq(t, c["user_id"], "5")
		eq(t, c["post_id"], "4")
		eq(t, c["author_ip"], "127.0.0.1")
		eq(t, c["type"], "comment")
		if !strings.HasSuffix(c["link"].(string), "#comment-"+strings.TrimSpace(c["comment_id"].(string))) {
			t.Fatalf("link %v", c["link"])
		}
		v, err = ts.call("wp.getComments", with("editor", map[string]any{"status": "hold"}))
		if err != nil || len(v.([]any)) != 1 {
			t.Fatalf("held: %v, %v", v, err)
		}
		v, err = ts.call("wp.getComments", with("author", map[string]any{"status": "approve", "post_id": 4}))
		if err != nil {
			t.Fatal(err)
		}
		list := v.([]any)
		eq(t, len(list), 1)
		eq(t, mustStruct(t, list[0])["parent"], mustStruct(t, must(ts.call("wp.getComment", with("admin", held))))["comment_id"])
		_ = reply
	})
	t.Run("count, approve with a date, and the count again", func(t *testing.T) {
		v, err := ts.call("wp.getCommentCount", with("author", 4))
		if err != nil {
			t.Fatal(err)
		}
		eq(t, v, map[string]any{"approved": int64(1), "awaiting_moderation": int64(1), "spam": int64(0), "total_comments": int64(2)})
		when := time.Date(2024, 1, 20, 8, 0, 0, 0, time.UTC)
		v, err = ts.call("wp.editComment", with("author", held, map[string]any{"status": "approve", "content": "Approved and edited.", "date_created_gmt": when}))
		if err != nil || v != true {
			t.Fatalf("got %v, %v", v, err)
		}
		c := mustStruct(t, must(ts.call("wp.getComment", with("admin", held))))
		eq(t, c["status"], "approve")
		eq(t, c["content"], "Approved and edited.")
		if got := c["date_created_gmt"].(time.Time); !got.Equal(when) {
			t.Fatalf("date %v, want %v", got, when)
		}
		v, err = ts.call("wp.getCommentCount", with("author", 4))
		if err != nil {
			t.Fatal(err)
		}
		eq(t, mustStruct(t, v)["approved"], int64(2))
	})
	t.Run("statuses", func(t *testing.T) {
		v, err := ts.call("wp.getCommentStatusList", with("author"))
		if err != nil {
			t.Fatal(err)
		}
		eq(t, v, map[string]any{"hold": "Unapproved", "approve": "Approved", "spam": "Spam", "trash": "Trash"})
	})
	t.Run("delete trashes first, then deletes", func(t *testing.T) {
		for i := 0; i < 2; i++ {
			v, err := ts.call("wp.deleteComment", with("admin", reply))
			if err != nil || v != true {
				t.Fatalf("round %d: %v, %v", i, v, err)
			}
		}
		_, err := ts.call("wp.getComment", with("admin", reply))
		eq(t, errString(err), faultText(404, "Invalid comment ID."))
	})
	t.Run("no trackbacks or pingbacks", func(t *testing.T) {
		v, err := ts.call("mt.getTrackbackPings", []any{4})
		if err != nil || len(v.([]any)) != 0 {
			t.Fatalf("got %v, %v", v, err)
		}
		v, err = ts.call("pingback.extensions.getPingbacks", []any{ts.url + "/?p=4"})
		if err != nil || len(v.([]any)) != 0 {
			t.Fatalf("got %v, %v", v, err)
		}
	})
	t.Run("page templates", func(t *testing.T) {
		v, err := ts.call("wp.getPageTemplates", with("editor"))
		if err != nil {
			t.Fatal(err)
		}
		eq(t, v, map[string]any{"Default": "default"})
		_, err = ts.call("wp.getPageTemplates", with("author"))
		eq(t, errString(err), faultText(403, "Sorry, you are not allowed to access details about this site."))
	})
}
