package models

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
)

// GravatarURL is get_avatar_url for an e-mail address at size pixels, with
// the mystery-person default and the G rating: the SHA-256 of the trimmed,
// lower-cased address (WordPress 6.8+), or no hash at all for an empty
// address, as get_avatar_data leaves it.
func GravatarURL(email string, size int) string {
	hash := ""
	if e := strings.ToLower(strings.TrimSpace(email)); email != "" {
		sum := sha256.Sum256([]byte(e))
		hash = hex.EncodeToString(sum[:])
	}
	s := strconv.Itoa(size)
	return "https://secure.gravatar.com/avatar/" + hash + "?s=" + s + "&d=mm&r=g"
}
