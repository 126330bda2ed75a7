package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/kolo/xmlrpc"
	"github.com/presspass/presspass/fixtures/fixturestest"
	"github.com/presspass/presspass/models"
)

// lockSite is a served site with one editor, reached through a trusted proxy
// so that each attempt can come from an address of its own.
type lockSite struct {
	t      *testing.T
	db     string
	base   string
	appPw  string
	mainPw string
}

func newLockSite(t *testing.T) *lockSite {
	t.Helper()
	ctx := context.Background()
	db := fixturestest.DatabaseURL(t)
	s, err := models.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	s.Config.BcryptCost = 4
	if _, err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	login, email, pw, role := "editor", "editor@example.com", "editor-main-pass", "editor"
	u, err := s.CreateUser(ctx, models.UserInput{Login: &login, Email: &email, Password: &pw, Role: &role})
	if err != nil {
		t.Fatal(err)
	}
	ap, err := s.CreateAppPassword(ctx, u.ID, "phone", "")
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	base := startServe(t, db, "--trusted-proxies", "127.0.0.1/32", "--environment", "local")
	return &lockSite{t: t, db: db, base: base, appPw: ap.Password, mainPw: pw}
}

// Outcomes of one login attempt.
const (
	loggedIn = "logged in"
	refused  = "refused"
	locked   = "locked"
)

// lockChannel is one way to log in: it tries name and password from the
// client address from and says how it ended.
type lockChannel struct {
	name string
	try  func(s *lockSite, name, password, from string) string
}

var lockChannels = []lockChannel{
	{"login page", func(s *lockSite, name, password, from string) string {
		req, _ := http.NewRequest(http.MethodPost, s.base+"/wp-login.php",
			strings.NewReader(url.Values{"log": {name}, "pwd": {password}}.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		status, body := s.do(req, from)
		switch {
		case status == http.StatusFound:
			return loggedIn
		case status == http.StatusTooManyRequests && strings.Contains(body, "Too many failed login attempts"):
			return locked
		case status == http.StatusOK && strings.Contains(body, "login_error"):
			return refused
		}
		return fmt.Sprintf("login page: %d %.300s", status, body)
	}},
	{"REST Basic", func(s *lockSite, name, password, from string) string {
		req, _ := http.NewRequest(http.MethodGet, s.base+"/wp-json/wp/v2/users/me", nil)
		req.SetBasicAuth(name, password)
		status, body := s.do(req, from)
		switch status {
		case http.StatusOK:
			return loggedIn
		case http.StatusTooManyRequests:
			return locked
		case http.StatusUnauthorized:
			return refused
		}
		return fmt.Sprintf("REST: %d %.300s", status, body)
	}},
	{"XML-RPC", func(s *lockSite, name, password, from string) string {
		req, err := xmlrpc.NewRequest(s.base+"/xmlrpc.php", "wp.getProfile", []any{1, name, password})
		if err != nil {
			s.t.Fatal(err)
		}
		status, body := s.do(req, from)
		var fault xmlrpc.FaultError
		err = xmlrpc.Response(body).Err()
		switch {
		case status == http.StatusOK && err == nil:
			return loggedIn
		case errors.As(err, &fault) && fault.Code == 429:
			return locked
		case errors.As(err, &fault) && fault.Code == 403:
			return refused
		}
		return fmt.Sprintf("XML-RPC: %d %.300s", status, body)
	}},
}

func (s *lockSite) do(req *http.Request, from string) (int, string) {
	s.t.Helper()
	req.Header.Set("X-Forwarded-For", from)
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	if err != nil {
		s.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// TestAccountLockFollowsTheAccount (issue 17, finding 2): the account lock
// counts the account, whichever of its names was typed. After ten wrong
// main passwords as one spelling of the editor's name — each from another
// address, so that no address lock plays a part — the editor's main
// password is refused as locked under every spelling, on the login page and
// over XML-RPC; the editor's application password keeps working on REST and
// XML-RPC (application passwords are exempt from the account lock, and
// wrong ones sent over REST Basic count against the address only).
func TestAccountLockFollowsTheAccount(t *testing.T) {
	spellings := []string{"editor", "EDITOR", "editor@example.com"}
	for _, guesser := range lockChannels {
		for _, as := range spellings {
			t.Run(guesser.name+" as "+as, func(t *testing.T) {
				s := newLockSite(t)
				for i := 0; i < 10; i++ {
					if got := guesser.try(s, as, "wrong-guess", fmt.Sprintf("192.0.2.%d", i+1)); got != refused {
						t.Fatalf("guess %d: %s, want %s", i+1, got, refused)
					}
				}
				// Main passwords: locked after guesses at the main password
				// (the login page, XML-RPC); REST Basic takes application
				// passwords only, so its guesses lock no account.
				wantMain := locked
				if guesser.name == "REST Basic" {
					wantMain = loggedIn
				}
				next := 0
				from := func() string { next++; return fmt.Sprintf("198.51.100.%d", next) }
				for _, ch := range lockChannels {
					for _, spelling := range spellings {
						if ch.name != "REST Basic" {
							if got := ch.try(s, spelling, s.mainPw, from()); got != wantMain {
								t.Errorf("%s as %s with the main password: %s, want %s", ch.name, spelling, got, wantMain)
							}
						}
						if ch.name != "login page" {
							if got := ch.try(s, spelling, s.appPw, from()); got != loggedIn {
								t.Errorf("%s as %s with the application password: %s, want %s", ch.name, spelling, got, loggedIn)
							}
						}
					}
				}
			})
		}
	}
}

// TestUnknownNamesCountAgainstTheAddress: wrong passwords for names no user
// has lock no account — the editor logs in from elsewhere — but count
// against the address they come from, on every channel: twenty of them
// (--throttle-ip-failures) lock it.
func TestUnknownNamesCountAgainstTheAddress(t *testing.T) {
	s := newLockSite(t)
	attacker := "203.0.113.5"
	// Five guesses each: below the account threshold of every name's bucket.
	names := []string{"nobody", "someone", "nobody@example.com", "editor@example.org"}
	for i := 0; i < 20; i++ {
		ch := lockChannels[i%len(lockChannels)]
		if got := ch.try(s, names[i%len(names)], "wrong-guess", attacker); got != refused {
			t.Fatalf("guess %d (%s as %s): %s, want %s", i+1, ch.name, names[i%len(names)], got, refused)
		}
	}
	for i, ch := range lockChannels {
		pw := s.mainPw
		if ch.name == "REST Basic" {
			pw = s.appPw
		}
		if got := ch.try(s, "editor", pw, fmt.Sprintf("198.51.100.%d", i+1)); got != loggedIn {
			t.Errorf("%s from another address: %s, want %s", ch.name, got, loggedIn)
		}
		if got := ch.try(s, "editor", pw, attacker); got != locked {
			t.Errorf("%s from the guessing address: %s, want %s", ch.name, got, locked)
		}
	}
}

// TestUnknownNamesLockLikeAccounts: a name no user has locks after as many
// wrong passwords as an account does, whichever way it is spelt, so that
// the lock does not tell an attacker which names exist.
func TestUnknownNamesLockLikeAccounts(t *testing.T) {
	s := newLockSite(t)
	for _, ch := range lockChannels {
		if ch.name == "REST Basic" {
			continue // main passwords are not accepted there; only addresses are counted
		}
		t.Run(ch.name, func(t *testing.T) {
			for _, name := range []string{"editor", "nobody-" + strings.ReplaceAll(ch.name, " ", "")} {
				for i := 0; i < 10; i++ {
					ch.try(s, []string{name, strings.ToUpper(name)}[i%2], "wrong-guess", fmt.Sprintf("192.0.2.%d", i+1))
				}
				if got := ch.try(s, name, "wrong-guess", "198.51.100.77"); got != locked {
					t.Errorf("%s after ten wrong passwords: %s, want %s", name, got, locked)
				}
			}
		})
	}
}

// TestUserUnlockCommand: `presspass user unlock` lifts an account lock at
// once, whichever name of the user it is given.
func TestUserUnlockCommand(t *testing.T) {
	s := newLockSite(t)
	page := lockChannels[0]
	for i := 0; i < 10; i++ {
		page.try(s, "editor", "wrong-guess", fmt.Sprintf("192.0.2.%d", i+1))
	}
	if got := page.try(s, "editor", s.mainPw, "198.51.100.1"); got != locked {
		t.Fatalf("after ten wrong passwords: %s, want %s", got, locked)
	}
	if out := mustCLI(t, s.db, "user", "unlock", "EDITOR@example.com"); !strings.Contains(out, "Success: Unlocked user") {
		t.Fatalf("unlock: %q", out)
	}
	if got := page.try(s, "editor", s.mainPw, "198.51.100.2"); got != loggedIn {
		t.Fatalf("after the unlock: %s, want %s", got, loggedIn)
	}
	if out := mustCLI(t, s.db, "user", "unlock", "editor"); !strings.Contains(out, "was not locked") {
		t.Fatalf("unlocking an account that is not locked: %q", out)
	}
}
