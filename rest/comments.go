package rest

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/presspass/presspass/languages"
	"github.com/presspass/presspass/models"
)

// /wp/v2/comments: WP_REST_Comments_Controller. Permission callbacks here
// mirror the controller's *_permissions_check methods (they also decide the
// Allow header and targetHints); the writes go through the store's comment
// methods in their REST mode (models/comment_rest.go).

func (s *Server) commentsRoutes() []*Route {
	idArg := Arg{Name: "id", Description: "Unique identifier for the comment.", Type: "integer"}
	passwordArg := Arg{Name: "password", Description: "The password for the parent post of the comment (if the post is password protected).", Type: "string"}
	return []*Route{
		{
			Namespace: "wp/v2",
			Pattern:   "/wp/v2/comments",
			Schema:    commentSchema,
			Endpoints: []*Endpoint{
				{Methods: []string{"GET"}, Args: commentCollectionArgs(), Permission: s.canListComments, Handler: s.listComments},
				{Methods: []string{"POST"}, Args: commentWriteArgs(true), Permission: s.canCreateComment, Handler: s.createComment},
			},
		},
		{
			Namespace: "wp/v2",
			Pattern:   `/wp/v2/comments/(?P<id>[\d]+)`,
			Schema:    commentSchema,
			Endpoints: []*Endpoint{
				{Methods: []string{"GET"}, Args: []Arg{idArg, ContextArg("view"), passwordArg}, Permission: s.canReadComment, Handler: s.getComment},
				{Methods: []string{"POST", "PUT", "PATCH"}, Args: append([]Arg{idArg}, commentWriteArgs(false)...), Permission: s.canUpdateComment, Handler: s.updateComment},
				{Methods: []string{"DELETE"}, Args: []Arg{idArg,
					{Name: "force", Type: "boolean", Default: false, Description: "Whether to bypass Trash and force deletion.", Keywords: kwForce}, passwordArg},
					Permission: s.canDeleteComment, Handler: s.deleteComment},
			},
		},
	}
}

// commentIDList is an array-of-integers collection argument.
func commentIDList(name, desc string, withDefault bool) Arg {
	a := Arg{Name: name, Description: desc, Type: "array", Items: &Arg{Type: "integer"}}
	if withDefault {
		a.Default = []any{}
		if name != "include" && name != "exclude" {
			a.Keywords = kwDefaultFirst // WordPress declares these with default first
		}
	}
	return a
}

// sanitizeKeyArg is sanitize_key as a sanitize_callback.
func sanitizeKeyArg(_ *Request, v any) (any, error) { return sanitizeKey(toString(v)), nil }

// sanitizeKey is WordPress's sanitize_key: lower case, only a-z, 0-9, _ and -.
func sanitizeKey(s string) string {
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		if (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-' {
			out = append(out, c)
		}
	}
	return string(out)
}

// commentCollectionArgs is the controller's get_collection_params.
func commentCollectionArgs() []Arg {
	return []Arg{
		ContextArg("view"),
		{Name: "page", Description: "Current page of the collection.", Type: "integer", Default: int64(1), Minimum: Int64(1)},
		{Name: "per_page", Description: "Maximum number of items to be returned in result set.", Type: "integer", Default: int64(10), Minimum: Int64(1), Maximum: Int64(100)},
		{Name: "search", Description: "Limit results to those matching a string.", Type: "string"},
		{Name: "after", Description: "Limit response to comments published after a given ISO8601 compliant date.", Type: "string", Format: "date-time"},
		commentIDList("author", "Limit result set to comments assigned to specific user IDs. Requires authorization.", false),
		commentIDList("author_exclude", "Ensure result set excludes comments assigned to specific user IDs. Requires authorization.", false),
		{Name: "author_email", Description: "Limit result set to that from a specific author email. Requires authorization.", Type: "string", Format: "email",
			Extra: map[string]any{"default": nil}, Keywords: []string{"default", "description", "format", "type"}},
		{Name: "before", Description: "Limit response to comments published before a given ISO8601 compliant date.", Type: "string", Format: "date-time"},
		commentIDList("exclude", "Ensure result set excludes specific IDs.", true),
		commentIDList("include", "Limit result set to specific IDs.", true),
		{Name: "offset", Description: "Offset the result set by a specific number of items.", Type: "integer"},
		{Keywords: kwOrder, Name: "order", Description: "Order sort attribute ascending or descending.", Type: "string", Default: "desc", Enum: []any{"asc", "desc"}},
		{Keywords: kwOrder, Name: "orderby", Description: "Sort collection by comment attribute.", Type: "string", Default: "date_gmt",
			Enum: []any{"date", "date_gmt", "id", "include", "post", "parent", "type"}},
		commentIDList("parent", "Limit result set to comments of specific parent IDs.", true),
		commentIDList("parent_exclude", "Ensure result set excludes specific parent IDs.", true),
		commentIDList("post", "Limit result set to comments assigned to specific post IDs.", true),
		{Name: "status", Description: "Limit result set to comments assigned a specific status. Requires authorization.", Type: "string", Default: "approve", Sanitize: sanitizeKeyArg, Keywords: kwDefaultFirst},
		{Name: "type", Description: "Limit result set to comments assigned a specific type. Requires authorization.", Type: "string", Default: "comment", Sanitize: sanitizeKeyArg, Keywords: kwDefaultFirst},
		{Name: "password", Description: "The password for the post if it is password protected.", Type: "string"},
	}
}

// commentWriteArgs are the writable comment fields
// (get_endpoint_args_for_item_schema); only creation has defaults.
func commentWriteArgs(create bool) []Arg {
	text := func(_ *Request, v any) (any, error) { return models.SanitizeTextField(toString(v)), nil }
	var zero any
	if create {
		zero = int64(0)
	}
	return []Arg{
		{Name: "author", Description: "The ID of the user object, if author was a user.", Type: "integer"},
		{Name: "author_email", Description: "Email address for the comment author.", Type: "string", Format: "email",
			SkipValidation: true, Sanitize: checkCommentAuthorEmail},
		{Name: "author_ip", Description: "IP address for the comment author.", Type: "string", Format: "ip"},
		{Name: "author_name", Description: "Display name for the comment author.", Type: "string", Sanitize: text},
		{Name: "author_url", Description: "URL for the comment author.", Type: "string", Format: "uri"},
		{Name: "author_user_agent", Description: "User agent for the comment author.", Type: "string", Sanitize: text},
		// WordPress validates and sanitizes content itself (a string or {raw}).
		{Name: "content", Description: "The content for the comment.", Type: "object", SkipValidation: true,
			Sanitize: func(_ *Request, v any) (any, error) { return v, nil },
			Extra: map[string]any{"properties": Obj(
				"raw", Obj("description", "Content for the comment, as it exists in the database.", "type", "string", "context", ctxEdit),
				"rendered", Obj("description", "HTML content for the comment, transformed for display.", "type", "string", "context", ctxAll, "readonly", true),
			)}},
		{Name: "date", Description: "The date the comment was published, in the site's timezone.", Type: "string", Format: "date-time"},
		{Name: "date_gmt", Description: "The date the comment was published, as GMT.", Type: "string", Format: "date-time"},
		{Name: "parent", Description: "The ID for the parent of the comment.", Type: "integer", Default: zero, Keywords: kwDefaultFirst},
		{Name: "post", Description: "The ID of the associated post object.", Type: "integer", Default: zero, Keywords: kwDefaultFirst},
		{Name: "status", Description: "State of the comment.", Type: "string", Sanitize: sanitizeKeyArg},
		{Name: "meta", Description: "Meta fields.", Type: "object", Properties: map[string]*Arg{
			"_wp_note_status": {Type: "string", Description: "Note resolution status", Enum: []any{"resolved", "reopen"}},
		}, Extra: map[string]any{"properties": Obj("_wp_note_status", Obj(
			"type", "string", "title", "", "description", "Note resolution status", "default", "", "enum", []any{"resolved", "reopen"}))}},
	}
}

// checkCommentAuthorEmail is the controller's check_comment_author_email:
// empty, or a valid address.
func checkCommentAuthorEmail(_ *Request, v any) (any, error) {
	email := toString(v)
	if email == "" {
		return email, nil
	}
	if !models.IsEmail(email) {
		return nil, Err(http.StatusBadRequest, "rest_invalid_email", languages.Mark("Invalid email address."))
	}
	return email, nil
}

// errCommentInvalidID is get_comment()'s error for a bad id.
var errCommentInvalidID = Err(http.StatusNotFound, "rest_comment_invalid_id", languages.Mark("Invalid comment ID."))

// itemComment is the controller's get_comment: the comment of the item
// route and its post (nil for a comment without one). A comment whose post
// is gone is rest_post_invalid_id.
func itemComment(r *Request) (*models.Comment, *models.Post, error) {
	id, err := parseID(r.URLParam("id"))
	if err != nil || id == 0 {
		return nil, nil, errCommentInvalidID
	}
	c, err := r.Store().CommentByID(r.Ctx(), id)
	if models.IsNotFound(err) {
		return nil, nil, errCommentInvalidID
	}
	if err != nil {
		return nil, nil, err
	}
	if c.PostID == 0 {
		return c, nil, nil
	}
	p, err := r.Store().PostByID(r.Ctx(), c.PostID)
	if models.IsNotFound(err) {
		return nil, nil, Err(http.StatusNotFound, "rest_post_invalid_id", languages.Mark("Invalid post ID."))
	}
	if err != nil {
		return nil, nil, err
	}
	return c, p, nil
}

// commentPostReadable is check_read_post_permission: a password-protected
// post needs edit_post unless this request asked for that one post (or one
// comment) and may see its content.
func commentPostReadable(r *Request, p *models.Post) bool {
	if p.Password != "" {
		requested := len(r.IntList("post")) == 1 || r.Int("id") != 0
		if !requested || !canReadPassword(r, p) {
			return models.CanEditPost(r.User, p)
		}
	}
	return canReadPost(r.User, p)
}

// commentReadable is the controller's check_read_permission.
func commentReadable(r *Request, c *models.Comment, p *models.Post) bool {
	if p != nil && c.Approved == "1" && commentPostReadable(r, p) {
		return true
	}
	if r.User == nil {
		return false
	}
	if c.PostID == 0 && !models.CanModerateComments(r.User) {
		return false
	}
	if c.UserID != 0 && c.UserID == r.User.ID {
		return true
	}
	return models.CanEditComment(r.User, c, p)
}

// commentEditable is check_edit_permission.
func commentEditable(r *Request, c *models.Comment, p *models.Post) bool {
	if r.User == nil {
		return false
	}
	return models.CanModerateComments(r.User) || models.CanEditComment(r.User, c, p)
}

// emptyParam is PHP's empty() for a parameter value.
func emptyParam(v any) bool {
	switch x := v.(type) {
	case nil:
		return true
	case string:
		return x == "" || x == "0"
	case int64:
		return x == 0
	case float64:
		return x == 0
	case bool:
		return !x
	case []any:
		return len(x) == 0
	case map[string]any:
		return len(x) == 0
	}
	return false
}

// canListComments is get_items_permissions_check.
func (s *Server) canListComments(r *Request) error {
	moderator := models.CanModerateComments(r.User)
	if !emptyParam(r.Param("post")) {
		for _, id := range r.IntList("post") {
			if id == 0 {
				if !moderator {
					return Forbidden("rest_cannot_read", languages.Mark("Sorry, you are not allowed to read comments without a post."))
				}
				continue
			}
			p, err := s.store.PostByID(r.Ctx(), uint64(max(id, 0)))
			if models.IsNotFound(err) {
				continue
			}
			if err != nil {
				return err
			}
			if !commentPostReadable(r, p) {
				return Forbidden("rest_cannot_read_post", languages.Mark("Sorry, you are not allowed to read the post for this comment."))
			}
		}
	}
	if r.ViewContext() == "edit" && !moderator {
		return Forbidden("rest_forbidden_context", languages.Mark("Sorry, you are not allowed to edit comments."))
	}
	if !models.CanEditPosts(r.User, "post") {
		var forbidden []string
		for _, name := range []string{"author", "author_exclude", "author_email", "type", "status"} {
			switch name {
			case "status":
				if r.String(name) != "approve" {
					forbidden = append(forbidden, name)
				}
			case "type":
				if r.String(name) != "comment" {
					forbidden = append(forbidden, name)
				}
			default:
				if !emptyParam(r.Param(name)) {
					forbidden = append(forbidden, name)
				}
			}
		}
		if len(forbidden) > 0 {
			e := Forbidden("rest_forbidden_param", languages.Mark("Query parameter not permitted: %s"))
			e.message.args = []any{strings.Join(forbidden, ", ")}
			return e
		}
	}
	return nil
}

// errCommentLoginRequired refuses visitors (rest_allow_anonymous_comments
// is off unless the site option of that name is "1").
var errCommentLoginRequired = Err(http.StatusUnauthorized, "rest_comment_login_required", languages.Mark("Sorry, you must be logged in to comment."))

// canCreateComment is create_item_permissions_check.
func (s *Server) canCreateComment(r *Request) error {
	ctx := r.Ctx()
	if r.User == nil {
		if s.store.Option(ctx, "comment_registration") == "1" || s.store.Option(ctx, "rest_allow_anonymous_comments") != "1" {
			return errCommentLoginRequired
		}
	}
	moderator := models.CanModerateComments(r.User)
	if r.Param("author") != nil && (r.User == nil || r.Int("author") != int64(r.User.ID)) && !moderator {
		return Forbidden("rest_comment_invalid_author", languages.Mark("Sorry, you are not allowed to edit 'author' for comments."))
	}
	if r.Param("author_ip") != nil && !moderator && (r.Client.IP == "" || r.String("author_ip") != r.Client.IP) {
		return Forbidden("rest_comment_invalid_author_ip", languages.Mark("Sorry, you are not allowed to edit 'author_ip' for comments."))
	}
	if r.Param("status") != nil && !moderator {
		return Forbidden("rest_comment_invalid_status", languages.Mark("Sorry, you are not allowed to edit 'status' for comments."))
	}
	noPost := Err(http.StatusForbidden, "rest_comment_invalid_post_id", languages.Mark("Sorry, you are not allowed to create this comment without a post."))
	id := r.Int("post")
	if id <= 0 {
		return noPost
	}
	p, err := s.store.PostByID(ctx, uint64(id))
	if models.IsNotFound(err) {
		return noPost
	}
	if err != nil {
		return err
	}
	switch p.Status {
	case "draft":
		return Err(http.StatusForbidden, "rest_comment_draft_post", languages.Mark("Sorry, you are not allowed to create a comment on this post."))
	case "trash":
		return Err(http.StatusForbidden, "rest_comment_trash_post", languages.Mark("Sorry, you are not allowed to create a comment on this post."))
	}
	if !commentPostReadable(r, p) {
		return Forbidden("rest_cannot_read_post", languages.Mark("Sorry, you are not allowed to read the post for this comment."))
	}
	if p.CommentStatus != "open" {
		return Err(http.StatusForbidden, "rest_comment_closed", languages.Mark("Sorry, comments are closed for this item."))
	}
	return nil
}

// canReadComment is get_item_permissions_check.
func (s *Server) canReadComment(r *Request) error {
	c, p, err := itemComment(r)
	if err != nil {
		return err
	}
	if r.ViewContext() == "edit" && !models.CanModerateComments(r.User) {
		return Forbidden("rest_forbidden_context", languages.Mark("Sorry, you are not allowed to edit comments."))
	}
	if !commentReadable(r, c, p) {
		return Forbidden("rest_cannot_read", languages.Mark("Sorry, you are not allowed to read this comment."))
	}
	if p != nil && !commentPostReadable(r, p) {
		return Forbidden("rest_cannot_read_post", languages.Mark("Sorry, you are not allowed to read the post for this comment."))
	}
	return nil
}

// canUpdateComment is update_item_permissions_check.
func (s *Server) canUpdateComment(r *Request) error {
	return editableCommentPermission(r, "rest_cannot_edit", languages.Mark("Sorry, you are not allowed to edit this comment."))
}

// canDeleteComment is delete_item_permissions_check.
func (s *Server) canDeleteComment(r *Request) error {
	return editableCommentPermission(r, "rest_cannot_delete", languages.Mark("Sorry, you are not allowed to delete this comment."))
}

// editableCommentPermission is the check update and delete share: the
// item's comment exists and the caller may edit it (refused with code and
// message otherwise).
func editableCommentPermission(r *Request, code, message string) error {
	c, p, err := itemComment(r)
	if err != nil {
		return err
	}
	if !commentEditable(r, c, p) {
		return Forbidden(code, message)
	}
	return nil
}

// listComments is get_items. As in WordPress the totals count what the
// query matched, before the per-comment read check drops what the caller
// may not see.
func (s *Server) listComments(r *Request) (*Response, error) {
	page, perPage := r.Int("page"), r.Int("per_page")
	f := models.CommentFilter{
		Status:        r.String("status"),
		IDs:           uintList(r.IntList("include")),
		Exclude:       uintList(r.IntList("exclude")),
		PostIDs:       uintList(r.IntList("post")),
		Parents:       uintList(r.IntList("parent")),
		ParentExclude: uintList(r.IntList("parent_exclude")),
		UserIDs:       uintList(r.IntList("author")),
		AuthorExclude: uintList(r.IntList("author_exclude")),
		AuthorEmail:   r.String("author_email"),
		Search:        r.String("search"),
		OrderBy:       r.String("orderby"),
		Order:         r.String("order"),
		Limit:         int(perPage),
		Offset:        int((page - 1) * perPage),
	}
	if t := r.String("type"); t != "" {
		f.Types = []string{t}
	}
	if !emptyParam(r.Param("offset")) {
		f.Offset = int(max(r.Int("offset"), 0))
	}
	for _, b := range []struct {
		name string
		dst  **time.Time
	}{{"before", &f.Before}, {"after", &f.After}} {
		if v := r.String(b.name); v != "" {
			if t, ok := ParseDate(v); ok {
				*b.dst = &t
			}
		}
	}
	comments, total, err := s.store.Comments(r.Ctx(), f)
	if err != nil {
		return nil, err
	}
	l := newCommentLoader(r)
	items := make([]any, 0, len(comments))
	for i := range comments {
		c := &comments[i]
		p, err := l.post(c.PostID)
		if err != nil {
			return nil, err
		}
		if !commentReadable(r, c, p) {
			continue
		}
		data, err := s.renderComment(r, c, p, l, true)
		if err != nil {
			return nil, err
		}
		items = append(items, data)
	}
	resp := NewResponse(http.StatusOK, items)
	r.Paginate(resp, "/wp/v2/comments", total, page, perPage)
	return resp, nil
}

func (s *Server) getComment(r *Request) (*Response, error) {
	c, p, err := itemComment(r)
	if err != nil {
		return nil, err
	}
	data, err := s.renderComment(r, c, p, newCommentLoader(r), true)
	if err != nil {
		return nil, err
	}
	return NewResponse(http.StatusOK, data), nil
}

// commentInput reads prepare_item_for_database's fields.
func commentInput(r *Request) models.CommentInput {
	in := models.CommentInput{Rules: models.RESTCommentRules, Client: r.Client}
	if r.HTTP != nil {
		in.Client.UserAgent = r.HTTP.UserAgent()
	}
	switch v := r.Param("content").(type) {
	case string:
		in.Content = &v
	case map[string]any:
		if raw, ok := v["raw"].(string); ok {
			in.Content = &raw
		}
	}
	if r.Param("parent") != nil {
		p := uint64(max(r.Int("parent"), 0))
		in.ParentID = &p
	}
	if r.Param("author") != nil {
		a := uint64(max(r.Int("author"), 0))
		in.UserID = &a
	}
	for _, f := range []struct {
		name string
		dst  **string
	}{{"author_name", &in.AuthorName}, {"author_email", &in.AuthorEmail}, {"author_url", &in.AuthorURL},
		{"author_ip", &in.AuthorIP}, {"author_user_agent", &in.Agent}} {
		if r.Param(f.name) != nil {
			v := r.String(f.name)
			*f.dst = &v
		}
	}
	if d := r.String("date"); d != "" {
		if local, gmt, ok := restDateWithGMT(d, false); ok {
			if gmt != nil {
				in.DateGMT = gmt
			} else {
				in.Date = &local
			}
		}
	} else if d := r.String("date_gmt"); d != "" {
		if _, gmt, ok := restDateWithGMT(d, true); ok {
			in.DateGMT = gmt
		}
	}
	if st := r.String("status"); r.Param("status") != nil && models.KnownRESTCommentStatus(st) {
		in.Status = &st
	}
	return in
}

// createComment is create_item.
func (s *Server) createComment(r *Request) (*Response, error) {
	if !emptyParam(r.Param("id")) {
		return nil, Err(http.StatusBadRequest, "rest_comment_exists", languages.Mark("Cannot create existing comment."))
	}
	if t := r.Param("type"); !emptyParam(t) && toString(t) != "comment" {
		return nil, Err(http.StatusBadRequest, "rest_invalid_comment_type", languages.Mark("Cannot create a comment with that type."))
	}
	in := commentInput(r)
	in.PostID = uint64(max(r.Int("post"), 0))
	if in.Status != nil && !models.CanModerateComments(r.User) {
		in.Status = nil
	}
	c, err := s.store.CreateComment(r.Ctx(), r.User, in)
	if err != nil {
		return nil, err
	}
	// WordPress answers moderators in the edit context, others in view;
	// the context also decides the Allow header.
	ctxName := "view"
	if models.CanModerateComments(r.User) {
		ctxName = "edit"
	}
	r.SetParam("context", ctxName)
	resp, err := s.writtenComment(r, c, http.StatusCreated)
	if err != nil {
		return nil, err
	}
	resp.Header.Set("Location", r.URL("/wp/v2/comments/"+strconv.FormatUint(c.ID, 10)))
	return resp, nil
}

// writtenComment answers a create or update with the comment as it is now,
// its post loaded afresh (an update may have moved it).
func (s *Server) writtenComment(r *Request, c *models.Comment, status int) (*Response, error) {
	l := newCommentLoader(r)
	p, err := l.post(c.PostID)
	if err != nil {
		return nil, err
	}
	data, err := s.renderComment(r, c, p, l, true)
	if err != nil {
		return nil, err
	}
	return NewResponse(status, data), nil
}

// updateComment is update_item.
func (s *Server) updateComment(r *Request) (*Response, error) {
	cur, _, err := itemComment(r)
	if err != nil {
		return nil, err
	}
	if t := r.Param("type"); t != nil && toString(t) != commentTypeName(cur) {
		return nil, Err(http.StatusNotFound, "rest_comment_invalid_type", languages.Mark("Sorry, you are not allowed to change the comment type."))
	}
	in := commentInput(r)
	if r.Param("post") != nil {
		p := uint64(max(r.Int("post"), 0))
		in.MoveToPost = &p
	}
	c, err := s.store.UpdateComment(r.Ctx(), r.User, cur.ID, in)
	if err != nil {
		return nil, err
	}
	r.SetParam("context", "edit")
	return s.writtenComment(r, c, http.StatusOK)
}

// deleteComment is delete_item: to the trash, or for good with force.
func (s *Server) deleteComment(r *Request) (*Response, error) {
	cur, p, err := itemComment(r)
	if err != nil {
		return nil, err
	}
	r.SetParam("context", "edit")
	l := newCommentLoader(r)
	if r.Bool("force") {
		previous, err := s.renderComment(r, cur, p, l, false)
		if err != nil {
			return nil, err
		}
		if _, err := s.store.DeleteComment(r.Ctx(), r.User, cur.ID); err != nil {
			return nil, err
		}
		return NewResponse(http.StatusOK, Obj("deleted", true, "previous", previous)), nil
	}
	c, err := s.store.TrashComment(r.Ctx(), r.User, cur.ID)
	if err != nil {
		return nil, err
	}
	data, err := s.renderComment(r, c, p, l, true)
	if err != nil {
		return nil, err
	}
	return NewResponse(http.StatusOK, data), nil
}
