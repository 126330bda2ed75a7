package models

import "context"

// SupportsRevisions reports whether posts of a type keep revisions
// (WordPress's wp_revisions_enabled for the type): posts and pages do.
func SupportsRevisions(postType string) bool { return supportsRevisions(postType) }

var errRevisionsDisabled = newError(KindForbidden, ReasonRevisionsDisabled)

// RestoreRevision copies a revision's title, content and excerpt back onto
// the post it revises, as actor, the way wp_restore_post_revision does: the
// update goes through UpdatePost, so the restored state is itself recorded
// as a new revision and the post's modified date moves. Autosaves are not
// restorable here (the XML-RPC rule). It returns the updated post.
// Errors: not found (ReasonInvalidPostID: no such revision, an autosave,
// or a missing parent), forbidden (ReasonCannotEditPost,
// ReasonRevisionsDisabled),
// internal.
func (s *Store) RestoreRevision(ctx context.Context, actor *User, revisionID uint64) (*Post, error) {
	rev, err := s.PostByID(ctx, revisionID)
	if err != nil {
		return nil, err
	}
	if rev.Type != "revision" || rev.IsAutosave() {
		return nil, errPostInvalidID
	}
	parent, err := s.PostByID(ctx, rev.ParentID)
	if err != nil {
		return nil, err
	}
	if !CanEditPost(actor, parent) {
		return nil, errCannotEdit
	}
	if !supportsRevisions(parent.Type) {
		return nil, errRevisionsDisabled
	}
	title, content, excerpt := rev.Title, rev.Content, rev.Excerpt
	return s.UpdatePost(ctx, actor, parent.ID, PostInput{Title: &title, Content: &content, Excerpt: &excerpt})
}
