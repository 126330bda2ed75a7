package main

import (
	"context"
	"crypto/rand"
	"database/sql"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	_ "github.com/go-sql-driver/mysql" // CREATE/DROP DATABASE for MySQL runs
	"github.com/presspass/presspass/fixtures"
	"github.com/presspass/presspass/fixtures/longtext"
	"github.com/presspass/presspass/loadtest"
	"github.com/presspass/presspass/models"
)

// presspass loadtest: the performance table of the README. The command
// makes a fresh database and loads the site; package loadtest starts the
// servers, drives them and prints the table.

var loadtestFlags = flagsOf("loadtest")

func cmdLoadtest(ctx context.Context, raw []string, out io.Writer) error {
	a, err := parseArgs(raw, loadtestFlags)
	if err != nil {
		return err
	}
	o := loadtest.Options{Connections: 16, MaxRequests: 5_000_000, Scenarios: a.str("scenarios", "", ""), Progress: os.Stderr}
	o.Duration, err = time.ParseDuration(a.str("duration", "", "10s"))
	if err != nil || o.Duration <= 0 || o.Duration > 10*time.Minute {
		return fmt.Errorf("--duration: want a duration up to 10m")
	}
	if v := a.str("connections", "", ""); v != "" {
		if _, err := fmt.Sscan(v, &o.Connections); err != nil || o.Connections < 1 || o.Connections > 512 {
			return fmt.Errorf("--connections: want 1 to 512")
		}
	}
	if v := a.str("max-requests", "", ""); v != "" {
		if _, err := fmt.Sscan(v, &o.MaxRequests); err != nil || o.MaxRequests < 1 {
			return fmt.Errorf("--max-requests: want a positive number")
		}
	}
	if v := a.str("mix", "", ""); v != "" {
		if o.Mix, err = time.ParseDuration(v); err != nil || o.Mix <= 0 || o.Mix > 10*time.Minute {
			return fmt.Errorf("--mix: want a duration up to 10m")
		}
	}
	if o.Executable, err = os.Executable(); err != nil {
		return err
	}
	dbURL, cleanup, err := loadtestDatabase(a.str("database", "PRESSPASS_LOADTEST_DATABASE_URL", ""))
	if err != nil {
		return err
	}
	du, _ := models.ParseDatabaseURL(dbURL)
	fmt.Fprintf(out, "Database: %s\n", du.Display)
	if a.has("keep") {
		// --keep leaves the loaded database for a closer look (presspass
		// serve --database … with PRESSPASS_PPROF_ADDR, for instance).
		defer fmt.Fprintf(out, "\nThe database was kept: %s\n", du.Display)
	} else {
		defer cleanup()
	}
	o.DatabaseURL = dbURL
	if o.Credentials, err = prepareLoadtestSite(ctx, dbURL); err != nil {
		return err
	}
	if a.has("large") {
		o.Large = func(ctx context.Context) error {
			fmt.Fprintln(os.Stderr, "loading 10,000 users × 10 application passwords and 100,000 posts …")
			return loadLargeSite(ctx, dbURL)
		}
	}
	return loadtest.Run(ctx, o, out)
}

// cmdLoadtestCeiling serves the load test's ceiling (its child process).
func cmdLoadtestCeiling(ctx context.Context, raw []string) error {
	a, err := parseArgs(raw, flagSpec{})
	if err != nil {
		return err
	}
	return loadtest.ServeCeiling(ctx, a.str("addr", "", "127.0.0.1:0"))
}

// prepareLoadtestSite migrates and loads the demo site plus enough posts for
// a 10-post list, and creates the application password the scenarios use.
func prepareLoadtestSite(ctx context.Context, dbURL string) (loadtest.Credentials, error) {
	var none loadtest.Credentials
	s, err := models.Open(ctx, dbURL)
	if err != nil {
		return none, err
	}
	defer s.Close()
	if _, err := s.Migrate(ctx); err != nil {
		return none, err
	}
	site, err := fixtures.Read("demo")
	if err != nil {
		return none, err
	}
	if _, err := fixtures.Load(ctx, s, site); err != nil {
		return none, err
	}
	admin, err := s.UserByLogin(ctx, "admin")
	if err != nil {
		return none, err
	}
	var read uint64 // the post H reads
	for i := 0; i < 5; i++ {
		title, status := fmt.Sprintf("Load test post %d", i+1), "publish"
		content := "<p>A post of the load test, read by scenario H while others write.</p>"
		p, err := s.CreatePost(ctx, admin, models.PostInput{Title: &title, Status: &status, Content: &content})
		if err != nil {
			return none, err
		}
		read = p.ID
	}
	// Fifty users whose logins sort first fill wp.getUsers' default page
	// (50 by login), so that B answers the same 50 users on the small and
	// the large site and the two figures compare like with like.
	hash, err := models.HashPassword("load-test-user-pass", 4)
	if err != nil {
		return none, err
	}
	for i := 1; i <= 50; i++ {
		login, role := fmt.Sprintf("a-load-%02d", i), "subscriber"
		email := login + "@example.com"
		if _, err := s.CreateUser(ctx, models.UserInput{Login: &login, Email: &email, Role: &role, PasswordHash: &hash}); err != nil {
			return none, err
		}
	}
	ap, err := s.CreateAppPassword(ctx, admin.ID, "load test", "")
	if err != nil {
		return none, err
	}
	long, err := createLongPost(ctx, s, admin)
	if err != nil {
		return none, err
	}
	return loadtest.Credentials{Login: "admin", AppPassword: ap.Password, MainPassword: "admin-demo-pass", PostID: read, LongPostID: long}, nil
}

// createLongPost publishes the 5 MiB post of scenario J, dated before the
// others so that it stays out of the lists the other scenarios read.
func createLongPost(ctx context.Context, s *models.Store, admin *models.User) (uint64, error) {
	title, status, content := "A long post", "publish", longtext.Classic(5<<20)
	date := time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
	p, err := s.CreatePost(ctx, admin, models.PostInput{Title: &title, Content: &content, Status: &status, Date: &date})
	if err != nil {
		return 0, err
	}
	return p.ID, nil
}

func loadLargeSite(ctx context.Context, dbURL string) error {
	s, err := models.Open(ctx, dbURL)
	if err != nil {
		return err
	}
	defer s.Close()
	// The bulk posts are older than the small site's, so that C lists the
	// same ten posts on both: only the size of the tables differs.
	return fixtures.LoadLarge(ctx, s, fixtures.LargeSite{Users: 10_000, AppPasswordsPerUser: 10, Posts: 100_000,
		FirstUserID: 1000, FirstID: 100_000, PostsBefore: time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)},
		func(m string) { fmt.Fprintln(os.Stderr, "  "+m) })
}

// loadtestDatabase returns a fresh database URL and its cleanup: a SQLite file
// in a temporary folder by default, or a new database on the MySQL server of
// a mysql:// URL (created here and dropped afterwards).
func loadtestDatabase(raw string) (string, func(), error) {
	if raw == "" || strings.HasPrefix(raw, "sqlite:") {
		dir, err := os.MkdirTemp("", "presspass-loadtest-")
		if err != nil {
			return "", nil, err
		}
		return "sqlite:" + filepath.Join(dir, "load.db"), func() { os.RemoveAll(dir) }, nil
	}
	du, err := models.ParseDatabaseURL(raw)
	if err != nil {
		return "", nil, err
	}
	if du.Dialect != models.DialectMySQL {
		return "", nil, fmt.Errorf("--database: sqlite: or mysql://")
	}
	name := "presspass_load_" + strings.ToLower(rand.Text()[:8])
	server := du.DSN[:strings.Index(du.DSN, ")/")+2]
	db, err := sql.Open("mysql", server)
	if err != nil {
		return "", nil, err
	}
	if _, err := db.Exec("CREATE DATABASE `" + name + "` CHARACTER SET utf8mb4"); err != nil {
		db.Close()
		return "", nil, fmt.Errorf("create load-test database: %w", err)
	}
	slash := strings.LastIndex(raw, "/")
	q := ""
	if i := strings.Index(raw[slash:], "?"); i >= 0 {
		q = raw[slash+i:]
	}
	url := raw[:slash+1] + name + q
	return url, func() { _, _ = db.Exec("DROP DATABASE IF EXISTS `" + name + "`"); db.Close() }, nil
}
