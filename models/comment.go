package models

import (
	"context"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"
)

// Comment is a comment on a post (WordPress's wp_comments). Approved holds
// WordPress's comment_approved values: "1" approved, "0" held for
// moderation, "spam", "trash", and "post-trashed" for comments of a post in
// the trash.
type Comment struct {
	ID          uint64    `gorm:"primaryKey;autoIncrement"`
	PostID      uint64    `gorm:"not null;default:0;index:idx_comments_post_approved,priority:1"`
	AuthorName  string    `gorm:"type:text;not null"`
	AuthorEmail string    `gorm:"size:100;not null;default:'';index:idx_comments_author_email"`
	AuthorURL   string    `gorm:"size:200;not null;default:''"`
	AuthorIP    string    `gorm:"size:100;not null;default:''"`
	Date        time.Time `gorm:"not null"`
	DateGMT     time.Time `gorm:"not null;index:idx_comments_date_gmt;index:idx_comments_post_approved,priority:3"`
	Content     string    `gorm:"type:text;not null"`
	Approved    string    `gorm:"size:20;not null;default:'1';index:idx_comments_post_approved,priority:2"`
	Agent       string    `gorm:"size:255;not null;default:''"`
	Type        string    `gorm:"size:20;not null;default:'comment'"`
	ParentID    uint64    `gorm:"not null;default:0;index:idx_comments_parent"`
	UserID      uint64    `gorm:"not null;default:0;index:idx_comments_user"`
	// TrashedFrom remembers the status a trashed comment had, so that
	// restoring it puts it back (WordPress's _wp_trash_meta_status).
	TrashedFrom string `gorm:"size:20;not null;default:''"`
}

// TableName keeps the table name stable.
func (Comment) TableName() string { return "comments" }

// CommentStatus is the name WordPress's APIs use for a stored
// comment_approved value: approve, hold, spam, trash.
func (c *Comment) CommentStatus() string {
	switch c.Approved {
	case "1":
		return "approve"
	case "0":
		return "hold"
	}
	return c.Approved
}

// commentApprovedValue turns an API status into the stored value; ok is
// false for anything WordPress does not know.
func commentApprovedValue(status string) (string, bool) {
	switch status {
	case "approve", "approved", "1":
		return "1", true
	case "hold", "unapproved", "0":
		return "0", true
	case "spam", "trash":
		return status, true
	}
	return "", false
}

// CommentStatuses lists WordPress's comment statuses with their labels, in
// get_comment_statuses order.
func CommentStatuses() [][2]string {
	return [][2]string{{"hold", "Unapproved"}, {"approve", "Approved"}, {"spam", "Spam"}, {"trash", "Trash"}}
}

var errCommentInvalidID = newError(KindNotFound, ReasonInvalidCommentID)

// CommentByID returns a comment of any status. Errors: not found
// (ReasonInvalidCommentID), internal.
func (s *Store) CommentByID(ctx context.Context, id uint64) (*Comment, error) {
	var c Comment
	if err := s.withContext(ctx).Where("id = ?", id).Take(&c).Error; err != nil {
		return nil, notFoundOr(err, errCommentInvalidID)
	}
	return &c, nil
}

// CommentFilter selects comments for Comments. Zero values mean "no
// condition".
type CommentFilter struct {
	// Status is a comma-separated list of API statuses (approve, hold, spam,
	// trash), where "all" / "" stands for approved and held comments
	// (get_comments' default) and "any" for every status.
	Status    string
	IDs       []uint64 // comment__in
	Exclude   []uint64 // comment__not_in
	PostIDs   []uint64
	PostTypes []string
	Parents   []uint64
	// ParentExclude and AuthorExclude are parent__not_in and author__not_in.
	ParentExclude []uint64
	UserIDs       []uint64
	AuthorExclude []uint64
	AuthorEmail   string
	// Types are comment types as WP_Comment_Query reads them: "comment"
	// also matches the empty type, "pings" pingbacks and trackbacks, "all"
	// everything.
	Types  []string
	Search string
	// Before and After bound the site-local date, both exclusive.
	Before, After *time.Time
	// OrderBy is date_gmt (default), date, id, include, post, parent or
	// type; comment id breaks ties as WP_Comment_Query does.
	OrderBy string
	Order   string // desc (default) or asc
	Offset  int
	Limit   int // 0 = all
}

// commentStatusValues turns a status list into the stored values it
// selects; all is false when any status is asked for ("any").
func commentStatusValues(status string) (values []string, all bool) {
	for _, st := range strings.FieldsFunc(status, func(r rune) bool { return r == ',' || r == ' ' }) {
		switch st {
		case "any":
			return nil, true
		case "all":
			values = append(values, "0", "1")
		default:
			v, ok := commentApprovedValue(st)
			if !ok {
				v = st
			}
			values = append(values, v)
		}
	}
	if len(values) == 0 {
		values = []string{"0", "1"}
	}
	return values, false
}

// Comments lists comments newest first with the total before paging.
// Errors: internal.
func (s *Store) Comments(ctx context.Context, f CommentFilter) ([]Comment, int64, error) {
	q := s.withContext(ctx).Model(&Comment{})
	if values, anyStatus := commentStatusValues(f.Status); !anyStatus {
		q = q.Where("comments.approved IN ?", values)
	}
	if len(f.IDs) > 0 {
		q = q.Where("comments.id IN ?", f.IDs)
	}
	if len(f.Exclude) > 0 {
		q = q.Where("comments.id NOT IN ?", f.Exclude)
	}
	if len(f.PostIDs) > 0 {
		q = q.Where("comments.post_id IN ?", f.PostIDs)
	}
	if len(f.PostTypes) > 0 {
		q = q.Where("comments.post_id IN (?)", s.withContext(ctx).Model(&Post{}).Select("id").Where("type IN ?", f.PostTypes))
	}
	if len(f.Parents) > 0 {
		q = q.Where("comments.parent_id IN ?", f.Parents)
	}
	if len(f.ParentExclude) > 0 {
		q = q.Where("comments.parent_id NOT IN ?", f.ParentExclude)
	}
	if len(f.UserIDs) > 0 {
		q = q.Where("comments.user_id IN ?", f.UserIDs)
	}
	if len(f.AuthorExclude) > 0 {
		q = q.Where("comments.user_id NOT IN ?", f.AuthorExclude)
	}
	if f.AuthorEmail != "" {
		q = q.Where("comments.author_email = ?", f.AuthorEmail)
	}
	if types := commentTypeValues(f.Types); types != nil {
		q = q.Where("comments.type IN ?", types)
	}
	if f.Before != nil {
		q = q.Where("comments.date < ?", *f.Before)
	}
	if f.After != nil {
		q = q.Where("comments.date > ?", *f.After)
	}
	if f.Search != "" {
		like := "%" + likeEscape(f.Search) + "%"
		q = q.Where(`(comments.content LIKE ? ESCAPE '!' OR comments.author_name LIKE ? ESCAPE '!' OR comments.author_email LIKE ? ESCAPE '!' OR comments.author_url LIKE ? ESCAPE '!' OR comments.author_ip LIKE ? ESCAPE '!')`,
			like, like, like, like, like)
	}
	var total int64
	if err := q.Session(&gorm.Session{}).Count(&total).Error; err != nil {
		return nil, 0, Internal(err)
	}
	q = orderComments(q, f)
	if f.Offset > 0 {
		q = q.Offset(f.Offset)
	}
	if f.Limit > 0 {
		q = q.Limit(f.Limit)
	} else if f.Offset > 0 {
		q = q.Limit(1 << 31)
	}
	var out []Comment
	if err := q.Find(&out).Error; err != nil {
		return nil, 0, Internal(err)
	}
	return out, total, nil
}

// commentTypeValues expands WP_Comment_Query's type list into stored
// types; nil means no condition.
func commentTypeValues(types []string) []string {
	var out []string
	for _, t := range types {
		switch t {
		case "all":
			return nil
		case "comment":
			out = append(out, "", "comment")
		case "pings":
			out = append(out, "pingback", "trackback")
		case "":
		default:
			out = append(out, t)
		}
	}
	return out
}

// orderComments applies the filter's order. Dates break ties by id in the
// same direction; other keys by id descending, as WP_Comment_Query does.
func orderComments(q *gorm.DB, f CommentFilter) *gorm.DB {
	dir := " DESC"
	if strings.EqualFold(f.Order, "asc") {
		dir = " ASC"
	}
	switch f.OrderBy {
	case "id":
		return q.Order("comments.id" + dir)
	case "date":
		return q.Order("comments.date" + dir).Order("comments.id" + dir)
	case "post":
		return q.Order("comments.post_id" + dir).Order("comments.id DESC")
	case "parent":
		return q.Order("comments.parent_id" + dir).Order("comments.id DESC")
	case "type":
		return q.Order("comments.type" + dir).Order("comments.id DESC")
	case "include":
		if len(f.IDs) > 0 {
			// FIELD() is MySQL-only; a CASE of the (numeric) ids is portable.
			var b strings.Builder
			b.WriteString("CASE comments.id")
			for i, id := range f.IDs {
				b.WriteString(" WHEN " + strconv.FormatUint(id, 10) + " THEN " + strconv.Itoa(i))
			}
			b.WriteString(" END" + dir)
			return q.Order(b.String()).Order("comments.id DESC")
		}
		return q.Order("comments.id DESC")
	}
	return q.Order("comments.date_gmt" + dir).Order("comments.id" + dir)
}

// CommentHasChildren reports whether a comment has approved or held
// replies (the children link of WordPress's REST comments). Errors:
// internal.
func (s *Store) CommentHasChildren(ctx context.Context, id uint64) (bool, error) {
	var n int64
	err := s.withContext(ctx).Model(&Comment{}).
		Where("parent_id = ? AND approved IN ?", id, []string{"0", "1"}).Limit(1).Count(&n).Error
	if err != nil {
		return false, Internal(err)
	}
	return n > 0, nil
}

// CommentCounts are a post's (or the site's) comments by status, as
// wp_count_comments reports them.
type CommentCounts struct {
	Approved, Moderated, Spam, Trash, PostTrashed int64
	// Total counts everything but trash (spam included), All approved and
	// held comments.
	Total, All int64
}

// CountComments counts the comments of a post (of every post when postID
// is 0). Errors: internal.
func (s *Store) CountComments(ctx context.Context, postID uint64) (CommentCounts, error) {
	var rows []struct {
		Approved string
		N        int64
	}
	q := s.withContext(ctx).Model(&Comment{}).Select("approved, COUNT(*) AS n").Group("approved")
	if postID != 0 {
		q = q.Where("post_id = ?", postID)
	}
	if err := q.Find(&rows).Error; err != nil {
		return CommentCounts{}, Internal(err)
	}
	var c CommentCounts
	for _, r := range rows {
		switch r.Approved {
		case "1":
			c.Approved += r.N
			c.Total += r.N
			c.All += r.N
		case "0":
			c.Moderated += r.N
			c.Total += r.N
			c.All += r.N
		case "spam":
			c.Spam += r.N
			c.Total += r.N
		case "trash":
			c.Trash += r.N
		case "post-trashed":
			c.PostTrashed += r.N
		default:
			c.Total += r.N
		}
	}
	return c, nil
}
