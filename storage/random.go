package storage

import (
	"crypto/rand"
	"encoding/hex"
)

// randomSuffix names temporary files so that concurrent writers never meet.
func randomSuffix() string {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
