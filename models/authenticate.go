package models

import (
	"context"
	"net"
)

// Authentication: the one verifier behind REST Basic auth, XML-RPC logins,
// the login page and the CLI. Adapters pass the client's address in; models
// never sees an HTTP request.

// ClientInfo describes where a login attempt comes from.
type ClientInfo struct {
	IP        string
	UserAgent string
	// Secure is true when the request arrived over HTTPS (directly or from a
	// trusted proxy).
	Secure bool
	// Channel is the door a login comes through, for the login outcome the
	// request notes (login_outcome.go); the adapter sets it.
	Channel LoginChannel
}

// Environment names as WordPress's wp_get_environment_type().
const (
	EnvironmentLocal      = "local"
	EnvironmentProduction = "production"
)

// AppPasswordsAvailable reports whether application passwords may be used on
// a request: over HTTPS, or anywhere in the local environment — WordPress's
// wp_is_application_passwords_available().
func (s *Store) AppPasswordsAvailable(secure bool) bool {
	return secure || s.Config.Environment == EnvironmentLocal
}

// AppPasswordsAvailableForUser reports whether the user may use application
// passwords at all (wp_is_application_passwords_available_for_user).
func (s *Store) AppPasswordsAvailableForUser(secure bool, u *User) bool {
	return s.AppPasswordsAvailable(secure) && u != nil && !u.AppPasswordsDisabled
}

// The errors WordPress returns from authentication, with its codes and texts.
var (
	errUnknownUsername = newError(KindUnauthenticated, ReasonLoginUnknownUsername)
	errUnknownEmail    = newError(KindUnauthenticated, ReasonLoginUnknownEmail)
	errBadAppPassword  = newError(KindUnauthenticated, ReasonBadAppPassword)
	errAppPwDisabled   = newError(KindUnauthenticated, ReasonAppPasswordsUnavailable)
	errAppPwUserOff    = newError(KindUnauthenticated, ReasonAppPasswordsDisabledForUser)
	errIncorrectLogin  = newError(KindUnauthenticated, ReasonIncorrectLogin)
	errAppPwExpired    = newError(KindUnauthenticated, ReasonAppPasswordExpired)
)

// dummyPasswordHash is verified against when a login names no user, so that an
// unknown user name costs as much time as a wrong password (no timing oracle).
var dummyPasswordHash = func() string {
	h, err := HashPassword("presspass-dummy-password", DefaultBcryptCost)
	if err != nil {
		panic(err)
	}
	return h
}()

// lookupLoginName finds the user a login form or Basic header names, and
// returns WordPress's "unknown user" error otherwise.
func (s *Store) lookupLoginName(ctx context.Context, name string) (*User, error) {
	u, err := s.UserByLogin(ctx, name)
	if err == nil {
		return u, nil
	}
	if !IsNotFound(err) {
		return nil, err
	}
	if IsEmail(name) {
		u, err = s.UserByEmail(ctx, name)
		if err == nil {
			return u, nil
		}
		if IsNotFound(err) {
			return nil, errUnknownEmail
		}
		return nil, err
	}
	return nil, errUnknownUsername
}

// AuthenticateAppPassword verifies an application password for the user
// named by login or e-mail, records its use (at most once a day) and returns
// the user and the password record. It costs one fast hash and one indexed
// query however many passwords the user has. Errors are WordPress's:
// invalid_username, invalid_email, application_passwords_disabled(_for_user),
// incorrect_password — all of kind unauthenticated.
func (s *Store) AuthenticateAppPassword(ctx context.Context, name, password string, c ClientInfo) (*User, *AppPassword, error) {
	if !s.AppPasswordsAvailable(c.Secure) {
		noteLogin(ctx, c.Channel, CredentialAppPassword, errAppPwDisabled)
		return nil, nil, errAppPwDisabled
	}
	u, ap, err := s.appPasswordLogin(ctx, name, password, c, true)
	noteLogin(ctx, c.Channel, CredentialAppPassword, err)
	return u, ap, err
}

// appPasswordLogin is the application-password login shared by REST and
// XML-RPC: a cached login under the current auth epoch answers with one
// query; otherwise locks are checked and the password verified. countFailure
// says whether a failure is counted here (XML-RPC counts it once, after also
// trying the main password).
func (s *Store) appPasswordLogin(ctx context.Context, name, password string, c ClientInfo, countFailure bool) (*User, *AppPassword, error) {
	pw := NormalizeAppPassword(password)
	key := cacheKey(c.IP, name, FastHash(pw))
	epoch, epochErr := s.currentAuthEpoch(ctx)
	if epochErr == nil && s.logins != nil {
		if u, ap, ok := s.logins.get(key, epoch, s.now()); ok && !ap.Expired(s.now()) {
			if err := s.noteAppPasswordUse(ctx, u, ap, c); err != nil {
				return nil, nil, err
			}
			s.logins.put(key, u, ap, epoch, s.now())
			return u, ap, nil
		}
	}
	if err := s.checkLocks(ctx, c.IP, ""); err != nil {
		return nil, nil, err
	}
	u, ap, err := s.verifyAppPassword(ctx, name, password)
	if err != nil {
		if countFailure && ErrorKind(err) == KindUnauthenticated {
			s.failedLogin(ctx, name, "", c)
		}
		return nil, nil, err
	}
	if err := s.noteAppPasswordUse(ctx, u, ap, c); err != nil {
		return nil, nil, err
	}
	if epochErr == nil && s.logins != nil {
		s.logins.put(key, u, ap, epoch, s.now())
	}
	return u, ap, nil
}

// noteAppPasswordUse records a successful use: last_used/last_ip at most
// once a day, except that the first use from another address is written at
// once and goes to the audit trail.
func (s *Store) noteAppPasswordUse(ctx context.Context, u *User, ap *AppPassword, c ClientInfo) error {
	newAddress := c.IP != "" && ap.LastIP != c.IP
	if newAddress {
		s.audit(ctx, nil, AuditEvent{Event: AuditAppPasswordNewIP, UserID: u.ID, IP: c.IP, UserAgent: c.UserAgent,
			AppPassword: ap.UUID, Detail: ap.Name})
		s.notify(ctx, NotifyAppPasswordNewAddress, u, ap.Name, c.IP)
	}
	return s.RecordAppPasswordUsage(ctx, ap, c.IP, newAddress)
}

// verifyAppPassword is the check itself, without throttling or bookkeeping.
func (s *Store) verifyAppPassword(ctx context.Context, name, password string) (*User, *AppPassword, error) {
	u, err := s.lookupLoginName(ctx, name)
	if err != nil {
		// Spend the hash anyway so an unknown name is not faster to refuse.
		_ = FastHash(NormalizeAppPassword(password))
		return nil, nil, err
	}
	if u.AppPasswordsDisabled {
		return nil, nil, errAppPwUserOff
	}
	pw := NormalizeAppPassword(password)
	if len(pw) != AppPasswordLength {
		_ = FastHash(pw)
		return nil, nil, errBadAppPassword
	}
	ap, err := s.appPasswordByHash(ctx, u.ID, pw)
	if err != nil {
		return nil, nil, err
	}
	if ap == nil {
		return nil, nil, errBadAppPassword
	}
	if ap.Expired(s.now()) {
		return nil, nil, errAppPwExpired
	}
	return u, ap, nil
}

// failedLogin counts a failed attempt (against the address and, for main
// passwords of a known user, the account: its accountKey) and writes it to
// the audit trail.
func (s *Store) failedLogin(ctx context.Context, name, account string, c ClientInfo) {
	s.audit(ctx, nil, AuditEvent{Event: AuditLoginFailed, IP: c.IP, UserAgent: c.UserAgent, Login: name})
	_ = s.recordFailure(ctx, c.IP, account, c)
}

// AuthenticatePassword verifies a user's main password (the browser login).
// Application passwords are never accepted here. A hash in an older format is
// upgraded to PressPass's own on success. Errors: invalid_username,
// invalid_email, incorrect_password (kind unauthenticated).
func (s *Store) AuthenticatePassword(ctx context.Context, name, password string) (*User, error) {
	u, err := s.lookupLoginName(ctx, name)
	if err != nil {
		if ErrorKind(err) == KindUnauthenticated {
			VerifyPassword(password, dummyPasswordHash)
		}
		return nil, err
	}
	return s.checkMainPassword(ctx, u, password)
}

// checkMainPassword verifies user u's main password (AuthenticatePassword
// once the user is found). On a wrong password it returns u with the error.
func (s *Store) checkMainPassword(ctx context.Context, u *User, password string) (*User, error) {
	now := s.now()
	if password != "" && s.verified != nil && s.verified.known(u, password, now) {
		return u, nil
	}
	if password == "" || !VerifyPassword(password, u.PasswordHash) {
		return u, newError(KindUnauthenticated, ReasonIncorrectPassword)
	}
	if PasswordNeedsRehash(u.PasswordHash, s.Config.BcryptCost) {
		if h, err := HashPassword(password, s.Config.BcryptCost); err == nil {
			// Only replace the hash we verified, so a concurrent password
			// change is never overwritten.
			res := s.withContext(ctx).Model(&User{}).Where("id = ? AND password_hash = ?", u.ID, u.PasswordHash).Update("password_hash", h)
			if res.Error == nil && res.RowsAffected == 1 {
				u.PasswordHash = h
			}
		}
	}
	if s.verified != nil {
		s.verified.remember(u, password, now)
	}
	return u, nil
}

// AuthenticateAPI is XML-RPC's login: an application password, normalized as
// REST normalizes it (any grouping: spaces, dashes, tabs), or, as WordPress
// allows for XML-RPC, the main password — except for users with two-factor
// enabled unless the site allows it. Every failure is the
// same "Incorrect username or password." error, as WordPress answers.
func (s *Store) AuthenticateAPI(ctx context.Context, name, password string, c ClientInfo) (*User, *AppPassword, error) {
	u, ap, kind, err := s.authenticateAPI(ctx, name, password, c)
	noteLogin(ctx, c.Channel, kind, err)
	if ErrorKind(err) == KindUnauthenticated {
		return nil, nil, errIncorrectLogin
	}
	if err != nil {
		return nil, nil, err
	}
	return u, ap, nil
}

// authenticateAPI is AuthenticateAPI before its failures are made one: it
// returns what the credential was taken for (an application password when
// it has the shape of one, unless it was the main password) and the precise
// cause of a failure, for the login outcome.
func (s *Store) authenticateAPI(ctx context.Context, name, password string, c ClientInfo) (*User, *AppPassword, CredentialKind, error) {
	kind := CredentialMainPassword
	var appErr error
	if s.AppPasswordsAvailable(c.Secure) && len(NormalizeAppPassword(password)) == AppPasswordLength {
		kind = CredentialAppPassword
		u, ap, err := s.appPasswordLogin(ctx, name, password, c, false)
		if err == nil {
			return u, ap, kind, nil
		}
		if ErrorKind(err) != KindUnauthenticated {
			return nil, nil, kind, err
		}
		appErr = err
	}
	u, err := s.authenticatePasswordFrom(ctx, name, password, c)
	if err != nil {
		if appErr != nil && loginResultOf(err) == LoginWrong {
			// Not the main password either: the application password's
			// own refusal (expired, disabled, wrong) says more.
			err = appErr
		}
		return nil, nil, kind, err
	}
	if u.TwoFactorEnabled && !s.Config.TwoFactorAPILogin {
		return nil, nil, CredentialMainPassword, errTwoFactorAPI
	}
	return u, nil, CredentialMainPassword, nil
}

// AuthenticatePasswordFrom is AuthenticatePassword with throttling: it is
// refused while the client address or the account (the user named, by id,
// whichever of its names was typed) is locked (for a user with two-factor
// on, also while wrong codes keep the user locked: throttle_user.go), and a
// failure counts against both. The login page and XML-RPC use it.
// Errors: as AuthenticatePassword, plus too many requests.
func (s *Store) AuthenticatePasswordFrom(ctx context.Context, name, password string, c ClientInfo) (*User, error) {
	u, err := s.authenticatePasswordFrom(ctx, name, password, c)
	noteLogin(ctx, c.Channel, CredentialMainPassword, err)
	return u, err
}

// authenticatePasswordFrom is AuthenticatePasswordFrom without noting the
// outcome, which AuthenticateAPI notes itself.
func (s *Store) authenticatePasswordFrom(ctx context.Context, name, password string, c ClientInfo) (*User, error) {
	var key string
	epoch, epochErr := s.currentAuthEpoch(ctx)
	if epochErr == nil && s.logins != nil && password != "" {
		key = cacheKey(c.IP, name, s.logins.mainPasswordDigest(password))
		if u, _, ok := s.logins.get(key, epoch, s.now()); ok {
			return u, nil
		}
	}
	// The user is found before the locks are checked: the account lock
	// holds for the account, whichever of its names was typed
	// (throttle_account.go). A name no user has counts in its bucket, so
	// that locking does not tell which names exist.
	u, err := s.lookupLoginName(ctx, name)
	if err != nil && ErrorKind(err) != KindUnauthenticated {
		return nil, err
	}
	account := accountKey(u, name)
	if err := s.checkLocks(ctx, c.IP, account); err != nil {
		return nil, err
	}
	if u == nil {
		VerifyPassword(password, dummyPasswordHash)
	} else {
		u, err = s.checkMainPassword(ctx, u, password)
	}
	if err != nil && ErrorKind(err) == KindUnauthenticated {
		s.failedLogin(ctx, name, account, c)
	}
	if lockErr := s.secondFactorLock(ctx, u, c); lockErr != nil {
		return nil, lockErr
	}
	if err != nil {
		return u, err
	}
	s.clearAccountFailures(ctx, account)
	if key != "" {
		// A rehash on this login bumped the epoch; the entry then simply
		// misses once.
		s.logins.put(key, u, nil, epoch, s.now())
	}
	return u, nil
}

// DirectClient describes a client connected straight to us: its address is
// the TCP peer's (without the port, so that every connection from one host
// counts as one client).
func DirectClient(remoteAddr, userAgent string, secure bool) ClientInfo {
	ip := remoteAddr
	if host, _, err := net.SplitHostPort(remoteAddr); err == nil {
		ip = host
	}
	return ClientInfo{IP: ip, UserAgent: userAgent, Secure: secure}
}
