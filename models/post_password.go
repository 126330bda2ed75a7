package models

import (
	"crypto/md5"
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"strings"
	"time"
)

// Password-protected posts, as WordPress's post_password_required and
// wp-login.php?action=postpass: the visitor's password is kept in a cookie
// as a portable phpass hash ($P$B…), so that the post's password itself
// never travels back and a changed post password locks the cookie out.

// PostPasswordCookieLife is how long the cookie lasts (WordPress's
// post_password_expires default).
const PostPasswordCookieLife = 10 * 24 * time.Hour

// PostPasswordCookieName is "wp-postpass_" + COOKIEHASH (md5 of the site
// URL), as WordPress names it.
func PostPasswordCookieName(siteURL string) string {
	sum := md5.Sum([]byte(siteURL))
	return "wp-postpass_" + hex.EncodeToString(sum[:])
}

// PostPasswordCookieValue hashes a password typed into a post's password
// form for the cookie: phpass, 2^13 rounds, a random salt (PasswordHash(8,
// true)->HashPassword).
func PostPasswordCookieValue(password string) string {
	var raw [6]byte
	if _, err := rand.Read(raw[:]); err != nil {
		panic("crypto/rand failed: " + err.Error())
	}
	salt := phpassEncode64(raw[:])
	h, _ := phpassCrypt(password, "$P$B"+salt[:8])
	return h
}

// PostPasswordRequired is post_password_required: the post has a password
// and the cookie's hash does not match it.
func PostPasswordRequired(p *Post, cookie string) bool {
	if p == nil || p.Password == "" {
		return false
	}
	if !strings.HasPrefix(cookie, "$P$B") {
		return true
	}
	h, ok := phpassCrypt(p.Password, cookie)
	return !ok || subtle.ConstantTimeCompare([]byte(h), []byte(cookie)) != 1
}
