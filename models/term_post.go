package models

import (
	"context"
	"sort"
	"strings"

	"gorm.io/gorm"
)

// Posts of type post always have a category: a post filed under none is in
// the default category, as wp_insert_post and wp_set_post_categories make
// it. A post written before it had any stored relationship reads the same
// way (PostTermIDs), so adapters never see a post without a category.

// PostTermIDs returns, for each of postIDs, the ids of its terms in
// taxonomy ordered by term name. Posts of type post with no stored category
// report the default category. Errors: internal.
func (s *Store) PostTermIDs(ctx context.Context, postIDs []uint64, taxonomy string) (map[uint64][]uint64, error) {
	terms, err := s.PostTerms(ctx, postIDs, taxonomy)
	if err != nil {
		return nil, err
	}
	out := make(map[uint64][]uint64, len(terms))
	for id, ts := range terms {
		ids := make([]uint64, len(ts))
		for i, t := range ts {
			ids[i] = t.ID
		}
		out[id] = ids
	}
	return out, nil
}

// postTermRow is a term with the post it was found for.
type postTermRow struct {
	Term
	PostID uint64
}

// PostTerms returns, for each of postIDs, its terms in taxonomy (all
// taxonomies when taxonomy is "") with their counts, ordered by name as
// wp_get_object_terms orders them. Posts of type post with no stored
// category report the default category. Errors: internal.
func (s *Store) PostTerms(ctx context.Context, postIDs []uint64, taxonomy string) (map[uint64][]Term, error) {
	out := make(map[uint64][]Term, len(postIDs))
	if len(postIDs) == 0 {
		return out, nil
	}
	q := s.withContext(ctx).Table("term_relationships rel").
		Select("terms.*, rel.post_id AS post_id, "+termCountSQL).
		Joins("JOIN terms ON terms.id = rel.term_id").
		Where("rel.post_id IN ?", postIDs)
	if taxonomy != "" {
		q = q.Where("terms.taxonomy = ?", taxonomy)
	}
	var rows []postTermRow
	if err := q.Order("LOWER(terms.name) ASC").Order("terms.id ASC").Find(&rows).Error; err != nil {
		return nil, Internal(err)
	}
	hasCategory := map[uint64]bool{}
	for _, r := range rows {
		out[r.PostID] = append(out[r.PostID], r.Term)
		if r.Taxonomy == "category" {
			hasCategory[r.PostID] = true
		}
	}
	if taxonomy != "" && taxonomy != "category" {
		return out, nil
	}
	var missing []uint64
	for _, id := range postIDs {
		if !hasCategory[id] {
			missing = append(missing, id)
		}
	}
	if len(missing) == 0 {
		return out, nil
	}
	var plain []uint64
	if err := s.withContext(ctx).Model(&Post{}).Where("id IN ? AND type = ?", missing, "post").Pluck("id", &plain).Error; err != nil {
		return nil, Internal(err)
	}
	if len(plain) == 0 {
		return out, nil
	}
	def, err := s.TermInTaxonomy(ctx, "category", s.DefaultCategoryID(ctx))
	if IsNotFound(err) {
		return out, nil
	}
	if err != nil {
		return nil, err
	}
	for _, id := range plain {
		out[id] = append(out[id], *def)
		sort.SliceStable(out[id], func(i, j int) bool {
			return strings.ToLower(out[id][i].Name) < strings.ToLower(out[id][j].Name)
		})
	}
	return out, nil
}

var (
	errTermInvalidForPost = E(KindInvalid, "invalid_term_id", "Invalid term ID.")
	errTaxonomyNotForType = E(KindForbidden, "rest_invalid_taxonomy", "Sorry, one of the given taxonomies is not supported by the post type.")
	errCannotAssignTerms  = E(KindForbidden, "rest_cannot_assign_term", "Sorry, you are not allowed to assign a term to one of the given taxonomies.")
	errCannotEditTermPost = E(KindForbidden, "rest_cannot_edit", "Sorry, you are not allowed to edit this post.")
)

// SetPostTerms replaces the post's terms in taxonomy with termIDs (as
// wp_set_object_terms does; duplicates are dropped). An empty category list
// files a post under the default category, as wp_set_post_categories does.
// actor needs edit_post on the post and the taxonomy's assign_terms
// capability; a nil actor is the system (loaders). Errors: invalid (unknown
// taxonomy or term), not found (post), forbidden, internal.
func (s *Store) SetPostTerms(ctx context.Context, actor *User, postID uint64, taxonomy string, termIDs []uint64) error {
	tax, ok := TaxonomyByName(taxonomy)
	if !ok {
		return errInvalidTax
	}
	p, err := s.PostByID(ctx, postID)
	if err != nil {
		return err
	}
	if !tax.SupportsPostType(p.Type) {
		return errTaxonomyNotForType
	}
	if actor != nil {
		if !CanOnPost(actor, "edit_post", p) {
			return errCannotEditTermPost
		}
		if !CanOnTaxonomy(actor, TermCapAssign, tax) {
			return errCannotAssignTerms
		}
	}
	seen := map[uint64]bool{}
	var ids []uint64
	for _, id := range termIDs {
		if id != 0 && !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 && taxonomy == "category" && p.Type == "post" {
		ids = []uint64{s.DefaultCategoryID(ctx)}
	}
	return s.transaction(ctx, func(tx *gorm.DB) error {
		if len(ids) > 0 {
			var n int64
			if err := tx.Model(&Term{}).Where("id IN ? AND taxonomy = ?", ids, taxonomy).Count(&n).Error; err != nil {
				return Internal(err)
			}
			if int(n) != len(ids) {
				return errTermInvalidForPost
			}
		}
		old := tx.Model(&TermRelationship{}).Select("term_id").Where("post_id = ?", postID).
			Where("term_id IN (?)", tx.Model(&Term{}).Select("id").Where("taxonomy = ?", taxonomy))
		var oldIDs []uint64
		if err := old.Pluck("term_id", &oldIDs).Error; err != nil {
			return Internal(err)
		}
		if len(oldIDs) > 0 {
			if err := tx.Where("post_id = ? AND term_id IN ?", postID, oldIDs).Delete(&TermRelationship{}).Error; err != nil {
				return Internal(err)
			}
		}
		if len(ids) == 0 {
			return nil
		}
		rows := make([]TermRelationship, len(ids))
		for i, id := range ids {
			rows[i] = TermRelationship{PostID: postID, TermID: id}
		}
		return dbError(tx.Create(&rows).Error)
	})
}

// DeletePostTerms removes every relationship of a post (for the post
// deletion path: WordPress's wp_delete_object_term_relationships).
// Errors: internal.
func (s *Store) DeletePostTerms(ctx context.Context, postID uint64) error {
	return dbError(s.withContext(ctx).Where("post_id = ?", postID).Delete(&TermRelationship{}).Error)
}
