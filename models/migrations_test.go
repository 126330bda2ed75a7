package models_test

import (
	"bufio"
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/presspass/presspass/fixtures/fixturestest"
	"github.com/presspass/presspass/models"
)

// A database written by an earlier commit opens with this binary and
// migrates forward: every row it held is still there, it records the same
// steps and has the same tables and columns as a database created today, and
// its users and application passwords still log in. testdata/migrations
// holds one database per distinct schema history of main, each written by
// its commit's own binary (generate.sh), as SQL for each dialect.
func TestMigrateDatabasesOfEarlierCommits(t *testing.T) {
	ctx := context.Background()
	dialect := "sqlite"
	if fixturestest.Dialect() == models.DialectMySQL {
		dialect = "mysql"
	}
	dumps, _ := filepath.Glob(filepath.Join("testdata", "migrations", "*."+dialect+".sql"))
	if len(dumps) < 9 {
		t.Fatalf("%d databases of earlier commits in testdata/migrations, want 9 or more", len(dumps))
	}
	fresh := fixturestest.Open(t)
	wantSteps := appliedSteps(t, fresh)
	wantShape := tableShape(t, fresh)
	for _, dump := range dumps {
		t.Run(strings.TrimSuffix(filepath.Base(dump), "."+dialect+".sql"), func(t *testing.T) {
			t.Parallel()
			url := fixturestest.DatabaseURL(t)
			appPassword := loadDump(t, url, dump)
			before := readTables(t, url, nil)
			s, err := models.Open(ctx, url)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			s.Config.BcryptCost = 4
			s.Config.Environment = models.EnvironmentLocal
			if _, err := s.Migrate(ctx); err != nil {
				t.Fatalf("migrate: %v", err)
			}
			for _, row := range lostRows(before, readTables(t, url, before)) {
				t.Errorf("lost %s", row)
			}
			if got := appliedSteps(t, s); !slices.Equal(got, wantSteps) {
				t.Errorf("steps recorded %v, want %v", got, wantSteps)
			}
			if got := tableShape(t, s); !slices.Equal(got, wantShape) {
				t.Errorf("tables and columns:\n%s\nwant (as a database created now):\n%s",
					strings.Join(got, "\n"), strings.Join(wantShape, "\n"))
			}
			if n, err := s.Migrate(ctx); err != nil || n != 0 {
				t.Errorf("second migrate applied %d steps (%v)", n, err)
			}

			keeper, err := s.AuthenticatePassword(ctx, "keeper", "keeper-pass")
			if err != nil {
				t.Fatalf("keeper's password: %v", err)
			}
			if _, err := s.AuthenticatePassword(ctx, "editor", "editor-demo-pass"); err != nil {
				t.Errorf("the demo editor's password: %v", err)
			}
			if _, ap, err := s.AuthenticateAPI(ctx, "keeper", appPassword, models.ClientInfo{}); err != nil || ap == nil {
				t.Errorf("keeper's application password: %v", err)
			}
			title := "Written after the migration"
			p, err := s.CreatePost(ctx, keeper, models.PostInput{Title: &title})
			if err != nil {
				t.Fatalf("write after the migration: %v", err)
			}
			if got, err := s.PostByID(ctx, p.ID); err != nil || got.Title != title {
				t.Errorf("read back: %v %+v", err, got)
			}
		})
	}
}

// loadDump runs a dump's statements on the database at url and returns the
// application password its first line records.
func loadDump(t *testing.T, url, path string) (appPassword string) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	db, conn := rawConn(t, url)
	defer db.Close()
	defer conn.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	var stmt strings.Builder
	for sc.Scan() {
		line := sc.Text()
		if ap, ok := strings.CutPrefix(line, "-- application password of keeper: "); ok {
			appPassword = ap
			continue
		}
		// Statements end at a line ending in ";": both dumps write a newline
		// inside a value as an escape, never as a line break.
		stmt.WriteString(line)
		stmt.WriteByte('\n')
		if strings.HasSuffix(strings.TrimSpace(line), ";") {
			if _, err := conn.ExecContext(context.Background(), stmt.String()); err != nil {
				t.Fatalf("%s: %v\n%s", path, err, stmt.String())
			}
			stmt.Reset()
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if appPassword == "" {
		t.Fatalf("%s names no application password", path)
	}
	return appPassword
}

// rawConn is one connection to the database at url, outside any store (a
// dump's statements rely on session state).
func rawConn(t *testing.T, url string) (*sql.DB, *sql.Conn) {
	t.Helper()
	du, err := models.ParseDatabaseURL(url)
	if err != nil {
		t.Fatal(err)
	}
	driver := "sqlite"
	if du.Dialect == models.DialectMySQL {
		driver = "mysql"
	}
	db, err := sql.Open(driver, du.DSN)
	if err != nil {
		t.Fatal(err)
	}
	conn, err := db.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return db, conn
}

// tableData is a table's columns and its rows, each row one string.
type tableData struct {
	columns []string
	rows    []string
}

// readTables reads every row of every table but schema_migrations (which
// grows by design). With earlier, a table is read with the columns it had
// then, since later steps may add columns.
func readTables(t *testing.T, url string, earlier map[string]tableData) map[string]tableData {
	t.Helper()
	db, conn := rawConn(t, url)
	defer db.Close()
	defer conn.Close()
	ctx := context.Background()
	quote := `"`
	if fixturestest.Dialect() == models.DialectMySQL {
		quote = "`"
	}
	out := map[string]tableData{}
	for _, table := range tableNames(t, conn) {
		if table == "schema_migrations" {
			continue
		}
		columns := "*"
		if old, ok := earlier[table]; ok {
			columns = quote + strings.Join(old.columns, quote+", "+quote) + quote
		}
		rows, err := conn.QueryContext(ctx, "SELECT "+columns+" FROM "+quote+table+quote)
		if err != nil {
			t.Fatalf("%s: %v", table, err)
		}
		var data tableData
		data.columns, err = rows.Columns()
		if err != nil {
			t.Fatal(err)
		}
		values := make([]any, len(data.columns))
		ptrs := make([]any, len(values))
		for i := range values {
			ptrs[i] = &values[i]
		}
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatalf("%s: %v", table, err)
			}
			cells := make([]string, len(values))
			for i, v := range values {
				if b, ok := v.([]byte); ok {
					v = string(b)
				}
				cells[i] = fmt.Sprintf("%s=%v", data.columns[i], v)
			}
			data.rows = append(data.rows, strings.Join(cells, " "))
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		_ = rows.Close()
		out[table] = data
	}
	return out
}

func tableNames(t *testing.T, conn *sql.Conn) []string {
	t.Helper()
	query := "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
	if fixturestest.Dialect() == models.DialectMySQL {
		query = "SHOW TABLES"
	}
	rows, err := conn.QueryContext(context.Background(), query)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			t.Fatal(err)
		}
		names = append(names, n)
	}
	return names
}

// lostRows lists the rows of before that after no longer holds.
func lostRows(before, after map[string]tableData) []string {
	var lost []string
	for table, old := range before {
		have := map[string]int{}
		for _, row := range after[table].rows {
			have[row]++
		}
		for _, row := range old.rows {
			if have[row] == 0 {
				lost = append(lost, table+": "+row)
				continue
			}
			have[row]--
		}
	}
	return lost
}

// appliedSteps lists the versions schema_migrations records.
func appliedSteps(t *testing.T, s *models.Store) []int {
	t.Helper()
	var versions []int
	if err := s.DB().Table("schema_migrations").Order("version").Pluck("version", &versions).Error; err != nil {
		t.Fatal(err)
	}
	return versions
}

// tableShape describes every table as its sorted columns with their types.
func tableShape(t *testing.T, s *models.Store) []string {
	t.Helper()
	m := s.DB().Migrator()
	tables, err := m.GetTables()
	if err != nil {
		t.Fatal(err)
	}
	var shape []string
	for _, table := range tables {
		types, err := m.ColumnTypes(table)
		if err != nil {
			t.Fatal(err)
		}
		var cols []string
		for _, c := range types {
			cols = append(cols, c.Name()+" "+strings.ToLower(c.DatabaseTypeName()))
		}
		slices.Sort(cols)
		shape = append(shape, table+"("+strings.Join(cols, ", ")+")")
	}
	slices.Sort(shape)
	return shape
}
