package wpimport

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"unicode/utf8"

	"github.com/presspass/presspass/models"
)

// Categories and tags, and which posts are filed under them. WordPress's
// term_id is kept as the term's id, as its REST API and XML-RPC show it.
// Post formats are terms in WordPress too; PressPass keeps them on the post
// (mapPost), so they are not imported as terms.

// importedTaxonomies are the taxonomies whose terms are imported.
var importedTaxonomies = []string{"category", "post_tag"}

func (im *importer) terms(ctx context.Context) error {
	counts, err := im.src.TaxonomyCounts(ctx)
	if err != nil {
		return err
	}
	var others []string
	for t, n := range counts {
		if t != "category" && t != "post_tag" && t != "post_format" {
			others = append(others, fmt.Sprintf("%d %s", n, t))
		}
	}
	sort.Strings(others)
	for _, o := range others {
		im.report.skip(KindTerms, o, "PressPass imports categories and tags only")
	}
	all, err := im.src.Terms(ctx, importedTaxonomies)
	if err != nil {
		return err
	}
	for start := 0; start < len(all); start += im.opt.BatchSize {
		batch := all[start:min(start+im.opt.BatchSize, len(all))]
		err := im.batch(ctx, func(tx *models.Store) error {
			for _, st := range batch {
				if err := im.term(ctx, tx, st); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// termSkip is a reason to leave one term out.
type termSkip struct{ reason string }

func (e *termSkip) Error() string { return e.reason }

func (im *importer) term(ctx context.Context, tx *models.Store, st SourceTerm) error {
	ref := fmt.Sprintf("%d (%s %q)", st.ID, st.Taxonomy, st.Slug)
	t, err := mapTerm(st)
	if err != nil {
		im.report.skip(KindTerms, ref, err.Error())
		return nil
	}
	result, err := writeTerm(ctx, tx, t)
	var skip *termSkip
	switch {
	case errors.As(err, &skip):
		im.report.skip(KindTerms, ref, skip.reason)
		return nil
	case err != nil:
		return fmt.Errorf("term %s: %w", ref, err)
	}
	im.termTaxonomy[t.ID] = t.Taxonomy
	im.report.count(KindTerms, result)
	return nil
}

// writeTerm creates or updates one term, refusing ids and slugs that belong
// to another PressPass term.
func writeTerm(ctx context.Context, tx *models.Store, t *models.Term) (outcome, error) {
	existing, err := tx.TermByID(ctx, t.ID)
	if err != nil && !models.IsNotFound(err) {
		return 0, err
	}
	if existing != nil && existing.Taxonomy != t.Taxonomy {
		return 0, &termSkip{fmt.Sprintf("id %d already belongs to a PressPass %s term (a term WordPress shares between taxonomies is imported once)", t.ID, existing.Taxonomy)}
	}
	same, _, err := tx.Terms(ctx, models.TermFilter{Taxonomy: t.Taxonomy, Slugs: []string{t.Slug}})
	if err != nil {
		return 0, err
	}
	for _, o := range same {
		if o.ID != t.ID {
			return 0, &termSkip{fmt.Sprintf("slug %q already belongs to the PressPass %s %d", t.Slug, t.Taxonomy, o.ID)}
		}
	}
	if existing != nil && sameFields(termFields(existing), termFields(t)) {
		return outcomeUnchanged, nil
	}
	result := outcomeCreated
	if existing != nil {
		result = outcomeUpdated
		next := *existing
		copyFields(termFields(&next), termFields(t))
		t = &next
	}
	if err := tx.SaveTermRecord(ctx, t); err != nil {
		if models.ErrorKind(err) == models.KindInvalid {
			return 0, &termSkip{models.AsError(err).Describe()}
		}
		return 0, err
	}
	return result, nil
}

// mapTerm turns a WordPress term into a PressPass one.
func mapTerm(st SourceTerm) (*models.Term, error) {
	if st.ID == 0 {
		return nil, errors.New("term id 0")
	}
	for _, f := range []struct {
		name, v string
		max     int
	}{{"name", st.Name, 200}, {"slug", st.Slug, 200}} {
		if !utf8.ValidString(f.v) {
			return nil, fmt.Errorf("%s is not valid UTF-8", f.name)
		}
		if n := utf8.RuneCountInString(f.v); n > f.max {
			return nil, fmt.Errorf("%s has %d characters, more than the %d PressPass keeps", f.name, n, f.max)
		}
	}
	if !utf8.ValidString(st.Description) {
		return nil, errors.New("description is not valid UTF-8")
	}
	if len(st.Description) > maxTextBytes {
		return nil, fmt.Errorf("description has %d bytes, more than the %d PressPass keeps", len(st.Description), maxTextBytes)
	}
	if st.Name == "" || st.Slug == "" {
		return nil, errors.New("name or slug is empty")
	}
	parent := st.Parent
	if st.Taxonomy != "category" {
		// Only categories nest; WordPress ignores a tag's parent.
		parent = 0
	}
	return &models.Term{ID: st.ID, Taxonomy: st.Taxonomy, Name: st.Name, Slug: st.Slug, Description: st.Description, ParentID: parent}, nil
}

func termFields(t *models.Term) []any {
	return []any{&t.Taxonomy, &t.Name, &t.Slug, &t.Description, &t.ParentID}
}

// postTerms files an imported post under its WordPress categories and tags.
// Terms that were not imported are left out with a note; a post left with
// no category goes to the default one, as in WordPress. It reports whether
// anything changed.
func (im *importer) postTerms(ctx context.Context, tx *models.Store, sp SourcePost, ref string) (bool, error) {
	tax := models.TaxonomiesForPostType(sp.Type)
	changed := false
	for _, t := range tax {
		if t.Name != "category" && t.Name != "post_tag" {
			continue
		}
		want := make([]uint64, 0, len(sp.Terms[t.Name]))
		for _, id := range sp.Terms[t.Name] {
			if im.termTaxonomy[id] != t.Name {
				im.report.note("post %s: %s %d was not imported; the post is not filed under it", ref, t.Name, id)
				continue
			}
			want = append(want, id)
		}
		if len(want) == 0 && t.Name == "category" {
			want = append(want, tx.DefaultCategoryID(ctx))
		}
		have, err := storedPostTermIDs(ctx, tx, sp.ID, t.Name)
		if err != nil {
			return false, err
		}
		if sameIDSet(have, want) {
			continue
		}
		changed = true
		if im.opt.DryRun && !im.termWritten(ctx, tx, want) {
			// A dry run rolled the terms batch back, so the terms are
			// not there to file the post under; the count is what matters.
			continue
		}
		if err := tx.SetPostTerms(ctx, nil, sp.ID, t.Name, want); err != nil {
			return false, err
		}
	}
	return changed, nil
}

// storedPostTermIDs returns the terms of a taxonomy a post is filed under
// as stored. Store.PostTermIDs would report the default category for a post
// with none stored, but term counts count stored rows only, so the import
// compares with what is stored and writes the rows WordPress has.
func storedPostTermIDs(ctx context.Context, tx *models.Store, postID uint64, taxonomy string) ([]uint64, error) {
	var ids []uint64
	err := tx.DB().WithContext(ctx).Table("term_relationships rel").Joins("JOIN terms ON terms.id = rel.term_id").
		Where("rel.post_id = ? AND terms.taxonomy = ?", postID, taxonomy).Pluck("rel.term_id", &ids).Error
	if err != nil {
		return nil, models.Internal(err)
	}
	return ids, nil
}

func sameIDSet(a, b []uint64) bool {
	set := make(map[uint64]bool, len(a))
	for _, id := range a {
		set[id] = true
	}
	seen := make(map[uint64]bool, len(b))
	for _, id := range b {
		if id == 0 {
			continue
		}
		if !set[id] {
			return false
		}
		seen[id] = true
	}
	return len(seen) == len(set)
}

// termWritten reports whether every term of ids exists in the store.
func (im *importer) termWritten(ctx context.Context, tx *models.Store, ids []uint64) bool {
	for _, id := range ids {
		if _, err := tx.TermByID(ctx, id); err != nil {
			return false
		}
	}
	return true
}
