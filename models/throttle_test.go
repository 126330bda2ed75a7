package models_test

import (
	"context"
	"testing"
	"time"

	"github.com/presspass/presspass/fixtures/fixturestest"
	"github.com/presspass/presspass/models"
)

func TestThrottleLocksAddressThenGrows(t *testing.T) {
	ctx := context.Background()
	s := fixturestest.Open(t)
	now := time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)
	s.Clock = func() time.Time { return now }
	s.Config.Throttle = models.ThrottleConfig{IPThreshold: 3, AccountThreshold: 100, BaseLock: time.Minute, MaxLock: 10 * time.Minute}
	u := newUser(t, s, "kate", "author")
	ap, err := s.CreateAppPassword(ctx, u.ID, "x", "")
	if err != nil {
		t.Fatal(err)
	}
	attacker := models.ClientInfo{IP: "203.0.113.9"}
	owner := models.ClientInfo{IP: "198.51.100.7"}
	for i := 0; i < 3; i++ {
		_, _, err := s.AuthenticateAppPassword(ctx, "kate", "AAAAAAAAAAAAAAAAAAAAAAAA", attacker)
		wantReason(t, err, models.KindUnauthenticated, models.ReasonBadAppPassword)
	}
	// Locked: even the right password is refused from that address.
	_, _, err = s.AuthenticateAppPassword(ctx, "kate", ap.Password, attacker)
	wantReason(t, err, models.KindTooManyRequests, models.ReasonTooManyLoginAttempts)
	if secs := models.AsError(err).Details.RetryAfter; secs != 60 {
		t.Fatalf("retry_after = %v, want 60", secs)
	}
	_, _, err = s.AuthenticateAPI(ctx, "kate", ap.Password, attacker)
	wantReason(t, err, models.KindTooManyRequests, models.ReasonTooManyLoginAttempts)
	// The owner, elsewhere, is not affected.
	if _, _, err := s.AuthenticateAppPassword(ctx, "kate", ap.Password, owner); err != nil {
		t.Fatalf("owner locked out by the attacker: %v", err)
	}
	// The lock ends; the next lock lasts twice as long.
	now = now.Add(61 * time.Second)
	if _, _, err := s.AuthenticateAppPassword(ctx, "kate", ap.Password, attacker); err != nil {
		t.Fatalf("after the lock: %v", err)
	}
	for i := 0; i < 3; i++ {
		_, _, _ = s.AuthenticateAppPassword(ctx, "kate", "AAAAAAAAAAAAAAAAAAAAAAAA", attacker)
	}
	_, _, err = s.AuthenticateAppPassword(ctx, "kate", ap.Password, attacker)
	if secs := models.AsError(err).Details.RetryAfter; secs != 120 {
		t.Fatalf("second lock retry_after = %v, want 120 (%v)", secs, err)
	}
	events, _, _ := s.AuditEvents(ctx, models.AuditFilter{Event: models.AuditLockout})
	if len(events) != 2 {
		t.Fatalf("%d lockout events, want 2", len(events))
	}
}

func TestThrottleAccountLockSparesApplicationPasswords(t *testing.T) {
	ctx := context.Background()
	s := fixturestest.Open(t)
	s.Config.Throttle = models.ThrottleConfig{IPThreshold: 1000, AccountThreshold: 3}
	u := newUser(t, s, "liam", "editor")
	ap, err := s.CreateAppPassword(ctx, u.ID, "x", "")
	if err != nil {
		t.Fatal(err)
	}
	// A botnet: every guess from another address.
	for i := 0; i < 3; i++ {
		_, err := s.AuthenticatePasswordFrom(ctx, "liam", "guess", models.ClientInfo{IP: "192.0.2." + string(rune('1'+i))})
		wantReason(t, err, models.KindUnauthenticated, models.ReasonIncorrectPassword)
	}
	_, err = s.AuthenticatePasswordFrom(ctx, "liam", "liam-pass", models.ClientInfo{IP: "198.51.100.1"})
	wantReason(t, err, models.KindTooManyRequests, models.ReasonTooManyLoginAttempts)
	_, _, err = s.AuthenticateAPI(ctx, "LIAM", "liam-pass", models.ClientInfo{IP: "198.51.100.1"})
	wantReason(t, err, models.KindTooManyRequests, models.ReasonTooManyLoginAttempts)
	// The account's application passwords keep working, over REST and XML-RPC.
	if _, _, err := s.AuthenticateAppPassword(ctx, "liam", ap.Password, models.ClientInfo{IP: "198.51.100.1"}); err != nil {
		t.Fatalf("REST application password refused during an account lock: %v", err)
	}
	if _, got, err := s.AuthenticateAPI(ctx, "liam", ap.Chunked(), models.ClientInfo{IP: "198.51.100.1"}); err != nil || got == nil {
		t.Fatalf("XML-RPC application password refused during an account lock: %v", err)
	}
	events, _, _ := s.AuditEvents(ctx, models.AuditFilter{Event: models.AuditLoginFailed})
	if len(events) != 3 {
		t.Fatalf("%d login_failed events, want 3", len(events))
	}
}

func TestAuditTrailHoldsNoSecrets(t *testing.T) {
	ctx := context.Background()
	s := fixturestest.Open(t)
	u := newUser(t, s, "mia", "author")
	ap, err := s.CreateAppPassword(ctx, u.ID, "Laptop", "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.RenameAppPassword(ctx, u.ID, ap.UUID, "Desktop"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.DeleteAppPassword(ctx, u.ID, ap.UUID); err != nil {
		t.Fatal(err)
	}
	_, _, _ = s.AuthenticateAppPassword(ctx, "mia", ap.Password, models.ClientInfo{IP: "10.1.1.1"})
	events, total, err := s.AuditEvents(ctx, models.AuditFilter{})
	if err != nil || total != 4 {
		t.Fatalf("%d events (%v), want created, renamed, revoked, login_failed", total, err)
	}
	for _, e := range events {
		for _, field := range []string{e.Detail, e.Login, e.AppPassword, e.UserAgent} {
			if field == ap.Password || field == ap.Hash || field == ap.Chunked() {
				t.Fatalf("audit event %s holds a secret", e.Event)
			}
		}
	}
}
