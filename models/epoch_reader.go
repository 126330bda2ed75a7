package models

import (
	"context"
	"database/sql"
	"sync"
	"sync/atomic"
)

// Every authenticated or cached request reads the two epochs (auth_cache.go),
// so that a revoke or a content change on any process is seen by the very
// next request. Under load most of a request's cost was that one query, run
// once per request. The epochReader lets concurrent requests share a read
// without weakening that promise:
//
//   - a request never takes the result of a read that started before it
//     arrived (that read could have missed a commit the request must see);
//   - while one read runs, every request that arrives waits for the next
//     read, which starts as soon as the running one ends and serves them all.
//
// So the answer each request gets reflects every commit made before it
// arrived, as a read of its own would, and at most one read per store is
// in flight: under c16 one query serves many requests; alone, a request
// reads at once, as before.

// epochQuery reads both epoch rows in one statement.
const epochQuery = "SELECT id, version FROM auth_epochs WHERE id IN (1, 2)"

// epochQueryLocking also waits for a transaction that has bumped an epoch
// and not yet committed, and then reads what it committed (epoch_lease.go).
const epochQueryLocking = epochQuery + " LOCK IN SHARE MODE"

// A changeWatch tells, without a query, that nothing has changed the epochs
// since a stamp was taken: SQLite's WAL header (wal_watch.go) or MySQL's
// epoch lease (epoch_lease.go).
type changeWatch interface {
	// stamp is ok while it can be trusted; equal stamps mean no change.
	stamp() (changeStamp, bool)
	// lockingReads says reads made under an ok stamp must be locking reads.
	lockingReads() bool
	close()
}

type epochRound struct {
	done          chan struct{}
	auth, content int64
	err           error
}

type epochReader struct {
	db *sql.DB
	// watch tells whether anything was committed since the last read; nil
	// when nothing can (an in-memory SQLite database).
	watch changeWatch
	last  atomic.Pointer[epochSnapshot]

	// stmt and lockingStmt are prepared at the first read that needs them;
	// reads never overlap (see running), so they need no lock of their own.
	stmt, lockingStmt *sql.Stmt

	mu      sync.Mutex
	running bool        // a round's read is in flight
	pending *epochRound // the round that starts when the running one ends

	rounds atomic.Int64 // reads made, for the benchmark's reads-per-request figure
}

// epochSnapshot is a read of the epochs and the WAL header seen just
// before it.
type epochSnapshot struct {
	stamp         changeStamp
	auth, content int64
}

func newEpochReader(db *sql.DB, watch changeWatch) *epochReader {
	return &epochReader{db: db, watch: watch}
}

// close releases the prepared statement once no read is running.
func (r *epochReader) close() {
	r.mu.Lock()
	defer r.mu.Unlock()
	if !r.running {
		for _, st := range []**sql.Stmt{&r.stmt, &r.lockingStmt} {
			if *st != nil {
				_ = (*st).Close()
				*st = nil
			}
		}
	}
	if r.watch != nil {
		// Readers may still call stamp: a closed file fails their read,
		// and they fall back to the (closed) database's error.
		r.watch.close()
	}
}

// read returns the epochs as of a moment after the call began.
func (r *epochReader) read(ctx context.Context) (auth, content int64, err error) {
	if r.watch != nil {
		// Nothing committed since the last read: it is still current.
		if st, ok := r.watch.stamp(); ok {
			if last := r.last.Load(); last != nil && last.stamp == st {
				return last.auth, last.content, nil
			}
		}
	}
	r.mu.Lock()
	if !r.running {
		r.running = true
		r.mu.Unlock()
		round := &epochRound{done: make(chan struct{})}
		r.run(ctx, round)
		return round.auth, round.content, round.err
	}
	if r.pending == nil {
		r.pending = &epochRound{done: make(chan struct{})}
	}
	round := r.pending
	r.mu.Unlock()
	select {
	case <-round.done:
		return round.auth, round.content, round.err
	case <-ctx.Done():
		return 0, 0, ctx.Err()
	}
}

// run performs one round's read, then hands over to the pending round, if
// any, on a goroutine of its own so that this caller answers at once.
func (r *epochReader) run(ctx context.Context, round *epochRound) {
	r.rounds.Add(1)
	var st changeStamp
	stOK := false
	if r.watch != nil {
		st, stOK = r.watch.stamp() // before the query: see read
	}
	round.auth, round.content, round.err = r.query(ctx, stOK && r.watch.lockingReads())
	if round.err == nil && stOK {
		r.last.Store(&epochSnapshot{stamp: st, auth: round.auth, content: round.content})
	}
	r.mu.Lock()
	next := r.pending
	r.pending = nil
	r.running = next != nil
	r.mu.Unlock()
	close(round.done)
	if next != nil {
		// The waiters' own contexts still bound their wait; the shared read
		// must not fail because the request that started it went away.
		go r.run(context.WithoutCancel(ctx), next)
	}
}

func (r *epochReader) query(ctx context.Context, locking bool) (auth, content int64, err error) {
	stmt, q := &r.stmt, epochQuery
	if locking {
		stmt, q = &r.lockingStmt, epochQueryLocking
	}
	if *stmt == nil {
		// A prepared statement spares the database a parse per read; while
		// it is down it cannot be prepared, and the next read retries.
		prepared, err := r.db.PrepareContext(ctx, q)
		if err != nil {
			return 0, 0, err
		}
		*stmt = prepared
	}
	rows, err := (*stmt).QueryContext(ctx)
	if err != nil {
		return 0, 0, err
	}
	return scanEpochs(rows)
}

// scanEpochs reads the rows of epochQuery.
func scanEpochs(rows *sql.Rows) (auth, content int64, err error) {
	defer rows.Close()
	for rows.Next() {
		var id, v int64
		if err := rows.Scan(&id, &v); err != nil {
			return 0, 0, err
		}
		if id == authEpochID {
			auth = v
		} else {
			content = v
		}
	}
	return auth, content, rows.Err()
}
