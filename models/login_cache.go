package models

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"time"

	"github.com/presspass/presspass/models/epoch"
)

// Successful logins are remembered in process memory so that an
// authenticated request costs one tiny query instead of three (lock check,
// user, application password) — and no bcrypt for main passwords.
//
// Correctness across processes rests on the auth epoch (epochs.go): a cached
// login is used only while the epoch it was made under is still current, so
// a revoke, a password or role change, a deleted user or a lockout on any
// process takes effect on the very next request everywhere. Entries are
// keyed by client address, login and a keyed digest of the credential: a
// locked-out address never gets an entry, and nothing secret is kept (the
// app-password key is its stored fast hash; main passwords are HMACed with a
// random per-process key).

// login is a remembered login; callers get copies, never these.
type login struct {
	user User
	ap   *AppPassword // nil for a main-password login
}

// loginCache holds recent successful logins.
type loginCache struct {
	key    [32]byte // HMAC key for main-password digests
	ttl    time.Duration
	logins *epoch.Cache[string, *login]
}

func newLoginCache(key [32]byte, max int, ttl time.Duration) *loginCache {
	return &loginCache{key: key, ttl: ttl, logins: epoch.NewCache[string, *login](max)}
}

func cacheKey(ip, login, credential string) string {
	return ip + "\x00" + strings.ToLower(login) + "\x00" + credential
}

// mainPasswordDigest keys a main password without keeping it.
func (c *loginCache) mainPasswordDigest(password string) string {
	m := hmac.New(sha256.New, c.key[:])
	m.Write([]byte(password))
	return "main:" + hex.EncodeToString(m.Sum(nil))
}

// get returns copies of a cached login made under the auth epoch.
func (c *loginCache) get(key string, authEpoch int64, now time.Time) (*User, *AppPassword, bool) {
	l, ok := c.logins.Get(key, epoch.Epochs{Auth: authEpoch}, now)
	if !ok {
		return nil, nil, false
	}
	u := l.user
	var ap *AppPassword
	if l.ap != nil {
		cp := *l.ap
		ap = &cp
	}
	return &u, ap, true
}

// put remembers a successful login made under the auth epoch.
func (c *loginCache) put(key string, u *User, ap *AppPassword, authEpoch int64, now time.Time) {
	l := &login{user: *u}
	if ap != nil {
		cp := *ap
		l.ap = &cp
	}
	c.logins.Put(key, l, epoch.Epochs{Auth: authEpoch}, now.Add(c.ttl))
}
