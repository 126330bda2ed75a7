package models

import (
	"context"
	"time"

	"gorm.io/gorm"
)

// PhpassHashForTest exposes phpassCrypt to the external tests, which build
// WordPress 5.6–6.7 style hashes with it.
func PhpassHashForTest(password, setting string) (string, bool) {
	return phpassCrypt(password, setting)
}

// EpochReadsForTest is how many epoch queries the store has run.
func EpochReadsForTest(s *Store) int64 { return s.epochs.Reads() }

// ForgetLoginsForTest empties the login cache, so that the next login
// verifies its password again.
func ForgetLoginsForTest(s *Store) { s.logins.logins.Clear() }

// TransactionForTest runs fn as the store's write transactions run, retried
// when the database undoes it (write_retry.go).
func TransactionForTest(s *Store, ctx context.Context, fn func(tx *gorm.DB) error) error {
	return s.transaction(ctx, fn)
}

// HoldSetupLockForTest takes the setup lock (setup_lock.go) and returns
// release, and crash, which stops renewing it without freeing it, as a
// process that died holding it.
func HoldSetupLockForTest(s *Store, ctx context.Context) (release, crash func(), err error) {
	c, err := s.claimSetupLock(ctx)
	if err != nil {
		return nil, nil, err
	}
	return c.release, func() { close(c.stop); <-c.done }, nil
}

// ShortSetupClaimsForTest makes setup claims expire after d, for stores
// that claim afterwards.
func ShortSetupClaimsForTest(d time.Duration) (restore func()) {
	old := setupClaimFor
	setupClaimFor = d
	return func() { setupClaimFor = old }
}

// WriterStatementsForTest is how many statements a SQLite store's writer
// keeps prepared for transactions (sqlite_writer_txstmts.go); -1 on MySQL.
func WriterStatementsForTest(s *Store) int {
	p, ok := s.db.ConnPool.(*writerPool)
	if !ok {
		return -1
	}
	p.txStmts.mu.RLock()
	defer p.txStmts.mu.RUnlock()
	return len(p.txStmts.stmts)
}
