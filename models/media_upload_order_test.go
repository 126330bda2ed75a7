package models_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/presspass/presspass/models"
	"github.com/presspass/presspass/storage"
)

// gatedStorage is local storage whose Put waits for the test (a slow object
// store) or fails (an unreachable one).
type gatedStorage struct {
	models.Storage
	entered chan struct{}
	release chan struct{}
	fail    error
}

func (g *gatedStorage) Put(ctx context.Context, key string, data []byte, contentType string) error {
	if g.entered != nil {
		close(g.entered)
		<-g.release
	}
	if g.fail != nil {
		return g.fail
	}
	return g.Storage.Put(ctx, key, data, contentType)
}

// While a file is being stored no database lock is held — the rest of the
// site keeps writing — and the attachment stays hidden until its file is
// whole: not listed, not served, not usable as a featured image.
func TestUploadStoresTheFileOutsideAnyTransaction(t *testing.T) {
	ctx := context.Background()
	s, dir := mediaStore(t)
	author := newUser(t, s, "writer", "author")
	gate := &gatedStorage{Storage: storage.NewLocal(dir), entered: make(chan struct{}), release: make(chan struct{})}
	s.Config.Media.Storage = gate

	type result struct {
		m   *models.Media
		err error
	}
	done := make(chan result, 1)
	go func() {
		m, err := s.UploadMedia(ctx, author, models.UploadInput{Filename: "slow.png", Data: testImage(t, "png", 2, 2)})
		done <- result{m, err}
	}()
	select {
	case <-gate.entered:
	case r := <-done:
		t.Fatalf("upload finished without storing: %v", r.err)
	case <-time.After(10 * time.Second):
		t.Fatal("upload never reached the storage")
	}

	// Another writer is not held up by the upload in progress.
	wrote := make(chan error, 1)
	go func() {
		_, err := s.CreatePost(ctx, author, models.PostInput{Title: strp("Meanwhile"), Status: strp("publish")})
		wrote <- err
	}()
	select {
	case err := <-wrote:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(5 * time.Second):
		close(gate.release)
		t.Fatal("a post could not be written while an upload was being stored: the upload holds a database lock")
	}
	list, _, err := s.ListMedia(ctx, author, models.MediaQuery{})
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 0 {
		t.Errorf("an upload still being stored is listed: %d items", len(list))
	}
	if _, err := s.OpenMediaFile(ctx, "2026/11/slow.png", nil); !models.IsNotFound(err) {
		t.Errorf("an upload still being stored is served: %v", err)
	}

	close(gate.release)
	r := <-done
	if r.err != nil {
		t.Fatal(r.err)
	}
	if r.m.Post.Status != "inherit" {
		t.Errorf("status %q after the upload", r.m.Post.Status)
	}
	list, _, _ = s.ListMedia(ctx, author, models.MediaQuery{})
	if len(list) != 1 || !s.CanBeFeaturedMedia(ctx, r.m.Post.ID) {
		t.Errorf("the finished upload is not listed (%d) or not usable as a featured image", len(list))
	}
	f, err := s.OpenMediaFile(ctx, r.m.File.File, nil)
	if err != nil {
		t.Fatal(err)
	}
	f.Body.Close()
}

// A file that cannot be stored leaves nothing behind, and its name is free.
func TestUploadThatCannotBeStoredLeavesNoRows(t *testing.T) {
	ctx := context.Background()
	s, dir := mediaStore(t)
	author := newUser(t, s, "writer", "author")
	s.Config.Media.Storage = &gatedStorage{Storage: storage.NewLocal(dir), fail: errors.New("bucket unreachable")}
	if _, err := s.UploadMedia(ctx, author, models.UploadInput{Filename: "lost.png", Data: testImage(t, "png", 1, 1)}); err == nil {
		t.Fatal("upload succeeded with a failing storage")
	}
	s.Config.Media.Storage = storage.NewLocal(dir)
	m, err := s.UploadMedia(ctx, author, models.UploadInput{Filename: "lost.png", Data: testImage(t, "png", 1, 1)})
	if err != nil {
		t.Fatal(err)
	}
	if m.File.File != "2026/11/lost.png" {
		t.Errorf("the failed upload kept its name: stored as %s", m.File.File)
	}
}

// Uploads a stopped process left hidden are removed after an hour, with
// whatever it stored; recent ones may still be running and stay.
func TestDeleteAbandonedUploads(t *testing.T) {
	ctx := context.Background()
	s, dir := mediaStore(t)
	author := newUser(t, s, "writer", "author")
	gate := &gatedStorage{Storage: storage.NewLocal(dir), entered: make(chan struct{}), release: make(chan struct{})}
	s.Config.Media.Storage = gate
	done := make(chan error, 1)
	go func() {
		_, err := s.UploadMedia(ctx, author, models.UploadInput{Filename: "stuck.png", Data: testImage(t, "png", 1, 1)})
		done <- err
	}()
	<-gate.entered
	if n, err := s.DeleteAbandonedUploads(ctx, time.Date(2026, 11, 28, 11, 0, 0, 0, time.UTC)); err != nil || n != 0 {
		t.Fatalf("a running upload was swept: %d, %v", n, err)
	}
	// The process "stops" here: the test writes the file itself and sweeps
	// as if an hour had passed.
	if err := os.MkdirAll(filepath.Join(dir, "2026", "11"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "2026", "11", "stuck.png"), []byte("partial"), 0o644); err != nil {
		t.Fatal(err)
	}
	if n, err := s.DeleteAbandonedUploads(ctx, time.Date(2026, 11, 28, 13, 0, 0, 0, time.UTC)); err != nil || n != 1 {
		t.Fatalf("swept %d, %v; want 1", n, err)
	}
	if _, err := os.Stat(filepath.Join(dir, "2026", "11", "stuck.png")); !os.IsNotExist(err) {
		t.Errorf("the abandoned file is still there: %v", err)
	}
	gate.fail = errors.New("stopped")
	close(gate.release)
	<-done
}
