package rest

import (
	"context"
	"regexp"
	"strconv"
	"time"

	"github.com/presspass/presspass/models"
	"github.com/presspass/presspass/models/wptext"
)

// This file renders posts and pages as WordPress's WP_REST_Posts_Controller
// prepares them: the fields of the view, edit and embed contexts, the
// rendered title/content/excerpt, the links and the class list.

// restBaseOf returns the REST collection of a stored post type.
func restBaseOf(t string) string {
	switch t {
	case "page":
		return "pages"
	case "attachment":
		return "media"
	}
	return "posts"
}

// postFieldContexts lists the contexts each top-level field appears in
// (the posts and attachments schemas); fields not listed appear in view
// and edit.
var postFieldContexts = map[string][]string{
	"id": {"view", "edit", "embed"}, "date": {"view", "edit", "embed"}, "link": {"view", "edit", "embed"},
	"slug": {"view", "edit", "embed"}, "type": {"view", "edit", "embed"}, "title": {"view", "edit", "embed"},
	"author": {"view", "edit", "embed"}, "excerpt": {"view", "edit", "embed"},
	"featured_media": {"view", "edit", "embed"}, "parent": {"view", "edit", "embed"},
	"menu_order": {"view", "edit"},
	"password":   {"edit"}, "permalink_template": {"edit"}, "generated_slug": {"edit"},
	// Attachments only.
	"caption": {"view", "edit", "embed"}, "alt_text": {"view", "edit", "embed"},
	"media_type": {"view", "edit", "embed"}, "mime_type": {"view", "edit", "embed"},
	"media_details": {"view", "edit", "embed"}, "source_url": {"view", "edit", "embed"},
	"missing_image_sizes": {"edit"},
}

// postFieldOrder is the order of a post's members in WordPress's answers
// (WP_REST_Posts_Controller::prepare_item_for_response sets them in this
// order; the attachments controller adds its own after the posts').
// The type's REST taxonomies come after meta (postType.fieldOrder).
var postFieldOrder = []string{
	"id", "date", "date_gmt", "guid", "modified", "modified_gmt", "password", "slug", "status", "type", "link",
	"title", "content", "excerpt", "author", "featured_media", "parent", "menu_order", "comment_status",
	"ping_status", "sticky", "template", "format", "meta",
}

// postFieldOrderTail follows the taxonomies.
var postFieldOrderTail = []string{
	"permalink_template", "generated_slug", "class_list", "wp_pattern_sync_status",
	// Attachments only.
	"description", "caption", "alt_text", "media_type", "mime_type", "media_details", "post", "source_url",
	"missing_image_sizes",
	"_links",
}

func inContext(field, ctx string) bool {
	list, ok := postFieldContexts[field]
	if !ok {
		return ctx != "embed"
	}
	for _, c := range list {
		if c == ctx {
			return true
		}
	}
	return false
}

// postRenderData is what rendering a batch of posts needs beyond the posts
// themselves, loaded once per response.
type postRenderData struct {
	revisions map[uint64]models.RevisionStat
	// terms are the posts' terms of every taxonomy, by post id.
	terms map[uint64][]models.Term
	// parentTypes maps page parent ids to their post types (for "up" links).
	parentTypes map[uint64]string
	// posts are the posts rendered; links their permalinks by id, built
	// for all of them at the first one that shows its link (a page's link
	// names its ancestors, which are loaded once for the list).
	posts []*models.Post
	links map[uint64]string
}

// link is the permalink of p, one of d's posts, as r's user sees it.
func (d *postRenderData) link(r *Request, st *models.Store, p *models.Post) string {
	if d.links == nil {
		d.links = make(map[uint64]string, len(d.posts))
		for i, l := range st.Permalinks(r.Ctx(), d.posts, r.User) {
			d.links[d.posts[i].ID] = l
		}
	}
	if l, ok := d.links[p.ID]; ok {
		return l
	}
	return st.Permalink(r.Ctx(), p, r.User)
}

// loadPostRenderData fetches, in as few queries as possible, what the
// links of posts need.
func (s *Server) loadPostRenderData(ctx context.Context, posts []*models.Post) (*postRenderData, error) {
	return s.loadRenderData(ctx, posts, false)
}

// loadRenderData is loadPostRenderData; created says the request has just
// created the posts, whose relations models loads its own way.
func (s *Server) loadRenderData(ctx context.Context, posts []*models.Post, created bool) (*postRenderData, error) {
	var parents []uint64
	for _, p := range posts {
		if p.ParentID != 0 {
			parents = append(parents, p.ParentID)
		}
	}
	d := &postRenderData{parentTypes: map[uint64]string{}, posts: posts}
	load := s.store.PostRelationsOf
	if created {
		load = s.store.CreatedPostRelations
	}
	rel, err := load(ctx, posts)
	if err != nil {
		return nil, err
	}
	d.terms, d.revisions = rel.Terms, rel.Revisions
	if len(parents) > 0 {
		list, _, err := s.store.Posts(ctx, models.PostFilter{
			IDs: parents, Types: []string{"post", "page", "attachment"},
			Statuses: []string{"publish", "future", "draft", "pending", "private", "trash", "inherit", "auto-draft"},
		})
		if err != nil {
			return nil, err
		}
		for _, p := range list {
			d.parentTypes[p.ID] = p.Type
		}
	}
	return d, nil
}

// formatDate is WordPress's mysql_to_rfc3339 for a stored date: no zone.
func formatDate(t time.Time) string { return t.Format("2006-01-02T15:04:05") }

// canReadPassword is can_access_password_content: the content of a
// password-protected post is shown to those who may edit it or who sent
// the right password.
func canReadPassword(r *Request, p *models.Post) bool {
	if p.Password == "" {
		return true
	}
	if models.CanEditPost(r.User, p) {
		return true
	}
	return r.String("password") == p.Password
}

// postFieldFilter is the request's test for a top-level field: in the
// view context and asked for by _fields.
func postFieldFilter(r *Request) func(string) bool {
	vctx := r.ViewContext()
	return func(field string) bool { return inContext(field, vctx) && r.FieldIncluded(field) }
}

// renderPostCommon fills the fields posts, pages and attachments render
// alike (WordPress's attachments controller inherits them from the posts
// controller's prepare_item_for_response).
func (s *Server) renderPostCommon(r *Request, p *models.Post, include func(string) bool, data *Object) {
	ctx := r.Ctx()
	edit := r.ViewContext() == "edit"
	st := s.store
	for _, f := range []struct {
		name  string
		value any
	}{
		{"id", p.ID}, {"slug", p.Slug}, {"status", p.Status}, {"type", p.Type}, {"author", p.AuthorID},
		{"featured_media", p.FeaturedMediaID}, {"comment_status", p.CommentStatus}, {"ping_status", p.PingStatus},
		{"template", p.Template},
	} {
		if include(f.name) {
			data.Set(f.name, f.value)
		}
	}
	if include("date") {
		data.Set("date", formatDate(p.Date))
	}
	if include("date_gmt") {
		gmt := p.DateGMT
		if p.HasFloatingDate() {
			gmt = st.LocalToGMT(ctx, p.Date)
		}
		data.Set("date_gmt", formatDate(gmt))
	}
	if include("guid") {
		g := Obj("rendered", p.GUID)
		if edit {
			g.Set("raw", p.GUID)
		}
		data.Set("guid", g)
	}
	if include("modified") {
		data.Set("modified", formatDate(p.Modified))
	}
	if include("modified_gmt") {
		gmt := p.ModifiedGMT
		if gmt.IsZero() || gmt.Year() < 1000 {
			gmt = st.LocalToGMT(ctx, p.Modified)
		}
		data.Set("modified_gmt", formatDate(gmt))
	}
	if include("title") {
		// REST drops the "Protected: " prefix themes show.
		if edit {
			data.Set("title", Obj("raw", p.Title, "rendered", wptext.TheTitle(p.Title)))
		} else {
			data.Set("title", Obj("rendered", wptext.TheTitle(p.Title)))
		}
	}
}

// renderPost builds the REST representation of p for the request's context.
func (s *Server) renderPost(r *Request, p *models.Post, pt *postType, d *postRenderData) *Object {
	ctx := r.Ctx()
	edit := r.ViewContext() == "edit"
	st := s.store
	data := NewObject(pt.fieldOrder)
	fieldFilter := postFieldFilter(r)
	include := func(field string) bool { return pt.hasField(field) && fieldFilter(field) }
	// A pattern's raw title and content are its only form, in every
	// context that has them (WP_REST_Blocks_Controller).
	block := pt.Name == "wp_block"
	s.renderPostCommon(r, p, include, data)
	if block && include("title") {
		data.Set("title", Obj("raw", p.Title))
	}
	if include("password") {
		data.Set("password", p.Password)
	}
	if include("link") {
		data.Set("link", d.link(r, st, p))
	}
	protected := p.Password != ""
	readable := canReadPassword(r, p)
	// The content is rendered once, for itself and for an automatic excerpt.
	var rendered *string
	renderedContent := func() string {
		if rendered == nil {
			c := wptext.TheContent(p.Content, s.textOptions(r))
			rendered = &c
		}
		return *rendered
	}
	if include("content") {
		// raw, rendered, protected, block_version: the order of
		// WordPress's content object (patterns have no rendered form).
		c := &Object{members: make([]member, 0, 4)}
		if edit || block {
			c.Set("raw", p.Content)
		}
		if !block {
			rc := ""
			if readable {
				rc = renderedContent()
			}
			c.Set("rendered", rc)
		}
		c.Set("protected", protected)
		if edit {
			c.Set("block_version", wptext.BlockVersion(p.Content))
		}
		data.Set("content", c)
	}
	if include("excerpt") {
		e := &Object{members: make([]member, 0, 3)}
		if edit {
			e.Set("raw", p.Excerpt)
		}
		e.Set("rendered", "")
		e.Set("protected", protected)
		if readable {
			if p.Excerpt == "" {
				words := wptext.ExcerptLength
				if n := r.Int("excerpt_length"); n > 0 && r.Has("excerpt_length") {
					words = int(n)
				}
				e.Set("rendered", wptext.ExcerptFromRendered(renderedContent(), words, s.textOptions(r)))
			} else {
				e.Set("rendered", wptext.TheExcerpt(p.Excerpt, "", s.textOptions(r)))
			}
		}
		data.Set("excerpt", e)
	}
	if include("parent") {
		data.Set("parent", p.ParentID)
	}
	if include("menu_order") {
		data.Set("menu_order", p.MenuOrder)
	}
	if include("sticky") {
		data.Set("sticky", p.Sticky)
	}
	if include("format") {
		data.Set("format", postFormat(p))
	}
	if include("meta") {
		data.Set("meta", Obj("footnotes", ""))
	}
	if block && r.FieldIncluded("wp_pattern_sync_status") {
		data.Set("wp_pattern_sync_status", p.PatternSyncStatus)
	}
	var cats, tags []models.Term
	if d != nil {
		for _, t := range pt.Taxonomies {
			var ids []models.Term
			for _, term := range d.terms[p.ID] {
				if term.Taxonomy == t.Slug {
					ids = append(ids, term)
				}
			}
			switch t.Slug {
			case "category":
				cats = ids
			case "post_tag":
				tags = ids
			}
			if include(t.RestBase) {
				data.Set(t.RestBase, termIDList(ids))
			}
		}
	}
	if edit && pt.Viewable && (r.FieldIncluded("permalink_template") || r.FieldIncluded("generated_slug")) {
		tmpl, gen := st.PermalinkTemplate(ctx, p)
		if r.FieldIncluded("permalink_template") {
			data.Set("permalink_template", tmpl)
		}
		if r.FieldIncluded("generated_slug") {
			data.Set("generated_slug", gen)
		}
	}
	if include("class_list") {
		data.Set("class_list", postClassList(p, pt, cats, tags))
	}
	return r.WithLinks(data, s.postLinks(r, p, pt, d))
}

// postFormat is get_post_format() with "standard" for none.
func postFormat(p *models.Post) string {
	if p.Format == "" {
		return "standard"
	}
	return p.Format
}

// termIDList lists the ids of terms (already in name order).
func termIDList(terms []models.Term) []any {
	out := make([]any, len(terms))
	for i, t := range terms {
		out[i] = t.ID
	}
	return out
}

// postClassList is get_post_class() outside a page view: the classes a
// theme would put on the post's container.
func postClassList(p *models.Post, pt *postType, cats, tags []models.Term) []any {
	id := strconv.FormatUint(p.ID, 10)
	out := []any{"post-" + id, p.Type, "type-" + p.Type, "status-" + p.Status}
	if pt.supports("post-formats") {
		out = append(out, "format-"+postFormat(p))
	}
	if p.Password != "" {
		out = append(out, "post-password-required")
	}
	if p.FeaturedMediaID != 0 {
		out = append(out, "has-post-thumbnail")
	}
	out = append(out, "hentry")
	for _, c := range cats {
		out = append(out, "category-"+termClass(c))
	}
	for _, t := range tags {
		out = append(out, "tag-"+termClass(t))
	}
	if p.Format != "" && pt.supports("post-formats") {
		out = append(out, "post_format-post-format-"+p.Format)
	}
	return out
}

var (
	classOctets  = regexp.MustCompile(`%[a-fA-F0-9][a-fA-F0-9]`)
	classInvalid = regexp.MustCompile(`[^A-Za-z0-9_-]`)
)

// termClass is sanitize_html_class of a term's slug, falling back to its
// id when nothing is left (a slug made only of encoded characters).
func termClass(t models.Term) string {
	c := classInvalid.ReplaceAllString(classOctets.ReplaceAllString(t.Slug, ""), "")
	if c == "" {
		return strconv.FormatUint(t.ID, 10)
	}
	return c
}

// postLinks is prepare_links plus, in the edit context, the action links
// of get_available_actions.
func (s *Server) postLinks(r *Request, p *models.Post, pt *postType, d *postRenderData) Links {
	id := strconv.FormatUint(p.ID, 10)
	self := "/wp/v2/" + pt.RestBase + "/" + id
	links := postBaseLinks(r, p, pt)
	var rev models.RevisionStat
	if d != nil {
		rev = d.revisions[p.ID]
	}
	if pt.supports("revisions") {
		links = append(links, Link{Rel: "version-history", Href: r.URL(self + "/revisions"), Attrs: Obj("count", rev.Count)})
	}
	if pt.supports("revisions") && rev.Count > 0 {
		links = append(links, Link{Rel: "predecessor-version", Href: r.URL(self + "/revisions/" + strconv.FormatUint(rev.LatestID, 10)),
			Attrs: Obj("id", rev.LatestID)})
	}
	links = appendFeaturedMediaLink(r, links, p)
	if pt.Hierarchical && p.ParentID != 0 {
		parentType := "page"
		if d != nil && d.parentTypes[p.ParentID] != "" {
			parentType = d.parentTypes[p.ParentID]
		}
		links = append(links, Link{Rel: "up", Href: r.URL("/wp/v2/" + restBaseOf(parentType) + "/" + strconv.FormatUint(p.ParentID, 10)), Embeddable: true})
	}
	links = append(links, Link{Rel: wpRelPrefix + "attachment", Href: r.URL("/wp/v2/media?parent=" + id)})
	for _, t := range pt.Taxonomies {
		links = append(links, Link{Rel: wpRelPrefix + "term", Href: r.URL("/wp/v2/" + t.RestBase + "?post=" + id), Embeddable: true, Attrs: Obj("taxonomy", t.Slug)})
	}
	if r.ViewContext() == "edit" {
		links = append(links, postActionLinks(r, r.URL(self), r.User, pt)...)
	}
	return links
}

// postBaseLinks are the links every post type's item starts with: self
// (with the methods the caller may use), collection, about, author and
// replies.
func postBaseLinks(r *Request, p *models.Post, pt *postType) Links {
	id := strconv.FormatUint(p.ID, 10)
	base := "/wp/v2/" + pt.RestBase
	links := Links{
		{Rel: "self", Href: r.URL(base + "/" + id), Attrs: Obj("targetHints", Obj("allow", postAllowedMethods(r.User, p)))},
		{Rel: "collection", Href: r.URL(base)},
		{Rel: "about", Href: r.URL("/wp/v2/types/" + p.Type)},
	}
	if pt.supports("author") {
		links = append(links, Link{Rel: "author", Href: r.URL("/wp/v2/users/" + strconv.FormatUint(p.AuthorID, 10)), Embeddable: true})
	}
	if pt.supports("comments") {
		links = append(links, Link{Rel: "replies", Href: r.URL("/wp/v2/comments?post=" + id), Embeddable: true})
	}
	return links
}

// appendFeaturedMediaLink adds the embeddable wp:featuredmedia link of a
// post with a featured image.
func appendFeaturedMediaLink(r *Request, links Links, p *models.Post) Links {
	if p.FeaturedMediaID == 0 {
		return links
	}
	return append(links, Link{Rel: wpRelPrefix + "featuredmedia", Href: r.URL("/wp/v2/media/" + strconv.FormatUint(p.FeaturedMediaID, 10)), Embeddable: true})
}

// postActionLinks are the "what may the current user do" links of the edit
// context.
func postActionLinks(r *Request, self string, u *models.User, pt *postType) Links {
	var out Links
	add := func(action string, ok bool) {
		if ok {
			out = append(out, Link{Rel: wpRelPrefix + "action-" + action, Href: self})
		}
	}
	add("publish", models.CanPublish(u, pt.Name))
	add("unfiltered-html", models.CanPostUnfilteredHTML(u))
	if pt.sticky() {
		add("sticky", models.CanStick(u, pt.Name, models.StickyByEditorsWhoPublish))
	}
	if pt.supports("author") {
		add("assign-author", models.CanEditOthersPosts(u, pt.Name))
	}
	for _, t := range pt.Taxonomies {
		add("create-"+t.RestBase, t.canCreate(u))
		add("assign-"+t.RestBase, t.canAssign(u))
	}
	return out
}

// postAllowedMethods are the methods of the item route whose permission
// checks u passes on p (the self link's targetHints).
func postAllowedMethods(u *models.User, p *models.Post) []any {
	out := []any{"GET"}
	if models.CanEditPost(u, p) {
		out = append(out, "POST", "PUT", "PATCH")
	}
	if models.CanDeletePost(u, p) {
		out = append(out, "DELETE")
	}
	return out
}
