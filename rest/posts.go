package rest

import (
	"net/http"
	"strconv"
	"time"

	"github.com/presspass/presspass/languages"
	"github.com/presspass/presspass/models"
)

// /wp/v2/posts and /wp/v2/posts/{id}: WordPress's WP_REST_Posts_Controller
// for the post type "post". Pages (pages.go) share this controller.

func (s *Server) postsRoutes() []*Route { return s.postTypeRoutesWithHistory(postTypePost) }

// postTypeRoutesWithHistory is a post type's routes followed by its
// revisions and autosaves routes, as WordPress registers them.
func (s *Server) postTypeRoutesWithHistory(pt *postType) []*Route {
	routes := s.postTypeRoutes(pt)
	routes = append(routes, s.revisionRoutesOf(pt)...)
	return append(routes, s.autosaveRoutesOf(pt)...)
}

// postTypeRoutes builds the collection and item routes of a post type.
func (s *Server) postTypeRoutes(pt *postType) []*Route {
	base := "/wp/v2/" + pt.RestBase
	return []*Route{
		{
			Namespace:  "wp/v2",
			Pattern:    base,
			Schema:     func() *Object { return postSchema(pt, s.restURL(base+"/{id}")) },
			AllowBatch: true,
			Endpoints: []*Endpoint{
				{Methods: []string{"GET"}, Args: s.postCollectionArgs(pt), Permission: postsListPermission(pt), Handler: s.listPosts(pt)},
				{Methods: []string{"POST"}, Args: s.postWriteArgs(pt), Permission: postCreatePermission(pt), Handler: s.createPost(pt)},
			},
		},
		{
			Namespace:  "wp/v2",
			Pattern:    base + `/(?P<id>[\d]+)`,
			Schema:     func() *Object { return postSchema(pt, s.restURL(base+"/{id}")) },
			AllowBatch: true,
			Endpoints: []*Endpoint{
				{Methods: []string{"GET"}, Args: []Arg{
					{Name: "id", Description: "Unique identifier for the post.", Type: "integer"},
					ContextArg("view"),
					{Name: "excerpt_length", Description: "Override the default excerpt length.", Type: "integer"},
					{Name: "password", Description: "The password for the post if it is password protected.", Type: "string"},
				}, Permission: postReadPermission(pt), Handler: s.getPost(pt)},
				{Methods: []string{"POST", "PUT", "PATCH"}, Args: append([]Arg{{Name: "id", Description: "Unique identifier for the post.", Type: "integer"}}, s.postWriteArgs(pt)...),
					Permission: postUpdatePermission(pt), Handler: s.updatePost(pt)},
				{Methods: []string{"DELETE"}, Args: []Arg{
					{Name: "id", Description: "Unique identifier for the post.", Type: "integer"},
					{Name: "force", Description: "Whether to bypass Trash and force deletion.", Type: "boolean", Default: false, Keywords: kwForce},
				}, Permission: postDeletePermission(pt), Handler: s.deletePost(pt)},
			},
		},
	}
}

func parseID(s string) (uint64, error) { return strconv.ParseUint(s, 10, 64) }

// itemPost loads the post of the item route, refusing other types as
// WordPress's get_post() does (rest_post_invalid_id, 404).
func itemPost(r *Request, pt *postType) (*models.Post, error) {
	id, err := parseID(r.URLParam("id"))
	if err != nil || id == 0 {
		return nil, models.ErrPostInvalidID()
	}
	p, err := r.postByID(id)
	if err != nil {
		return nil, err
	}
	if p.Type != pt.Name {
		return nil, models.ErrPostInvalidID()
	}
	return p, nil
}

// canReadPost is check_read_permission; a pattern needs read_post first
// (its type maps it to edit_posts), as WP_REST_Blocks_Controller adds.
func canReadPost(u *models.User, p *models.Post) bool {
	if p.Type == "wp_block" && !models.CanReadPost(u, p) {
		return false
	}
	return p.Status == "publish" || p.Status == "inherit" || models.CanReadPost(u, p)
}

func postsListPermission(pt *postType) func(*Request) error {
	return func(r *Request) error {
		if r.ViewContext() == "edit" && !models.CanEditPosts(r.User, pt.Name) {
			return Forbidden("rest_forbidden_context", languages.Mark("Sorry, you are not allowed to edit posts in this post type."))
		}
		return nil
	}
}

func postReadPermission(pt *postType) func(*Request) error {
	return func(r *Request) error {
		p, err := itemPost(r, pt)
		if err != nil {
			return err
		}
		if r.ViewContext() == "edit" && !models.CanEditPost(r.User, p) {
			return Forbidden("rest_forbidden_context", languages.Mark("Sorry, you are not allowed to edit this post."))
		}
		if pw := r.String("password"); pw != "" && r.Has("password") && pw != p.Password {
			return Err(http.StatusForbidden, "rest_post_incorrect_password", languages.Mark("Incorrect post password."))
		}
		if !canReadPost(r.User, p) {
			return Forbidden("rest_forbidden", languages.Mark("Sorry, you are not allowed to do that."))
		}
		return nil
	}
}

// authorAndStickyPermission are the checks create and update share.
func authorAndStickyPermission(r *Request, pt *postType, creating bool) error {
	if r.Has("author") {
		if a := r.Int("author"); a != 0 && (r.User == nil || uint64(a) != r.User.ID) && !models.CanEditOthersPosts(r.User, pt.Name) {
			if creating {
				return refusal(models.KindForbidden, models.ReasonCannotCreateAsOtherAuthor)
			}
			return refusal(models.KindForbidden, models.ReasonCannotUpdateAsOtherAuthor)
		}
	}
	if pt.sticky() && r.Has("sticky") && r.Bool("sticky") && !models.CanStick(r.User, pt.Name, models.StickyByEditorsOrPublishers) {
		return refusal(models.KindForbidden, models.ReasonCannotStick)
	}
	return nil
}

func postCreatePermission(pt *postType) func(*Request) error {
	return func(r *Request) error {
		if r.Has("id") {
			return Err(http.StatusBadRequest, "rest_post_exists", languages.Mark("Cannot create existing post."))
		}
		if err := authorAndStickyPermission(r, pt, true); err != nil {
			return err
		}
		if !models.CanCreatePost(r.User, pt.Name) {
			return refusal(models.KindForbidden, models.ReasonCannotCreatePost)
		}
		return assignTermsPermission(r, pt)
	}
}

func postUpdatePermission(pt *postType) func(*Request) error {
	return func(r *Request) error {
		p, err := itemPost(r, pt)
		if err != nil {
			return err
		}
		if !models.CanEditPost(r.User, p) {
			return refusal(models.KindForbidden, models.ReasonCannotEditPost)
		}
		if err := authorAndStickyPermission(r, pt, false); err != nil {
			return err
		}
		return assignTermsPermission(r, pt)
	}
}

func postDeletePermission(pt *postType) func(*Request) error {
	return func(r *Request) error {
		p, err := itemPost(r, pt)
		if err != nil {
			return err
		}
		if !models.CanDeletePost(r.User, p) {
			return refusal(models.KindForbidden, models.ReasonCannotDeletePost)
		}
		return nil
	}
}

// getPost serves GET /wp/v2/posts/{id}; a publicly viewable post also gets
// its permalink as a rel="alternate" Link header.
func (s *Server) getPost(pt *postType) func(*Request) (*Response, error) {
	return func(r *Request) (*Response, error) {
		p, err := itemPost(r, pt)
		if err != nil {
			return nil, err
		}
		resp, err := s.postResponse(r, p, pt, http.StatusOK)
		if err != nil {
			return nil, err
		}
		if p.Status == "publish" {
			resp.LinkHeader("alternate", s.store.Permalink(r.Ctx(), p, r.User), [2]string{"type", "text/html"})
		}
		return resp, nil
	}
}

// postResponse renders one post.
func (s *Server) postResponse(r *Request, p *models.Post, pt *postType, status int) (*Response, error) {
	d, err := s.loadPostRenderData(r.Ctx(), []*models.Post{p})
	if err != nil {
		return nil, err
	}
	return NewResponse(status, s.renderPost(r, p, pt, d)), nil
}

// createdPostResponse renders the post the request has just created
// (loadRenderData says what that spares).
func (s *Server) createdPostResponse(r *Request, p *models.Post, pt *postType) (*Response, error) {
	d, err := s.loadRenderData(r.Ctx(), []*models.Post{p}, true)
	if err != nil {
		return nil, err
	}
	return NewResponse(http.StatusCreated, s.renderPost(r, p, pt, d)), nil
}

func (s *Server) createPost(pt *postType) func(*Request) (*Response, error) {
	return func(r *Request) (*Response, error) {
		in, err := postInputFromRequest(r, pt, nil)
		if err != nil {
			return nil, err
		}
		in.Type = pt.Name
		p, err := s.store.CreatePost(r.Ctx(), r.User, in)
		if err != nil {
			return nil, err
		}
		if err := s.savePostTerms(r, pt, p.ID); err != nil {
			return nil, err
		}
		r.SetParam("context", "edit")
		resp, err := s.createdPostResponse(r, p, pt)
		if err != nil {
			return nil, err
		}
		resp.Header.Set("Location", r.URL("/wp/v2/"+pt.RestBase+"/"+strconv.FormatUint(p.ID, 10)))
		return resp, nil
	}
}

func (s *Server) updatePost(pt *postType) func(*Request) (*Response, error) {
	return func(r *Request) (*Response, error) {
		cur, err := itemPost(r, pt)
		if err != nil {
			return nil, err
		}
		in, err := postInputFromRequest(r, pt, cur)
		if err != nil {
			return nil, err
		}
		p, err := s.store.UpdatePost(r.Ctx(), r.User, cur.ID, in)
		if err != nil {
			return nil, err
		}
		if err := s.savePostTerms(r, pt, p.ID); err != nil {
			return nil, err
		}
		r.SetParam("context", "edit")
		return s.postResponse(r, p, pt, http.StatusOK)
	}
}

// deletePost trashes a post, or deletes it for good with force=true
// ({"deleted": true, "previous": …} without links).
func (s *Server) deletePost(pt *postType) func(*Request) (*Response, error) {
	return func(r *Request) (*Response, error) {
		cur, err := itemPost(r, pt)
		if err != nil {
			return nil, err
		}
		r.SetParam("context", "edit")
		if r.Bool("force") {
			d, err := s.loadPostRenderData(r.Ctx(), []*models.Post{cur})
			if err != nil {
				return nil, err
			}
			previous := s.renderPost(r, cur, pt, d)
			previous.Delete("_links")
			if _, err := s.store.DeletePost(r.Ctx(), r.User, cur.ID); err != nil {
				return nil, err
			}
			return NewResponse(http.StatusOK, Obj("deleted", true, "previous", previous)), nil
		}
		p, err := s.store.TrashPost(r.Ctx(), r.User, cur.ID)
		if err != nil {
			return nil, err
		}
		return s.postResponse(r, p, pt, http.StatusOK)
	}
}

// postInputFromRequest is prepare_item_for_database: the fields the client
// sent, as models.PostInput. cur is the post being updated (nil on create).
func postInputFromRequest(r *Request, pt *postType, cur *models.Post) (models.PostInput, error) {
	in := models.PostInput{StickyRule: models.StickyByEditorsOrPublishers}
	for _, f := range []struct {
		name string
		dst  **string
	}{{"title", &in.Title}, {"content", &in.Content}, {"excerpt", &in.Excerpt}} {
		if v, ok := rawOrObject(r.Param(f.name)); ok {
			*f.dst = &v
		}
	}
	if r.Has("status") {
		st := r.String("status")
		if cur == nil || cur.Status != st {
			in.Status = &st
		}
	}
	in.Date, in.DateGMT = requestDate(r, cur)
	in.Slug = stringParam(r, "slug")
	in.AuthorID = authorParam(r)
	if r.Has("password") {
		pw := r.String("password")
		in.Password = &pw
		if pw != "" && pt.sticky() && (r.Bool("sticky") || cur != nil && cur.Sticky && !r.Has("sticky")) {
			return in, Err(http.StatusBadRequest, "rest_invalid_field", languages.Mark("A post can not be sticky and have a password."))
		}
	}
	if pt.sticky() && r.Has("sticky") {
		if r.Bool("sticky") && cur != nil && cur.Password != "" && !r.Has("password") {
			return in, Err(http.StatusBadRequest, "rest_invalid_field", languages.Mark("A password protected post can not be set to sticky."))
		}
		sticky := r.Bool("sticky")
		in.Sticky = &sticky
	}
	if pt.Hierarchical && r.Has("parent") {
		parent := uint64(0)
		if id := r.Int("parent"); id > 0 {
			pp, err := r.Store().PostByID(r.Ctx(), uint64(id))
			if err != nil {
				if models.IsNotFound(err) {
					return in, Err(http.StatusBadRequest, "rest_post_invalid_id", languages.Mark("Invalid post parent ID."))
				}
				return in, err
			}
			parent = pp.ID
		}
		in.ParentID = &parent
	}
	if pt.supports("page-attributes") && r.Has("menu_order") {
		mo := int(r.Int("menu_order"))
		in.MenuOrder = &mo
	}
	if pt.supports("comments") {
		in.CommentStatus = stringParam(r, "comment_status")
		in.PingStatus = stringParam(r, "ping_status")
	}
	if pt.supports("post-formats") {
		in.Format = stringParam(r, "format")
	}
	if meta, ok := r.Param("meta").(map[string]any); ok && pt.Name == "wp_block" {
		if v, ok := meta["wp_pattern_sync_status"].(string); ok {
			in.PatternSyncStatus = &v
		}
	}
	in.Template = stringParam(r, "template")
	if pt.supports("thumbnail") && r.Has("featured_media") {
		id := uint64(max(r.Int("featured_media"), 0))
		// On create WordPress drops a featured media id it cannot use; an
		// update reports it (rest_invalid_featured_media).
		if cur != nil || id == 0 || r.Store().CanBeFeaturedMedia(r.Ctx(), id) {
			in.FeaturedMediaID = &id
		}
	}
	return in, nil
}

// requestDate reads date (site-local, or a fixed GMT time when it carries
// an offset) or else date_gmt, as prepare_item_for_database does; a date
// equal to cur's (the item being updated) is left out.
func requestDate(r *Request, cur *models.Post) (local, gmt *time.Time) {
	if r.Has("date") && r.Param("date") != nil && r.String("date") != "" {
		l, g, ok := restDateWithGMT(r.String("date"), false)
		if ok && (cur == nil || !cur.Date.Equal(l)) {
			if g != nil {
				return nil, g
			}
			return &l, nil
		}
	} else if r.Has("date_gmt") && r.Param("date_gmt") != nil && r.String("date_gmt") != "" {
		_, g, ok := restDateWithGMT(r.String("date_gmt"), true)
		if ok && (cur == nil || !cur.DateGMT.Equal(*g)) {
			return nil, g
		}
	}
	return nil, nil
}

// stringParam is the named string parameter, or nil when the request does
// not have it (a field to leave as it is).
func stringParam(r *Request, name string) *string {
	if !r.Has(name) {
		return nil
	}
	v := r.String(name)
	return &v
}

// authorParam is the author a write asks for; nil when absent or not a
// positive id.
func authorParam(r *Request) *uint64 {
	if a := r.Int("author"); r.Has("author") && a > 0 {
		id := uint64(a)
		return &id
	}
	return nil
}

// rawOrObject reads title/content/excerpt: a string, or an object whose
// non-empty "raw" member is the value. Anything else is ignored, as
// WordPress ignores it.
func rawOrObject(v any) (string, bool) {
	switch x := v.(type) {
	case string:
		return x, true
	case map[string]any:
		if raw, ok := x["raw"].(string); ok && raw != "" {
			return raw, true
		}
	}
	return "", false
}

// restDateWithGMT is rest_get_date_with_gmt: a date with an offset (or a
// GMT date) fixes the GMT time; a date without one is site-local.
func restDateWithGMT(s string, isUTC bool) (local time.Time, gmt *time.Time, ok bool) {
	t, ok := ParseDate(s)
	if !ok {
		return time.Time{}, nil, false
	}
	if isUTC || dateHasOffset(s) {
		return time.Time{}, &t, true
	}
	return t, nil, true
}

// dateHasOffset reports whether a date-time string ends in Z or ±hh[:mm].
func dateHasOffset(s string) bool {
	if s == "" {
		return false
	}
	if c := s[len(s)-1]; c == 'Z' || c == 'z' {
		return true
	}
	for _, n := range []int{6, 5, 3} {
		if len(s) > n {
			tail := s[len(s)-n:]
			if (tail[0] == '+' || tail[0] == '-') && isOffsetDigits(tail[1:]) {
				return true
			}
		}
	}
	return false
}

func isOffsetDigits(s string) bool {
	digits := 0
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] >= '0' && s[i] <= '9':
			digits++
		case s[i] == ':' && i == 2:
		default:
			return false
		}
	}
	return digits == 2 || digits == 4
}
