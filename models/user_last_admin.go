package models

import "context"

// A site keeps at least one administrator: WordPress's screens never offer
// to delete or demote the user doing it, and with one administrator left
// that is the only one who could. Commands that delete users refuse the
// last administrator outright.

// ErrLastAdministrator refuses to remove the site's last administrator.
var ErrLastAdministrator = newError(KindConflict, ReasonLastAdministrator)

// IsLastAdministrator reports whether u is an administrator and no other
// user is.
func (s *Store) IsLastAdministrator(ctx context.Context, u *User) (bool, error) {
	if u.Role != "administrator" {
		return false, nil
	}
	var others int64
	if err := s.withContext(ctx).Model(&User{}).Where("role = ? AND id <> ?", "administrator", u.ID).Count(&others).Error; err != nil {
		return false, Internal(err)
	}
	return others == 0, nil
}

// PostCountByAuthor counts the posts, pages and attachments a user wrote
// (not revisions): what deleting the user without reassigning removes.
func (s *Store) PostCountByAuthor(ctx context.Context, userID uint64) (int64, error) {
	var n int64
	if err := s.withContext(ctx).Model(&Post{}).Where("author_id = ? AND type <> ?", userID, "revision").Count(&n).Error; err != nil {
		return 0, Internal(err)
	}
	return n, nil
}
