package models_test

import (
	"context"
	"testing"

	"github.com/presspass/presspass/fixtures/fixturestest"
	"github.com/presspass/presspass/models"
)

func u64p(n uint64) *uint64 { return &n }

func mustTerm(t *testing.T, s *models.Store, taxonomy, name string, parent uint64) *models.Term {
	t.Helper()
	in := models.TermInput{Taxonomy: taxonomy, Name: &name}
	if parent != 0 {
		in.ParentID = &parent
	}
	term, err := s.CreateTerm(context.Background(), nil, in)
	if err != nil {
		t.Fatalf("create %s %q: %v", taxonomy, name, err)
	}
	return term
}

func TestCreateTermRules(t *testing.T) {
	ctx := context.Background()
	s := fixturestest.Open(t)
	editor := newUser(t, s, "ed", "editor")
	author := newUser(t, s, "au", "author")
	news := mustTerm(t, s, "category", "News", 0)
	mustTerm(t, s, "post_tag", "Go", 0)
	tests := []struct {
		name   string
		actor  *models.User
		in     models.TermInput
		kind   models.Kind
		reason models.Reason
	}{
		{"unknown taxonomy", editor, models.TermInput{Taxonomy: "nope", Name: strp("x")}, models.KindInvalid, models.ReasonInvalidTaxonomy},
		{"author cannot create categories", author, models.TermInput{Taxonomy: "category", Name: strp("x")}, models.KindForbidden, models.ReasonCannotCreateTerm},
		{"author cannot create tags without the REST rule", author, models.TermInput{Taxonomy: "post_tag", Name: strp("x")}, models.KindForbidden, models.ReasonCannotCreateTerm},
		{"empty name", editor, models.TermInput{Taxonomy: "category", Name: strp("  <b></b> ")}, models.KindInvalid, models.ReasonTermNameRequired},
		{"missing parent", editor, models.TermInput{Taxonomy: "category", Name: strp("x"), ParentID: u64p(9999)}, models.KindInvalid, models.ReasonParentTermMissing},
		{"parent of a flat taxonomy", editor, models.TermInput{Taxonomy: "post_tag", Name: strp("x"), ParentID: &news.ID}, models.KindInvalid, models.ReasonTaxonomyNotHierarchical},
		{"same category name at the same level", editor, models.TermInput{Taxonomy: "category", Name: strp("news")}, models.KindInvalid, models.ReasonTermExistsWithParent},
		{"same tag name", editor, models.TermInput{Taxonomy: "post_tag", Name: strp("GO")}, models.KindInvalid, models.ReasonTermExists},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := s.CreateTerm(ctx, tt.actor, tt.in)
			wantReason(t, err, tt.kind, tt.reason)
		})
	}
	t.Run("term_exists names the existing term", func(t *testing.T) {
		_, err := s.CreateTerm(ctx, editor, models.TermInput{Taxonomy: "category", Name: strp("News")})
		if got := models.AsError(err).Details.ID; got != news.ID {
			t.Fatalf("term_id %v, want %d", got, news.ID)
		}
	})
	t.Run("an author may create a tag under the REST rule", func(t *testing.T) {
		tag, err := s.CreateTerm(ctx, author, models.TermInput{Taxonomy: "post_tag", Name: strp("Fresh & new"), CreateRule: models.FlatTermsByAssigners})
		if err != nil || tag.Name != "Fresh &amp; new" || tag.Slug != "fresh-new" {
			t.Fatalf("got %+v, %v", tag, err)
		}
	})
	t.Run("a slug taken under another parent gets the parent's slug", func(t *testing.T) {
		local := mustTerm(t, s, "category", "Local", 0)
		child, err := s.CreateTerm(ctx, editor, models.TermInput{Taxonomy: "category", Name: strp("Local"), ParentID: &news.ID})
		if err != nil || child.Slug != "local-news" || local.Slug != "local" {
			t.Fatalf("got %+v, %v", child, err)
		}
		again, err := s.CreateTerm(ctx, editor, models.TermInput{Taxonomy: "category", Name: strp("Other"), Slug: strp("local")})
		if err != nil || again.Slug != "local-2" {
			t.Fatalf("got %+v, %v", again, err)
		}
	})
	t.Run("a tag may share a category's slug", func(t *testing.T) {
		tag, err := s.CreateTerm(ctx, editor, models.TermInput{Taxonomy: "post_tag", Name: strp("News")})
		if err != nil || tag.Slug != "news" {
			t.Fatalf("got %+v, %v", tag, err)
		}
	})
}

func TestUpdateAndDeleteTerms(t *testing.T) {
	ctx := context.Background()
	s := fixturestest.Open(t)
	editor := newUser(t, s, "ed", "editor")
	author := newUser(t, s, "au", "author")
	news := mustTerm(t, s, "category", "News", 0)
	local := mustTerm(t, s, "category", "Local", news.ID)
	tag := mustTerm(t, s, "post_tag", "Go", 0)
	post, err := s.CreatePost(ctx, editor, models.PostInput{Title: strp("Filed"), Status: strp("publish")})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SetPostTerms(ctx, editor, post.ID, "category", []uint64{news.ID}); err != nil {
		t.Fatal(err)
	}

	t.Run("author cannot edit", func(t *testing.T) {
		_, err := s.UpdateTerm(ctx, author, news.ID, models.TermInput{Taxonomy: "category", Name: strp("x")})
		wantReason(t, err, models.KindForbidden, models.ReasonCannotEditTerm)
	})
	t.Run("wrong taxonomy is not found", func(t *testing.T) {
		_, err := s.UpdateTerm(ctx, editor, news.ID, models.TermInput{Taxonomy: "post_tag", Name: strp("x")})
		wantReason(t, err, models.KindNotFound, models.ReasonInvalidTermID)
	})
	t.Run("a term cannot go under its own child", func(t *testing.T) {
		_, err := s.UpdateTerm(ctx, editor, news.ID, models.TermInput{Taxonomy: "category", ParentID: &local.ID})
		wantReason(t, err, models.KindInvalid, models.ReasonTermOwnAncestor)
	})
	t.Run("a slug in use is a conflict", func(t *testing.T) {
		_, err := s.UpdateTerm(ctx, editor, local.ID, models.TermInput{Taxonomy: "category", Slug: strp("news")})
		wantReason(t, err, models.KindConflict, models.ReasonDuplicateTermSlug)
	})
	t.Run("rename keeps the count", func(t *testing.T) {
		got, err := s.UpdateTerm(ctx, editor, news.ID, models.TermInput{Taxonomy: "category", Name: strp("Headlines"), Description: strp(" All ")})
		if err != nil || got.Name != "Headlines" || got.Slug != "news" || got.Description != "All" || got.Count != 1 {
			t.Fatalf("got %+v, %v", got, err)
		}
	})
	t.Run("the default category cannot be deleted", func(t *testing.T) {
		_, err := s.DeleteTerm(ctx, editor, "category", 1)
		wantReason(t, err, models.KindForbidden, models.ReasonCannotDeleteTerm)
	})
	t.Run("author cannot delete a tag", func(t *testing.T) {
		_, err := s.DeleteTerm(ctx, author, "post_tag", tag.ID)
		wantReason(t, err, models.KindForbidden, models.ReasonCannotDeleteTerm)
	})
	t.Run("deleting a category moves children up and posts to the default", func(t *testing.T) {
		if _, err := s.DeleteTerm(ctx, editor, "category", news.ID); err != nil {
			t.Fatal(err)
		}
		got, err := s.TermByID(ctx, local.ID)
		if err != nil || got.ParentID != 0 {
			t.Fatalf("child %+v, %v", got, err)
		}
		ids, err := s.PostTermIDs(ctx, []uint64{post.ID}, "category")
		if err != nil || len(ids[post.ID]) != 1 || ids[post.ID][0] != 1 {
			t.Fatalf("post categories %v, %v", ids, err)
		}
		_, err = s.DeleteTerm(ctx, editor, "category", news.ID)
		wantReason(t, err, models.KindNotFound, models.ReasonInvalidTermID)
	})
}

func TestPostTermsAndCounts(t *testing.T) {
	ctx := context.Background()
	s := fixturestest.Open(t)
	editor := newUser(t, s, "ed", "editor")
	author := newUser(t, s, "au", "author")
	subscriber := newUser(t, s, "sub", "subscriber")
	news := mustTerm(t, s, "category", "News", 0)
	goTag := mustTerm(t, s, "post_tag", "Go", 0)
	mine, err := s.CreatePost(ctx, author, models.PostInput{Title: strp("Mine"), Status: strp("publish")})
	if err != nil {
		t.Fatal(err)
	}
	draft, err := s.CreatePost(ctx, author, models.PostInput{Title: strp("Draft"), Status: strp("draft")})
	if err != nil {
		t.Fatal(err)
	}
	others, err := s.CreatePost(ctx, editor, models.PostInput{Title: strp("Theirs"), Status: strp("publish")})
	if err != nil {
		t.Fatal(err)
	}
	page, err := s.CreatePost(ctx, editor, models.PostInput{Type: "page", Title: strp("Page"), Status: strp("publish")})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		actor    *models.User
		post     uint64
		taxonomy string
		ids      []uint64
		kind     models.Kind
		reason   models.Reason
	}{
		{"subscriber cannot edit the post", subscriber, mine.ID, "category", []uint64{news.ID}, models.KindForbidden, models.ReasonCannotEditPost},
		{"author cannot file another's post", author, others.ID, "category", []uint64{news.ID}, models.KindForbidden, models.ReasonCannotEditPost},
		{"pages have no categories", editor, page.ID, "category", []uint64{news.ID}, models.KindForbidden, models.ReasonTaxonomyNotForPostType},
		{"a tag id is not a category", author, mine.ID, "category", []uint64{goTag.ID}, models.KindInvalid, models.ReasonInvalidTermForPost},
		{"unknown post", author, 99999, "category", nil, models.KindNotFound, models.ReasonInvalidPostID},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := s.SetPostTerms(ctx, tt.actor, tt.post, tt.taxonomy, tt.ids)
			wantReason(t, err, tt.kind, tt.reason)
		})
	}
	for _, step := range []struct {
		post     uint64
		taxonomy string
		ids      []uint64
	}{{mine.ID, "category", []uint64{news.ID, news.ID}}, {draft.ID, "category", []uint64{news.ID}}, {mine.ID, "post_tag", []uint64{goTag.ID}}} {
		if err := s.SetPostTerms(ctx, author, step.post, step.taxonomy, step.ids); err != nil {
			t.Fatal(err)
		}
	}
	t.Run("counts include published posts only", func(t *testing.T) {
		got, err := s.TermByID(ctx, news.ID)
		if err != nil || got.Count != 1 {
			t.Fatalf("got %+v, %v", got, err)
		}
	})
	t.Run("new posts are filed under the default category", func(t *testing.T) {
		terms, err := s.PostTerms(ctx, []uint64{mine.ID, others.ID, page.ID}, "")
		if err != nil {
			t.Fatal(err)
		}
		if len(terms[mine.ID]) != 2 || terms[mine.ID][0].Name != "Go" || terms[mine.ID][1].Name != "News" {
			t.Fatalf("mine %+v", terms[mine.ID])
		}
		if len(terms[others.ID]) != 1 || terms[others.ID][0].ID != 1 || len(terms[page.ID]) != 0 {
			t.Fatalf("others %+v, page %+v", terms[others.ID], terms[page.ID])
		}
	})
	t.Run("an empty category list means the default category", func(t *testing.T) {
		if err := s.SetPostTerms(ctx, author, mine.ID, "category", nil); err != nil {
			t.Fatal(err)
		}
		ids, err := s.PostTermIDs(ctx, []uint64{mine.ID}, "category")
		if err != nil || len(ids[mine.ID]) != 1 || ids[mine.ID][0] != 1 {
			t.Fatalf("got %v, %v", ids, err)
		}
		tags, err := s.PostTermIDs(ctx, []uint64{mine.ID}, "post_tag")
		if err != nil || len(tags[mine.ID]) != 1 {
			t.Fatalf("tags %v, %v", tags, err)
		}
	})
	t.Run("an exact empty category list leaves no category", func(t *testing.T) {
		if err := s.SetObjectTerms(ctx, editor, others.ID, "category", nil); err != nil {
			t.Fatal(err)
		}
		ids, err := s.PostTermIDs(ctx, []uint64{others.ID}, "category")
		if err != nil || len(ids[others.ID]) != 0 {
			t.Fatalf("got %v, %v", ids, err)
		}
		def, err := s.TermByID(ctx, 1)
		if err != nil || def.Count != 1 {
			t.Fatalf("default category %+v, %v: want the count of the one post filed there", def, err)
		}
		err = s.SetObjectTerms(ctx, subscriber, others.ID, "category", nil)
		wantReason(t, err, models.KindForbidden, models.ReasonCannotEditPost)
	})
	t.Run("listing filters, orders and hides empty terms", func(t *testing.T) {
		mustTerm(t, s, "post_tag", "Tutorial", 0)
		mustTerm(t, s, "post_tag", "Zoo", 0)
		got, total, err := s.Terms(ctx, models.TermFilter{Taxonomy: "post_tag", Search: "o", Order: "desc", Limit: 2})
		if err != nil || total != 3 || len(got) != 2 || got[0].Name != "Zoo" || got[1].Name != "Tutorial" {
			t.Fatalf("got %+v (%d), %v", got, total, err)
		}
		used, total, err := s.Terms(ctx, models.TermFilter{Taxonomy: "post_tag", HideEmpty: true})
		if err != nil || total != 1 || len(used) != 1 || used[0].Name != "Go" || used[0].Count != 1 {
			t.Fatalf("got %+v (%d), %v", used, total, err)
		}
		byCount, _, err := s.Terms(ctx, models.TermFilter{Taxonomy: "post_tag", OrderBy: "count", Order: "desc", Offset: 1})
		if err != nil || len(byCount) != 2 {
			t.Fatalf("got %+v, %v", byCount, err)
		}
		_, _, err = s.Terms(ctx, models.TermFilter{Taxonomy: "nope"})
		wantReason(t, err, models.KindInvalid, models.ReasonInvalidTaxonomy)
	})
}
