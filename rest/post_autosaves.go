package rest

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/presspass/presspass/languages"
	"github.com/presspass/presspass/models"
)

// /wp/v2/posts/{id}/autosaves and /wp/v2/pages/{id}/autosaves
// (WP_REST_Autosaves_Controller): unsaved edits kept per user beside the
// post, as the block editor saves them.

// autosaveRoutesOf builds a post type's autosaves routes.
func (s *Server) autosaveRoutesOf(pt *postType) []*Route {
	base := "/wp/v2/" + pt.RestBase
	parentArg := Arg{Name: "parent", Description: "The ID for the parent of the autosave.", Type: "integer"}
	// The write arguments, after "parent": a page's own parent argument
	// takes the autosave's place, as in WordPress's merged list.
	writeArgs := []Arg{parentArg}
	for _, a := range s.postWriteArgs(pt) {
		if a.Name == "parent" {
			writeArgs[0] = a
			continue
		}
		writeArgs = append(writeArgs, a)
	}
	return []*Route{
		{Namespace: "wp/v2", Pattern: base + `/(?P<id>[\d]+)/autosaves`, Endpoints: []*Endpoint{
			{Methods: []string{"GET"}, Args: []Arg{parentArg, ContextArg("view")},
				Permission: autosavesPermission(pt, "id"), Handler: s.listAutosaves(pt)},
			{Methods: []string{"POST"}, Args: writeArgs, Permission: postUpdatePermission(pt), Handler: s.createAutosave(pt)},
		}},
		{Namespace: "wp/v2", Pattern: base + `/(?P<parent>[\d]+)/autosaves/(?P<id>[\d]+)`, Endpoints: []*Endpoint{
			{Methods: []string{"GET"}, Args: []Arg{parentArg, {Name: "id", Description: "The ID for the autosave.", Type: "integer"}, ContextArg("view")},
				Permission: autosavesPermission(pt, "parent"), Handler: s.getAutosave(pt)},
		}},
	}
}

// autosaveParent loads the post whose autosaves the route names (its URL
// parameter param).
func autosaveParent(r *Request, pt *postType, param string) (*models.Post, error) {
	errParent := Err(http.StatusNotFound, "rest_post_invalid_parent", languages.Mark("Invalid post parent ID."))
	id, err := parseID(r.URLParam(param))
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

func autosavesPermission(pt *postType, param string) func(*Request) error {
	return func(r *Request) error {
		p, err := autosaveParent(r, pt, param)
		if err != nil {
			return err
		}
		if !models.CanEditPost(r.User, p) {
			return Forbidden("rest_cannot_read", languages.Mark("Sorry, you are not allowed to view autosaves of this post."))
		}
		return nil
	}
}

// renderAutosave is a revision plus, in the edit context, the link that
// previews the autosave (get_preview_post_link without the preview nonce,
// which belongs to a browser session).
func (s *Server) renderAutosave(r *Request, p *models.Post, pt *postType) *Object {
	data := s.renderRevision(r, p, pt)
	if r.ViewContext() == "edit" && r.FieldIncluded("preview_link") {
		target, q := p, url.Values{}
		if p.IsAutosave() {
			if parent, err := s.store.PostByID(r.Ctx(), p.ParentID); err == nil {
				target = parent
				q.Set("preview_id", strconv.FormatUint(parent.ID, 10))
			}
		}
		link := s.store.Permalink(r.Ctx(), target, r.User)
		sep := "?"
		if u, err := url.Parse(link); err == nil && u.RawQuery != "" {
			sep = "&"
		}
		if id := q.Get("preview_id"); id != "" {
			link += sep + "preview_id=" + id
			sep = "&"
		}
		data.Set("preview_link", link+sep+"preview=true")
		if links, ok := data.Get("_links"); ok {
			data.Delete("_links") // links come last
			data.Set("_links", links)
		}
	}
	return data
}

func (s *Server) listAutosaves(pt *postType) func(*Request) (*Response, error) {
	return func(r *Request) (*Response, error) {
		p, err := autosaveParent(r, pt, "id")
		if err != nil {
			return nil, err
		}
		autos, err := s.store.Autosaves(r.Ctx(), p.ID)
		if err != nil {
			return nil, err
		}
		items := make([]any, 0, len(autos))
		for i := range autos {
			items = append(items, s.renderAutosave(r, &autos[i], pt))
		}
		return NewResponse(http.StatusOK, items), nil
	}
}

func (s *Server) getAutosave(pt *postType) func(*Request) (*Response, error) {
	return func(r *Request) (*Response, error) {
		p, err := autosaveParent(r, pt, "parent")
		if err != nil {
			return nil, err
		}
		auto, err := s.store.Autosave(r.Ctx(), p.ID, 0)
		if err != nil {
			return nil, err
		}
		return NewResponse(http.StatusOK, s.renderAutosave(r, auto, pt)), nil
	}
}

// createAutosave saves the request's edits as the user's autosave (or, for
// the author's own draft, into the draft itself) and answers with it in the
// edit context.
func (s *Server) createAutosave(pt *postType) func(*Request) (*Response, error) {
	return func(r *Request) (*Response, error) {
		cur, err := itemPost(r, pt)
		if err != nil {
			return nil, err
		}
		in, err := postInputFromRequest(r, pt, cur)
		if err != nil {
			return nil, err
		}
		saved, err := s.store.SaveAutosave(r.Ctx(), r.User, cur.ID, in)
		if err != nil {
			return nil, err
		}
		r.SetParam("context", "edit")
		return NewResponse(http.StatusOK, s.renderAutosave(r, saved, pt)), nil
	}
}
