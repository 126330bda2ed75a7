package models

import (
	"context"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"
)

// addAppPasswordExpiryAndScope is migration step 3: expiry and scope
// (PressPass extensions). A database created by step 1 after they were added
// already has the columns.
func addAppPasswordExpiryAndScope(tx *gorm.DB) error {
	m := tx.Migrator()
	for _, col := range []string{"Expires", "Scope"} {
		if !m.HasColumn(&AppPassword{}, col) {
			if err := m.AddColumn(&AppPassword{}, col); err != nil {
				return err
			}
		}
	}
	return nil
}

// addAppPasswordSiteExpiry is migration step 301: whether an expiry came from
// the site's maximum lifetime rather than from the client (decides whether
// WordPress-shaped answers show it).
func addAppPasswordSiteExpiry(tx *gorm.DB) error {
	if m := tx.Migrator(); !m.HasColumn(&AppPassword{}, "SiteExpiry") {
		return m.AddColumn(&AppPassword{}, "SiteExpiry")
	}
	return nil
}

// AppPasswordFilter selects application passwords across the whole site (the
// administrators' view). Zero values mean "no condition".
type AppPasswordFilter struct {
	UserID      uint64
	AppID       string
	Scope       string
	UnusedSince *time.Time // never used, or last used before this time
	Expired     *bool
	Offset      int
	Limit       int
}

// AppPasswordWithUser is an application password with its owner's login.
type AppPasswordWithUser struct {
	AppPassword
	UserLogin string
}

func (s *Store) appPasswordFilterQuery(ctx context.Context, f AppPasswordFilter) *gorm.DB {
	q := s.withContext(ctx).Model(&AppPassword{})
	if f.UserID != 0 {
		q = q.Where("user_id = ?", f.UserID)
	}
	if f.AppID != "" {
		q = q.Where("app_id = ?", strings.ToLower(f.AppID))
	}
	if f.Scope != "" {
		q = q.Where("scope = ?", f.Scope)
	}
	if f.UnusedSince != nil {
		q = q.Where("(last_used IS NULL OR last_used < ?)", *f.UnusedSince)
	}
	if f.Expired != nil {
		now := s.now()
		if *f.Expired {
			q = q.Where("expires IS NOT NULL AND expires <= ?", now)
		} else {
			q = q.Where("(expires IS NULL OR expires > ?)", now)
		}
	}
	return q
}

// AllAppPasswords lists the application passwords of every user matching f,
// oldest first, with the total number of matches. Callers check that the
// actor may see them (edit_users).
func (s *Store) AllAppPasswords(ctx context.Context, f AppPasswordFilter) ([]AppPasswordWithUser, int64, error) {
	var total int64
	if err := s.appPasswordFilterQuery(ctx, f).Count(&total).Error; err != nil {
		return nil, 0, Internal(err)
	}
	q := s.appPasswordFilterQuery(ctx, f).Order("created ASC, id ASC")
	q = page(q, f.Offset, f.Limit)
	var list []AppPassword
	if err := q.Find(&list).Error; err != nil {
		return nil, 0, Internal(err)
	}
	ids := make([]uint64, 0, len(list))
	for _, ap := range list {
		ids = append(ids, ap.UserID)
	}
	logins := map[uint64]string{}
	if len(ids) > 0 {
		var users []User
		if err := s.withContext(ctx).Select("id", "login").Where("id IN ?", ids).Find(&users).Error; err != nil {
			return nil, 0, Internal(err)
		}
		for _, u := range users {
			logins[u.ID] = u.Login
		}
	}
	out := make([]AppPasswordWithUser, len(list))
	for i, ap := range list {
		out[i] = AppPasswordWithUser{AppPassword: ap, UserLogin: logins[ap.UserID]}
	}
	return out, total, nil
}

// DeleteAppPasswordsMatching revokes every application password matching f
// in one statement (all or none) and returns how many. An empty filter is
// refused: revoking every password of the site takes an explicit condition.
func (s *Store) DeleteAppPasswordsMatching(ctx context.Context, f AppPasswordFilter) (int64, error) {
	f.Offset, f.Limit = 0, 0
	if f == (AppPasswordFilter{}) {
		return 0, newError(KindInvalid, ReasonAppPasswordFilterRequired)
	}
	var uuids []string
	if err := s.appPasswordFilterQuery(ctx, f).Pluck("uuid", &uuids).Error; err != nil {
		return 0, Internal(err)
	}
	if len(uuids) == 0 {
		return 0, nil
	}
	res := s.withContext(ctx).Where("uuid IN ?", uuids).Delete(&AppPassword{})
	if res.Error != nil {
		return 0, Internal(res.Error)
	}
	s.audit(ctx, nil, AuditEvent{Event: AuditAppPasswordRevoked, Detail: fmt.Sprintf("bulk revoke of %d", res.RowsAffected)})
	return res.RowsAffected, nil
}
