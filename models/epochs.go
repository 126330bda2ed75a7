package models

import (
	"context"

	"github.com/presspass/presspass/models/epoch"
	"gorm.io/gorm"
)

// The epochs (package epoch) keep every process's caches true to the
// database: the auth epoch moves with every write to users or application
// passwords and every new lockout, the content epoch with every write to
// anything a visitor can see. Here models decides which writes move which:
// a GORM callback bumps them inside the writing transaction, for every
// writer, so no code path can forget.

// authEpoch is the single-row table of the epoch.
type authEpoch struct {
	ID      uint64 `gorm:"primaryKey;autoIncrement:false"`
	Version int64  `gorm:"not null"`
}

func (authEpoch) TableName() string { return "auth_epochs" }

// createAuthEpoch is migration step 4: the epochs' table and the auth epoch.
func createAuthEpoch(tx *gorm.DB) error {
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
}

// createContentEpoch is migration step 5.
func createContentEpoch(tx *gorm.DB) error {
	var n int64
	if err := tx.Model(&authEpoch{}).Where("id = ?", contentEpochID).Count(&n).Error; err != nil {
		return err
	}
	if n == 0 {
		return tx.Create(&authEpoch{ID: contentEpochID, Version: 1}).Error
	}
	return nil
}

// epochStripe is one row of an epoch's sum on MySQL (epoch/stripes.go): the
// epoch it counts for (1 auth, 2 content), the database node whose writers
// bump it, and one of that node's stripes. SQLite keeps the table empty.
type epochStripe struct {
	ID      uint8  `gorm:"primaryKey;autoIncrement:false"`
	Node    string `gorm:"primaryKey;size:64"`
	Stripe  uint8  `gorm:"primaryKey;autoIncrement:false"`
	Version int64  `gorm:"not null"`
}

func (epochStripe) TableName() string { return "epoch_stripes" }

// epochTables are the tables whose writes move the auth epoch, which
// invalidates cached logins.
var epochTables = map[string]bool{"users": true, "app_passwords": true}

// Epoch rows of auth_epochs.
const (
	authEpochID    = epoch.AuthRow
	contentEpochID = epoch.ContentRow
)

// contentEpochExempt are the tables whose writes change nothing a visitor
// can see through the API; a write to any other table bumps the content
// epoch, so a table added later is covered without anyone remembering to.
var contentEpochExempt = map[string]bool{
	"app_passwords": true, "auth_throttles": true, "audit_events": true, "auth_epochs": true, "sessions": true,
	"login_challenges": true, "two_factor_steps": true, "schema_migrations": true, "epoch_stripes": true, "setup_locks": true,
	"wp_import_users": true, "wp_import_app_passwords": true,
}

// skipEpochKey marks a statement that changes nothing a login depends on
// (usage stamps), so it does not invalidate every cached login.
const skipEpochKey = "presspass:skip_auth_epoch"

// registerEpochCallbacks bumps the epochs after every create, update or
// delete, inside the same transaction.
func registerEpochCallbacks(db *gorm.DB, epochs epoch.Source) error {
	bump := func(db *gorm.DB) {
		if db.Error != nil || db.Statement.RowsAffected == 0 {
			return
		}
		if skip, ok := db.Get(skipEpochKey); ok && skip == true {
			return
		}
		table := db.Statement.Table
		var which epoch.Which
		if epochTables[table] {
			which |= epoch.Auth
		}
		if !contentEpochExempt[table] {
			which |= epoch.Content
		}
		if which == 0 {
			return
		}
		if err := bumpNowOrAtEnd(db, epochs, which, table); err != nil {
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

// bumpAuthEpoch invalidates every cached login (a new lockout).
func (s *Store) bumpAuthEpoch(ctx context.Context, tx *gorm.DB) error {
	db := tx
	if db == nil {
		db = s.withContext(ctx)
	}
	return s.epochs.Bump(ctx, db.Statement.ConnPool, epoch.Auth)
}

// currentAuthEpoch reads the auth epoch — with the content epoch, in the
// same query, so that every authenticated request also notices content
// changes made elsewhere (observeContentEpoch).
func (s *Store) currentAuthEpoch(ctx context.Context) (int64, error) {
	e, err := s.Epochs(ctx)
	return e.Auth, err
}

// observeContentEpoch drops the in-process option cache when the content
// epoch moved through a write this process cannot vouch for (contentSeen),
// so that settings changed by another process are seen. committedBefore and
// startedAfter are the counts read just before and just after the read of v.
func (s *Store) observeContentEpoch(v, committedBefore, startedAfter int64) {
	if s.seenContent == nil {
		return
	}
	if s.seenContent.observe(v, committedBefore, startedAfter) {
		s.optionsMu.Lock()
		s.optionsCache = nil
		s.optionsGen++
		s.optionsMu.Unlock()
	}
}

// Epochs returns the auth and content epochs, for adapters that cache whole
// answers (epoch.Cache): such an answer stays valid while the epochs it
// depends on are unchanged, on every process.
func (s *Store) Epochs(ctx context.Context) (epoch.Epochs, error) {
	var e epoch.Epochs
	var err error
	var committedBefore int64
	if s.seenContent != nil {
		committedBefore = s.seenContent.committed.Load()
	}
	if s.inTx {
		// The transaction reads its own bumps, which no other connection
		// sees before the commit.
		e, err = s.epochs.ReadThrough(ctx, s.withContext(ctx).Statement.ConnPool)
	} else {
		e, err = s.epochs.Current(ctx)
	}
	if err != nil {
		return epoch.Epochs{}, Internal(err)
	}
	if s.seenContent != nil {
		s.observeContentEpoch(e.Content, committedBefore, s.seenContent.started.Load())
	}
	return e, nil
}
