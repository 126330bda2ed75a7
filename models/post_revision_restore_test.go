package models_test

import (
	"context"
	"testing"

	"github.com/presspass/presspass/fixtures/fixturestest"
	"github.com/presspass/presspass/models"
)

func TestRestoreRevision(t *testing.T) {
	ctx := context.Background()
	s := fixturestest.Open(t)
	author := newUser(t, s, "au", "author")
	editor := newUser(t, s, "ed", "editor")
	contributor := newUser(t, s, "co", "contributor")
	post, err := s.CreatePost(ctx, author, models.PostInput{Title: strp("v0"), Content: strp("c0"), Status: strp("publish")})
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range []string{"v1", "v2"} {
		if _, err := s.UpdatePost(ctx, author, post.ID, models.PostInput{Title: strp(v), Content: strp("c-" + v)}); err != nil {
			t.Fatal(err)
		}
	}
	revs, err := s.Revisions(ctx, post.ID)
	if err != nil || len(revs) != 2 {
		t.Fatalf("revisions %v, %v", revs, err)
	}
	older := revs[1]
	auto, err := s.SaveAutosave(ctx, editor, post.ID, models.PostInput{Title: strp("unsaved")})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		actor  *models.User
		id     uint64
		kind   models.Kind
		reason models.Reason
	}{
		{"a post is no revision", author, post.ID, models.KindNotFound, models.ReasonInvalidPostID},
		{"an unknown id", author, 99999, models.KindNotFound, models.ReasonInvalidPostID},
		{"an autosave", editor, auto.ID, models.KindNotFound, models.ReasonInvalidPostID},
		{"contributor may not edit the post", contributor, older.ID, models.KindForbidden, models.ReasonCannotEditPost},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := s.RestoreRevision(ctx, tt.actor, tt.id)
			wantReason(t, err, tt.kind, tt.reason)
		})
	}
	t.Run("restored fields and a new revision", func(t *testing.T) {
		p, err := s.RestoreRevision(ctx, editor, older.ID)
		if err != nil {
			t.Fatal(err)
		}
		if p.Title != "v1" || p.Content != "c-v1" {
			t.Fatalf("restored %q %q", p.Title, p.Content)
		}
		revs, err := s.Revisions(ctx, post.ID)
		if err != nil {
			t.Fatal(err)
		}
		var plain int
		for _, r := range revs {
			if !r.IsAutosave() {
				plain++
			}
		}
		if plain != 3 {
			t.Fatalf("want 3 revisions, got %d", plain)
		}
	})
	t.Run("types without revisions", func(t *testing.T) {
		if !models.SupportsRevisions("post") || !models.SupportsRevisions("page") || models.SupportsRevisions("attachment") {
			t.Fatal("wrong revision support")
		}
	})
}
