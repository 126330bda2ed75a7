package wpimport

import (
	"fmt"
	"time"

	"github.com/presspass/presspass/models"
)

// Which fields of a record WordPress owns. A re-import starts from the
// record PressPass already has and copies only these over it, so whatever
// PressPass alone keeps — two-factor secrets, an application password's
// scope and expiry, and any field added later — is never reset by an import.

func userFields(u *models.User) []any {
	return []any{&u.Login, &u.Email, &u.Nicename, &u.DisplayName, &u.FirstName, &u.LastName, &u.Nickname,
		&u.Description, &u.URL, &u.Locale, &u.Registered, &u.Role}
}

func appPasswordFields(ap *models.AppPassword) []any {
	return []any{&ap.UserID, &ap.AppID, &ap.Name, &ap.Created}
}

func postFields(p *models.Post) []any {
	return []any{&p.AuthorID, &p.Type, &p.Status, &p.Date, &p.DateGMT, &p.Modified, &p.ModifiedGMT, &p.Title,
		&p.Content, &p.Excerpt, &p.Slug, &p.Password, &p.CommentStatus, &p.PingStatus, &p.ParentID, &p.MenuOrder,
		&p.GUID, &p.MimeType, &p.CommentCount, &p.Sticky, &p.Format, &p.Template}
}

// copyFields copies each src field into the dst field at the same place;
// both lists come from the same xxxFields function.
func copyFields(dst, src []any) {
	for i := range dst {
		switch d := dst[i].(type) {
		case *string:
			*d = *src[i].(*string)
		case *uint64:
			*d = *src[i].(*uint64)
		case *int:
			*d = *src[i].(*int)
		case *int64:
			*d = *src[i].(*int64)
		case *bool:
			*d = *src[i].(*bool)
		case *time.Time:
			*d = *src[i].(*time.Time)
		default:
			panic(fmt.Sprintf("wpimport: copyFields: unhandled %T", d))
		}
	}
}

// sameFields reports whether two field lists hold equal values, comparing
// times as instants (the database may hand them back in another location).
func sameFields(a, b []any) bool {
	for i := range a {
		switch x := a[i].(type) {
		case *string:
			if *x != *b[i].(*string) {
				return false
			}
		case *uint64:
			if *x != *b[i].(*uint64) {
				return false
			}
		case *int:
			if *x != *b[i].(*int) {
				return false
			}
		case *int64:
			if *x != *b[i].(*int64) {
				return false
			}
		case *bool:
			if *x != *b[i].(*bool) {
				return false
			}
		case *time.Time:
			if !x.Equal(*b[i].(*time.Time)) {
				return false
			}
		default:
			panic(fmt.Sprintf("wpimport: sameFields: unhandled %T", x))
		}
	}
	return true
}

// sameTime compares optional instants.
func sameTime(a, b *time.Time) bool {
	return (a == nil) == (b == nil) && (a == nil || a.Equal(*b))
}
