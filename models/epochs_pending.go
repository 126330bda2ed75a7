package models

import (
	"context"
	"sync"
	"sync/atomic"

	"github.com/presspass/presspass/models/epoch"
	"gorm.io/gorm"
)

// A write transaction used to bump the epochs after each of its statements:
// creating a post (insert, its default category, its slug and GUID) ran
// three bumps where one does, and on SQLite every statement inside the
// transaction is time the one writer is held. So a transaction run by
// Store.transaction collects the epochs its statements move and bumps each
// once, as its last statement before the commit: the bump still commits or
// rolls back with the writes. Statements outside such a transaction (single
// writes, InTx's savepoints) bump at once, as before.

// pendingBumps are the epochs the statements of one transaction have moved
// so far.
type pendingBumps struct {
	// conn is the transaction's connection: a statement on any other (a
	// write made outside the transaction with its context) bumps at once.
	conn  gorm.ConnPool
	which epoch.Which
	// options is set when a statement wrote the options table, which the
	// process's option cache mirrors (see contentSeen).
	options bool
}

type pendingBumpsKey struct{}

// pendingBumpsOf returns the pending bumps of the transaction db's
// statement runs in, or nil when it must bump at once.
func pendingBumpsOf(db *gorm.DB) *pendingBumps {
	p, _ := db.Statement.Context.Value(pendingBumpsKey{}).(*pendingBumps)
	if p == nil || p.conn != db.Statement.ConnPool {
		return nil
	}
	return p
}

func (p *pendingBumps) add(which epoch.Which, table string) {
	p.which |= which
	if table == "options" {
		p.options = true
	}
}

// runWriteTransaction is one try of Store.transaction: fn in a transaction
// whose epoch bumps wait for its end.
func (s *Store) runWriteTransaction(ctx context.Context, fn func(tx *gorm.DB) error) error {
	harmless := false
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		pending := &pendingBumps{conn: tx.Statement.ConnPool}
		if err := fn(tx.WithContext(context.WithValue(tx.Statement.Context, pendingBumpsKey{}, pending))); err != nil {
			return err
		}
		if pending.which == 0 {
			return nil
		}
		// Counted before the bump runs, so that no read can see the bump
		// before it is counted as started.
		harmless = pending.which&epoch.Content != 0 && !pending.options && s.seenContent != nil
		if harmless {
			s.seenContent.started.Add(1)
		}
		return s.epochs.Bump(ctx, tx.Statement.ConnPool, pending.which)
	})
	if err == nil && harmless {
		s.seenContent.committed.Add(1)
	}
	return err
}

// contentSeen is what the process knows of the content epoch, for its
// option cache. Options change rarely but the content epoch moves with
// every post written: dropping the cache whenever it moved made every
// write reload the options on the next request. The cache is dropped only
// when a move may have come from a write this process cannot vouch for:
// another process's, or one of its own that touched the options table (or
// bumped outside runWriteTransaction). The process's own other content
// bumps are counted twice: started before the bump statement runs,
// committed after the commit returned.
//
// Between a read that saw version v1 (with started s1 read just after it)
// and a later read that sees v2 (with committed c2 read just before it),
// at least c2−s1 of the moves are the process's own harmless ones: each
// was committed before the second read began, so v2 counts it, and none of
// them had started when the first read ended, so v1 does not. When
// v2−v1 ≤ c2−s1 every move is one of them and the cache stays.
type contentSeen struct {
	started, committed atomic.Int64

	mu          sync.Mutex
	version     int64 // the content epoch last read; 0 before the first read
	startedThen int64 // started, read just after the first read of version
}

// observe takes in a read of the content epoch, committedBefore and
// startedAfter read around it, and reports whether the option cache may
// hold a stale value.
func (c *contentSeen) observe(v, committedBefore, startedAfter int64) (stale bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if v == c.version {
		return false
	}
	// A version lower than the last one seen (a read that overtook this
	// one, or a database put back) counts as a move nobody vouches for.
	stale = c.version != 0 && (v < c.version || v-c.version > committedBefore-c.startedThen)
	c.version, c.startedThen = v, startedAfter
	return stale
}

// bumpAfterRawWrite moves the epochs for a write made through db with raw
// SQL (Exec), which the GORM callbacks of registerEpochCallbacks do not see.
func (s *Store) bumpAfterRawWrite(db *gorm.DB, which epoch.Which) error {
	if err := bumpNowOrAtEnd(db, s.epochs, which, db.Statement.Table); err != nil {
		return Internal(err)
	}
	return nil
}

// bumpNowOrAtEnd moves the epochs which for a write to table made by db's
// statement: at the end of its transaction when runWriteTransaction
// collects them (pendingBumpsOf), else at once on the statement's
// connection.
func bumpNowOrAtEnd(db *gorm.DB, epochs epoch.Source, which epoch.Which, table string) error {
	if pending := pendingBumpsOf(db); pending != nil {
		pending.add(which, table)
		return nil
	}
	return epochs.Bump(db.Statement.Context, db.Statement.ConnPool, which)
}
