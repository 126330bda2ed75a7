package models_test

import (
	"context"
	"testing"
	"time"

	"github.com/presspass/presspass/fixtures/fixturestest"
	"github.com/presspass/presspass/models"
)

// sessionUser creates a user to log in with.
func sessionUser(t *testing.T, s *models.Store, login string) *models.User {
	t.Helper()
	email := login + "@example.com"
	pw := "pass-" + login
	u, err := s.CreateUser(context.Background(), models.UserInput{Login: &login, Email: &email, Password: &pw})
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func TestSessionLifecycle(t *testing.T) {
	s := fixturestest.Open(t)
	ctx := context.Background()
	u := sessionUser(t, s, "alice")
	now := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	s.Clock = func() time.Time { return now }

	sess, err := s.CreateSession(ctx, u, false, models.ClientInfo{IP: "192.0.2.1", UserAgent: "test"})
	if err != nil {
		t.Fatal(err)
	}
	token := sess.Token()
	if len(token) < 40 || sess.TokenHash == token {
		t.Fatalf("token %q / hash %q", token, sess.TokenHash)
	}
	got, gs, err := s.UserBySessionToken(ctx, token)
	if err != nil || got.ID != u.ID || gs.ID != sess.ID {
		t.Fatalf("lookup: %v %v", got, err)
	}
	// Another first character makes an unknown token ("x" would be the
	// token itself when it starts with one).
	other := "x"
	if token[0] == 'x' {
		other = "y"
	}
	for name, tok := range map[string]string{"empty": "", "unknown": other + token[1:], "hash itself": sess.TokenHash} {
		if _, _, err := s.UserBySessionToken(ctx, tok); models.ErrorKind(err) != models.KindUnauthenticated {
			t.Errorf("%s token: %v, want unauthenticated", name, err)
		}
	}

	t.Run("expires after two days", func(t *testing.T) {
		now = now.Add(models.SessionLifetime)
		defer func() { now = now.Add(-models.SessionLifetime) }()
		if _, _, err := s.UserBySessionToken(ctx, token); models.ErrorKind(err) != models.KindUnauthenticated {
			t.Errorf("expired session: %v", err)
		}
	})
	t.Run("password change ends it", func(t *testing.T) {
		other, err := s.CreateSession(ctx, u, true, models.ClientInfo{})
		if err != nil {
			t.Fatal(err)
		}
		pw := "a-new-password"
		if _, err := s.UpdateUser(ctx, u.ID, models.UserInput{Password: &pw}); err != nil {
			t.Fatal(err)
		}
		if _, _, err := s.UserBySessionToken(ctx, other.Token()); models.ErrorKind(err) != models.KindUnauthenticated {
			t.Errorf("session survived a password change: %v", err)
		}
	})
}

func TestSessionListAndEnd(t *testing.T) {
	s := fixturestest.Open(t)
	ctx := context.Background()
	u := sessionUser(t, s, "bob")
	v := sessionUser(t, s, "carol")
	a, _ := s.CreateSession(ctx, u, false, models.ClientInfo{})
	b, _ := s.CreateSession(ctx, u, false, models.ClientInfo{})
	c, _ := s.CreateSession(ctx, v, false, models.ClientInfo{})
	list, err := s.Sessions(ctx, u.ID)
	if err != nil || len(list) != 2 {
		t.Fatalf("sessions: %d %v", len(list), err)
	}
	n, err := s.DeleteOtherSessions(ctx, u.ID, a.ID)
	if err != nil || n != 1 {
		t.Fatalf("delete others: %d %v", n, err)
	}
	if _, _, err := s.UserBySessionToken(ctx, b.Token()); err == nil {
		t.Error("ended session still works")
	}
	if _, _, err := s.UserBySessionToken(ctx, a.Token()); err != nil {
		t.Error("kept session ended")
	}
	if err := s.DeleteUserSession(ctx, v.ID, a.ID); !models.IsNotFound(err) {
		t.Errorf("ended another user's session: %v", err)
	}
	if err := s.DeleteSession(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.UserBySessionToken(ctx, a.Token()); err == nil {
		t.Error("logged-out session still works")
	}
	if _, _, err := s.UserBySessionToken(ctx, c.Token()); err != nil {
		t.Error("another user's session ended")
	}
	if _, err := s.DeleteUser(ctx, v.ID, 0); err != nil {
		t.Fatal(err)
	}
	var left int64
	s.DB().Model(&models.Session{}).Where("user_id = ?", v.ID).Count(&left)
	if left != 0 {
		t.Errorf("%d sessions left after deleting the user", left)
	}
}

func TestTouchSessionWritesRarely(t *testing.T) {
	s := fixturestest.Open(t)
	ctx := context.Background()
	u := sessionUser(t, s, "dave")
	now := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	s.Clock = func() time.Time { return now }
	ci := models.ClientInfo{IP: "192.0.2.1", UserAgent: "ua"}
	sess, _ := s.CreateSession(ctx, u, false, ci)
	now = now.Add(10 * time.Minute)
	if err := s.TouchSession(ctx, sess, ci); err != nil {
		t.Fatal(err)
	}
	if !sess.LastSeen.Equal(now.Add(-10 * time.Minute)) {
		t.Error("wrote within the interval")
	}
	ci.IP = "192.0.2.2"
	if err := s.TouchSession(ctx, sess, ci); err != nil {
		t.Fatal(err)
	}
	_, fresh, _ := s.UserBySessionToken(ctx, sess.Token())
	if fresh.LastIP != "192.0.2.2" {
		t.Errorf("address change not recorded: %q", fresh.LastIP)
	}
}

func TestLoggedInCookieName(t *testing.T) {
	// WordPress's COOKIEHASH is md5 of the site URL.
	if got := models.LoggedInCookieName("http://example.com"); got != "wordpress_logged_in_a9b9f04336ce0181a08e774e01113b31" {
		t.Errorf("cookie name %q", got)
	}
	if models.LoggedInCookieName("http://a") == models.LoggedInCookieName("http://b") {
		t.Error("different sites share a cookie name")
	}
}
