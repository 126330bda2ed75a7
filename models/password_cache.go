package models

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"time"

	"github.com/presspass/presspass/models/epoch"
)

// verifiedPasswords remembers, for a short time, that a main password
// verified against a user's stored hash, so that legacy XML-RPC clients that
// send the main password on every call do not pay a bcrypt (~60 ms) each time.
//
// Threat model: the cache lives only in process memory and holds no password
// and no hash — only HMAC-SHA256 digests keyed with a random per-process key
// over (user id, password version, stored hash, password). Someone who reads
// the process memory learns nothing they could not get from the database
// hash plus the key, and the digests cannot be tested offline without the key.
// Only successes are cached; a failure always runs the full check and is
// counted by the throttle. Because the digest covers the password version and
// the stored hash — both read fresh from the database on every login — a
// password change on any process invalidates every entry everywhere on the
// very next request; locks are checked before the cache is consulted.
type verifiedPasswords struct {
	key      [32]byte
	ttl      time.Duration
	verified *epoch.Cache[[32]byte, struct{}] // under no epoch: the digest is the check
}

func newVerifiedPasswords(ttl time.Duration, max int) *verifiedPasswords {
	v := &verifiedPasswords{ttl: ttl, verified: epoch.NewCache[[32]byte, struct{}](max)}
	if _, err := rand.Read(v.key[:]); err != nil {
		panic("crypto/rand failed: " + err.Error())
	}
	return v
}

func (v *verifiedPasswords) digest(u *User, password string) [32]byte {
	m := hmac.New(sha256.New, v.key[:])
	var buf [16]byte
	binary.BigEndian.PutUint64(buf[:8], u.ID)
	binary.BigEndian.PutUint64(buf[8:], u.PasswordVersion)
	m.Write(buf[:])
	m.Write([]byte(u.PasswordHash))
	m.Write([]byte{0})
	m.Write([]byte(password))
	var out [32]byte
	m.Sum(out[:0])
	return out
}

// known reports whether this password verified for this user recently.
func (v *verifiedPasswords) known(u *User, password string, now time.Time) bool {
	_, ok := v.verified.Get(v.digest(u, password), epoch.Epochs{}, now)
	return ok
}

// remember records a successful verification.
func (v *verifiedPasswords) remember(u *User, password string, now time.Time) {
	v.verified.Put(v.digest(u, password), struct{}{}, epoch.Epochs{}, now.Add(v.ttl))
}
