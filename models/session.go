package models

import (
	"context"
	"crypto/md5"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"time"

	"gorm.io/gorm"
)

// Browser sessions: the login page creates one, the session cookie carries
// its random token, and only the token's hash is stored, so a copy of the
// database cannot be replayed as a cookie. Sessions live in the database so
// that a user can list and end them and they survive a restart.

// Session lifetimes as WordPress's auth cookies: two days, or fourteen with
// "Remember Me".
const (
	SessionLifetime         = 48 * time.Hour
	SessionLifetimeRemember = 14 * 24 * time.Hour
	// sessionTouchInterval limits how often a session's last-seen data is
	// written, so that a normal page view writes nothing.
	sessionTouchInterval = time.Hour
)

// Session is one logged-in browser.
type Session struct {
	ID     uint64 `gorm:"primaryKey;autoIncrement"`
	UserID uint64 `gorm:"not null;index:idx_sessions_user"`
	// TokenHash is the hex SHA-256 of the cookie token. The token has 256
	// random bits, so a fast hash suffices and the lookup is one index probe.
	TokenHash string `gorm:"size:64;not null;uniqueIndex:idx_sessions_token"`
	// PasswordVersion is the user's password version at login: changing the
	// main password anywhere ends every older session.
	PasswordVersion uint64    `gorm:"not null;default:1"`
	Remember        bool      `gorm:"not null;default:false"`
	Created         time.Time `gorm:"not null"`
	Expires         time.Time `gorm:"not null;index:idx_sessions_expires"`
	LastSeen        time.Time `gorm:"not null"`
	LastIP          string    `gorm:"size:45;not null;default:''"`
	LastUserAgent   string    `gorm:"size:255;not null;default:''"`

	// token is the plain cookie token, known only while serving the request
	// that presented it; nonces are keyed with it.
	token string `gorm:"-"`
}

// TableName keeps the table name stable.
func (Session) TableName() string { return "sessions" }

// Token returns the plain cookie token when the session was just created or
// looked up by it, and "" otherwise.
func (sess *Session) Token() string { return sess.token }

// LoggedInCookieName is the session cookie's name, as WordPress names its
// logged-in cookie: "wordpress_logged_in_" + md5(site URL).
func LoggedInCookieName(siteURL string) string {
	sum := md5.Sum([]byte(siteURL))
	return "wordpress_logged_in_" + hex.EncodeToString(sum[:])
}

// TestCookieName is the cookie WordPress's login form uses to check that the
// browser accepts cookies.
const TestCookieName = "wordpress_test_cookie"

func hashSessionToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

var errNoSession = newError(KindUnauthenticated, ReasonSessionExpired)

// CreateSession starts a browser session for u and returns it with its plain
// token (Session.Token), which goes into the cookie and is never stored.
// Expired sessions (anyone's) are removed on the way.
func (s *Store) CreateSession(ctx context.Context, u *User, remember bool, c ClientInfo) (*Session, error) {
	var raw [32]byte
	if _, err := rand.Read(raw[:]); err != nil {
		return nil, Internal(err)
	}
	token := base64.RawURLEncoding.EncodeToString(raw[:])
	now := s.now()
	life := SessionLifetime
	if remember {
		life = SessionLifetimeRemember
	}
	sess := &Session{
		UserID:          u.ID,
		TokenHash:       hashSessionToken(token),
		PasswordVersion: u.PasswordVersion,
		Remember:        remember,
		Created:         now,
		Expires:         now.Add(life),
		LastSeen:        now,
		LastIP:          truncateUTF8(c.IP, 45),
		LastUserAgent:   truncateUTF8(c.UserAgent, 255),
	}
	err := s.transaction(ctx, func(tx *gorm.DB) error {
		// Expired sessions go on the way (an index range on expires), so
		// the table never grows without bound.
		if err := tx.Where("expires < ?", now).Delete(&Session{}).Error; err != nil {
			return err
		}
		sess.ID = 0 // a retried run inserts afresh (write_retry.go)
		return tx.Create(sess).Error
	})
	if err != nil {
		return nil, Internal(err)
	}
	sess.token = token
	return sess, nil
}

// UserBySessionToken resolves a session cookie's token to its user and
// session: one indexed lookup of the session and one of the user, no writes.
// An unknown, expired or superseded (password changed since) session is an
// unauthenticated error.
func (s *Store) UserBySessionToken(ctx context.Context, token string) (*User, *Session, error) {
	u, sess, result, err := s.userBySessionToken(ctx, token)
	NoteOf(ctx).setLogin(LoginOutcome{Channel: ChannelCookie, Credential: CredentialSession, Result: result})
	return u, sess, err
}

// userBySessionToken is UserBySessionToken, saying how the cookie's login
// ended: an expired session is told apart from an unknown or superseded one.
func (s *Store) userBySessionToken(ctx context.Context, token string) (*User, *Session, LoginResult, error) {
	if token == "" || len(token) > 128 {
		return nil, nil, LoginWrong, errNoSession
	}
	var sess Session
	err := s.withContext(ctx).Where("token_hash = ?", hashSessionToken(token)).Take(&sess).Error
	if err != nil {
		err = notFoundOr(err, errNoSession)
		return nil, nil, loginResultOf(err), err
	}
	if !s.now().Before(sess.Expires) {
		return nil, nil, LoginExpired, errNoSession
	}
	u, err := s.UserByID(ctx, sess.UserID)
	if err != nil {
		if IsNotFound(err) {
			return nil, nil, LoginWrong, errNoSession
		}
		return nil, nil, LoginError, err
	}
	if u.PasswordVersion != sess.PasswordVersion {
		return nil, nil, LoginWrong, errNoSession
	}
	sess.token = token
	return u, &sess, LoginOK, nil
}

// TouchSession records where a session was last used, at most once an hour
// unless the address or browser changed, so page views rarely write.
func (s *Store) TouchSession(ctx context.Context, sess *Session, c ClientInfo) error {
	now := s.now()
	ip, ua := truncateUTF8(c.IP, 45), truncateUTF8(c.UserAgent, 255)
	if ip == sess.LastIP && ua == sess.LastUserAgent && now.Sub(sess.LastSeen) < sessionTouchInterval {
		return nil
	}
	err := s.withContext(ctx).Model(&Session{}).Where("id = ?", sess.ID).
		Updates(map[string]any{"last_seen": now, "last_ip": ip, "last_user_agent": ua}).Error
	if err != nil {
		return Internal(err)
	}
	sess.LastSeen, sess.LastIP, sess.LastUserAgent = now, ip, ua
	return nil
}

// Sessions lists a user's unexpired sessions, most recently used first.
func (s *Store) Sessions(ctx context.Context, userID uint64) ([]Session, error) {
	var list []Session
	err := s.withContext(ctx).Where("user_id = ? AND expires > ?", userID, s.now()).
		Order("last_seen DESC, id DESC").Find(&list).Error
	if err != nil {
		return nil, Internal(err)
	}
	return list, nil
}

// DeleteSession ends one session (logging out). Ending a session that no
// longer exists is not an error: the outcome is the same.
func (s *Store) DeleteSession(ctx context.Context, id uint64) error {
	if err := s.withContext(ctx).Where("id = ?", id).Delete(&Session{}).Error; err != nil {
		return Internal(err)
	}
	return nil
}

// DeleteUserSession ends one of a user's sessions, chosen on their profile
// page; the user id in the condition keeps one user from ending another's.
// Errors: not found (no such session of that user), internal.
func (s *Store) DeleteUserSession(ctx context.Context, userID, id uint64) error {
	res := s.withContext(ctx).Where("id = ? AND user_id = ?", id, userID).Delete(&Session{})
	if res.Error != nil {
		return Internal(res.Error)
	}
	if res.RowsAffected == 0 {
		return newError(KindNotFound, ReasonSessionNotFound)
	}
	return nil
}

// DeleteOtherSessions ends every session of a user except keepID (0 ends
// them all) and returns how many were ended ("Log Out Everywhere Else").
func (s *Store) DeleteOtherSessions(ctx context.Context, userID, keepID uint64) (int64, error) {
	res := s.withContext(ctx).Where("user_id = ? AND id <> ?", userID, keepID).Delete(&Session{})
	if res.Error != nil {
		return 0, Internal(res.Error)
	}
	return res.RowsAffected, nil
}

// truncateUTF8 cuts s to at most n bytes without splitting a UTF-8 sequence.
func truncateUTF8(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && s[n]&0xC0 == 0x80 {
		n--
	}
	return s[:n]
}
