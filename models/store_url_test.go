package models_test

import (
	"strings"
	"testing"

	"github.com/presspass/presspass/models"
)

func TestParseDatabaseURL(t *testing.T) {
	tests := []struct {
		raw         string
		dialect     models.Dialect
		dsnHas      []string
		display     string
		errContains string
	}{
		{raw: "sqlite:presspass.db", dialect: models.DialectSQLite, display: "sqlite:presspass.db",
			dsnHas: []string{"presspass.db?", "journal_mode(WAL)", "busy_timeout(10000)", "_txlock=immediate",
				"_time_format=sqlite", "_timezone=UTC"}},
		{raw: "sqlite:///var/lib/p.db", dialect: models.DialectSQLite, dsnHas: []string{"/var/lib/p.db?"}},
		// MySQL: arguments interpolated by the driver, so that no
		// server-side statement is prepared per distinct query text and
		// connection (they add up past max_prepared_stmt_count).
		{raw: "mysql://u:secret@db/press", dialect: models.DialectMySQL, display: "mysql://u:xxxxx@db/press",
			dsnHas: []string{"u:secret@tcp(db:3306)/press?", "interpolateParams=true", "parseTime=true", "charset=utf8mb4", "loc=UTC"}},
		{raw: "mysql://u@db:3307/press?interpolateParams=false", dialect: models.DialectMySQL,
			dsnHas: []string{"tcp(db:3307)", "interpolateParams=false"}},
		{raw: "mysql://u@db/", errContains: "needs a host and a database name"},
		{raw: "postgres://x/y", errContains: "want sqlite:PATH or mysql://"},
		{raw: "sqlite:", errContains: "names no file"},
	}
	for _, tt := range tests {
		t.Run(tt.raw, func(t *testing.T) {
			du, err := models.ParseDatabaseURL(tt.raw)
			if tt.errContains != "" {
				if err == nil || !strings.Contains(err.Error(), tt.errContains) {
					t.Fatalf("error %v, want one containing %q", err, tt.errContains)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if du.Dialect != tt.dialect {
				t.Errorf("dialect %q", du.Dialect)
			}
			for _, want := range tt.dsnHas {
				if !strings.Contains(du.DSN, want) {
					t.Errorf("DSN %q lacks %q", du.DSN, want)
				}
			}
			if tt.display != "" && du.Display != tt.display {
				t.Errorf("display %q, want %q", du.Display, tt.display)
			}
			if strings.Contains(du.Display, "secret") {
				t.Errorf("display shows the password: %q", du.Display)
			}
		})
	}
}
