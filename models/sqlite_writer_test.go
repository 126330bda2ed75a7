package models_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/presspass/presspass/fixtures/fixturestest"
	"github.com/presspass/presspass/models"
)

// loadedSQLite is the "test" fixture site and its administrator, for a
// test of what only SQLite does (why, when the tests run on MySQL).
func loadedSQLite(t *testing.T, why string) (*models.Store, *models.User) {
	t.Helper()
	if fixturestest.Dialect() != models.DialectSQLite {
		t.Skip(why)
	}
	s := fixturestest.Loaded(t, "test")
	admin, err := s.UserByLogin(context.Background(), "admin")
	if err != nil {
		t.Fatal(err)
	}
	return s, admin
}

// While one transaction holds SQLite's writer, it reads its own writes, and
// every read outside it still answers (from the read pool, which sees only
// what is committed), and a writer that cannot get its turn
// before its deadline — the context's, or WriteWait when that comes first —
// is refused as busy (503 with Retry-After in the adapters) with nothing of
// it stored. Once the holder commits, writes go through again.
func TestSQLiteWriterBusyReadsGoOn(t *testing.T) {
	s, admin := loadedSQLite(t, "SQLite's writer queue")
	ctx := context.Background()
	// A read that waited for the writer would be refused after this long
	// instead of answering.
	s.Config.WriteWait = 100 * time.Millisecond

	held, release, done := make(chan struct{}), make(chan struct{}), make(chan error, 1)
	go func() {
		done <- s.InTx(ctx, func(tx *models.Store) error {
			title := "Written by the holder"
			p, err := tx.CreatePost(ctx, admin, models.PostInput{Title: &title})
			if err != nil {
				return err
			}
			// Reads inside the transaction go through it and see its writes,
			// which the read pool cannot see before the commit.
			if got, err := tx.PostByID(ctx, p.ID); err != nil || got.Title != title {
				return fmt.Errorf("the transaction reading its own post: %v", err)
			}
			if _, err := s.PostByID(ctx, p.ID); !models.IsNotFound(err) {
				return fmt.Errorf("a read outside the transaction, before its commit: %v, want not found", err)
			}
			close(held)
			<-release
			return nil
		})
	}()
	select {
	case <-held:
	case err := <-done:
		t.Fatalf("holder: %v", err)
	}

	reads := []struct {
		name string
		read func() error
	}{
		{"a post by id", func() error {
			p, err := s.PostByID(ctx, 1)
			if err == nil && p.ID != 1 {
				err = errors.New("another post")
			}
			return err
		}},
		{"a list of posts", func() error {
			list, _, err := s.Posts(ctx, models.PostFilter{})
			if err == nil && len(list) == 0 {
				err = errors.New("no posts")
			}
			return err
		}},
		{"a user", func() error { _, err := s.UserByLogin(ctx, "author"); return err }},
		{"the epochs", func() error { _, err := s.Epochs(ctx); return err }},
	}
	for _, r := range reads {
		if err := r.read(); err != nil {
			t.Errorf("%s while the writer is held: %v", r.name, err)
		}
	}

	deadline, cancel := context.WithTimeout(ctx, 20*time.Millisecond)
	defer cancel()
	writers := []struct {
		name, title string
		ctx         context.Context
	}{
		{"the request's deadline", "Refused at the deadline", deadline},
		{"WriteWait", "Refused after WriteWait", ctx},
	}
	for _, w := range writers {
		title := w.title
		_, err := s.CreatePost(w.ctx, admin, models.PostInput{Title: &title})
		var me *models.Error
		if !errors.As(err, &me) || me.Kind != models.KindUnavailable || me.Reason != models.ReasonWriteConflict || me.Details.RetryAfter != 1 {
			t.Errorf("%s: %v, want the busy refusal", w.name, err)
		}
	}

	close(release)
	if err := <-done; err != nil {
		t.Fatalf("holder: %v", err)
	}
	for _, title := range []string{"Refused at the deadline", "Refused after WriteWait", "Written by the holder"} {
		var n int64
		if err := s.DB().Model(&models.Post{}).Where("title = ?", title).Count(&n).Error; err != nil {
			t.Fatal(err)
		}
		want := int64(0)
		if title == "Written by the holder" {
			want = 1
		}
		if n != want {
			t.Errorf("%q stored %d times, want %d", title, n, want)
		}
	}
	title := "Written after the holder"
	if _, err := s.CreatePost(ctx, admin, models.PostInput{Title: &title}); err != nil {
		t.Errorf("write after the holder committed: %v", err)
	}
}
