package epoch

import (
	"context"
	"database/sql"
	"strings"
	"testing"

	"github.com/presspass/presspass/fixtures/testdb"
	_ "modernc.org/sqlite" // the SQLite driver models uses, through GORM (see replace/glebarez-go-sqlite)
)

// These tests need no PressPass: each opens a fresh database (SQLite, or
// MySQL with PRESSPASS_TEST_MYSQL_DSN set), creates the epochs table as
// models' migrations do, and opens one or more processes on it — a *sql.DB
// and its Source each, as every PressPass process has.

// testDatabase is a fresh database holding the epochs table.
type testDatabase struct {
	testdb.Database
	t testing.TB
}

func freshDatabase(t testing.TB) testDatabase {
	t.Helper()
	d := testDatabase{Database: testdb.Fresh(t), t: t}
	db := d.open()
	defer db.Close()
	for _, q := range []string{
		"CREATE TABLE auth_epochs (id BIGINT PRIMARY KEY, version BIGINT NOT NULL)",
		"INSERT INTO auth_epochs (id, version) VALUES (1, 1), (2, 1)",
		"CREATE TABLE epoch_stripes (id SMALLINT NOT NULL, node VARCHAR(64) NOT NULL, stripe SMALLINT NOT NULL, " +
			"version BIGINT NOT NULL, PRIMARY KEY (id, node, stripe))",
		// what the test's writes change, beside the epochs
		"CREATE TABLE notes (id BIGINT PRIMARY KEY, body VARCHAR(100) NOT NULL)",
		"INSERT INTO notes (id, body) VALUES (1, '')",
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	return d
}

func (d testDatabase) mysql() bool { return d.MySQLDSN != "" }

// open connects with the settings models uses.
func (d testDatabase) open() *sql.DB {
	d.t.Helper()
	var db *sql.DB
	var err error
	if d.mysql() {
		sep := "?"
		if strings.Contains(d.MySQLDSN, "?") {
			sep = "&"
		}
		db, err = sql.Open("mysql", d.MySQLDSN+sep+"interpolateParams=true")
		if err == nil {
			db.SetMaxOpenConns(32)
		}
	} else {
		db, err = sql.Open("sqlite", d.SQLitePath+"?_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_txlock=immediate")
		if err == nil {
			db.SetMaxOpenConns(4)
		}
	}
	if err != nil {
		d.t.Fatal(err)
	}
	return db
}

// process is one PressPass process, as far as the epochs go.
type process struct {
	t   testing.TB
	db  *sql.DB
	src *source
}

// process opens a process on d, closed when the test ends.
func (d testDatabase) process() *process {
	d.t.Helper()
	return d.processIn(ModeAuto)
}

// processIn opens a process on d in the given epoch mode (MySQL).
func (d testDatabase) processIn(mode Mode) *process {
	d.t.Helper()
	db := d.open()
	var src Source
	if d.mysql() {
		src = OpenMySQL(context.Background(), db, MySQLOptions{Mode: mode})
	} else {
		src = OpenSQLite(context.Background(), db, d.SQLitePath)
	}
	d.t.Cleanup(func() {
		src.Close()
		db.Close()
	})
	return &process{t: d.t, db: db, src: src.(*source)}
}

// write commits a transaction that changes a row and bumps which, as every
// write through models does.
func (p *process) write(ctx context.Context, which Which) error {
	tx, err := p.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "UPDATE notes SET body = ? WHERE id = 1", "written"); err != nil {
		return err
	}
	if err := p.src.Bump(ctx, tx, which); err != nil {
		return err
	}
	return tx.Commit()
}

// mustWrite is write, failing the test on an error.
func (p *process) mustWrite(which Which) {
	p.t.Helper()
	if err := p.write(context.Background(), which); err != nil {
		p.t.Fatal(err)
	}
}

// current is Current, failing the test on an error.
func (p *process) current() Epochs {
	p.t.Helper()
	e, err := p.src.Current(context.Background())
	if err != nil {
		p.t.Fatal(err)
	}
	return e
}

// stored reads the epochs straight from the tables.
func (p *process) stored() (e Epochs) {
	p.t.Helper()
	var err error
	if e.Auth, err = p.storedEpoch(context.Background(), AuthRow); err != nil {
		p.t.Fatal(err)
	}
	if e.Content, err = p.storedEpoch(context.Background(), ContentRow); err != nil {
		p.t.Fatal(err)
	}
	return e
}

// storedEpoch adds up one epoch's rows: its row of auth_epochs and, on
// MySQL, its stripes.
func (p *process) storedEpoch(ctx context.Context, id int) (int64, error) {
	var v int64
	err := p.db.QueryRowContext(ctx, "SELECT SUM(version) FROM (SELECT version FROM auth_epochs WHERE id = ? "+
		"UNION ALL SELECT version FROM epoch_stripes WHERE id = ?) e", id, id).Scan(&v)
	return v, err
}
