package models

import (
	"strings"
	"testing"
)

// The writer's and the read pool's DSNs add their parameters to the path,
// after its own query when it has one, and differ where they must: only
// the writer sets WAL and IMMEDIATE transactions, only the readers refuse
// writes; both keep the time format.
func TestSQLiteDSNs(t *testing.T) {
	tests := []struct {
		name, dsn, prefix string
		has, hasNot       []string
	}{
		{"writer", sqliteDSN("p.db"), "p.db?_pragma=",
			[]string{"journal_mode(WAL)", "_txlock=immediate", "_time_format=sqlite"}, []string{"query_only"}},
		{"writer, path with a query", sqliteDSN("file:p.db?cache=private"), "file:p.db?cache=private&_pragma=",
			[]string{"journal_mode(WAL)"}, nil},
		{"readers", sqliteReaderDSN("p.db"), "p.db?_pragma=",
			[]string{"query_only(1)", "_time_format=sqlite", "_timezone=UTC"}, []string{"journal_mode", "_txlock"}},
		{"readers, path with a query", sqliteReaderDSN("file:p.db?cache=private"), "file:p.db?cache=private&_pragma=",
			[]string{"query_only(1)"}, nil},
	}
	for _, tt := range tests {
		if !strings.HasPrefix(tt.dsn, tt.prefix) || strings.Count(tt.dsn, "?") != 1 {
			t.Errorf("%s: %q, want one query, starting %q", tt.name, tt.dsn, tt.prefix)
		}
		for _, s := range tt.has {
			if !strings.Contains(tt.dsn, s) {
				t.Errorf("%s: %q lacks %q", tt.name, tt.dsn, s)
			}
		}
		for _, s := range tt.hasNot {
			if strings.Contains(tt.dsn, s) {
				t.Errorf("%s: %q has %q", tt.name, tt.dsn, s)
			}
		}
	}
}
