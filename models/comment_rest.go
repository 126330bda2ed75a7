package models

import (
	"context"
	"net"
	"strings"
)

// The rules of WordPress's REST comments controller
// (WP_REST_Comments_Controller::create_item and update_item), which differ
// from the XML-RPC ones: the author may be named by user id or by name and
// e-mail even when logged in, every author needs a name and e-mail when
// require_name_email is on, field lengths are checked, and a moderator's
// status is applied after the comment is in, unknown statuses ignored.

// CommentRules names the rule set a comment write follows.
type CommentRules int

const (
	// XMLRPCCommentRules are wp_new_comment's and wp_update_comment's as
	// XML-RPC calls them: the logged-in user is the author, unknown
	// statuses are refused.
	XMLRPCCommentRules CommentRules = iota
	// RESTCommentRules are the REST comments controller's.
	RESTCommentRules
)

var (
	errRESTCommentContent    = newError(KindInvalid, ReasonCommentContentInvalid)
	errRESTCommentAuthor     = newError(KindInvalid, ReasonCommentAuthorInvalid)
	errRESTCommentAuthorData = newError(KindInvalid, ReasonCommentAuthorDataMissing)
	errRESTCommentPost       = newError(KindForbidden, ReasonCommentPostInvalid)
)

// commentMaxLengths are wp_get_comment_fields_max_lengths in bytes, with
// the reason wp_check_comment_data_max_lengths reports for each column.
var commentMaxLengths = []struct {
	reason Reason
	n      int
	get    func(*Comment) string
}{
	{ReasonCommentAuthorTooLong, 245, func(c *Comment) string { return c.AuthorName }},
	{ReasonCommentEmailTooLong, 100, func(c *Comment) string { return c.AuthorEmail }},
	{ReasonCommentURLTooLong, 200, func(c *Comment) string { return c.AuthorURL }},
	{ReasonCommentContentTooLong, 65525, func(c *Comment) string { return c.Content }},
}

// checkCommentLengths is wp_check_comment_data_max_lengths as the REST
// controller reports it.
func checkCommentLengths(c *Comment) error {
	for _, m := range commentMaxLengths {
		if len(m.get(c)) > m.n {
			return newError(KindInvalid, m.reason).With(Details{Limit: int64(m.n)})
		}
	}
	return nil
}

// restCommentClient fills the address and user agent as
// prepare_item_for_database does: a moderator's author_ip, else the
// caller's address (127.0.0.1 when it is not one); the given user agent,
// else the caller's.
func restCommentClient(actor *User, c *Comment, in CommentInput) {
	switch {
	case in.AuthorIP != nil && CanModerateComments(actor):
		c.AuthorIP = *in.AuthorIP
	case net.ParseIP(in.Client.IP) != nil:
		c.AuthorIP = in.Client.IP
	default:
		c.AuthorIP = "127.0.0.1"
	}
	if in.Agent != nil && *in.Agent != "" {
		c.Agent = clipBytes(*in.Agent, 254)
	} else if in.Client.UserAgent != "" {
		c.Agent = clipBytes(in.Client.UserAgent, 254)
	}
}

// applyCommentUser makes the comment the user's with their name, e-mail
// and URL (the REST author field). Errors: invalid
// (ReasonCommentAuthorInvalid), internal.
func (s *Store) applyCommentUser(ctx context.Context, c *Comment, id uint64) error {
	u, err := s.UserByID(ctx, id)
	if IsNotFound(err) || id == 0 {
		return errRESTCommentAuthor
	}
	if err != nil {
		return err
	}
	c.UserID, c.AuthorName, c.AuthorEmail, c.AuthorURL = u.ID, u.DisplayName, u.Email, u.URL
	return nil
}

// createRESTComment is CreateComment under the REST controller's rules
// (RESTCommentRules); the caller has run create_item_permissions_check.
func (s *Store) createRESTComment(ctx context.Context, actor *User, post *Post, in CommentInput) (*Comment, error) {
	c := &Comment{PostID: post.ID, Type: "comment"}
	restCommentClient(actor, c, in)
	if in.UserID != nil {
		if err := s.applyCommentUser(ctx, c, *in.UserID); err != nil {
			return nil, err
		}
	}
	for _, f := range []struct {
		v   *string
		dst *string
	}{{in.AuthorName, &c.AuthorName}, {in.AuthorEmail, &c.AuthorEmail}, {in.AuthorURL, &c.AuthorURL}} {
		if f.v != nil {
			*f.dst = *f.v
		}
	}
	if in.Content != nil {
		c.Content = strings.TrimSpace(*in.Content)
	}
	if c.Content == "" {
		return nil, errRESTCommentContent
	}
	if actor != nil && c.UserID == 0 && c.AuthorName == "" && c.AuthorEmail == "" && c.AuthorURL == "" {
		c.UserID, c.AuthorName, c.AuthorEmail, c.AuthorURL = actor.ID, actor.DisplayName, actor.Email, actor.URL
	}
	// wp_new_comment's pre_comment_author_name and _url filters.
	c.AuthorName, c.AuthorURL = cleanCommentAuthorName(c.AuthorName), cleanCommentAuthorURL(c.AuthorURL)
	if s.Option(ctx, "require_name_email") != "0" && (c.AuthorName == "" || c.AuthorEmail == "") {
		return nil, errRESTCommentAuthorData
	}
	if err := checkCommentLengths(c); err != nil {
		return nil, err
	}
	if err := s.setCommentParent(ctx, c, post, in.ParentID); err != nil {
		return nil, err
	}
	s.settleCommentDates(ctx, c, in)
	if err := s.checkDuplicateComment(ctx, c); err != nil {
		return nil, err
	}
	if !CanModerateComments(actor) && !CanManageOptions(actor) {
		if err := s.checkCommentFlood(ctx, actor, c); err != nil {
			return nil, err
		}
	}
	// wp_allow_comment: the post's author and moderators are trusted, by
	// the comment's user rather than by who sends it.
	trusted := false
	if c.UserID != 0 {
		u, err := s.UserByID(ctx, c.UserID)
		if err != nil && !IsNotFound(err) {
			return nil, err
		}
		trusted = u != nil && (u.ID == post.AuthorID || CanModerateComments(u))
	}
	c.Approved = "1"
	if !trusted {
		ok, err := s.commentPassesModeration(ctx, c)
		if err != nil {
			return nil, err
		}
		if !ok {
			c.Approved = "0"
		}
	}
	if in.Status != nil && CanModerateComments(actor) {
		applyRESTCommentStatus(c, *in.Status)
	}
	// The REST controller filters the content (kses) after its checks,
	// just before inserting.
	c.Content = s.preCommentContent(actor, c.Content)
	if err := s.insertComment(ctx, c); err != nil {
		return nil, err
	}
	return c, nil
}

// applyRESTCommentStatus is handle_status_param: a known status (or
// untrash / unspam) changes the comment, anything else is ignored.
func applyRESTCommentStatus(c *Comment, status string) {
	switch status {
	case "approved", "approve", "1":
		c.Approved = "1"
	case "hold", "0":
		c.Approved = "0"
	case "spam", "trash":
		if c.Approved != status {
			c.TrashedFrom = c.Approved
			c.Approved = status
		}
	case "untrash", "unspam":
		if c.Approved == strings.TrimPrefix(status, "un") {
			c.Approved = c.TrashedFrom
			if c.Approved == "" {
				c.Approved = "0"
			}
			c.TrashedFrom = ""
		}
	}
}

// KnownRESTCommentStatus reports whether handle_status_param acts on
// status; the REST adapter ignores the others as WordPress does.
func KnownRESTCommentStatus(status string) bool {
	switch status {
	case "approved", "approve", "1", "hold", "0", "spam", "trash", "untrash", "unspam":
		return true
	}
	return false
}

// prepareRESTCommentUpdate applies the REST-only parts of an update before
// the shared fields: the author user, the updater's address and user
// agent (WordPress overwrites them on every REST update), the post and the
// trimmed content. Errors: invalid, forbidden, not found, internal.
func (s *Store) prepareRESTCommentUpdate(ctx context.Context, actor *User, c *Comment, in CommentInput) error {
	if in.UserID != nil {
		if err := s.applyCommentUser(ctx, c, *in.UserID); err != nil {
			return err
		}
	}
	restCommentClient(actor, c, in)
	if in.MoveToPost != nil && *in.MoveToPost != 0 {
		p, err := s.PostByID(ctx, *in.MoveToPost)
		if IsNotFound(err) {
			return errRESTCommentPost
		}
		if err != nil {
			return err
		}
		c.PostID = p.ID
	}
	if in.Content != nil {
		c.Content = strings.TrimSpace(*in.Content)
		if c.Content == "" {
			return errRESTCommentContent
		}
	}
	return nil
}
