package rest

import (
	"net/http"
	"strings"

	"github.com/presspass/presspass/models"
)

// requestCache is shared by a request and the internal requests it makes
// (_embed, targetHints), so that permission checks load each user once.
type requestCache struct {
	users map[uint64]*models.User
	// posts are the posts item routes loaded on a read (the permission
	// checks of every method for the Allow header, then the handler),
	// so that a GET loads its post once.
	posts map[uint64]*models.Post
	// terms are the terms item routes loaded on a read, likewise.
	terms map[uint64]*models.Term
}

// isRead reports whether r is a GET or HEAD, whose loads may be kept for
// the rest of the request.
func (r *Request) isRead() bool {
	m := r.HTTP.Method
	return m == http.MethodGet || m == http.MethodHead
}

// rememberPosts keeps the posts a read has loaded for the permission
// checks that follow (the targetHints of each one's self link), so that a
// list does not load its posts again one by one.
func (r *Request) rememberPosts(posts ...*models.Post) {
	if !r.isRead() {
		return
	}
	if r.cache == nil {
		r.cache = &requestCache{}
	}
	if r.cache.posts == nil {
		r.cache.posts = map[uint64]*models.Post{}
	}
	for _, p := range posts {
		r.cache.posts[p.ID] = p
	}
}

// rememberTerms is rememberPosts for terms.
func (r *Request) rememberTerms(terms ...*models.Term) {
	if !r.isRead() {
		return
	}
	if r.cache == nil {
		r.cache = &requestCache{}
	}
	if r.cache.terms == nil {
		r.cache.terms = map[uint64]*models.Term{}
	}
	for _, t := range terms {
		r.cache.terms[t.ID] = t
	}
}

// termInTaxonomy is models.TermInTaxonomy, loaded at most once per read.
func (r *Request) termInTaxonomy(taxonomy string, id uint64) (*models.Term, error) {
	if r.isRead() && r.cache != nil {
		if t, ok := r.cache.terms[id]; ok && t.Taxonomy == taxonomy {
			return t, nil
		}
	}
	t, err := r.server.store.TermInTaxonomy(r.ctx, taxonomy, id)
	if err != nil {
		return nil, err
	}
	r.rememberTerms(t)
	return t, nil
}

// postByID returns a post of any type and status, loaded at most once per
// GET (or HEAD) request; a write loads it afresh each time, as it may
// change it.
func (r *Request) postByID(id uint64) (*models.Post, error) {
	if !r.isRead() {
		return r.server.store.PostByID(r.ctx, id)
	}
	if r.cache != nil {
		if p, ok := r.cache.posts[id]; ok {
			return p, nil
		}
	}
	p, err := r.server.store.PostByID(r.ctx, id)
	if err != nil {
		return nil, err
	}
	r.rememberPosts(p)
	return p, nil
}

// UserByID returns a user, loading it at most once per request.
// Errors: not found (rest_user_invalid_id), internal.
func (r *Request) UserByID(id uint64) (*models.User, error) {
	if r.cache == nil {
		r.cache = &requestCache{}
	}
	if r.cache.users == nil {
		r.cache.users = map[uint64]*models.User{}
		if r.User != nil {
			r.cache.users[r.User.ID] = r.User
		}
	}
	if u, ok := r.cache.users[id]; ok {
		return u, nil
	}
	u, err := r.server.store.UserByID(r.ctx, id)
	if err != nil {
		return nil, err
	}
	r.cache.users[id] = u
	return u, nil
}

// forgetUser drops a cached user after a write changed or removed it.
func (r *Request) forgetUser(id uint64) {
	if r.cache != nil && r.cache.users != nil {
		delete(r.cache.users, id)
	}
}

// subRequest builds an internal GET request for one of our URLs, made by
// the same user; nil when href is not under the API root.
func (r *Request) subRequest(href string) *Request {
	s := r.server
	if !strings.HasPrefix(href, s.apiRoot) {
		return nil
	}
	rest := strings.TrimPrefix(href, s.apiRoot)
	path, rawQuery, _ := strings.Cut(rest, "?")
	path = "/" + strings.TrimRight(path, "/")
	if r.cache == nil {
		r.cache = &requestCache{}
	}
	sub := &Request{
		HTTP:        r.HTTP,
		ctx:         r.ctx,
		server:      s,
		Method:      http.MethodGet,
		Path:        path,
		User:        r.User,
		AppPassword: r.AppPassword,
		Client:      r.Client,
		embedded:    true,
		cache:       r.cache,
	}
	sub.query = orderedQuery(rawQuery)
	sub.queryParams = phpParams(sub.query)
	return sub
}

// targetHints is WordPress's get_target_hints_for_link: the methods the
// current user may use on href, or nil when none or href is not a route.
func (r *Request) targetHints(href string) *Object {
	sub := r.subRequest(href)
	if sub == nil {
		return nil
	}
	route, params := r.server.match(sub.Path)
	if route == nil {
		return nil
	}
	ep := route.endpointFor(http.MethodGet)
	if ep == nil {
		return nil
	}
	sub.urlParams = params
	sub.Route, sub.Endpoint = route, ep
	sub.setDefaults()
	if sub.validate() != nil {
		return nil
	}
	allowed := allowedMethods(sub, route)
	if len(allowed) == 0 {
		return nil
	}
	list := make([]any, len(allowed))
	for i, m := range allowed {
		list[i] = m
	}
	return Obj("allow", list)
}

// setDefaults records the matched endpoint's argument defaults.
func (r *Request) setDefaults() {
	r.defaults = map[string]any{}
	for i := range r.Endpoint.Args {
		if r.Endpoint.Args[i].Default != nil {
			r.defaults[r.Endpoint.Args[i].Name] = r.Endpoint.Args[i].Default
		}
	}
}
