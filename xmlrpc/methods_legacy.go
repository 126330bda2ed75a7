package xmlrpc

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/presspass/presspass/languages"
	"github.com/presspass/presspass/models"
)

// The metaWeblog, Blogger and Movable Type APIs, as WordPress implements
// them (parameter order, defaults and faults included).

// commentStatusFrom reads mt_allow_comments / mt_allow_pings: "open",
// "closed", or numbers (0 and, for comments, 2 close; 1 opens); anything
// else is the type's default.
func commentStatusFrom(v Value, def string, two bool) string {
	s, _ := v.AsString()
	if !isNumeric(v) {
		switch s {
		case "open", "closed":
			return s
		}
		return def
	}
	switch v.AsInt() {
	case 0:
		return "closed"
	case 1:
		return "open"
	case 2:
		if two {
			return "closed"
		}
	}
	return def
}

// isNumeric is PHP's is_numeric.
func isNumeric(v Value) bool {
	switch v.Kind {
	case KindInt, KindDouble:
		return true
	case KindString:
		s := strings.TrimLeft(v.Str, " \t\n\r\v\f")
		num, ok := numericPrefix(s)
		return ok && strings.TrimRight(s[len(num):], " \t\n\r\v\f") == ""
	}
	return false
}

// defaultCommentStatus is get_default_comment_status: pages are closed.
func (c *Call) defaultCommentStatus(postType, option string) string {
	if postType == "page" {
		return "closed"
	}
	return c.srv.store.Option(c.ctx, option)
}

// sanitizeKey is WordPress's sanitize_key.
func sanitizeKey(s string) string {
	s = strings.ToLower(s)
	var b strings.Builder
	for _, r := range s {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_' || r == '-' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// mwNewPost(blog, username, password, content[, publish]).
func mwNewPost(c *Call, p Params) (Value, error) {
	u, err := c.login(p, 1, 2)
	if err != nil {
		return Value{}, err
	}
	return c.mwNewPost(u, p.Struct(3), p.Bool(4))
}

func (c *Call) mwNewPost(u *models.User, content Value, publish bool) (Value, error) {
	postType := "post"
	if t, ok := memberString(content, "post_type"); ok && t != "" {
		if t != "post" && t != "page" {
			return Value{}, NewFault(401, languages.Mark("Invalid post type."))
		}
		postType = t
	}
	if !models.CanCreatePost(u, postType) {
		return Value{}, NewFault(401, languages.Mark("Sorry, you are not allowed to publish posts on this site."))
	}
	if s, _ := memberString(content, postType+"_status"); (publish || s == "publish") && !models.CanPublish(u, postType) {
		if postType == "page" {
			return Value{}, NewFault(401, languages.Mark("Sorry, you are not allowed to publish pages on this site."))
		}
		return Value{}, NewFault(401, languages.Mark("Sorry, you are not allowed to publish posts on this site."))
	}
	var format *string
	if f, ok := memberString(content, "wp_post_format"); ok {
		f = sanitizeKey(f)
		if !models.IsPostFormat(f) {
			return Value{}, NewFault(404, languages.Mark("Invalid post format."))
		}
		format = &f
	}
	in := models.PostInput{Type: postType, Format: format}
	if s, ok := memberString(content, "wp_slug"); ok {
		in.Slug = &s
	}
	if s, ok := memberString(content, "wp_password"); ok {
		in.Password = &s
	}
	if n, ok := memberInt(content, "wp_page_parent_id"); ok {
		parent := uint64(absint(n))
		in.ParentID = &parent
	}
	if n, ok := memberInt(content, "wp_page_order"); ok {
		order := int(n)
		in.MenuOrder = &order
	}
	if n, ok := memberInt(content, "wp_author_id"); ok && uint64(n) != u.ID {
		if !models.CanEditOthersPosts(u, postType) {
			if postType == "page" {
				return Value{}, NewFault(401, languages.Mark("Sorry, you are not allowed to create pages as this user."))
			}
			return Value{}, NewFault(401, languages.Mark("Sorry, you are not allowed to create posts as this user."))
		}
		if n <= 0 {
			return Value{}, NewFault(404, languages.Mark("Invalid author ID."))
		}
		if _, err := c.srv.store.UserByID(c.ctx, uint64(n)); err != nil {
			if models.IsNotFound(err) {
				return Value{}, NewFault(404, languages.Mark("Invalid author ID."))
			}
			return Value{}, err
		}
		author := uint64(n)
		in.AuthorID = &author
	}
	title, _ := memberString(content, "title")
	body, _ := memberString(content, "description")
	status := "draft"
	if publish {
		status = "publish"
	}
	if s, ok := memberString(content, postType+"_status"); ok {
		switch s {
		case "draft", "pending", "private", "publish":
			status = s
		}
	}
	excerpt, _ := memberString(content, "mt_excerpt")
	if more, _ := memberString(content, "mt_text_more"); more != "" {
		body += "<!--more-->" + more
	}
	comments := c.defaultCommentStatus(postType, "default_comment_status")
	if v, ok := content.Get("mt_allow_comments"); ok {
		comments = commentStatusFrom(v, comments, true)
	}
	pings := c.defaultCommentStatus(postType, "default_ping_status")
	if v, ok := content.Get("mt_allow_pings"); ok {
		pings = commentStatusFrom(v, pings, false)
	}
	in.Title, in.Content, in.Excerpt, in.Status = &title, &body, &excerpt, &status
	in.CommentStatus, in.PingStatus = &comments, &pings
	if t, ok := memberString(content, "wp_page_template"); ok && t != "" && postType == "page" {
		in.Template = &t
	}
	applyDate(&in, content, "date_created_gmt", "dateCreated")
	if postType == "post" {
		if sv, ok := content.Get("sticky"); ok {
			if status == "private" || in.Password != nil && *in.Password != "" {
				if sv.Truthy() {
					return Value{}, NewFault(401, languages.Mark("Sorry, you cannot stick a private post."))
				}
			} else {
				if !models.CanStick(u, "post", models.StickyByEditorsWhoPublish) {
					return Value{}, NewFault(401, languages.Mark("Sorry, you are not allowed to make posts sticky."))
				}
				b := validateBool(sv)
				in.Sticky = &b
			}
		}
	}
	if len(title) > maxTitleBytes {
		return Value{}, NewFault(500, languages.Mark("Could not update post in the database."))
	}
	if err := c.mwThumbnail(content, &in, nil); err != nil {
		return Value{}, err
	}
	fields, err := customFieldChanges(content)
	if err != nil {
		return Value{}, err
	}
	post, err := c.srv.store.CreatePost(c.ctx, u, in)
	if err != nil {
		return Value{}, postWriteFault(err, true)
	}
	if err := c.mwApplyTerms(u, post, content, true); err != nil {
		return Value{}, err
	}
	if err := c.setCustomFields(u, post, fields); err != nil {
		return Value{}, err
	}
	return idString(post.ID), nil
}

// mwEditPost(post_id, username, password, content[, publish]).
func mwEditPost(c *Call, p Params) (Value, error) {
	id, u, err := c.idAndLogin(p, 0, 1)
	if err != nil {
		return Value{}, err
	}
	post, err := c.postOrNotFound(id, faultNoSuchPost)
	if err != nil {
		return Value{}, err
	}
	return c.mwEditPost(u, post, p.Struct(3), p.Bool(4))
}

func (c *Call) mwEditPost(u *models.User, post *models.Post, content Value, publish bool) (Value, error) {
	if !c.canEditPost(u, post) {
		return Value{}, faultCannotEditPost
	}
	if post.Type != "post" && post.Type != "page" {
		return Value{}, NewFault(401, languages.Mark("Invalid post type."))
	}
	if t, ok := memberString(content, "post_type"); ok && t != "" && t != post.Type {
		return Value{}, NewFault(401, languages.Mark("The post type may not be changed."))
	}
	var in models.PostInput
	if f, ok := memberString(content, "wp_post_format"); ok {
		f = sanitizeKey(f)
		if !models.IsPostFormat(f) {
			return Value{}, NewFault(404, languages.Mark("Invalid post format."))
		}
		in.Format = &f
	}
	if s, ok := memberString(content, "wp_slug"); ok {
		in.Slug = &s
	}
	password := post.Password
	if s, ok := memberString(content, "wp_password"); ok {
		password = s
		in.Password = &s
	}
	if n, ok := memberInt(content, "wp_page_parent_id"); ok {
		parent := uint64(absint(n))
		in.ParentID = &parent
	}
	if n, ok := memberInt(content, "wp_page_order"); ok {
		order := int(n)
		in.MenuOrder = &order
	}
	if t, ok := memberString(content, "wp_page_template"); ok && t != "" && post.Type == "page" {
		in.Template = &t
	}
	if n, ok := memberInt(content, "wp_author_id"); ok && (uint64(n) != u.ID || post.AuthorID != u.ID) {
		if !models.CanEditOthersPosts(u, post.Type) {
			if post.Type == "page" {
				return Value{}, NewFault(401, languages.Mark("Sorry, you are not allowed to change the page author as this user."))
			}
			return Value{}, NewFault(401, languages.Mark("Sorry, you are not allowed to change the post author as this user."))
		}
		author := uint64(absint(n))
		in.AuthorID = &author
	}
	if v, ok := content.Get("mt_allow_comments"); ok {
		s := commentStatusFrom(v, c.defaultCommentStatus(post.Type, "default_comment_status"), true)
		in.CommentStatus = &s
	}
	if v, ok := content.Get("mt_allow_pings"); ok {
		s := commentStatusFrom(v, c.defaultCommentStatus(post.Type, "default_ping_status"), false)
		in.PingStatus = &s
	}
	body := post.Content
	if s, ok := memberString(content, "title"); ok {
		in.Title = &s
	}
	if s, ok := memberString(content, "description"); ok {
		body = s
	}
	if s, ok := memberString(content, "mt_excerpt"); ok {
		in.Excerpt = &s
	}
	if more, _ := memberString(content, "mt_text_more"); more != "" {
		body += "<!--more-->" + more
	}
	in.Content = &body
	status := "draft"
	if publish {
		status = "publish"
	}
	if s, ok := memberString(content, post.Type+"_status"); ok {
		switch s {
		case "draft", "pending", "private", "publish":
			status = s
		}
	}
	if status == "publish" || status == "private" {
		if post.Type == "page" && !models.CanPublish(u, "page") {
			return Value{}, NewFault(401, languages.Mark("Sorry, you are not allowed to publish this page."))
		} else if !models.CanPublish(u, "post") {
			return Value{}, NewFault(401, languages.Mark("Sorry, you are not allowed to publish this post."))
		}
	}
	in.Status = &status
	applyDate(&in, content, "date_created_gmt", "dateCreated")
	if post.Type == "post" {
		if sv, ok := content.Get("sticky"); ok {
			if status == "private" || password != "" {
				if sv.Truthy() {
					return Value{}, NewFault(401, languages.Mark("Sorry, you cannot stick a private post."))
				}
				off := false
				in.Sticky = &off
			} else {
				if !models.CanStick(u, "post", models.StickyByEditorsWhoPublish) {
					return Value{}, NewFault(401, languages.Mark("Sorry, you are not allowed to make posts sticky."))
				}
				b := validateBool(sv)
				in.Sticky = &b
			}
		}
	}
	if in.Title != nil && len(*in.Title) > maxTitleBytes {
		return Value{}, NewFault(500, languages.Mark("Could not update post in the database."))
	}
	if err := c.mwThumbnail(content, &in, post); err != nil {
		return Value{}, err
	}
	fields, err := customFieldChanges(content)
	if err != nil {
		return Value{}, err
	}
	updated, err := c.srv.store.UpdatePost(c.ctx, u, post.ID, in)
	if err != nil {
		return Value{}, postWriteFault(err, false)
	}
	if err := c.mwApplyTerms(u, updated, content, false); err != nil {
		return Value{}, err
	}
	if err := c.setCustomFields(u, updated, fields); err != nil {
		return Value{}, err
	}
	return Bool(true), nil
}

// mwGetPost(post_id, username, password).
func mwGetPost(c *Call, p Params) (Value, error) {
	_, post, err := c.loginEditablePost(p, 0, 1)
	if err != nil {
		return Value{}, err
	}
	return c.mwPost(post, false)
}

// mwGetRecentPosts(blog, username, password[, number]).
func mwGetRecentPosts(c *Call, p Params) (Value, error) {
	n, err := p.Int(3)
	if err != nil {
		return Value{}, err
	}
	u, err := c.loginCan(p, editsPosts, NewFault(401, languages.Mark("Sorry, you are not allowed to edit posts.")))
	if err != nil {
		return Value{}, err
	}
	posts, err := c.recentPosts(absint(n))
	if err != nil {
		return Value{}, err
	}
	if err := c.preloadCustomFields(u, posts); err != nil {
		return Value{}, err
	}
	c.prefetchLinks(posts)
	defer c.forgetPrefetched()
	out := make([]Value, 0, len(posts))
	for i := range posts {
		if !c.canEditPost(u, &posts[i]) {
			continue
		}
		v, err := c.mwPost(&posts[i], true)
		if err != nil {
			return Value{}, err
		}
		out = append(out, v)
	}
	return Array(out...), nil
}

// bloggerGetPost(appkey, post_id, username, password).
func bloggerGetPost(c *Call, p Params) (Value, error) {
	_, post, err := c.loginEditablePost(p, 1, 2)
	if err != nil {
		return Value{}, err
	}
	return c.bloggerPost(post)
}

var faultNoPosts = NewFault(500, languages.Mark("No posts found or an error occurred while retrieving posts."))

// bloggerGetRecentPosts(appkey, blog, username, password[, number]).
func bloggerGetRecentPosts(c *Call, p Params) (Value, error) {
	n, err := p.Int(4)
	if err != nil {
		return Value{}, err
	}
	u, err := c.login(p, 2, 3)
	if err != nil {
		return Value{}, err
	}
	if !models.CanEditPosts(u, "post") {
		return Value{}, NewFault(401, languages.Mark("Sorry, you are not allowed to edit posts."))
	}
	posts, err := c.recentPosts(absint(n))
	if err != nil {
		return Value{}, err
	}
	if len(posts) == 0 {
		return Value{}, faultNoPosts
	}
	out := make([]Value, 0, len(posts))
	for i := range posts {
		if !c.canEditPost(u, &posts[i]) {
			continue
		}
		v, err := c.bloggerPost(&posts[i])
		if err != nil {
			return Value{}, err
		}
		out = append(out, v)
	}
	return Array(out...), nil
}

var (
	bloggerTitle    = regexp.MustCompile(`(?is)<title>(.+?)</title>`)
	bloggerCategory = regexp.MustCompile(`(?is)<category>(.+?)</category>`)
)

// bloggerContent splits Blogger content into title and body, as
// xmlrpc_getposttitle and xmlrpc_removepostdata do (the category ids are
// read by bloggerCategoryIDs).
func bloggerContent(content string) (title, body string) {
	if m := bloggerTitle.FindStringSubmatch(content); m != nil {
		title = m[1]
	}
	body = bloggerTitle.ReplaceAllString(content, "")
	body = bloggerCategory.ReplaceAllString(body, "")
	return title, strings.TrimSpace(body)
}

// bloggerNewPost(appkey, blog, username, password, content, publish).
func bloggerNewPost(c *Call, p Params) (Value, error) {
	content, err := p.String(4)
	if err != nil {
		return Value{}, err
	}
	publish := p.Bool(5)
	u, err := c.login(p, 2, 3)
	if err != nil {
		return Value{}, err
	}
	if !models.CanCreatePost(u, "post") || publish && !models.CanPublish(u, "post") {
		return Value{}, NewFault(401, languages.Mark("Sorry, you are not allowed to post on this site."))
	}
	status := "draft"
	if publish {
		status = "publish"
	}
	title, body := bloggerContent(content)
	post, err := c.srv.store.CreatePost(c.ctx, u, models.PostInput{Type: "post", Title: &title, Content: &body, Status: &status})
	if err != nil {
		return Value{}, postWriteFault(err, true)
	}
	cats, _ := bloggerCategoryIDs(content)
	if err := c.setCategories(u, post, cats); err != nil {
		return Value{}, err
	}
	return Int(int64(post.ID)), nil
}

// bloggerEditPost(appkey, post_id, username, password, content, publish).
func bloggerEditPost(c *Call, p Params) (Value, error) {
	id, err := p.ID(1)
	if err != nil {
		return Value{}, err
	}
	content, err := p.String(4)
	if err != nil {
		return Value{}, err
	}
	publish := p.Bool(5)
	u, err := c.login(p, 2, 3)
	if err != nil {
		return Value{}, err
	}
	post, err := c.bloggerOwnPost(id)
	if err != nil {
		return Value{}, err
	}
	if !c.canEditPost(u, post) {
		return Value{}, faultCannotEditPost
	}
	if post.Status == "publish" && !models.CanPublish(u, "post") {
		return Value{}, NewFault(401, languages.Mark("Sorry, you are not allowed to publish this post."))
	}
	title, body := bloggerContent(content)
	status := "draft"
	if publish {
		status = "publish"
	}
	if _, err := c.srv.store.UpdatePost(c.ctx, u, post.ID, models.PostInput{Title: &title, Content: &body, Status: &status}); err != nil {
		if models.ErrorKind(err) == models.KindInternal {
			return Value{}, err
		}
		return Value{}, NewFault(500, languages.Mark("Sorry, the post could not be updated."))
	}
	if cats, ok := bloggerCategoryIDs(content); ok {
		if err := c.setCategories(u, post, cats); err != nil {
			return Value{}, err
		}
	}
	return Bool(true), nil
}

// bloggerOwnPost loads the post the Blogger API edits or deletes: it only
// knows posts, so a page or an attachment is "no such post", as in
// WordPress.
func (c *Call) bloggerOwnPost(id uint64) (*models.Post, error) {
	post, err := c.postOrNotFound(id, faultSorryNoSuchPost)
	if err == nil && post.Type != "post" {
		return nil, faultSorryNoSuchPost
	}
	return post, err
}

// bloggerDeletePost(appkey, post_id, username, password[, publish]), also
// metaWeblog.deletePost.
func bloggerDeletePost(c *Call, p Params) (Value, error) {
	id, u, err := c.idAndLogin(p, 1, 2)
	if err != nil {
		return Value{}, err
	}
	post, err := c.bloggerOwnPost(id)
	if err != nil {
		return Value{}, err
	}
	if !c.canDeletePost(u, post) {
		return Value{}, NewFault(401, languages.Mark("Sorry, you are not allowed to delete this post."))
	}
	if err := c.trashOrDelete(u, post); err != nil {
		return Value{}, deleteFault(err, languages.Mark("Sorry, the post could not be deleted."))
	}
	return Bool(true), nil
}

// mtGetRecentPostTitles(blog, username, password[, number]).
func mtGetRecentPostTitles(c *Call, p Params) (Value, error) {
	n, err := p.Int(3)
	if err != nil {
		return Value{}, err
	}
	u, err := c.login(p, 1, 2)
	if err != nil {
		return Value{}, err
	}
	posts, err := c.recentPosts(absint(n))
	if err != nil {
		return Value{}, err
	}
	if len(posts) == 0 {
		return Value{}, faultNoPosts
	}
	out := make([]Value, 0, len(posts))
	for i := range posts {
		post := &posts[i]
		if !c.canEditPost(u, post) {
			continue
		}
		out = append(out, Struct(
			M("dateCreated", localDate(post.Date)),
			M("userid", Str(strconv.FormatUint(post.AuthorID, 10))),
			M("postid", idString(post.ID)),
			M("title", Str(post.Title)),
			M("post_status", Str(post.Status)),
			M("date_created_gmt", c.gmtDate(post.DateGMT, post.Date)),
		))
	}
	return Array(out...), nil
}

// mtPublishPost(post_id, username, password): the post id, as an int.
func mtPublishPost(c *Call, p Params) (Value, error) {
	id, u, err := c.idAndLogin(p, 0, 1)
	if err != nil {
		return Value{}, err
	}
	post, err := c.postOrNotFound(id, faultNoSuchPost)
	if err != nil {
		return Value{}, err
	}
	if !models.CanPublish(u, "post") || !c.canEditPost(u, post) {
		return Value{}, NewFault(401, languages.Mark("Sorry, you are not allowed to publish this post."))
	}
	status := "publish"
	if _, err := c.srv.store.UpdatePost(c.ctx, u, post.ID, models.PostInput{Status: &status}); err != nil {
		return Value{}, postWriteFault(err, false)
	}
	return Int(int64(post.ID)), nil
}

// mwThumbnail reads metaWeblog's wp_post_thumbnail into in: an image
// attachment becomes the featured image; on an edit an empty value removes
// it. What set_post_thumbnail refuses (no such attachment, an empty value on
// a new post, another file where there is no featured image to remove) is
// WordPress's 404 "Invalid attachment ID.", answered before anything is
// written. existing is nil for a new post.
func (c *Call) mwThumbnail(content Value, in *models.PostInput, existing *models.Post) error {
	v, ok := content.Get("wp_post_thumbnail")
	if !ok {
		return nil
	}
	none := uint64(0)
	if existing != nil && !v.Truthy() {
		in.FeaturedMediaID = &none
		return nil
	}
	id := uint64(absint(v.AsInt()))
	if id == 0 {
		return faultInvalidAttachment
	}
	if _, err := c.srv.store.PostByID(c.ctx, id); err != nil {
		if models.IsNotFound(err) {
			return faultInvalidAttachment
		}
		return err
	}
	if c.srv.store.CanBeFeaturedMedia(c.ctx, id) {
		in.FeaturedMediaID = &id
		return nil
	}
	if existing == nil || existing.FeaturedMediaID == 0 {
		return faultInvalidAttachment
	}
	in.FeaturedMediaID = &none
	return nil
}
