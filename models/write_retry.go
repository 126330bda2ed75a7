package models

import (
	"context"
	"errors"
	"math/rand/v2"
	"time"

	mysqldriver "github.com/go-sql-driver/mysql"
	"gorm.io/gorm"
)

// A write transaction can fail through no fault of its own: InnoDB picks it
// as a deadlock victim, and on a Galera cluster a transaction that wrote a
// row another node changed meanwhile fails certification, which the server
// reports as the same deadlock error. Either way nothing of it was written,
// and running it again from the start succeeds once the other writer is
// through. So a write transaction is tried up to writeAttempts times, with a
// random pause that grows between tries (so that two writers that collided
// do not collide again in step), and only then refused as unavailable, which
// the adapters answer with 503 and Retry-After.

// writeAttempts bounds the tries of one write transaction.
const writeAttempts = 5

// MySQL error numbers that PressPass treats apart.
const (
	mysqlDeadlock = 1213 // ER_LOCK_DEADLOCK; Galera's certification failures too
	mysqlNotReady = 1047 // ER_UNKNOWN_COM_ERROR: a Galera node that is not synced ("WSREP has not yet prepared node")
)

// mysqlErrorNumber is the server's error number behind err, or 0.
func mysqlErrorNumber(err error) uint16 {
	var me *mysqldriver.MySQLError
	if errors.As(err, &me) {
		return me.Number
	}
	return 0
}

// isRetryableWrite reports whether err undid the whole transaction and a
// new try may succeed.
func isRetryableWrite(err error) bool { return mysqlErrorNumber(err) == mysqlDeadlock }

// retryPause is the random pause before try attempt+2: up to 10 ms, then up
// to 20, 40, 80.
func retryPause(attempt int) time.Duration {
	ceiling := 10 * time.Millisecond << attempt
	return ceiling/4 + rand.N(ceiling*3/4)
}

// transaction runs fn in one database transaction, again from the start
// when the database undid it (see above). fn must therefore leave nothing
// behind in memory that a second run would trip over: rows it creates start
// with a zero id on every run. Inside a transaction already (InTx), fn runs
// once as a savepoint: only the outermost transaction can be retried.
func (s *Store) transaction(ctx context.Context, fn func(tx *gorm.DB) error) error {
	if committer, ok := s.db.Statement.ConnPool.(gorm.TxCommitter); ok && committer != nil {
		return s.db.WithContext(ctx).Transaction(fn)
	}
	for attempt := 0; ; attempt++ {
		err := s.runWriteTransaction(ctx, fn)
		if err == nil || !isRetryableWrite(err) {
			return err
		}
		if attempt == writeAttempts-1 {
			return writeConflict(err)
		}
		t := time.NewTimer(retryPause(attempt))
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			return Internal(ctx.Err())
		}
	}
}

// writeConflict is a write that kept colliding with others: the site is
// busy, the client should try again shortly.
func writeConflict(err error) *Error {
	return &Error{Kind: KindUnavailable, Reason: ReasonWriteConflict, Details: Details{RetryAfter: 1}, Err: err}
}
