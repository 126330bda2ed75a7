package models

import (
	"context"
	"regexp"
	"strings"
	"time"

	"gorm.io/gorm"
)

// CommentInput carries a comment's fields for CreateComment and
// UpdateComment; nil pointers mean "not given".
type CommentInput struct {
	PostID      uint64
	ParentID    *uint64
	Content     *string
	AuthorName  *string
	AuthorEmail *string
	AuthorURL   *string
	// Status is an API status (approve, hold, spam, trash). On create it is
	// honoured only for moderators; others get WordPress's moderation rules.
	Status *string
	// DateGMT, when set, dates the comment (Date is derived from it);
	// otherwise Date, read as site-local time, does.
	DateGMT *time.Time
	Date    *time.Time
	Type    string
	// Client is who sends the comment (address and user agent are stored).
	Client ClientInfo

	// Rules are the rules the write follows: wp_new_comment's as XML-RPC
	// calls it (the zero value) or the REST controller's
	// (RESTCommentRules, comment_rest.go), which alone read the fields
	// below and differ in author, content, length and status handling.
	Rules CommentRules
	// UserID makes the comment that user's, with their name, e-mail and
	// URL (the REST author field; the adapter lets only moderators name
	// someone else).
	UserID *uint64
	// AuthorIP (moderators only) and Agent replace the client's address and
	// user agent.
	AuthorIP *string
	Agent    *string
	// FilterHTML filters the content with kses even when the actor may post
	// unfiltered HTML: a comment form sent without its unfiltered-html nonce
	// may have been posted by another site in the user's name
	// (wp_handle_comment_submission).
	FilterHTML bool
	// MoveToPost, on update, moves the comment to another post.
	MoveToPost *uint64
}

// commentFloodInterval is WordPress's comment flood window
// (wp_throttle_comment_flood).
const commentFloodInterval = 15 * time.Second

var (
	errCommentRequired   = newError(KindInvalid, ReasonCommentRequired)
	errCommentClosed     = newError(KindForbidden, ReasonCommentsClosed)
	errCommentNameEmail  = newError(KindInvalid, ReasonCommentNameEmailRequired)
	errCommentBadEmail   = newError(KindInvalid, ReasonCommentEmailInvalid)
	errCommentDuplicate  = newError(KindConflict, ReasonCommentDuplicate)
	errCommentFlood      = newError(KindTooManyRequests, ReasonCommentFlood)
	errCommentBadParent  = newError(KindInvalid, ReasonInvalidCommentParent)
	errCommentNotAllowed = newError(KindForbidden, ReasonCannotComment)
	errCommentCannotEdit = newError(KindForbidden, ReasonCannotEditComment)
	errCommentBadStatus  = newError(KindInvalid, ReasonInvalidCommentStatus)
)

// commentLinks counts links the way check_comment does.
var commentLinks = regexp.MustCompile(`(?i)(href\t*?=\t*?['"]?)?(https?:)?//`)

// CreateComment adds a comment, as wp_new_comment does after the caller's
// own checks: the post must exist and be open for comments (drafts and
// private posts only for those who may edit/read them), content is
// required, anonymous comments need a name and e-mail (require_name_email),
// a duplicate is a conflict and a second comment from the same person
// within 15 seconds is comment_flood (moderators are exempt). Moderators'
// and the post author's comments are approved; others are held unless the
// author has an approved comment already (comment_previously_approved).
// actor is the logged-in commenter or nil for a visitor. Errors: invalid,
// not found, forbidden, conflict, too many requests, internal.
func (s *Store) CreateComment(ctx context.Context, actor *User, in CommentInput) (*Comment, error) {
	post, err := s.PostByID(ctx, in.PostID)
	if err != nil {
		return nil, err
	}
	if post.CommentStatus != "open" {
		return nil, errCommentClosed
	}
	switch post.Status {
	case "draft", "pending", "future", "auto-draft", "trash":
		if !CanEditPost(actor, post) {
			return nil, errCommentNotAllowed
		}
	case "private":
		if !CanReadPost(actor, post) {
			return nil, errCommentNotAllowed
		}
	}
	if in.Rules == RESTCommentRules {
		return s.createRESTComment(ctx, actor, post, in)
	}
	c := &Comment{PostID: post.ID, Type: in.Type, Agent: clipBytes(in.Client.UserAgent, 254), AuthorIP: in.Client.IP}
	if c.Type == "" {
		c.Type = "comment"
	}
	if in.Content != nil {
		c.Content = strings.TrimSpace(*in.Content)
	}
	if actor != nil {
		c.UserID = actor.ID
		c.AuthorName, c.AuthorEmail, c.AuthorURL = actor.DisplayName, actor.Email, actor.URL
	}
	if in.AuthorName != nil && (actor == nil || CanModerateComments(actor)) {
		c.AuthorName = cleanCommentAuthorName(*in.AuthorName)
	}
	if in.AuthorEmail != nil && (actor == nil || CanModerateComments(actor)) {
		c.AuthorEmail = strings.TrimSpace(*in.AuthorEmail)
	}
	if in.AuthorURL != nil && (actor == nil || CanModerateComments(actor)) {
		c.AuthorURL = cleanCommentAuthorURL(*in.AuthorURL)
	}
	if actor == nil && s.Option(ctx, "require_name_email") != "0" {
		if len(c.AuthorEmail) < 6 || c.AuthorName == "" {
			return nil, errCommentNameEmail
		}
		if !IsEmail(c.AuthorEmail) {
			return nil, errCommentBadEmail
		}
	}
	if c.Content == "" {
		return nil, errCommentRequired
	}
	// wp_new_comment filters the content (kses) before its duplicate and
	// moderation checks.
	if in.FilterHTML {
		c.Content = s.preCommentContent(nil, c.Content)
	} else {
		c.Content = s.preCommentContent(actor, c.Content)
	}
	if err := s.setCommentParent(ctx, c, post, in.ParentID); err != nil {
		return nil, err
	}
	s.settleCommentDates(ctx, c, in)
	moderator := actor != nil && CanModerateComments(actor)
	if err := s.checkDuplicateComment(ctx, c); err != nil {
		return nil, err
	}
	if !moderator && !(actor != nil && CanManageOptions(actor)) {
		if err := s.checkCommentFlood(ctx, actor, c); err != nil {
			return nil, err
		}
	}
	switch {
	case moderator && in.Status != nil:
		v, ok := commentApprovedValue(*in.Status)
		if !ok {
			return nil, errCommentBadStatus
		}
		c.Approved = v
	case moderator || (actor != nil && actor.ID == post.AuthorID):
		c.Approved = "1"
	default:
		return s.insertModerated(ctx, c)
	}
	if err := s.insertComment(ctx, c); err != nil {
		return nil, err
	}
	return c, nil
}

// setCommentParent makes c a reply to the comment parentID (nil or 0: none),
// which must be on the same post.
func (s *Store) setCommentParent(ctx context.Context, c *Comment, post *Post, parentID *uint64) error {
	if parentID == nil || *parentID == 0 {
		return nil
	}
	parent, err := s.CommentByID(ctx, *parentID)
	if err != nil || parent.PostID != post.ID {
		if err != nil && !IsNotFound(err) {
			return err
		}
		return errCommentBadParent
	}
	c.ParentID = parent.ID
	return nil
}

// insertModerated stores c approved when the moderation settings let it
// through (wp_allow_comment's check_comment), held otherwise.
func (s *Store) insertModerated(ctx context.Context, c *Comment) (*Comment, error) {
	ok, err := s.commentPassesModeration(ctx, c)
	if err != nil {
		return nil, err
	}
	c.Approved = "0"
	if ok {
		c.Approved = "1"
	}
	if err := s.insertComment(ctx, c); err != nil {
		return nil, err
	}
	return c, nil
}

// insertComment stores a new comment and refreshes its post's count.
func (s *Store) insertComment(ctx context.Context, c *Comment) error {
	return s.transaction(ctx, func(tx *gorm.DB) error {
		c.ID = 0 // a retried run inserts afresh (write_retry.go)
		if err := tx.Create(c).Error; err != nil {
			return Internal(err)
		}
		return updateCommentCount(tx, c.PostID)
	})
}

// settleCommentDates fills Date and DateGMT from the input or the clock.
func (s *Store) settleCommentDates(ctx context.Context, c *Comment, in CommentInput) {
	switch {
	case in.DateGMT != nil:
		c.DateGMT = in.DateGMT.UTC().Truncate(time.Second)
		c.Date = s.GMTToLocal(ctx, c.DateGMT)
	case in.Date != nil:
		c.Date = in.Date.Truncate(time.Second)
		c.DateGMT = s.LocalToGMT(ctx, c.Date)
	default:
		c.DateGMT = s.now()
		c.Date = s.GMTToLocal(ctx, c.DateGMT)
	}
}

// checkDuplicateComment is wp_allow_comment's duplicate test: the same
// author (name or e-mail) saying the same thing under the same parent of
// the same post, unless that comment is in the trash.
func (s *Store) checkDuplicateComment(ctx context.Context, c *Comment) error {
	q := s.withContext(ctx).Model(&Comment{}).
		Where("post_id = ? AND parent_id = ? AND approved <> ? AND content = ?", c.PostID, c.ParentID, "trash", c.Content)
	if c.AuthorEmail != "" {
		q = q.Where("(author_name = ? OR author_email = ?)", c.AuthorName, c.AuthorEmail)
	} else {
		q = q.Where("author_name = ?", c.AuthorName)
	}
	var n int64
	if err := q.Limit(1).Count(&n).Error; err != nil {
		return Internal(err)
	}
	if n > 0 {
		return errCommentDuplicate
	}
	return nil
}

// checkCommentFlood is wp_check_comment_flood: the newest comment of the
// last hour from the same user (or, for visitors, address) or e-mail must
// be at least 15 seconds older than the new one.
func (s *Store) checkCommentFlood(ctx context.Context, actor *User, c *Comment) error {
	hourAgo := s.now().Add(-time.Hour)
	q := s.withContext(ctx).Model(&Comment{}).Select("date_gmt").Where("date_gmt >= ?", hourAgo)
	if actor != nil {
		q = q.Where("(user_id = ? OR author_email = ?)", actor.ID, c.AuthorEmail)
	} else {
		q = q.Where("(author_ip = ? OR author_email = ?)", c.AuthorIP, c.AuthorEmail)
	}
	var last []time.Time
	if err := q.Order("date_gmt DESC").Limit(1).Pluck("date_gmt", &last).Error; err != nil {
		return Internal(err)
	}
	if len(last) == 1 && c.DateGMT.Sub(last[0]) < commentFloodInterval {
		return errCommentFlood
	}
	return nil
}

// commentPassesModeration is check_comment with WordPress's default
// settings: manual moderation off, at most one link, and an author who has
// had a comment approved before.
func (s *Store) commentPassesModeration(ctx context.Context, c *Comment) (bool, error) {
	if s.Option(ctx, "comment_moderation") == "1" {
		return false, nil
	}
	maxLinks := s.OptionInt(ctx, "comment_max_links")
	if s.Option(ctx, "comment_max_links") == "" {
		maxLinks = 2
	}
	if maxLinks > 0 && len(commentLinks.FindAllStringIndex(c.Content, -1)) >= maxLinks {
		return false, nil
	}
	if s.Option(ctx, "comment_previously_approved") == "0" {
		return true, nil
	}
	if c.AuthorName == "" || c.AuthorEmail == "" {
		return false, nil
	}
	q := s.withContext(ctx).Model(&Comment{}).Where("approved = ?", "1")
	if u, err := s.UserByEmail(ctx, c.AuthorEmail); err == nil {
		q = q.Where("user_id = ?", u.ID)
	} else {
		q = q.Where("author_name = ? AND author_email = ?", c.AuthorName, c.AuthorEmail)
	}
	var n int64
	if err := q.Limit(1).Count(&n).Error; err != nil {
		return false, Internal(err)
	}
	return n > 0, nil
}

// updateCommentCount stores the number of approved comments on the post
// (wp_update_comment_count_now).
func updateCommentCount(tx *gorm.DB, postID uint64) error {
	if postID == 0 {
		return nil
	}
	err := tx.Exec("UPDATE posts SET comment_count = (SELECT COUNT(*) FROM comments WHERE comments.post_id = ? AND comments.approved = '1') WHERE id = ?",
		postID, postID).Error
	return dbError(err)
}

// authorizeCommentEdit loads a comment and checks edit_comment.
func (s *Store) authorizeCommentEdit(ctx context.Context, actor *User, id uint64) (*Comment, error) {
	c, err := s.CommentByID(ctx, id)
	if err != nil {
		return nil, err
	}
	if actor == nil {
		return c, nil
	}
	post, err := s.PostByID(ctx, c.PostID)
	if err != nil && !IsNotFound(err) {
		return nil, err
	}
	if !CanEditComment(actor, c, post) {
		return nil, errCommentCannotEdit
	}
	return c, nil
}

// UpdateComment changes a comment, as wp_update_comment does. actor needs
// edit_comment (edit_post on the comment's post); a nil actor is the
// system. Errors: invalid, not found, forbidden, internal.
func (s *Store) UpdateComment(ctx context.Context, actor *User, id uint64, in CommentInput) (*Comment, error) {
	c, err := s.authorizeCommentEdit(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	oldPost := c.PostID
	authorID := c.UserID // whose comment it was, for the kses decision below
	if in.Rules == RESTCommentRules {
		if err := s.prepareRESTCommentUpdate(ctx, actor, c, in); err != nil {
			return nil, err
		}
	} else if in.Status != nil {
		v, ok := commentApprovedValue(*in.Status)
		if !ok {
			return nil, errCommentBadStatus
		}
		if v == "trash" && c.Approved != "trash" {
			c.TrashedFrom = c.Approved
		}
		c.Approved = v
	}
	if in.Content != nil && in.Rules != RESTCommentRules {
		c.Content = *in.Content
	}
	if in.Content != nil {
		// wp_update_comment filters new content with kses when the editor
		// or the comment's own author lacks unfiltered_html.
		if c.Content, err = s.ksesCommentUpdate(ctx, actor, authorID, c.Content); err != nil {
			return nil, err
		}
	}
	// wp_update_comment runs the same pre_comment_author_* filters.
	if in.AuthorName != nil {
		c.AuthorName = cleanCommentAuthorName(*in.AuthorName)
	}
	if in.AuthorEmail != nil {
		c.AuthorEmail = *in.AuthorEmail
	}
	if in.AuthorURL != nil {
		c.AuthorURL = cleanCommentAuthorURL(*in.AuthorURL)
	}
	if in.DateGMT != nil || in.Date != nil {
		s.settleCommentDates(ctx, c, in)
	}
	if in.ParentID != nil {
		if *in.ParentID != 0 {
			parent, err := s.CommentByID(ctx, *in.ParentID)
			if err != nil || parent.PostID != c.PostID || parent.ID == c.ID {
				if err != nil && !IsNotFound(err) {
					return nil, err
				}
				return nil, errCommentBadParent
			}
		}
		c.ParentID = *in.ParentID
	}
	if in.Rules == RESTCommentRules {
		if err := checkCommentLengths(c); err != nil {
			return nil, err
		}
		if in.Status != nil {
			applyRESTCommentStatus(c, *in.Status)
		}
	}
	err = s.transaction(ctx, func(tx *gorm.DB) error {
		if err := tx.Save(c).Error; err != nil {
			return Internal(err)
		}
		if oldPost != c.PostID {
			if err := updateCommentCount(tx, oldPost); err != nil {
				return err
			}
		}
		return updateCommentCount(tx, c.PostID)
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}

// TrashComment moves a comment to the trash, remembering its status.
// actor needs edit_comment. Errors: not found, forbidden, gone (already in
// the trash), internal.
func (s *Store) TrashComment(ctx context.Context, actor *User, id uint64) (*Comment, error) {
	c, err := s.authorizeCommentEdit(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	if c.Approved == "trash" {
		return nil, newError(KindGone, ReasonCommentAlreadyTrashed)
	}
	c.TrashedFrom, c.Approved = c.Approved, "trash"
	err = s.transaction(ctx, func(tx *gorm.DB) error {
		if err := tx.Model(&Comment{}).Where("id = ?", c.ID).
			Updates(map[string]any{"approved": c.Approved, "trashed_from": c.TrashedFrom}).Error; err != nil {
			return Internal(err)
		}
		return updateCommentCount(tx, c.PostID)
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}

// DeleteComment removes a comment for good; its replies move up to its
// parent, as wp_delete_comment does. actor needs edit_comment. Returns the
// comment as it was. Errors: not found, forbidden, internal.
func (s *Store) DeleteComment(ctx context.Context, actor *User, id uint64) (*Comment, error) {
	c, err := s.authorizeCommentEdit(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	err = s.transaction(ctx, func(tx *gorm.DB) error {
		if err := tx.Model(&Comment{}).Where("parent_id = ?", c.ID).Update("parent_id", c.ParentID).Error; err != nil {
			return Internal(err)
		}
		if err := tx.Where("id = ?", c.ID).Delete(&Comment{}).Error; err != nil {
			return Internal(err)
		}
		return updateCommentCount(tx, c.PostID)
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}

// SaveCommentRecord writes a comment exactly as given, keeping its id, and
// refreshes its post's comment count. It is for loaders (fixtures,
// imports), so it checks no capabilities. Errors: invalid, internal.
func (s *Store) SaveCommentRecord(ctx context.Context, c *Comment) error {
	if _, ok := map[string]bool{"0": true, "1": true, "spam": true, "trash": true, "post-trashed": true}[c.Approved]; !ok {
		return newError(KindInvalid, ReasonUnknownCommentStatus).With(Details{Value: c.Approved})
	}
	if c.Type == "" {
		c.Type = "comment"
	}
	return s.transaction(ctx, func(tx *gorm.DB) error {
		if err := tx.Save(c).Error; err != nil {
			return Internal(err)
		}
		return updateCommentCount(tx, c.PostID)
	})
}

// clipBytes cuts s to at most n bytes (the user agent column's size).
func clipBytes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n]
}

// DeletePostComments removes every comment of a post, for the post
// deletion path (wp_delete_post deletes a post's comments with it).
// Errors: internal.
func (s *Store) DeletePostComments(ctx context.Context, postID uint64) error {
	return dbError(s.withContext(ctx).Where("post_id = ?", postID).Delete(&Comment{}).Error)
}
