package rest

import (
	"encoding/base64"
	"net/http"
	"strings"

	"github.com/presspass/presspass/languages"
	"github.com/presspass/presspass/models"
)

// errCookieNonce is WordPress's answer to a logged-in cookie with a wrong
// wp_rest nonce.
var errCookieNonce = Err(http.StatusForbidden, "rest_cookie_invalid_nonce", languages.Mark("Cookie check failed"))

// authenticate resolves the request's user, as WordPress's
// determine_current_user filters and rest_authentication_errors do:
//
//   - A valid logged-in cookie wins (WordPress resolves it before the REST
//     request starts) and then needs a wp_rest nonce in X-WP-Nonce or
//     _wpnonce: without one the request is anonymous, with a wrong one it
//     fails with 403 rest_cookie_invalid_nonce (CSRF protection).
//   - Otherwise "Authorization: Basic" with an application password. Headers
//     that are not Basic, not base64, without a colon or with an empty name
//     or password are ignored, as is everything when application passwords
//     are unavailable (production over plain http). Wrong credentials are
//     reported with 401 and WordPress's code on every route.
//
// A returned error is answered as it is; nil means "go on" (anonymous or
// authenticated).
func (s *Server) authenticate(r *Request) error {
	if done, err := s.cookieAuth(r); done || err != nil {
		return err
	}
	name, password, ok := basicCredentials(r.HTTP.Header.Get("Authorization"))
	if !ok || !s.store.AppPasswordsAvailable(r.Client.Secure) {
		return nil
	}
	client := r.Client
	client.Channel = basicAuthChannel
	u, ap, err := s.store.AuthenticateAppPassword(r.ctx, name, password, client)
	if err != nil {
		return err
	}
	if !ap.AllowsWrite() && !safeMethod(r.Method) {
		models.NoteOf(r.ctx).RefuseScope()
		return errReadOnlyPassword
	}
	r.User, r.AppPassword = u, ap
	return nil
}

// errReadOnlyPassword refuses a changing request authenticated by a
// read-only application password (a PressPass extension).
var errReadOnlyPassword = Err(http.StatusForbidden, "application_password_insufficient_scope", languages.Mark("This application password is read-only: it cannot be used to change anything."))

// safeMethod reports whether a method only reads.
func safeMethod(m string) bool {
	return m == http.MethodGet || m == http.MethodHead || m == http.MethodOptions
}

// cookieAuth handles the logged-in cookie. done is true when the cookie
// decided the request (authenticated or deliberately anonymous).
func (s *Server) cookieAuth(r *Request) (done bool, err error) {
	ck, cerr := r.HTTP.Cookie(models.LoggedInCookieName(s.cfg.SiteURL))
	if cerr != nil || ck.Value == "" {
		return false, nil
	}
	u, sess, err := s.store.UserBySessionToken(r.ctx, ck.Value)
	if err != nil {
		if models.ErrorKind(err) == models.KindInternal {
			return true, err
		}
		// A stale cookie is no cookie: other credentials may still apply.
		return false, nil
	}
	nonce := r.HTTP.Header.Get("X-WP-Nonce")
	if nonce == "" {
		nonce = r.String("_wpnonce")
	}
	if nonce == "" {
		return true, nil
	}
	if !s.store.VerifyNonce(sess, "wp_rest", nonce) {
		return true, errCookieNonce
	}
	r.User = u
	// WordPress sends a fresh nonce with every cookie-authenticated answer
	// so long-lived pages keep working across nonce ticks.
	r.freshNonce = s.store.CreateNonce(sess, "wp_rest")
	return true, nil
}

// basicCredentials decodes an "Authorization: Basic" header the way PHP
// fills PHP_AUTH_USER / PHP_AUTH_PW: scheme case-insensitive, split at the
// first colon. ok is false for anything else and for an empty name or
// password.
func basicCredentials(h string) (name, password string, ok bool) {
	scheme, cred, found := strings.Cut(strings.TrimSpace(h), " ")
	if !found || !strings.EqualFold(scheme, "basic") {
		return "", "", false
	}
	cred = strings.TrimSpace(cred)
	raw, err := base64.StdEncoding.DecodeString(cred)
	if err != nil {
		if raw, err = base64.RawStdEncoding.DecodeString(cred); err != nil {
			return "", "", false
		}
	}
	name, password, found = strings.Cut(string(raw), ":")
	if !found || name == "" || password == "" {
		return "", "", false
	}
	return name, password, true
}

// basicAuthChannel names REST's Basic-auth logins in the login outcomes
// operators count.
const basicAuthChannel models.LoginChannel = "rest_basic"
