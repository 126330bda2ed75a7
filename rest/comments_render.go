package rest

import (
	"strconv"

	"github.com/presspass/presspass/models"
	"github.com/presspass/presspass/models/wptext"
)

// commentLoader loads the posts of the comments of one response once each.
type commentLoader struct {
	r     *Request
	posts map[uint64]*models.Post
}

func newCommentLoader(r *Request) *commentLoader {
	return &commentLoader{r: r, posts: map[uint64]*models.Post{}}
}

// post returns a comment's post, nil when it has none or it is gone.
func (l *commentLoader) post(id uint64) (*models.Post, error) {
	if id == 0 {
		return nil, nil
	}
	if p, ok := l.posts[id]; ok {
		return p, nil
	}
	p, err := l.r.Store().PostByID(l.r.Ctx(), id)
	if err != nil && !models.IsNotFound(err) {
		return nil, err
	}
	l.posts[id] = p
	return p, nil
}

// commentStatusName is prepare_status_response.
func commentStatusName(c *models.Comment) string {
	switch c.Approved {
	case "0":
		return "hold"
	case "1":
		return "approved"
	}
	return c.Approved
}

// commentTypeName is get_comment_type: an empty type is a comment.
func commentTypeName(c *models.Comment) string {
	if c.Type == "" {
		return "comment"
	}
	return c.Type
}

// commentFieldContexts lists the contexts of each comment field (the
// controller's schema).
var commentFieldContexts = map[string]string{
	"id": "view edit embed", "post": "view edit", "parent": "view edit embed", "author": "view edit embed",
	"author_name": "view edit embed", "author_email": "edit", "author_url": "view edit embed",
	"author_ip": "edit", "author_user_agent": "edit", "date": "view edit embed", "date_gmt": "view edit",
	"content": "view edit embed", "link": "view edit embed", "status": "view edit", "type": "view edit embed",
	"author_avatar_urls": "view edit embed", "meta": "view edit",
}

// renderComment is prepare_item_for_response. withLinks is false for the
// "previous" of a deletion, which WordPress shows without links.
func (s *Server) renderComment(r *Request, c *models.Comment, p *models.Post, l *commentLoader, withLinks bool) (*Object, error) {
	vctx := r.ViewContext()
	// Set below in WordPress's order.
	data := &Object{members: make([]member, 0, 18)}
	add := func(field string, value func() any) {
		if containsWord(commentFieldContexts[field], vctx) && r.FieldIncluded(field) {
			data.Set(field, value())
		}
	}
	add("id", func() any { return c.ID })
	add("post", func() any { return c.PostID })
	add("parent", func() any { return c.ParentID })
	add("author", func() any { return c.UserID })
	add("author_name", func() any { return c.AuthorName })
	add("author_email", func() any { return c.AuthorEmail })
	add("author_url", func() any { return c.AuthorURL })
	add("author_ip", func() any { return c.AuthorIP })
	add("author_user_agent", func() any { return c.Agent })
	add("date", func() any { return formatDate(c.Date) })
	add("date_gmt", func() any { return formatDate(c.DateGMT) })
	add("content", func() any {
		rendered := wptext.CommentText(c.Content, s.textOptions(r))
		if vctx == "edit" {
			return Obj("rendered", rendered, "raw", c.Content)
		}
		return Obj("rendered", rendered)
	})
	add("link", func() any { return s.commentLink(r, c, p) })
	add("status", func() any { return commentStatusName(c) })
	add("type", func() any { return commentTypeName(c) })
	if s.store.ShowAvatars(r.Ctx()) {
		add("author_avatar_urls", func() any { return avatarURLs(s.commentAvatarEmail(r, c)) })
	}
	// No comment meta is stored; the one key WordPress registers (notes'
	// resolution status) is always unset.
	add("meta", func() any { return Obj("_wp_note_status", nil) })
	if !withLinks {
		return data, nil
	}
	links, err := s.commentLinks(r, c, p)
	if err != nil {
		return nil, err
	}
	return r.WithLinks(data, links), nil
}

// containsWord reports whether the space-separated list has w.
func containsWord(list, w string) bool {
	for start := 0; start < len(list); {
		end := start
		for end < len(list) && list[end] != ' ' {
			end++
		}
		if list[start:end] == w {
			return true
		}
		start = end + 1
	}
	return false
}

// commentLink is get_comment_link: the post's permalink and the anchor.
func (s *Server) commentLink(r *Request, c *models.Comment, p *models.Post) string {
	anchor := "#comment-" + strconv.FormatUint(c.ID, 10)
	if p == nil {
		return r.SiteURL() + "/" + anchor
	}
	return s.store.Permalink(r.Ctx(), p, r.User) + anchor
}

// commentAvatarEmail is the address get_avatar_data hashes: the user's for
// a comment by a user, else the comment's.
func (s *Server) commentAvatarEmail(r *Request, c *models.Comment) string {
	if c.UserID != 0 {
		if u, err := r.UserByID(c.UserID); err == nil {
			return u.Email
		}
	}
	return c.AuthorEmail
}

// commentLinks is the controller's prepare_links.
func (s *Server) commentLinks(r *Request, c *models.Comment, p *models.Post) (Links, error) {
	links := Links{
		{Rel: "self", Href: r.URL("/wp/v2/comments/" + strconv.FormatUint(c.ID, 10))},
		{Rel: "collection", Href: r.URL("/wp/v2/comments")},
	}
	if c.UserID != 0 {
		links = append(links, Link{Rel: "author", Href: r.URL("/wp/v2/users/" + strconv.FormatUint(c.UserID, 10)), Embeddable: true})
	}
	if p != nil {
		links = append(links, Link{Rel: "up", Href: r.URL("/wp/v2/" + restBaseOf(p.Type) + "/" + strconv.FormatUint(p.ID, 10)),
			Embeddable: true, Attrs: Obj("embeddable", true, "post_type", p.Type)})
	}
	if c.ParentID != 0 {
		links = append(links, Link{Rel: "in-reply-to", Href: r.URL("/wp/v2/comments/" + strconv.FormatUint(c.ParentID, 10)), Embeddable: true})
	}
	children, err := s.store.CommentHasChildren(r.Ctx(), c.ID)
	if err != nil {
		return nil, err
	}
	if children {
		links = append(links, Link{Rel: "children", Href: r.URL("/wp/v2/comments?parent=" + strconv.FormatUint(c.ID, 10)), Embeddable: true})
	}
	return links, nil
}

// commentSchema is the controller's get_item_schema, shown by OPTIONS.
func commentSchema() *Object {
	avatarProps := &Object{}
	for _, n := range avatarSizes {
		sz := strconv.Itoa(n)
		avatarProps.Set(sz, Obj("description", "Avatar URL with image size of "+sz+" pixels.", "type", "string", "format", "uri",
			"context", ctxList("embed", "view", "edit")))
	}
	return Obj(
		"$schema", "http://json-schema.org/draft-04/schema#", "title", "comment", "type", "object",
		"properties", Obj(
			"id", prop("Unique identifier for the comment.", "integer", ctxAll, "readonly", true),
			"author", prop("The ID of the user object, if author was a user.", "integer", ctxAll),
			"author_email", prop("Email address for the comment author.", "string", ctxEdit, "format", "email"),
			"author_ip", prop("IP address for the comment author.", "string", ctxEdit, "format", "ip"),
			"author_name", prop("Display name for the comment author.", "string", ctxAll),
			"author_url", prop("URL for the comment author.", "string", ctxAll, "format", "uri"),
			"author_user_agent", prop("User agent for the comment author.", "string", ctxEdit),
			"content", prop("The content for the comment.", "object", ctxAll, "properties", Obj(
				"raw", prop("Content for the comment, as it exists in the database.", "string", ctxEdit),
				"rendered", prop("HTML content for the comment, transformed for display.", "string", ctxAll, "readonly", true),
			)),
			"date", prop("The date the comment was published, in the site's timezone.", "string", ctxAll, "format", "date-time"),
			"date_gmt", prop("The date the comment was published, as GMT.", "string", ctxViewEdit, "format", "date-time"),
			"link", prop("URL to the comment.", "string", ctxAll, "format", "uri", "readonly", true),
			"parent", prop("The ID for the parent of the comment.", "integer", ctxAll, "default", 0),
			"post", prop("The ID of the associated post object.", "integer", ctxViewEdit, "default", 0),
			"status", prop("State of the comment.", "string", ctxViewEdit),
			"type", prop("Type of the comment.", "string", ctxAll, "readonly", true, "default", "comment"),
			"author_avatar_urls", prop("Avatar URLs for the comment author.", "object", ctxAll, "readonly", true, "properties", avatarProps),
			"meta", prop("Meta fields.", "object", ctxViewEdit, "properties", Obj(
				"_wp_note_status", Obj("type", "string", "title", "", "description", "Note resolution status", "default", "", "enum", []any{"resolved", "reopen"}),
			)),
		),
	)
}
