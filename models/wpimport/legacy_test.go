package wpimport_test

import (
	"context"
	"crypto/md5"
	"encoding/hex"
	"fmt"
	"strings"
	"testing"

	"github.com/presspass/presspass/fixtures/fixturestest"
	"github.com/presspass/presspass/models"
	"github.com/presspass/presspass/models/wpimport"
	"github.com/presspass/presspass/models/wpimport/wpimporttest"
	"golang.org/x/crypto/bcrypt"
)

// phpassTest12345 is the portable phpass hash of "test12345" that phpass's
// own test suite ships.
const phpassTest12345 = `$P$9IQRaTwmfeRo7ud9Fh4E2PdI0S3r.L0`

const itoa64 = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

// phpassHash writes a portable phpass hash as WordPress 2.5–6.7 did, so the
// tests can build old-style rows; it is checked against phpass's own test
// vector below.
func phpassHash(password string, countChar byte, salt string) string {
	count := 1 << strings.IndexByte(itoa64, countChar)
	sum := md5.Sum([]byte(salt + password))
	for ; count > 0; count-- {
		sum = md5.Sum(append(sum[:], password...))
	}
	var out strings.Builder
	out.WriteString("$P$" + string(countChar) + salt)
	for i := 0; i < 16; i += 3 {
		v := int(sum[i])
		if i+1 < 16 {
			v |= int(sum[i+1]) << 8
		}
		if i+2 < 16 {
			v |= int(sum[i+2]) << 16
		}
		n := 4
		if i+1 >= 16 {
			n = 2
		} else if i+2 >= 16 {
			n = 3
		}
		for j := 0; j < n; j++ {
			out.WriteByte(itoa64[(v>>(6*j))&0x3f])
		}
	}
	return out.String()
}

func TestPhpassHelperMatchesVector(t *testing.T) {
	if got := phpassHash("test12345", '9', "IQRaTwmf"); got != phpassTest12345 {
		t.Fatalf("phpassHash = %s, want %s", got, phpassTest12345)
	}
}

// addSourceUser inserts a user and its meta into the WordPress database.
func addSourceUser(t *testing.T, src *wpimporttest.SQLDB, id int, login, hash string, meta map[string]string) {
	t.Helper()
	execSource(t, src, "INSERT INTO wp_users (ID, user_login, user_pass, user_nicename, user_email, user_url, user_registered, user_activation_key, user_status, display_name) VALUES (?, ?, ?, ?, ?, '', '2024-02-01 12:00:00', '', 0, ?)",
		id, login, hash, login, login+"@example.com", login)
	for k, v := range meta {
		execSource(t, src, "INSERT INTO wp_usermeta (user_id, meta_key, meta_value) VALUES (?, ?, ?)", id, k, v)
	}
}

func phpString(s string) string { return fmt.Sprintf("s:%d:\"%s\";", len(s), s) }

// appPasswordsMeta serializes a list of application passwords as WordPress
// stores them in _application_passwords.
func appPasswordsMeta(entries ...map[string]string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "a:%d:{", len(entries))
	for i, e := range entries {
		fmt.Fprintf(&b, "i:%d;a:%d:{", i, len(e))
		for _, k := range []string{"uuid", "app_id", "name", "password", "created", "last_used", "last_ip"} {
			v, ok := e[k]
			if !ok {
				continue
			}
			b.WriteString(phpString(k))
			b.WriteString(v)
		}
		b.WriteString("}")
	}
	b.WriteString("}")
	return b.String()
}

const (
	legacyAppPassword = "AbCdEfGhIjKlMnOpQrStUvWx"
	legacyAppUUID     = "0f8e3c52-1a4b-4c6d-8e9f-a0b1c2d3e4f5"
	legacyAppID       = "11111111-2222-4333-8444-555555555555"
)

func TestImportLegacyHashes(t *testing.T) {
	ctx := context.Background()
	src := wpimporttest.Load(t)
	dst := fixturestest.Open(t)

	bc, err := bcrypt.GenerateFromPassword([]byte("bcrypt-pass"), 4)
	if err != nil {
		t.Fatal(err)
	}
	plainBcrypt := "$2y$" + string(bc)[4:]
	md5sum := md5.Sum([]byte("md5-pass"))
	wp10, err := models.HashPassword("wp-pass", 10)
	if err != nil {
		t.Fatal(err)
	}
	author := map[string]string{"wp_capabilities": `a:1:{s:6:"author";b:1;}`}
	addSourceUser(t, src, 10, "legacyphpass", phpassTest12345, map[string]string{
		"wp_capabilities": `a:1:{s:6:"author";b:1;}`,
		"_application_passwords": appPasswordsMeta(map[string]string{
			"uuid": phpString(legacyAppUUID), "app_id": phpString(legacyAppID), "name": phpString("old phone"),
			"password": phpString(phpassHash(legacyAppPassword, 'B', "abcdefgh")), "created": "i:1600000000;",
			"last_used": "i:1700000000;", "last_ip": phpString("203.0.113.9"),
		}),
	})
	addSourceUser(t, src, 11, "legacybcrypt", plainBcrypt, author)
	addSourceUser(t, src, 12, "legacymd5", hex.EncodeToString(md5sum[:]), author)
	addSourceUser(t, src, 13, "wpcost10", wp10, author)

	r := runImport(t, src, dst, wpimport.Options{})
	wantCount(t, r, wpimport.KindUsers, wpimport.Count{Created: 9})
	wantCount(t, r, wpimport.KindAppPasswords, wpimport.Count{Created: 5})

	for _, tt := range []struct{ login, password, prefix string }{
		{"legacyphpass", "test12345", "$P$"},
		{"legacybcrypt", "bcrypt-pass", "$2y$04$"},
		{"legacymd5", "md5-pass", hex.EncodeToString(md5sum[:])},
	} {
		t.Run(tt.login+" verifies and is re-hashed", func(t *testing.T) {
			u, _ := dst.UserByLogin(ctx, tt.login)
			if !strings.HasPrefix(u.PasswordHash, tt.prefix) {
				t.Fatalf("imported hash does not start %q", tt.prefix)
			}
			if _, err := dst.AuthenticatePassword(ctx, tt.login, "wrong"); err == nil {
				t.Fatal("a wrong password verified")
			}
			// Re-hash to PressPass's own format happens whatever the cost.
			dst.Config.BcryptCost = models.DefaultBcryptCost
			defer func() { dst.Config.BcryptCost = 4 }()
			if _, err := dst.AuthenticatePassword(ctx, tt.login, tt.password); err != nil {
				t.Fatalf("AuthenticatePassword: %v", err)
			}
			u, _ = dst.UserByLogin(ctx, tt.login)
			if !strings.HasPrefix(u.PasswordHash, "$wp$2y$10$") {
				t.Fatalf("not re-hashed to $wp$2y$10$: %q…", u.PasswordHash[:7])
			}
			if _, err := dst.AuthenticatePassword(ctx, tt.login, tt.password); err != nil {
				t.Fatalf("the new hash does not verify: %v", err)
			}
		})
	}

	t.Run("a $wp$ hash at cost 10 is already ours", func(t *testing.T) {
		dst.Config.BcryptCost = 0 // the default, 10
		defer func() { dst.Config.BcryptCost = 4 }()
		if models.PasswordNeedsRehash(wp10, 0) || models.PasswordNeedsRehash(wp10, 10) {
			t.Fatal("PasswordNeedsRehash wants to replace a cost-10 $wp$ hash")
		}
		if _, err := dst.AuthenticatePassword(ctx, "wpcost10", "wp-pass"); err != nil {
			t.Fatal(err)
		}
		u, _ := dst.UserByLogin(ctx, "wpcost10")
		if u.PasswordHash != wp10 {
			t.Fatal("a login replaced a hash that was already in PressPass's format")
		}
		if !models.PasswordNeedsRehash(wp10, 4) {
			t.Fatal("a cost-10 hash must be re-hashed when the site's cost is 4")
		}
	})

	t.Run("a phpass application password works and is upgraded", func(t *testing.T) {
		ap, err := dst.AppPasswordByUUID(ctx, 10, legacyAppUUID)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(ap.Hash, "$P$") || ap.AppID != legacyAppID || ap.Name != "old phone" ||
			ap.Created.Unix() != 1600000000 || ap.LastUsed == nil || ap.LastUsed.Unix() != 1700000000 || ap.LastIP != "203.0.113.9" {
			t.Fatalf("imported as %+v", ap)
		}
		if _, _, err := dst.AuthenticateAPI(ctx, "legacyphpass", models.ChunkAppPassword(legacyAppPassword), local); err != nil {
			t.Fatalf("AuthenticateAPI: %v", err)
		}
		if _, _, err := dst.AuthenticateAppPassword(ctx, "legacyphpass", legacyAppPassword, local); err != nil {
			t.Fatalf("AuthenticateAppPassword: %v", err)
		}
		ap, _ = dst.AppPasswordByUUID(ctx, 10, legacyAppUUID)
		if ap.Hash != models.FastHash(legacyAppPassword) {
			t.Fatalf("not upgraded to the fast hash: %q…", ap.Hash[:9])
		}
		// Running the import again keeps the upgraded hash.
		r := runImport(t, src, dst, wpimport.Options{})
		wantCount(t, r, wpimport.KindAppPasswords, wpimport.Count{Unchanged: 5})
		ap, _ = dst.AppPasswordByUUID(ctx, 10, legacyAppUUID)
		if ap.Hash != models.FastHash(legacyAppPassword) {
			t.Fatal("a re-run put the old phpass hash back")
		}
		if _, _, err := dst.AuthenticateAppPassword(ctx, "legacyphpass", legacyAppPassword, local); err != nil {
			t.Fatalf("after the re-run: %v", err)
		}
	})
}
