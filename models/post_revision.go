package models

import (
	"context"
	"fmt"
	"strings"

	"gorm.io/gorm"
)

// Revisions are posts of type "revision" (status "inherit") whose parent is
// the revised post, as in WordPress. An update records one when the title,
// content or excerpt differ from the latest revision, or when none exists
// yet (wp_save_post_revision); creating a post records none.

// revisionFieldsEqual compares what a revision keeps, with WordPress's
// normalize_whitespace (trimmed, line endings unified).
func revisionFieldsEqual(a, b *Post) bool {
	return normalizeWhitespace(a.Title) == normalizeWhitespace(b.Title) &&
		normalizeWhitespace(a.Content) == normalizeWhitespace(b.Content) &&
		normalizeWhitespace(a.Excerpt) == normalizeWhitespace(b.Excerpt)
}

func normalizeWhitespace(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return strings.TrimSpace(s)
}

// revisionSlug and autosaveSlug name a post's revisions and autosaves
// ("1" is the revision system's version).
func revisionSlug(id uint64) string { return fmt.Sprintf("%d-revision-v1", id) }
func autosaveSlug(id uint64) string { return fmt.Sprintf("%d-autosave-v1", id) }

// IsAutosave reports whether a revision is an autosave.
func (p *Post) IsAutosave() bool { return p.Type == "revision" && p.Slug == autosaveSlug(p.ParentID) }

// supportsRevisions reports whether a post type keeps revisions.
func supportsRevisions(postType string) bool { return postType == "post" || postType == "page" }

// saveRevision records p's current title, content and excerpt as a revision
// by actor inside tx, unless they equal the latest revision's.
func (s *Store) saveRevision(tx *gorm.DB, p *Post, actor *User) error {
	if !supportsRevisions(p.Type) || p.Status == "auto-draft" {
		return nil
	}
	db := tx.Session(&gorm.Session{NewDB: true})
	var latest Post
	// The latest revision, not an autosave.
	err := db.Where("parent_id = ? AND type = ? AND slug = ?", p.ID, "revision", revisionSlug(p.ID)).Order("id DESC").Take(&latest).Error
	switch {
	case err == nil:
		if revisionFieldsEqual(&latest, p) {
			return nil
		}
	case err != gorm.ErrRecordNotFound:
		return Internal(err)
	}
	rev := &Post{
		Type: "revision", Status: "inherit", ParentID: p.ID,
		Title: p.Title, Content: p.Content, Excerpt: p.Excerpt,
		Slug: revisionSlug(p.ID),
		Date: p.Modified, DateGMT: p.ModifiedGMT, Modified: p.Modified, ModifiedGMT: p.ModifiedGMT,
		CommentStatus: "closed", PingStatus: "closed",
	}
	if actor != nil {
		rev.AuthorID = actor.ID
	}
	if err := db.Create(rev).Error; err != nil {
		return Internal(err)
	}
	rev.GUID = s.plainLink(rev)
	return AsErrorOrNil(db.Model(&Post{}).Where("id = ?", rev.ID).Update("guid", rev.GUID).Error)
}

// RevisionStat summarises the revisions of one post for its links.
type RevisionStat struct {
	Count    int64
	LatestID uint64
}

// RevisionStats returns, for each of the posts that has revisions, how many
// it has and the newest one's id: from the object cache (post_objects.go),
// and one query for the posts it lacks.
func (s *Store) RevisionStats(ctx context.Context, postIDs []uint64) (map[uint64]RevisionStat, error) {
	return s.cachedRevisionStats(ctx, postIDs)
}

// revisionStats is RevisionStats from the database, in one query.
func (s *Store) revisionStats(ctx context.Context, postIDs []uint64) (map[uint64]RevisionStat, error) {
	out := make(map[uint64]RevisionStat, len(postIDs))
	if len(postIDs) == 0 {
		return out, nil
	}
	var rows []struct {
		ParentID uint64
		N        int64
		Latest   uint64
	}
	err := s.withContext(ctx).Model(&Post{}).Select("parent_id, COUNT(*) AS n, MAX(id) AS latest").
		Where("type = ? AND parent_id IN ?", "revision", postIDs).Group("parent_id").Scan(&rows).Error
	if err != nil {
		return nil, Internal(err)
	}
	for _, r := range rows {
		out[r.ParentID] = RevisionStat{Count: r.N, LatestID: r.Latest}
	}
	return out, nil
}

// Revisions lists a post's revisions, newest first.
func (s *Store) Revisions(ctx context.Context, parentID uint64) ([]Post, error) {
	var revs []Post
	err := s.withContext(ctx).Where("parent_id = ? AND type = ?", parentID, "revision").Order("date DESC").Order("id DESC").Find(&revs).Error
	if err != nil {
		return nil, Internal(err)
	}
	return revs, nil
}

// Autosaves are revisions named "{id}-autosave-v1", one per user and post,
// holding unsaved edits (the block editor's autosave).

// Autosaves lists the autosaves of a post (of every user), newest first.
// Errors: internal.
func (s *Store) Autosaves(ctx context.Context, parentID uint64) ([]Post, error) {
	var out []Post
	err := s.withContext(ctx).Where("parent_id = ? AND type = ? AND slug = ?", parentID, "revision", autosaveSlug(parentID)).
		Order("date DESC").Order("id DESC").Find(&out).Error
	if err != nil {
		return nil, Internal(err)
	}
	return out, nil
}

// Autosave returns a post's newest autosave (of any user when userID is
// 0). Errors: not found (ReasonNoAutosave), internal.
func (s *Store) Autosave(ctx context.Context, parentID, userID uint64) (*Post, error) {
	q := s.withContext(ctx).Where("parent_id = ? AND type = ? AND slug = ?", parentID, "revision", autosaveSlug(parentID))
	if userID != 0 {
		q = q.Where("author_id = ?", userID)
	}
	var p Post
	if err := q.Order("date DESC").Order("id DESC").Take(&p).Error; err != nil {
		return nil, notFoundOr(err, newError(KindNotFound, ReasonNoAutosave))
	}
	return &p, nil
}

// SaveAutosave keeps actor's unsaved edits of a post as WordPress's REST
// autosave does: the author's own draft is simply updated; otherwise the
// edits go into actor's autosave of the post (created, or overwritten when
// they differ from it), and the post stays as it is. It returns the post or
// the autosave. Errors: not found, forbidden (ReasonCannotEditPost),
// internal.
func (s *Store) SaveAutosave(ctx context.Context, actor *User, postID uint64, in PostInput) (*Post, error) {
	p, err := s.PostByID(ctx, postID)
	if err != nil {
		return nil, err
	}
	if p.Type == "revision" || !supportsRevisions(p.Type) {
		return nil, errPostInvalidID
	}
	if !CanEditPost(actor, p) {
		return nil, errCannotEdit
	}
	if (p.Status == "draft" || p.Status == "auto-draft") && p.AuthorID == actor.ID {
		return s.UpdatePost(ctx, actor, postID, in)
	}
	if err := s.checkPostSize(in, p); err != nil {
		return nil, err
	}
	ksesPostInput(actor, &in) // autosaves are filtered like saves (kses_filter.go)
	edited := *p
	applyPostInput(&edited, PostInput{Title: in.Title, Content: in.Content, Excerpt: in.Excerpt})
	old, err := s.Autosave(ctx, p.ID, actor.ID)
	if err != nil && !IsNotFound(err) {
		return nil, err
	}
	if old != nil && revisionFieldsEqual(&edited, p) {
		// Nothing differs from the saved post: the autosave stays as it is.
		return old, nil
	}
	now := s.now()
	auto := &Post{
		Type: "revision", Status: "inherit", ParentID: p.ID, AuthorID: actor.ID,
		Title: edited.Title, Content: edited.Content, Excerpt: edited.Excerpt, Slug: autosaveSlug(p.ID),
		Date: s.GMTToLocal(ctx, now), DateGMT: now, Modified: s.GMTToLocal(ctx, now), ModifiedGMT: now,
		CommentStatus: "closed", PingStatus: "closed",
	}
	if old != nil {
		auto.ID, auto.GUID = old.ID, old.GUID
		err := s.withContext(ctx).Model(&Post{}).Where("id = ?", old.ID).Updates(map[string]any{
			"title": auto.Title, "content": auto.Content, "excerpt": auto.Excerpt,
			"date": auto.Date, "date_gmt": auto.DateGMT, "modified": auto.Modified, "modified_gmt": auto.ModifiedGMT,
		}).Error
		if err != nil {
			return nil, Internal(err)
		}
		return auto, nil
	}
	err = s.transaction(ctx, func(tx *gorm.DB) error {
		auto.ID = 0 // a retried run inserts afresh (write_retry.go)
		if err := tx.Create(auto).Error; err != nil {
			return Internal(err)
		}
		auto.GUID = s.plainLink(auto)
		return tx.Model(&Post{}).Where("id = ?", auto.ID).Update("guid", auto.GUID).Error
	})
	if err != nil {
		return nil, AsError(err)
	}
	return auto, nil
}
