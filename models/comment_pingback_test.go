package models_test

import (
	"context"
	"testing"

	"github.com/presspass/presspass/fixtures/fixturestest"
	"github.com/presspass/presspass/models"
)

func TestCreatePingback(t *testing.T) {
	ctx := context.Background()
	s := fixturestest.Open(t)
	author := newUser(t, s, "au", "author")
	open, err := s.CreatePost(ctx, author, models.PostInput{Title: strp("Open"), Status: strp("publish"), PingStatus: strp("open")})
	if err != nil {
		t.Fatal(err)
	}
	closed, err := s.CreatePost(ctx, author, models.PostInput{Title: strp("Closed"), Status: strp("publish"), PingStatus: strp("closed")})
	if err != nil {
		t.Fatal(err)
	}
	ping := func(post uint64, source, title, content string) models.PingbackInput {
		return models.PingbackInput{PostID: post, SourceURL: source, Title: title, Content: content,
			Client: models.ClientInfo{IP: "203.0.113.7", UserAgent: "WordPress/6.9"}}
	}
	c, err := s.CreatePingback(ctx, ping(open.ID, "https://elsewhere.example/a?x=1&amp;y=2", "Elsewhere", "[&#8230;] a link [&#8230;]"))
	if err != nil {
		t.Fatal(err)
	}
	if c.Type != "pingback" || c.Approved != "0" || c.AuthorName != "Elsewhere" || c.AuthorIP != "203.0.113.7" || c.UserID != 0 {
		t.Fatalf("recorded %+v", c)
	}
	tests := []struct {
		name   string
		in     models.PingbackInput
		kind   models.Kind
		reason models.Reason
	}{
		{"the same source again", ping(open.ID, "https://elsewhere.example/a?x=1&amp;y=2", "Again", "other words"), models.KindConflict, models.ReasonPingbackRegistered},
		{"pings closed", ping(closed.ID, "https://elsewhere.example/b", "T", "c"), models.KindNotFound, models.ReasonPingbackTargetInvalid},
		{"no such post", ping(99999, "https://elsewhere.example/c", "T", "c"), models.KindNotFound, models.ReasonPingbackTargetInvalid},
		{"no title", ping(open.ID, "https://elsewhere.example/d", " ", "c"), models.KindInvalid, models.ReasonCommentRequired},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := s.CreatePingback(ctx, tt.in)
			wantReason(t, err, tt.kind, tt.reason)
		})
	}
	t.Run("target check alone", func(t *testing.T) {
		if _, err := s.PingbackTarget(ctx, open.ID, "https://new.example/"); err != nil {
			t.Fatal(err)
		}
		_, err := s.PingbackTarget(ctx, open.ID, "https://elsewhere.example/a?x=1&amp;y=2")
		wantReason(t, err, models.KindConflict, models.ReasonPingbackRegistered)
	})
}
