package storage

import (
	"bytes"
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

func TestLocalRoundTrip(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "uploads")
	l := NewLocal(dir)
	t.Cleanup(func() { l.Close() })
	ctx := context.Background()
	data := []byte{0x89, 'P', 'N', 'G', 0, 1, 2, 3}
	if err := l.Put(ctx, "2026/11/red-pixel.png", data, "image/png"); err != nil {
		t.Fatal(err)
	}
	onDisk, err := os.ReadFile(filepath.Join(dir, "2026", "11", "red-pixel.png"))
	if err != nil || !bytes.Equal(onDisk, data) {
		t.Fatalf("file on disk: %v %q", err, onDisk)
	}
	f, err := l.Get(ctx, "2026/11/red-pixel.png")
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(f.Body)
	f.Body.Close()
	if !bytes.Equal(got, data) || f.Size != int64(len(data)) {
		t.Errorf("Get = %q (%d)", got, f.Size)
	}
	entries, _ := os.ReadDir(filepath.Join(dir, "2026", "11"))
	if len(entries) != 1 {
		t.Errorf("temporary files left behind: %v", entries)
	}
	if err := l.Delete(ctx, "2026/11/red-pixel.png"); err != nil {
		t.Fatal(err)
	}
	if _, err := l.Get(ctx, "2026/11/red-pixel.png"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Get after Delete: %v", err)
	}
	if err := l.Delete(ctx, "2026/11/red-pixel.png"); err != nil {
		t.Errorf("second Delete: %v", err)
	}
	if l.URL("2026/11/x.png") != "" {
		t.Error("local files have no URL of their own")
	}
}

func TestLocalRefusesEscapes(t *testing.T) {
	base := t.TempDir()
	dir := filepath.Join(base, "uploads")
	l := NewLocal(dir)
	t.Cleanup(func() { l.Close() })
	os.MkdirAll(dir, 0o755)
	secret := filepath.Join(base, "secret.txt")
	os.WriteFile(secret, []byte("secret"), 0o600)
	// A symbolic link inside the tree must not lead out of it either.
	os.Symlink(base, filepath.Join(dir, "link"))
	ctx := context.Background()
	for _, key := range []string{"../secret.txt", "/etc/passwd", "2026/../../secret.txt", "link/secret.txt", "", "a\\b", "a//b"} {
		t.Run(key, func(t *testing.T) {
			if f, err := l.Get(ctx, key); err == nil {
				f.Body.Close()
				t.Errorf("Get(%q) succeeded", key)
			}
			if err := l.Put(ctx, key, []byte("x"), ""); err == nil {
				t.Errorf("Put(%q) succeeded", key)
			}
			if err := l.Delete(ctx, key); err == nil && key != "link/secret.txt" {
				t.Errorf("Delete(%q) succeeded", key)
			}
		})
	}
	if b, _ := os.ReadFile(secret); string(b) != "secret" {
		t.Errorf("the file outside was changed: %q", b)
	}
}
