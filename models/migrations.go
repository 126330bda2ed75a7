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

// migrations is the schema's history. Steps that create a table use the
// current model; later steps that change a table must check what exists
// (a fresh database gets the current shape from the first step).
var migrations = []migration{
	{1, "users, application passwords, posts, options", createTables(&User{}, &AppPassword{}, &Post{}, &Option{})},
}

// registerMigration adds a step; feature files call it from init so that the
// history stays next to the models it shapes.
func registerMigration(version int, name string, up func(tx *gorm.DB) error) {
	migrations = append(migrations, migration{version, name, up})
}

// Migrate applies every step not yet recorded, each in its own transaction
// where the database allows (MySQL commits DDL implicitly, so each step is
// written to be safe to re-run).
func (s *Store) Migrate(ctx context.Context) (applied int, err error) {
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
	sorted := append([]migration(nil), migrations...)
	for i := 1; i < len(sorted); i++ {
		for j := i; j > 0 && sorted[j].Version < sorted[j-1].Version; j-- {
			sorted[j], sorted[j-1] = sorted[j-1], sorted[j]
		}
	}
	for _, m := range sorted {
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
	return applied, s.loadOptions(ctx)
}
