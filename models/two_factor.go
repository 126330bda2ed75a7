package models

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha1"
	"crypto/subtle"
	"encoding/base32"
	"encoding/binary"
	"fmt"
	"net/url"
	"strings"
	"time"

	"gorm.io/gorm"
)

// Two-factor authentication with time-based one-time passwords (RFC 6238:
// HMAC-SHA1, 6 digits, 30-second steps, one step of clock drift either way)
// and single-use recovery codes stored hashed.

const (
	totpStep   = 30 * time.Second
	totpDigits = 6
	// RecoveryCodeCount is how many recovery codes a user gets at a time.
	RecoveryCodeCount = 10
	// loginChallengeLife is how long the code form stays usable after the
	// password was accepted: long enough to open an authenticator app.
	loginChallengeLife = 5 * time.Minute
	// loginChallengeAttempts caps wrong codes per password entry. Wrong
	// codes also count against the address and the user (throttle_user.go),
	// so fresh challenges buy no more guesses.
	loginChallengeAttempts = 5
	// loginChallengesPerUser bounds a user's open challenges: a new one
	// drops the oldest, so that repeated password entries cannot pile rows
	// up.
	loginChallengesPerUser = 3
	// loginChallengeSweep bounds how many expired challenges one creation
	// deletes, so that the login never waits on a large delete.
	loginChallengeSweep = 100
)

var totpEncoding = base32.StdEncoding.WithPadding(base32.NoPadding)

// twoFactorStep remembers the last time step a user's code was accepted in,
// so that a code cannot be used twice (RFC 6238 section 5.2).
type twoFactorStep struct {
	UserID   uint64 `gorm:"primaryKey;autoIncrement:false"`
	LastStep int64  `gorm:"not null"`
}

func (twoFactorStep) TableName() string { return "two_factor_steps" }

// LoginChallenge is the short-lived state between a correct password and a
// correct second factor. It is not a session: it grants nothing but the right
// to enter a code, and only its token's hash is stored.
type LoginChallenge struct {
	ID         uint64    `gorm:"primaryKey;autoIncrement"`
	UserID     uint64    `gorm:"not null;index:idx_login_challenges_user"`
	TokenHash  string    `gorm:"size:64;not null;uniqueIndex:idx_login_challenges_token"`
	Remember   bool      `gorm:"not null;default:false"`
	RedirectTo string    `gorm:"size:2048;not null;default:''"`
	Attempts   int       `gorm:"not null;default:0"`
	Expires    time.Time `gorm:"not null;index:idx_login_challenges_expires"`
}

// TableName keeps the table name stable.
func (LoginChallenge) TableName() string { return "login_challenges" }

// addLoginChallengeExpiresIndex lets the sweep of expired challenges read
// an index range instead of the table.
func addLoginChallengeExpiresIndex(tx *gorm.DB) error {
	if tx.Migrator().HasIndex(&LoginChallenge{}, "idx_login_challenges_expires") {
		return nil
	}
	return tx.Migrator().CreateIndex(&LoginChallenge{}, "idx_login_challenges_expires")
}

var (
	errTwoFactorCode     = newError(KindInvalid, ReasonTwoFactorCodeIncorrect)
	errTwoFactorNotSetUp = newError(KindInvalid, ReasonTwoFactorNotSetUp)
	errTwoFactorSelf     = newError(KindForbidden, ReasonTwoFactorSelfOnly)
	errCannotEditUser    = newError(KindForbidden, ReasonCannotEditUser)
	errChallengeExpired  = newError(KindUnauthenticated, ReasonLoginChallengeExpired)
)

// NewTOTPSecret returns a random 160-bit secret in base32, the form
// authenticator apps take.
func NewTOTPSecret() string {
	var b [20]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(fmt.Sprintf("crypto/rand failed: %v", err))
	}
	return totpEncoding.EncodeToString(b[:])
}

// TOTPCode returns the code for secret at time t ("" for a malformed secret).
func TOTPCode(secret string, t time.Time) string {
	key, err := decodeTOTPSecret(secret)
	if err != nil {
		return ""
	}
	return totpAt(key, totpCounter(t))
}

// TOTPURI is the otpauth:// URI authenticator apps read from a QR code.
func TOTPURI(issuer, account, secret string) string {
	esc := func(s string) string { return strings.ReplaceAll(url.QueryEscape(s), "+", "%20") }
	return "otpauth://totp/" + esc(issuer) + ":" + esc(account) + "?secret=" + secret +
		"&issuer=" + esc(issuer) + "&algorithm=SHA1&digits=6&period=30"
}

func decodeTOTPSecret(secret string) ([]byte, error) {
	return totpEncoding.DecodeString(strings.ToUpper(strings.TrimRight(secret, "=")))
}

func totpCounter(t time.Time) int64 { return t.Unix() / int64(totpStep/time.Second) }

func totpAt(key []byte, counter int64) string {
	var msg [8]byte
	binary.BigEndian.PutUint64(msg[:], uint64(counter))
	m := hmac.New(sha1.New, key)
	m.Write(msg[:])
	sum := m.Sum(nil)
	off := sum[len(sum)-1] & 0x0f
	v := binary.BigEndian.Uint32(sum[off:off+4]) & 0x7fffffff
	return fmt.Sprintf("%06d", v%1000000)
}

// matchTOTP returns the time step a code is valid in (current ±1) or -1.
func matchTOTP(secret, code string, now time.Time) int64 {
	key, err := decodeTOTPSecret(secret)
	if err != nil || len(code) != totpDigits {
		return -1
	}
	c := totpCounter(now)
	found := int64(-1)
	for _, step := range []int64{c - 1, c, c + 1} {
		if subtle.ConstantTimeCompare([]byte(totpAt(key, step)), []byte(code)) == 1 {
			found = step
		}
	}
	return found
}

// normalizeCode drops the spaces and dashes people type into codes.
func normalizeCode(code string) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '-' || r == '\t' {
			return -1
		}
		return r
	}, strings.TrimSpace(code))
}

// StartTwoFactorSetup gives target a new, not yet enabled secret and returns
// it. Only the account owner may do this: the secret belongs in their
// authenticator. Errors: forbidden, internal.
func (s *Store) StartTwoFactorSetup(ctx context.Context, actor, target *User) (string, error) {
	if actor == nil || target == nil || actor.ID != target.ID {
		return "", errTwoFactorSelf
	}
	secret := NewTOTPSecret()
	res := s.withContext(ctx).Model(&User{}).Where("id = ?", target.ID).
		Updates(map[string]any{"two_factor_secret": secret, "two_factor_enabled": false, "two_factor_recovery": ""})
	if res.Error != nil {
		return "", Internal(res.Error)
	}
	target.TwoFactorSecret, target.TwoFactorEnabled, target.TwoFactorRecovery = secret, false, ""
	return secret, nil
}

// ConfirmTwoFactor enables two-factor for target once the first code from
// the pending secret is right, and returns the recovery codes (shown once;
// only their hashes are kept). Errors: forbidden, invalid (no pending
// secret, wrong code), internal.
func (s *Store) ConfirmTwoFactor(ctx context.Context, actor, target *User, code string) ([]string, error) {
	if actor == nil || target == nil || actor.ID != target.ID {
		return nil, errTwoFactorSelf
	}
	if target.TwoFactorSecret == "" || target.TwoFactorEnabled {
		return nil, errTwoFactorNotSetUp
	}
	step := matchTOTP(target.TwoFactorSecret, normalizeCode(code), s.now())
	if step < 0 {
		return nil, errTwoFactorCode
	}
	codes, hashed, err := newRecoveryCodes()
	if err != nil {
		return nil, err
	}
	err = s.transaction(ctx, func(tx *gorm.DB) error {
		res := tx.Model(&User{}).Where("id = ? AND two_factor_secret = ?", target.ID, target.TwoFactorSecret).
			Updates(map[string]any{"two_factor_enabled": true, "two_factor_recovery": hashed})
		if res.Error != nil {
			return Internal(res.Error)
		}
		if res.RowsAffected == 0 {
			return errTwoFactorNotSetUp
		}
		return s.useTOTPStep(tx, target.ID, step)
	})
	if err != nil {
		return nil, AsError(err)
	}
	target.TwoFactorEnabled, target.TwoFactorRecovery = true, hashed
	return codes, nil
}

// DisableTwoFactor switches two-factor off for target and forgets its secret
// and recovery codes. The owner and anyone who may edit the user can.
// Errors: forbidden, internal.
func (s *Store) DisableTwoFactor(ctx context.Context, actor, target *User) error {
	if !CanEditUser(actor, target) {
		return errCannotEditUser
	}
	res := s.withContext(ctx).Model(&User{}).Where("id = ?", target.ID).
		Updates(map[string]any{"two_factor_secret": "", "two_factor_enabled": false, "two_factor_recovery": ""})
	if res.Error != nil {
		return Internal(res.Error)
	}
	target.TwoFactorSecret, target.TwoFactorEnabled, target.TwoFactorRecovery = "", false, ""
	return nil
}

// newRecoveryCodes makes RecoveryCodeCount codes of 10 characters
// (xxxxx-xxxxx) and their space-separated hashes.
func newRecoveryCodes() ([]string, string, error) {
	const alphabet = "abcdefghjkmnpqrstuvwxyz23456789"
	codes := make([]string, RecoveryCodeCount)
	hashes := make([]string, RecoveryCodeCount)
	for i := range codes {
		var b [10]byte
		if _, err := rand.Read(b[:]); err != nil {
			return nil, "", Internal(err)
		}
		var sb strings.Builder
		for j, x := range b {
			if j == 5 {
				sb.WriteByte('-')
			}
			// 256 is not a multiple of 31; the bias is negligible for
			// codes that are single-use and throttled.
			sb.WriteByte(alphabet[int(x)%len(alphabet)])
		}
		codes[i] = sb.String()
		hashes[i] = FastHash(normalizeCode(codes[i]))
	}
	return codes, strings.Join(hashes, " "), nil
}

// useTOTPStep records that a code of this step was used, refusing a step at
// or before the last one used (a replayed code).
func (s *Store) useTOTPStep(tx *gorm.DB, userID uint64, step int64) error {
	res := tx.Model(&twoFactorStep{}).Where("user_id = ? AND last_step < ?", userID, step).Update("last_step", step)
	if res.Error != nil {
		return Internal(res.Error)
	}
	if res.RowsAffected > 0 {
		return nil
	}
	var n int64
	if err := tx.Model(&twoFactorStep{}).Where("user_id = ?", userID).Count(&n).Error; err != nil {
		return Internal(err)
	}
	if n > 0 {
		return errTwoFactorCode
	}
	if err := tx.Create(&twoFactorStep{UserID: userID, LastStep: step}).Error; err != nil {
		return Internal(err)
	}
	return nil
}

// verifySecondFactor checks a TOTP code (once per step) or consumes a
// recovery code. Errors: invalid (wrong code), internal.
func (s *Store) verifySecondFactor(ctx context.Context, u *User, code string) error {
	code = normalizeCode(code)
	if step := matchTOTP(u.TwoFactorSecret, code, s.now()); step >= 0 {
		return s.transaction(ctx, func(tx *gorm.DB) error { return s.useTOTPStep(tx, u.ID, step) })
	}
	if code == "" || u.TwoFactorRecovery == "" {
		return errTwoFactorCode
	}
	h := FastHash(strings.ToLower(code))
	hashes := strings.Fields(u.TwoFactorRecovery)
	for i, x := range hashes {
		if subtle.ConstantTimeCompare([]byte(x), []byte(h)) != 1 {
			continue
		}
		rest := strings.Join(append(append([]string(nil), hashes[:i]...), hashes[i+1:]...), " ")
		// Conditional on the old value so that a code is consumed once even
		// when two requests race.
		res := s.withContext(ctx).Model(&User{}).Where("id = ? AND two_factor_recovery = ?", u.ID, u.TwoFactorRecovery).
			Update("two_factor_recovery", rest)
		if res.Error != nil {
			return Internal(res.Error)
		}
		if res.RowsAffected == 0 {
			return errTwoFactorCode
		}
		u.TwoFactorRecovery = rest
		return nil
	}
	return errTwoFactorCode
}

// RecoveryCodesLeft reports how many unused recovery codes u has.
func RecoveryCodesLeft(u *User) int { return len(strings.Fields(u.TwoFactorRecovery)) }

// CreateLoginChallenge records that u entered the right password and must
// now give a second factor; it returns the token for the code form. It
// drops u's oldest challenges beyond loginChallengesPerUser and sweeps up
// to loginChallengeSweep expired ones (an index range on expires): a
// constant number of queries however large the table.
func (s *Store) CreateLoginChallenge(ctx context.Context, u *User, remember bool, redirectTo string) (string, error) {
	var raw [32]byte
	if _, err := rand.Read(raw[:]); err != nil {
		return "", Internal(err)
	}
	token := totpEncoding.EncodeToString(raw[:])
	now := s.now()
	ch := &LoginChallenge{UserID: u.ID, TokenHash: hashSessionToken(token), Remember: remember,
		RedirectTo: truncateUTF8(redirectTo, 2048), Expires: now.Add(loginChallengeLife)}
	err := s.transaction(ctx, func(tx *gorm.DB) error {
		var expired []uint64
		if err := tx.Model(&LoginChallenge{}).Where("expires <= ?", now).Order("expires").
			Limit(loginChallengeSweep).Pluck("id", &expired).Error; err != nil {
			return err
		}
		// The user's newest challenges but one stay; the new one makes the
		// bound. The limit only guards against a table already overfull.
		var mine []uint64
		if err := tx.Model(&LoginChallenge{}).Where("user_id = ?", u.ID).Order("id DESC").
			Limit(loginChallengesPerUser+loginChallengeSweep).Pluck("id", &mine).Error; err != nil {
			return err
		}
		if len(mine) >= loginChallengesPerUser {
			expired = append(expired, mine[loginChallengesPerUser-1:]...)
		}
		if len(expired) > 0 {
			if err := tx.Where("id IN ?", expired).Delete(&LoginChallenge{}).Error; err != nil {
				return err
			}
		}
		ch.ID = 0 // a retried run inserts afresh (write_retry.go)
		return tx.Create(ch).Error
	})
	if err != nil {
		return "", Internal(err)
	}
	return token, nil
}

// LoginChallengeByToken returns a pending challenge and its user. An
// expired or used-up challenge is deleted as it is refused.
// Errors: unauthenticated (unknown or expired), internal.
func (s *Store) LoginChallengeByToken(ctx context.Context, token string) (*LoginChallenge, *User, error) {
	if token == "" || len(token) > 128 {
		return nil, nil, errChallengeExpired
	}
	var ch LoginChallenge
	if err := s.withContext(ctx).Where("token_hash = ?", hashSessionToken(token)).Take(&ch).Error; err != nil {
		return nil, nil, notFoundOr(err, errChallengeExpired)
	}
	if !s.now().Before(ch.Expires) || ch.Attempts >= loginChallengeAttempts {
		if err := s.deleteLoginChallenge(ctx, ch.ID); err != nil {
			return nil, nil, err
		}
		return nil, nil, errChallengeExpired
	}
	u, err := s.UserByID(ctx, ch.UserID)
	if err != nil {
		if IsNotFound(err) {
			return nil, nil, errChallengeExpired
		}
		return nil, nil, err
	}
	return &ch, u, nil
}

// CompleteLoginChallenge checks the second factor for a pending challenge
// from client c. On success the challenge is used up, the user's counted
// failures are forgotten and the user returned. Every code takes one of the
// challenge's five attempts; a wrong one (TOTP or recovery) also counts,
// like a wrong password, a failure against c's address and the user, which
// lock them past their thresholds; while either is locked every code is
// refused, the right one included. Errors: unauthenticated (expired or used
// up), invalid (wrong code), too many requests (locked), internal.
func (s *Store) CompleteLoginChallenge(ctx context.Context, token, code string, c ClientInfo) (*User, *LoginChallenge, error) {
	u, ch, err := s.completeLoginChallenge(ctx, token, code, c)
	result := loginResultOf(err)
	switch {
	case err == errChallengeExpired:
		result = LoginExpired
	case ErrorKind(err) == KindInvalid:
		result = LoginWrong // a wrong code
	}
	NoteOf(ctx).setLogin(LoginOutcome{Channel: orOther(c.Channel), Credential: CredentialSecondFactor, Result: result})
	return u, ch, err
}

// completeLoginChallenge is CompleteLoginChallenge without noting the
// outcome.
func (s *Store) completeLoginChallenge(ctx context.Context, token, code string, c ClientInfo) (*User, *LoginChallenge, error) {
	ch, u, err := s.LoginChallengeByToken(ctx, token)
	if err != nil {
		return nil, nil, err
	}
	if err := s.checkUserLocks(ctx, c.IP, u.ID); err != nil {
		return nil, nil, err
	}
	if !u.TwoFactorEnabled {
		// Two-factor was switched off meanwhile: the password was enough.
		return u, ch, s.deleteLoginChallenge(ctx, ch.ID)
	}
	// The attempt is taken before the code is checked, so that requests in
	// parallel cannot check more than loginChallengeAttempts codes against
	// one challenge (nor any against a dropped one).
	res := s.withContext(ctx).Model(&LoginChallenge{}).
		Where("id = ? AND attempts < ? AND expires > ?", ch.ID, loginChallengeAttempts, s.now()).
		Update("attempts", gorm.Expr("attempts + 1"))
	if res.Error != nil {
		return nil, nil, Internal(res.Error)
	}
	if res.RowsAffected == 0 {
		return nil, nil, errChallengeExpired
	}
	if err := s.verifySecondFactor(ctx, u, code); err != nil {
		if ErrorKind(err) != KindInvalid {
			return nil, nil, err
		}
		if lockErr := s.recordUserFailure(ctx, u.ID, u.Login, "wrong two-factor or recovery code", c); ErrorKind(lockErr) == KindTooManyRequests {
			return nil, nil, lockErr
		}
		return nil, nil, err
	}
	// Deleting with a row count makes the challenge single-use under races.
	res = s.withContext(ctx).Where("id = ?", ch.ID).Delete(&LoginChallenge{})
	if res.Error != nil {
		return nil, nil, Internal(res.Error)
	}
	if res.RowsAffected == 0 {
		return nil, nil, errChallengeExpired
	}
	s.clearUserFailures(ctx, u.ID)
	return u, ch, nil
}

func (s *Store) deleteLoginChallenge(ctx context.Context, id uint64) error {
	if err := s.withContext(ctx).Where("id = ?", id).Delete(&LoginChallenge{}).Error; err != nil {
		return Internal(err)
	}
	return nil
}
