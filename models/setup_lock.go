package models

import (
	"context"
	cryptorand "crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"time"

	"gorm.io/gorm"
)

// Several processes may start together on one empty database (replicas
// behind a load balancer, one process beside each node of a Galera
// cluster). What they set up must be done once: the migrations, and the
// first administrator. The setup lock serialises that work across every
// process:
//
//   - On SQLite the work runs in one write transaction (BEGIN IMMEDIATE):
//     SQLite lets one writer in at a time, and the others wait their turn
//     in its busy handler.
//   - On MySQL and MariaDB a named lock (GET_LOCK) would do on one server,
//     but on a Galera cluster named locks are local to each node, and so
//     are row locks (SELECT … FOR UPDATE): two nodes grant them at once.
//     What every node agrees on is a committed write. So the lock is a row
//     of setup_locks that a process claims with an UPDATE naming itself
//     while the row is free or its claim has expired. Galera certifies
//     conflicting writes to one row in one order for the whole cluster: of
//     two processes claiming at once only one commits, the other's UPDATE
//     fails (a deadlock error) or finds the row taken. The holder renews its
//     claim while it works and clears it when done; a holder that stopped
//     loses it when the claim expires.

// setupLocksTable is created before any migration runs (the lock guards
// them), with IF NOT EXISTS, which every process may run at once: on a
// Galera cluster DDL runs in one order on every node.
const setupLocksTable = "CREATE TABLE IF NOT EXISTS setup_locks (" +
	"name VARCHAR(64) NOT NULL PRIMARY KEY, " +
	"holder VARCHAR(80) NOT NULL DEFAULT '', " +
	"expires_at DATETIME(6) NULL) ENGINE=InnoDB"

// The claim's life, how often the holder renews it, and how long a waiting
// process sleeps between attempts (with jitter, so that several waiting
// processes do not claim in lockstep).
var (
	setupClaimFor   = 15 * time.Second
	setupRenewEvery = 3 * time.Second
	setupRetryAfter = 100 * time.Millisecond
)

// setupLockName is the one lock that migrations and the first
// administrator share.
const setupLockName = "setup"

// underSetupLock runs fn while no other process runs setup work on this
// database. On SQLite fn gets a Store bound to the write transaction; on
// MySQL this Store.
func (s *Store) underSetupLock(ctx context.Context, fn func(s *Store) error) error {
	if s.dialect != DialectMySQL {
		return s.InTx(ctx, fn)
	}
	claim, err := s.claimSetupLock(ctx)
	if err != nil {
		return err
	}
	defer claim.release()
	return fn(s)
}

// setupClaim is a held setup lock: the renewer keeps it until release.
type setupClaim struct {
	db       *gorm.DB
	holder   string
	prepared bool // the table and the lock's row exist
	stop     chan struct{}
	done     chan struct{}
}

// claimSetupLock waits until this process holds the setup lock.
func (s *Store) claimSetupLock(ctx context.Context) (*setupClaim, error) {
	db := s.db.WithContext(ctx)
	c := &setupClaim{db: s.db, holder: setupHolderName(), stop: make(chan struct{}), done: make(chan struct{})}
	for {
		var ok bool
		err := c.prepare(db)
		if err == nil {
			ok, err = c.try(db)
		}
		switch {
		case ok:
			go c.renew()
			return c, nil
		case err != nil && !isRetryableWrite(err):
			return nil, fmt.Errorf("setup lock: %w", err)
		}
		t := time.NewTimer(setupRetryAfter/2 + rand.N(setupRetryAfter))
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			return nil, fmt.Errorf("setup lock: %w", ctx.Err())
		}
	}
}

// prepare makes sure the lock's table and row exist, once per claim. The
// table is created only when missing: on a Galera cluster every DDL
// statement, even one that changes nothing, pauses the whole cluster.
func (c *setupClaim) prepare(db *gorm.DB) error {
	if c.prepared {
		return nil
	}
	var tables []string
	if err := db.Raw("SHOW TABLES LIKE 'setup_locks'").Scan(&tables).Error; err != nil {
		return err
	}
	if len(tables) == 0 {
		if err := db.Exec(setupLocksTable).Error; err != nil {
			return err
		}
	}
	if err := db.Exec("INSERT IGNORE INTO setup_locks (name) VALUES (?)", setupLockName).Error; err != nil {
		return err
	}
	c.prepared = true
	return nil
}

// try claims the lock once: true when this process holds it now.
func (c *setupClaim) try(db *gorm.DB) (bool, error) {
	res := db.Exec("UPDATE setup_locks SET holder = ?, expires_at = NOW(6) + INTERVAL ? MICROSECOND "+
		"WHERE name = ? AND (holder = '' OR expires_at IS NULL OR expires_at < NOW(6))",
		c.holder, setupClaimFor.Microseconds(), setupLockName)
	return res.Error == nil && res.RowsAffected == 1, res.Error
}

// renew extends the claim until release; a claim that could not be renewed
// (the database away for longer than the claim lives) may pass to another
// process, whose work is written to be safe to repeat.
func (c *setupClaim) renew() {
	defer close(c.done)
	t := time.NewTicker(setupRenewEvery)
	defer t.Stop()
	for {
		select {
		case <-c.stop:
			return
		case <-t.C:
			ctx, cancel := context.WithTimeout(context.Background(), setupRenewEvery)
			c.db.WithContext(ctx).Exec("UPDATE setup_locks SET expires_at = NOW(6) + INTERVAL ? MICROSECOND WHERE name = ? AND holder = ?",
				setupClaimFor.Microseconds(), setupLockName, c.holder)
			cancel()
		}
	}
}

// release stops renewing and frees the lock for the next process.
func (c *setupClaim) release() {
	close(c.stop)
	<-c.done
	for attempt := 0; attempt < 5; attempt++ {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		err := c.db.WithContext(ctx).Exec("UPDATE setup_locks SET holder = '', expires_at = NULL WHERE name = ? AND holder = ?",
			setupLockName, c.holder).Error
		cancel()
		if err == nil || !isRetryableWrite(err) {
			// Not freed: the claim expires by itself.
			return
		}
		time.Sleep(retryPause(attempt))
	}
}

// setupHolderName names this process in setup_locks, for an operator who
// wonders who holds the lock.
func setupHolderName() string {
	host, _ := os.Hostname()
	var b [6]byte
	_, _ = cryptorand.Read(b[:])
	name := fmt.Sprintf("%s/%d/%s", host, os.Getpid(), hex.EncodeToString(b[:]))
	if len(name) > 80 {
		name = name[len(name)-80:]
	}
	return name
}

// CreateFirstAdministrator creates the administrator described by in when
// the site has no user yet, and with it, when sampleContent is true, the
// sample post, comment and pages of a fresh WordPress site
// (sample_content.go). It works under the setup lock so that of several
// processes starting together exactly one sets the site up. It returns nil,
// nil when the site already has users.
func (s *Store) CreateFirstAdministrator(ctx context.Context, in UserInput, sampleContent bool) (*User, error) {
	role := "administrator"
	in.Role = &role
	var created *User
	err := s.underSetupLock(ctx, func(tx *Store) error {
		var existing []uint64
		if err := tx.withContext(ctx).Model(&User{}).Limit(1).Pluck("id", &existing).Error; err != nil {
			return Internal(err)
		}
		if len(existing) > 0 {
			return nil
		}
		u, err := tx.CreateUser(ctx, in)
		if err != nil {
			return err
		}
		if sampleContent {
			if err := tx.createSampleContent(ctx, u); err != nil {
				return err
			}
		}
		created = u
		return nil
	})
	if err != nil {
		var me *Error
		if errors.As(err, &me) {
			return nil, me
		}
		return nil, Internal(err)
	}
	return created, nil
}
