package models

import (
	"context"
	"time"
)

// Every login attempt ends in one outcome that operators count (the
// composition root turns them into metrics): through which channel it came,
// which kind of credential it offered and how it ended. The outcome is
// written into the request's note rather than counted here, because the
// adapter may still refuse a verified login (a read-only application
// password asked to write), and one request is one attempt. No outcome
// names the user, the password or the address.

// LoginChannel says through which door a login came: each adapter names
// its own (REST's Basic auth, XML-RPC, the login page) and puts it in
// ClientInfo.Channel; the store names the two it knows itself.
type LoginChannel string

// The channels the store names.
const (
	ChannelCookie LoginChannel = "cookie" // a logged-in session cookie
	ChannelOther  LoginChannel = "other"  // a login whose caller named no channel
)

// CredentialKind is what was offered.
type CredentialKind string

// The credential kinds.
const (
	CredentialAppPassword  CredentialKind = "application_password"
	CredentialMainPassword CredentialKind = "main_password"
	CredentialSession      CredentialKind = "session"
	CredentialSecondFactor CredentialKind = "second_factor" // a two-factor or recovery code
)

// LoginResult is how an attempt ended.
type LoginResult string

// The results.
const (
	LoginOK           LoginResult = "ok"
	LoginWrong        LoginResult = "wrong"         // unknown user or wrong password
	LoginLocked       LoginResult = "locked"        // refused by a throttling lock
	LoginExpired      LoginResult = "expired"       // an expired application password or session
	LoginDisabled     LoginResult = "disabled"      // application passwords unavailable (site, user or plain http)
	LoginTwoFactor    LoginResult = "two_factor"    // a main password refused to a two-factor user on the API
	LoginScopeRefused LoginResult = "scope_refused" // right password, whose scope does not allow the request
	LoginError        LoginResult = "error"         // the check itself failed (database)
)

// LoginOutcome is one attempt's outcome.
type LoginOutcome struct {
	Channel    LoginChannel
	Credential CredentialKind
	Result     LoginResult
}

// Lockout is a lock placed on a client address or an account ("ip" or
// "account"), and how long it lasts.
type Lockout struct {
	Scope    string
	Duration time.Duration
}

// errTwoFactorAPI is the refusal of a main password on the API for a user
// with two-factor enabled; callers see it as errIncorrectLogin, as
// WordPress answers, but the outcome names it.
var errTwoFactorAPI = newError(KindUnauthenticated, ReasonIncorrectLogin)

// loginResultOf names how an attempt that returned err ended.
func loginResultOf(err error) LoginResult {
	if err == nil {
		return LoginOK
	}
	if e, ok := err.(*Error); ok && e == errTwoFactorAPI {
		return LoginTwoFactor
	}
	switch ErrorKind(err) {
	case KindTooManyRequests:
		return LoginLocked
	case KindUnauthenticated:
		switch AsError(err).Reason {
		case ReasonAppPasswordExpired:
			return LoginExpired
		case ReasonAppPasswordsUnavailable, ReasonAppPasswordsDisabledForUser:
			return LoginDisabled
		}
		return LoginWrong
	}
	return LoginError
}

// noteLogin writes the outcome of an attempt through channel into the
// request's note.
func noteLogin(ctx context.Context, channel LoginChannel, kind CredentialKind, err error) {
	NoteOf(ctx).setLogin(LoginOutcome{Channel: orOther(channel), Credential: kind, Result: loginResultOf(err)})
}

// orOther is channel, or ChannelOther when the caller named none.
func orOther(channel LoginChannel) LoginChannel {
	if channel == "" {
		return ChannelOther
	}
	return channel
}
