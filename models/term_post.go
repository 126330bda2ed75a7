package models

import (
	"context"

	"github.com/presspass/presspass/models/epoch"
	"gorm.io/gorm"
)

// A post's categories are what is stored, as in WordPress: creating a post
// of type post files it under the default category (wp_insert_post), and
// so does an empty list given to SetPostTerms (wp_set_post_categories); an
// exact list given to SetObjectTerms (wp_set_object_terms, which REST and
// wp.newPost's terms use) may leave a post without any category.

// PostTermIDs returns, for each of postIDs, the ids of its terms in
// taxonomy ordered by term name. Errors: internal.
func (s *Store) PostTermIDs(ctx context.Context, postIDs []uint64, taxonomy string) (map[uint64][]uint64, error) {
	terms, err := s.PostTermsUncounted(ctx, postIDs, taxonomy)
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
// wp_get_object_terms does. Errors: internal.
func (s *Store) PostTerms(ctx context.Context, postIDs []uint64, taxonomy string) (map[uint64][]Term, error) {
	return s.postTerms(ctx, postIDs, taxonomy, "terms.*, rel.post_id AS post_id, "+termCountSQL)
}

// PostTermsUncounted is PostTerms with every Count left at zero, for
// answers that show a post's terms but not how many posts each holds:
// counting reads every post of a term, which grows with the site and was
// most of the cost of rendering one post (term.go's termCountSQL).
// They come through the object cache (post_objects.go), which holds every
// taxonomy's terms of a post; one taxonomy's are a filter of those, in the
// same order.
func (s *Store) PostTermsUncounted(ctx context.Context, postIDs []uint64, taxonomy string) (map[uint64][]Term, error) {
	all, err := s.cachedPostTerms(ctx, postIDs)
	if err != nil || taxonomy == "" {
		return all, err
	}
	for id, terms := range all {
		kept := terms[:0]
		for _, t := range terms {
			if t.Taxonomy == taxonomy {
				kept = append(kept, t)
			}
		}
		if len(kept) == 0 {
			delete(all, id)
		} else {
			all[id] = kept
		}
	}
	return all, nil
}

func (s *Store) postTerms(ctx context.Context, postIDs []uint64, taxonomy, columns string) (map[uint64][]Term, error) {
	out := make(map[uint64][]Term, len(postIDs))
	if len(postIDs) == 0 {
		return out, nil
	}
	q := s.withContext(ctx).Table("term_relationships rel").
		Select(columns).
		Joins("JOIN terms ON terms.id = rel.term_id").
		Where("rel.post_id IN ?", postIDs)
	if taxonomy != "" {
		q = q.Where("terms.taxonomy = ?", taxonomy)
	}
	var rows []postTermRow
	if err := q.Order("LOWER(terms.name) ASC").Order("terms.id ASC").Find(&rows).Error; err != nil {
		return nil, Internal(err)
	}
	for _, r := range rows {
		out[r.PostID] = append(out[r.PostID], r.Term)
	}
	return out, nil
}

var (
	errTermInvalidForPost = newError(KindInvalid, ReasonInvalidTermForPost)
	errTaxonomyNotForType = newError(KindForbidden, ReasonTaxonomyNotForPostType)
	errCannotAssignTerms  = newError(KindForbidden, ReasonCannotAssignTerms)
	errCannotEditTermPost = newError(KindForbidden, ReasonCannotEditPost)
)

// SetPostTerms replaces the post's terms in taxonomy with termIDs
// (duplicates are dropped). An empty category list files a post under the
// default category, as wp_set_post_categories does. actor needs edit_post
// on the post and the taxonomy's assign_terms capability; a nil actor is
// the system (loaders). Errors: invalid (unknown taxonomy or term), not
// found (post), forbidden, internal.
func (s *Store) SetPostTerms(ctx context.Context, actor *User, postID uint64, taxonomy string, termIDs []uint64) error {
	return s.setPostTerms(ctx, actor, postID, taxonomy, termIDs, true)
}

// SetObjectTerms replaces the post's terms in taxonomy with exactly termIDs,
// as wp_set_object_terms does: an empty list leaves the post without any
// term of the taxonomy, even without a category. It has SetPostTerms'
// checks and errors.
func (s *Store) SetObjectTerms(ctx context.Context, actor *User, postID uint64, taxonomy string, termIDs []uint64) error {
	return s.setPostTerms(ctx, actor, postID, taxonomy, termIDs, false)
}

func (s *Store) setPostTerms(ctx context.Context, actor *User, postID uint64, taxonomy string, termIDs []uint64, defaultCategory bool) error {
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
		if !CanEditPost(actor, p) {
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
	if defaultCategory && len(ids) == 0 && taxonomy == "category" && p.Type == "post" {
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

// fileUnderDefaultCategory files a new post of type post under the default
// category inside tx, as wp_insert_post does for every post but an
// auto-draft; callers that name categories replace it afterwards.
func (s *Store) fileUnderDefaultCategory(tx *gorm.DB, p *Post) error {
	if p.Type != "post" || p.Status == "auto-draft" {
		return nil
	}
	def := s.DefaultCategoryID(tx.Statement.Context)
	// One statement both checks that the default category exists (the
	// option may name a deleted one) and files the post under it. On
	// SQLite, OR IGNORE changes nothing here (the post is new: it has no
	// relationship to collide with) but spares the statement journal SQLite
	// writes for an INSERT … SELECT that could abort halfway; MySQL needs
	// no such help (and would log INSERT IGNORE … SELECT as unsafe for
	// statement-based replication).
	insert := "INSERT INTO"
	if s.dialect == DialectSQLite {
		insert = "INSERT OR IGNORE INTO"
	}
	res := tx.Session(&gorm.Session{NewDB: true}).Table("term_relationships").Exec(
		insert+" term_relationships (post_id, term_id) SELECT ?, id FROM terms WHERE id = ? AND taxonomy = ?", p.ID, def, "category")
	if res.Error != nil {
		return Internal(res.Error)
	}
	if res.RowsAffected == 0 {
		return nil
	}
	return s.bumpAfterRawWrite(res, epoch.Content)
}
