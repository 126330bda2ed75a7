package models_test

import (
	"context"
	"testing"
	"time"

	"github.com/presspass/presspass/models"
)

// The object cache never serves what another process has changed since:
// after one store reads a post, its terms and its revision count (filling
// its cache), the other store's writes to each are seen by the very next
// read, through the list, the single post and the per-post reads. A change
// typed into the database by hand, which moves no epoch, is seen within a
// minute.
func TestObjectCacheFollowsWritesOfAnotherProcess(t *testing.T) {
	ctx := context.Background()
	writer, reader := storesOnOneDatabase(t)
	admin := newUser(t, writer, "objects", "administrator")
	str := func(s string) *string { return &s }
	post, err := writer.CreatePost(ctx, admin, models.PostInput{Title: str("First title"), Content: str("<p>One</p>"), Status: str("publish")})
	if err != nil {
		t.Fatal(err)
	}
	tag, err := writer.CreateTerm(ctx, admin, models.TermInput{Taxonomy: "post_tag", Name: str("Early")})
	if err != nil {
		t.Fatal(err)
	}
	if err := writer.SetObjectTerms(ctx, admin, post.ID, "post_tag", []uint64{tag.ID}); err != nil {
		t.Fatal(err)
	}

	type seen struct {
		listTitle, title string
		tags             []string
		revisions        int64
	}
	read := func(t *testing.T) seen {
		t.Helper()
		var out seen
		list, total, err := reader.Posts(ctx, models.PostFilter{Limit: 10})
		if err != nil || total != 1 || len(list) != 1 {
			t.Fatalf("Posts: %d posts of %d, %v", len(list), total, err)
		}
		out.listTitle = list[0].Title
		p, err := reader.PostByID(ctx, post.ID)
		if err != nil {
			t.Fatal(err)
		}
		out.title = p.Title
		terms, err := reader.PostTermsUncounted(ctx, []uint64{post.ID}, "post_tag")
		if err != nil {
			t.Fatal(err)
		}
		for _, term := range terms[post.ID] {
			out.tags = append(out.tags, term.Name)
		}
		stats, err := reader.RevisionStats(ctx, []uint64{post.ID})
		if err != nil {
			t.Fatal(err)
		}
		out.revisions = stats[post.ID].Count
		return out
	}
	before := read(t)
	if again := read(t); again.title != before.title || again.revisions != before.revisions {
		t.Fatalf("a second read differs with nothing written: %+v, then %+v", before, again)
	}

	if _, err := writer.UpdatePost(ctx, admin, post.ID, models.PostInput{Title: str("Second title"), Content: str("<p>Two</p>")}); err != nil {
		t.Fatal(err)
	}
	late, err := writer.CreateTerm(ctx, admin, models.TermInput{Taxonomy: "post_tag", Name: str("Late")})
	if err != nil {
		t.Fatal(err)
	}
	if err := writer.SetObjectTerms(ctx, admin, post.ID, "post_tag", []uint64{late.ID}); err != nil {
		t.Fatal(err)
	}
	after := read(t)
	if after.listTitle != "Second title" || after.title != "Second title" {
		t.Errorf("after another store's update the list read %q and the post %q, want %q", after.listTitle, after.title, "Second title")
	}
	if len(after.tags) != 1 || after.tags[0] != "Late" {
		t.Errorf("after another store changed the tags they read %v, want [Late]", after.tags)
	}
	if after.revisions <= before.revisions {
		t.Errorf("after an update the revision count read %d, it was %d", after.revisions, before.revisions)
	}

	// A new post by the other store is in the very next list, with its
	// count: the ids and count a list's query found are cached too.
	newer, err := writer.CreatePost(ctx, admin, models.PostInput{Title: str("Newer"), Status: str("publish")})
	if err != nil {
		t.Fatal(err)
	}
	if list, total, err := reader.Posts(ctx, models.PostFilter{Limit: 10}); err != nil || total != 2 || len(list) != 2 {
		t.Errorf("after another store published a second post the list read %d posts of %d (%v), want 2 of 2", len(list), total, err)
	}
	if _, err := writer.DeletePost(ctx, admin, newer.ID); err != nil {
		t.Fatal(err)
	}
	if list, total, err := reader.Posts(ctx, models.PostFilter{Limit: 10}); err != nil || total != 1 || len(list) != 1 {
		t.Errorf("after another store deleted it the list read %d posts of %d (%v), want 1 of 1", len(list), total, err)
	}

	// By hand: no epoch moves, so the cache may serve the old row, for a
	// minute at most.
	if err := writer.DB().Exec("UPDATE posts SET title = ? WHERE id = ?", "Typed by hand", post.ID).Error; err != nil {
		t.Fatal(err)
	}
	reader.Clock = func() time.Time { return time.Now().UTC().Add(61 * time.Second) }
	if got := read(t); got.title != "Typed by hand" || got.listTitle != "Typed by hand" {
		t.Errorf("a minute after a change by hand the post read %q and the list %q", got.title, got.listTitle)
	}
}
