package models

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"gorm.io/gorm"
)

// TermInput carries a term's fields for CreateTerm and UpdateTerm; nil
// pointers mean "not given".
type TermInput struct {
	Taxonomy    string
	Name        *string
	Slug        *string
	Description *string
	ParentID    *uint64
	// CreateRule is who may create the term (see CanCreateTerm).
	CreateRule TermCreateRule
}

var (
	errTermNameEmpty   = newError(KindInvalid, ReasonTermNameRequired)
	errMissingParent   = newError(KindInvalid, ReasonParentTermMissing)
	errNotHierarchical = newError(KindInvalid, ReasonTaxonomyNotHierarchical)
	errTermCannotEdit  = newError(KindForbidden, ReasonCannotEditTerm)
	errTermCannotMake  = newError(KindForbidden, ReasonCannotCreateTerm)
	errTermCannotDel   = newError(KindForbidden, ReasonCannotDeleteTerm)
)

var (
	termTags   = regexp.MustCompile(`<[^>]*>`)
	termSpaces = regexp.MustCompile(`[\r\n\t ]+`)
	termAmp    = regexp.MustCompile(`&([A-Za-z][A-Za-z0-9]*|#[0-9]+|#[xX][0-9A-Fa-f]+);`)
)

// sanitizeTermName is what WordPress's pre_term_name filters do to a name:
// tags stripped, whitespace collapsed and trimmed, and &, < and > stored as
// entities (an existing entity is kept as it is).
func sanitizeTermName(name string) string {
	s := termTags.ReplaceAllString(name, "")
	s = strings.TrimSpace(termSpaces.ReplaceAllString(s, " "))
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '&':
			if loc := termAmp.FindStringIndex(s[i:]); loc != nil && loc[0] == 0 {
				b.WriteString(s[i : i+loc[1]])
				i += loc[1] - 1
				continue
			}
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		default:
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

// termExistsError is WordPress's term_exists error; its data carries the id
// of the term that is in the way.
func termExistsError(hierarchical bool, id uint64) *Error {
	reason := ReasonTermExists
	if hierarchical {
		reason = ReasonTermExistsWithParent
	}
	// Invalid rather than conflict: WordPress answers it with 400.
	return newError(KindInvalid, reason).With(Details{ID: id})
}

// CreateTerm adds a term, as wp_insert_term does: the name is required, the
// slug is generated from it (or made unique), a parent must exist in the
// same hierarchical taxonomy, and a name already used at the same level is
// the invalid term_exists (whose data names the existing term). actor
// needs the taxonomy's edit_terms capability; a nil actor is the system
// (loaders). Errors: invalid, forbidden, conflict (slugs exhausted),
// internal.
func (s *Store) CreateTerm(ctx context.Context, actor *User, in TermInput) (*Term, error) {
	tax, ok := TaxonomyByName(in.Taxonomy)
	if !ok {
		return nil, errInvalidTax
	}
	if actor != nil && !CanCreateTerm(actor, tax, in.CreateRule) {
		return nil, errTermCannotMake
	}
	name := ""
	if in.Name != nil {
		name = sanitizeTermName(*in.Name)
	}
	if name == "" {
		return nil, errTermNameEmpty
	}
	t := &Term{Taxonomy: tax.Name, Name: name}
	if in.Description != nil {
		t.Description = strings.TrimSpace(*in.Description)
	}
	if in.ParentID != nil && *in.ParentID != 0 {
		if !tax.Hierarchical {
			return nil, errNotHierarchical
		}
		t.ParentID = *in.ParentID
	}
	slugGiven := in.Slug != nil && SanitizeTitle(*in.Slug) != ""
	slug := SanitizeTitle(name)
	if slugGiven {
		slug = SanitizeTitle(*in.Slug)
	}
	err := s.transaction(ctx, func(tx *gorm.DB) error {
		if t.ParentID != 0 {
			if err := termMustExist(tx, tax.Name, t.ParentID); err != nil {
				return err
			}
		}
		if err := checkTermNameFree(tx, tax, t, slug, slugGiven); err != nil {
			return err
		}
		unique, err := uniqueTermSlug(tx, tax, slug, t)
		if err != nil {
			return err
		}
		t.Slug = unique
		t.ID = 0 // a retried run inserts afresh (write_retry.go)
		if err := tx.Omit("Count").Create(t).Error; err != nil {
			return Internal(err)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return t, nil
}

// termMustExist checks a parent id.
func termMustExist(tx *gorm.DB, taxonomy string, id uint64) error {
	var n int64
	if err := tx.Model(&Term{}).Where("id = ? AND taxonomy = ?", id, taxonomy).Count(&n).Error; err != nil {
		return Internal(err)
	}
	if n == 0 {
		return errMissingParent
	}
	return nil
}

// checkTermNameFree refuses a second term with the same name at the same
// level of the taxonomy, unless a distinct slug was given explicitly — the
// rule of wp_insert_term.
func checkTermNameFree(tx *gorm.DB, tax Taxonomy, t *Term, slug string, slugGiven bool) error {
	var same []Term
	if err := tx.Model(&Term{}).Where("taxonomy = ? AND parent_id = ? AND LOWER(name) = ?", tax.Name, t.ParentID, strings.ToLower(t.Name)).
		Find(&same).Error; err != nil {
		return Internal(err)
	}
	if len(same) == 0 {
		return nil
	}
	match := same[0]
	var slugMatch Term
	err := tx.Model(&Term{}).Where("taxonomy = ? AND slug = ?", tax.Name, slug).Take(&slugMatch).Error
	hasSlugMatch := err == nil
	if err != nil && err != gorm.ErrRecordNotFound {
		return Internal(err)
	}
	if slugGiven && match.Slug != slug && !hasSlugMatch {
		return nil
	}
	if !tax.Hierarchical {
		return termExistsError(false, match.ID)
	}
	if !slugGiven || match.Slug == slug {
		return termExistsError(true, match.ID)
	}
	if hasSlugMatch && slugMatch.ParentID == t.ParentID {
		return termExistsError(true, slugMatch.ID)
	}
	return nil
}

// uniqueTermSlug is wp_unique_term_slug: a slug taken in the taxonomy gets
// the parents' slugs appended (hierarchical taxonomies), then -2, -3, … .
func uniqueTermSlug(tx *gorm.DB, tax Taxonomy, slug string, t *Term) (string, error) {
	taken := func(candidate string, anyTaxonomy bool) (bool, error) {
		q := tx.Model(&Term{}).Where("slug = ? AND id <> ?", candidate, t.ID)
		if !anyTaxonomy {
			q = q.Where("taxonomy = ?", tax.Name)
		}
		var n int64
		if err := q.Count(&n).Error; err != nil {
			return false, Internal(err)
		}
		return n > 0, nil
	}
	used, err := taken(slug, false)
	if err != nil || !used {
		return slug, err
	}
	if tax.Hierarchical && t.ParentID != 0 {
		parent := t.ParentID
		for depth := 0; parent != 0 && depth < 100; depth++ {
			var p Term
			if err := tx.Model(&Term{}).Where("id = ? AND taxonomy = ?", parent, tax.Name).Take(&p).Error; err != nil {
				break
			}
			slug += "-" + p.Slug
			if used, err := taken(slug, true); err != nil {
				return "", err
			} else if !used {
				return slug, nil
			}
			parent = p.ParentID
		}
	}
	if used, err := taken(slug, true); err != nil || !used {
		return slug, err
	}
	for n := 2; n < 100000; n++ {
		candidate := fmt.Sprintf("%s-%d", slug, n)
		if used, err := taken(candidate, true); err != nil {
			return "", err
		} else if !used {
			return candidate, nil
		}
	}
	return "", newError(KindConflict, ReasonSlugExhausted)
}

// UpdateTerm changes a term of taxonomy in.Taxonomy, as wp_update_term
// does: an empty name is refused, a parent must exist (and not be the term
// itself or one of its descendants), a slug is made unique, and a slug used
// by another term is the conflict duplicate_term_slug. actor needs
// edit_term. Errors: invalid, not found, forbidden, conflict, internal.
func (s *Store) UpdateTerm(ctx context.Context, actor *User, id uint64, in TermInput) (*Term, error) {
	tax, ok := TaxonomyByName(in.Taxonomy)
	if !ok {
		return nil, errInvalidTax
	}
	t, err := s.TermInTaxonomy(ctx, tax.Name, id)
	if err != nil {
		return nil, err
	}
	if actor != nil && !CanEditTerm(actor, t) {
		return nil, errTermCannotEdit
	}
	if in.Name != nil {
		name := sanitizeTermName(*in.Name)
		if name == "" {
			return nil, errTermNameEmpty
		}
		t.Name = name
	}
	if in.Description != nil {
		t.Description = strings.TrimSpace(*in.Description)
	}
	if in.ParentID != nil {
		if *in.ParentID != 0 && !tax.Hierarchical {
			return nil, errNotHierarchical
		}
		t.ParentID = *in.ParentID
	}
	err = s.transaction(ctx, func(tx *gorm.DB) error {
		if t.ParentID != 0 {
			if err := termMustExist(tx, tax.Name, t.ParentID); err != nil {
				return err
			}
			if err := checkNoCycle(tx, t.ID, t.ParentID); err != nil {
				return err
			}
		}
		if in.Slug != nil && SanitizeTitle(*in.Slug) != "" {
			slug := SanitizeTitle(*in.Slug)
			var other int64
			if err := tx.Model(&Term{}).Where("taxonomy = ? AND slug = ? AND id <> ?", tax.Name, slug, t.ID).Count(&other).Error; err != nil {
				return Internal(err)
			}
			if other > 0 {
				return newError(KindConflict, ReasonDuplicateTermSlug).With(Details{Value: slug})
			}
			t.Slug = slug
		}
		return dbError(tx.Model(&Term{}).Where("id = ?", t.ID).Updates(map[string]any{
			"name": t.Name, "slug": t.Slug, "description": t.Description, "parent_id": t.ParentID,
		}).Error)
	})
	if err != nil {
		return nil, err
	}
	return s.TermByID(ctx, t.ID)
}

// checkNoCycle refuses a parent that is the term itself or below it
// (WordPress silently breaks such loops; refusing keeps the tree a tree).
func checkNoCycle(tx *gorm.DB, id, parent uint64) error {
	for depth := 0; parent != 0 && depth < 1000; depth++ {
		if parent == id {
			return newError(KindInvalid, ReasonTermOwnAncestor)
		}
		var p Term
		if err := tx.Model(&Term{}).Select("id", "parent_id").Where("id = ?", parent).Take(&p).Error; err != nil {
			return nil
		}
		parent = p.ParentID
	}
	return nil
}

// DeleteTerm removes a term of taxonomy, as wp_delete_term does: its
// children move up to its parent, and posts left without a category are
// filed under the default category, which itself cannot be deleted. actor
// needs delete_term; it is checked after the term is found, so a missing
// term is not found. Returns the term as it was. Errors: invalid, not
// found, forbidden, internal.
func (s *Store) DeleteTerm(ctx context.Context, actor *User, taxonomy string, id uint64) (*Term, error) {
	if _, ok := TaxonomyByName(taxonomy); !ok {
		return nil, errInvalidTax
	}
	t, err := s.TermInTaxonomy(ctx, taxonomy, id)
	if err != nil {
		return nil, err
	}
	def := s.DefaultCategoryID(ctx)
	if taxonomy == "category" && t.ID == def {
		return nil, errTermCannotDel
	}
	if actor != nil && !CanDeleteTerm(actor, t, def) {
		return nil, errTermCannotDel
	}
	err = s.transaction(ctx, func(tx *gorm.DB) error {
		var posts []uint64
		if err := tx.Model(&TermRelationship{}).Where("term_id = ?", t.ID).Pluck("post_id", &posts).Error; err != nil {
			return Internal(err)
		}
		if err := tx.Where("term_id = ?", t.ID).Delete(&TermRelationship{}).Error; err != nil {
			return Internal(err)
		}
		if err := tx.Model(&Term{}).Where("taxonomy = ? AND parent_id = ?", taxonomy, t.ID).Update("parent_id", t.ParentID).Error; err != nil {
			return Internal(err)
		}
		if err := tx.Where("id = ?", t.ID).Delete(&Term{}).Error; err != nil {
			return Internal(err)
		}
		if taxonomy == "category" && len(posts) > 0 {
			return fileOrphansUnderDefault(tx, posts, def)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return t, nil
}

// fileOrphansUnderDefault gives the posts among ids that have no category
// left the default one.
func fileOrphansUnderDefault(tx *gorm.DB, ids []uint64, def uint64) error {
	var have []uint64
	err := tx.Model(&TermRelationship{}).Joins("JOIN terms ON terms.id = term_relationships.term_id").
		Where("term_relationships.post_id IN ? AND terms.taxonomy = ?", ids, "category").
		Distinct().Pluck("term_relationships.post_id", &have).Error
	if err != nil {
		return Internal(err)
	}
	filed := make(map[uint64]bool, len(have))
	for _, id := range have {
		filed[id] = true
	}
	var rows []TermRelationship
	for _, id := range ids {
		if !filed[id] {
			rows = append(rows, TermRelationship{PostID: id, TermID: def})
		}
	}
	if len(rows) == 0 {
		return nil
	}
	return dbError(tx.Create(&rows).Error)
}

// dbError wraps a database error as internal, keeping nil a nil interface.
func dbError(err error) error {
	if err == nil {
		return nil
	}
	return Internal(err)
}

// SaveTermRecord writes a term exactly as given, keeping its id: inserted
// when the id is new, replaced otherwise. It is for loaders (fixtures,
// imports), so it checks no capabilities. Errors: invalid, internal.
func (s *Store) SaveTermRecord(ctx context.Context, t *Term) error {
	if _, ok := TaxonomyByName(t.Taxonomy); !ok {
		return errInvalidTax
	}
	if t.Slug == "" {
		t.Slug = SanitizeTitle(t.Name)
	}
	return dbError(s.withContext(ctx).Omit("Count").Save(t).Error)
}
