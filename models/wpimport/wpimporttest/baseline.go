// Package wpimporttest loads the real WordPress 6.9.7 database kept in
// shared/wordpress-db into a fresh MariaDB database for a test, so import
// tests run against what WordPress itself wrote.
package wpimporttest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/go-sql-driver/mysql"
)

// DirEnv overrides where the WordPress database folder is found (by default
// shared/wordpress-db in this directory or one of its parents).
const DirEnv = "PRESSPASS_WORDPRESS_DB_DIR"

// ServerDSNEnv is the MySQL server the source database is created on; it
// defaults to the test database server (PRESSPASS_TEST_MYSQL_DSN) and then
// to root@tcp(127.0.0.1:3306)/, the MariaDB every machine runs.
const ServerDSNEnv = "PRESSPASS_TEST_WORDPRESS_DSN"

// Credentials is credentials.json: the plain passwords of the dump's users.
type Credentials struct {
	Site  string `json:"site"`
	Users map[string]struct {
		ID       uint64 `json:"id"`
		Role     string `json:"role"`
		Password string `json:"password"`
	} `json:"users"`
	AppPasswords map[string]struct {
		Name            string `json:"name"`
		UUID            string `json:"uuid"`
		Password        string `json:"password"`
		PasswordChunked string `json:"password_chunked"`
	} `json:"app_passwords"`
	PostIDs map[string]uint64 `json:"post_ids"`
}

// Dir finds the WordPress database folder, skipping the test when there is
// none.
func Dir(t testing.TB) string {
	t.Helper()
	if d := os.Getenv(DirEnv); d != "" {
		return d
	}
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for d := wd; ; d = filepath.Dir(d) {
		cand := filepath.Join(d, "shared", "wordpress-db")
		if _, err := os.Stat(filepath.Join(cand, "baseline.sql")); err == nil {
			return cand
		}
		if filepath.Dir(d) == d {
			break
		}
	}
	t.Skipf("no shared/wordpress-db/baseline.sql above %s (set %s)", wd, DirEnv)
	return ""
}

// ReadCredentials reads credentials.json.
func ReadCredentials(t testing.TB) *Credentials {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(Dir(t), "credentials.json"))
	if err != nil {
		t.Fatal(err)
	}
	var c Credentials
	if err := json.Unmarshal(raw, &c); err != nil {
		t.Fatalf("credentials.json: %v", err)
	}
	return &c
}

// SQLDB is a WordPress database loaded for a test.
type SQLDB struct {
	// URL is the database in `import wordpress --from` form.
	URL string
	// DB is an open handle to it, for tests that change the source.
	DB *sql.DB
}

// Load creates a uniquely named database, loads baseline.sql into it and
// drops it when the test ends. It skips the test, saying why, when no MySQL
// server answers.
func Load(t testing.TB) *SQLDB {
	t.Helper()
	dump, err := os.ReadFile(filepath.Join(Dir(t), "baseline.sql"))
	if err != nil {
		t.Fatal(err)
	}
	dsn := os.Getenv(ServerDSNEnv)
	if dsn == "" {
		dsn = os.Getenv("PRESSPASS_TEST_MYSQL_DSN")
	}
	if dsn == "" {
		dsn = "root@tcp(127.0.0.1:3306)/"
	}
	cfg, err := mysql.ParseDSN(dsn)
	if err != nil {
		t.Fatalf("MySQL DSN %q: %v", dsn, err)
	}
	cfg.DBName = ""
	cfg.MultiStatements = true
	cfg.Timeout = 5 * time.Second
	admin, err := sql.Open("mysql", cfg.FormatDSN())
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := admin.PingContext(ctx); err != nil {
		t.Skipf("MariaDB at %s is unreachable, so the WordPress import test cannot run: %v", cfg.Addr, err)
	}
	var b [6]byte
	_, _ = rand.Read(b[:])
	name := "wpsrc_" + hex.EncodeToString(b[:])
	if _, err := admin.Exec("CREATE DATABASE `" + name + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_520_ci"); err != nil {
		t.Fatalf("create the WordPress database: %v", err)
	}
	dropCfg := *cfg
	t.Cleanup(func() {
		if db, err := sql.Open("mysql", dropCfg.FormatDSN()); err == nil {
			_, _ = db.Exec("DROP DATABASE IF EXISTS `" + name + "`")
			db.Close()
		}
	})
	cfg.DBName = name
	db, err := sql.Open("mysql", cfg.FormatDSN())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	// One connection, so the dump's session settings apply to all of it.
	db.SetMaxOpenConns(1)
	if _, err := db.Exec(string(dump)); err != nil {
		t.Fatalf("load baseline.sql: %v", err)
	}
	u := url.URL{Scheme: "mysql", Host: cfg.Addr, Path: "/" + name}
	if cfg.Passwd != "" {
		u.User = url.UserPassword(cfg.User, cfg.Passwd)
	} else {
		u.User = url.User(cfg.User)
	}
	return &SQLDB{URL: u.String(), DB: db}
}
