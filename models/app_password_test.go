package models_test

import (
	"context"
	"testing"
	"time"

	"github.com/presspass/presspass/fixtures/fixturestest"
	"github.com/presspass/presspass/models"
)

func newUser(t *testing.T, s *models.Store, login, role string) *models.User {
	t.Helper()
	email, pw := login+"@example.com", login+"-pass"
	u, err := s.CreateUser(context.Background(), models.UserInput{Login: &login, Email: &email, Password: &pw, Role: &role})
	if err != nil {
		t.Fatalf("create user %s: %v", login, err)
	}
	return u
}

func TestAppPasswordLifecycle(t *testing.T) {
	ctx := context.Background()
	s := fixturestest.Open(t)
	alice := newUser(t, s, "alice", "author")
	bob := newUser(t, s, "bob", "author")
	local := models.ClientInfo{IP: "127.0.0.1"}

	created, err := s.CreateAppPassword(ctx, alice.ID, "  <b>Phone</b>  app ", "")
	if err != nil {
		t.Fatal(err)
	}
	if created.Name != "Phone app" {
		t.Errorf("name = %q, want tags stripped and trimmed", created.Name)
	}
	if !models.IsUUID(created.UUID) || len(created.Password) != 24 {
		t.Fatalf("bad record %+v", created.AppPassword)
	}
	if created.Hash != models.FastHash(created.Password) {
		t.Fatal("stored hash is not the fast hash of the password")
	}

	tests := []struct {
		name     string
		login    string
		password string
		reason   models.Reason // "" = success
	}{
		{"plain", "alice", created.Password, ""},
		{"chunked as displayed", "alice", created.Chunked(), ""},
		{"by email", "alice@example.com", created.Password, ""},
		{"other user's name", "bob", created.Password, models.ReasonBadAppPassword},
		{"wrong password", "alice", "AAAAAAAAAAAAAAAAAAAAAAAA", models.ReasonBadAppPassword},
		{"too short", "alice", created.Password[:20], models.ReasonBadAppPassword},
		{"main password is not an application password", "alice", "alice-pass", models.ReasonBadAppPassword},
		{"unknown user", "nobody", created.Password, models.ReasonLoginUnknownUsername},
		{"unknown email", "nobody@example.com", created.Password, models.ReasonLoginUnknownEmail},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u, ap, err := s.AuthenticateAppPassword(ctx, tt.login, tt.password, local)
			if tt.reason == "" {
				if err != nil {
					t.Fatal(err)
				}
				if u.ID != alice.ID || ap.UUID != created.UUID {
					t.Fatalf("authenticated %d/%s", u.ID, ap.UUID)
				}
				return
			}
			wantReason(t, err, models.KindUnauthenticated, tt.reason)
		})
	}

	// Renaming keeps the password working; the app id is untouched.
	if _, err := s.RenameAppPassword(ctx, alice.ID, created.UUID, "Tablet"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.RenameAppPassword(ctx, alice.ID, created.UUID, "<i></i>"); err == nil {
		t.Fatal("an empty name after sanitizing must be refused")
	}
	// Another user cannot reach it by uuid.
	if _, err := s.AppPasswordByUUID(ctx, bob.ID, created.UUID); !models.IsNotFound(err) {
		t.Fatalf("bob sees alice's password: %v", err)
	}
	// Revoked: refused on the very next attempt.
	if _, err := s.DeleteAppPassword(ctx, alice.ID, created.UUID); err != nil {
		t.Fatal(err)
	}
	_, _, err = s.AuthenticateAppPassword(ctx, "alice", created.Password, local)
	wantReason(t, err, models.KindUnauthenticated, models.ReasonBadAppPassword)
	_, err = s.DeleteAppPassword(ctx, alice.ID, created.UUID)
	wantReason(t, err, models.KindNotFound, models.ReasonAppPasswordNotFound)
}

func TestAppPasswordManyPerUserAndDeleteAll(t *testing.T) {
	ctx := context.Background()
	s := fixturestest.Open(t)
	u := newUser(t, s, "carol", "editor")
	var last *models.NewAppPassword
	for i := 0; i < 25; i++ {
		n, err := s.CreateAppPassword(ctx, u.ID, "same name", "")
		if err != nil {
			t.Fatal(err)
		}
		last = n
	}
	list, err := s.AppPasswords(ctx, u.ID)
	if err != nil || len(list) != 25 {
		t.Fatalf("listed %d (%v), want 25 with duplicate names allowed", len(list), err)
	}
	if _, _, err := s.AuthenticateAppPassword(ctx, "carol", last.Password, models.ClientInfo{}); err != nil {
		t.Fatal(err)
	}
	n, err := s.DeleteAllAppPasswords(ctx, u.ID)
	if err != nil || n != 25 {
		t.Fatalf("deleted %d (%v), want 25", n, err)
	}
	if _, _, err := s.AuthenticateAppPassword(ctx, "carol", last.Password, models.ClientInfo{}); err == nil {
		t.Fatal("password works after revoke-all")
	}
}

func TestAppPasswordAppID(t *testing.T) {
	ctx := context.Background()
	s := fixturestest.Open(t)
	u := newUser(t, s, "dave", "subscriber")
	_, err := s.CreateAppPassword(ctx, u.ID, "x", "not-a-uuid")
	wantReason(t, err, models.KindInvalid, models.ReasonAppPasswordInvalidAppID)
	n, err := s.CreateAppPassword(ctx, u.ID, "x", "6F5D6A9E-2C2C-4A1A-9B1E-0D3C5A7E9F11")
	if err != nil {
		t.Fatal(err)
	}
	if n.AppID != "6f5d6a9e-2c2c-4a1a-9b1e-0d3c5a7e9f11" {
		t.Fatalf("app id %q not normalized", n.AppID)
	}
	_, err = s.CreateAppPassword(ctx, u.ID, " \t ", "")
	wantReason(t, err, models.KindInvalid, models.ReasonAppPasswordNameRequired)
}

func TestAppPasswordUsageRecordedOncePerDay(t *testing.T) {
	ctx := context.Background()
	s := fixturestest.Open(t)
	now := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	s.Clock = func() time.Time { return now }
	u := newUser(t, s, "erin", "author")
	n, err := s.CreateAppPassword(ctx, u.ID, "x", "")
	if err != nil {
		t.Fatal(err)
	}
	use := func(ip string) *models.AppPassword {
		t.Helper()
		if _, _, err := s.AuthenticateAppPassword(ctx, "erin", n.Password, models.ClientInfo{IP: ip}); err != nil {
			t.Fatal(err)
		}
		ap, err := s.AppPasswordByUUID(ctx, u.ID, n.UUID)
		if err != nil {
			t.Fatal(err)
		}
		return ap
	}
	ap := use("10.0.0.1")
	if ap.LastUsed == nil || !ap.LastUsed.Equal(now) || ap.LastIP != "10.0.0.1" {
		t.Fatalf("first use not recorded: %v %q", ap.LastUsed, ap.LastIP)
	}
	now = now.Add(23 * time.Hour)
	ap = use("10.0.0.1")
	if !ap.LastUsed.Equal(now.Add(-23 * time.Hour)) {
		t.Fatalf("a second use within a day was written (%v)", ap.LastUsed)
	}
	now = now.Add(2 * time.Hour)
	ap = use("10.0.0.1")
	if !ap.LastUsed.Equal(now) {
		t.Fatalf("use after a day not recorded: %v", ap.LastUsed)
	}
	// Another address is written at once and audited.
	now = now.Add(time.Minute)
	ap = use("10.0.0.3")
	if ap.LastIP != "10.0.0.3" || !ap.LastUsed.Equal(now) {
		t.Fatalf("use from a new address not recorded: %v %q", ap.LastUsed, ap.LastIP)
	}
	events, _, err := s.AuditEvents(ctx, models.AuditFilter{UserID: u.ID, Event: models.AuditAppPasswordNewIP})
	// The first use ever and the use from 10.0.0.3 are new addresses.
	if err != nil || len(events) != 2 || events[0].IP != "10.0.0.3" || events[1].IP != "10.0.0.1" || events[0].AppPassword != n.UUID {
		t.Fatalf("new-address audit events: %v %+v", err, events)
	}
}

func TestAppPasswordAvailability(t *testing.T) {
	ctx := context.Background()
	s := fixturestest.Open(t)
	u := newUser(t, s, "frank", "author")
	n, err := s.CreateAppPassword(ctx, u.ID, "x", "")
	if err != nil {
		t.Fatal(err)
	}
	s.Config.Environment = models.EnvironmentProduction
	_, _, err = s.AuthenticateAppPassword(ctx, "frank", n.Password, models.ClientInfo{Secure: false})
	wantReason(t, err, models.KindUnauthenticated, models.ReasonAppPasswordsUnavailable)
	if _, _, err := s.AuthenticateAppPassword(ctx, "frank", n.Password, models.ClientInfo{Secure: true}); err != nil {
		t.Fatalf("over HTTPS in production: %v", err)
	}
	if err := s.SetAppPasswordsDisabled(ctx, u.ID, true); err != nil {
		t.Fatal(err)
	}
	_, _, err = s.AuthenticateAppPassword(ctx, "frank", n.Password, models.ClientInfo{Secure: true})
	wantReason(t, err, models.KindUnauthenticated, models.ReasonAppPasswordsDisabledForUser)
}

func TestImportedWordPressAppPasswordHashes(t *testing.T) {
	ctx := context.Background()
	s := fixturestest.Open(t)
	u := newUser(t, s, "admin", "administrator")
	// From ../shared/wordpress-db: admin's "bench" password as WordPress 6.9 stored it.
	generic := &models.AppPassword{UUID: "a72b402b-43e0-4ef4-ae45-f83e148a633f", UserID: u.ID, Name: "bench",
		Hash: "$generic$y1Tc_ndYPs9mS6hvEQTZg4ho2jHmau4bK3yYoHzh", Created: time.Now().UTC()}
	if err := s.SaveAppPasswordRecord(ctx, generic); err != nil {
		t.Fatal(err)
	}
	if _, ap, err := s.AuthenticateAppPassword(ctx, "admin", "3har aKnO CLto ka6C ThOh aa8c", models.ClientInfo{}); err != nil || ap.UUID != generic.UUID {
		t.Fatalf("WordPress $generic$ hash did not verify: %v", err)
	}
	// A 5.6–6.7 phpass application password, upgraded to the fast hash on use.
	legacyPw := "abcdEFGH1234ijklMNOP5678"
	legacyHash := phpassFor(t, legacyPw)
	legacy := &models.AppPassword{UUID: "11111111-2222-4333-8444-555555555555", UserID: u.ID, Name: "old", Hash: legacyHash, Created: time.Now().UTC()}
	if err := s.SaveAppPasswordRecord(ctx, legacy); err != nil {
		t.Fatal(err)
	}
	if _, ap, err := s.AuthenticateAppPassword(ctx, "admin", legacyPw, models.ClientInfo{}); err != nil || ap.UUID != legacy.UUID {
		t.Fatalf("phpass application password did not verify: %v", err)
	}
	got, err := s.AppPasswordByUUID(ctx, u.ID, legacy.UUID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Hash != models.FastHash(legacyPw) {
		t.Fatalf("legacy hash not upgraded: %q", got.Hash)
	}
}

// phpassFor builds a phpass hash with the known test salt by checking that
// the algorithm reproduces phpass's published vector first.
func phpassFor(t *testing.T, pw string) string {
	t.Helper()
	if !models.VerifyPassword("test12345", "$P$9IQRaTwmfeRo7ud9Fh4E2PdI0S3r.L0") {
		t.Fatal("phpass vector fails")
	}
	h, ok := models.PhpassHashForTest(pw, "$P$9IQRaTwmf")
	if !ok {
		t.Fatal("phpass setting refused")
	}
	return h
}
