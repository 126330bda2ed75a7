package models_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/presspass/presspass/fixtures/fixturestest"
	"github.com/presspass/presspass/models"
)

// twoFactorUser creates a user with two-factor on and returns it, its
// secret and its recovery codes.
func twoFactorUser(t *testing.T, s *models.Store, login string) (*models.User, string, []string) {
	t.Helper()
	ctx := context.Background()
	u := newUser(t, s, login, "editor")
	secret, err := s.StartTwoFactorSetup(ctx, u, u)
	if err != nil {
		t.Fatal(err)
	}
	codes, err := s.ConfirmTwoFactor(ctx, u, u, models.TOTPCode(secret, s.Now()))
	if err != nil {
		t.Fatal(err)
	}
	return u, secret, codes
}

// wrongTOTP is a six-digit code valid in none of the steps around now.
func wrongTOTP(secret string, now time.Time) string {
	for i := 0; ; i++ {
		c := fmt.Sprintf("%06d", i*111111%1000000)
		if c != models.TOTPCode(secret, now.Add(-30*time.Second)) && c != models.TOTPCode(secret, now) &&
			c != models.TOTPCode(secret, now.Add(30*time.Second)) {
			return c
		}
	}
}

func countChallenges(t *testing.T, s *models.Store, userID uint64) int64 {
	t.Helper()
	var n int64
	if err := s.DB().Model(&models.LoginChallenge{}).Where("user_id = ?", userID).Count(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

// The attack of issue 17: one address with the right password takes a
// fresh challenge whenever one is used up and posts wrong codes (TOTP and
// recovery codes alike). With the default thresholds it is locked within
// its first 25 wrong codes; each wrong code is audited; the user's open
// challenges stay bounded; while the lock holds the right code, a right
// recovery code and the main password (on the API with
// two_factor_user_api_login_enable, from anywhere) are refused, and a wrong
// password gets the same answer; once the lock ends the right code works.
func TestSecondFactorGuessingLocks(t *testing.T) {
	ctx := context.Background()
	s := fixturestest.Open(t)
	now := time.Date(2026, 12, 7, 9, 0, 10, 0, time.UTC)
	s.Clock = func() time.Time { return now }
	s.Config.TwoFactorAPILogin = true
	u, secret, recovery := twoFactorUser(t, s, "nora")
	attacker := models.ClientInfo{IP: "203.0.113.50", UserAgent: "guesser"}
	elsewhere := models.ClientInfo{IP: "198.51.100.20"}

	var lockErr error
	var live string // a challenge with attempts left when the lock came
	wrong, piled := 0, false
	for wrong < 25 && lockErr == nil {
		if _, err := s.AuthenticatePasswordFrom(ctx, "nora", "nora-pass", attacker); err != nil {
			if models.ErrorKind(err) != models.KindTooManyRequests {
				t.Fatalf("password step: %v", err)
			}
			lockErr = err
			break
		}
		token, err := s.CreateLoginChallenge(ctx, u, false, "")
		if err != nil {
			t.Fatal(err)
		}
		if n := countChallenges(t, s, u.ID); n > 3 && !piled {
			piled = true
			t.Errorf("%d open challenges after %d wrong codes, want at most 3", n, wrong)
		}
		for i := 0; i < 3 && wrong < 25; i++ {
			code := wrongTOTP(secret, now)
			if wrong%2 == 1 {
				code = "zzzzz-zzzzz" // a wrong recovery code
			}
			_, _, err := s.CompleteLoginChallenge(ctx, token, code, attacker)
			wrong++
			if models.ErrorKind(err) == models.KindTooManyRequests {
				lockErr, live = err, token
				break
			}
			wantReason(t, err, models.KindInvalid, models.ReasonTwoFactorCodeIncorrect)
		}
	}
	if lockErr == nil {
		t.Fatalf("%d wrong codes from one address and no lock", wrong)
	}
	wantReason(t, lockErr, models.KindTooManyRequests, models.ReasonTooManyLoginAttempts)
	t.Logf("locked after %d wrong codes", wrong)
	if live == "" {
		t.Fatal("the lock did not come from a code step")
	}

	failed, _, _ := s.AuditEvents(ctx, models.AuditFilter{Event: models.AuditLoginFailed, UserID: u.ID})
	if len(failed) != wrong {
		t.Errorf("%d login_failed events for %d wrong codes", len(failed), wrong)
	}
	for _, e := range failed {
		if e.IP != attacker.IP || e.Login != "nora" || e.Detail == "" {
			t.Errorf("audit event %+v", e)
			break
		}
	}
	if locks, _, _ := s.AuditEvents(ctx, models.AuditFilter{Event: models.AuditLockout}); len(locks) == 0 {
		t.Error("no lockout event")
	}

	refused := func(what string, err error) {
		t.Helper()
		if models.ErrorKind(err) != models.KindTooManyRequests || models.AsError(err).Details.RetryAfter < 1 {
			t.Errorf("%s during the lock: %v", what, err)
		}
	}
	// The next step's code: the setup used the current one.
	_, _, err := s.CompleteLoginChallenge(ctx, live, models.TOTPCode(secret, now.Add(30*time.Second)), attacker)
	refused("right code", err)
	_, _, err = s.CompleteLoginChallenge(ctx, live, recovery[0], attacker)
	refused("right recovery code", err)
	_, _, err = s.AuthenticateAPI(ctx, "nora", "nora-pass", elsewhere)
	refused("API main-password login with the two-factor gate on", err)
	_, _, err = s.AuthenticateAPI(ctx, "nora", "wrong-pass", elsewhere)
	refused("API wrong password (must answer as the right one)", err)
	_, err = s.AuthenticatePasswordFrom(ctx, "nora@example.com", "nora-pass", elsewhere)
	refused("password step by e-mail from another address", err)
	if fresh, _ := s.UserByID(ctx, u.ID); models.RecoveryCodesLeft(fresh) != models.RecoveryCodeCount {
		t.Error("a recovery code was used up during the lock")
	}

	now = now.Add(time.Duration(models.AsError(lockErr).Details.RetryAfter+1) * time.Second)
	got, _, err := s.CompleteLoginChallenge(ctx, live, models.TOTPCode(secret, now), attacker)
	if err != nil || got.ID != u.ID {
		t.Fatalf("right code after the lock ended: %v", err)
	}
}

// A user's open challenges are bounded (a new one drops the oldest); a
// challenge expires after a few minutes and is deleted when presented;
// creating one sweeps expired challenges, a bounded number at a time.
func TestLoginChallengesBoundedAndSwept(t *testing.T) {
	ctx := context.Background()
	s := fixturestest.Open(t)
	now := time.Date(2026, 12, 7, 9, 0, 10, 0, time.UTC)
	s.Clock = func() time.Time { return now }
	u, _, _ := twoFactorUser(t, s, "olga")

	var tokens []string
	for i := 0; i < 5; i++ {
		tok, err := s.CreateLoginChallenge(ctx, u, false, "")
		if err != nil {
			t.Fatal(err)
		}
		tokens = append(tokens, tok)
	}
	if n := countChallenges(t, s, u.ID); n != 3 {
		t.Errorf("%d open challenges, want 3", n)
	}
	for i, tok := range tokens {
		_, _, err := s.LoginChallengeByToken(ctx, tok)
		if open := i >= 2; open != (err == nil) {
			t.Errorf("challenge %d: open %v, err %v", i, open, err)
		}
	}

	now = now.Add(5*time.Minute + time.Second)
	_, _, err := s.LoginChallengeByToken(ctx, tokens[4])
	wantReason(t, err, models.KindUnauthenticated, models.ReasonLoginChallengeExpired)
	if n := countChallenges(t, s, u.ID); n != 2 {
		t.Errorf("the refused expired challenge was kept: %d rows, want 2", n)
	}

	// 230 expired challenges of other users, as an attack would leave them.
	var old []models.LoginChallenge
	for i := 0; i < 230; i++ {
		old = append(old, models.LoginChallenge{UserID: 100000 + uint64(i), TokenHash: fmt.Sprintf("%064d", i),
			Expires: now.Add(-time.Duration(i+1) * time.Second)})
	}
	if err := s.DB().CreateInBatches(old, 100).Error; err != nil {
		t.Fatal(err)
	}
	expired := func() int64 {
		var n int64
		if err := s.DB().Model(&models.LoginChallenge{}).Where("expires <= ?", now).Count(&n).Error; err != nil {
			t.Fatal(err)
		}
		return n
	}
	// olga's two expired challenges make 232.
	other := newUser(t, s, "paula", "author")
	for _, want := range []int64{132, 32, 0} {
		if _, err := s.CreateLoginChallenge(ctx, other, false, ""); err != nil {
			t.Fatal(err)
		}
		if got := expired(); got != want {
			t.Errorf("%d expired challenges left, want %d (a bounded sweep per creation)", got, want)
		}
	}
}
