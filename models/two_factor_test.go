package models_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/presspass/presspass/fixtures/fixturestest"
	"github.com/presspass/presspass/models"
)

func TestTOTPCodeRFC6238(t *testing.T) {
	// RFC 6238 appendix B, SHA-1 seed "12345678901234567890", last six digits.
	secret := "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
	for unix, want := range map[int64]string{
		59: "287082", 1111111109: "081804", 1111111111: "050471", 1234567890: "005924", 2000000000: "279037", 20000000000: "353130",
	} {
		if got := models.TOTPCode(secret, time.Unix(unix, 0)); got != want {
			t.Errorf("T=%d: %s, want %s", unix, got, want)
		}
	}
	if models.TOTPCode("not base32!", time.Now()) != "" {
		t.Error("malformed secret gave a code")
	}
	uri := models.TOTPURI("PressPass example.com", "ann", secret)
	if !strings.HasPrefix(uri, "otpauth://totp/PressPass%20example.com:ann?secret="+secret) {
		t.Errorf("uri %q", uri)
	}
}

func TestTwoFactorSetupAndLogin(t *testing.T) {
	s := fixturestest.Open(t)
	ctx := context.Background()
	u := sessionUser(t, s, "gina")
	admin := sessionUser(t, s, "hank")
	role := "administrator"
	if _, err := s.UpdateUser(ctx, admin.ID, models.UserInput{Role: &role}); err != nil {
		t.Fatal(err)
	}
	admin.Role = role
	now := time.Date(2026, 5, 5, 5, 5, 5, 0, time.UTC)
	s.Clock = func() time.Time { return now }

	if _, err := s.StartTwoFactorSetup(ctx, admin, u); models.ErrorKind(err) != models.KindForbidden {
		t.Errorf("admin started setup for another user: %v", err)
	}
	if _, err := s.ConfirmTwoFactor(ctx, u, u, "123456"); models.ErrorKind(err) != models.KindInvalid {
		t.Errorf("confirm without setup: %v", err)
	}
	secret, err := s.StartTwoFactorSetup(ctx, u, u)
	if err != nil {
		t.Fatal(err)
	}
	wrong := "000000"
	if models.TOTPCode(secret, now) == wrong {
		wrong = "111111"
	}
	if _, err := s.ConfirmTwoFactor(ctx, u, u, wrong); models.ErrorKind(err) != models.KindInvalid {
		t.Errorf("wrong first code: %v", err)
	}
	codes, err := s.ConfirmTwoFactor(ctx, u, u, models.TOTPCode(secret, now))
	if err != nil || len(codes) != models.RecoveryCodeCount {
		t.Fatalf("confirm: %v %d", err, len(codes))
	}
	stored, _ := s.UserByID(ctx, u.ID)
	if !stored.TwoFactorEnabled || strings.Contains(stored.TwoFactorRecovery, codes[0]) {
		t.Fatal("not enabled, or recovery codes stored in clear")
	}

	login := func(code string) error {
		token, err := s.CreateLoginChallenge(ctx, stored, true, "/wp-admin/")
		if err != nil {
			t.Fatal(err)
		}
		got, ch, err := s.CompleteLoginChallenge(ctx, token, code, models.ClientInfo{IP: "192.0.2.1"})
		if err == nil && (got.ID != u.ID || !ch.Remember || ch.RedirectTo != "/wp-admin/") {
			t.Errorf("challenge returned %v %+v", got, ch)
		}
		return err
	}
	if err := login(models.TOTPCode(secret, now)); err == nil {
		t.Error("the confirmation code was accepted again (replay)")
	}
	now = now.Add(30 * time.Second)
	if err := login(models.TOTPCode(secret, now.Add(-30*time.Second))); err == nil {
		t.Error("previous step accepted although already used")
	}
	if err := login(models.TOTPCode(secret, now)); err != nil {
		t.Errorf("current code refused: %v", err)
	}
	now = now.Add(60 * time.Second)
	if err := login(models.TOTPCode(secret, now.Add(-30*time.Second))); err != nil {
		t.Errorf("code one step old refused: %v", err)
	}
	now = now.Add(5 * time.Minute)
	if err := login(models.TOTPCode(secret, now.Add(-90*time.Second))); err == nil {
		t.Error("code three steps old accepted")
	}
	if err := login(" " + strings.ToUpper(codes[3]) + " "); err != nil {
		t.Errorf("recovery code refused: %v", err)
	}
	stored, _ = s.UserByID(ctx, u.ID)
	if err := login(codes[3]); err == nil {
		t.Error("recovery code used twice")
	}
	if models.RecoveryCodesLeft(stored) != models.RecoveryCodeCount-1 {
		t.Errorf("%d codes left", models.RecoveryCodesLeft(stored))
	}

	t.Run("challenge expires", func(t *testing.T) {
		token, _ := s.CreateLoginChallenge(ctx, stored, false, "")
		now = now.Add(11 * time.Minute)
		if _, _, err := s.CompleteLoginChallenge(ctx, token, models.TOTPCode(secret, now), models.ClientInfo{IP: "192.0.2.1"}); models.ErrorKind(err) != models.KindUnauthenticated {
			t.Errorf("expired challenge: %v", err)
		}
	})
	t.Run("disable", func(t *testing.T) {
		other := sessionUser(t, s, "ivan")
		if err := s.DisableTwoFactor(ctx, other, stored); models.ErrorKind(err) != models.KindForbidden {
			t.Errorf("a subscriber disabled another user's two-factor: %v", err)
		}
		if err := s.DisableTwoFactor(ctx, admin, stored); err != nil {
			t.Fatal(err)
		}
		after, _ := s.UserByID(ctx, u.ID)
		if after.TwoFactorEnabled || after.TwoFactorSecret != "" || after.TwoFactorRecovery != "" {
			t.Errorf("still set: %+v", after)
		}
	})
}
