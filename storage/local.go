// Package storage holds the implementations of models.Storage: files on the
// local disk (the default) and an S3-compatible object store for several
// PressPass processes sharing one site. models sees only the interface, so
// HTTP stays out of it.
package storage

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"strings"
	"sync"

	"github.com/presspass/presspass/models"
)

// Local keeps uploads in a directory tree (YYYY/MM/name under the
// directory), as WordPress's wp-content/uploads. Every file operation goes
// through an os.Root, so no key can reach outside the directory, symbolic
// links included. The directory is created on the first upload, so commands
// that never upload leave no trace.
type Local struct {
	dir  string
	mu   sync.Mutex
	root *os.Root
}

var _ models.Storage = (*Local)(nil)

// NewLocal returns the store for the uploads directory dir.
func NewLocal(dir string) *Local { return &Local{dir: dir} }

// Dir returns the directory the files live in.
func (l *Local) Dir() string { return l.dir }

// open returns the directory handle, creating the directory when create is
// set; without it a missing directory is fs.ErrNotExist.
func (l *Local) open(create bool) (*os.Root, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.root != nil {
		return l.root, nil
	}
	if create {
		if err := os.MkdirAll(l.dir, 0o755); err != nil {
			return nil, fmt.Errorf("uploads directory: %w", err)
		}
	}
	r, err := os.OpenRoot(l.dir)
	if err != nil {
		return nil, fmt.Errorf("uploads directory: %w", err)
	}
	l.root = r
	return r, nil
}

// Close releases the directory handle.
func (l *Local) Close() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.root == nil {
		return nil
	}
	err := l.root.Close()
	l.root = nil
	return err
}

// checkKey refuses keys that are not plain relative paths.
func checkKey(key string) error {
	if key == "" || strings.HasPrefix(key, "/") || strings.Contains(key, "\\") || path.Clean(key) != key ||
		key == "." || strings.HasPrefix(key, "../") || key == ".." {
		return fmt.Errorf("storage: invalid key %q", key)
	}
	return nil
}

// Put writes data to a temporary file beside the target and renames it into
// place, so a reader never sees half a file.
func (l *Local) Put(_ context.Context, key string, data []byte, _ string) error {
	if err := checkKey(key); err != nil {
		return err
	}
	root, err := l.open(true)
	if err != nil {
		return err
	}
	if dir := path.Dir(key); dir != "." {
		if err := root.MkdirAll(dir, 0o755); err != nil {
			return fmt.Errorf("storage: %w", err)
		}
	}
	tmp := path.Join(path.Dir(key), ".upload-"+randomSuffix())
	f, err := root.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return fmt.Errorf("storage: %w", err)
	}
	_, werr := f.Write(data)
	if err := errors.Join(werr, f.Sync(), f.Close()); err != nil {
		_ = root.Remove(tmp)
		return fmt.Errorf("storage: write %s: %w", key, err)
	}
	if err := root.Rename(tmp, key); err != nil {
		_ = root.Remove(tmp)
		return fmt.Errorf("storage: %w", err)
	}
	return nil
}

// Get opens the file; a missing one is fs.ErrNotExist.
func (l *Local) Get(_ context.Context, key string) (*models.StoredFile, error) {
	if err := checkKey(key); err != nil {
		return nil, fmt.Errorf("%w: %v", fs.ErrNotExist, err)
	}
	root, err := l.open(false)
	if err != nil {
		return nil, err
	}
	f, err := root.Open(key)
	if err != nil {
		return nil, err
	}
	st, err := f.Stat()
	if err != nil || !st.Mode().IsRegular() {
		f.Close()
		if err == nil {
			err = fmt.Errorf("storage: %s: %w", key, fs.ErrNotExist)
		}
		return nil, err
	}
	return &models.StoredFile{Body: f, Size: st.Size(), ModTime: st.ModTime()}, nil
}

// Delete removes the file; a missing one is no error.
func (l *Local) Delete(_ context.Context, key string) error {
	if err := checkKey(key); err != nil {
		return err
	}
	root, err := l.open(false)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if err := root.Remove(key); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("storage: %w", err)
	}
	return nil
}

// URL is "": PressPass serves local files itself under /wp-content/uploads/.
func (l *Local) URL(string) string { return "" }
