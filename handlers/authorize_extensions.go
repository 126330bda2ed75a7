package handlers

import (
	"strconv"
	"time"

	"github.com/presspass/presspass/languages"
	"github.com/presspass/presspass/models"
)

// What a PressPass-aware application may propose on the authorize page
// beyond WordPress: an expiry (expires_in days, or expires as an RFC 3339
// date-time) and a read-only scope. The user sees the proposal before
// approving, and the password gets it. Without these parameters the page is
// WordPress's.

// maxProposedDays bounds expires_in, as the REST field does.
const maxProposedDays = 36500

// Messages for a bad proposal, shown on the error page.
var (
	msgBadExpiresIn   = languages.Mark("The proposed expiry expires_in must be a whole number of days from 1 to 36500.")
	msgBadExpires     = languages.Mark("The proposed expiry expires must be an RFC 3339 date-time in the future, such as 2030-01-31T00:00:00Z.")
	msgBothExpiries   = languages.Mark("Propose either expires or expires_in, not both.")
	msgBadScopeParam  = languages.Mark("The proposed scope must be full or read.")
	msgExpiresTooLate = languages.Mark("The proposed expiry expires is too far in the future.")
)

// proposal checks the request's extension parameters at now and returns
// them as the options of the new password (Name and AppID left empty), or
// every reason they are not acceptable.
func (r authorizeRequest) proposal(now time.Time) (models.AppPasswordOptions, []string) {
	var o models.AppPasswordOptions
	var errs []string
	if r.ExpiresIn != "" && r.Expires != "" {
		errs = append(errs, msgBothExpiries)
	}
	if r.ExpiresIn != "" {
		days, err := strconv.Atoi(r.ExpiresIn)
		if err != nil || days < 1 || days > maxProposedDays {
			errs = append(errs, msgBadExpiresIn)
		} else {
			t := now.Add(time.Duration(days) * 24 * time.Hour)
			o.Expires = &t
		}
	}
	if r.Expires != "" {
		t, err := time.Parse(time.RFC3339, r.Expires)
		switch {
		case err != nil || !t.After(now):
			errs = append(errs, msgBadExpires)
		case t.After(now.Add(maxProposedDays * 24 * time.Hour)):
			errs = append(errs, msgExpiresTooLate)
		default:
			t = t.UTC()
			o.Expires = &t
		}
	}
	switch r.Scope {
	case "", models.ScopeFull, models.ScopeRead:
		o.Scope = r.Scope
	default:
		errs = append(errs, msgBadScopeParam)
	}
	return o, errs
}

// effectiveExpiry is when a password created now with the proposed expiry
// would end, given the site's maximum lifetime (nil: never), as
// models.Store.CreateAppPasswordWith will decide it.
func (a *app) effectiveExpiry(proposed *time.Time) *time.Time {
	if max := a.store.Config.AppPasswordMaxLifetime; max > 0 {
		limit := a.store.Now().Add(max)
		if proposed == nil || proposed.After(limit) {
			return &limit
		}
	}
	return proposed
}
