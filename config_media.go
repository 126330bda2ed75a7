package main

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/presspass/presspass/models"
	"github.com/presspass/presspass/storage"
)

// Upload settings: where files go (a local directory, or an S3-compatible
// bucket when --uploads-s3-url is set) and how large they may be.

// mediaConfig is the upload part of the configuration.
type mediaConfig struct {
	// Storage is where uploads go.
	Storage models.Storage
	// Describe names the storage for the start-up log line.
	Describe      string
	MaxUploadSize int64
	// ProtectPrivate is --protect-private-uploads.
	ProtectPrivate bool
}

// loadMediaConfig reads the upload flags. The default directory is
// "uploads" beside the SQLite file, or in the working directory for MySQL.
func loadMediaConfig(a *args, databaseURL string) (mediaConfig, error) {
	var mc mediaConfig
	size := a.setting("upload-max-size")
	n, err := parseByteSize(size)
	if err != nil || n <= 0 {
		return mc, fmt.Errorf("--upload-max-size %q: want a size such as 64M, 512K or 1G", size)
	}
	mc.MaxUploadSize = n
	if mc.ProtectPrivate, err = onOff(a, "protect-private-uploads"); err != nil {
		return mc, err
	}
	if mc.ProtectPrivate && a.setting("uploads-public-url") != "" {
		// Files served straight from a CDN never reach PressPass's check.
		return mc, fmt.Errorf("--protect-private-uploads cannot protect files served from --uploads-public-url: drop one of the two")
	}
	if endpoint := a.setting("uploads-s3-url"); endpoint != "" {
		s3, err := storage.NewS3(storage.S3Config{
			Endpoint:      endpoint,
			Bucket:        a.setting("uploads-s3-bucket"),
			Region:        a.setting("uploads-s3-region"),
			AccessKey:     a.setting("uploads-s3-access-key"),
			SecretKey:     a.setting("uploads-s3-secret-key"),
			Prefix:        a.setting("uploads-s3-prefix"),
			PublicURL:     strings.TrimRight(a.setting("uploads-public-url"), "/"),
			MaxObjectSize: n,
		})
		if err != nil {
			return mc, fmt.Errorf("--uploads-s3-url: %w", err)
		}
		mc.Storage = s3
		mc.Describe = "s3:" + endpoint
		return mc, nil
	}
	dir := a.setting("uploads-dir")
	if dir == "" {
		dir = "uploads"
		if du, err := models.ParseDatabaseURL(databaseURL); err == nil && du.Dialect == models.DialectSQLite {
			path := strings.TrimPrefix(strings.TrimPrefix(databaseURL, "sqlite:"), "//")
			if i := strings.IndexByte(path, '?'); i >= 0 {
				path = path[:i]
			}
			if !strings.HasPrefix(path, ":memory:") && !strings.HasPrefix(path, "file::memory:") {
				dir = filepath.Join(filepath.Dir(path), "uploads")
			}
		}
	}
	mc.Storage = storage.NewLocal(dir)
	mc.Describe = dir
	return mc, nil
}

// parseByteSize reads a byte count with an optional K, M or G suffix
// (powers of 1024, an optional trailing B or iB).
func parseByteSize(s string) (int64, error) {
	s = strings.ToUpper(strings.TrimSpace(s))
	s = strings.TrimSuffix(strings.TrimSuffix(s, "IB"), "B")
	mult := int64(1)
	switch {
	case strings.HasSuffix(s, "K"):
		mult = 1 << 10
	case strings.HasSuffix(s, "M"):
		mult = 1 << 20
	case strings.HasSuffix(s, "G"):
		mult = 1 << 30
	}
	if mult > 1 {
		s = s[:len(s)-1]
	}
	n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	if err != nil || n < 0 || n > (1<<62)/mult {
		return 0, fmt.Errorf("bad size %q", s)
	}
	return n * mult, nil
}
