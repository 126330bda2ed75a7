package models

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// openFailure says why a database could not be opened.
func openFailure(du DatabaseURL, err error) error {
	if du.Dialect == DialectSQLite {
		if problem := sqliteFolderProblem(du.Path); problem != "" {
			return fmt.Errorf("cannot open database %s: %s", du.Display, problem)
		}
	}
	return fmt.Errorf("cannot reach database %s: %w", du.Display, err)
}

// sqliteFolderProblem explains why SQLite could not open a database file
// when the cause is its folder (SQLite itself reports "out of memory"): the
// folder is missing, is not a folder, or cannot be written to (SQLite
// writes its journal beside the file). "" when the folder looks fine.
func sqliteFolderProblem(path string) string {
	path, _, _ = strings.Cut(strings.TrimPrefix(path, "file:"), "?")
	if path == "" || strings.HasPrefix(path, ":memory:") {
		return ""
	}
	dir := filepath.Dir(path)
	fi, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "the folder " + dir + " does not exist"
	case err != nil:
		return "the folder " + dir + " cannot be read: " + err.Error()
	case !fi.IsDir():
		return dir + " is not a folder"
	}
	probe, err := os.CreateTemp(dir, ".presspass-write-check-*")
	if err != nil {
		return "the folder " + dir + " is not writable: " + errors.Unwrap(err).Error()
	}
	probe.Close()
	os.Remove(probe.Name())
	return ""
}
