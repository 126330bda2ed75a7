package epoch

import (
	"context"
	"database/sql"
	"strings"
	"testing"

	_ "github.com/glebarez/go-sqlite" // the SQLite driver models uses, through GORM
	"github.com/presspass/presspass/fixtures/testdb"
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
	db := d.open()
	var src Source
	if d.mysql() {
		src = OpenMySQL(db)
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

// stored reads the epochs straight from the table.
func (p *process) stored() (e Epochs) {
	p.t.Helper()
	if err := p.db.QueryRow("SELECT version FROM auth_epochs WHERE id = 1").Scan(&e.Auth); err != nil {
		p.t.Fatal(err)
	}
	if err := p.db.QueryRow("SELECT version FROM auth_epochs WHERE id = 2").Scan(&e.Content); err != nil {
		p.t.Fatal(err)
	}
	return e
}
