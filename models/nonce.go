package models

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"time"
)

// Nonces are WordPress's CSRF tokens: 10 hex characters bound to an action,
// the user and the session, valid for 12 to 24 hours and reusable within
// that time (clients and the conformance goldens reuse them).
//
// WordPress hashes tick|action|user|session token with a site salt. PressPass
// keys an HMAC with the session's plain token instead: the token exists only
// in the browser's cookie and in memory while its request is served, so
// nobody who lacks the cookie — not even a reader of the database — can
// compute a valid nonce.

// nonceTickLength is half of a nonce's lifetime, as WordPress's
// nonce_life / 2.
const nonceTickLength = 12 * time.Hour

// nonceTick is WordPress's wp_nonce_tick(): ceil(time / (life / 2)).
func nonceTick(now time.Time) int64 {
	half := int64(nonceTickLength / time.Second)
	return (now.Unix() + half - 1) / half
}

func nonceFor(token string, tick int64, action string, userID uint64) string {
	m := hmac.New(sha256.New, []byte(token))
	m.Write([]byte(strconv.FormatInt(tick, 10) + "|" + action + "|" + strconv.FormatUint(userID, 10)))
	return hex.EncodeToString(m.Sum(nil))[:10]
}

// CreateNonce returns the nonce for action in sess, or "" when the session
// was not looked up by its token in this request (it cannot be keyed then).
func (s *Store) CreateNonce(sess *Session, action string) string {
	if sess == nil || sess.token == "" {
		return ""
	}
	return nonceFor(sess.token, nonceTick(s.now()), action, sess.UserID)
}

// VerifyNonce reports whether nonce is valid for action in sess: made in the
// current or the previous tick (12 to 24 hours). The comparison takes
// constant time.
func (s *Store) VerifyNonce(sess *Session, action, nonce string) bool {
	if sess == nil || sess.token == "" || len(nonce) != 10 {
		return false
	}
	tick := nonceTick(s.now())
	ok := false
	for _, t := range []int64{tick, tick - 1} {
		if hmac.Equal([]byte(nonceFor(sess.token, t, action, sess.UserID)), []byte(nonce)) {
			ok = true
		}
	}
	return ok
}
