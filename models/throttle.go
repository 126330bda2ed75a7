package models

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// Guessing is throttled in the database, not in process memory, so that every
// PressPass process behind a load balancer sees the same counts.
//
// Policy:
//   - Every failed login (REST Basic, XML-RPC, the login page) counts against
//     the client address. Past IPThreshold failures within Window the address
//     is locked for BaseLock, doubling with each further lock up to MaxLock.
//     While the lock holds, every login attempt from that address is refused,
//     a correct password included.
//   - Failed MAIN-password attempts also count against the account — the
//     user, by id, whichever of its names was typed (throttle_account.go);
//     a name no user has is counted in a shared bucket and locks alike. Past
//     AccountThreshold the account refuses main-password logins (from any
//     address) for the same growing period. Application passwords are exempt
//     from the account lock: with ~143 random bits they cannot be guessed, so
//     an attacker hammering an account can never lock its owner's apps out —
//     only the attacker's own addresses get locked.
//   - A successful main-password login clears the account's count.

// ThrottleConfig sets the thresholds; zero values take the defaults.
type ThrottleConfig struct {
	Disabled         bool
	IPThreshold      int           // failures per address per window (default 20)
	AccountThreshold int           // main-password failures per account per window (default 10)
	Window           time.Duration // counting window (default 15m)
	BaseLock         time.Duration // first lock (default 1m)
	MaxLock          time.Duration // longest lock (default 1h)
}

func (c ThrottleConfig) withDefaults() ThrottleConfig {
	if c.IPThreshold <= 0 {
		c.IPThreshold = 20
	}
	if c.AccountThreshold <= 0 {
		c.AccountThreshold = 10
	}
	if c.Window <= 0 {
		c.Window = 15 * time.Minute
	}
	if c.BaseLock <= 0 {
		c.BaseLock = time.Minute
	}
	if c.MaxLock <= 0 {
		c.MaxLock = time.Hour
	}
	return c
}

// AuthThrottle is one counter: a client address or an account.
type AuthThrottle struct {
	ID          uint64 `gorm:"primaryKey;autoIncrement"`
	Scope       string `gorm:"size:8;not null;uniqueIndex:idx_auth_throttles_key,priority:1"`
	Key         string `gorm:"size:191;not null;uniqueIndex:idx_auth_throttles_key,priority:2"`
	Failures    int    `gorm:"not null;default:0"`
	WindowStart time.Time
	LockedUntil *time.Time `gorm:"index:idx_auth_throttles_locked"`
	// Locks counts consecutive locks; each doubles the next one. It decays
	// once a full lock period passes quietly.
	Locks int `gorm:"not null;default:0"`
}

// TableName keeps the table name stable.
func (AuthThrottle) TableName() string { return "auth_throttles" }

const (
	throttleIP = "ip"
	// throttleAccount counts by user id (accountKey). Before migration 961
	// accounts were counted by the name typed, under "account".
	throttleAccount = "acct-id"
)

func errLocked(until, now time.Time) *Error {
	secs := int(until.Sub(now).Round(time.Second) / time.Second)
	if secs < 1 {
		secs = 1
	}
	return newError(KindTooManyRequests, ReasonTooManyLoginAttempts).With(Details{RetryAfter: secs})
}

// checkLocks refuses the attempt while the address (or, for main-password
// attempts, the account: its accountKey) is locked. One indexed query.
func (s *Store) checkLocks(ctx context.Context, ip, account string) error {
	if s.Config.Throttle.Disabled || (ip == "" && account == "") {
		return nil
	}
	now := s.now()
	q := s.withContext(ctx).Model(&AuthThrottle{}).Where("locked_until > ?", now)
	switch {
	case ip != "" && account != "":
		q = q.Where("(scope = ? AND "+quoteKey(s)+" = ?) OR (scope = ? AND "+quoteKey(s)+" = ?)", throttleIP, ip, throttleAccount, account)
	case ip != "":
		q = q.Where("scope = ? AND "+quoteKey(s)+" = ?", throttleIP, ip)
	default:
		q = q.Where("scope = ? AND "+quoteKey(s)+" = ?", throttleAccount, account)
	}
	var rows []AuthThrottle
	if err := q.Find(&rows).Error; err != nil {
		return Internal(err)
	}
	var latest time.Time
	for _, r := range rows {
		if r.LockedUntil != nil && r.LockedUntil.After(latest) {
			latest = *r.LockedUntil
		}
	}
	if !latest.IsZero() {
		return errLocked(latest, now)
	}
	return nil
}

// quoteKey quotes the "key" column, a reserved word in MySQL.
func quoteKey(s *Store) string {
	if s.dialect == DialectMySQL {
		return "`key`"
	}
	return `"key"`
}

// recordFailure counts one failed attempt against the address and, when
// account (an accountKey) is non-empty, the account, and locks whichever
// passes its threshold. It returns the lock error when this failure caused a lock.
func (s *Store) recordFailure(ctx context.Context, ip, account string, c ClientInfo) error {
	return s.recordFailureIn(ctx, ip, throttleAccount, account, c)
}

// recordFailureIn is recordFailure with the account counter named by its
// scope and key (throttle_user.go counts wrong second factors by user id).
func (s *Store) recordFailureIn(ctx context.Context, ip, scope, key string, c ClientInfo) error {
	if s.Config.Throttle.Disabled {
		return nil
	}
	cfg := s.Config.Throttle.withDefaults()
	var lockErr error
	bump := func(scope, key string, threshold int) error {
		if key == "" {
			return nil
		}
		now := s.now()
		var locked time.Duration // set by the run that commits (a retried run sets it afresh)
		err := s.transaction(ctx, func(tx *gorm.DB) error {
			locked = 0
			var row AuthThrottle
			err := tx.Clauses(clause.Locking{Strength: "UPDATE"}).Where("scope = ? AND "+quoteKey(s)+" = ?", scope, key).Take(&row).Error
			if err == gorm.ErrRecordNotFound {
				row = AuthThrottle{Scope: scope, Key: key, WindowStart: now}
			} else if err != nil {
				return err
			}
			if now.Sub(row.WindowStart) > cfg.Window {
				row.Failures, row.WindowStart = 0, now
				// A quiet spell longer than the longest lock forgives old locks.
				if row.LockedUntil == nil || now.Sub(*row.LockedUntil) > cfg.MaxLock {
					row.Locks = 0
				}
			}
			row.Failures++
			if row.Failures >= threshold {
				row.Locks++
				d := cfg.BaseLock << (row.Locks - 1)
				if d > cfg.MaxLock || d <= 0 {
					d = cfg.MaxLock
				}
				until := now.Add(d)
				row.LockedUntil = &until
				locked = d
				row.Failures, row.WindowStart = 0, now
				lockErr = errLocked(until, now)
				// Cached logins made before the lock must not outlive it.
				if err := s.bumpAuthEpoch(ctx, tx); err != nil {
					return err
				}
				s.audit(ctx, tx, AuditEvent{Event: AuditLockout, IP: c.IP, UserAgent: c.UserAgent,
					Detail: fmt.Sprintf("%s %s locked for %s", scope, key, d)})
			}
			if row.ID == 0 {
				return tx.Create(&row).Error
			}
			return tx.Save(&row).Error
		})
		if err == nil && locked > 0 {
			NoteOf(ctx).addLockout(Lockout{Scope: scope, Duration: locked})
		}
		return err
	}
	if err := bump(throttleIP, ip, cfg.IPThreshold); err != nil {
		return Internal(err)
	}
	if err := bump(scope, key, cfg.AccountThreshold); err != nil {
		return Internal(err)
	}
	return lockErr
}

// clearAccountFailures forgets an account's (accountKey's) failed
// main-password attempts after its owner logged in.
func (s *Store) clearAccountFailures(ctx context.Context, account string) {
	if s.Config.Throttle.Disabled {
		return
	}
	s.withContext(ctx).Model(&AuthThrottle{}).
		Where("scope = ? AND "+quoteKey(s)+" = ? AND failures > 0", throttleAccount, account).
		Update("failures", 0)
}

// UnlockAddress lifts a lock on a client address (administrators' tool).
func (s *Store) UnlockAddress(ctx context.Context, ip string) error {
	return AsErrorOrNil(s.withContext(ctx).Where("scope = ? AND "+quoteKey(s)+" = ?", throttleIP, ip).Delete(&AuthThrottle{}).Error)
}
