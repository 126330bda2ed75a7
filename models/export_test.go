package models

import "time"

// PhpassHashForTest exposes phpassCrypt to the external tests, which build
// WordPress 5.6–6.7 style hashes with it.
func PhpassHashForTest(password, setting string) (string, bool) {
	return phpassCrypt(password, setting)
}

// EpochReadsForTest is how many epoch queries the store has run.
func EpochReadsForTest(s *Store) int64 { return s.epochs.rounds.Load() }

// ForgetLoginsForTest empties the login cache, so that the next login
// verifies its password again.
func ForgetLoginsForTest(s *Store) {
	s.auth.mu.Lock()
	clear(s.auth.entries)
	s.auth.mu.Unlock()
}

// EpochLeaseValidForTest reports whether the store now trusts its epochs
// without reading them (MySQL's epoch lease).
func EpochLeaseValidForTest(s *Store) bool {
	if s.lease == nil {
		return false
	}
	_, ok := s.lease.stamp()
	return ok
}

// EpochLockConnForTest is the id of the connection holding the epoch lock
// for the store, or 0.
func EpochLockConnForTest(s *Store) int64 { return s.lease.holderID.Load() }

// PauseEpochLeaseForTest freezes the store's lease manager, as a stopped
// process would be, until resume is called.
func PauseEpochLeaseForTest(s *Store) (resume func()) {
	ch := make(chan struct{})
	s.lease.pause <- ch
	return func() { close(ch) }
}

// SetEpochLeaseTimingForTest shortens how long a holder may take to let the
// lock go and how long an unused lease is kept, for stores opened afterwards.
func SetEpochLeaseTimingForTest(yieldTimeout, idle time.Duration) (restore func()) {
	oldYield, oldIdle := leaseYieldTimeout, leaseIdle
	leaseYieldTimeout, leaseIdle = yieldTimeout, idle
	return func() { leaseYieldTimeout, leaseIdle = oldYield, oldIdle }
}

// WithoutNamedLocksForTest makes the store behave as on a MySQL-compatible
// server that has no named locks.
func WithoutNamedLocksForTest(s *Store) { s.lease.unsupported.Store(true) }
