package models

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// Post is a post, page or other content item (WordPress's wp_posts). Dates
// are kept in site-local time (Date, Modified) and in GMT (DateGMT,
// ModifiedGMT), as WordPress does; a draft that has never had its date set
// keeps a zero DateGMT ("floating" date).
type Post struct {
	ID            uint64    `gorm:"primaryKey;autoIncrement"`
	AuthorID      uint64    `gorm:"not null;default:0;index:idx_posts_author"`
	Type          string    `gorm:"size:20;not null;default:'post';index:idx_posts_type_status_date,priority:1;index:idx_posts_type_slug,priority:1;index:idx_posts_type_format,priority:1"`
	Status        string    `gorm:"size:20;not null;default:'publish';index:idx_posts_type_status_date,priority:2"`
	Date          time.Time `gorm:"not null;index:idx_posts_type_status_date,priority:3"`
	DateGMT       time.Time `gorm:"not null"`
	Modified      time.Time `gorm:"not null"`
	ModifiedGMT   time.Time `gorm:"not null"`
	Title         string    `gorm:"type:text;not null"`
	Content       string    `gorm:"type:longtext;not null"`
	Excerpt       string    `gorm:"type:text;not null"`
	Slug          string    `gorm:"size:200;not null;default:'';index:idx_posts_slug;index:idx_posts_type_slug,priority:2"`
	Password      string    `gorm:"size:255;not null;default:''"`
	CommentStatus string    `gorm:"size:20;not null;default:'open'"`
	PingStatus    string    `gorm:"size:20;not null;default:'open'"`
	ParentID      uint64    `gorm:"not null;default:0;index:idx_posts_parent"`
	MenuOrder     int       `gorm:"not null;default:0"`
	GUID          string    `gorm:"size:255;not null;default:''"`
	MimeType      string    `gorm:"size:100;not null;default:''"`
	CommentCount  int64     `gorm:"not null;default:0"`
	Sticky        bool      `gorm:"not null;default:false"`
	Format        string    `gorm:"size:20;not null;default:'';index:idx_posts_type_format,priority:2"`
	Template      string    `gorm:"size:255;not null;default:''"`
	// FeaturedMediaID is the post's featured image (WordPress's
	// _thumbnail_id meta), an image attachment or 0.
	FeaturedMediaID uint64 `gorm:"not null;default:0"`
	// PatternSyncStatus is a pattern's (wp_block) wp_pattern_sync_status
	// meta: "" for a synced pattern, "partial" or "unsynced".
	PatternSyncStatus string `gorm:"size:20;not null;default:''"`
	// TemplateTheme, TemplateArea and TemplateOrigin are a block
	// template's (wp_template, wp_template_part) theme, a part's area and
	// where a customization started from (block_template.go).
	TemplateTheme  string `gorm:"size:200;not null;default:''"`
	TemplateArea   string `gorm:"size:50;not null;default:''"`
	TemplateOrigin string `gorm:"size:20;not null;default:''"`
}

// TableName keeps the table name stable.
func (Post) TableName() string { return "posts" }

// HasFloatingDate reports whether the post's date was never fixed (a draft
// whose date follows "now" until it is published), as WordPress tells by a
// zero post_date_gmt.
func (p *Post) HasFloatingDate() bool { return p.DateGMT.IsZero() || p.DateGMT.Year() < 1000 }

// Post statuses WordPress knows.
var postStatuses = map[string]bool{
	"publish": true, "future": true, "draft": true, "pending": true, "private": true, "trash": true,
	"auto-draft": true, "inherit": true,
}

// IsPostStatus reports whether s is a known post status.
func IsPostStatus(s string) bool { return postStatuses[s] }

var errPostInvalidID = newError(KindNotFound, ReasonInvalidPostID)

// ErrPostInvalidID is WordPress's answer for an unknown post id.
func ErrPostInvalidID() *Error { return errPostInvalidID }

// PostByID returns a post of any type and status.
// Errors: not found (ReasonInvalidPostID).
func (s *Store) PostByID(ctx context.Context, id uint64) (*Post, error) {
	at, now, cached := s.objectEpochs(ctx)
	if cached {
		if p, ok := s.objects.rows.Get(id, at, now); ok {
			return &p, nil
		}
	}
	var p Post
	if err := s.withContext(ctx).Where("id = ?", id).Take(&p).Error; err != nil {
		return nil, notFoundOr(err, errPostInvalidID)
	}
	if cached {
		s.cachePostRows([]Post{p}, at, now)
	}
	return &p, nil
}

// findPosts runs the posts query q and, when count is given (the same
// query unpaged), tells the number of matches too; total is -1 when it
// could not tell. With the object cache it does what WP_Query does with
// WordPress's object cache (split queries, cache_results): it asks the
// database for the ids alone, with the count as a subquery of the same
// statement (one round trip instead of two), keeps those ids and that
// count under the statement and the content epoch, and takes the rows from
// the cache where it can (post_objects.go).
func (s *Store) findPosts(ctx context.Context, q, count *gorm.DB) (posts []Post, total int64, err error) {
	at, now, cached := s.objectEpochs(ctx)
	if !cached {
		if err := q.Find(&posts).Error; err != nil {
			return nil, 0, Internal(err)
		}
		return posts, -1, nil
	}
	sel := q.Select("posts.id AS id")
	if count != nil {
		sel = q.Select("posts.id AS id, (?) AS total", count.Select("COUNT(*)"))
	}
	// Built once, without running: the text and arguments are the key,
	// and what runs on a miss.
	var none []Post
	stmt := sel.Session(&gorm.Session{DryRun: true}).Find(&none).Statement
	text, vars := stmt.SQL.String(), stmt.Vars
	key := text + "\x00" + fmt.Sprintf("%#v", vars)
	found, hit := s.objects.queries.Get(key, at, now)
	if !hit {
		if found, err = s.runPostIDQuery(ctx, text, vars, count != nil); err != nil {
			return nil, 0, err
		}
		if len(found.ids) <= objectCacheMaxQueryIDs {
			s.objects.queries.Put(key, found, at, now.Add(objectCacheLifetime))
		}
	}
	posts, err = s.postsByIDsInOrder(ctx, found.ids, at, now)
	if err != nil {
		return nil, 0, err
	}
	total = found.total
	if len(posts) < len(found.ids) {
		total = -1 // rows deleted between the two reads: count again
	}
	return posts, total, nil
}

// runPostIDQuery runs a statement findPosts built, which selects ids and,
// when counted, the count of all matches beside each.
func (s *Store) runPostIDQuery(ctx context.Context, text string, vars []any, counted bool) (postQueryResult, error) {
	out := postQueryResult{total: -1}
	rows, err := s.withContext(ctx).Raw(text, vars...).Rows()
	if err != nil {
		return out, Internal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var id uint64
		var n int64
		dest := []any{&id}
		if counted {
			dest = append(dest, &n)
		}
		if err := rows.Scan(dest...); err != nil {
			return out, Internal(err)
		}
		out.ids = append(out.ids, id)
		if counted {
			out.total = n // an empty page carries no count
		}
	}
	if err := rows.Err(); err != nil {
		return out, Internal(err)
	}
	return out, nil
}

// PostTitles returns the titles of the posts with the given ids, of any
// type and status (a list's parents): PostsByIDs's posts, so from the
// object cache where it can and one query for the others. A missing post
// is left out.
func (s *Store) PostTitles(ctx context.Context, ids []uint64) (map[uint64]string, error) {
	posts, err := s.PostsByIDs(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make(map[uint64]string, len(posts))
	for _, p := range posts {
		out[p.ID] = p.Title
	}
	return out, nil
}

// PostFilter selects posts for Posts. Zero values mean "no condition".
type PostFilter struct {
	Types         []string // default: post
	Statuses      []string // default: publish
	IDs           []uint64
	ExcludeIDs    []uint64
	Authors       []uint64
	ExcludeAuthor []uint64
	Parents       []uint64
	// ExcludeParents drops posts whose parent is one of these.
	ExcludeParents []uint64
	Slugs          []string
	Search         string
	// SearchColumns limits the search to some of title, content and
	// excerpt (WordPress's post_title, post_content, post_excerpt).
	SearchColumns []string
	// SearchPhrase matches the search as one phrase instead of word by word
	// (REST's search_semantics=exact, WP_Query's sentence).
	SearchPhrase  bool
	Before, After *time.Time
	// ModifiedBefore and ModifiedAfter bound the modified date (site-local).
	ModifiedBefore, ModifiedAfter *time.Time
	// Readable, when set, keeps only the rows that ReadableBy may read:
	// published ones, their own, and others' non-public posts as far as their
	// capabilities allow (WordPress's read_post for each row, done in SQL so
	// that totals and pages agree).
	Readable   bool
	ReadableBy *User
	// MenuOrder selects pages with that menu_order.
	MenuOrder *int
	OrderBy   string // date, id, title, slug, modified, author, menu_order, include, include_slugs, parent, relevance
	Order     string // asc, desc (default desc)
	Offset    int
	Limit     int
	// StickyOnly keeps only sticky posts (true) or only non-sticky ones (false).
	StickyOnly *bool
	// StickyFirst puts sticky posts before the others (WP_Query's home
	// order when sticky posts are not ignored).
	StickyFirst bool
	// Formats keeps posts with one of these formats ("standard" is none).
	Formats []string
	// TermConditions filter by terms (REST's categories/tags parameters),
	// all of them (TermsAnyCondition: any of them) must hold.
	TermConditions    []TermCondition
	TermsAnyCondition bool
}

// TermCondition selects posts filed under any of TermIDs (or, with
// Exclude, under none of them). Every post is filed under the default
// category when it is created, as WordPress does, so a post without one was
// deliberately left without and matches no category.
type TermCondition struct {
	TermIDs []uint64
	Exclude bool
}

var postOrderColumns = map[string]string{
	"date": "date", "id": "id", "title": "title", "slug": "slug", "modified": "modified",
	"author": "author_id", "menu_order": "menu_order", "parent": "parent_id", "name": "slug",
	"ID": "id", "post_date": "date", "post_title": "title", "post_modified": "modified",
}

func (s *Store) postQuery(ctx context.Context, f PostFilter) *gorm.DB {
	q := s.withContext(ctx).Model(&Post{})
	types := f.Types
	if len(types) == 0 {
		types = []string{"post"}
	}
	q = q.Where("type IN ?", types)
	statuses := f.Statuses
	if len(statuses) == 0 {
		statuses = []string{"publish"}
	}
	q = q.Where("status IN ?", statuses)
	if len(f.IDs) > 0 {
		q = q.Where("id IN ?", f.IDs)
	}
	if len(f.ExcludeIDs) > 0 {
		q = q.Where("id NOT IN ?", f.ExcludeIDs)
	}
	if len(f.Authors) > 0 {
		q = q.Where("author_id IN ?", f.Authors)
	}
	if len(f.ExcludeAuthor) > 0 {
		q = q.Where("author_id NOT IN ?", f.ExcludeAuthor)
	}
	if len(f.Parents) > 0 {
		q = q.Where("parent_id IN ?", f.Parents)
	}
	if len(f.ExcludeParents) > 0 {
		q = q.Where("parent_id NOT IN ?", f.ExcludeParents)
	}
	if len(f.Slugs) > 0 {
		q = q.Where("slug IN ?", f.Slugs)
	}
	if f.StickyOnly != nil {
		q = q.Where("sticky = ?", *f.StickyOnly)
	}
	if f.Before != nil {
		q = q.Where("date < ?", *f.Before)
	}
	if f.After != nil {
		q = q.Where("date > ?", *f.After)
	}
	if f.ModifiedBefore != nil {
		q = q.Where("modified < ?", *f.ModifiedBefore)
	}
	if f.ModifiedAfter != nil {
		q = q.Where("modified > ?", *f.ModifiedAfter)
	}
	if len(f.Formats) > 0 {
		formats := make([]string, len(f.Formats))
		for i, fm := range f.Formats {
			if fm == "standard" {
				fm = ""
			}
			formats[i] = fm
		}
		q = q.Where("format IN ?", formats)
	}
	if f.MenuOrder != nil {
		q = q.Where("menu_order = ?", *f.MenuOrder)
	}
	if f.Readable {
		q = readableCondition(q, f.ReadableBy, types)
	}
	if len(f.TermConditions) > 0 {
		var conds []string
		var args []any
		for _, c := range f.TermConditions {
			sql, a := c.sql()
			conds = append(conds, sql)
			args = append(args, a...)
		}
		join := " AND "
		if f.TermsAnyCondition {
			join = " OR "
		}
		q = q.Where("("+strings.Join(conds, join)+")", args...)
	}
	if f.Search != "" {
		cols := searchColumns(f.SearchColumns)
		terms := strings.Fields(f.Search)
		if f.SearchPhrase {
			terms = []string{strings.TrimSpace(f.Search)}
		}
		for _, term := range terms {
			like := "%" + escapeLike(term) + "%"
			conds := make([]string, len(cols))
			args := make([]any, len(cols))
			for i, c := range cols {
				conds[i] = c + " LIKE ?"
				args[i] = like
			}
			q = q.Where("("+strings.Join(conds, " OR ")+")", args...)
		}
	}
	return q
}

// searchColumns maps WordPress's search column names to ours; none means
// all three.
func searchColumns(names []string) []string {
	var out []string
	for _, n := range names {
		switch n {
		case "post_title":
			out = append(out, "title")
		case "post_excerpt":
			out = append(out, "excerpt")
		case "post_content":
			out = append(out, "content")
		}
	}
	if len(out) == 0 {
		return []string{"title", "excerpt", "content"}
	}
	return out
}

// orderByList sorts by the position of col's value in values (for
// orderby=include and include_slugs), unlisted rows last.
func orderByList[T any](q *gorm.DB, col string, values []T) *gorm.DB {
	expr := "CASE " + col
	args := make([]any, 0, len(values))
	for i, v := range values {
		expr += " WHEN ? THEN " + strconv.Itoa(i)
		args = append(args, v)
	}
	expr += " ELSE " + strconv.Itoa(len(values)) + " END"
	return q.Clauses(clause.OrderBy{Expression: clause.Expr{SQL: expr, Vars: args, WithoutParentheses: true}})
}

// Posts lists posts matching f and the total number of matches.
func (s *Store) Posts(ctx context.Context, f PostFilter) ([]Post, int64, error) {
	dir := "DESC"
	if strings.EqualFold(f.Order, "asc") {
		dir = "ASC"
	}
	q := s.postQuery(ctx, f)
	if f.StickyFirst {
		q = q.Order("sticky DESC")
	}
	switch {
	case f.OrderBy == "include" && len(f.IDs) > 0:
		q = orderByList(q, "id", f.IDs)
	case f.OrderBy == "include_slugs" && len(f.Slugs) > 0:
		q = orderByList(q, "slug", f.Slugs)
	case f.Search != "" && (f.OrderBy == "" || f.OrderBy == "relevance"):
		q = searchRelevanceOrder(q, f.Search)
		q = q.Order("date DESC").Order("id DESC")
	default:
		col, ok := postOrderColumns[f.OrderBy]
		if !ok {
			col = "date"
		}
		if col == "title" && s.dialect == DialectSQLite {
			// MySQL's default collation ignores case; SQLite's does not.
			col = "title COLLATE NOCASE"
		}
		q = q.Order(col + " " + dir)
		if col != "id" {
			q = q.Order("id " + dir)
		}
	}
	q = page(q, f.Offset, f.Limit)
	var count *gorm.DB
	if f.Limit > 0 {
		count = s.postQuery(ctx, f)
	}
	posts, total, err := s.findPosts(ctx, q, count)
	if err != nil {
		return nil, 0, err
	}
	if total >= 0 {
		return posts, total, nil
	}
	// A page that is not full, and is not past the end, tells the total
	// itself: the count is a query only a full page needs.
	n := int64(len(posts))
	if (f.Limit <= 0 || n < int64(f.Limit)) && (n > 0 || f.Offset <= 0) {
		return posts, int64(max(f.Offset, 0)) + n, nil
	}
	if err := s.postQuery(ctx, f).Count(&total).Error; err != nil {
		return nil, 0, Internal(err)
	}
	return posts, total, nil
}

// sql renders the condition on the posts table.
func (c TermCondition) sql() (string, []any) {
	ids := c.TermIDs
	if len(ids) == 0 {
		ids = []uint64{0}
	}
	expr := "posts.id IN (SELECT post_id FROM term_relationships WHERE term_id IN ?)"
	args := []any{ids}
	if c.Exclude {
		expr = "NOT " + expr
	}
	return expr, args
}

// readableCondition restricts q to the rows u may read, as WordPress's
// read_post meta capability decides row by row.
func readableCondition(q *gorm.DB, u *User, types []string) *gorm.DB {
	for _, t := range types {
		// A type whose posts take more than "read" to read (patterns need
		// edit_posts) shows nothing to those without it.
		if c := capsForType(t); c.read != "" && c.read != "read" && !u.HasCap(c.read) {
			return q.Where("1 = 0")
		}
	}
	if u == nil {
		return q.Where("status = ?", "publish")
	}
	readAll := true
	editAll := true
	for _, t := range types {
		c := capsForType(t)
		readAll = readAll && u.HasCap(c.readPrivate)
		editAll = editAll && u.HasCap(c.editOthers)
	}
	cond := "status IN ('publish', 'inherit') OR author_id = ?"
	if readAll {
		cond += " OR status = 'private'"
	}
	if editAll {
		cond += " OR status IN ('draft', 'pending', 'future', 'trash', 'auto-draft')"
	}
	return q.Where("("+cond+")", u.ID)
}

// searchRelevanceOrder sorts search results as WordPress's WP_Query does:
// the whole phrase in the title first, then all words in the title, any
// word in the title, the phrase in the excerpt, the phrase in the content.
func searchRelevanceOrder(q *gorm.DB, search string) *gorm.DB {
	terms := strings.Fields(search)
	phrase := "%" + escapeLike(strings.Join(terms, " ")) + "%"
	expr := "CASE WHEN title LIKE ? THEN 1"
	args := []any{phrase}
	if len(terms) > 1 {
		var all, any []string
		for range terms {
			all = append(all, "title LIKE ?")
			any = append(any, "title LIKE ?")
		}
		expr += " WHEN " + strings.Join(all, " AND ") + " THEN 2 WHEN " + strings.Join(any, " OR ") + " THEN 3"
		for range 2 {
			for _, t := range terms {
				args = append(args, "%"+escapeLike(t)+"%")
			}
		}
	}
	expr += " WHEN excerpt LIKE ? THEN 4 WHEN content LIKE ? THEN 5 ELSE 6 END"
	args = append(args, phrase, phrase)
	return q.Clauses(clause.OrderBy{Expression: clause.Expr{SQL: expr, Vars: args, WithoutParentheses: true}})
}

// CountPostsByAuthor returns how many published posts of the given types each
// of the authors has (for "has_published_posts" and user listings).
func (s *Store) CountPostsByAuthor(ctx context.Context, authorIDs []uint64, types []string) (map[uint64]int64, error) {
	out := make(map[uint64]int64, len(authorIDs))
	if len(authorIDs) == 0 {
		return out, nil
	}
	var rows []struct {
		AuthorID uint64
		N        int64
	}
	err := s.withContext(ctx).Model(&Post{}).Select("author_id, COUNT(*) AS n").
		Where("author_id IN ? AND status = ? AND type IN ?", authorIDs, "publish", types).
		Group("author_id").Scan(&rows).Error
	if err != nil {
		return nil, Internal(err)
	}
	for _, r := range rows {
		out[r.AuthorID] = r.N
	}
	return out, nil
}

// PostsByIDs returns the posts with the given ids, of any type and status,
// in that order (each once), from the object cache where it can and from
// one query for the others: a list's related posts (a comments feed's
// posts, attachments' parents) at once instead of one PostByID each. A
// missing id is left out. Errors: internal.
func (s *Store) PostsByIDs(ctx context.Context, ids []uint64) ([]Post, error) {
	seen := make(map[uint64]bool, len(ids))
	var order []uint64
	for _, id := range ids {
		if id != 0 && !seen[id] {
			seen[id] = true
			order = append(order, id)
		}
	}
	if len(order) == 0 {
		return nil, nil
	}
	if at, now, cached := s.objectEpochs(ctx); cached {
		return s.postsByIDsInOrder(ctx, order, at, now)
	}
	var rows []Post
	if err := s.withContext(ctx).Where("id IN ?", order).Find(&rows).Error; err != nil {
		return nil, Internal(err)
	}
	byID := make(map[uint64]int, len(rows))
	for i := range rows {
		byID[rows[i].ID] = i
	}
	out := make([]Post, 0, len(rows))
	for _, id := range order {
		if i, ok := byID[id]; ok {
			out = append(out, rows[i])
		}
	}
	return out, nil
}
