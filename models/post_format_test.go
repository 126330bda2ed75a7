package models_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/presspass/presspass/fixtures/fixturestest"
	"github.com/presspass/presspass/models"
	"gorm.io/gorm"
)

// The format search (which formats have posts) finds them by index
// lookups that read no post: every statement it runs on posts is a lookup
// of type and format in idx_posts_type_format, covered by the index. A
// DISTINCT over the posts' formats reads every post of the type, which the
// plans show as a lookup of the type alone (SQLite) or a temporary table
// (MariaDB). On SQLite EXPLAIN QUERY PLAN, on MariaDB EXPLAIN.
func TestPostFormatSearchUsesIndex(t *testing.T) {
	ctx := context.Background()
	s := fixturestest.Open(t)
	author := newUser(t, s, "fay", "author")
	for _, f := range []string{"aside", "", "quote", "aside"} {
		if _, err := s.CreatePost(ctx, author, models.PostInput{Title: strp("F " + f), Status: strp("publish"), Format: strp(f)}); err != nil {
			t.Fatal(err)
		}
	}
	type statement struct {
		sql  string
		vars []any
	}
	var seen []statement
	capture := func(tx *gorm.DB) {
		if sql := tx.Statement.SQL.String(); strings.Contains(sql, "posts") {
			seen = append(seen, statement{sql, append([]any(nil), tx.Statement.Vars...)})
		}
	}
	for _, cb := range []interface {
		Register(string, func(*gorm.DB)) error
	}{s.DB().Callback().Query().After("gorm:query"), s.DB().Callback().Row().After("gorm:row")} {
		if err := cb.Register("test:capture", capture); err != nil {
			t.Fatal(err)
		}
	}
	hits, total, err := s.Search(ctx, nil, models.SearchQuery{Type: models.SearchPostFormats})
	if err != nil {
		t.Fatal(err)
	}
	_ = s.DB().Callback().Query().Remove("test:capture")
	_ = s.DB().Callback().Row().Remove("test:capture")
	var found []string
	for _, h := range hits {
		found = append(found, h.Format.Slug)
	}
	if got := fmt.Sprint(total, found); got != "2 [aside quote]" {
		t.Errorf("found %s, want 2 [aside quote]", got)
	}
	if len(seen) == 0 {
		t.Fatal("no statement on posts seen")
	}
	sqlite := fixturestest.Dialect() == models.DialectSQLite
	for _, st := range seen {
		explain := "EXPLAIN "
		if sqlite {
			explain = "EXPLAIN QUERY PLAN "
		}
		rows, err := s.DB().Raw(explain+st.sql, st.vars...).Rows()
		if err != nil {
			t.Fatalf("%s: %v", st.sql, err)
		}
		plan, err := planRows(rows)
		if err != nil {
			t.Fatal(err)
		}
		lookups := 0
		for _, p := range plan {
			switch {
			case sqlite && strings.Contains(p["detail"], "posts"):
				// SEARCH posts USING COVERING INDEX idx_posts_type_format (type=? AND format=?)
				if !strings.HasPrefix(p["detail"], "SEARCH posts USING COVERING INDEX idx_posts_type_format (type=? AND format=?)") {
					t.Errorf("%s\nreads posts: %s", st.sql, p["detail"])
				}
				lookups++
			case !sqlite && p["table"] == "posts":
				if p["key"] != "idx_posts_type_format" || p["ref"] != "const,const" || !strings.Contains(p["Extra"], "Using index") ||
					strings.Contains(p["Extra"], "temporary") {
					t.Errorf("%s\nreads posts: %v", st.sql, p)
				}
				lookups++
			}
		}
		if lookups == 0 {
			t.Errorf("%s\nplan names no lookup in posts: %v", st.sql, plan)
		}
	}
}

// planRows reads an EXPLAIN's rows as column → text.
func planRows(rows interface {
	Columns() ([]string, error)
	Next() bool
	Scan(...any) error
	Close() error
}) ([]map[string]string, error) {
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	var out []map[string]string
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		row := map[string]string{}
		for i, c := range cols {
			switch v := vals[i].(type) {
			case nil:
			case []byte:
				row[c] = string(v)
			default:
				row[c] = fmt.Sprint(v)
			}
		}
		out = append(out, row)
	}
	return out, nil
}
