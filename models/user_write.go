package models

import (
	"context"
	"strings"
	"time"

	"gorm.io/gorm"
)

// UserInput carries the fields of a user create or update; nil = not given.
type UserInput struct {
	ID          uint64 // create only: keep this id (imports, reference fixtures)
	Login       *string
	Email       *string
	Password    *string
	Role        *string
	DisplayName *string
	FirstName   *string
	LastName    *string
	Nickname    *string
	Nicename    *string
	Description *string
	URL         *string
	Locale      *string
	Registered  *time.Time
	// PasswordHash stores a hash as it is (imports); it wins over Password.
	PasswordHash *string
}

var (
	errExistingLogin = newError(KindInvalid, ReasonExistingUserLogin)
	errExistingEmail = newError(KindInvalid, ReasonExistingUserEmail)
	errEmptyLogin    = newError(KindInvalid, ReasonEmptyUserLogin)
	errInvalidEmail  = newError(KindInvalid, ReasonInvalidEmail)
	errInvalidRole   = newError(KindInvalid, ReasonInvalidRole)
	errLoginTooLong  = newError(KindInvalid, ReasonUserLoginTooLong)
)

// SanitizeUser is WordPress's sanitize_user in strict mode: letters, digits,
// space, _ . - @ only.
func SanitizeUser(login string) string {
	login = stripTags(login)
	var b strings.Builder
	for _, r := range login {
		if r < 128 && (isAlnum(byte(r)) || strings.ContainsRune(" _.-@", r)) {
			b.WriteRune(r)
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

func stripTags(s string) string { return tagPattern.ReplaceAllString(s, "") }

// CreateUser creates an account. Validation as WordPress: login required,
// sanitized and unique; email valid and unique; role known. Errors: invalid,
// invalid (existing_user_login / existing_user_email: a client error, 400), internal.
func (s *Store) CreateUser(ctx context.Context, in UserInput) (*User, error) {
	if in.Login == nil || SanitizeUser(*in.Login) == "" {
		return nil, errEmptyLogin
	}
	login := SanitizeUser(*in.Login)
	if len(login) > 60 {
		return nil, errLoginTooLong
	}
	u := &User{ID: in.ID, Login: login, Registered: s.now(), Role: s.Option(ctx, "default_role"), PasswordVersion: 1}
	if in.Email != nil {
		u.Email = strings.TrimSpace(*in.Email)
	}
	if u.Email != "" && !IsEmail(u.Email) {
		return nil, errInvalidEmail
	}
	u.Nicename = SanitizeTitle(login)
	if u.Nicename == "" {
		u.Nicename = strings.ToLower(login)
	}
	u.DisplayName = login
	u.Nickname = login
	if err := s.applyUserInput(ctx, u, in); err != nil {
		return nil, err
	}
	if u.PasswordHash == "" {
		// No password given: a random one nobody knows, as wp_insert_user
		// callers do; the user sets one through a reset.
		pw, err := GenerateAppPassword()
		if err != nil {
			return nil, Internal(err)
		}
		if u.PasswordHash, err = HashPassword(pw, s.Config.BcryptCost); err != nil {
			return nil, err
		}
	}
	err := s.transaction(ctx, func(tx *gorm.DB) error {
		if err := s.checkUserUnique(tx, u); err != nil {
			return err
		}
		u.ID = in.ID // a retried run inserts afresh (write_retry.go)
		return tx.Create(u).Error
	})
	if err != nil {
		return nil, AsError(err)
	}
	return u, nil
}

func (s *Store) checkUserUnique(tx *gorm.DB, u *User) error {
	var n int64
	if err := tx.Model(&User{}).Where(s.sameName("login")+" AND id <> ?", u.Login, u.ID).Count(&n).Error; err != nil {
		return Internal(err)
	}
	if n > 0 {
		return errExistingLogin
	}
	if u.Email != "" {
		if err := tx.Model(&User{}).Where(s.sameName("email")+" AND id <> ?", u.Email, u.ID).Count(&n).Error; err != nil {
			return Internal(err)
		}
		if n > 0 {
			return errExistingEmail
		}
	}
	return nil
}

func (s *Store) applyUserInput(ctx context.Context, u *User, in UserInput) error {
	if in.Email != nil {
		email := strings.TrimSpace(*in.Email)
		if !IsEmail(email) {
			return errInvalidEmail
		}
		u.Email = email
	}
	if in.Role != nil {
		if *in.Role != "" && !IsRole(*in.Role) {
			return errInvalidRole
		}
		u.Role = *in.Role
	}
	set := func(dst *string, v *string) {
		if v != nil {
			*dst = *v
		}
	}
	set(&u.DisplayName, in.DisplayName)
	set(&u.FirstName, in.FirstName)
	set(&u.LastName, in.LastName)
	set(&u.Nickname, in.Nickname)
	set(&u.Description, in.Description)
	set(&u.URL, in.URL)
	set(&u.Locale, in.Locale)
	if in.Nicename != nil {
		u.Nicename = SanitizeTitle(*in.Nicename)
	}
	if in.Registered != nil {
		u.Registered = in.Registered.UTC()
	}
	switch {
	case in.PasswordHash != nil:
		u.PasswordHash = *in.PasswordHash
		u.PasswordVersion++
	case in.Password != nil:
		if *in.Password == "" {
			return newError(KindInvalid, ReasonEmptyPassword)
		}
		h, err := HashPassword(*in.Password, s.Config.BcryptCost)
		if err != nil {
			return err
		}
		u.PasswordHash = h
		u.PasswordVersion++
	}
	return nil
}

// UpdateUser changes a user's fields. Changing the main password bumps the
// password version (ending cached verifications) and leaves application
// passwords in place, as WordPress does. Errors: not found, invalid,
// conflict, internal.
func (s *Store) UpdateUser(ctx context.Context, id uint64, in UserInput) (*User, error) {
	if in.PasswordHash == nil && in.Password != nil && *in.Password != "" {
		// Hashing takes the better part of a second by design: done inside
		// the transaction it would hold the user's row (MySQL) or every
		// writer (SQLite) that long. An empty password is refused inside,
		// in applyUserInput's order.
		h, err := HashPassword(*in.Password, s.Config.BcryptCost)
		if err != nil {
			return nil, err
		}
		in.PasswordHash = &h
	}
	var out *User
	err := s.transaction(ctx, func(tx *gorm.DB) error {
		var u User
		if err := tx.Where("id = ?", id).Take(&u).Error; err != nil {
			return notFoundOr(err, errUserInvalidID)
		}
		if in.Login != nil && SanitizeUser(*in.Login) != u.Login {
			return newError(KindInvalid, ReasonUserLoginNotEditable)
		}
		if err := s.applyUserInput(ctx, &u, in); err != nil {
			return err
		}
		if err := s.checkUserUnique(tx, &u); err != nil {
			return err
		}
		if err := tx.Select("*").Where("id = ?", u.ID).Updates(&u).Error; err != nil {
			return Internal(err)
		}
		if s.Config.RevokeAppPasswordsOnPasswordChange && (in.Password != nil || in.PasswordHash != nil) {
			if err := tx.Where("user_id = ?", u.ID).Delete(&AppPassword{}).Error; err != nil {
				return Internal(err)
			}
		}
		out = &u
		return nil
	})
	if err != nil {
		return nil, AsError(err)
	}
	return out, nil
}

// SetAppPasswordsDisabled switches application passwords off or on for one
// user.
func (s *Store) SetAppPasswordsDisabled(ctx context.Context, id uint64, disabled bool) error {
	res := s.withContext(ctx).Model(&User{}).Where("id = ?", id).Update("app_passwords_disabled", disabled)
	if res.Error != nil {
		return Internal(res.Error)
	}
	if res.RowsAffected == 0 {
		if _, err := s.UserByID(ctx, id); err != nil {
			return err
		}
	}
	return nil
}

// DeleteUser deletes a user with their application passwords. Their posts go
// to reassignTo when it is non-zero and are deleted otherwise, as
// wp_delete_user does. Everything happens in one transaction.
// Errors: not found (ReasonInvalidUserID), invalid (ReasonInvalidReassign).
func (s *Store) DeleteUser(ctx context.Context, id, reassignTo uint64) (*User, error) {
	u, err := s.UserByID(ctx, id)
	if err != nil {
		return nil, err
	}
	if reassignTo != 0 {
		if reassignTo == id {
			return nil, newError(KindInvalid, ReasonInvalidReassign)
		}
		if _, err := s.UserByID(ctx, reassignTo); err != nil {
			if IsNotFound(err) {
				return nil, newError(KindInvalid, ReasonInvalidReassign)
			}
			return nil, err
		}
	}
	err = s.transaction(ctx, func(tx *gorm.DB) error {
		if reassignTo != 0 {
			if err := tx.Model(&Post{}).Where("author_id = ?", id).Update("author_id", reassignTo).Error; err != nil {
				return Internal(err)
			}
		} else if err := tx.Where("author_id = ?", id).Delete(&Post{}).Error; err != nil {
			return Internal(err)
		}
		for _, model := range userOwnedModels {
			if err := tx.Where("user_id = ?", id).Delete(model).Error; err != nil {
				return Internal(err)
			}
		}
		return tx.Where("id = ?", id).Delete(&User{}).Error
	})
	if err != nil {
		return nil, AsError(err)
	}
	return u, nil
}

// userOwnedModels lists the tables with a user_id column whose rows go with
// the user. A feature that adds such a table lists it here.
var userOwnedModels = []any{&AppPassword{}, &Session{}, &LoginChallenge{}, &twoFactorStep{}}
