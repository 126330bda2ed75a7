package models

import (
	"strings"
	"testing"
)

func TestVerifyPasswordFormats(t *testing.T) {
	ours, err := HashPassword("correct horse", 4)
	if err != nil {
		t.Fatal(err)
	}
	long := strings.Repeat("long-password-", 10) // 140 bytes: past bcrypt's 72
	longHash, err := HashPassword(long, 4)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		password string
		hash     string
		want     bool
	}{
		// A real WordPress 6.9.7 hash from ../shared/wordpress-db (admin).
		{"wordpress 6.8+ $wp$2y$", "admin-pass-123", "$wp$2y$10$76Vn/mGwqVyc.ub5k6WVuOsz1d0ixJbpPJRaGsNnKHStoH93ivzzW", true},
		{"wordpress 6.8+ wrong password", "admin-pass-124", "$wp$2y$10$76Vn/mGwqVyc.ub5k6WVuOsz1d0ixJbpPJRaGsNnKHStoH93ivzzW", false},
		// phpass's own test vector (portable hash, 2^11 rounds).
		{"phpass $P$", "test12345", "$P$9IQRaTwmfeRo7ud9Fh4E2PdI0S3r.L0", true},
		{"phpass wrong", "test12346", "$P$9IQRaTwmfeRo7ud9Fh4E2PdI0S3r.L0", false},
		{"phpass $H$ (phpBB prefix, same algorithm)", "test12345", "$H$9IQRaTwmfeRo7ud9Fh4E2PdI0S3r.L0", true},
		{"unsalted md5 of very old sites", "password", "5f4dcc3b5aa765d61d8327deb882cf99", true},
		{"unsalted md5 upper case", "password", "5F4DCC3B5AA765D61D8327DEB882CF99", true},
		{"md5 wrong", "Password", "5f4dcc3b5aa765d61d8327deb882cf99", false},
		{"our own format", "correct horse", ours, true},
		{"our own format wrong", "correct horsE", ours, false},
		{"past bcrypt's 72 bytes", long, longHash, true},
		{"past 72 bytes, differing after 72", long + "x", longHash, false},
		{"empty hash", "x", "", false},
		{"garbage hash", "x", "$garbage$", false},
		{"truncated phpass", "x", "$P$9IQR", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := VerifyPassword(tt.password, tt.hash); got != tt.want {
				t.Fatalf("VerifyPassword = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestPlainBcryptFromPHP(t *testing.T) {
	// PHP's password_hash writes $2y$; x/crypto writes $2a$: same algorithm.
	h, err := HashPassword("pw", 4)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$wp$2y$04$") {
		t.Fatalf("hash %q is not in WordPress 6.8's format", h)
	}
	plain := "$2y$" + strings.TrimPrefix(h, "$wp$2y$")
	if VerifyPassword("pw", plain) {
		t.Fatal("a pre-hashed bcrypt must not verify as plain bcrypt")
	}
}

func TestPasswordNeedsRehash(t *testing.T) {
	h10 := "$wp$2y$10$76Vn/mGwqVyc.ub5k6WVuOsz1d0ixJbpPJRaGsNnKHStoH93ivzzW"
	tests := []struct {
		hash string
		cost int
		want bool
	}{
		{h10, 10, false},
		{h10, 0, false},
		{h10, 12, true},
		{"$P$9IQRaTwmfeRo7ud9Fh4E2PdI0S3r.L0", 10, true},
		{"5f4dcc3b5aa765d61d8327deb882cf99", 10, true},
		{"$2y$10$abcdefghijklmnopqrstuu", 10, true},
	}
	for _, tt := range tests {
		if got := PasswordNeedsRehash(tt.hash, tt.cost); got != tt.want {
			t.Errorf("PasswordNeedsRehash(%.12s…, %d) = %v, want %v", tt.hash, tt.cost, got, tt.want)
		}
	}
}
