// Package epoch keeps every PressPass process's in-memory caches true to the
// database they share. Its one job is cross-process caching: two version
// numbers in the database (the epochs) move with every write a cached answer
// could depend on, a Source tells each request what they are now — on SQLite
// by watching the WAL index, on MySQL under the epoch lease, elsewhere with
// one shared query — and a Cache serves an answer only while the epochs it
// was made under are still the current ones.
//
// The epochs live in the table auth_epochs (id, version): row AuthRow for the
// auth epoch, row ContentRow for the content epoch. Package models creates it
// in its migrations and decides which writes bump which epoch; this package
// knows nothing of models.
package epoch

import (
	"context"
	"database/sql"
	"strings"
)

// Epochs is what a Source reads: one version number for credentials, users
// and lockouts, one for anything a visitor can see.
type Epochs struct {
	Auth    int64
	Content int64
}

// The rows of auth_epochs.
const (
	AuthRow    = 1
	ContentRow = 2
)

// Which names the epochs a write bumps.
type Which uint8

// The epochs, for Bump.
const (
	Auth Which = 1 << iota
	Content
)

// A Source tells requests the current epochs, and moves them on writes.
type Source interface {
	// Current returns the epochs as of a moment after the call began: every
	// write committed before it, by any process, has moved them.
	Current(ctx context.Context) (Epochs, error)
	// Bump moves the named epochs through tx, the writing transaction, so
	// that they move exactly when its writes commit.
	Bump(ctx context.Context, tx Execer, which Which) error
	// Reads is how many queries Current has run, for benchmarks that report
	// reads per request.
	Reads() int64
	// Close stops the source; it holds a connection of its own on SQLite
	// and MySQL.
	Close()
}

// Execer runs a statement: *sql.DB, *sql.Tx, *sql.Conn and a GORM
// statement's connection pool all do.
type Execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// Queryer runs a query, as Execer a statement.
type Queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// OpenSQLite is the source for the SQLite database dsn names (a path, with
// the driver's parameters after a "?"): while the database's WAL index shows
// no commit, Current runs no query. A database that has no WAL index (an
// in-memory one, a URI file name, another journal mode) is read once per
// request. The source holds one connection of its own and widens db's pool
// by one for it.
func OpenSQLite(ctx context.Context, db *sql.DB, dsn string) Source {
	widenPool(db)
	path, _, _ := strings.Cut(dsn, "?")
	s := &source{reader: newReader(db, nil)}
	if w := openWALWatch(ctx, db, path); w != nil {
		s.reader.watch = w
	}
	return s
}

// OpenMySQL is the source for a MySQL or MariaDB database: while this
// process holds the epoch lease Current runs no query, and every bump is
// fenced by the epoch lock (lease.go). On a server without named locks
// every request reads the epochs and bumps go unfenced. The source holds
// one connection of its own, and widens db's pool by one for it.
func OpenMySQL(db *sql.DB) Source {
	widenPool(db)
	l := newLease(db)
	return &source{reader: newReader(db, l), lease: l}
}

// widenPool makes room in db's pool for the connection a source holds, so
// that requests keep as many as they had.
func widenPool(db *sql.DB) {
	if n := db.Stats().MaxOpenConnections; n > 0 {
		db.SetMaxOpenConns(n + 1)
	}
}

// source is every Source: a shared reader, told by its watch when it may
// skip the query, and on MySQL the lease that fences bumps.
type source struct {
	reader *reader
	lease  *lease // nil: bumps go unfenced
}

func (s *source) Current(ctx context.Context) (Epochs, error) { return s.reader.read(ctx) }

func (s *source) Reads() int64 { return s.reader.rounds.Load() }

func (s *source) Close() { s.reader.close() }

// query reads both epoch rows in one statement.
const query = "SELECT id, version FROM auth_epochs WHERE id IN (1, 2)"

// queryLocking also waits for a transaction that has bumped an epoch and not
// yet committed, and then reads what it committed (lease.go).
const queryLocking = query + " LOCK IN SHARE MODE"

// ReadThrough reads the epochs through q, a transaction that must see its
// own bumps, with no watch and no sharing.
func ReadThrough(ctx context.Context, q Queryer) (Epochs, error) {
	rows, err := q.QueryContext(ctx, query)
	if err != nil {
		return Epochs{}, err
	}
	return scan(rows)
}

// scan reads the rows of query.
func scan(rows *sql.Rows) (e Epochs, err error) {
	defer rows.Close()
	for rows.Next() {
		var id, v int64
		if err := rows.Scan(&id, &v); err != nil {
			return Epochs{}, err
		}
		if id == AuthRow {
			e.Auth = v
		} else {
			e.Content = v
		}
	}
	return e, rows.Err()
}
