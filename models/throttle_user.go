package models

import (
	"context"
	"strconv"
)

// A wrong second factor (a two-factor code or a recovery code) is a guess
// like a wrong password, made by someone who already has the password. It
// counts against the client address, as every failed login does, and
// against the account — by user id, since the name typed at the password
// step plays no part any more — with the thresholds, locks and audit events
// of wrong passwords (throttle.go). The account counter has its own scope so
// that a right password, which clears the typed name's count, cannot clear
// it: only a completed second step does.

// throttleUser is the scope of the per-user-id counters.
const throttleUser = "user"

func userThrottleKey(userID uint64) string { return strconv.FormatUint(userID, 10) }

// recordUserFailure counts one failed attempt by user userID (login names
// it in the audit trail) against the client address and the user id, writes
// it to the audit trail, and returns the lock error when this failure caused
// a lock.
func (s *Store) recordUserFailure(ctx context.Context, userID uint64, login, detail string, c ClientInfo) error {
	s.audit(ctx, nil, AuditEvent{Event: AuditLoginFailed, UserID: userID, IP: c.IP, UserAgent: c.UserAgent,
		Login: login, Detail: detail})
	return s.recordFailureIn(ctx, c.IP, throttleUser, userThrottleKey(userID), c)
}

// checkUserLocks refuses while the client address or user userID is locked.
// One indexed query.
func (s *Store) checkUserLocks(ctx context.Context, ip string, userID uint64) error {
	if s.Config.Throttle.Disabled {
		return nil
	}
	now := s.now()
	var rows []AuthThrottle
	err := s.withContext(ctx).Model(&AuthThrottle{}).Where("locked_until > ?", now).
		Where("(scope = ? AND "+quoteKey(s)+" = ?) OR (scope = ? AND "+quoteKey(s)+" = ?)",
			throttleIP, ip, throttleUser, userThrottleKey(userID)).
		Find(&rows).Error
	if err != nil {
		return Internal(err)
	}
	var latest *AuthThrottle
	for i := range rows {
		if latest == nil || rows[i].LockedUntil.After(*latest.LockedUntil) {
			latest = &rows[i]
		}
	}
	if latest != nil {
		return errLocked(*latest.LockedUntil, now)
	}
	return nil
}

// secondFactorLock is the password step's check for a user with two-factor
// on: while wrong codes keep the user locked, every main-password login of
// theirs is refused — the login page's and the API's when
// two_factor_user_api_login_enable lets the password alone in — whether the
// password was right or not, so that the answer says nothing about it.
// Other users cost no query.
func (s *Store) secondFactorLock(ctx context.Context, u *User, c ClientInfo) error {
	if u == nil || !u.TwoFactorEnabled {
		return nil
	}
	return s.checkUserLocks(ctx, c.IP, u.ID)
}

// clearUserFailures forgets a user's counted failures once they completed
// the second step.
func (s *Store) clearUserFailures(ctx context.Context, userID uint64) {
	if s.Config.Throttle.Disabled {
		return
	}
	s.withContext(ctx).Model(&AuthThrottle{}).
		Where("scope = ? AND "+quoteKey(s)+" = ? AND failures > 0", throttleUser, userThrottleKey(userID)).
		Update("failures", 0)
}
