package models

import (
	"context"
	"database/sql"
	"errors"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/glebarez/sqlite"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// SQLite lets one connection write at a time. With a pool of writers each
// waiting inside SQLite's busy handler (which sleeps and polls), eight
// concurrent writers got 23 writes a second and thirty-two got one, and a
// read queued behind them for seconds because the writers held every
// connection of the pool. So a SQLite store has two pools:
//
//   - one writer connection, which every write and every transaction goes
//     through. Writers wait for it here, in Go, in arrival order, for at
//     most the request's deadline (capped by StoreConfig.WriteWait); one
//     whose wait ends is refused as busy before it has written anything;
//   - a pool of read-only connections for every read made outside a
//     transaction. In WAL mode a reader never waits for the writer and sees
//     every commit made before its statement began, so a GET right after a
//     POST sees the POST.
//
// Reads inside a transaction go through the transaction, and so see its
// own writes. Another process writing the same file still meets SQLite's
// own lock, which its busy timeout waits for (sqliteDSN).

// defaultWriteWait bounds a writer's wait for its turn when neither the
// request's context nor StoreConfig.WriteWait sets a shorter one.
const defaultWriteWait = 10 * time.Second

// writeQueue hands the writer connection to one writer at a time, in the
// order they asked for it.
type writeQueue struct {
	mu      sync.Mutex
	held    bool
	waiters []chan struct{} // closed when the turn is handed over
}

// acquire waits for the writer's turn until ctx ends or maxWait passes.
func (q *writeQueue) acquire(ctx context.Context, maxWait time.Duration) error {
	q.mu.Lock()
	if !q.held {
		q.held = true
		q.mu.Unlock()
		return nil
	}
	turn := make(chan struct{})
	q.waiters = append(q.waiters, turn)
	q.mu.Unlock()

	timer := time.NewTimer(maxWait)
	defer timer.Stop()
	var cause error
	select {
	case <-turn:
		return nil
	case <-ctx.Done():
		cause = ctx.Err()
	case <-timer.C:
		cause = errWriteWait
	}
	q.mu.Lock()
	select {
	case <-turn:
		// Handed the turn just as the wait ended: pass it on.
		q.mu.Unlock()
		q.release()
	default:
		for i, w := range q.waiters {
			if w == turn {
				q.waiters = append(q.waiters[:i], q.waiters[i+1:]...)
				break
			}
		}
		q.mu.Unlock()
	}
	return writerBusy(cause)
}

// release hands the turn to the longest waiting writer, if any.
func (q *writeQueue) release() {
	q.mu.Lock()
	if len(q.waiters) == 0 {
		q.held = false
		q.mu.Unlock()
		return
	}
	next := q.waiters[0]
	q.waiters[0] = nil
	q.waiters = q.waiters[1:]
	close(next)
	q.mu.Unlock()
	// The next writer is runnable now, but would wait for this goroutine to
	// block (rendering its answer takes longer than most transactions)
	// while every other writer waits behind it: let it run first.
	runtime.Gosched()
}

// errWriteWait is the cause of a refusal after StoreConfig.WriteWait.
var errWriteWait = errors.New("waited too long for the database's writer")

// writerBusy is a writer that did not get its turn in time: nothing of it
// was written, and the client should try again shortly (the adapters answer
// 503 with Retry-After, as for a write that kept colliding on MySQL).
func writerBusy(cause error) *Error {
	return &Error{Kind: KindUnavailable, Reason: ReasonWriteConflict, Details: Details{RetryAfter: 1}, Err: cause}
}

// writerPool is the GORM connection pool of a SQLite store: the writer
// connection behind the queue. Statements outside a transaction take the
// turn for themselves; a transaction keeps it until it commits or rolls
// back.
type writerPool struct {
	inner gorm.ConnPool // GORM's prepared-statement cache over the writer *sql.DB
	db    *sql.DB       // the writer itself
	queue writeQueue
	// maxWait is StoreConfig.WriteWait, read at each wait (0: the default).
	maxWait func() time.Duration
	// txStmts are the statements transactions run, prepared on the writer
	// (sqlite_writer_txstmts.go).
	txStmts txStatements
}

func (p *writerPool) wait() time.Duration {
	if p.maxWait != nil {
		if d := p.maxWait(); d > 0 {
			return d
		}
	}
	return defaultWriteWait
}

func (p *writerPool) PrepareContext(ctx context.Context, query string) (*sql.Stmt, error) {
	return p.inner.PrepareContext(ctx, query)
}

func (p *writerPool) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if err := p.queue.acquire(ctx, p.wait()); err != nil {
		return nil, err
	}
	defer p.queue.release()
	return p.inner.ExecContext(ctx, query, args...)
}

// QueryContext serves the statements that write and return rows (INSERT …
// RETURNING) outside a transaction. The rows keep the connection until they
// are closed, which GORM does as soon as it has read them; the next writer
// waits for that inside database/sql, briefly.
func (p *writerPool) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if err := p.queue.acquire(ctx, p.wait()); err != nil {
		return nil, err
	}
	defer p.queue.release()
	return p.inner.QueryContext(ctx, query, args...)
}

func (p *writerPool) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	if err := p.queue.acquire(ctx, p.wait()); err != nil {
		// A *sql.Row can only carry an error database/sql put there: a
		// cancelled context makes it carry one.
		cancelled, cancel := context.WithCancel(ctx)
		cancel()
		return p.db.QueryRowContext(cancelled, query, args...)
	}
	defer p.queue.release()
	return p.inner.QueryRowContext(ctx, query, args...)
}

// BeginTx takes the writer's turn for the whole transaction.
func (p *writerPool) BeginTx(ctx context.Context, opts *sql.TxOptions) (gorm.ConnPool, error) {
	if err := p.queue.acquire(ctx, p.wait()); err != nil {
		return nil, err
	}
	beginner, ok := p.inner.(gorm.ConnPoolBeginner)
	if !ok {
		p.queue.release()
		return nil, gorm.ErrInvalidTransaction
	}
	tx, err := beginner.BeginTx(ctx, opts)
	if err != nil {
		p.queue.release()
		return nil, err
	}
	wt := &writerTx{ConnPool: tx, pool: p}
	if ptx, ok := tx.(*gorm.PreparedStmtTX); ok {
		wt.sqlTx, _ = ptx.Tx.(*sql.Tx)
	}
	return wt, nil
}

// GetDBConn is the writer *sql.DB, for gorm.DB.DB().
func (p *writerPool) GetDBConn() (*sql.DB, error) { return p.db, nil }

// writerTx is a transaction on the writer; it gives the turn back when it
// ends.
type writerTx struct {
	gorm.ConnPool
	pool *writerPool
	once sync.Once
	// sqlTx is the transaction under GORM's, for the statements prepared
	// on the writer (nil: every statement goes through GORM's).
	sqlTx *sql.Tx
	// unprepared are the statements this transaction ran that the writer
	// has not prepared yet: it prepares them when the transaction ends.
	unprepared []string
}

func (t *writerTx) end(err error) error {
	t.once.Do(func() {
		// The writer's connection is back in its pool and the turn is still
		// this transaction's: nothing else can be using it.
		t.pool.txStmts.prepare(t.pool.db, t.unprepared)
		t.pool.queue.release()
	})
	return err
}

// stmt returns the writer's prepared statement for query, bound to this
// transaction, or nil (then a keepable query is noted, to be prepared at
// the end).
func (t *writerTx) stmt(ctx context.Context, query string) *sql.Stmt {
	if t.sqlTx == nil || !keepable(query) {
		return nil
	}
	if st := t.pool.txStmts.get(query); st != nil {
		return t.sqlTx.StmtContext(ctx, st)
	}
	t.unprepared = append(t.unprepared, query)
	return nil
}

func (t *writerTx) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if st := t.stmt(ctx, query); st != nil {
		return st.ExecContext(ctx, args...)
	}
	return t.ConnPool.ExecContext(ctx, query, args...)
}

func (t *writerTx) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if st := t.stmt(ctx, query); st != nil {
		return st.QueryContext(ctx, args...)
	}
	return t.ConnPool.QueryContext(ctx, query, args...)
}

func (t *writerTx) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	if st := t.stmt(ctx, query); st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	return t.ConnPool.QueryRowContext(ctx, query, args...)
}

func (t *writerTx) Commit() error {
	c, ok := t.ConnPool.(gorm.TxCommitter)
	if !ok {
		return t.end(gorm.ErrInvalidTransaction)
	}
	return t.end(c.Commit())
}

func (t *writerTx) Rollback() error {
	c, ok := t.ConnPool.(gorm.TxCommitter)
	if !ok {
		return t.end(gorm.ErrInvalidTransaction)
	}
	return t.end(c.Rollback())
}

func (t *writerTx) GetDBConn() (*sql.DB, error) { return t.pool.db, nil }

// routeReads registers the callbacks that send every query made outside a
// transaction to the read-only pool, and anything else back to the writer.
func routeReads(db *gorm.DB, writer *writerPool, readers gorm.ConnPool) error {
	toReaders := func(db *gorm.DB) {
		if db.Statement.ConnPool != gorm.ConnPool(writer) {
			return // a transaction, or already routed
		}
		if text := db.Statement.SQL.String(); text != "" && !isReadStatement(text) {
			return // raw SQL that writes (INSERT … RETURNING)
		}
		if _, locking := db.Statement.Clauses[clause.Locking{}.Name()]; locking {
			return
		}
		db.Statement.ConnPool = readers
	}
	toWriter := func(db *gorm.DB) {
		if db.Statement.ConnPool == readers {
			db.Statement.ConnPool = writer
		}
	}
	cb := db.Callback()
	for _, err := range []error{
		cb.Query().Before("*").Register("presspass:read_pool", toReaders),
		cb.Row().Before("*").Register("presspass:read_pool", toReaders),
		cb.Create().Before("*").Register("presspass:write_pool", toWriter),
		cb.Update().Before("*").Register("presspass:write_pool", toWriter),
		cb.Delete().Before("*").Register("presspass:write_pool", toWriter),
		cb.Raw().Before("*").Register("presspass:write_pool", toWriter),
	} {
		if err != nil {
			return err
		}
	}
	return nil
}

// isReadStatement reports whether raw SQL only reads (SELECT, WITH …
// SELECT); PRAGMA and anything else stay on the writer.
func isReadStatement(text string) bool { return sqlStartsWith(text, "SELECT", "WITH") }

// sqlStartsWith reports whether the statement text begins with one of the
// keywords kws (upper case), past any blanks and opening parentheses.
func sqlStartsWith(text string, kws ...string) bool {
	text = strings.TrimLeft(text, " \t\r\n(")
	for _, kw := range kws {
		if len(text) > len(kw) && strings.EqualFold(text[:len(kw)], kw) {
			switch text[len(kw)] {
			case ' ', '\t', '\r', '\n', '(', '*':
				return true
			}
		}
	}
	return false
}

// splitSQLite puts the store's writer behind its queue and, for a file
// database, opens the read pool and routes reads to it. It returns the
// *sql.DB that reads outside transactions use (the epochs' too).
func (s *Store) splitSQLite(ctx context.Context, du DatabaseURL, writer *sql.DB) (*sql.DB, error) {
	pool := &writerPool{inner: s.db.ConnPool, db: writer, maxWait: func() time.Duration { return s.Config.WriteWait }}
	s.db.ConnPool = pool
	s.db.Statement.ConnPool = pool
	path := du.Path
	if path == "" {
		path, _, _ = strings.Cut(du.DSN, "?")
	}
	if sqliteInMemory(path) {
		return writer, nil
	}
	// The writer has opened the file and put it in WAL mode (OpenDSN pinged
	// it): readers, which may not write, find it so.
	readers, err := sql.Open(sqlite.DriverName, sqliteReaderDSN(path))
	if err != nil {
		return nil, err
	}
	n := max(4, runtime.GOMAXPROCS(0)*2)
	readers.SetMaxOpenConns(n)
	readers.SetMaxIdleConns(n)
	if err := readers.PingContext(ctx); err != nil {
		_ = readers.Close()
		return nil, err
	}
	// Reads keep their prepared statements, as the writer's do.
	if err := routeReads(s.db, pool, gorm.NewPreparedStmtDB(readers, 256, 0)); err != nil {
		_ = readers.Close()
		return nil, err
	}
	s.readers = readers
	return readers, nil
}
