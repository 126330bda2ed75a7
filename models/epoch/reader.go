package epoch

import (
	"context"
	"database/sql"
	"sync"
	"sync/atomic"
)

// Every authenticated or cached request reads the two epochs, so that a
// revoke or a content change on any process is seen by the very next
// request. Under load most of a request's cost was that one query, run once
// per request. The reader lets concurrent requests share a read without
// weakening that promise:
//
//   - a request never takes the result of a read that started before it
//     arrived (that read could have missed a commit the request must see);
//   - while one read runs, every request that arrives waits for the next
//     read, which starts as soon as the running one ends and serves them all.
//
// So the answer each request gets reflects every commit made before it
// arrived, as a read of its own would, and at most one read per source is
// in flight: under c16 one query serves many requests; alone, a request
// reads at once.

// A changeWatch tells, without a query, that nothing has changed the epochs
// since a stamp was taken: SQLite's WAL header (wal_watch.go) or MySQL's
// epoch lease (lease.go).
type changeWatch interface {
	// stamp is ok while it can be trusted; equal stamps mean no change.
	stamp() (changeStamp, bool)
	// lockingReads says reads made under an ok stamp must be locking reads.
	lockingReads() bool
	close()
}

type round struct {
	done   chan struct{}
	epochs Epochs
	err    error
}

type reader struct {
	db *sql.DB
	// watch tells whether anything was committed since the last read; nil
	// when nothing can tell.
	watch changeWatch
	last  atomic.Pointer[snapshot]

	// queries are the statements a read runs; the lease may change them
	// (mysql_mode.go).
	queries atomic.Pointer[readQueries]
	// stmt and lockingStmt are prepared at the first read that needs them,
	// from preparedFrom; reads never overlap (see running), so they need no
	// lock of their own.
	stmt, lockingStmt *sql.Stmt
	preparedFrom      *readQueries

	mu      sync.Mutex
	running bool   // a round's read is in flight
	pending *round // the round that starts when the running one ends

	rounds atomic.Int64 // reads made, for the benchmark's reads-per-request figure
}

// snapshot is a read of the epochs and the stamp seen just before it.
type snapshot struct {
	stamp  changeStamp
	epochs Epochs
}

// readQueries are a reader's statements: the plain read, and the locking
// read that a watch may ask for.
type readQueries struct {
	plain, locking string
}

func newReader(db *sql.DB, watch changeWatch, q readQueries) *reader {
	r := &reader{db: db, watch: watch}
	r.queries.Store(&q)
	return r
}

// setQueries makes the next reads run q.
func (r *reader) setQueries(q readQueries) { r.queries.Store(&q) }

// close releases the prepared statements once no read is running, and the
// watch.
func (r *reader) close() {
	r.mu.Lock()
	defer r.mu.Unlock()
	if !r.running {
		r.closeStatements()
	}
	if r.watch != nil {
		// Readers may still call stamp: a closed file fails their read,
		// and they fall back to the (closed) database's error.
		r.watch.close()
	}
}

// closeStatements closes the prepared statements; the caller runs no read.
func (r *reader) closeStatements() {
	for _, st := range []**sql.Stmt{&r.stmt, &r.lockingStmt} {
		if *st != nil {
			_ = (*st).Close()
			*st = nil
		}
	}
}

// read returns the epochs as of a moment after the call began.
func (r *reader) read(ctx context.Context) (Epochs, error) {
	if r.watch != nil {
		// Nothing committed since the last read: it is still current.
		if st, ok := r.watch.stamp(); ok {
			if last := r.last.Load(); last != nil && last.stamp == st {
				return last.epochs, nil
			}
		}
	}
	r.mu.Lock()
	if !r.running {
		r.running = true
		r.mu.Unlock()
		rd := &round{done: make(chan struct{})}
		r.run(ctx, rd)
		return rd.epochs, rd.err
	}
	if r.pending == nil {
		r.pending = &round{done: make(chan struct{})}
	}
	rd := r.pending
	r.mu.Unlock()
	select {
	case <-rd.done:
		return rd.epochs, rd.err
	case <-ctx.Done():
		return Epochs{}, ctx.Err()
	}
}

// run performs one round's read, then hands over to the pending round, if
// any, on a goroutine of its own so that this caller answers at once.
func (r *reader) run(ctx context.Context, rd *round) {
	r.rounds.Add(1)
	var st changeStamp
	stOK := false
	if r.watch != nil {
		st, stOK = r.watch.stamp() // before the query: see read
	}
	rd.epochs, rd.err = r.query(ctx, stOK && r.watch.lockingReads())
	if rd.err == nil && stOK {
		r.last.Store(&snapshot{stamp: st, epochs: rd.epochs})
	}
	r.mu.Lock()
	next := r.pending
	r.pending = nil
	r.running = next != nil
	r.mu.Unlock()
	close(rd.done)
	if next != nil {
		// The waiters' own contexts still bound their wait; the shared read
		// must not fail because the request that started it went away.
		go r.run(context.WithoutCancel(ctx), next)
	}
}

func (r *reader) query(ctx context.Context, locking bool) (Epochs, error) {
	queries := r.queries.Load()
	if queries != r.preparedFrom {
		r.closeStatements()
		r.preparedFrom = queries
	}
	stmt, q := &r.stmt, queries.plain
	if locking {
		stmt, q = &r.lockingStmt, queries.locking
	}
	if *stmt == nil {
		// A prepared statement spares the database a parse per read; while
		// it is down it cannot be prepared, and the next read retries.
		prepared, err := r.db.PrepareContext(ctx, q)
		if err != nil {
			return Epochs{}, err
		}
		*stmt = prepared
	}
	rows, err := (*stmt).QueryContext(ctx)
	if err != nil {
		return Epochs{}, err
	}
	return scan(rows)
}
