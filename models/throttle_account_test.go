package models_test

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/presspass/presspass/fixtures/fixturestest"
	"github.com/presspass/presspass/models"
)

// Migration 961: counters kept by the name typed move to the user that name
// resolves to (login in any case, or e-mail address), so that a lock in
// force when the new binary starts still holds, under every spelling; of
// two names of one user the later lock wins; names no user has are dropped.
func TestAccountThrottlesMovedToUserIDs(t *testing.T) {
	ctx := context.Background()
	s := fixturestest.Open(t)
	liam := newUser(t, s, "liam", "editor")
	newUser(t, s, "nina", "author")
	now := time.Now().UTC().Truncate(time.Second)
	soon, later, past := now.Add(10*time.Minute), now.Add(30*time.Minute), now.Add(-time.Minute)
	legacy := []map[string]any{
		{"scope": "account", "key": "liam", "failures": 0, "window_start": now, "locked_until": &soon, "locks": 1},
		{"scope": "account", "key": "liam@example.com", "failures": 0, "window_start": now, "locked_until": &later, "locks": 2},
		{"scope": "account", "key": "nina", "failures": 4, "window_start": now, "locked_until": &past, "locks": 0},
		{"scope": "account", "key": "nobody", "failures": 9, "window_start": now, "locked_until": nil, "locks": 0},
		{"scope": "ip", "key": "192.0.2.1", "failures": 3, "window_start": now, "locked_until": nil, "locks": 0},
	}
	for _, row := range legacy {
		if err := s.DB().Table("auth_throttles").Create(row).Error; err != nil {
			t.Fatal(err)
		}
	}
	if err := s.DB().Exec("DELETE FROM schema_migrations WHERE version = 961").Error; err != nil {
		t.Fatal(err)
	}
	if n, err := s.Migrate(ctx); err != nil || n != 1 {
		t.Fatalf("migrate: %d steps, %v", n, err)
	}
	type counter struct {
		Scope       string
		Key         string `gorm:"column:key"`
		Failures    int
		LockedUntil *time.Time
		Locks       int
	}
	var got []counter
	if err := s.DB().Table("auth_throttles").Order("scope, id").Find(&got).Error; err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, c := range got {
		lock := "-"
		if c.LockedUntil != nil {
			lock = c.LockedUntil.UTC().Sub(now).String()
		}
		lines = append(lines, fmt.Sprintf("%s %s failures=%d locked=%s locks=%d", c.Scope, c.Key, c.Failures, lock, c.Locks))
	}
	nina, err := s.UserByLogin(ctx, "nina")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"acct-id " + strconv.FormatUint(liam.ID, 10) + " failures=0 locked=30m0s locks=2",
		"acct-id " + strconv.FormatUint(nina.ID, 10) + " failures=4 locked=-1m0s locks=0",
		"ip 192.0.2.1 failures=3 locked=- locks=0",
	}
	// The migration moves counters in no particular order: compare as sets.
	sort.Strings(lines)
	sort.Strings(want)
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Fatalf("counters after the migration:\n%s\nwant\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
	// The lock holds under every spelling.
	for _, name := range []string{"liam", "LIAM", "liam@example.com"} {
		_, err := s.AuthenticatePasswordFrom(ctx, name, "liam-pass", models.ClientInfo{IP: "198.51.100.1"})
		wantReason(t, err, models.KindTooManyRequests, models.ReasonTooManyLoginAttempts)
	}
}

// The lookups a main-password login runs — the user by login and by e-mail
// address, case-insensitively, and the throttle's counters — search an
// index; none scans its table. SQLite only: its planner picks the same
// plan whatever the table holds, where MySQL's may scan a table of a few
// rows.
func TestLoginLookupsUseIndexes(t *testing.T) {
	if fixturestest.Dialect() != models.DialectSQLite {
		t.Skip("query plans are checked on SQLite")
	}
	ctx := context.Background()
	s := fixturestest.Open(t)
	newUser(t, s, "olga", "author")
	type statement struct {
		sql  string
		vars []any
	}
	var seen []statement
	capture := func(tx *gorm.DB) {
		if sql := tx.Statement.SQL.String(); strings.HasPrefix(strings.TrimSpace(strings.ToUpper(sql)), "SELECT") {
			seen = append(seen, statement{sql, append([]any(nil), tx.Statement.Vars...)})
		}
	}
	if err := s.DB().Callback().Query().After("gorm:query").Register("test:capture", capture); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"OLGA", "Olga@Example.com", "nobody@example.com"} {
		_, _ = s.AuthenticatePasswordFrom(ctx, name, "wrong", models.ClientInfo{IP: "192.0.2.9"})
	}
	if err := s.DB().Callback().Query().Remove("test:capture"); err != nil {
		t.Fatal(err)
	}
	tables := map[string]bool{}
	for _, st := range seen {
		for _, table := range []string{"users", "auth_throttles"} {
			if !strings.Contains(st.sql, "`"+table+"`") && !strings.Contains(st.sql, `"`+table+`"`) {
				continue
			}
			tables[table] = true
			var plan []struct {
				Detail string
			}
			if err := s.DB().Raw("EXPLAIN QUERY PLAN "+st.sql, st.vars...).Scan(&plan).Error; err != nil {
				t.Fatalf("%s: %v", st.sql, err)
			}
			for _, p := range plan {
				if strings.HasPrefix(p.Detail, "SCAN "+table) && !strings.Contains(p.Detail, "INDEX") {
					t.Errorf("%s\nscans %s: %v", st.sql, table, plan)
				}
			}
		}
	}
	if !tables["users"] || !tables["auth_throttles"] {
		t.Fatalf("queries seen on %v, want users and auth_throttles", tables)
	}
}

// UnlockAccount lifts both locks on a user's password logins — wrong main
// passwords' and wrong second factors' — and no one else's.
func TestUnlockAccount(t *testing.T) {
	ctx := context.Background()
	s := fixturestest.Open(t)
	pia := newUser(t, s, "pia", "editor")
	other := newUser(t, s, "quinn", "editor")
	until := time.Now().UTC().Add(time.Hour)
	for _, row := range []map[string]any{
		{"scope": "acct-id", "key": strconv.FormatUint(pia.ID, 10), "failures": 0, "window_start": time.Now().UTC(), "locked_until": &until, "locks": 1},
		{"scope": "user", "key": strconv.FormatUint(pia.ID, 10), "failures": 0, "window_start": time.Now().UTC(), "locked_until": &until, "locks": 1},
		{"scope": "acct-id", "key": strconv.FormatUint(other.ID, 10), "failures": 0, "window_start": time.Now().UTC(), "locked_until": &until, "locks": 1},
	} {
		if err := s.DB().Table("auth_throttles").Create(row).Error; err != nil {
			t.Fatal(err)
		}
	}
	if was, err := s.UnlockAccount(ctx, pia.ID); err != nil || !was {
		t.Fatalf("unlock: %v %v, want true", was, err)
	}
	var left []string
	if err := s.DB().Table("auth_throttles").Order("scope").Pluck("scope", &left).Error; err != nil {
		t.Fatal(err)
	}
	if strings.Join(left, ",") != "acct-id" {
		t.Fatalf("counters left: %v, want only the other user's", left)
	}
	if _, err := s.AuthenticatePasswordFrom(ctx, "pia", "pia-pass", models.ClientInfo{IP: "198.51.100.1"}); err != nil {
		t.Fatalf("after the unlock: %v", err)
	}
	if was, err := s.UnlockAccount(ctx, pia.ID); err != nil || was {
		t.Fatalf("second unlock: %v %v, want false", was, err)
	}
}
