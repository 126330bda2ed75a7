package models

import (
	"context"
	"strconv"
	"time"
)

// LatestComment is one entry of the core/latest-comments block: the
// comment and what the block shows of its post and author, resolved here
// so that rendering needs no further query.
type LatestComment struct {
	ID uint64
	// Type is the stored comment type; only comments (not pings) have an
	// avatar.
	Type       string
	AuthorName string
	// AuthorURL is the link on the author's name: get_comment_author_url
	// ("http://" alone counts as none), else, as the block falls back to
	// for a registered user, get_author_posts_url; "" for none.
	AuthorURL string
	// AvatarEmail is the address get_avatar_data hashes: the user's, else
	// the comment's.
	AvatarEmail string
	Content     string
	// Date is the comment's site-local time, in the site's time zone.
	Date time.Time
	// PostTitle is the raw title; PostProtected tells that the post has a
	// password (its title is then "Protected: …" and the excerpt hidden).
	PostTitle     string
	PostProtected bool
	// Link is get_comment_link: the post's permalink and #comment-N.
	Link string
}

// LatestComments is the block's get_comments call: at most n approved
// comments (notes excluded, as WP_Comment_Query does by default) on
// published posts, newest first. The same few queries whatever n: the
// comments, their posts, their users, what the posts' links need. Errors: internal.
func (s *Store) LatestComments(ctx context.Context, n int) ([]LatestComment, error) {
	var comments []Comment
	q := s.withContext(ctx).Model(&Comment{}).
		Joins("JOIN posts ON posts.id = comments.post_id").
		Where("comments.approved = ? AND posts.status = ? AND comments.type <> ?", "1", "publish", "note").
		Order("comments.date_gmt DESC").Order("comments.id DESC")
	if n > 0 {
		q = q.Limit(n)
	}
	if err := q.Find(&comments).Error; err != nil {
		return nil, Internal(err)
	}
	if len(comments) == 0 {
		return nil, nil
	}
	postIDs, userIDs := []uint64{}, []uint64{}
	for _, c := range comments {
		postIDs = append(postIDs, c.PostID)
		if c.UserID != 0 {
			userIDs = append(userIDs, c.UserID)
		}
	}
	var posts []Post
	if err := s.withContext(ctx).Where("id IN ?", postIDs).Find(&posts).Error; err != nil {
		return nil, Internal(err)
	}
	byID := make(map[uint64]*Post, len(posts))
	for i := range posts {
		byID[posts[i].ID] = &posts[i]
	}
	users := map[uint64]*User{}
	if len(userIDs) > 0 {
		var found []User
		if err := s.withContext(ctx).Where("id IN ?", userIDs).Find(&found).Error; err != nil {
			return nil, Internal(err)
		}
		for i := range found {
			users[found[i].ID] = &found[i]
		}
	}
	// The posts' links at once: a page's ancestors or the categories of
	// %category% in one query for all of them.
	links := make(map[uint64]string, len(posts))
	for i, link := range s.Permalinks(ctx, pointersTo(posts), nil) {
		links[posts[i].ID] = link
	}
	loc := s.SiteLocation(ctx)
	out := make([]LatestComment, 0, len(comments))
	for _, c := range comments {
		p := byID[c.PostID]
		if p == nil {
			continue
		}
		lc := LatestComment{ID: c.ID, Type: c.Type, AuthorName: c.AuthorName, AuthorURL: c.AuthorURL,
			AvatarEmail: c.AuthorEmail, Content: c.Content, PostTitle: p.Title, PostProtected: p.Password != "",
			Date: time.Date(c.Date.Year(), c.Date.Month(), c.Date.Day(), c.Date.Hour(), c.Date.Minute(), c.Date.Second(), 0, loc),
			Link: links[p.ID] + "#comment-" + strconv.FormatUint(c.ID, 10)}
		if lc.AuthorURL == "http://" {
			lc.AuthorURL = ""
		}
		if u := users[c.UserID]; u != nil {
			lc.AvatarEmail = u.Email
			if lc.AuthorURL == "" {
				lc.AuthorURL = s.AuthorLink(ctx, u)
			}
			if lc.AuthorName == "" {
				lc.AuthorName = u.DisplayName
			}
		}
		out = append(out, lc)
	}
	return out, nil
}
