// Package wpimport moves a site from WordPress into PressPass: it reads a
// WordPress database directly (read-only) and writes options, users with
// their roles, main-password hashes and application passwords, categories
// and tags, and posts and pages through models, keeping every id.
package wpimport

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/presspass/presspass/models"
)

// Options tune an import.
type Options struct {
	// Prefix is the WordPress table prefix (default "wp_").
	Prefix string
	// DryRun does all the reading, checking and writing inside transactions
	// that are rolled back, so the report is exact and nothing is kept.
	DryRun bool
	// BatchSize is how many rows of a table go in one transaction
	// (default 200).
	BatchSize int
}

// errDryRun rolls a dry run's batch back.
var errDryRun = errors.New("dry run: roll back")

// Import copies a WordPress site from src into dst. A second run updates what
// changed and duplicates nothing. Rows that cannot be imported are skipped
// and listed in the report; an error is returned only when the source or the
// destination fails as a whole, and batches already committed stay.
func Import(ctx context.Context, src *Source, dst *models.Store, opt Options) (*Report, error) {
	if opt.Prefix == "" {
		opt.Prefix = "wp_"
	}
	if opt.BatchSize <= 0 {
		opt.BatchSize = 200
	}
	im := &importer{src: src, dst: dst, opt: opt, report: newReport(src.Display, opt.DryRun), userIDs: map[uint64]bool{}, termTaxonomy: map[uint64]string{}}
	if err := im.options(ctx); err != nil {
		return im.report, err
	}
	if err := im.users(ctx); err != nil {
		return im.report, err
	}
	if err := im.terms(ctx); err != nil {
		return im.report, err
	}
	if err := im.posts(ctx); err != nil {
		return im.report, err
	}
	return im.report, nil
}

type importer struct {
	src    *Source
	dst    *models.Store
	opt    Options
	report *Report
	// userIDs are the users present after the import, to spot posts whose
	// author is missing.
	userIDs map[uint64]bool
	sticky  map[uint64]bool
	// termTaxonomy holds the taxonomy of every term the import wrote or
	// found unchanged, to file posts only under terms that exist.
	termTaxonomy map[uint64]string
}

// batch runs fn in one transaction, rolled back in a dry run. What fn
// reports is counted only when the batch commits (or, in a dry run, would
// have), so a batch that fails leaves no phantom counts behind.
func (im *importer) batch(ctx context.Context, fn func(tx *models.Store) error) error {
	whole := im.report
	im.report = newReport(whole.Source, whole.DryRun)
	defer func() { im.report = whole }()
	err := im.dst.InTx(ctx, func(tx *models.Store) error {
		if err := fn(tx); err != nil {
			return err
		}
		if im.opt.DryRun {
			return errDryRun
		}
		return nil
	})
	if err != nil && !errors.Is(err, errDryRun) {
		return err
	}
	whole.merge(im.report)
	return nil
}

func (im *importer) options(ctx context.Context) error {
	names := make([]string, 0, len(importedOptions)+1)
	for _, o := range importedOptions {
		names = append(names, o.name)
	}
	values, err := im.src.Options(ctx, append(names, "sticky_posts"))
	if err != nil {
		return err
	}
	im.sticky, err = stickyPosts(values["sticky_posts"])
	if err != nil {
		im.report.note("sticky_posts cannot be read (%v): no post is imported as sticky", err)
	}
	return im.batch(ctx, func(tx *models.Store) error {
		for _, o := range importedOptions {
			raw, ok := values[o.name]
			if !ok {
				continue
			}
			v, err := checkOption(o.name, o.kind, raw)
			if err != nil {
				im.report.skip(KindOptions, o.name, err.Error())
				continue
			}
			if tx.Option(ctx, o.name) == v {
				im.report.count(KindOptions, outcomeUnchanged)
				continue
			}
			if err := tx.SetOption(ctx, o.name, v); err != nil {
				return fmt.Errorf("option %s: %w", o.name, err)
			}
			im.report.count(KindOptions, outcomeUpdated)
		}
		return nil
	})
}

func (im *importer) users(ctx context.Context) error {
	keys := userMetaKeys(im.opt.Prefix)
	return inBatches(ctx, im,
		func(after uint64) ([]SourceUser, error) { return im.src.Users(ctx, after, im.opt.BatchSize, keys) },
		func(su SourceUser) uint64 { return su.ID },
		func(tx *models.Store, su SourceUser) error { return im.user(ctx, tx, su) })
}

// inBatches pages through a source table in id order — fetch returns the
// rows after an id, at most a batch of them — and imports each page in one
// transaction of its own.
func inBatches[T any](ctx context.Context, im *importer, fetch func(after uint64) ([]T, error),
	id func(T) uint64, each func(tx *models.Store, row T) error) error {
	var after uint64
	for {
		batch, err := fetch(after)
		if err != nil {
			return err
		}
		if len(batch) == 0 {
			return nil
		}
		after = id(batch[len(batch)-1])
		err = im.batch(ctx, func(tx *models.Store) error {
			for _, row := range batch {
				if err := each(tx, row); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
}

// userSkip is a reason to leave one user out; any other error aborts.
type userSkip struct{ reason string }

func (e *userSkip) Error() string { return e.reason }

// user imports one user and their application passwords in one savepoint:
// all of it or, when anything is wrong, none of it.
func (im *importer) user(ctx context.Context, tx *models.Store, su SourceUser) error {
	ref := fmt.Sprintf("%d (%s)", su.ID, su.Login)
	m, err := mapUser(su, im.opt.Prefix)
	if err != nil {
		im.report.skip(KindUsers, ref, err.Error())
		return nil
	}
	aps, apSkips := mapAppPasswords(su.Meta["_application_passwords"], su.ID)
	var userOutcome outcome
	var apOutcomes []outcome
	var removed int
	err = tx.InTx(ctx, func(tx *models.Store) error {
		var err error
		if userOutcome, err = im.writeUser(ctx, tx, &m.User, su.Pass); err != nil {
			return err
		}
		apOutcomes, removed, err = im.writeAppPasswords(ctx, tx, su.ID, aps)
		return err
	})
	var skip *userSkip
	switch {
	case errors.As(err, &skip):
		im.report.skip(KindUsers, ref, skip.reason)
		return nil
	case err != nil:
		return fmt.Errorf("user %s: %w", ref, err)
	}
	im.userIDs[su.ID] = true
	im.report.count(KindUsers, userOutcome)
	for _, o := range apOutcomes {
		im.report.count(KindAppPasswords, o)
	}
	im.report.Counts[KindAppPasswords].Removed += removed
	for _, s := range apSkips {
		im.report.skip(s.Kind, s.Ref, s.Reason)
	}
	for _, n := range m.Notes {
		im.report.note("user %s: %s", ref, n)
	}
	return nil
}

// writeUser creates or updates one user. The main-password hash comes from
// WordPress unless WordPress still holds the very hash the last import took:
// then PressPass's current hash (perhaps upgraded at a login, perhaps a
// password changed since) is newer and kept.
func (im *importer) writeUser(ctx context.Context, tx *models.Store, wp *models.User, sourceHash string) (outcome, error) {
	existing, err := tx.UserByID(ctx, wp.ID)
	if err != nil && !models.IsNotFound(err) {
		return 0, err
	}
	if existing == nil {
		if err := saveUser(ctx, tx, wp); err != nil {
			return 0, err
		}
		return outcomeCreated, tx.RecordImportedUser(ctx, wp.ID, wp.Login, sourceHash)
	}
	prev, err := tx.ImportedUserByID(ctx, wp.ID)
	if err != nil && !models.IsNotFound(err) {
		return 0, err
	}
	// The PressPass user holding the id is WordPress's user when it has the
	// same login, or the login an earlier import wrote (the user was renamed
	// in WordPress since). Anyone else is a different person.
	if !strings.EqualFold(existing.Login, wp.Login) && (prev == nil || !strings.EqualFold(existing.Login, prev.Login)) {
		return 0, &userSkip{fmt.Sprintf("id %d already belongs to the PressPass user %q", wp.ID, existing.Login)}
	}
	sourcePasswordChanged := prev == nil || prev.SourceHash != sourceHash
	next := *existing
	copyFields(userFields(&next), userFields(wp))
	if sourcePasswordChanged {
		next.PasswordHash = wp.PasswordHash
	}
	if next.PasswordHash != existing.PasswordHash {
		// A new password invalidates whatever was keyed on the old one.
		next.PasswordVersion++
	}
	changed := !sameFields(userFields(existing), userFields(&next)) || next.PasswordHash != existing.PasswordHash
	if changed {
		if err := saveUser(ctx, tx, &next); err != nil {
			return 0, err
		}
	}
	if sourcePasswordChanged || prev.Login != wp.Login {
		if err := tx.RecordImportedUser(ctx, wp.ID, wp.Login, sourceHash); err != nil {
			return 0, err
		}
	}
	if changed {
		return outcomeUpdated, nil
	}
	return outcomeUnchanged, nil
}

// saveUser writes a user, turning the refusals that concern this one row
// into a skip.
func saveUser(ctx context.Context, tx *models.Store, u *models.User) error {
	err := tx.SaveUserRecord(ctx, u)
	switch models.ErrorKind(err) {
	case models.KindConflict:
		return &userSkip{models.AsError(err).Describe() + " (it belongs to another PressPass user)"}
	case models.KindInvalid:
		return &userSkip{models.AsError(err).Describe()}
	}
	return err
}

// writeAppPasswords creates or updates a user's imported application
// passwords and revokes the ones an earlier import brought that WordPress no
// longer has. Passwords created in PressPass are left alone. An existing
// password keeps its hash (PressPass upgrades old $P$ hashes on first use),
// its PressPass-only settings (scope, expiry), and the later of the two
// last-used stamps.
func (im *importer) writeAppPasswords(ctx context.Context, tx *models.Store, userID uint64, aps []models.AppPassword) ([]outcome, int, error) {
	outcomes := make([]outcome, 0, len(aps))
	current := make(map[string]bool, len(aps))
	for i := range aps {
		wp := &aps[i]
		current[wp.UUID] = true
		existing, err := tx.AppPasswordByUUID(ctx, userID, wp.UUID)
		if err != nil && !models.IsNotFound(err) {
			return nil, 0, err
		}
		result := outcomeCreated
		next := *wp
		// WordPress's passwords can do whatever their user can.
		next.Scope = models.ScopeFull
		if existing != nil {
			next = *existing
			copyFields(appPasswordFields(&next), appPasswordFields(wp))
			if wp.LastUsed != nil && (existing.LastUsed == nil || wp.LastUsed.After(*existing.LastUsed)) {
				next.LastUsed, next.LastIP = wp.LastUsed, wp.LastIP
			}
			result = outcomeUpdated
			if sameFields(appPasswordFields(existing), appPasswordFields(&next)) && sameTime(existing.LastUsed, next.LastUsed) && existing.LastIP == next.LastIP {
				result = outcomeUnchanged
			}
		}
		if result != outcomeUnchanged {
			if err := tx.SaveAppPasswordRecord(ctx, &next); err != nil {
				return nil, 0, err
			}
		}
		if err := tx.RecordImportedAppPassword(ctx, userID, wp.UUID); err != nil {
			return nil, 0, err
		}
		outcomes = append(outcomes, result)
	}
	imported, err := tx.ImportedAppPasswordUUIDs(ctx, userID)
	if err != nil {
		return nil, 0, err
	}
	removed := 0
	for _, uuid := range imported {
		if current[uuid] {
			continue
		}
		if err := tx.ForgetImportedAppPassword(ctx, userID, uuid); err != nil {
			return nil, 0, err
		}
		removed++
	}
	return outcomes, removed, nil
}

func (im *importer) posts(ctx context.Context) error {
	counts, err := im.src.PostTypeCounts(ctx)
	if err != nil {
		return err
	}
	var others []string
	for t, n := range counts {
		if t != "post" && t != "page" {
			others = append(others, fmt.Sprintf("%d %s", n, t))
		}
	}
	sort.Strings(others)
	for _, o := range others {
		im.report.skip(KindPosts, o, "PressPass imports posts and pages only")
	}
	return inBatches(ctx, im,
		func(after uint64) ([]SourcePost, error) {
			return im.src.Posts(ctx, after, im.opt.BatchSize, importedPostTypes)
		},
		func(sp SourcePost) uint64 { return sp.ID },
		func(tx *models.Store, sp SourcePost) error { return im.post(ctx, tx, sp) })
}

func (im *importer) post(ctx context.Context, tx *models.Store, sp SourcePost) error {
	ref := fmt.Sprintf("%d (%s %q)", sp.ID, sp.Type, sp.Name)
	p, err := mapPost(sp, im.sticky)
	if err != nil {
		im.report.skip(KindPosts, ref, err.Error())
		return nil
	}
	if p.AuthorID != 0 && !im.userIDs[p.AuthorID] {
		if _, err := tx.UserByID(ctx, p.AuthorID); err != nil {
			if !models.IsNotFound(err) {
				return err
			}
			im.report.note("post %s: author %d does not exist; the post keeps the id, as in WordPress", ref, p.AuthorID)
		}
		im.userIDs[p.AuthorID] = true
	}
	existing, err := tx.PostByID(ctx, p.ID)
	if err != nil && !models.IsNotFound(err) {
		return err
	}
	result := outcomeCreated
	if existing != nil {
		result = outcomeUnchanged
		if !sameFields(postFields(existing), postFields(p)) {
			result = outcomeUpdated
			next := *existing
			copyFields(postFields(&next), postFields(p))
			p = &next
		}
	}
	// The post and its terms in one savepoint: all of it or none of it.
	err = tx.InTx(ctx, func(tx *models.Store) error {
		if result != outcomeUnchanged {
			if err := tx.SavePostRecord(ctx, p); err != nil {
				return err
			}
		}
		termsChanged, err := im.postTerms(ctx, tx, sp, ref)
		if err == nil && termsChanged && result == outcomeUnchanged {
			result = outcomeUpdated
		}
		return err
	})
	if err != nil {
		if models.ErrorKind(err) == models.KindInvalid {
			im.report.skip(KindPosts, ref, models.AsError(err).Describe())
			return nil
		}
		return fmt.Errorf("post %s: %w", ref, err)
	}
	im.report.count(KindPosts, result)
	return nil
}
