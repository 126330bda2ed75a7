package models

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"strings"

	"golang.org/x/crypto/blake2b"
)

// Application-password secrets: generation, display and the fast keyed hash.
//
// Application passwords carry 24 random alphanumerics (~143 bits), so a slow
// password hash adds nothing but latency. PressPass stores WordPress 6.8+'s
// "$generic$" format: BLAKE2b-240 keyed with "wp_fast_hash_6.8+", base64url
// without padding. The hash is deterministic, so the stored hash itself is the
// lookup key: verifying costs one BLAKE2b and one indexed query no matter how
// many passwords a user has.

// AppPasswordLength is the number of characters of a generated password.
const AppPasswordLength = 24

const appPasswordAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

const (
	genericPrefix = "$generic$"
	fastHashKey   = "wp_fast_hash_6.8+"
)

// GenerateAppPassword returns 24 characters from [A-Za-z0-9] drawn with
// crypto/rand. Bytes ≥ 248 are rejected so that every character is equally
// likely (248 = 4 × 62).
func GenerateAppPassword() (string, error) {
	out := make([]byte, 0, AppPasswordLength)
	buf := make([]byte, 32)
	for len(out) < AppPasswordLength {
		if _, err := rand.Read(buf); err != nil {
			return "", fmt.Errorf("generate application password: %w", err)
		}
		for _, b := range buf {
			if b >= 248 {
				continue
			}
			out = append(out, appPasswordAlphabet[int(b)%62])
			if len(out) == AppPasswordLength {
				break
			}
		}
	}
	return string(out), nil
}

// ChunkAppPassword formats a password as WordPress displays it: groups of
// four separated by spaces.
func ChunkAppPassword(pw string) string {
	var b strings.Builder
	for i := 0; i < len(pw); i += 4 {
		if i > 0 {
			b.WriteByte(' ')
		}
		end := i + 4
		if end > len(pw) {
			end = len(pw)
		}
		b.WriteString(pw[i:end])
	}
	return b.String()
}

// NormalizeAppPassword strips every character that is not an ASCII letter or
// digit, so that chunked and unchunked forms verify alike.
func NormalizeAppPassword(pw string) string {
	clean := true
	for i := 0; i < len(pw); i++ {
		if !isAlnum(pw[i]) {
			clean = false
			break
		}
	}
	if clean {
		return pw
	}
	b := make([]byte, 0, len(pw))
	for i := 0; i < len(pw); i++ {
		if isAlnum(pw[i]) {
			b = append(b, pw[i])
		}
	}
	return string(b)
}

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// FastHash is WordPress's wp_fast_hash(): "$generic$" + base64url(BLAKE2b-240
// keyed with "wp_fast_hash_6.8+").
func FastHash(message string) string {
	h, err := blake2b.New(30, []byte(fastHashKey))
	if err != nil {
		panic(err) // fixed, valid parameters: cannot fail
	}
	h.Write([]byte(message))
	var sum [30]byte
	h.Sum(sum[:0])
	return genericPrefix + base64.RawURLEncoding.EncodeToString(sum[:])
}

// verifyAppPasswordHash checks a normalized password against a stored hash in
// either the fast format or phpass (passwords imported from WordPress 5.6–6.7).
func verifyAppPasswordHash(password, hash string) bool {
	switch {
	case strings.HasPrefix(hash, genericPrefix):
		return subtle.ConstantTimeCompare([]byte(FastHash(password)), []byte(hash)) == 1
	case strings.HasPrefix(hash, "$P$"), strings.HasPrefix(hash, "$H$"):
		return VerifyPassword(password, hash)
	}
	return false
}
