package xmlrpc

import (
	"github.com/presspass/presspass/languages"
	"github.com/presspass/presspass/models"
)

// wp.getRevisions and wp.restoreRevision: a post's revisions, for those who
// may edit the post.

// defaultRevisionFields is what wp.getRevisions returns without a fields
// list (WordPress's xmlrpc_default_revision_fields).
var defaultRevisionFields = []string{"post_date", "post_date_gmt"}

var faultRevisionsDisabled = NewFault(401, languages.Mark("Sorry, revisions are disabled."))

// wpGetRevisions(blog, username, password, post_id[, fields]): the post's
// revisions, newest first, autosaves left out, each as _prepare_post makes
// it (post_id always, then the fields asked for).
func wpGetRevisions(c *Call, p Params) (Value, error) {
	id, fields, u, err := c.idFieldsAndLogin(p, defaultRevisionFields)
	if err != nil {
		return Value{}, err
	}
	post, err := c.postWithCap(u, id, c.canEditPost, faultNoSuchPost, NewFault(401, languages.Mark("Sorry, you are not allowed to edit posts.")))
	if err != nil {
		return Value{}, err
	}
	if !models.SupportsRevisions(post.Type) {
		return Value{}, faultRevisionsDisabled
	}
	revs, err := c.srv.store.Revisions(c.ctx, post.ID)
	if err != nil {
		return Value{}, err
	}
	out := make([]Value, 0, len(revs))
	for i := range revs {
		if revs[i].IsAutosave() {
			continue
		}
		v, err := c.preparePost(&revs[i], fields)
		if err != nil {
			return Value{}, err
		}
		out = append(out, v)
	}
	return Array(out...), nil
}

// wpRestoreRevision(blog, username, password, revision_id): the post gets
// the revision's title, content and excerpt back. WordPress asks for only
// three arguments, so a missing revision id reads as 0: "Invalid post ID.".
func wpRestoreRevision(c *Call, p Params) (Value, error) {
	if err := p.Min(3); err != nil {
		return Value{}, err
	}
	id, u, err := c.idAndLogin(p, 3, 1)
	if err != nil {
		return Value{}, err
	}
	rev, err := c.postOrNotFound(id, faultNoSuchPost)
	if err != nil {
		return Value{}, err
	}
	if rev.Type != "revision" || rev.IsAutosave() {
		return Value{}, faultNoSuchPost
	}
	parent, err := c.editablePost(u, rev.ParentID)
	if err != nil {
		return Value{}, err
	}
	if !models.SupportsRevisions(parent.Type) {
		return Value{}, faultRevisionsDisabled
	}
	if _, err := c.srv.store.RestoreRevision(c.ctx, u, rev.ID); err != nil {
		return Value{}, restoreFault(err)
	}
	return Bool(true), nil
}

// restoreFault maps what the store refuses after the checks above (a race
// with a concurrent change) to WordPress's faults.
func restoreFault(err error) error {
	switch models.ErrorKind(err) {
	case models.KindNotFound:
		return faultNoSuchPost
	case models.KindForbidden:
		return faultCoded(401, err)
	}
	return err
}
