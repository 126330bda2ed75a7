package models

import (
	"context"
	"strings"
)

// Pingbacks are comments of type "pingback" whose author is the linking
// page's title and whose URL is that page's address. The adapter verifies
// that the source page links to the post (it fetches the page); the store
// decides whether the post takes pingbacks and records them.

// PingbackInput is a verified pingback to record.
type PingbackInput struct {
	PostID uint64
	// SourceURL is the linking page's address, as it will be shown
	// (WordPress stores it with & written as &amp;).
	SourceURL string
	// Title is the linking page's title: the comment's author.
	Title string
	// Content is the excerpt around the link, ready to store.
	Content string
	// Client is who sent the ping (its address and user agent are kept).
	Client ClientInfo
}

// The pingback refusals, with the fault codes of the pingback
// specification as their WordPress codes.
var (
	// ErrPingbackTarget: no such post, or it does not take pingbacks (33).
	ErrPingbackTarget = newError(KindNotFound, ReasonPingbackTargetInvalid)
	// ErrPingbackRegistered: this source already pinged this post (48).
	ErrPingbackRegistered = newError(KindConflict, ReasonPingbackRegistered)
)

// PingbackTarget returns the post a pingback from source may be recorded
// on: it exists, its pings are open (pings_open) and source has not pinged
// it before. Errors: not found (ErrPingbackTarget), conflict
// (ErrPingbackRegistered), internal.
func (s *Store) PingbackTarget(ctx context.Context, postID uint64, source string) (*Post, error) {
	post, err := s.PostByID(ctx, postID)
	if err != nil {
		if IsNotFound(err) {
			return nil, ErrPingbackTarget
		}
		return nil, err
	}
	if post.PingStatus != "open" || post.Type == "revision" {
		return nil, ErrPingbackTarget
	}
	var n int64
	if err := s.withContext(ctx).Model(&Comment{}).Where("post_id = ? AND author_url = ?", post.ID, source).Count(&n).Error; err != nil {
		return nil, Internal(err)
	}
	if n > 0 {
		return nil, ErrPingbackRegistered
	}
	return post, nil
}

// CreatePingback records a verified pingback as wp_new_comment does: the
// target is checked again (PingbackTarget), a duplicate is a conflict, and
// the comment is held for moderation unless the moderation settings let
// anonymous comments through (with the default comment_previously_approved
// a pingback, having no e-mail address, is always held). Errors: not
// found, conflict, invalid (an empty title or content), internal.
func (s *Store) CreatePingback(ctx context.Context, in PingbackInput) (*Comment, error) {
	post, err := s.PingbackTarget(ctx, in.PostID, in.SourceURL)
	if err != nil {
		return nil, err
	}
	c := &Comment{
		PostID: post.ID, Type: "pingback",
		// A pingback is an anonymous comment: wp_new_comment filters its
		// name, link and text as it filters any visitor's.
		AuthorName: clipBytes(cleanCommentAuthorName(in.Title), 245), AuthorURL: clipBytes(cleanCommentAuthorURL(in.SourceURL), 200),
		Content:  s.preCommentContent(nil, strings.TrimSpace(in.Content)),
		AuthorIP: in.Client.IP, Agent: clipBytes(in.Client.UserAgent, 254),
	}
	if c.Content == "" || c.AuthorName == "" {
		return nil, errCommentRequired
	}
	s.settleCommentDates(ctx, c, CommentInput{})
	if err := s.checkDuplicateComment(ctx, c); err != nil {
		return nil, err
	}
	return s.insertModerated(ctx, c)
}
