package models_test

import (
	"context"
	"strings"
	"testing"

	"github.com/presspass/presspass/fixtures/fixturestest"
	"github.com/presspass/presspass/models"
	"gorm.io/gorm"
)

// A SQLite write transaction's statements are prepared on the writer once:
// a second post written the same way adds none, and the post it writes
// reads back whole. Queries whose text varies stop being kept at the bound.
func TestWriterKeepsTransactionStatements(t *testing.T) {
	if fixturestest.Dialect() != models.DialectSQLite {
		t.Skip("the writer's statements are SQLite's")
	}
	s := fixturestest.Open(t)
	ctx := context.Background()
	admin := newUser(t, s, "stmtadmin", "administrator")
	write := func(title string) {
		t.Helper()
		p, err := s.CreatePost(ctx, admin, models.PostInput{Title: &title})
		if err != nil {
			t.Fatal(err)
		}
		got, err := s.PostByID(ctx, p.ID)
		if err != nil || got.Title != title || got.GUID == "" {
			t.Fatalf("post %d read back as %+v (%v)", p.ID, got, err)
		}
	}
	write("First")
	kept := models.WriterStatementsForTest(s)
	if kept == 0 {
		t.Fatal("a post written in a transaction left no statement prepared on the writer")
	}
	for _, title := range []string{"Second", "Third"} {
		write(title)
		if n := models.WriterStatementsForTest(s); n != kept {
			t.Errorf("writing %q the same way: %d statements kept, want the first post's %d", title, n, kept)
		}
	}
	// Six hundred IN lists of as many lengths: six hundred texts.
	err := s.InTx(ctx, func(tx *models.Store) error {
		for n := 1; n <= 600; n++ {
			in := strings.TrimSuffix(strings.Repeat("?,", n), ",")
			args := make([]any, n)
			for i := range args {
				args[i] = i
			}
			if err := tx.DB().Exec("UPDATE posts SET menu_order = menu_order WHERE id IN ("+in+")", args...).Error; err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n := models.WriterStatementsForTest(s); n > 512 {
		t.Errorf("%d statements kept, more than the bound of 512", n)
	}
	write("After the bound")
}

// Savepoints, which GORM names at random, are not kept: they would fill the
// bound with texts never run again. The writes inside them are kept once.
func TestWriterKeepsNoSavepoints(t *testing.T) {
	if fixturestest.Dialect() != models.DialectSQLite {
		t.Skip("the writer's statements are SQLite's")
	}
	s := fixturestest.Open(t)
	ctx := context.Background()
	before := models.WriterStatementsForTest(s)
	for range 50 {
		err := s.InTx(ctx, func(tx *models.Store) error {
			return tx.DB().Transaction(func(db *gorm.DB) error {
				return db.Exec("UPDATE posts SET menu_order = menu_order WHERE id = ?", 1).Error
			})
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if n := models.WriterStatementsForTest(s) - before; n != 1 {
		t.Errorf("50 transactions with a savepoint each kept %d more statements, want 1 (their update)", n)
	}
}
