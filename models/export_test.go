package models

import (
	"context"

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
