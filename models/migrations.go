package models

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"
)

// Migrations are numbered steps applied in order and recorded in
// schema_migrations, so that every database — SQLite or MySQL — goes through
// the same history. A step is never edited once released; schema changes are
// new steps.
type migration struct {
	Version int
	Name    string
	Up      func(tx *gorm.DB) error
}

// schemaMigration records an applied step.
type schemaMigration struct {
	Version   int       `gorm:"primaryKey;autoIncrement:false"`
	Name      string    `gorm:"size:100;not null"`
	AppliedAt time.Time `gorm:"not null"`
}

func (schemaMigration) TableName() string { return "schema_migrations" }

// createTables creates each model's table as it is defined at this step.
func createTables(models ...any) func(tx *gorm.DB) error {
	return func(tx *gorm.DB) error {
		for _, m := range models {
			if tx.Migrator().HasTable(m) {
				continue
			}
			if err := tx.Migrator().CreateTable(m); err != nil {
				return err
			}
		}
		return nil
	}
}

// migrations is the schema's history, in the order its steps run. Every
// database records the versions it has run in schema_migrations, so a
// released step is never renumbered, removed, reordered or edited: a change
// is a new step at the end with a larger version. (The gaps between versions
// are from when each feature numbered its own steps; they mean nothing.)
//
// Steps that create a table use the current model; later steps that change
// a table check what exists (a fresh database gets the current shape from the
// step that creates the table). Steps that are more than a table's creation
// are functions beside their models.
var migrations = []migration{
	{1, "users, application passwords, posts, options", createTables(&User{}, &AppPassword{}, &Post{}, &Option{})},
	{2, "auth throttles and audit events", createTables(&AuthThrottle{}, &AuditEvent{})},
	{3, "application password expiry and scope", addAppPasswordExpiryAndScope},
	{4, "auth epoch", createAuthEpoch},
	{5, "content epoch", createContentEpoch},
	// Before any step that writes rows: on MySQL every write bumps into it.
	{6, "epoch stripes", createTables(&epochStripe{})},
	{300, "posts: featured media", addPostFeaturedMedia},
	{301, "application password site expiry flag", addAppPasswordSiteExpiry},
	{500, "browser sessions", createTables(&Session{})},
	{501, "two-factor login challenges and used steps", createTables(&LoginChallenge{}, &twoFactorStep{})},
	{600, "wordpress import: what was imported", createTables(&ImportedUser{}, &ImportedAppPassword{})},
	{700, "terms and term relationships", createTables(&Term{}, &TermRelationship{})},
	{701, "default category", createDefaultCategory},
	{702, "file uncategorized posts under the default category", fileUncategorizedPosts},
	// Posts created before new posts were filed under the default category
	// when they were written (they read as filed there) are filed now.
	{703, "file posts created without a category under the default category", fileUncategorizedPosts},
	{710, "comments", createTables(&Comment{})},
	{800, "media: attachments", createTables(&Attachment{})},
	{900, "posts: pattern sync status", addPatternSyncStatus},
	{930, "posts: block template theme, area and origin", addTemplateColumns},
	{940, "post meta (custom fields)", createTables(&PostMeta{})},
	{950, "login challenges: index on expiry", addLoginChallengeExpiresIndex},
	{960, "users: case-insensitive login and e-mail indexes (SQLite)", addCaseInsensitiveUserIndexes},
	{961, "auth throttles: accounts counted by user id", accountThrottlesByID},
	{970, "posts: index of slugs by type", addPostTypeSlugIndex},
	{971, "posts: index of formats by type", addPostTypeFormatIndex},
}

// Migrate applies every step not yet recorded, each in its own transaction
// where the database allows (MySQL commits DDL implicitly, so each step is
// written to be safe to re-run). It holds the setup lock (setup_lock.go)
// throughout, so that processes starting together migrate once: the
// others wait, then find every step recorded.
func (s *Store) Migrate(ctx context.Context) (applied int, err error) {
	err = s.underSetupLock(ctx, func(locked *Store) error {
		applied, err = locked.migrateLocked(ctx)
		return err
	})
	if err != nil {
		return applied, err
	}
	return applied, s.ReloadOptions(ctx)
}

// migrateLocked is Migrate under the setup lock.
func (s *Store) migrateLocked(ctx context.Context) (applied int, err error) {
	db := s.withContext(ctx)
	if err := db.Migrator().AutoMigrate(&schemaMigration{}); err != nil {
		return 0, fmt.Errorf("migrate: create schema_migrations: %w", err)
	}
	var done []schemaMigration
	if err := db.Find(&done).Error; err != nil {
		return 0, fmt.Errorf("migrate: read schema_migrations: %w", err)
	}
	have := make(map[int]bool, len(done))
	for _, d := range done {
		have[d.Version] = true
	}
	for _, m := range migrations {
		if have[m.Version] {
			continue
		}
		err := db.Transaction(func(tx *gorm.DB) error {
			if err := m.Up(tx); err != nil {
				return err
			}
			return tx.Create(&schemaMigration{Version: m.Version, Name: m.Name, AppliedAt: time.Now().UTC()}).Error
		})
		if err != nil {
			return applied, fmt.Errorf("migrate: step %d (%s): %w", m.Version, m.Name, err)
		}
		applied++
	}
	return applied, nil
}
