package epoch

import (
	"fmt"
	"math/rand/v2"
	"reflect"
)

// On MySQL a bump does not update one row that every write in the site
// shares. On a Galera cluster two transactions on different nodes that
// update the same row cannot both commit: certification lets the first
// through and fails the other, so one hot row would fail most concurrent
// writes of a cluster; on one server every writer would queue for that
// row's lock until its commit.
//
// So each epoch is a sum. Its rows in epoch_stripes are keyed by the
// server's node name and a stripe number, and a bump adds one to one of
// them (creating it at its first bump). Writers on different Galera nodes
// never touch the same row; writers on one node spread over the stripes. A
// sum only grows, by one at every committed bump, so "the epochs are
// unchanged" still means "nothing was committed". Readers add up the
// stripes and the two rows of auth_epochs, which older releases bumped and
// which an operator who edited the database by hand may bump still.

// stripes is how many rows each node spreads an epoch's bumps over.
const stripes = 8

// mysqlQuery reads every row that makes up the epochs (scan adds them up).
const mysqlQuery = "SELECT id, version FROM auth_epochs WHERE id IN (1, 2) UNION ALL SELECT id, version FROM epoch_stripes"

// mysqlQueryLocking also waits for transactions that have bumped and not
// yet committed (lease.go); a new stripe row being inserted is waited for
// too.
const mysqlQueryLocking = "(SELECT id, version FROM auth_epochs WHERE id IN (1, 2) LOCK IN SHARE MODE) " +
	"UNION ALL (SELECT id, version FROM epoch_stripes LOCK IN SHARE MODE)"

// galeraCausal makes a statement on a Galera node wait until the node has
// applied every write set the cluster certified before the statement began.
const galeraCausal = "SET STATEMENT wsrep_sync_wait = 1 FOR "

// stripeBumps are the statements that add one to the named epochs' stripe
// rows, unfenced and fenced by the epoch lock (lease.go). Arguments: node,
// stripe, and for the fenced ones the lock holder's connection id. Both
// epochs' rows are taken in one order (auth first), like every bump.
var stripeBumps = func() (b [Auth | Content + 1]struct{ unfenced, fenced string }) {
	for _, which := range []Which{Auth, Content, Auth | Content} {
		ids := "SELECT 1 AS id"
		switch which {
		case Content:
			ids = "SELECT 2 AS id"
		case Auth | Content:
			ids = "SELECT 1 AS id UNION ALL SELECT 2"
		}
		stmt := fmt.Sprintf("INSERT INTO epoch_stripes (id, node, stripe, version) SELECT e.id, ?, ?, 1 FROM (%s) e WHERE %%s "+
			"ON DUPLICATE KEY UPDATE version = epoch_stripes.version + 1", ids)
		b[which].unfenced = fmt.Sprintf(stmt, "TRUE")
		b[which].fenced = fmt.Sprintf(stmt, "IS_USED_LOCK(CONCAT('presspass-epochs:', SHA1(DATABASE()))) = ?")
	}
	return b
}()

// stripeFor picks the stripe for a bump through tx. Every bump of one
// transaction lands on the same stripe, so that a transaction holds one
// row per epoch and two transactions cannot take two rows in opposite
// orders; a statement outside a transaction takes any.
func stripeFor(tx Execer) int {
	v := reflect.ValueOf(tx)
	if v.Kind() != reflect.Pointer || v.IsNil() || !inTransaction(tx) {
		return rand.IntN(stripes)
	}
	// Fibonacci hashing: allocations are aligned, so the low bits of an
	// address say little.
	return int((uint64(v.Pointer()) * 0x9E3779B97F4A7C15 >> 32) % stripes)
}

// inTransaction reports whether tx is a transaction rather than a pool.
func inTransaction(tx Execer) bool {
	_, committer := tx.(interface{ Commit() error })
	return committer
}
