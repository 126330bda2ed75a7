package models

import (
	"database/sql"
	"sync/atomic"

	"github.com/presspass/presspass/models/epoch"
)

// The store keeps a few running totals that an operator watches (the
// composition root serves them as metrics): plain atomics, read on demand,
// so that models needs no metrics library and a request pays one atomic add.

type storeCounts struct {
	uploads, uploadBytes atomic.Uint64
}

// stored counts an upload whose file was stored and published.
func (c *storeCounts) stored(size int) {
	if c == nil {
		return
	}
	c.uploads.Add(1)
	c.uploadBytes.Add(uint64(size))
}

// StoreStats are the store's totals since it was opened.
type StoreStats struct {
	// Uploads and UploadBytes count the files stored and their sizes.
	Uploads, UploadBytes uint64
	// LoginCache is the cache of verified logins (login_cache.go).
	LoginCache epoch.CacheStats
	// Lease is the epoch lease's state (MySQL; zero on SQLite).
	Lease epoch.LeaseStats
}

// Stats returns the store's totals.
func (s *Store) Stats() StoreStats {
	var st StoreStats
	if s.counts != nil {
		st.Uploads, st.UploadBytes = s.counts.uploads.Load(), s.counts.uploadBytes.Load()
	}
	if s.logins != nil {
		st.LoginCache = s.logins.logins.Stats()
	}
	if s.epochs != nil {
		st.Lease = s.epochs.Lease()
	}
	return st
}

// ReadPool is SQLite's pool of read-only connections (sqlite_writer.go),
// whose statistics the operator watches beside the writer's; nil on MySQL,
// where one pool serves both.
func (s *Store) ReadPool() *sql.DB { return s.readers }
