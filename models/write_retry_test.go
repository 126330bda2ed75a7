package models_test

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"

	mysqldriver "github.com/go-sql-driver/mysql"
	"github.com/presspass/presspass/fixtures/fixturestest"
	"github.com/presspass/presspass/models"
	"gorm.io/gorm"
)

// A write transaction that the database keeps undoing (a deadlock victim, a
// Galera certification failure: error 1213) is tried five times, then
// refused as unavailable — 503 with Retry-After — not as a server fault.
func TestWriteConflictRetriedThenUnavailable(t *testing.T) {
	s := fixturestest.Open(t)
	var tries int
	err := models.TransactionForTest(s, context.Background(), func(tx *gorm.DB) error {
		tries++
		return &mysqldriver.MySQLError{Number: 1213, Message: "Deadlock found when trying to get lock; try restarting transaction"}
	})
	var me *models.Error
	if tries != 5 || !errors.As(err, &me) || me.Kind != models.KindUnavailable || me.Reason != models.ReasonWriteConflict ||
		me.Details.RetryAfter != 1 {
		t.Fatalf("after %d tries: %#v", tries, err)
	}
	// Any other failure is not tried again.
	tries = 0
	_ = models.TransactionForTest(s, context.Background(), func(tx *gorm.DB) error {
		tries++
		return &mysqldriver.MySQLError{Number: 1062, Message: "Duplicate entry"}
	})
	if tries != 1 {
		t.Fatalf("a duplicate key was tried %d times", tries)
	}
	// A Galera node that is not ready answers 1047: unavailable too.
	if e := models.Internal(&mysqldriver.MySQLError{Number: 1047, Message: "WSREP has not yet prepared node for application use"}); e.Kind != models.KindUnavailable || e.Reason != models.ReasonDatabaseUnavailable {
		t.Fatalf("1047: %#v", e)
	}
}

// Two transactions that lock two rows in opposite orders deadlock: InnoDB
// undoes one, and it is run again from the start and commits, so both
// writes are there.
func TestDeadlockVictimRunsAgain(t *testing.T) {
	if fixturestest.Dialect() != models.DialectMySQL {
		t.Skip("needs InnoDB's deadlock detection (PRESSPASS_TEST_MYSQL_DSN)")
	}
	s := fixturestest.Open(t)
	ctx := context.Background()
	db := s.DB()
	for _, q := range []string{
		"CREATE TABLE deadlock_rows (id INT PRIMARY KEY, v INT NOT NULL)",
		"INSERT INTO deadlock_rows (id, v) VALUES (1, 0), (2, 0)",
	} {
		if err := db.Exec(q).Error; err != nil {
			t.Fatal(err)
		}
	}
	var runs atomic.Int32
	var holding sync.WaitGroup // each first run holds its first row
	holding.Add(2)
	write := func(first, second int) error {
		firstRun := true
		return models.TransactionForTest(s, ctx, func(tx *gorm.DB) error {
			runs.Add(1)
			if err := tx.Exec("UPDATE deadlock_rows SET v = v + 1 WHERE id = ?", first).Error; err != nil {
				return err
			}
			if firstRun {
				firstRun = false
				holding.Done()
				holding.Wait()
			}
			return tx.Exec("UPDATE deadlock_rows SET v = v + 1 WHERE id = ?", second).Error
		})
	}
	errs := make(chan error, 2)
	go func() { errs <- write(1, 2) }()
	go func() { errs <- write(2, 1) }()
	for range 2 {
		if err := <-errs; err != nil {
			t.Fatalf("a write failed: %v", err)
		}
	}
	var sum int
	if err := db.Raw("SELECT SUM(v) FROM deadlock_rows").Scan(&sum).Error; err != nil {
		t.Fatal(err)
	}
	if sum != 4 || runs.Load() < 3 {
		t.Fatalf("sum %d after %d runs; want 4 after at least 3 (one victim run again)", sum, runs.Load())
	}
}
