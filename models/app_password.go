package models

import (
	"context"
	"crypto/rand"
	"fmt"
	"html"
	"regexp"
	"strings"
	"time"

	"gorm.io/gorm"
)

// AppPassword is one application password of a user. Only its hash is kept.
type AppPassword struct {
	ID     uint64 `gorm:"primaryKey;autoIncrement"`
	UUID   string `gorm:"size:36;not null;uniqueIndex:idx_app_passwords_uuid"`
	UserID uint64 `gorm:"not null;index:idx_app_passwords_user_hash,priority:1"`
	// AppID is the optional UUID the client application identifies itself
	// with; it can never change once set.
	AppID string `gorm:"size:36;not null;default:''"`
	Name  string `gorm:"size:255;not null"`
	// Hash is "$generic$…" (or "$P$…" for passwords imported from WordPress
	// 5.6–6.7). Because the fast hash is deterministic the index on (user_id,
	// hash) finds the matching password in one lookup.
	Hash     string     `gorm:"size:128;not null;index:idx_app_passwords_user_hash,priority:2"`
	Created  time.Time  `gorm:"not null"`
	LastUsed *time.Time ``
	LastIP   string     `gorm:"size:45;not null;default:''"`
	// Expires, when set, ends the password's life (a PressPass extension;
	// WordPress passwords never expire).
	Expires *time.Time ``
	// Scope is ScopeFull (WordPress's behaviour) or ScopeRead.
	Scope string `gorm:"size:16;not null;default:'full'"`
	// SiteExpiry marks an expiry the site's maximum lifetime supplied
	// because the client asked for none: such a client may know nothing of
	// expiry, so the WordPress REST routes show it only on request.
	SiteExpiry bool `gorm:"not null;default:false"`
}

// Application-password scopes (a PressPass extension).
const (
	ScopeFull = "full"
	ScopeRead = "read"
)

// Expired reports whether the password's life has ended at now.
func (ap *AppPassword) Expired(now time.Time) bool {
	return ap.Expires != nil && !now.Before(*ap.Expires)
}

// AllowsWrite reports whether the password may authenticate requests that
// change something; read-only passwords allow only safe requests.
func (ap *AppPassword) AllowsWrite() bool { return ap == nil || ap.Scope != ScopeRead }

// TableName keeps the table name stable.
func (AppPassword) TableName() string { return "app_passwords" }

// NewAppPassword is the result of creating an application password: the
// stored record and the plain password, which exists only here and is shown
// to the user once.
type NewAppPassword struct {
	AppPassword
	Password string
}

// Chunked returns the plain password as WordPress displays it.
func (n *NewAppPassword) Chunked() string { return ChunkAppPassword(n.Password) }

var (
	uuidPattern = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)
	tagPattern  = regexp.MustCompile(`(?s)<(script|style)[^>]*?>.*?</(script|style)>|<[^>]*>`)
	spacePat    = regexp.MustCompile(`[\r\n\t ]+`)
)

// IsUUID reports whether s is a UUID in its canonical textual form.
func IsUUID(s string) bool { return uuidPattern.MatchString(s) }

// NewUUID returns a random (version 4) UUID.
func NewUUID() string {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(fmt.Sprintf("crypto/rand failed: %v", err))
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

// SanitizeTextField does what WordPress's sanitize_text_field does to a
// name: strip tags, fold whitespace and line breaks, trim.
func SanitizeTextField(s string) string {
	s = strings.ToValidUTF8(s, "")
	s = tagPattern.ReplaceAllString(s, "")
	s = strings.ReplaceAll(s, "<", "&lt;")
	s = spacePat.ReplaceAllString(s, " ")
	return strings.TrimSpace(s)
}

// CleanAppPasswordName validates and sanitizes an application password name.
func CleanAppPasswordName(name string) (string, error) {
	clean := SanitizeTextField(name)
	if clean == "" {
		return "", newError(KindInvalid, ReasonAppPasswordNameRequired)
	}
	if len(clean) > 200 {
		return "", newError(KindInvalid, ReasonAppPasswordNameTooLong)
	}
	return html.UnescapeString(html.EscapeString(clean)), nil
}

var errAppPasswordNotFound = newError(KindNotFound, ReasonAppPasswordNotFound)

// CreateAppPassword generates a new application password for user, stores its
// hash and returns the plain password once. appID must be empty or a UUID.
// Errors: invalid (empty name, bad app id), internal.
func (s *Store) CreateAppPassword(ctx context.Context, userID uint64, name, appID string) (*NewAppPassword, error) {
	return s.CreateAppPasswordWith(ctx, userID, AppPasswordOptions{Name: name, AppID: appID})
}

// AppPasswordOptions are the fields of a new application password. Expires
// and Scope are PressPass extensions; their zero values give WordPress's
// behaviour (no expiry, full access).
type AppPasswordOptions struct {
	Name    string
	AppID   string
	Expires *time.Time
	Scope   string
}

var errInvalidScope = newError(KindInvalid, ReasonAppPasswordInvalidScope)

// CreateAppPasswordWith is CreateAppPassword with the extension fields. The
// site's maximum lifetime, when set, caps (or supplies) the expiry.
// Errors: invalid (empty name, bad app id, bad scope, expiry in the past).
func (s *Store) CreateAppPasswordWith(ctx context.Context, userID uint64, o AppPasswordOptions) (*NewAppPassword, error) {
	name, appID := o.Name, o.AppID
	clean, err := CleanAppPasswordName(name)
	if err != nil {
		return nil, err
	}
	if appID != "" && !IsUUID(appID) {
		return nil, newError(KindInvalid, ReasonAppPasswordInvalidAppID)
	}
	scope := o.Scope
	switch scope {
	case "":
		scope = ScopeFull
	case ScopeFull, ScopeRead:
	default:
		return nil, errInvalidScope
	}
	now := s.now()
	expires := o.Expires
	if expires != nil {
		e := expires.UTC().Truncate(time.Second)
		if !e.After(now) {
			return nil, newError(KindInvalid, ReasonAppPasswordInvalidExpiry)
		}
		expires = &e
	}
	siteExpiry := false
	if max := s.Config.AppPasswordMaxLifetime; max > 0 {
		limit := now.Add(max).Truncate(time.Second)
		if expires == nil || expires.After(limit) {
			siteExpiry = expires == nil
			expires = &limit
		}
	}
	pw, err := GenerateAppPassword()
	if err != nil {
		return nil, Internal(err)
	}
	rec := AppPassword{
		UUID:       NewUUID(),
		UserID:     userID,
		AppID:      strings.ToLower(appID),
		Name:       clean,
		Hash:       FastHash(pw),
		Created:    now,
		Expires:    expires,
		Scope:      scope,
		SiteExpiry: siteExpiry,
	}
	if err := s.withContext(ctx).Create(&rec).Error; err != nil {
		return nil, Internal(err)
	}
	s.audit(ctx, nil, AuditEvent{Event: AuditAppPasswordCreated, UserID: userID, AppPassword: rec.UUID, Detail: rec.Name})
	if s.Notifier != nil {
		if u, err := s.UserByID(ctx, userID); err == nil {
			s.notify(ctx, NotifyAppPasswordCreated, u, rec.Name, "")
		}
	}
	return &NewAppPassword{AppPassword: rec, Password: pw}, nil
}

// DeleteAppPasswordsByAppID revokes every password a user gave one
// application (which knows its app_id but not each password's uuid), in one
// statement. Errors: invalid (not a UUID), internal.
func (s *Store) DeleteAppPasswordsByAppID(ctx context.Context, userID uint64, appID string) (int64, error) {
	if !IsUUID(appID) {
		return 0, newError(KindInvalid, ReasonAppPasswordInvalidAppID)
	}
	res := s.withContext(ctx).Where("user_id = ? AND app_id = ?", userID, strings.ToLower(appID)).Delete(&AppPassword{})
	if res.Error != nil {
		return 0, Internal(res.Error)
	}
	if res.RowsAffected > 0 {
		s.audit(ctx, nil, AuditEvent{Event: AuditAppPasswordRevoked, UserID: userID,
			Detail: fmt.Sprintf("%d of app %s", res.RowsAffected, strings.ToLower(appID))})
	}
	return res.RowsAffected, nil
}

// AppPasswords lists a user's application passwords, oldest first (the order
// WordPress lists them in).
func (s *Store) AppPasswords(ctx context.Context, userID uint64) ([]AppPassword, error) {
	var list []AppPassword
	if err := s.withContext(ctx).Where("user_id = ?", userID).Order("created ASC, id ASC").Find(&list).Error; err != nil {
		return nil, Internal(err)
	}
	return list, nil
}

// AppPasswordByUUID returns one application password of a user.
// Errors: not found (ReasonAppPasswordNotFound).
func (s *Store) AppPasswordByUUID(ctx context.Context, userID uint64, uuid string) (*AppPassword, error) {
	var ap AppPassword
	err := s.withContext(ctx).Where("uuid = ? AND user_id = ?", strings.ToLower(uuid), userID).Take(&ap).Error
	if err != nil {
		return nil, notFoundOr(err, errAppPasswordNotFound)
	}
	return &ap, nil
}

// AppPasswordNameExists reports whether the user has a password with that name.
func (s *Store) AppPasswordNameExists(ctx context.Context, userID uint64, name string) (bool, error) {
	var n int64
	err := s.withContext(ctx).Model(&AppPassword{}).Where("user_id = ? AND name = ?", userID, SanitizeTextField(name)).Count(&n).Error
	if err != nil {
		return false, Internal(err)
	}
	return n > 0, nil
}

// RenameAppPassword changes a password's name. Errors: not found, invalid.
func (s *Store) RenameAppPassword(ctx context.Context, userID uint64, uuid, name string) (*AppPassword, error) {
	clean, err := CleanAppPasswordName(name)
	if err != nil {
		return nil, err
	}
	ap, err := s.AppPasswordByUUID(ctx, userID, uuid)
	if err != nil {
		return nil, err
	}
	if err := s.withContext(ctx).Model(&AppPassword{}).Where("id = ?", ap.ID).Update("name", clean).Error; err != nil {
		return nil, Internal(err)
	}
	s.audit(ctx, nil, AuditEvent{Event: AuditAppPasswordRenamed, UserID: userID, AppPassword: ap.UUID,
		Detail: ap.Name + " -> " + clean})
	ap.Name = clean
	return ap, nil
}

// DeleteAppPassword revokes one password and returns it as it was.
// Errors: not found.
func (s *Store) DeleteAppPassword(ctx context.Context, userID uint64, uuid string) (*AppPassword, error) {
	ap, err := s.AppPasswordByUUID(ctx, userID, uuid)
	if err != nil {
		return nil, err
	}
	res := s.withContext(ctx).Where("id = ?", ap.ID).Delete(&AppPassword{})
	if res.Error != nil {
		return nil, Internal(res.Error)
	}
	if res.RowsAffected == 0 {
		return nil, errAppPasswordNotFound
	}
	s.audit(ctx, nil, AuditEvent{Event: AuditAppPasswordRevoked, UserID: userID, AppPassword: ap.UUID, Detail: ap.Name})
	return ap, nil
}

// DeleteAllAppPasswords revokes every password of a user in one statement
// (all or none) and returns how many there were.
func (s *Store) DeleteAllAppPasswords(ctx context.Context, userID uint64) (int64, error) {
	res := s.withContext(ctx).Where("user_id = ?", userID).Delete(&AppPassword{})
	if res.Error != nil {
		return 0, Internal(res.Error)
	}
	if res.RowsAffected > 0 {
		s.audit(ctx, nil, AuditEvent{Event: AuditAppPasswordRevoked, UserID: userID, Detail: fmt.Sprintf("all %d", res.RowsAffected)})
	}
	return res.RowsAffected, nil
}

// RecordAppPasswordUsage stamps last_used and last_ip, at most once per
// UsageRecordInterval per password (WordPress: once a day), so that a normal
// authenticated request writes nothing. The condition is in the UPDATE so
// that concurrent requests on several processes write once. force ignores the
// interval (the CLI's record-usage).
func (s *Store) RecordAppPasswordUsage(ctx context.Context, ap *AppPassword, ip string, force bool) error {
	now := s.now()
	interval := s.Config.UsageRecordInterval
	if !force && ap.LastUsed != nil && now.Sub(*ap.LastUsed) < interval {
		return nil
	}
	// Usage stamps change nothing a login depends on: no epoch bump, so
	// cached logins stay valid.
	q := s.withContext(ctx).Set(skipEpochKey, true).Model(&AppPassword{}).Where("id = ?", ap.ID)
	if !force {
		q = q.Where("last_used IS NULL OR last_used < ?", now.Add(-interval))
	}
	if len(ip) > 45 {
		ip = ip[:45]
	}
	res := q.Updates(map[string]any{"last_used": now, "last_ip": ip})
	if res.Error != nil {
		return Internal(res.Error)
	}
	if res.RowsAffected > 0 {
		ap.LastUsed = &now
		ap.LastIP = ip
	} else if !force {
		// Another request or process recorded this use within the interval:
		// take that as known so a cached copy does not try again.
		ap.LastUsed = &now
	}
	return nil
}

// appPasswordByHash finds the user's password whose stored fast hash matches.
func (s *Store) appPasswordByHash(ctx context.Context, userID uint64, password string) (*AppPassword, error) {
	var ap AppPassword
	err := s.withContext(ctx).Where("user_id = ? AND hash = ?", userID, FastHash(password)).Take(&ap).Error
	if err == nil {
		return &ap, nil
	}
	if err != gorm.ErrRecordNotFound {
		return nil, Internal(err)
	}
	// Passwords imported from WordPress 5.6–6.7 are salted phpass hashes and
	// cannot be looked up; check them one by one and upgrade a match to the
	// fast hash so the next request takes the indexed path.
	var legacy []AppPassword
	if err := s.withContext(ctx).Where("user_id = ? AND hash LIKE ?", userID, "$P$%").Find(&legacy).Error; err != nil {
		return nil, Internal(err)
	}
	for i := range legacy {
		if verifyAppPasswordHash(password, legacy[i].Hash) {
			up := FastHash(password)
			if err := s.withContext(ctx).Model(&AppPassword{}).Where("id = ?", legacy[i].ID).Update("hash", up).Error; err != nil {
				return nil, Internal(err)
			}
			legacy[i].Hash = up
			return &legacy[i], nil
		}
	}
	return nil, nil
}
