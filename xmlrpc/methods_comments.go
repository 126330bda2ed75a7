package xmlrpc

import (
	"net/url"
	"strconv"
	"strings"

	"github.com/presspass/presspass/languages"
	"github.com/presspass/presspass/models"
)

var (
	faultInvalidCommentID  = NewFault(404, languages.Mark("Invalid comment ID."))
	faultCannotEditComment = NewFault(403, languages.Mark("Sorry, you are not allowed to moderate or edit this comment."))
	faultInvalidCommentSt  = NewFault(401, languages.Mark("Invalid comment status."))
	faultNoCommentPost     = NewFault(403, languages.Mark("Sorry, you are not allowed to comment on this post."))
)

// prepareComment is WordPress's _prepare_comment.
func (c *Call) prepareComment(cm *models.Comment, posts map[uint64]*models.Post) (Value, error) {
	post := posts[cm.PostID]
	if post == nil {
		p, err := c.srv.store.PostByID(c.ctx, cm.PostID)
		if err != nil && !models.IsNotFound(err) {
			return Value{}, err
		}
		post = p
		posts[cm.PostID] = p
	}
	link, title := "", ""
	if post != nil {
		link = c.permalink(post) + "#comment-" + strconv.FormatUint(cm.ID, 10)
		title = post.Title
	}
	return Struct(
		M("date_created_gmt", c.gmtDate(cm.DateGMT, cm.Date)),
		M("user_id", Str(strconv.FormatUint(cm.UserID, 10))),
		M("comment_id", Str(strconv.FormatUint(cm.ID, 10))),
		M("parent", Str(strconv.FormatUint(cm.ParentID, 10))),
		M("status", Str(cm.CommentStatus())),
		M("content", Str(cm.Content)),
		M("link", Str(link)),
		M("post_id", Str(strconv.FormatUint(cm.PostID, 10))),
		M("post_title", Str(title)),
		M("author", Str(cm.AuthorName)),
		M("author_url", Str(cm.AuthorURL)),
		M("author_email", Str(cm.AuthorEmail)),
		M("author_ip", Str(cm.AuthorIP)),
		M("type", Str(cm.Type)),
	), nil
}

// loginEditableComment reads (blog, username, password, comment_id, …) in
// WordPress's order — the id, then the login — and loads the comment,
// answering with deny when edit_comment is refused.
func (c *Call) loginEditableComment(p Params, deny *Fault) (*models.User, *models.Comment, error) {
	id, err := p.Int(3)
	if err != nil {
		return nil, nil, err
	}
	u, err := c.login(p, 1, 2)
	if err != nil {
		return nil, nil, err
	}
	cm, err := c.editableComment(u, id, deny)
	return u, cm, err
}

// editableComment loads a comment and checks edit_comment, answering with
// deny when it is refused.
func (c *Call) editableComment(u *models.User, id int64, deny *Fault) (*models.Comment, error) {
	if id <= 0 {
		return nil, faultInvalidCommentID
	}
	cm, err := c.srv.store.CommentByID(c.ctx, uint64(id))
	if models.IsNotFound(err) {
		return nil, faultInvalidCommentID
	}
	if err != nil {
		return nil, err
	}
	post, err := c.srv.store.PostByID(c.ctx, cm.PostID)
	if err != nil && !models.IsNotFound(err) {
		return nil, err
	}
	if !models.CanEditComment(u, cm, post) {
		return nil, deny
	}
	return cm, nil
}

// wpGetComment(blog, username, password, comment_id).
func wpGetComment(c *Call, p Params) (Value, error) {
	_, cm, err := c.loginEditableComment(p, faultCannotEditComment)
	if err != nil {
		return Value{}, err
	}
	return c.prepareComment(cm, map[uint64]*models.Post{})
}

// wpGetComments(blog, username, password[, filter]): non-moderators may
// only list approved comments.
func wpGetComments(c *Call, p Params) (Value, error) {
	u, err := c.login(p, 1, 2)
	if err != nil {
		return Value{}, err
	}
	filter := p.Struct(3)
	status, _ := memberString(filter, "status")
	if !models.CanModerateComments(u) && status != "approve" {
		return Value{}, faultInvalidCommentSt
	}
	f := models.CommentFilter{Status: status, Limit: 10}
	if status == "" {
		f.Status = "all"
	}
	if n, ok := memberInt(filter, "post_id"); ok {
		f.PostIDs = []uint64{uint64(absint(n))}
	}
	if t, ok := memberString(filter, "post_type"); ok {
		if t != "post" && t != "page" && t != "attachment" {
			return Value{}, NewFault(404, languages.Mark("Invalid post type."))
		}
		f.PostTypes = []string{t}
	}
	if n, ok := memberInt(filter, "offset"); ok {
		f.Offset = absint(n)
	}
	if n, ok := memberInt(filter, "number"); ok {
		f.Limit = absint(n)
	}
	comments, _, err := c.srv.store.Comments(c.ctx, f)
	if err != nil {
		return Value{}, err
	}
	posts := map[uint64]*models.Post{}
	out := Array()
	for i := range comments {
		v, err := c.prepareComment(&comments[i], posts)
		if err != nil {
			return Value{}, err
		}
		out.Array = append(out.Array, v)
	}
	return out, nil
}

// wpDeleteComment(blog, username, password, comment_id): to the trash, or
// for good when it is in the trash or spam already (wp_delete_comment).
func wpDeleteComment(c *Call, p Params) (Value, error) {
	u, cm, err := c.loginEditableComment(p, NewFault(403, languages.Mark("Sorry, you are not allowed to delete this comment.")))
	if err != nil {
		return Value{}, err
	}
	if cm.Approved == "trash" || cm.Approved == "spam" {
		_, err = c.srv.store.DeleteComment(c.ctx, u, cm.ID)
	} else {
		_, err = c.srv.store.TrashComment(c.ctx, u, cm.ID)
	}
	if err != nil {
		return Value{}, err
	}
	return Bool(true), nil
}

// wpEditComment(blog, username, password, comment_id, content).
func wpEditComment(c *Call, p Params) (Value, error) {
	u, cm, err := c.loginEditableComment(p, faultCannotEditComment)
	if err != nil {
		return Value{}, err
	}
	content := p.Struct(4)
	var in models.CommentInput
	if v, ok := content.Get("status"); ok {
		s, _ := v.AsString()
		valid := v.Kind == KindString
		if valid {
			valid = false
			for _, st := range models.CommentStatuses() {
				valid = valid || st[0] == s
			}
		}
		if !valid {
			return Value{}, faultInvalidCommentSt
		}
		in.Status = &s
	}
	if v, ok := content.Get("date_created_gmt"); ok && v.Kind == KindDateTime && !v.Time.IsZero() {
		// WordPress forces a Z on this date: it is GMT whatever it says.
		t := v.Time
		if !v.HasZone {
			t = t.UTC()
		}
		in.DateGMT = &t
	}
	for _, f := range []struct {
		name string
		dst  **string
	}{{"content", &in.Content}, {"author", &in.AuthorName}, {"author_url", &in.AuthorURL}, {"author_email", &in.AuthorEmail}} {
		if s, ok := memberString(content, f.name); ok {
			v := s
			*f.dst = &v
		}
	}
	if _, err := c.srv.store.UpdateComment(c.ctx, u, cm.ID, in); err != nil {
		if k := models.ErrorKind(err); k == models.KindInternal || k == models.KindUnavailable {
			return Value{}, err
		}
		return Value{}, faultCoded(500, err)
	}
	return Bool(true), nil
}

// wpNewComment(blog, username, password, post, content): post is an id or
// a URL of this site. Anonymous comments over XML-RPC are off, as in
// WordPress by default.
func wpNewComment(c *Call, p Params) (Value, error) {
	u, err := c.login(p, 1, 2)
	if err != nil {
		return Value{}, err
	}
	pv, _ := p.Value(3)
	var postID uint64
	if isNumeric(pv) {
		postID = uint64(absint(pv.AsInt()))
	} else if s, ok := pv.AsString(); ok {
		postID, err = c.urlToPostID(s)
		if err != nil {
			return Value{}, err
		}
	}
	if postID == 0 {
		return Value{}, faultNoSuchPost
	}
	post, err := c.postOrNotFound(postID, faultNoSuchPost)
	if err != nil {
		return Value{}, err
	}
	if post.CommentStatus != "open" {
		return Value{}, NewFault(403, languages.Mark("Sorry, comments are closed for this item."))
	}
	if post.Status == "publish" && !c.canEditPost(u, post) && post.Password != "" {
		return Value{}, faultNoCommentPost
	}
	if post.Status == "private" && !models.CanReadPost(u, post) {
		return Value{}, faultNoCommentPost
	}
	content := p.Struct(4)
	body, _ := memberString(content, "content")
	body = strings.TrimSpace(body)
	in := models.CommentInput{PostID: post.ID, Content: &body, Client: c.client}
	if n, ok := memberInt(content, "comment_parent"); ok {
		parent := uint64(absint(n))
		in.ParentID = &parent
	}
	if body == "" {
		return Value{}, NewFault(403, languages.Mark("Comment is required."))
	}
	cm, err := c.srv.store.CreateComment(c.ctx, u, in)
	if err != nil {
		if k := models.ErrorKind(err); k == models.KindInternal || k == models.KindUnavailable {
			return Value{}, err
		}
		return Value{}, faultCoded(403, err)
	}
	return Int(int64(cm.ID)), nil
}

// urlToPostID is url_to_postid for this site's links: ?p=, ?page_id= and
// pretty links ending in a post or page slug. Another site's URL is 0.
func (c *Call) urlToPostID(raw string) (uint64, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return 0, nil
	}
	site, err := url.Parse(c.srv.cfg.SiteURL)
	if err != nil || u.Host != "" && !strings.EqualFold(u.Host, site.Host) {
		return 0, nil
	}
	q := u.Query()
	for _, k := range []string{"p", "page_id", "attachment_id"} {
		if v := q.Get(k); v != "" {
			n, err := strconv.ParseUint(v, 10, 64)
			if err != nil {
				return 0, nil
			}
			return n, nil
		}
	}
	path := strings.Trim(strings.TrimPrefix(u.Path, strings.TrimRight(site.Path, "/")), "/")
	if path == "" || c.srv.store.Option(c.ctx, "permalink_structure") == "" {
		return 0, nil
	}
	parts := strings.Split(path, "/")
	slug := parts[len(parts)-1]
	posts, _, err := c.srv.store.Posts(c.ctx, models.PostFilter{
		Types: []string{"post", "page"}, Statuses: []string{"publish", "private"}, Slugs: []string{slug}, Limit: 1,
	})
	if err != nil || len(posts) == 0 {
		return 0, err
	}
	return posts[0].ID, nil
}

// wpGetCommentCount(blog, username, password, post_id).
func wpGetCommentCount(c *Call, p Params) (Value, error) {
	id, u, err := c.idAndLogin(p, 3, 1)
	if err != nil {
		return Value{}, err
	}
	post, err := c.postWithCap(u, id, c.canEditPost, faultNoSuchPost, NewFault(403, languages.Mark("Sorry, you are not allowed to access details of this post.")))
	if err != nil {
		return Value{}, err
	}
	n, err := c.srv.store.CountComments(c.ctx, post.ID)
	if err != nil {
		return Value{}, err
	}
	return Struct(
		M("approved", Int(n.Approved)),
		M("awaiting_moderation", Int(n.Moderated)),
		M("spam", Int(n.Spam)),
		M("total_comments", Int(n.Total)),
	), nil
}

// wpGetCommentStatusList(blog, username, password).
func wpGetCommentStatusList(c *Call, p Params) (Value, error) {
	if _, err := c.loginCan(p, publishesPosts, faultSiteDetails); err != nil {
		return Value{}, err
	}
	var out []Member
	for _, st := range models.CommentStatuses() {
		out = append(out, M(st[0], Str(st[1])))
	}
	return Struct(out...), nil
}

// firstArg is the first argument, also when it was sent alone.
func firstArg(p Params) (Value, bool) {
	if p.single != nil {
		return *p.single, true
	}
	return p.Value(0)
}

// mtGetTrackbackPings(post_id): no login, as in WordPress.
func mtGetTrackbackPings(c *Call, p Params) (Value, error) {
	v, _ := firstArg(p)
	id := v.AsInt()
	if !v.Scalar() || id <= 0 {
		return Value{}, faultSorryNoSuchPost
	}
	post, err := c.postOrNotFound(uint64(id), faultSorryNoSuchPost)
	if err != nil {
		return Value{}, err
	}
	comments, _, err := c.srv.store.Comments(c.ctx, models.CommentFilter{Status: "any", PostIDs: []uint64{post.ID}, Order: "asc"})
	if err != nil {
		return Value{}, err
	}
	out := Array()
	for _, cm := range comments {
		if cm.Type == "trackback" {
			out.Array = append(out.Array, Struct(
				M("pingTitle", Str(cm.AuthorName)), M("pingURL", Str(cm.AuthorURL)), M("pingIP", Str(cm.AuthorIP))))
		}
	}
	return out, nil
}

// faultPingback is what WordPress's xmlrpc_pingback_error filter makes of
// every pingback fault but 48: code 0 with no text.
var faultPingback = ixrFault(0, "")

// pingbackGetPingbacks(url): the source URLs of the pingbacks a post got.
func pingbackGetPingbacks(c *Call, p Params) (Value, error) {
	v, _ := firstArg(p)
	raw, ok := v.AsString()
	if !ok || !v.Scalar() {
		return Value{}, faultPingback
	}
	id, err := c.urlToPostID(raw)
	if err != nil {
		return Value{}, err
	}
	if id == 0 {
		return Value{}, faultPingback
	}
	post, err := c.postOrNotFound(id, faultPingback)
	if err != nil {
		return Value{}, err
	}
	comments, _, err := c.srv.store.Comments(c.ctx, models.CommentFilter{Status: "any", PostIDs: []uint64{post.ID}, Order: "asc"})
	if err != nil {
		return Value{}, err
	}
	out := Array()
	for _, cm := range comments {
		if cm.Type == "pingback" {
			out.Array = append(out.Array, Str(cm.AuthorURL))
		}
	}
	return out, nil
}

// wpGetPageTemplates(blog, username, password): PressPass has no theme
// templates, so only WordPress's "Default" entry is listed.
func wpGetPageTemplates(c *Call, p Params) (Value, error) {
	if _, err := c.loginCan(p, editsPages, faultSiteDetails); err != nil {
		return Value{}, err
	}
	return Struct(M("Default", Str("default"))), nil
}
