package models

import (
	"context"
	"strconv"
	"strings"

	"gorm.io/gorm"
)

// Term is a category, tag or other taxonomy term (WordPress's wp_terms and
// wp_term_taxonomy in one row: every term belongs to exactly one taxonomy,
// so its term_taxonomy_id is its id).
type Term struct {
	ID          uint64 `gorm:"primaryKey;autoIncrement"`
	Taxonomy    string `gorm:"size:32;not null;uniqueIndex:idx_terms_taxonomy_slug,priority:1;index:idx_terms_taxonomy_parent,priority:1"`
	Name        string `gorm:"size:200;not null"`
	Slug        string `gorm:"size:200;not null;uniqueIndex:idx_terms_taxonomy_slug,priority:2"`
	Description string `gorm:"type:text;not null"`
	ParentID    uint64 `gorm:"not null;default:0;index:idx_terms_taxonomy_parent,priority:2"`
	// Count is the number of published posts filed under the term. It is
	// computed by every query that reads terms instead of being stored, so
	// that it stays right whoever changes a post's status or deletes it.
	Count int64 `gorm:"->;-:migration"`
}

// TableName keeps the table name stable.
func (Term) TableName() string { return "terms" }

// TermRelationship files a post under a term.
type TermRelationship struct {
	PostID uint64 `gorm:"primaryKey;autoIncrement:false"`
	TermID uint64 `gorm:"primaryKey;autoIncrement:false;index:idx_term_relationships_term"`
}

// TableName keeps the table name stable.
func (TermRelationship) TableName() string { return "term_relationships" }

// fileUncategorizedPosts stores the default category for posts written
// before categories were stored, so that category queries find them.
func fileUncategorizedPosts(tx *gorm.DB) error {
	var def uint64 = 1
	var opt Option
	if err := tx.Where("name = ?", "default_category").Take(&opt).Error; err == nil {
		if n, err := strconv.ParseUint(opt.Value, 10, 64); err == nil && n != 0 {
			def = n
		}
	}
	return tx.Exec("INSERT INTO term_relationships (post_id, term_id) SELECT posts.id, ? FROM posts "+
		"WHERE posts.type = 'post' AND NOT EXISTS (SELECT 1 FROM term_relationships tr JOIN terms t ON t.id = tr.term_id "+
		"WHERE tr.post_id = posts.id AND t.taxonomy = 'category')", def).Error
}

// createDefaultCategory creates "Uncategorized" as term 1, as every
// WordPress install has it, unless some category exists already.
func createDefaultCategory(tx *gorm.DB) error {
	var n int64
	if err := tx.Model(&Term{}).Where("taxonomy = ?", "category").Count(&n).Error; err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	return tx.Omit("Count").Create(&Term{ID: 1, Taxonomy: "category", Name: "Uncategorized", Slug: "uncategorized"}).Error
}

// termCountSQL is the published-post count of a term (WordPress's
// _update_post_term_count counts published posts of the taxonomy's types).
const termCountSQL = "(SELECT COUNT(*) FROM term_relationships tr JOIN posts p ON p.id = tr.post_id " +
	"WHERE tr.term_id = terms.id AND p.status = 'publish') AS count"

// termSelect starts a query on terms that also computes their counts.
func (s *Store) termSelect(ctx context.Context) *gorm.DB {
	return s.withContext(ctx).Model(&Term{}).Select("terms.*, " + termCountSQL)
}

var (
	errTermInvalidID = newError(KindNotFound, ReasonInvalidTermID)
	errInvalidTax    = newError(KindInvalid, ReasonInvalidTaxonomy)
)

// TermByID returns a term of any taxonomy. Errors: not found
// (ReasonInvalidTermID), internal.
func (s *Store) TermByID(ctx context.Context, id uint64) (*Term, error) {
	var t Term
	if err := s.termSelect(ctx).Where("terms.id = ?", id).Take(&t).Error; err != nil {
		return nil, notFoundOr(err, errTermInvalidID)
	}
	return &t, nil
}

// TermInTaxonomy returns the term with that id when it belongs to taxonomy.
// Errors: not found (also for a term of another taxonomy), internal.
func (s *Store) TermInTaxonomy(ctx context.Context, taxonomy string, id uint64) (*Term, error) {
	var t Term
	if err := s.termSelect(ctx).Where("terms.id = ? AND terms.taxonomy = ?", id, taxonomy).Take(&t).Error; err != nil {
		return nil, notFoundOr(err, errTermInvalidID)
	}
	return &t, nil
}

// TermFilter selects terms for Terms. Zero values mean "no condition".
type TermFilter struct {
	Taxonomy string // required, unless Taxonomies is given
	// Taxonomies lists terms of any of several taxonomies (the REST search).
	Taxonomies []string
	IDs        []uint64
	Exclude    []uint64
	Slugs      []string
	// Names match case-insensitively, as WordPress's name lookups do.
	Names []string
	// Search matches a part of the name or slug; NameLike a part of the name.
	Search, NameLike string
	Parent           *uint64
	HideEmpty        bool
	// PostID keeps the terms a post is filed under.
	PostID  uint64
	OrderBy string // name (default), slug, id, term_id, count, description, parent, term_group, none
	Order   string // asc (default), desc
	Offset  int
	Limit   int // 0 = all
}

// termOrderColumns maps orderby values to SQL. Names sort without regard
// to case on both dialects, as MySQL's default collation sorts them for
// WordPress.
var termOrderColumns = map[string]string{
	"name": "LOWER(terms.name)", "slug": "terms.slug", "id": "terms.id", "term_id": "terms.id", "count": "count",
	"description": "terms.description", "parent": "terms.parent_id", "term_group": "terms.id", "include": "terms.id",
}

// likeEscape escapes LIKE wildcards in user input for "LIKE ? ESCAPE '!'":
// '!' is an ordinary character in both dialects' string literals, unlike
// the backslash MySQL would eat.
func likeEscape(s string) string {
	return strings.NewReplacer(`!`, `!!`, `%`, `!%`, `_`, `!_`).Replace(s)
}

func (s *Store) termQuery(ctx context.Context, f TermFilter) *gorm.DB {
	q := s.termSelect(ctx)
	if len(f.Taxonomies) > 0 {
		q = q.Where("terms.taxonomy IN ?", f.Taxonomies)
	} else {
		q = q.Where("terms.taxonomy = ?", f.Taxonomy)
	}
	if len(f.IDs) > 0 {
		q = q.Where("terms.id IN ?", f.IDs)
	}
	if len(f.Exclude) > 0 {
		q = q.Where("terms.id NOT IN ?", f.Exclude)
	}
	if len(f.Slugs) > 0 {
		q = q.Where("terms.slug IN ?", f.Slugs)
	}
	if len(f.Names) > 0 {
		lower := make([]string, len(f.Names))
		for i, n := range f.Names {
			lower[i] = strings.ToLower(n)
		}
		q = q.Where("LOWER(terms.name) IN ?", lower)
	}
	if f.Search != "" {
		like := "%" + likeEscape(f.Search) + "%"
		q = q.Where(`(terms.name LIKE ? ESCAPE '!' OR terms.slug LIKE ? ESCAPE '!')`, like, like)
	}
	if f.NameLike != "" {
		q = q.Where(`terms.name LIKE ? ESCAPE '!'`, "%"+likeEscape(f.NameLike)+"%")
	}
	if f.Parent != nil {
		q = q.Where("terms.parent_id = ?", *f.Parent)
	}
	if f.PostID != 0 {
		q = q.Where("terms.id IN (SELECT term_id FROM term_relationships WHERE post_id = ?)", f.PostID)
	}
	return q
}

// Terms lists terms with their counts and the total before paging.
// Errors: invalid (unknown taxonomy), internal.
func (s *Store) Terms(ctx context.Context, f TermFilter) ([]Term, int64, error) {
	names := f.Taxonomies
	if len(names) == 0 {
		names = []string{f.Taxonomy}
	}
	for _, name := range names {
		if _, ok := TaxonomyByName(name); !ok {
			return nil, 0, errInvalidTax
		}
	}
	var total int64
	// Counting wraps the query so that HideEmpty can filter on the computed
	// count on both SQL dialects.
	inner := s.termQuery(ctx, f)
	outer := s.withContext(ctx).Table("(?) AS t", inner)
	if f.HideEmpty {
		outer = outer.Where("t.count > 0")
	}
	if err := outer.Count(&total).Error; err != nil {
		return nil, 0, Internal(err)
	}
	rows := s.withContext(ctx).Table("(?) AS terms", s.termQuery(ctx, f)).Select("terms.*")
	if f.HideEmpty {
		rows = rows.Where("terms.count > 0")
	}
	if f.OrderBy != "none" {
		col, ok := termOrderColumns[f.OrderBy]
		if !ok {
			col = "LOWER(terms.name)"
		}
		dir := " ASC"
		if strings.EqualFold(f.Order, "desc") {
			dir = " DESC"
		}
		rows = rows.Order(col + dir).Order("terms.id" + dir)
	}
	if f.Offset > 0 {
		rows = rows.Offset(f.Offset)
	}
	if f.Limit > 0 {
		rows = rows.Limit(f.Limit)
	} else if f.Offset > 0 {
		rows = rows.Limit(1 << 31)
	}
	var out []Term
	if err := rows.Find(&out).Error; err != nil {
		return nil, 0, Internal(err)
	}
	return out, total, nil
}

// DefaultCategoryID is the default_category option (1 when unset).
func (s *Store) DefaultCategoryID(ctx context.Context) uint64 {
	id, err := strconv.ParseUint(s.Option(ctx, "default_category"), 10, 64)
	if err != nil || id == 0 {
		return 1
	}
	return id
}
