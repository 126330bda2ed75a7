package models

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"strings"
	"sync"
	"time"

	"gorm.io/gorm"
)

// Successful logins are remembered in process memory so that an
// authenticated request costs one tiny query instead of three (lock check,
// user, application password) — and no bcrypt for main passwords.
//
// Correctness across processes rests on the auth epoch: a single row whose
// version every write to users or application passwords, and every new
// lockout, increments in the same transaction (a GORM callback does it for
// every writer, so no code path can forget). A cached login is used only
// while the epoch it was made under is still current, so a revoke, a password
// or role change, a deleted user or a lockout on any process takes effect on
// the very next request everywhere. Entries are keyed by client address,
// login and a keyed digest of the credential: a locked-out address never gets
// an entry, and nothing secret is kept (the app-password key is its stored
// fast hash; main passwords are HMACed with a random per-process key).

// authEpoch is the single-row table of the epoch.
type authEpoch struct {
	ID      uint64 `gorm:"primaryKey;autoIncrement:false"`
	Version int64  `gorm:"not null"`
}

func (authEpoch) TableName() string { return "auth_epochs" }

func init() {
	registerMigration(4, "auth epoch", func(tx *gorm.DB) error {
		if err := createTables(&authEpoch{})(tx); err != nil {
			return err
		}
		var n int64
		if err := tx.Model(&authEpoch{}).Count(&n).Error; err != nil {
			return err
		}
		if n == 0 {
			return tx.Create(&authEpoch{ID: authEpochID, Version: 1}).Error
		}
		return nil
	})
	registerMigration(5, "content epoch", func(tx *gorm.DB) error {
		var n int64
		if err := tx.Model(&authEpoch{}).Where("id = ?", contentEpochID).Count(&n).Error; err != nil {
			return err
		}
		if n == 0 {
			return tx.Create(&authEpoch{ID: contentEpochID, Version: 1}).Error
		}
		return nil
	})
}

// epochTables are the tables whose writes invalidate cached logins.
var epochTables = map[string]bool{"users": true, "app_passwords": true}

// Epoch rows of auth_epochs.
const (
	authEpochID    = 1
	contentEpochID = 2
)

// contentEpochExempt are the tables whose writes change nothing a visitor
// can see through the API; a write to any other table bumps the content
// epoch, so a table added later is covered without anyone remembering to.
var contentEpochExempt = map[string]bool{
	"app_passwords": true, "auth_throttles": true, "audit_events": true, "auth_epochs": true, "sessions": true,
	"login_challenges": true, "two_factor_steps": true, "schema_migrations": true,
	"wp_import_users": true, "wp_import_app_passwords": true,
}

// skipEpochKey marks a statement that changes nothing a login depends on
// (usage stamps), so it does not invalidate every cached login.
const skipEpochKey = "presspass:skip_auth_epoch"

// registerEpochCallbacks bumps the epoch after every create, update or delete
// of users and application passwords, inside the same transaction.
func registerEpochCallbacks(db *gorm.DB, lease *epochLease) error {
	bump := func(db *gorm.DB) {
		if db.Error != nil || db.Statement.RowsAffected == 0 {
			return
		}
		if skip, ok := db.Get(skipEpochKey); ok && skip == true {
			return
		}
		table := db.Statement.Table
		auth, content := epochTables[table], !contentEpochExempt[table]
		if !auth && !content {
			return
		}
		if err := bumpEpochs(db.Statement.Context, db.Statement.ConnPool, lease, auth, content); err != nil {
			_ = db.AddError(err)
		}
	}
	if err := db.Callback().Create().After("gorm:create").Register("presspass:auth_epoch_create", bump); err != nil {
		return err
	}
	if err := db.Callback().Update().After("gorm:update").Register("presspass:auth_epoch_update", bump); err != nil {
		return err
	}
	return db.Callback().Delete().After("gorm:delete").Register("presspass:auth_epoch_delete", bump)
}

// epochLockFence, added to a bump on MySQL, makes it change nothing unless
// the given connection holds the epoch lock (epoch_lease.go).
const epochLockFence = " AND IS_USED_LOCK(CONCAT('presspass-epochs:', SHA1(DATABASE()))) = ?"

// bumpEpochs increments the auth and/or content epoch through exec (the
// writer's transaction, if any). On MySQL the bump is fenced by the epoch
// lock, taken first if another process holds it.
func bumpEpochs(ctx context.Context, exec gorm.ConnPool, lease *epochLease, auth, content bool) error {
	q, rows := "UPDATE auth_epochs SET version = version + 1 WHERE id IN (1, 2)", int64(2)
	switch {
	case !content:
		q, rows = "UPDATE auth_epochs SET version = version + 1 WHERE id = 1", 1
	case !auth:
		q, rows = "UPDATE auth_epochs SET version = version + 1 WHERE id = 2", 1
	}
	if lease == nil {
		_, err := exec.ExecContext(ctx, q)
		return err
	}
	// A try fails only when the lock moved between taking it and the
	// UPDATE; a few tries are plenty.
	for try := 0; try < 5; try++ {
		id, err := lease.holder(ctx)
		if err != nil {
			return err
		}
		if id == 0 { // no named locks on this server: nobody trusts a lease
			_, err := exec.ExecContext(ctx, q)
			return err
		}
		res, err := exec.ExecContext(ctx, q+epochLockFence, id)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err == nil && n == rows {
			lease.bumped()
			return nil
		}
		lease.lost(id)
	}
	return errors.New("epoch lock: lost it on every try")
}

// bumpAuthEpoch invalidates every cached login (a new lockout).
func (s *Store) bumpAuthEpoch(ctx context.Context, tx *gorm.DB) error {
	db := tx
	if db == nil {
		db = s.withContext(ctx)
	}
	return bumpEpochs(ctx, db.Statement.ConnPool, s.lease, true, false)
}

// currentAuthEpoch reads the auth epoch — with the content epoch, in the
// same query, so that every authenticated request also notices content
// changes made elsewhere (observeContentEpoch).
func (s *Store) currentAuthEpoch(ctx context.Context) (int64, error) {
	auth, _, err := s.Epochs(ctx)
	return auth, err
}

// observeContentEpoch drops the in-process option cache when the content
// epoch moved, so that settings changed by another process are seen.
func (s *Store) observeContentEpoch(v int64) {
	if s.seenContent == nil {
		return
	}
	if old := s.seenContent.Swap(v); old != 0 && old != v {
		s.optionsMu.Lock()
		s.optionsCache = nil
		s.optionsMu.Unlock()
	}
}

// ContentEpoch returns a number that changes whenever anything a visitor can
// see through the API changes, on any process: adapters may serve a cached
// anonymous answer made under the same epoch.
func (s *Store) ContentEpoch(ctx context.Context) (int64, error) {
	_, v, err := s.Epochs(ctx)
	return v, err
}

type authEntry struct {
	user  User
	ap    *AppPassword
	epoch int64
	until time.Time
}

// authCache holds recent successful logins.
type authCache struct {
	key     [32]byte // HMAC key for main-password digests
	mu      sync.Mutex
	entries map[string]*authEntry
	max     int
	ttl     time.Duration
}

func newAuthCache(key [32]byte, max int, ttl time.Duration) *authCache {
	return &authCache{key: key, entries: make(map[string]*authEntry), max: max, ttl: ttl}
}

func cacheKey(ip, login, credential string) string {
	return ip + "\x00" + strings.ToLower(login) + "\x00" + credential
}

// mainPasswordDigest keys a main password without keeping it.
func (c *authCache) mainPasswordDigest(password string) string {
	m := hmac.New(sha256.New, c.key[:])
	m.Write([]byte(password))
	return "main:" + hex.EncodeToString(m.Sum(nil))
}

// get returns copies of a cached login made under epoch.
func (c *authCache) get(key string, epoch int64, now time.Time) (*User, *AppPassword, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[key]
	if !ok || e.epoch != epoch || now.After(e.until) {
		if ok {
			delete(c.entries, key)
		}
		return nil, nil, false
	}
	u := e.user
	var ap *AppPassword
	if e.ap != nil {
		cp := *e.ap
		ap = &cp
	}
	return &u, ap, true
}

// put remembers a successful login made under epoch.
func (c *authCache) put(key string, u *User, ap *AppPassword, epoch int64, now time.Time) {
	e := &authEntry{user: *u, epoch: epoch, until: now.Add(c.ttl)}
	if ap != nil {
		cp := *ap
		e.ap = &cp
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.entries) >= c.max {
		for k := range c.entries { // random eviction: map order is random
			delete(c.entries, k)
			if len(c.entries) < c.max*3/4 {
				break
			}
		}
	}
	c.entries[key] = e
}

// Epochs reads the auth and content epochs in one query, for adapters that
// cache whole authenticated answers: such an answer stays valid while both
// are unchanged.
func (s *Store) Epochs(ctx context.Context) (auth, content int64, err error) {
	if s.sqlDB != nil && s.epochs != nil {
		auth, content, err = s.epochs.read(ctx)
	} else {
		var rows *sql.Rows
		if rows, err = s.withContext(ctx).Raw(epochQuery).Rows(); err == nil {
			auth, content, err = scanEpochs(rows)
		}
	}
	if err != nil {
		return 0, 0, Internal(err)
	}
	s.observeContentEpoch(content)
	return auth, content, nil
}
