package models

import (
	"context"
	"strings"
	"time"

	"gorm.io/gorm"
)

// Post is a post, page or other content item (WordPress's wp_posts). Dates
// are kept in site-local time (Date, Modified) and in GMT (DateGMT,
// ModifiedGMT), as WordPress does; a draft that has never had its date set
// keeps a zero DateGMT ("floating" date).
type Post struct {
	ID            uint64    `gorm:"primaryKey;autoIncrement"`
	AuthorID      uint64    `gorm:"not null;default:0;index:idx_posts_author"`
	Type          string    `gorm:"size:20;not null;default:'post';index:idx_posts_type_status_date,priority:1"`
	Status        string    `gorm:"size:20;not null;default:'publish';index:idx_posts_type_status_date,priority:2"`
	Date          time.Time `gorm:"not null;index:idx_posts_type_status_date,priority:3"`
	DateGMT       time.Time `gorm:"not null"`
	Modified      time.Time `gorm:"not null"`
	ModifiedGMT   time.Time `gorm:"not null"`
	Title         string    `gorm:"type:text;not null"`
	Content       string    `gorm:"type:longtext;not null"`
	Excerpt       string    `gorm:"type:text;not null"`
	Slug          string    `gorm:"size:200;not null;default:'';index:idx_posts_slug"`
	Password      string    `gorm:"size:255;not null;default:''"`
	CommentStatus string    `gorm:"size:20;not null;default:'open'"`
	PingStatus    string    `gorm:"size:20;not null;default:'open'"`
	ParentID      uint64    `gorm:"not null;default:0;index:idx_posts_parent"`
	MenuOrder     int       `gorm:"not null;default:0"`
	GUID          string    `gorm:"size:255;not null;default:''"`
	MimeType      string    `gorm:"size:100;not null;default:''"`
	CommentCount  int64     `gorm:"not null;default:0"`
	Sticky        bool      `gorm:"not null;default:false"`
	Format        string    `gorm:"size:20;not null;default:''"`
	Template      string    `gorm:"size:255;not null;default:''"`
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

var errPostInvalidID = E(KindNotFound, "rest_post_invalid_id", "Invalid post ID.")

// ErrPostInvalidID is WordPress's answer for an unknown post id.
func ErrPostInvalidID() *Error { return errPostInvalidID }

// PostByID returns a post of any type and status.
// Errors: not found (rest_post_invalid_id).
func (s *Store) PostByID(ctx context.Context, id uint64) (*Post, error) {
	var p Post
	if err := s.withContext(ctx).Where("id = ?", id).Take(&p).Error; err != nil {
		return nil, notFoundOr(err, errPostInvalidID)
	}
	return &p, nil
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
	Slugs         []string
	Search        string
	Before, After *time.Time
	// ReadableBy, when set, adds the rows of non-public statuses that user may
	// read (their own private posts, or all with read_private_posts).
	OrderBy string // date, id, title, slug, modified, author, menu_order, include, parent
	Order   string // asc, desc (default desc)
	Offset  int
	Limit   int
	// StickyFirst puts sticky posts first (the front page's order).
	StickyOnly *bool
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
	if f.Search != "" {
		for _, term := range strings.Fields(f.Search) {
			like := "%" + escapeLike(term) + "%"
			q = q.Where("(title LIKE ? OR excerpt LIKE ? OR content LIKE ?)", like, like, like)
		}
	}
	return q
}

// Posts lists posts matching f and the total number of matches.
func (s *Store) Posts(ctx context.Context, f PostFilter) ([]Post, int64, error) {
	var total int64
	if err := s.postQuery(ctx, f).Count(&total).Error; err != nil {
		return nil, 0, Internal(err)
	}
	if f.Limit == 0 && total == 0 {
		return nil, 0, nil
	}
	dir := "DESC"
	if strings.EqualFold(f.Order, "asc") {
		dir = "ASC"
	}
	q := s.postQuery(ctx, f)
	switch {
	case f.OrderBy == "include" && len(f.IDs) > 0:
		// Keep the caller's order: sorted in Go below.
	default:
		col, ok := postOrderColumns[f.OrderBy]
		if !ok {
			col = "date"
		}
		q = q.Order(col + " " + dir)
		if col != "id" {
			q = q.Order("id " + dir)
		}
	}
	if f.Offset > 0 {
		q = q.Offset(f.Offset)
	}
	if f.Limit > 0 {
		q = q.Limit(f.Limit)
	}
	var posts []Post
	if err := q.Find(&posts).Error; err != nil {
		return nil, 0, Internal(err)
	}
	if f.OrderBy == "include" && len(f.IDs) > 0 {
		pos := make(map[uint64]int, len(f.IDs))
		for i, id := range f.IDs {
			if _, ok := pos[id]; !ok {
				pos[id] = i
			}
		}
		sortPostsBy(posts, func(a, b *Post) bool { return pos[a.ID] < pos[b.ID] })
	}
	return posts, total, nil
}

func sortPostsBy(posts []Post, less func(a, b *Post) bool) {
	for i := 1; i < len(posts); i++ {
		for j := i; j > 0 && less(&posts[j], &posts[j-1]); j-- {
			posts[j], posts[j-1] = posts[j-1], posts[j]
		}
	}
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
