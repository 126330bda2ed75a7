package models

import (
	"crypto/hmac"
	"crypto/md5"
	"crypto/sha512"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"strings"

	"golang.org/x/crypto/bcrypt"
)

// Main (login) passwords.
//
// PressPass writes WordPress 6.8+'s format, "$wp" + bcrypt over
// base64(HMAC-SHA384(key "wp-sha384", password)): the pre-hash lifts bcrypt's
// 72-byte limit, and the hashes stay interchangeable with WordPress in both
// directions. VerifyPassword also understands every format an imported
// WordPress database can hold: phpass ($P$/$H$), plain bcrypt ($2y$ …) and
// the unsalted MD5 of very old sites. PasswordNeedsRehash tells the caller to
// upgrade those on the next successful login.

// DefaultBcryptCost is the bcrypt cost PressPass writes (WordPress uses 10).
const DefaultBcryptCost = 10

const wpPrefix = "$wp"

// wpPreHash is WordPress 6.8's pre-hash of a password before bcrypt.
func wpPreHash(password string) []byte {
	mac := hmac.New(sha512.New384, []byte("wp-sha384"))
	mac.Write([]byte(password))
	sum := mac.Sum(nil)
	out := make([]byte, base64.StdEncoding.EncodedLen(len(sum)))
	base64.StdEncoding.Encode(out, sum)
	return out
}

// HashPassword hashes a main password in PressPass's format at the given
// bcrypt cost (0 means DefaultBcryptCost).
func HashPassword(password string, cost int) (string, error) {
	if cost == 0 {
		cost = DefaultBcryptCost
	}
	h, err := bcrypt.GenerateFromPassword(wpPreHash(password), cost)
	if err != nil {
		return "", Internal(err)
	}
	// x/crypto writes $2a$; PHP writes $2y$. They are the same algorithm and
	// WordPress only verifies $2y$, so write what PHP writes.
	s := string(h)
	if strings.HasPrefix(s, "$2a$") {
		s = "$2y$" + s[4:]
	}
	return wpPrefix + s, nil
}

// VerifyPassword checks password against a stored hash of any supported
// format, comparing in constant time.
func VerifyPassword(password, hash string) bool {
	switch {
	case strings.HasPrefix(hash, "$wp$2"):
		return bcrypt.CompareHashAndPassword([]byte(hash[len(wpPrefix):]), wpPreHash(password)) == nil
	case strings.HasPrefix(hash, "$2y$"), strings.HasPrefix(hash, "$2a$"), strings.HasPrefix(hash, "$2b$"):
		if len(password) > 72 {
			return false
		}
		return bcrypt.CompareHashAndPassword([]byte(hash), []byte(password)) == nil
	case strings.HasPrefix(hash, "$P$"), strings.HasPrefix(hash, "$H$"):
		computed, ok := phpassCrypt(password, hash)
		return ok && subtle.ConstantTimeCompare([]byte(computed), []byte(hash)) == 1
	case len(hash) == 32 && isHex(hash):
		sum := md5.Sum([]byte(password))
		return subtle.ConstantTimeCompare([]byte(hex.EncodeToString(sum[:])), []byte(strings.ToLower(hash))) == 1
	}
	return false
}

// PasswordNeedsRehash reports whether a hash that just verified should be
// replaced by one in PressPass's own format at the given cost.
func PasswordNeedsRehash(hash string, cost int) bool {
	if cost == 0 {
		cost = DefaultBcryptCost
	}
	if !strings.HasPrefix(hash, "$wp$2") {
		return true
	}
	c, err := bcrypt.Cost([]byte(hash[len(wpPrefix):]))
	return err != nil || c != cost
}

func isHex(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
			return false
		}
	}
	return true
}

const phpassItoa64 = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

// phpassCrypt computes the portable phpass hash of password with the setting
// (prefix, cost and salt) taken from an existing hash.
func phpassCrypt(password, setting string) (string, bool) {
	if len(setting) < 12 {
		return "", false
	}
	countLog2 := strings.IndexByte(phpassItoa64, setting[3])
	if countLog2 < 7 || countLog2 > 30 {
		return "", false
	}
	salt := setting[4:12]
	count := 1 << countLog2
	sum := md5.Sum([]byte(salt + password))
	buf := make([]byte, 0, 16+len(password))
	for ; count > 0; count-- {
		buf = append(buf[:0], sum[:]...)
		buf = append(buf, password...)
		sum = md5.Sum(buf)
	}
	return setting[:12] + phpassEncode64(sum[:]), true
}

// phpassEncode64 is phpass's own base64 variant (little-endian groups).
func phpassEncode64(in []byte) string {
	var out strings.Builder
	i := 0
	for i < len(in) {
		value := int(in[i])
		i++
		out.WriteByte(phpassItoa64[value&0x3f])
		if i < len(in) {
			value |= int(in[i]) << 8
		}
		out.WriteByte(phpassItoa64[(value>>6)&0x3f])
		if i >= len(in) {
			break
		}
		i++
		if i < len(in) {
			value |= int(in[i]) << 16
		}
		out.WriteByte(phpassItoa64[(value>>12)&0x3f])
		if i >= len(in) {
			break
		}
		i++
		out.WriteByte(phpassItoa64[(value>>18)&0x3f])
	}
	return out.String()
}
