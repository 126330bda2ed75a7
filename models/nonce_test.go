package models_test

import (
	"context"
	"testing"
	"time"

	"github.com/presspass/presspass/fixtures/fixturestest"
	"github.com/presspass/presspass/models"
)

func TestNonces(t *testing.T) {
	s := fixturestest.Open(t)
	ctx := context.Background()
	u := sessionUser(t, s, "erin")
	v := sessionUser(t, s, "frank")
	now := time.Date(2026, 3, 1, 0, 30, 0, 0, time.UTC)
	s.Clock = func() time.Time { return now }
	sess, _ := s.CreateSession(ctx, u, false, models.ClientInfo{})
	other, _ := s.CreateSession(ctx, u, false, models.ClientInfo{})
	foreign, _ := s.CreateSession(ctx, v, false, models.ClientInfo{})

	n := s.CreateNonce(sess, "wp_rest")
	if len(n) != 10 {
		t.Fatalf("nonce %q", n)
	}
	for use := 1; use <= 2; use++ { // a nonce stays valid once used, as WordPress's do
		if !s.VerifyNonce(sess, "wp_rest", n) {
			t.Errorf("use %d: nonce not valid", use)
		}
	}
	for name, ok := range map[string]bool{
		"other action":        s.VerifyNonce(sess, "log-out", n),
		"other session":       s.VerifyNonce(other, "wp_rest", n),
		"other user":          s.VerifyNonce(foreign, "wp_rest", n),
		"nil session":         s.VerifyNonce(nil, "wp_rest", n),
		"empty":               s.VerifyNonce(sess, "wp_rest", ""),
		"truncated":           s.VerifyNonce(sess, "wp_rest", n[:9]),
		"session without key": s.VerifyNonce(&models.Session{UserID: u.ID}, "wp_rest", n),
	} {
		if ok {
			t.Errorf("%s: nonce accepted", name)
		}
	}
	// The same session looked up again from its cookie verifies it too.
	_, again, err := s.UserBySessionToken(ctx, sess.Token())
	if err != nil || !s.VerifyNonce(again, "wp_rest", n) {
		t.Errorf("nonce not valid on the looked-up session: %v", err)
	}
	now = now.Add(12 * time.Hour)
	if !s.VerifyNonce(sess, "wp_rest", n) {
		t.Error("nonce expired within 12 hours")
	}
	now = now.Add(12 * time.Hour)
	if s.VerifyNonce(sess, "wp_rest", n) {
		t.Error("nonce still valid after 24 hours")
	}
}
