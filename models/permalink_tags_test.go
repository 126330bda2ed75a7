package models_test

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/presspass/presspass/fixtures/fixturestest"
	"github.com/presspass/presspass/models"
)

// A post's link expands each of get_permalink's tags once, in one pass;
// anything else between percent signs, and a lone percent sign, stays as
// written.
func TestPermalinkTags(t *testing.T) {
	ctx := context.Background()
	s := fixturestest.Open(t)
	s.Config.SiteURL = "http://example.test"
	admin := newUser(t, s, "tagger", "administrator")
	date := time.Date(2024, 3, 5, 7, 8, 9, 0, time.UTC)
	p, err := s.CreatePost(ctx, admin, models.PostInput{Title: strp("Tagged post"), Status: strp("publish"), Date: &date})
	if err != nil {
		t.Fatal(err)
	}
	id := strconv.FormatUint(p.ID, 10)
	for _, c := range []struct{ structure, want string }{
		{"/%year%/%monthnum%/%day%/%hour%/%minute%/%second%/%postname%/", "/2024/03/05/07/08/09/tagged-post/"},
		{"/archives/%post_id%", "/archives/" + id},
		{"/%author%/%category%/%postname%", "/tagger/uncategorized/tagged-post"},
		{"/%foo%/%postname%/", "/%foo%/tagged-post/"},
		{"/100%/%postname%/", "/100%/tagged-post/"},
		{"/%year%%monthnum%/%postname%.html", "/202403/tagged-post.html"},
		{"/%postname%/%", "/tagged-post/%"},
	} {
		if err := s.SetOption(ctx, "permalink_structure", c.structure); err != nil {
			t.Fatal(err)
		}
		if got := s.Permalink(ctx, p, nil); got != "http://example.test"+c.want {
			t.Errorf("%s: %q, want %q", c.structure, got, "http://example.test"+c.want)
		}
	}
}
