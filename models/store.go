package models

import (
	"context"
	"crypto/rand"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/glebarez/sqlite"
	"github.com/presspass/presspass/models/epoch"
	"gorm.io/driver/mysql"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"
)

// Dialect names the SQL database behind a Store.
type Dialect string

// The supported dialects.
const (
	DialectSQLite Dialect = "sqlite"
	DialectMySQL  Dialect = "mysql"
)

// Store is PressPass's persistence and domain layer. Every write that any
// adapter can perform is one method on Store, with its validation and
// permission check inside, so REST, XML-RPC, pages and the CLI cannot diverge.
type Store struct {
	db      *gorm.DB
	dialect Dialect
	// Clock returns the current time; tests replace it.
	Clock func() time.Time
	// Config holds site-wide switches that change domain rules.
	Config StoreConfig
	// Notifier, when set, is told about application-password events.
	Notifier Notifier

	optionsMu    sync.RWMutex
	optionsCache map[string]string
	// optionsGen counts the changes of optionsCache other than loads (a
	// drop, an option written): a load stores its rows only when none
	// happened while it read them, since they may predate that change.
	optionsGen uint64

	// verified caches successful main-password checks (see password_cache.go).
	verified *verifiedPasswords
	// logins caches successful logins under the auth epoch (login_cache.go).
	logins *loginCache
	// epochs tells requests the current epochs and bumps them (epochs.go).
	epochs epoch.Source
	// inTx marks a Store bound to one transaction (InTx), which reads the
	// epochs through it.
	inTx bool
	// seenContent is what this process knows of the content epoch
	// (epochs_pending.go).
	seenContent *contentSeen
	// readers is SQLite's read-only pool (sqlite_writer.go); nil on MySQL
	// and for a memory database.
	readers *sql.DB
	// counts are the store's running totals for the operator
	// (store_stats.go), shared by the transaction-bound copies.
	counts *storeCounts
	// objects is the object cache of posts, their terms and revision
	// counts (post_objects.go); nil in a transaction's Store.
	objects *postObjects
}

// StoreConfig carries the site-wide settings the domain rules depend on.
type StoreConfig struct {
	// TwoFactorAPILogin allows main-password API logins for users with
	// two-factor enabled (WordPress's two_factor_user_api_login_enable).
	TwoFactorAPILogin bool
	// UsageRecordInterval is how often last_used/last_ip are written for one
	// application password; WordPress writes at most once a day.
	UsageRecordInterval time.Duration
	// Environment is "local" or "production"; application passwords work
	// over plain http only in "local".
	Environment string
	// SiteURL is the public base URL (no trailing slash) used in links.
	SiteURL string
	// AppPasswordMaxLifetime, when positive, caps the life of new application
	// passwords (a PressPass extension; off by default as in WordPress).
	AppPasswordMaxLifetime time.Duration
	// RevokeAppPasswordsOnPasswordChange revokes a user's application
	// passwords when their main password changes (off by default, as in
	// WordPress).
	RevokeAppPasswordsOnPasswordChange bool
	// Throttle sets how failed logins are counted and locked out.
	Throttle ThrottleConfig
	// BcryptCost is the cost of newly written main-password hashes
	// (0 = DefaultBcryptCost; tests lower it).
	BcryptCost int
	// Media configures uploads: storage and size limit (media.go).
	Media MediaConfig
	// WriteWait caps how long a SQLite writer waits for its turn when the
	// request's context allows longer (0: 10 s; sqlite_writer.go).
	WriteWait time.Duration
	// MaxPostSize bounds a post's title, content and excerpt together, in
	// bytes (0: DefaultMaxPostSize; post_size.go).
	MaxPostSize int64
}

// DatabaseURL is a parsed --database value.
type DatabaseURL struct {
	Dialect Dialect
	// DSN is the driver's connection string.
	DSN string
	// Display is the URL with any password removed, for logs.
	Display string
	// EpochMode is how a MySQL store learns that another process changed
	// something (package epoch; empty: decided from the server).
	EpochMode epoch.Mode
	// Path is a SQLite database's file path.
	Path string
}

// ParseDatabaseURL understands "sqlite:PATH" and
// "mysql://USER:PASS@HOST:PORT/DBNAME?params".
func ParseDatabaseURL(raw string) (DatabaseURL, error) {
	switch {
	case strings.HasPrefix(raw, "sqlite:"):
		path := strings.TrimPrefix(raw, "sqlite:")
		path = strings.TrimPrefix(path, "//")
		if path == "" {
			return DatabaseURL{}, fmt.Errorf("database URL %q names no file", raw)
		}
		return DatabaseURL{Dialect: DialectSQLite, DSN: sqliteDSN(path), Display: "sqlite:" + path, Path: path}, nil
	case strings.HasPrefix(raw, "mysql://"):
		u, err := url.Parse(raw)
		if err != nil {
			return DatabaseURL{}, fmt.Errorf("database URL: %v", err)
		}
		name := strings.TrimPrefix(u.Path, "/")
		if name == "" || u.Host == "" {
			return DatabaseURL{}, fmt.Errorf("database URL %q needs a host and a database name", redactURL(u))
		}
		host := u.Host
		if u.Port() == "" {
			host += ":3306"
		}
		var cred string
		if u.User != nil {
			cred = u.User.Username()
			if pw, ok := u.User.Password(); ok {
				cred += ":" + pw
			}
			cred += "@"
		}
		q := u.Query()
		setDefault(q, "parseTime", "true")
		setDefault(q, "charset", "utf8mb4")
		setDefault(q, "loc", "UTC")
		// Fail fast when the server is away: a request waits at most this long
		// for a connection before answering 503.
		// Arguments are interpolated by the driver (one round trip a query,
		// no server-side statements): prepared statements per distinct SQL
		// text and connection add up past MySQL's max_prepared_stmt_count
		// on a busy server. Safe with utf8mb4, which the driver checks.
		setDefault(q, "interpolateParams", "true")
		setDefault(q, "timeout", "2s")
		setDefault(q, "readTimeout", "30s")
		setDefault(q, "writeTimeout", "30s")
		dsn := fmt.Sprintf("%stcp(%s)/%s?%s", cred, host, name, q.Encode())
		return DatabaseURL{Dialect: DialectMySQL, DSN: dsn, Display: redactURL(u)}, nil
	default:
		return DatabaseURL{}, fmt.Errorf("database URL %q: want sqlite:PATH or mysql://USER:PASS@HOST:PORT/DBNAME", raw)
	}
}

func setDefault(q url.Values, k, v string) {
	if q.Get(k) == "" {
		q.Set(k, v)
	}
}

func redactURL(u *url.URL) string {
	c := *u
	if c.User != nil {
		if _, ok := c.User.Password(); ok {
			c.User = url.UserPassword(c.User.Username(), "xxxxx")
		}
	}
	return c.String()
}

// sqliteDSN turns a path into the writer's DSN with the pragmas PressPass
// relies on: WAL so readers never wait for the writer, foreign keys on, and
// IMMEDIATE transactions so a read-then-write transaction takes the write
// lock up front instead of failing half-way. Writers of one process take
// turns in Go (sqlite_writer.go); the busy timeout is for another process
// writing the same file, whose lock SQLite's busy handler waits for.
func sqliteDSN(path string) string {
	return sqliteWithParams(path, "_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=foreign_keys(1)&_pragma=synchronous(NORMAL)&_txlock=immediate"+
		sqliteTimeParams)
}

// sqliteWithParams appends params to path, whose own query, if any, it
// extends.
func sqliteWithParams(path, params string) string {
	sep := "?"
	if strings.Contains(path, "?") {
		sep = "&"
	}
	return path + sep + params
}

// sqliteTimeParams keep times stored and read as the driver PressPass used
// before modernc.org/sqlite (github.com/glebarez/go-sqlite, see
// replace/glebarez-go-sqlite) did, so that every database keeps its format:
// written as "2006-01-02 15:04:05.999999999-07:00" (modernc's default is
// time.Time.String, "… +0000 UTC", which would also break the text
// comparisons of queries like "locked_until > ?"), and read as time.UTC
// (modernc's default gives a time stored at +00:00 the location
// time.Local, or a nameless fixed zone). Every time PressPass stores is in
// UTC already (NowFunc, Store.now, GMTToLocal); _timezone=UTC would turn
// one in another zone into UTC before writing it, where the old driver
// kept its offset.
const sqliteTimeParams = "&_time_format=sqlite&_timezone=UTC"

// sqliteReaderDSN is the DSN of the read-only pool: the writer's file, with
// query_only so that a write routed there by mistake fails loudly. The
// writer has set WAL mode already; the busy timeout covers the moments a
// reader waits for another process's recovery or checkpoint.
func sqliteReaderDSN(path string) string {
	return sqliteWithParams(path, "_pragma=busy_timeout(10000)&_pragma=foreign_keys(1)&_pragma=query_only(1)"+sqliteTimeParams)
}

// sqliteInMemory reports whether path names a memory database, which exists
// only on its one connection: it gets no read pool.
func sqliteInMemory(path string) bool {
	return path == "" || strings.HasPrefix(path, ":memory:") || strings.HasPrefix(path, "file::memory:") ||
		strings.Contains(path, "mode=memory")
}

// Open connects to the database named by rawURL. It does not migrate; call
// Migrate for that.
func Open(ctx context.Context, rawURL string) (*Store, error) {
	du, err := ParseDatabaseURL(rawURL)
	if err != nil {
		return nil, err
	}
	return OpenDSN(ctx, du)
}

// OpenDSN connects using an already parsed database URL.
func OpenDSN(ctx context.Context, du DatabaseURL) (*Store, error) {
	var dialector gorm.Dialector
	switch du.Dialect {
	case DialectSQLite:
		dialector = sqlite.Open(du.DSN)
	case DialectMySQL:
		dialector = mysql.Open(du.DSN)
	default:
		return nil, fmt.Errorf("unknown database dialect %q", du.Dialect)
	}
	db, err := gorm.Open(dialector, &gorm.Config{
		Logger:                 logger.Discard,
		SkipDefaultTransaction: true,
		// SQLite keeps a bounded cache of statements; MySQL needs none (see
		// interpolateParams in ParseDatabaseURL).
		PrepareStmt:        du.Dialect == DialectSQLite,
		PrepareStmtMaxSize: 256,
		NowFunc:            func() time.Time { return time.Now().UTC().Truncate(time.Second) },
	})
	if err != nil {
		return nil, openFailure(du, err)
	}
	sqlDB, err := db.DB()
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", du.Display, err)
	}
	switch du.Dialect {
	case DialectSQLite:
		// One writer connection, behind the queue (sqlite_writer.go).
		sqlDB.SetMaxOpenConns(1)
		sqlDB.SetMaxIdleConns(1)
	case DialectMySQL:
		sqlDB.SetMaxOpenConns(32)
		sqlDB.SetMaxIdleConns(16)
		sqlDB.SetConnMaxLifetime(5 * time.Minute)
	}
	pingCtx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if err := sqlDB.PingContext(pingCtx); err != nil {
		_ = sqlDB.Close()
		return nil, openFailure(du, err)
	}
	s := &Store{
		db:      db,
		dialect: du.Dialect,
		Clock:   func() time.Time { return time.Now().UTC() },
		Config:  StoreConfig{UsageRecordInterval: 24 * time.Hour, Environment: EnvironmentProduction},
		// Five minutes keeps a legacy client's repeated logins cheap while a
		// password change still acts at once (the key covers the version).
		verified:    newVerifiedPasswords(5*time.Minute, 10000),
		seenContent: new(contentSeen),
		counts:      new(storeCounts),
		objects:     newPostObjects(),
	}
	// The epochs are read outside any transaction: on SQLite, by the read
	// pool.
	epochDB := sqlDB
	if du.Dialect == DialectSQLite {
		if epochDB, err = s.splitSQLite(ctx, du, sqlDB); err != nil {
			_ = sqlDB.Close()
			return nil, openFailure(du, err)
		}
	}
	var epochs epoch.Source
	switch du.Dialect {
	case DialectSQLite:
		epochs = epoch.OpenSQLite(ctx, epochDB, du.DSN)
	case DialectMySQL:
		epochs = epoch.OpenMySQL(ctx, sqlDB, epoch.MySQLOptions{Mode: du.EpochMode})
	}
	if err := registerEpochCallbacks(db, epochs); err != nil {
		epochs.Close()
		_ = s.closeDBs()
		return nil, fmt.Errorf("open %s: %w", du.Display, err)
	}
	s.epochs = epochs
	var key [32]byte
	if _, err := rand.Read(key[:]); err != nil {
		return nil, fmt.Errorf("crypto/rand: %w", err)
	}
	// One minute bounds how long a change made behind PressPass's back (SQL typed
	// by hand, which bumps no epoch) can go unseen.
	s.logins = newLoginCache(key, 20000, time.Minute)
	return s, nil
}

// Dialect reports which SQL database the store uses.
func (s *Store) Dialect() Dialect { return s.dialect }

// DB exposes the GORM handle to code in models' own subpackages and tests.
func (s *Store) DB() *gorm.DB { return s.db }

// Ping reports whether the database answers queries: a Galera node that is
// not synced answers a ping, and refuses every query on a table.
func (s *Store) Ping(ctx context.Context) error {
	var v int64
	return s.withContext(ctx).Raw("SELECT version FROM auth_epochs WHERE id = 1").Scan(&v).Error
}

// EpochDecision says how this store learns that another process changed
// something, and why (package epoch), for the start-up log.
func (s *Store) EpochDecision() epoch.Decision { return s.epochs.Decision() }

// Close closes the database connections.
func (s *Store) Close() error {
	s.epochs.Close()
	return s.closeDBs()
}

// closeDBs closes the writer and the read pool.
func (s *Store) closeDBs() error {
	if s.readers != nil {
		_ = s.readers.Close()
	}
	sqlDB, err := s.db.DB()
	if err != nil {
		return err
	}
	return sqlDB.Close()
}

// now returns the store's current time in UTC, truncated to seconds as
// WordPress stores them.
func (s *Store) now() time.Time { return s.Clock().UTC().Truncate(time.Second) }

// Now is the store's clock, exported for adapters that stamp responses.
func (s *Store) Now() time.Time { return s.now() }

// withContext returns the db bound to ctx.
func (s *Store) withContext(ctx context.Context) *gorm.DB { return s.db.WithContext(ctx) }

// notFoundOr maps gorm's record-not-found to the given not-found error and
// anything else to an internal error.
func notFoundOr(err error, nf *Error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nf
	}
	slog.Debug("database error", "err", err)
	return Internal(err)
}

// page applies a list's offset and limit (zero: none) to a query.
func page(q *gorm.DB, offset, limit int) *gorm.DB {
	if offset > 0 {
		q = q.Offset(offset)
	}
	if limit > 0 {
		q = q.Limit(limit)
	}
	return q
}
