package models_test

import (
	"context"
	"testing"
	"time"

	"github.com/presspass/presspass/fixtures/fixturestest"
	"github.com/presspass/presspass/models"
)

func TestAppPasswordExpiry(t *testing.T) {
	ctx := context.Background()
	s := fixturestest.Open(t)
	now := time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)
	s.Clock = func() time.Time { return now }
	u := newUser(t, s, "olga", "author")
	past := now.Add(-time.Hour)
	_, err := s.CreateAppPasswordWith(ctx, u.ID, models.AppPasswordOptions{Name: "x", Expires: &past})
	wantReason(t, err, models.KindInvalid, models.ReasonAppPasswordInvalidExpiry)
	in := now.Add(48 * time.Hour)
	ap, err := s.CreateAppPasswordWith(ctx, u.ID, models.AppPasswordOptions{Name: "x", Expires: &in})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.AuthenticateAppPassword(ctx, "olga", ap.Password, models.ClientInfo{}); err != nil {
		t.Fatal(err)
	}
	now = in
	_, _, err = s.AuthenticateAppPassword(ctx, "olga", ap.Password, models.ClientInfo{})
	wantReason(t, err, models.KindUnauthenticated, models.ReasonAppPasswordExpired)
	// XML-RPC: an expired password fails like a wrong one.
	_, _, err = s.AuthenticateAPI(ctx, "olga", ap.Password, models.ClientInfo{})
	wantReason(t, err, models.KindUnauthenticated, models.ReasonIncorrectLogin)
	// Listed as expired until deleted.
	yes := true
	list, total, err := s.AllAppPasswords(ctx, models.AppPasswordFilter{Expired: &yes})
	if err != nil || total != 1 || list[0].UUID != ap.UUID || list[0].UserLogin != "olga" {
		t.Fatalf("expired list: %v %d %+v", err, total, list)
	}
}

func TestAppPasswordMaxLifetime(t *testing.T) {
	ctx := context.Background()
	s := fixturestest.Open(t)
	now := time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)
	s.Clock = func() time.Time { return now } // a fixed clock: no second may tick between create and check
	s.Config.AppPasswordMaxLifetime = 30 * 24 * time.Hour
	u := newUser(t, s, "pete", "author")
	ap, err := s.CreateAppPassword(ctx, u.ID, "no expiry asked", "")
	if err != nil {
		t.Fatal(err)
	}
	if ap.Expires == nil || !ap.Expires.Equal(now.Add(30*24*time.Hour)) {
		t.Fatalf("expires = %v, want capped at 30 days", ap.Expires)
	}
}

func TestAppPasswordScope(t *testing.T) {
	ctx := context.Background()
	s := fixturestest.Open(t)
	u := newUser(t, s, "quinn", "editor")
	_, err := s.CreateAppPasswordWith(ctx, u.ID, models.AppPasswordOptions{Name: "x", Scope: "admin"})
	wantReason(t, err, models.KindInvalid, models.ReasonAppPasswordInvalidScope)
	ro, err := s.CreateAppPasswordWith(ctx, u.ID, models.AppPasswordOptions{Name: "reader", Scope: models.ScopeRead})
	if err != nil {
		t.Fatal(err)
	}
	full, err := s.CreateAppPassword(ctx, u.ID, "full", "")
	if err != nil {
		t.Fatal(err)
	}
	_, gotRO, err := s.AuthenticateAppPassword(ctx, "quinn", ro.Password, models.ClientInfo{})
	if err != nil || gotRO.AllowsWrite() {
		t.Fatalf("read-only password: %v, allows write %v", err, gotRO.AllowsWrite())
	}
	_, gotFull, err := s.AuthenticateAppPassword(ctx, "quinn", full.Password, models.ClientInfo{})
	if err != nil || !gotFull.AllowsWrite() || gotFull.Scope != models.ScopeFull {
		t.Fatalf("full password: %v %+v", err, gotFull)
	}
}

func TestRevokeByAppAndBulk(t *testing.T) {
	ctx := context.Background()
	s := fixturestest.Open(t)
	u := newUser(t, s, "rita", "author")
	other := newUser(t, s, "sam", "author")
	const app = "6f5d6a9e-2c2c-4a1a-9b1e-0d3c5a7e9f11"
	for i := 0; i < 3; i++ {
		if _, err := s.CreateAppPassword(ctx, u.ID, "phone", app); err != nil {
			t.Fatal(err)
		}
	}
	keep, _ := s.CreateAppPassword(ctx, u.ID, "laptop", "")
	if _, err := s.CreateAppPassword(ctx, other.ID, "phone", app); err != nil {
		t.Fatal(err)
	}
	n, err := s.DeleteAppPasswordsByAppID(ctx, u.ID, app)
	if err != nil || n != 3 {
		t.Fatalf("revoked %d (%v), want 3", n, err)
	}
	if _, err := s.AppPasswordByUUID(ctx, u.ID, keep.UUID); err != nil {
		t.Fatal("another app's password was revoked")
	}
	if _, err := s.DeleteAppPasswordsMatching(ctx, models.AppPasswordFilter{}); err == nil {
		t.Fatal("an empty bulk filter was accepted")
	}
	n, err = s.DeleteAppPasswordsMatching(ctx, models.AppPasswordFilter{AppID: app})
	if err != nil || n != 1 {
		t.Fatalf("bulk revoke by app: %d %v", n, err)
	}
	never := s.Now().Add(time.Hour)
	list, total, err := s.AllAppPasswords(ctx, models.AppPasswordFilter{UnusedSince: &never})
	if err != nil || total != 1 || list[0].UUID != keep.UUID {
		t.Fatalf("unused list: %v %d", err, total)
	}
}

func TestRevokeOnPasswordChangeSetting(t *testing.T) {
	ctx := context.Background()
	s := fixturestest.Open(t)
	u := newUser(t, s, "tess", "author")
	ap, _ := s.CreateAppPassword(ctx, u.ID, "x", "")
	pw := "one"
	if _, err := s.UpdateUser(ctx, u.ID, models.UserInput{Password: &pw}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AppPasswordByUUID(ctx, u.ID, ap.UUID); err != nil {
		t.Fatal("revoked although the setting is off (WordPress keeps them)")
	}
	s.Config.RevokeAppPasswordsOnPasswordChange = true
	pw = "two"
	if _, err := s.UpdateUser(ctx, u.ID, models.UserInput{Password: &pw}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AppPasswordByUUID(ctx, u.ID, ap.UUID); !models.IsNotFound(err) {
		t.Fatalf("kept after a password change with the setting on: %v", err)
	}
}
