package models

import (
	"context"
	"fmt"
	"hash/fnv"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// The account lock counts the account, not the name typed: ten wrong
// passwords as "editor" lock "EDITOR" and "editor@example.com" too, and ten
// more guesses cannot be had through another spelling. So a main-password
// login finds its user first and counts against the user's id.
//
// A name no user has is counted too, or ten wrong passwords would tell
// whether an account exists (it locks, an unknown name never would). It is
// counted in one of unknownNameBuckets shared counters chosen by a hash of
// the name, so that no one can fill the table by inventing names; names
// that share a bucket lock together, which costs only guessers.

// unknownNameBuckets bounds the counters of names no user has.
const unknownNameBuckets = 1024

// accountKey is the account counter's key: user u's id, or for a name no
// user has, its bucket ("u" and a number, never an id).
func accountKey(u *User, name string) string {
	if u != nil {
		return strconv.FormatUint(u.ID, 10)
	}
	h := fnv.New32a()
	h.Write([]byte(strings.ToLower(strings.TrimSpace(name))))
	return "u" + strconv.FormatUint(uint64(h.Sum32()%unknownNameBuckets), 10)
}

// throttleAccountByName is the scope under which accounts were counted by
// the name typed (lower-cased) before migration 961.
const throttleAccountByName = "account"

// accountThrottlesByID (migration 961) moves the counters kept by name to
// the user each name resolves to, as a login would resolve it now, so that a
// lock in force when the new binary starts still holds: of several names of
// one user the count with the latest lock (then the most failures) is
// kept. Names no user has are dropped — they count against addresses only
// now — and so are counters that expired long ago.
func accountThrottlesByID(tx *gorm.DB) error {
	// As sameName compares (user_name_case.go; migration 960 made the
	// SQLite indexes this uses).
	nameEq := "%s = ? COLLATE NOCASE"
	if tx.Dialector.Name() != "sqlite" {
		nameEq = "%s = ?"
	}
	var rows []AuthThrottle
	if err := tx.Where("scope = ?", throttleAccountByName).Order("id").Find(&rows).Error; err != nil {
		return err
	}
	stale := time.Now().Add(-24 * time.Hour)
	kept := map[uint64]*AuthThrottle{}
	for i := range rows {
		r := &rows[i]
		if (r.LockedUntil == nil || r.LockedUntil.Before(stale)) && r.WindowStart.Before(stale) {
			continue
		}
		var ids []uint64
		for _, col := range []string{"login", "email"} {
			if err := tx.Model(&User{}).Where(fmt.Sprintf(nameEq, col), r.Key).Order("id").Limit(1).Pluck("id", &ids).Error; err != nil {
				return err
			}
			if len(ids) > 0 || !IsEmail(r.Key) {
				break
			}
		}
		if len(ids) == 0 {
			continue
		}
		if k := kept[ids[0]]; k == nil || laterLock(r, k) {
			kept[ids[0]] = r
		}
	}
	for id, r := range kept {
		moved := AuthThrottle{Scope: throttleAccount, Key: strconv.FormatUint(id, 10), Failures: r.Failures,
			WindowStart: r.WindowStart, LockedUntil: r.LockedUntil, Locks: r.Locks}
		// A process of this version may have counted the user already.
		if err := tx.Clauses(clause.OnConflict{DoNothing: true}).Create(&moved).Error; err != nil {
			return err
		}
	}
	return tx.Where("scope = ?", throttleAccountByName).Delete(&AuthThrottle{}).Error
}

// laterLock reports whether counter a outweighs b: a later lock, or the
// same lock and more failures.
func laterLock(a, b *AuthThrottle) bool {
	switch {
	case a.LockedUntil != nil && (b.LockedUntil == nil || a.LockedUntil.After(*b.LockedUntil)):
		return true
	case b.LockedUntil != nil && (a.LockedUntil == nil || b.LockedUntil.After(*a.LockedUntil)):
		return false
	}
	return a.Failures > b.Failures
}

// UnlockAccount lifts user userID's locks — the account lock of wrong main
// passwords and the user lock of wrong second factors (throttle_user.go) —
// and forgets their counted failures: an administrator's tool, since anyone
// may lock an account's password logins by guessing. It reports whether
// the user was locked.
func (s *Store) UnlockAccount(ctx context.Context, userID uint64) (bool, error) {
	now := s.now()
	var locked int64
	key := strconv.FormatUint(userID, 10)
	scopes := []string{throttleAccount, throttleUser}
	err := s.transaction(ctx, func(tx *gorm.DB) error {
		if err := tx.Model(&AuthThrottle{}).Where("scope IN ? AND "+quoteKey(s)+" = ? AND locked_until > ?", scopes, key, now).
			Count(&locked).Error; err != nil {
			return err
		}
		return tx.Where("scope IN ? AND "+quoteKey(s)+" = ?", scopes, key).Delete(&AuthThrottle{}).Error
	})
	return locked > 0, AsErrorOrNil(err)
}
