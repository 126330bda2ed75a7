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
	"log/slog"
	"strings"
	"sync/atomic"
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
	// ReadThrough reads the epochs through q, a transaction that must see
	// its own bumps, with no watch and no sharing.
	ReadThrough(ctx context.Context, q Queryer) (Epochs, error)
	// Decision says how Current learns that the epochs moved, and why.
	Decision() Decision
	// Reads is how many queries Current has run, for benchmarks that report
	// reads per request.
	Reads() int64
	// Lease tells how the epoch lease fares (MySQL); zero where there is
	// none.
	Lease() LeaseStats
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
	s := &source{reader: newReader(db, nil, readQueries{plain: query}), bumps: sqliteBumps}
	d := Decision{ModePerRequest, "the database has no WAL index to watch: every request reads the epochs"}
	if w := openWALWatch(ctx, db, path); w != nil {
		s.reader.watch = w
		d = Decision{ModeWALWatch, "SQLite rewrites its WAL index at every commit: requests read the epochs only after one"}
	}
	s.decision.Store(&d)
	return s
}

// MySQLOptions tune OpenMySQL.
type MySQLOptions struct {
	// Mode is the mode asked for; empty is ModeAuto.
	Mode Mode
	// Log is told when a reconnect turns the lease off; nil is slog's
	// default logger.
	Log *slog.Logger
}

// OpenMySQL is the source for a MySQL or MariaDB database. In lease mode,
// while this process holds the epoch lease, Current runs no query, and
// every bump is fenced by the epoch lock (lease.go); in per-request mode
// every request reads the epochs (mysql_mode.go says which mode a server
// gets). Bumps add to striped rows (stripes.go). The source holds one
// connection of its own, and widens db's pool by one for it.
func OpenMySQL(ctx context.Context, db *sql.DB, o MySQLOptions) Source {
	widenPool(db)
	if o.Mode == "" {
		o.Mode = ModeAuto
	}
	if o.Log == nil {
		o.Log = slog.Default()
	}
	srv, err := detect(ctx, db)
	d := decide(o.Mode, srv, err)
	s := &source{log: o.Log, reader: newReader(db, nil, mysqlReads(srv))}
	s.decision.Store(&d)
	s.server.Store(&srv)
	l := newLease(db, srv.identity, s.serverChanged)
	// Trusting the lease needs a lease mode; fencing bumps needs named locks
	// that every writer shares.
	l.trust.Store(d.Mode == ModeLease)
	l.unfenced.Store(err != nil || (srv.cluster() != "" && d.Mode != ModeLease))
	s.lease, s.reader.watch = l, l
	return s
}

// mysqlReads are the read statements for a server: on a Galera node the
// plain read waits for the cluster's earlier writes.
func mysqlReads(srv server) readQueries {
	q := readQueries{plain: mysqlQuery, locking: mysqlQueryLocking}
	if srv.galera {
		q.plain = galeraCausal + mysqlQuery
	}
	return q
}

// serverChanged is the lease's report that its connection reconnected to
// a server that is a cluster node, or another server than before, or one
// without named locks: from now on every request reads the epochs and
// bumps go unfenced.
func (s *source) serverChanged(srv server, why string) {
	s.server.Store(&srv)
	s.reader.setQueries(mysqlReads(srv))
	d := Decision{ModePerRequest, why}
	if old := s.decision.Swap(&d); old.Mode != ModePerRequest || old.Why != why {
		s.log.Warn("epoch mode changed", "mode", d.Mode, "why", d.Why)
	}
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
	lease  *lease // nil on SQLite
	// bumps are SQLite's statements; MySQL's are stripeBumps.
	bumps    *[Auth | Content + 1]bump
	decision atomic.Pointer[Decision]
	server   atomic.Pointer[server] // MySQL's, as last detected
	log      *slog.Logger
}

func (s *source) Decision() Decision { return *s.decision.Load() }

func (s *source) Current(ctx context.Context) (Epochs, error) { return s.reader.read(ctx) }

func (s *source) Reads() int64 { return s.reader.rounds.Load() }

func (s *source) Close() { s.reader.close() }

func (s *source) Lease() LeaseStats {
	if s.lease == nil {
		return LeaseStats{}
	}
	return s.lease.stats()
}

// query reads both epoch rows in one statement (SQLite; MySQL's are in
// stripes.go).
const query = "SELECT id, version FROM auth_epochs WHERE id IN (1, 2)"

func (s *source) ReadThrough(ctx context.Context, q Queryer) (Epochs, error) {
	text := query
	if s.lease != nil {
		text = mysqlQuery
	}
	rows, err := q.QueryContext(ctx, text)
	if err != nil {
		return Epochs{}, err
	}
	return scan(rows)
}

// scan adds up the rows of a read.
func scan(rows *sql.Rows) (e Epochs, err error) {
	defer rows.Close()
	for rows.Next() {
		var id, v int64
		if err := rows.Scan(&id, &v); err != nil {
			return Epochs{}, err
		}
		// On MySQL an epoch is the sum of its rows (stripes.go).
		if id == AuthRow {
			e.Auth += v
		} else {
			e.Content += v
		}
	}
	return e, rows.Err()
}
