package models

import (
	"context"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// SavePostRecord writes a post exactly as given, keeping its id: inserted when
// the id is new, replaced otherwise. It is for loaders (fixtures, imports)
// that reproduce another site, not for users' edits, so it checks data
// validity but no capabilities. Errors: invalid, internal.
func (s *Store) SavePostRecord(ctx context.Context, p *Post) error {
	if !IsPostStatus(p.Status) {
		return newError(KindInvalid, ReasonUnknownPostStatus).With(Details{Value: p.Status})
	}
	if p.Type == "" {
		return newError(KindInvalid, ReasonPostTypeRequired)
	}
	err := s.withContext(ctx).Clauses(clause.OnConflict{UpdateAll: true}).Create(p).Error
	if err != nil {
		return Internal(err)
	}
	return nil
}

// SaveUserRecord creates or replaces a user keeping the given id (loaders and
// imports). The password hash is stored as given. Errors: invalid, conflict
// (the login or email belongs to another id), internal.
func (s *Store) SaveUserRecord(ctx context.Context, u *User) error {
	if SanitizeUser(u.Login) == "" {
		return errEmptyLogin
	}
	if u.Role != "" && !IsRole(u.Role) {
		return errInvalidRole
	}
	if u.PasswordVersion == 0 {
		u.PasswordVersion = 1
	}
	return AsErrorOrNil(s.transaction(ctx, func(tx *gorm.DB) error {
		if err := s.checkUserUnique(tx, u); err != nil {
			return err
		}
		return tx.Clauses(clause.OnConflict{UpdateAll: true}).Create(u).Error
	}))
}

// SaveAppPasswordRecord creates or replaces an application password keeping
// its uuid, hash and usage (imports from WordPress).
func (s *Store) SaveAppPasswordRecord(ctx context.Context, ap *AppPassword) error {
	if !IsUUID(ap.UUID) {
		return newError(KindInvalid, ReasonAppPasswordUUIDRequired)
	}
	var existing AppPassword
	err := s.withContext(ctx).Where("uuid = ?", ap.UUID).Take(&existing).Error
	if err == nil {
		ap.ID = existing.ID
		return AsErrorOrNil(s.withContext(ctx).Select("*").Where("id = ?", ap.ID).Updates(ap).Error)
	}
	if err != gorm.ErrRecordNotFound {
		return Internal(err)
	}
	return AsErrorOrNil(s.withContext(ctx).Create(ap).Error)
}

// AsErrorOrNil is AsError that keeps a nil error nil (as an error interface).
func AsErrorOrNil(err error) error {
	if err == nil {
		return nil
	}
	return AsError(err)
}
