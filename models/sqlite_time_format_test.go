package models_test

import (
	"context"
	"regexp"
	"testing"
	"time"

	"github.com/presspass/presspass/models"
)

// SQLite keeps times as text, and the driver decides how: PressPass writes
// them as "2006-01-02 15:04:05+00:00", the format every database written
// so far holds (testdata/migrations) and that queries such as
// "locked_until > ?" compare as text, and reads them back in UTC through
// the writer and the read pool alike, whether they carry +00:00 or no zone
// (as SQLite's own datetime() writes them). modernc.org/sqlite's defaults
// differ on both counts (store.go, sqliteTimeParams).
func TestSQLiteTimesKeepTheirFormat(t *testing.T) {
	s, admin := loadedSQLite(t, "SQLite's time format")
	ctx := context.Background()
	title, status := "Dated", "publish"
	p, err := s.CreatePost(ctx, admin, models.PostInput{Title: &title, Status: &status})
	if err != nil {
		t.Fatal(err)
	}

	var written string
	if err := s.DB().Raw("SELECT CAST(date_gmt AS TEXT) FROM posts WHERE id = ?", p.ID).Scan(&written).Error; err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\+00:00$`).MatchString(written) {
		t.Errorf("date_gmt written as %q, want the form 2006-01-02 15:04:05+00:00", written)
	}

	want := time.Date(2024, 2, 1, 10, 0, 0, 0, time.UTC)
	for _, stored := range []string{"2024-02-01 10:00:00+00:00", "2024-02-01 10:00:00", "2024-02-01T10:00:00Z"} {
		if err := s.DB().Exec("UPDATE posts SET date_gmt = ? WHERE id = ?", stored, p.ID).Error; err != nil {
			t.Fatal(err)
		}
		readers := []struct {
			name string
			read func() (*models.Post, error)
		}{
			{"the read pool", func() (*models.Post, error) { return s.PostByID(ctx, p.ID) }},
			{"the writer, in a transaction", func() (got *models.Post, err error) {
				err = s.InTx(ctx, func(tx *models.Store) error {
					got, err = tx.PostByID(ctx, p.ID)
					return err
				})
				return got, err
			}},
		}
		for _, r := range readers {
			got, err := r.read()
			if err != nil {
				t.Fatalf("%s, %q: %v", r.name, stored, err)
			}
			// == rather than Equal: the location must be time.UTC itself, as
			// the time the store's clock gives.
			if got.DateGMT != want {
				t.Errorf("%s read %q as %v (%v), want %v in UTC", r.name, stored, got.DateGMT, got.DateGMT.Location(), want)
			}
		}
	}
}
