package models

import (
	"context"
	"regexp"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"
)

// User is an account. Its main password logs in to the browser (and, as in
// WordPress, to XML-RPC); application passwords authenticate API requests.
type User struct {
	ID          uint64    `gorm:"primaryKey;autoIncrement"`
	Login       string    `gorm:"size:60;not null;uniqueIndex:idx_users_login"`
	Email       string    `gorm:"size:100;not null;index:idx_users_email"`
	Nicename    string    `gorm:"size:50;not null;index:idx_users_nicename"`
	DisplayName string    `gorm:"size:250;not null"`
	FirstName   string    `gorm:"size:250;not null;default:''"`
	LastName    string    `gorm:"size:250;not null;default:''"`
	Nickname    string    `gorm:"size:250;not null;default:''"`
	Description string    `gorm:"type:text;not null"`
	URL         string    `gorm:"size:100;not null;default:''"`
	Locale      string    `gorm:"size:20;not null;default:''"`
	Registered  time.Time `gorm:"not null"`
	Role        string    `gorm:"size:40;not null;index:idx_users_role"`
	// PasswordHash is the main password in one of the formats VerifyPassword
	// understands; PressPass writes bcrypt.
	PasswordHash string `gorm:"size:255;not null"`
	// PasswordVersion changes whenever the main password does, so caches and
	// sessions keyed on it are invalidated everywhere at once.
	PasswordVersion uint64 `gorm:"not null;default:1"`
	// TwoFactorSecret is the base32 TOTP secret; TwoFactorEnabled is set once
	// the user confirmed it with a first code.
	TwoFactorSecret  string `gorm:"size:64;not null;default:''"`
	TwoFactorEnabled bool   `gorm:"not null;default:false"`
	// TwoFactorRecovery holds hashed one-time recovery codes, space-separated.
	TwoFactorRecovery string `gorm:"type:text;not null"`
	// AppPasswordsDisabled switches application passwords off for this user
	// (WordPress's application_passwords_disabled_for_user).
	AppPasswordsDisabled bool `gorm:"not null;default:false"`
}

// TableName keeps the table name stable whatever GORM's naming strategy.
func (User) TableName() string { return "users" }

// Caps returns the user's resolved role capabilities.
func (u *User) Caps() map[string]bool { return RoleCaps(u.Role) }

// HasCap reports whether the user's role grants a primitive capability.
func (u *User) HasCap(cap string) bool {
	if u == nil {
		return false
	}
	if cap == u.Role {
		return true
	}
	return RoleCaps(u.Role)[cap]
}

var emailPattern = regexp.MustCompile(`^[A-Za-z0-9.!#$%&'*+/=?^_` + "`" + `{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$`)

// IsEmail reports whether s looks like an e-mail address, as WordPress's
// is_email decides which "unknown user" message to give.
func IsEmail(s string) bool {
	if len(s) < 6 || len(s) > 254 || !strings.Contains(s, "@") {
		return false
	}
	return emailPattern.MatchString(s)
}

// UserByID returns the user with that id. Errors: not found
// (ReasonInvalidUserID), internal.
func (s *Store) UserByID(ctx context.Context, id uint64) (*User, error) {
	var u User
	err := s.withContext(ctx).Where("id = ?", id).Take(&u).Error
	if err != nil {
		return nil, notFoundOr(err, errUserInvalidID)
	}
	return &u, nil
}

var errUserInvalidID = newError(KindNotFound, ReasonInvalidUserID)

// UserByLogin returns the user with that login (case-insensitively, as MySQL
// collations compare WordPress logins: user_name_case.go).
func (s *Store) UserByLogin(ctx context.Context, login string) (*User, error) {
	var u User
	err := s.withContext(ctx).Where(s.sameName("login"), login).Order("id").Take(&u).Error
	if err != nil {
		return nil, notFoundOr(err, newError(KindNotFound, ReasonNoSuchLogin))
	}
	return &u, nil
}

// UserByEmail returns the user with that e-mail address (case-insensitively,
// as UserByLogin).
func (s *Store) UserByEmail(ctx context.Context, email string) (*User, error) {
	var u User
	err := s.withContext(ctx).Where(s.sameName("email"), email).Order("id").Take(&u).Error
	if err != nil {
		return nil, notFoundOr(err, newError(KindNotFound, ReasonNoSuchEmail))
	}
	return &u, nil
}

// UserByLoginOrEmail looks a user up by login first and, when the name looks
// like an e-mail address, by e-mail next — the order WordPress uses.
func (s *Store) UserByLoginOrEmail(ctx context.Context, name string) (*User, error) {
	u, err := s.UserByLogin(ctx, name)
	if err == nil || !IsNotFound(err) {
		return u, err
	}
	if strings.Contains(name, "@") {
		return s.UserByEmail(ctx, name)
	}
	return nil, err
}

// UserByRef resolves a CLI-style reference: a numeric id, a login or an email.
func (s *Store) UserByRef(ctx context.Context, ref string) (*User, error) {
	if id, err := strconv.ParseUint(ref, 10, 64); err == nil {
		u, err := s.UserByID(ctx, id)
		if err == nil {
			return u, nil
		}
		if !IsNotFound(err) {
			return nil, err
		}
	}
	u, err := s.UserByLoginOrEmail(ctx, ref)
	if IsNotFound(err) {
		return nil, newError(KindNotFound, ReasonUnknownUserRef).With(Details{Value: ref})
	}
	return u, err
}

// UserFilter selects users for Users. Zero values mean "no condition".
type UserFilter struct {
	IDs          []uint64
	ExcludeIDs   []uint64
	Roles        []string
	Search       string // substring of login, email, URL, display name, nicename
	Slugs        []string
	Logins       []string
	Emails       []string
	Authors      bool // only roles that can edit posts (who=authors)
	HasPublished []string
	OrderBy      string // id, name, registered_date, slug, email, url, username, include
	Order        string // asc or desc
	Offset       int
	Limit        int // 0 = no limit

	// SearchColumns limits Search to some of id, login, email, url,
	// nicename, display_name (WP_User_Query's search_columns; id matches
	// exactly). Empty means the five text columns.
	SearchColumns []string
}

var userOrderColumns = map[string]string{
	"id":              "id",
	"name":            "display_name",
	"registered_date": "registered",
	"slug":            "nicename",
	"email":           "email",
	"url":             "url",
	"username":        "login",
	"login":           "login",
	"nicename":        "nicename",
	"display_name":    "display_name",
	"registered":      "registered",
}

func (s *Store) userQuery(ctx context.Context, f UserFilter) *gorm.DB {
	q := s.withContext(ctx).Model(&User{})
	if len(f.IDs) > 0 {
		q = q.Where("id IN ?", f.IDs)
	}
	if len(f.ExcludeIDs) > 0 {
		q = q.Where("id NOT IN ?", f.ExcludeIDs)
	}
	if len(f.Roles) > 0 {
		q = q.Where("role IN ?", f.Roles)
	}
	if f.Authors {
		q = q.Where("role IN ?", RolesWithCap("edit_posts"))
	}
	if len(f.Slugs) > 0 {
		q = q.Where("nicename IN ?", f.Slugs)
	}
	if len(f.Logins) > 0 {
		q = q.Where("login IN ?", f.Logins)
	}
	if len(f.Emails) > 0 {
		q = q.Where("email IN ?", f.Emails)
	}
	if len(f.HasPublished) > 0 {
		q = q.Where("id IN (?)", s.db.Model(&Post{}).Select("author_id").Where("status = ? AND type IN ?", "publish", f.HasPublished))
	}
	if f.Search != "" && len(f.SearchColumns) > 0 {
		like := "%" + escapeLike(f.Search) + "%"
		var conds []string
		var args []any
		for _, c := range f.SearchColumns {
			switch c {
			case "id":
				if id, err := strconv.ParseUint(f.Search, 10, 64); err == nil {
					conds, args = append(conds, "id = ?"), append(args, id)
				}
			case "login", "email", "url", "nicename", "display_name":
				conds, args = append(conds, c+" LIKE ?"), append(args, like)
			}
		}
		if len(conds) == 0 {
			conds = append(conds, "1 = 0")
		}
		q = q.Where("("+strings.Join(conds, " OR ")+")", args...)
	} else if f.Search != "" {
		like := "%" + escapeLike(f.Search) + "%"
		q = q.Where("(login LIKE ? OR email LIKE ? OR url LIKE ? OR display_name LIKE ? OR nicename LIKE ?)", like, like, like, like, like)
	}
	return q
}

// escapeLike escapes LIKE wildcards in user input.
func escapeLike(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return r.Replace(s)
}

// Users lists users matching f and the total number of matches.
func (s *Store) Users(ctx context.Context, f UserFilter) ([]User, int64, error) {
	var total int64
	if err := s.userQuery(ctx, f).Count(&total).Error; err != nil {
		return nil, 0, Internal(err)
	}
	col, ok := userOrderColumns[f.OrderBy]
	if !ok {
		col = "id"
	}
	dir := "ASC"
	if strings.EqualFold(f.Order, "desc") {
		dir = "DESC"
	}
	orderCol := col
	if s.dialect == DialectSQLite && col != "id" && col != "registered" {
		// MySQL's collations sort names case-insensitively, as WordPress
		// lists users; SQLite's BINARY would put "Zed" before "admin".
		orderCol = col + " COLLATE NOCASE"
	}
	q := s.userQuery(ctx, f).Order(orderCol + " " + dir)
	if col != "id" {
		q = q.Order("id " + dir)
	}
	q = page(q, f.Offset, f.Limit)
	var users []User
	if err := q.Find(&users).Error; err != nil {
		return nil, 0, Internal(err)
	}
	return users, total, nil
}

// UsersByIDs returns the users with the given ids, by id, in one query: a
// list's authors. A missing id is left out. Errors: internal.
func (s *Store) UsersByIDs(ctx context.Context, ids []uint64) (map[uint64]*User, error) {
	out := make(map[uint64]*User, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	var users []User
	if err := s.withContext(ctx).Where("id IN ?", uniqueIDs(ids)).Find(&users).Error; err != nil {
		return nil, Internal(err)
	}
	for i := range users {
		out[users[i].ID] = &users[i]
	}
	return out, nil
}
