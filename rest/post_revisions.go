package rest

import (
	"net/http"
	"strconv"
	"time"

	"github.com/presspass/presspass/languages"
	"github.com/presspass/presspass/models"
	"github.com/presspass/presspass/models/wptext"
)

// /wp/v2/posts/{parent}/revisions and /wp/v2/pages/{parent}/revisions:
// reading a post's revisions (WP_REST_Revisions_Controller), for those who
// may edit the post.

// revisionRoutesOf builds a post type's revisions routes.
func (s *Server) revisionRoutesOf(pt *postType) []*Route {
	base := "/wp/v2/" + pt.RestBase + `/(?P<parent>[\d]+)/revisions`
	parentArg := Arg{Name: "parent", Description: "The ID for the parent of the revision.", Type: "integer"}
	return []*Route{
		{Namespace: "wp/v2", Pattern: base, Endpoints: []*Endpoint{{
			Methods: []string{"GET"},
			Args: []Arg{parentArg, ContextArg("view"),
				{Name: "page", Description: "Current page of the collection.", Type: "integer", Default: int64(1), Minimum: Int64(1)},
				{Name: "per_page", Description: "Maximum number of items to be returned in result set.", Type: "integer", Minimum: Int64(1), Maximum: Int64(100)},
				{Name: "search", Description: "Limit results to those matching a string.", Type: "string"},
				{Name: "exclude", Description: "Ensure result set excludes specific IDs.", Type: "array", Items: &Arg{Type: "integer"}, Default: []any{}},
				{Name: "include", Description: "Limit result set to specific IDs.", Type: "array", Items: &Arg{Type: "integer"}, Default: []any{}},
				{Name: "offset", Description: "Offset the result set by a specific number of items.", Type: "integer"},
				{Keywords: kwOrder, Name: "order", Description: "Order sort attribute ascending or descending.", Type: "string", Default: "desc", Enum: []any{"asc", "desc"}},
				{Keywords: kwOrder, Name: "orderby", Description: "Sort collection by object attribute.", Type: "string", Default: "date",
					Enum: []any{"date", "id", "include", "relevance", "slug", "include_slugs", "title"}},
			},
			Permission: revisionsPermission(pt), Handler: s.listRevisions(pt),
		}}},
		{Namespace: "wp/v2", Pattern: base + `/(?P<id>[\d]+)`, Endpoints: []*Endpoint{
			{
				Methods:    []string{"GET"},
				Args:       []Arg{parentArg, {Name: "id", Description: "Unique identifier for the revision.", Type: "integer"}, ContextArg("view")},
				Permission: revisionsPermission(pt), Handler: s.getRevision(pt),
			},
			{
				Methods: []string{"DELETE"},
				Args: []Arg{parentArg, {Name: "id", Description: "Unique identifier for the revision.", Type: "integer"},
					{Name: "force", Description: "Required to be true, as revisions do not support trashing.", Type: "boolean", Default: false, Keywords: kwForce}},
				Permission: revisionDeletePermission(pt), Handler: refuseRevisionDelete,
			},
		}},
	}
}

// revisionParent loads the revised post of the route.
func revisionParent(r *Request, pt *postType) (*models.Post, error) {
	errParent := Err(http.StatusNotFound, "rest_post_invalid_parent", languages.Mark("Invalid post parent ID."))
	id, err := parseID(r.URLParam("parent"))
	if err != nil || id == 0 {
		return nil, errParent
	}
	p, err := r.Store().PostByID(r.Ctx(), id)
	if err != nil {
		if models.IsNotFound(err) {
			return nil, errParent
		}
		return nil, err
	}
	if p.Type != pt.Name {
		return nil, errParent
	}
	return p, nil
}

func revisionsPermission(pt *postType) func(*Request) error {
	return func(r *Request) error {
		p, err := revisionParent(r, pt)
		if err != nil {
			return err
		}
		if !models.CanEditPost(r.User, p) {
			return Forbidden("rest_cannot_read", languages.Mark("Sorry, you are not allowed to view revisions of this post."))
		}
		return nil
	}
}

func (s *Server) renderRevision(r *Request, rev *models.Post, pt *postType) *Object {
	vctx := r.ViewContext()
	edit := vctx == "edit"
	// The revisions controller's order, which autosaves follow too; set
	// below in that order.
	data := &Object{members: make([]member, 0, 16)}
	set := func(field string, v any, ctxs ...string) {
		for _, c := range ctxs {
			if c == vctx && r.FieldIncluded(field) {
				data.Set(field, v)
				return
			}
		}
	}
	withRaw := func(rendered, raw string) *Object {
		if edit {
			return Obj("raw", raw, "rendered", rendered)
		}
		return Obj("rendered", rendered)
	}
	// The guid alone is rendered first.
	guid := Obj("rendered", rev.GUID)
	if edit {
		guid.Set("raw", rev.GUID)
	}
	set("author", rev.AuthorID, "view", "edit", "embed")
	set("date", revisionDate(rev.DateGMT, rev.Date), "view", "edit", "embed")
	set("date_gmt", revisionDate(rev.DateGMT, rev.DateGMT), "view", "edit")
	set("id", rev.ID, "view", "edit", "embed")
	set("modified", revisionDate(rev.ModifiedGMT, rev.Modified), "view", "edit")
	set("modified_gmt", revisionDate(rev.ModifiedGMT, rev.ModifiedGMT), "view", "edit")
	set("parent", rev.ParentID, "view", "edit", "embed")
	set("slug", rev.Slug, "view", "edit", "embed")
	set("guid", guid, "view", "edit")
	set("title", withRaw(wptext.TheTitle(rev.Title), rev.Title), "view", "edit", "embed")
	opts := s.textOptions(r)
	set("content", withRaw(wptext.TheContent(rev.Content, opts), rev.Content), "view", "edit")
	set("excerpt", withRaw(wptext.OwnExcerpt(rev.Excerpt, opts), rev.Excerpt), "view", "edit", "embed")
	set("meta", Obj("footnotes", ""), "view", "edit")
	if rev.ParentID == 0 {
		// An author's own draft autosaved into itself has no parent to link.
		return data
	}
	return r.WithLinks(data, Links{{Rel: "parent", Href: r.URL("/wp/v2/" + pt.RestBase + "/" + strconv.FormatUint(rev.ParentID, 10))}})
}

// revisionDate is the revisions controller's prepare_date_response: null
// while the GMT date is unset (a draft that was never dated), else local.
func revisionDate(gmt, local time.Time) any {
	if gmt.IsZero() || gmt.Year() < 1000 {
		return nil
	}
	return formatDate(local)
}

func (s *Server) listRevisions(pt *postType) func(*Request) (*Response, error) {
	return func(r *Request) (*Response, error) {
		p, err := revisionParent(r, pt)
		if err != nil {
			return nil, err
		}
		f := models.PostFilter{
			Types: []string{"revision"}, Statuses: []string{"inherit"}, Parents: []uint64{p.ID},
			Search: r.String("search"), IDs: uintList(r.IntList("include")), ExcludeIDs: uintList(r.IntList("exclude")),
			Order: r.String("order"), OrderBy: r.String("orderby"),
		}
		// Without per_page every revision is listed, as WordPress does.
		page, perPage := r.Int("page"), int64(0)
		if r.Has("per_page") {
			perPage = r.Int("per_page")
			f.Limit = int(perPage)
			f.Offset = int((page - 1) * perPage)
		}
		if r.Has("offset") {
			f.Offset = int(r.Int("offset"))
		}
		revs, total, err := s.store.Posts(r.Ctx(), f)
		if err != nil {
			return nil, err
		}
		if perPage == 0 {
			perPage = max(total, 1)
		}
		if maxPages := (total + perPage - 1) / perPage; total > 0 && page > maxPages {
			return nil, Err(http.StatusBadRequest, "rest_revision_invalid_page_number", languages.Mark("The page number requested is larger than the number of pages available."))
		}
		items := make([]any, 0, len(revs))
		for i := range revs {
			items = append(items, s.renderRevision(r, &revs[i], pt))
		}
		resp := NewResponse(http.StatusOK, items)
		r.Paginate(resp, "/wp/v2/"+pt.RestBase+"/"+strconv.FormatUint(p.ID, 10)+"/revisions", total, page, perPage)
		return resp, nil
	}
}

// revisionForRoute loads the revision of the item route and checks that it
// belongs to the route's parent.
func revisionForRoute(r *Request, p *models.Post) (*models.Post, error) {
	errInvalid := Err(http.StatusNotFound, "rest_post_invalid_id", languages.Mark("Invalid revision ID."))
	id, err := parseID(r.URLParam("id"))
	if err != nil {
		return nil, errInvalid
	}
	rev, err := r.Store().PostByID(r.Ctx(), id)
	if err != nil {
		if models.IsNotFound(err) {
			return nil, errInvalid
		}
		return nil, err
	}
	if rev.Type != "revision" {
		return nil, errInvalid
	}
	if rev.ParentID != p.ID {
		return nil, Errf(http.StatusNotFound, "rest_revision_parent_id_mismatch",
			languages.Mark("The revision does not belong to the specified parent with id of \"%d\""), p.ID)
	}
	return rev, nil
}

// errRevisionUndeletable is WordPress's last word on deleting a revision:
// map_meta_cap never grants delete_post on a revision, so after the checks
// on the parent every request is refused.
var errRevisionUndeletable = Forbidden("rest_cannot_delete", languages.Mark("Sorry, you are not allowed to delete this revision."))

// revisionDeletePermission runs delete_item_permissions_check in
// WordPress's order: the parent, delete_post on it, the revision, the read
// permission, then delete_post on the revision, which no role has.
func revisionDeletePermission(pt *postType) func(*Request) error {
	return func(r *Request) error {
		p, err := revisionParent(r, pt)
		if err != nil {
			return err
		}
		if !models.CanDeletePost(r.User, p) {
			return Forbidden("rest_cannot_delete", languages.Mark("Sorry, you are not allowed to delete revisions of this post."))
		}
		if _, err := revisionForRoute(r, p); err != nil {
			return err
		}
		if err := revisionsPermission(pt)(r); err != nil {
			return err
		}
		return errRevisionUndeletable
	}
}

// refuseRevisionDelete is the DELETE handler, reached only if a permission
// check ever allowed it; it refuses as the permission check does.
func refuseRevisionDelete(*Request) (*Response, error) { return nil, errRevisionUndeletable }

func (s *Server) getRevision(pt *postType) func(*Request) (*Response, error) {
	return func(r *Request) (*Response, error) {
		p, err := revisionParent(r, pt)
		if err != nil {
			return nil, err
		}
		rev, err := revisionForRoute(r, p)
		if err != nil {
			return nil, err
		}
		return NewResponse(http.StatusOK, s.renderRevision(r, rev, pt)), nil
	}
}
