package models

import (
	"context"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// What a WordPress import carried over, remembered so that running the
// import again updates only what changed at the source: a main-password hash
// that PressPass has since upgraded (or the user has since changed) is kept
// while WordPress still holds the hash that was imported, and an application
// password revoked in WordPress is revoked here too, while passwords created
// in PressPass after the import are left alone.

// ImportedUser records, for a user an import wrote, the login it wrote and
// the main-password hash it last took from the source. The login tells a
// user renamed at the source (same PressPass login as recorded) from a
// different PressPass user that has come to hold the id.
type ImportedUser struct {
	UserID     uint64    `gorm:"primaryKey;autoIncrement:false"`
	Login      string    `gorm:"size:60;not null"`
	SourceHash string    `gorm:"size:255;not null"`
	ImportedAt time.Time `gorm:"not null"`
}

// TableName keeps the table name stable.
func (ImportedUser) TableName() string { return "wp_import_users" }

// ImportedAppPassword records an application password that came from an
// import, by its uuid.
type ImportedAppPassword struct {
	UUID       string    `gorm:"primaryKey;size:36"`
	UserID     uint64    `gorm:"not null;index:idx_wp_import_app_passwords_user"`
	ImportedAt time.Time `gorm:"not null"`
}

// TableName keeps the table name stable.
func (ImportedAppPassword) TableName() string { return "wp_import_app_passwords" }

// ImportedUserByID returns what the last import recorded for a user.
// Errors: not found, internal.
func (s *Store) ImportedUserByID(ctx context.Context, userID uint64) (*ImportedUser, error) {
	var iu ImportedUser
	if err := s.withContext(ctx).Where("user_id = ?", userID).Take(&iu).Error; err != nil {
		return nil, notFoundOr(err, newError(KindNotFound, ReasonImportedUserUnknown))
	}
	return &iu, nil
}

// RecordImportedUser remembers the login an import wrote and the source hash
// it carried over.
func (s *Store) RecordImportedUser(ctx context.Context, userID uint64, login, sourceHash string) error {
	row := ImportedUser{UserID: userID, Login: login, SourceHash: sourceHash, ImportedAt: s.now()}
	return AsErrorOrNil(s.withContext(ctx).Clauses(clause.OnConflict{UpdateAll: true}).Create(&row).Error)
}

// ImportedAppPasswordUUIDs lists the uuids of a user's imported application
// passwords.
func (s *Store) ImportedAppPasswordUUIDs(ctx context.Context, userID uint64) ([]string, error) {
	var uuids []string
	err := s.withContext(ctx).Model(&ImportedAppPassword{}).Where("user_id = ?", userID).Order("uuid").Pluck("uuid", &uuids).Error
	if err != nil {
		return nil, Internal(err)
	}
	return uuids, nil
}

// RecordImportedAppPassword remembers that an application password came from
// an import.
func (s *Store) RecordImportedAppPassword(ctx context.Context, userID uint64, uuid string) error {
	row := ImportedAppPassword{UUID: uuid, UserID: userID, ImportedAt: s.now()}
	return AsErrorOrNil(s.withContext(ctx).Clauses(clause.OnConflict{UpdateAll: true}).Create(&row).Error)
}

// ForgetImportedAppPassword revokes an imported application password that
// the source no longer has, and its import record, in one transaction.
// A password already revoked in PressPass is not an error.
func (s *Store) ForgetImportedAppPassword(ctx context.Context, userID uint64, uuid string) error {
	return AsErrorOrNil(s.transaction(ctx, func(tx *gorm.DB) error {
		if err := tx.Where("uuid = ? AND user_id = ?", uuid, userID).Delete(&AppPassword{}).Error; err != nil {
			return err
		}
		return tx.Where("uuid = ?", uuid).Delete(&ImportedAppPassword{}).Error
	}))
}
