package models_test

import (
	"context"
	"testing"
	"time"

	"github.com/presspass/presspass/fixtures/fixturestest"
	"github.com/presspass/presspass/models"
)

// TestLoginOutcomes runs each way a login can end through each entry point
// and checks the outcome the request's note holds: the channel the caller
// named, what the credential was taken for, and the result — the words the
// operator's metrics count.
func TestLoginOutcomes(t *testing.T) {
	ctx := context.Background()
	s := fixturestest.Open(t)
	now := time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)
	s.Clock = func() time.Time { return now }
	s.Config.Environment = models.EnvironmentProduction
	s.Config.Throttle = models.ThrottleConfig{IPThreshold: 1000, AccountThreshold: 1000}
	kate := newUser(t, s, "kate", "author")
	ap, err := s.CreateAppPassword(ctx, kate.ID, "phone", "")
	if err != nil {
		t.Fatal(err)
	}
	soon := now.Add(time.Hour)
	short, err := s.CreateAppPasswordWith(ctx, kate.ID, models.AppPasswordOptions{Name: "short", Expires: &soon})
	if err != nil {
		t.Fatal(err)
	}
	tf := newUser(t, s, "tfuser", "author")
	if err := s.DB().Model(&models.User{}).Where("id = ?", tf.ID).Update("two_factor_enabled", true).Error; err != nil {
		t.Fatal(err)
	}
	sess, err := s.CreateSession(ctx, kate, false, models.ClientInfo{IP: "198.51.100.1"})
	if err != nil {
		t.Fatal(err)
	}
	const rest, xmlrpc, page models.LoginChannel = "rest_basic", "xmlrpc", "login_page"
	https := func(ch models.LoginChannel) models.ClientInfo {
		return models.ClientInfo{IP: "198.51.100.1", Secure: true, Channel: ch}
	}
	appPw, mainPw, session := models.CredentialAppPassword, models.CredentialMainPassword, models.CredentialSession

	cases := []struct {
		name  string
		login func(ctx context.Context) error
		want  models.LoginOutcome
	}{
		{"REST, application password", func(ctx context.Context) error {
			_, _, err := s.AuthenticateAppPassword(ctx, "kate", ap.Password, https(rest))
			return err
		}, models.LoginOutcome{Channel: rest, Credential: appPw, Result: models.LoginOK}},
		{"REST, wrong application password", func(ctx context.Context) error {
			_, _, err := s.AuthenticateAppPassword(ctx, "kate", "AAAAAAAAAAAAAAAAAAAAAAAA", https(rest))
			return err
		}, models.LoginOutcome{Channel: rest, Credential: appPw, Result: models.LoginWrong}},
		{"REST, unknown user", func(ctx context.Context) error {
			_, _, err := s.AuthenticateAppPassword(ctx, "nobody", ap.Password, https(rest))
			return err
		}, models.LoginOutcome{Channel: rest, Credential: appPw, Result: models.LoginWrong}},
		{"REST over plain http in production", func(ctx context.Context) error {
			c := https(rest)
			c.Secure = false
			_, _, err := s.AuthenticateAppPassword(ctx, "kate", ap.Password, c)
			return err
		}, models.LoginOutcome{Channel: rest, Credential: appPw, Result: models.LoginDisabled}},
		{"no channel named", func(ctx context.Context) error {
			_, _, err := s.AuthenticateAppPassword(ctx, "kate", ap.Password, https(""))
			return err
		}, models.LoginOutcome{Channel: models.ChannelOther, Credential: appPw, Result: models.LoginOK}},
		{"XML-RPC, application password", func(ctx context.Context) error {
			_, _, err := s.AuthenticateAPI(ctx, "kate", models.ChunkAppPassword(ap.Password), https(xmlrpc))
			return err
		}, models.LoginOutcome{Channel: xmlrpc, Credential: appPw, Result: models.LoginOK}},
		{"XML-RPC, main password", func(ctx context.Context) error {
			_, _, err := s.AuthenticateAPI(ctx, "kate", "kate-pass", https(xmlrpc))
			return err
		}, models.LoginOutcome{Channel: xmlrpc, Credential: mainPw, Result: models.LoginOK}},
		{"XML-RPC, wrong main password", func(ctx context.Context) error {
			_, _, err := s.AuthenticateAPI(ctx, "kate", "not-it", https(xmlrpc))
			return err
		}, models.LoginOutcome{Channel: xmlrpc, Credential: mainPw, Result: models.LoginWrong}},
		{"XML-RPC, main password of a two-factor user", func(ctx context.Context) error {
			_, _, err := s.AuthenticateAPI(ctx, "tfuser", "tfuser-pass", https(xmlrpc))
			return err
		}, models.LoginOutcome{Channel: xmlrpc, Credential: mainPw, Result: models.LoginTwoFactor}},
		{"login page, main password", func(ctx context.Context) error {
			_, err := s.AuthenticatePasswordFrom(ctx, "kate", "kate-pass", https(page))
			return err
		}, models.LoginOutcome{Channel: page, Credential: mainPw, Result: models.LoginOK}},
		{"login page, wrong password", func(ctx context.Context) error {
			_, err := s.AuthenticatePasswordFrom(ctx, "kate", "not-it", https(page))
			return err
		}, models.LoginOutcome{Channel: page, Credential: mainPw, Result: models.LoginWrong}},
		{"cookie", func(ctx context.Context) error {
			_, _, err := s.UserBySessionToken(ctx, sess.Token())
			return err
		}, models.LoginOutcome{Channel: models.ChannelCookie, Credential: session, Result: models.LoginOK}},
		{"unknown cookie", func(ctx context.Context) error {
			_, _, err := s.UserBySessionToken(ctx, "no-such-token")
			return err
		}, models.LoginOutcome{Channel: models.ChannelCookie, Credential: session, Result: models.LoginWrong}},
		{"login page, wrong second factor", func(ctx context.Context) error {
			token, err := s.CreateLoginChallenge(ctx, tf, false, "")
			if err != nil {
				t.Fatal(err)
			}
			_, _, err = s.CompleteLoginChallenge(ctx, token, "000000", https(page))
			return err
		}, models.LoginOutcome{Channel: page, Credential: models.CredentialSecondFactor, Result: models.LoginWrong}},
		{"login page, second factor for no challenge", func(ctx context.Context) error {
			_, _, err := s.CompleteLoginChallenge(ctx, "no-such-challenge", "000000", https(page))
			return err
		}, models.LoginOutcome{Channel: page, Credential: models.CredentialSecondFactor, Result: models.LoginExpired}},
		// Two hours on: the short-lived password and the session (two
		// days, but moved on below) have expired.
		{"XML-RPC, expired application password", func(ctx context.Context) error {
			now = now.Add(2 * time.Hour)
			_, _, err := s.AuthenticateAPI(ctx, "kate", short.Password, https(xmlrpc))
			return err
		}, models.LoginOutcome{Channel: xmlrpc, Credential: appPw, Result: models.LoginExpired}},
		{"expired cookie", func(ctx context.Context) error {
			now = now.Add(30 * 24 * time.Hour)
			_, _, err := s.UserBySessionToken(ctx, sess.Token())
			return err
		}, models.LoginOutcome{Channel: models.ChannelCookie, Credential: session, Result: models.LoginExpired}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ctx, note := models.WithRequestNote(ctx)
			err := c.login(ctx)
			got, ok, _ := note.Security()
			if !ok || got != c.want {
				t.Errorf("outcome %+v (noted %v), want %+v (err %v)", got, ok, c.want, err)
			}
		})
	}
}

// TestLoginOutcomeLockAndScope: the failure that locks an address notes the
// lock and its length; the next attempt is noted locked; an adapter's scope
// refusal turns a verified application password's ok into scope_refused.
func TestLoginOutcomeLockAndScope(t *testing.T) {
	ctx := context.Background()
	s := fixturestest.Open(t)
	s.Config.Throttle = models.ThrottleConfig{IPThreshold: 2, AccountThreshold: 1000, BaseLock: 3 * time.Minute}
	newUser(t, s, "kate", "author")
	u, _ := s.UserByLogin(ctx, "kate")
	ap, err := s.CreateAppPasswordWith(ctx, u.ID, models.AppPasswordOptions{Name: "reader", Scope: models.ScopeRead})
	if err != nil {
		t.Fatal(err)
	}
	c := models.ClientInfo{IP: "203.0.113.9", Secure: true, Channel: "rest_basic"}

	ctx1, note := models.WithRequestNote(ctx)
	if _, _, err := s.AuthenticateAppPassword(ctx1, "kate", ap.Password, c); err != nil {
		t.Fatal(err)
	}
	note.RefuseScope()
	if got, _, _ := note.Security(); got.Result != models.LoginScopeRefused {
		t.Errorf("after the adapter's scope refusal: %+v", got)
	}

	var locks []models.Lockout
	for i := 0; i < 2; i++ {
		ctxN, note := models.WithRequestNote(ctx)
		_, _, _ = s.AuthenticateAppPassword(ctxN, "kate", "AAAAAAAAAAAAAAAAAAAAAAAA", c)
		_, _, l := note.Security()
		locks = append(locks, l...)
	}
	if len(locks) != 1 || locks[0] != (models.Lockout{Scope: "ip", Duration: 3 * time.Minute}) {
		t.Errorf("locks noted %+v, want the one the second failure placed, 3m on the address", locks)
	}
	ctxL, note := models.WithRequestNote(ctx)
	_, _, _ = s.AuthenticateAppPassword(ctxL, "kate", ap.Password, c)
	if got, _, _ := note.Security(); got.Result != models.LoginLocked {
		t.Errorf("from the locked address: %+v", got)
	}
	// A refusal of anything but a verified application password stays.
	note.RefuseScope()
	if got, _, _ := note.Security(); got.Result != models.LoginLocked {
		t.Errorf("a scope refusal rewrote a locked attempt: %+v", got)
	}
}
