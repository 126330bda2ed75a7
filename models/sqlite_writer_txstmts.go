package models

import (
	"context"
	"database/sql"
	"sync"
)

// GORM keeps prepared statements, but one first prepared inside a
// transaction belongs to that transaction, and GORM prepares it again in
// every later one: on SQLite, where every write is a transaction, each
// statement of a write was parsed anew each time (a third of the cost of
// inserting a post). So the writer keeps its own: a statement a
// transaction runs is prepared on the writer's connection once that
// transaction has ended, and later transactions run it through that
// preparation (sql.Tx.StmtContext), which database/sql reuses as long as the
// connection lives.

// keepable reports whether a transaction's statement may be kept: queries
// and row writes only. GORM names each savepoint at random (SAVEPOINT
// sp<random>, ROLLBACK TO …), and a migration's DDL runs once: kept, they
// filled the bound with texts never run again, after which no statement
// was kept at all.
func keepable(query string) bool {
	return sqlStartsWith(query, "SELECT", "WITH", "INSERT", "UPDATE", "DELETE", "REPLACE")
}

// maxTxStatements bounds txStatements: queries whose text varies (IN lists
// of every length) stop being added when it is full, and are prepared per
// use, as before.
const maxTxStatements = 512

// txStatements are the writer's prepared statements, by query.
type txStatements struct {
	mu    sync.RWMutex
	stmts map[string]*sql.Stmt
}

func (c *txStatements) get(query string) *sql.Stmt {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.stmts[query]
}

// prepare prepares queries on db, the writer, which no transaction may be
// using; a query that fails to prepare is left out (it runs as before).
func (c *txStatements) prepare(db *sql.DB, queries []string) {
	if len(queries) == 0 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, q := range queries {
		if _, ok := c.stmts[q]; ok || len(c.stmts) >= maxTxStatements {
			continue
		}
		st, err := db.PrepareContext(context.Background(), q)
		if err != nil {
			continue
		}
		if c.stmts == nil {
			c.stmts = map[string]*sql.Stmt{}
		}
		c.stmts[q] = st
	}
}
