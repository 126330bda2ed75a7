package models_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/presspass/presspass/fixtures/fixturestest"
	"github.com/presspass/presspass/models"
)

func TestCreateCommentRules(t *testing.T) {
	ctx := context.Background()
	s := fixturestest.Open(t)
	now := time.Date(2025, 5, 1, 12, 0, 0, 0, time.UTC)
	s.Clock = func() time.Time { return now }
	admin := newUser(t, s, "boss", "administrator")
	editor := newUser(t, s, "ed", "editor")
	author := newUser(t, s, "au", "author")
	subscriber := newUser(t, s, "sub", "subscriber")
	open, err := s.CreatePost(ctx, admin, models.PostInput{Title: strp("Open"), Status: strp("publish")})
	if err != nil {
		t.Fatal(err)
	}
	closed, err := s.CreatePost(ctx, admin, models.PostInput{Title: strp("Closed"), Status: strp("publish"), CommentStatus: strp("closed")})
	if err != nil {
		t.Fatal(err)
	}
	draft, err := s.CreatePost(ctx, admin, models.PostInput{Title: strp("Draft"), Status: strp("draft")})
	if err != nil {
		t.Fatal(err)
	}
	client := models.ClientInfo{IP: "192.0.2.1", UserAgent: "test/1.0"}
	tests := []struct {
		name   string
		actor  *models.User
		in     models.CommentInput
		kind   models.Kind
		reason models.Reason
	}{
		{"unknown post", author, models.CommentInput{PostID: 99999, Content: strp("x")}, models.KindNotFound, models.ReasonInvalidPostID},
		{"comments closed", editor, models.CommentInput{PostID: closed.ID, Content: strp("x")}, models.KindForbidden, models.ReasonCommentsClosed},
		{"draft of someone else", subscriber, models.CommentInput{PostID: draft.ID, Content: strp("x")}, models.KindForbidden, models.ReasonCannotComment},
		{"empty content", author, models.CommentInput{PostID: open.ID, Content: strp("   ")}, models.KindInvalid, models.ReasonCommentRequired},
		{"visitor without name", nil, models.CommentInput{PostID: open.ID, Content: strp("x"), AuthorEmail: strp("v@example.com")}, models.KindInvalid, models.ReasonCommentNameEmailRequired},
		{"visitor with a bad e-mail", nil, models.CommentInput{PostID: open.ID, Content: strp("x"), AuthorName: strp("V"), AuthorEmail: strp("not-an-email")}, models.KindInvalid, models.ReasonCommentEmailInvalid},
		{"parent on another post", author, models.CommentInput{PostID: open.ID, Content: strp("x"), ParentID: u64p(99999)}, models.KindInvalid, models.ReasonInvalidCommentParent},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.in.Client = client
			_, err := s.CreateComment(ctx, tt.actor, tt.in)
			wantReason(t, err, tt.kind, tt.reason)
		})
	}

	first, err := s.CreateComment(ctx, author, models.CommentInput{PostID: open.ID, Content: strp("Nice first post!"), Client: client})
	if err != nil {
		t.Fatal(err)
	}
	t.Run("a first comment of a non-moderator is held, with the user's details", func(t *testing.T) {
		if first.Approved != "0" || first.AuthorName != author.DisplayName || first.AuthorEmail != author.Email ||
			first.UserID != author.ID || first.AuthorIP != "192.0.2.1" || first.Agent != "test/1.0" || !first.DateGMT.Equal(now) {
			t.Fatalf("got %+v", first)
		}
	})
	t.Run("a second comment within 15 seconds is a flood", func(t *testing.T) {
		now = now.Add(10 * time.Second)
		_, err := s.CreateComment(ctx, author, models.CommentInput{PostID: open.ID, Content: strp("Second thought."), Client: client})
		wantReason(t, err, models.KindTooManyRequests, models.ReasonCommentFlood)
	})
	t.Run("the same words again are a duplicate", func(t *testing.T) {
		now = now.Add(time.Minute)
		_, err := s.CreateComment(ctx, author, models.CommentInput{PostID: open.ID, Content: strp("Nice first post!"), Client: client})
		wantReason(t, err, models.KindConflict, models.ReasonCommentDuplicate)
	})
	reply, err := s.CreateComment(ctx, editor, models.CommentInput{PostID: open.ID, Content: strp("Editor reply."), ParentID: &first.ID, Client: client})
	if err != nil {
		t.Fatal(err)
	}
	t.Run("moderators are approved and not throttled", func(t *testing.T) {
		again, err := s.CreateComment(ctx, editor, models.CommentInput{PostID: open.ID, Content: strp("And more."), Client: client})
		if err != nil || reply.Approved != "1" || again.Approved != "1" || reply.ParentID != first.ID {
			t.Fatalf("reply %+v, again %+v, %v", reply, again, err)
		}
	})
	t.Run("the post's comment count follows approvals", func(t *testing.T) {
		p, err := s.PostByID(ctx, open.ID)
		if err != nil || p.CommentCount != 2 {
			t.Fatalf("count %d, %v", p.CommentCount, err)
		}
	})
	t.Run("an author with an approved comment is approved next time", func(t *testing.T) {
		if _, err := s.UpdateComment(ctx, admin, first.ID, models.CommentInput{Status: strp("approve")}); err != nil {
			t.Fatal(err)
		}
		now = now.Add(time.Minute)
		c, err := s.CreateComment(ctx, author, models.CommentInput{PostID: open.ID, Content: strp("Thanks!"), Client: client})
		if err != nil || c.Approved != "1" {
			t.Fatalf("got %+v, %v", c, err)
		}
	})
	t.Run("a visitor with name and e-mail is held", func(t *testing.T) {
		c, err := s.CreateComment(ctx, nil, models.CommentInput{PostID: open.ID, Content: strp("Hello"), AuthorName: strp("Visitor"),
			AuthorEmail: strp("visitor@example.com"), Client: models.ClientInfo{IP: "198.51.100.7"}})
		if err != nil || c.Approved != "0" || c.UserID != 0 || c.AuthorName != "Visitor" {
			t.Fatalf("got %+v, %v", c, err)
		}
	})
}

func TestCommentModeration(t *testing.T) {
	ctx := context.Background()
	s := fixturestest.Open(t)
	admin := newUser(t, s, "boss", "administrator")
	author := newUser(t, s, "au", "author")
	other := newUser(t, s, "other", "author")
	subscriber := newUser(t, s, "sub", "subscriber")
	post, err := s.CreatePost(ctx, author, models.PostInput{Title: strp("Author's"), Status: strp("publish")})
	if err != nil {
		t.Fatal(err)
	}
	c, err := s.CreateComment(ctx, subscriber, models.CommentInput{PostID: post.ID, Content: strp("From a reader")})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		actor  *models.User
		in     models.CommentInput
		kind   models.Kind
		reason models.Reason
	}{
		{"the commenter cannot edit it", subscriber, models.CommentInput{Content: strp("mine")}, models.KindForbidden, models.ReasonCannotEditComment},
		{"another author cannot edit it", other, models.CommentInput{Content: strp("x")}, models.KindForbidden, models.ReasonCannotEditComment},
		{"an unknown status", admin, models.CommentInput{Status: strp("bogus")}, models.KindInvalid, models.ReasonInvalidCommentStatus},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := s.UpdateComment(ctx, tt.actor, c.ID, tt.in)
			wantReason(t, err, tt.kind, tt.reason)
		})
	}
	t.Run("the post's author may approve and edit it", func(t *testing.T) {
		when := time.Date(2024, 1, 20, 8, 0, 0, 0, time.UTC)
		got, err := s.UpdateComment(ctx, author, c.ID, models.CommentInput{Status: strp("approve"), Content: strp("Edited"), DateGMT: &when})
		if err != nil || got.Approved != "1" || got.Content != "Edited" || !got.DateGMT.Equal(when) {
			t.Fatalf("got %+v, %v", got, err)
		}
	})
	t.Run("a visitor cannot choose a status; counts by status", func(t *testing.T) {
		if _, err := s.CreateComment(ctx, nil, models.CommentInput{PostID: post.ID, Content: strp("buy now"), AuthorName: strp("S"),
			AuthorEmail: strp("s@example.com"), Status: strp("spam")}); err != nil {
			t.Fatal(err)
		}
		n, err := s.CountComments(ctx, post.ID)
		if err != nil || n.Approved != 1 || n.Moderated != 1 || n.Total != 2 || n.Spam != 0 {
			t.Fatalf("got %+v, %v", n, err)
		}
	})
	t.Run("trash, then delete for good", func(t *testing.T) {
		if _, err := s.TrashComment(ctx, author, c.ID); err != nil {
			t.Fatal(err)
		}
		_, err := s.TrashComment(ctx, author, c.ID)
		wantReason(t, err, models.KindGone, models.ReasonCommentAlreadyTrashed)
		p, err := s.PostByID(ctx, post.ID)
		if err != nil || p.CommentCount != 0 {
			t.Fatalf("count %d, %v", p.CommentCount, err)
		}
		list, total, err := s.Comments(ctx, models.CommentFilter{Status: "trash", PostIDs: []uint64{post.ID}})
		if err != nil || total != 1 || list[0].ID != c.ID || list[0].TrashedFrom != "1" {
			t.Fatalf("got %+v (%d), %v", list, total, err)
		}
		if _, err := s.DeleteComment(ctx, admin, c.ID); err != nil {
			t.Fatal(err)
		}
		_, err = s.CommentByID(ctx, c.ID)
		wantReason(t, err, models.KindNotFound, models.ReasonInvalidCommentID)
	})
}

// TestRESTCommentRules covers the REST controller's variant of the
// comment rules (RESTCommentRules).
func TestRESTCommentRules(t *testing.T) {
	ctx := context.Background()
	s := fixturestest.Open(t)
	now := time.Date(2025, 5, 1, 12, 0, 0, 0, time.UTC)
	s.Clock = func() time.Time { return now }
	admin := newUser(t, s, "boss", "administrator")
	author := newUser(t, s, "au", "author")
	subscriber := newUser(t, s, "sub", "subscriber")
	open, err := s.CreatePost(ctx, admin, models.PostInput{Title: strp("Open"), Status: strp("publish")})
	if err != nil {
		t.Fatal(err)
	}
	mine, err := s.CreatePost(ctx, author, models.PostInput{Title: strp("Mine"), Status: strp("publish")})
	if err != nil {
		t.Fatal(err)
	}
	client := models.ClientInfo{IP: "192.0.2.1", UserAgent: "rest/1.0"}
	rest := func(in models.CommentInput) models.CommentInput {
		in.Rules, in.Client = models.RESTCommentRules, client
		return in
	}
	tests := []struct {
		name   string
		actor  *models.User
		in     models.CommentInput
		reason models.Reason
	}{
		{"empty content", admin, models.CommentInput{PostID: open.ID, Content: strp(" ")}, models.ReasonCommentContentInvalid},
		{"no content", admin, models.CommentInput{PostID: open.ID}, models.ReasonCommentContentInvalid},
		{"unknown author", admin, models.CommentInput{PostID: open.ID, Content: strp("x"), UserID: u64p(99999)}, models.ReasonCommentAuthorInvalid},
		{"visitor without e-mail", nil, models.CommentInput{PostID: open.ID, Content: strp("x"), AuthorName: strp("V")}, models.ReasonCommentAuthorDataMissing},
		{"given name drops the logged-in author", subscriber, models.CommentInput{PostID: open.ID, Content: strp("x"), AuthorName: strp("Alias")}, models.ReasonCommentAuthorDataMissing},
		{"long url", admin, models.CommentInput{PostID: open.ID, Content: strp("x"), AuthorName: strp("A"), AuthorEmail: strp("a@example.com"), AuthorURL: strp("http://" + strings.Repeat("x", 200))}, models.ReasonCommentURLTooLong},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := s.CreateComment(ctx, tt.actor, rest(tt.in))
			wantReason(t, err, models.KindInvalid, tt.reason)
		})
	}
	t.Run("author of the post is trusted, status applied after moderation", func(t *testing.T) {
		c, err := s.CreateComment(ctx, author, rest(models.CommentInput{PostID: mine.ID, Content: strp("On my post")}))
		if err != nil || c.Approved != "1" || c.UserID != author.ID || c.Agent != "rest/1.0" || c.AuthorIP != "192.0.2.1" {
			t.Fatalf("author's comment %+v %v", c, err)
		}
		c, err = s.CreateComment(ctx, admin, rest(models.CommentInput{PostID: open.ID, Content: strp("Held by choice"), Status: strp("hold"),
			AuthorIP: strp("198.51.100.1"), Agent: strp("Custom/2")}))
		if err != nil || c.Approved != "0" || c.AuthorIP != "198.51.100.1" || c.Agent != "Custom/2" {
			t.Fatalf("admin's held comment %+v %v", c, err)
		}
		got, err := s.UpdateComment(ctx, admin, c.ID, rest(models.CommentInput{Status: strp("nonsense")}))
		if err != nil || got.Approved != "0" {
			t.Fatalf("unknown status changed it: %+v %v", got, err)
		}
		got, err = s.UpdateComment(ctx, admin, c.ID, rest(models.CommentInput{Status: strp("trash")}))
		if err != nil || got.Approved != "trash" || got.TrashedFrom != "0" {
			t.Fatalf("trash %+v %v", got, err)
		}
		got, err = s.UpdateComment(ctx, admin, c.ID, rest(models.CommentInput{Status: strp("untrash")}))
		if err != nil || got.Approved != "0" {
			t.Fatalf("untrash %+v %v", got, err)
		}
		_, err = s.UpdateComment(ctx, admin, c.ID, rest(models.CommentInput{MoveToPost: u64p(99999)}))
		wantReason(t, err, models.KindForbidden, models.ReasonCommentPostInvalid)
	})
	t.Run("filters", func(t *testing.T) {
		all, total, err := s.Comments(ctx, models.CommentFilter{Status: "any", OrderBy: "id", Order: "asc"})
		if err != nil || total != 2 || len(all) != 2 {
			t.Fatalf("all %v %d %v", all, total, err)
		}
		for _, c := range []struct {
			f    models.CommentFilter
			want int
		}{
			{models.CommentFilter{Status: "approve,hold"}, 2},
			{models.CommentFilter{Status: "hold"}, 1},
			{models.CommentFilter{Status: "any", Exclude: []uint64{all[0].ID}}, 1},
			{models.CommentFilter{Status: "any", UserIDs: []uint64{author.ID}}, 1},
			{models.CommentFilter{Status: "any", AuthorExclude: []uint64{author.ID}}, 1},
			{models.CommentFilter{Status: "any", Types: []string{"comment"}}, 2},
			{models.CommentFilter{Status: "any", Types: []string{"pings"}}, 0},
			{models.CommentFilter{Status: "any", AuthorEmail: admin.Email}, 1},
			{models.CommentFilter{Status: "any", IDs: []uint64{all[1].ID, all[0].ID}, OrderBy: "include", Order: "asc"}, 2},
		} {
			got, _, err := s.Comments(ctx, c.f)
			if err != nil || len(got) != c.want {
				t.Errorf("%+v: %d comments (%v), want %d", c.f, len(got), err, c.want)
			}
		}
		ordered, _, _ := s.Comments(ctx, models.CommentFilter{Status: "any", IDs: []uint64{all[1].ID, all[0].ID}, OrderBy: "include", Order: "asc"})
		if len(ordered) != 2 || ordered[0].ID != all[1].ID {
			t.Errorf("orderby include: %v", ordered)
		}
	})
}
