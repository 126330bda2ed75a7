package rest

import (
	"net/http"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/presspass/presspass/languages"
	"github.com/presspass/presspass/models"
)

// /wp/v2/categories and /wp/v2/tags: WP_REST_Terms_Controller. WordPress
// registers them right after the taxonomies routes.

// termRoute ties a REST base to its taxonomy.
type termRoute struct {
	RestBase string
	Taxonomy models.Taxonomy
}

// termRoutes are the taxonomies shown in REST with a terms controller.
func termRoutes() []termRoute {
	var out []termRoute
	for _, b := range []struct{ base, tax string }{{"categories", "category"}, {"tags", "post_tag"}, {"wp_pattern_category", "wp_pattern_category"}} {
		if t, ok := models.TaxonomyByName(b.tax); ok {
			out = append(out, termRoute{RestBase: b.base, Taxonomy: t})
		}
	}
	return out
}

func (s *Server) termsRoutes() []*Route {
	var routes []*Route
	for _, tr := range termRoutes() {
		idArg := Arg{Name: "id", Description: "Unique identifier for the term.", Type: "integer"}
		routes = append(routes,
			&Route{
				Namespace: "wp/v2",
				Pattern:   "/wp/v2/" + tr.RestBase,
				Schema:    termSchema(tr),
				Endpoints: []*Endpoint{
					{Methods: []string{"GET"}, Args: termCollectionArgs(tr.Taxonomy), Permission: s.canListTerms(tr), Handler: s.listTerms(tr), AllowBatch: true},
					{Methods: []string{"POST"}, Args: termWriteArgs(tr.Taxonomy, true), Permission: s.canCreateTerm(tr), Handler: s.createTerm(tr), AllowBatch: true},
				},
			},
			&Route{
				Namespace: "wp/v2",
				Pattern:   "/wp/v2/" + tr.RestBase + `/(?P<id>[\d]+)`,
				Schema:    termSchema(tr),
				Endpoints: []*Endpoint{
					{Methods: []string{"GET"}, Args: []Arg{idArg, ContextArg("view")}, Permission: s.canReadTerm(tr), Handler: s.getTerm(tr), AllowBatch: true},
					{Methods: []string{"POST", "PUT", "PATCH"}, Args: append([]Arg{idArg}, termWriteArgs(tr.Taxonomy, false)...), Permission: s.canUpdateTerm(tr), Handler: s.updateTerm(tr), AllowBatch: true},
					{Methods: []string{"DELETE"}, Args: []Arg{idArg, {Name: "force", Type: "boolean", Default: false, Description: "Required to be true, as terms do not support trashing.", Keywords: kwForce}},
						Permission: s.canDeleteTerm(tr), Handler: s.deleteTerm(tr), AllowBatch: true},
				},
			},
		)
	}
	return routes
}

// termCollectionArgs is the terms controller's get_collection_params.
func termCollectionArgs(tax models.Taxonomy) []Arg {
	args := []Arg{
		ContextArg("view"),
		{Name: "page", Description: "Current page of the collection.", Type: "integer", Default: int64(1), Minimum: Int64(1)},
		{Name: "per_page", Description: "Maximum number of items to be returned in result set.", Type: "integer", Default: int64(10), Minimum: Int64(1), Maximum: Int64(100)},
		{Name: "search", Description: "Limit results to those matching a string.", Type: "string"},
		{Name: "exclude", Description: "Ensure result set excludes specific IDs.", Type: "array", Items: &Arg{Type: "integer"}, Default: []any{}},
		{Name: "include", Description: "Limit result set to specific IDs.", Type: "array", Items: &Arg{Type: "integer"}, Default: []any{}},
	}
	// WordPress offers offset only for flat taxonomies.
	if !tax.Hierarchical {
		args = append(args, Arg{Name: "offset", Description: "Offset the result set by a specific number of items.", Type: "integer"})
	}
	args = append(args,
		Arg{Keywords: kwOrder, Name: "order", Description: "Order sort attribute ascending or descending.", Type: "string", Default: "asc", Enum: []any{"asc", "desc"}},
		Arg{Keywords: kwOrder, Name: "orderby", Description: "Sort collection by term attribute.", Type: "string", Default: "name",
			Enum: []any{"id", "include", "name", "slug", "include_slugs", "term_group", "description", "count"}},
		Arg{Name: "hide_empty", Description: "Whether to hide terms not assigned to any posts.", Type: "boolean", Default: false},
	)
	if tax.Hierarchical {
		args = append(args, Arg{Name: "parent", Description: "Limit result set to terms assigned to a specific parent.", Type: "integer"})
	}
	return append(args,
		// WordPress lists post with a null default, which only the index shows.
		Arg{Name: "post", Description: "Limit result set to terms assigned to a specific post.", Type: "integer", Extra: map[string]any{"default": nil}},
		Arg{Name: "slug", Description: "Limit result set to terms with one or more specific slugs.", Type: "array", Items: &Arg{Type: "string"}},
	)
}

// termWriteArgs are the writable term fields; creating requires a name.
func termWriteArgs(tax models.Taxonomy, create bool) []Arg {
	args := []Arg{
		{Name: "description", Description: "HTML description of the term.", Type: "string"},
		{Name: "name", Description: "HTML title for the term.", Type: "string", Required: create},
		{Name: "slug", Description: "An alphanumeric identifier for the term unique to its type.", Type: "string"},
	}
	if tax.Hierarchical {
		args = append(args, Arg{Name: "parent", Description: "The parent term ID.", Type: "integer"})
	}
	// No term meta is registered, so meta lists no properties (PHP's empty array).
	return append(args, Arg{Name: "meta", Description: "Meta fields.", Type: "object", Extra: map[string]any{"properties": []any{}}})
}

// itemTerm loads the term of the item route in the route's taxonomy.
func itemTerm(r *Request, tr termRoute) (*models.Term, error) {
	id, err := parseID(r.URLParam("id"))
	if err != nil || id == 0 {
		return nil, Err(http.StatusNotFound, "rest_term_invalid", languages.Mark("Term does not exist."))
	}
	return r.termInTaxonomy(tr.Taxonomy.Name, id)
}

func (s *Server) canListTerms(tr termRoute) func(*Request) error {
	return func(r *Request) error {
		if r.Has("post") && r.Int("post") > 0 {
			p, err := s.store.PostByID(r.Ctx(), uint64(r.Int("post")))
			if err != nil {
				if models.IsNotFound(err) {
					return Err(http.StatusBadRequest, "rest_post_invalid_id", languages.Mark("Invalid post ID."))
				}
				return err
			}
			if !canReadPost(r.User, p) {
				return Forbidden("rest_forbidden_context", languages.Mark("Sorry, you are not allowed to view terms for this post."))
			}
		}
		if r.ViewContext() == "edit" && !models.CanOnTaxonomy(r.User, models.TermCapEdit, tr.Taxonomy) {
			return Forbidden("rest_forbidden_context", languages.Mark("Sorry, you are not allowed to edit terms in this taxonomy."))
		}
		return nil
	}
}

func (s *Server) canReadTerm(tr termRoute) func(*Request) error {
	return func(r *Request) error {
		t, err := itemTerm(r, tr)
		if err != nil {
			return err
		}
		if r.ViewContext() == "edit" && !models.CanEditTerm(r.User, t) {
			return Forbidden("rest_forbidden_context", languages.Mark("Sorry, you are not allowed to edit this term."))
		}
		return nil
	}
}

// canCreateTerm is create_item_permissions_check: a hierarchical taxonomy
// needs edit_terms, a flat one only assign_terms.
func (s *Server) canCreateTerm(tr termRoute) func(*Request) error {
	return func(r *Request) error {
		if !models.CanCreateTerm(r.User, tr.Taxonomy, models.FlatTermsByAssigners) {
			return refusal(models.KindForbidden, models.ReasonCannotCreateTerm)
		}
		return nil
	}
}

func (s *Server) canUpdateTerm(tr termRoute) func(*Request) error {
	return func(r *Request) error {
		t, err := itemTerm(r, tr)
		if err != nil {
			return err
		}
		if !models.CanEditTerm(r.User, t) {
			return refusal(models.KindForbidden, models.ReasonCannotEditTerm)
		}
		return nil
	}
}

func (s *Server) canDeleteTerm(tr termRoute) func(*Request) error {
	return func(r *Request) error {
		t, err := itemTerm(r, tr)
		if err != nil {
			return err
		}
		if !models.CanDeleteTerm(r.User, t, s.store.DefaultCategoryID(r.Ctx())) {
			return refusal(models.KindForbidden, models.ReasonCannotDeleteTerm)
		}
		return nil
	}
}

func (s *Server) listTerms(tr termRoute) func(*Request) (*Response, error) {
	return func(r *Request) (*Response, error) {
		page, perPage := r.Int("page"), r.Int("per_page")
		f := models.TermFilter{
			Taxonomy:  tr.Taxonomy.Name,
			IDs:       uintList(r.IntList("include")),
			Exclude:   uintList(r.IntList("exclude")),
			Search:    r.String("search"),
			HideEmpty: r.Bool("hide_empty"),
			OrderBy:   r.String("orderby"),
			Order:     r.String("order"),
			Limit:     int(perPage),
			Offset:    int((page - 1) * perPage),
		}
		if r.Has("offset") {
			f.Offset = int(r.Int("offset"))
		}
		if r.Has("slug") {
			f.Slugs = r.StringList("slug")
		}
		if tr.Taxonomy.Hierarchical && r.Has("parent") {
			p := uint64(max(r.Int("parent"), 0))
			f.Parent = &p
		}
		if r.Has("post") && r.Int("post") > 0 {
			f.PostID = uint64(r.Int("post"))
		}
		terms, total, err := s.termsInListOrder(r, f)
		if err != nil {
			return nil, err
		}
		ptrs := make([]*models.Term, len(terms))
		for i := range terms {
			ptrs[i] = &terms[i]
		}
		links := s.store.TermLinks(r.Ctx(), ptrs)
		items := make([]any, 0, len(terms))
		for i := range terms {
			// The self link's targetHints find the term loaded.
			r.rememberTerms(&terms[i])
			items = append(items, s.renderTerm(r, tr, &terms[i], links[i], true))
		}
		resp := NewResponse(http.StatusOK, items)
		r.Paginate(resp, "/wp/v2/"+tr.RestBase, total, page, perPage)
		return resp, nil
	}
}

func (s *Server) getTerm(tr termRoute) func(*Request) (*Response, error) {
	return func(r *Request) (*Response, error) {
		t, err := itemTerm(r, tr)
		if err != nil {
			return nil, err
		}
		return NewResponse(http.StatusOK, s.renderTerm(r, tr, t, s.store.TermLink(r.Ctx(), t), true)), nil
	}
}

// termInput reads the written fields of a create or update request.
func termInput(r *Request, tr termRoute) models.TermInput {
	in := models.TermInput{Taxonomy: tr.Taxonomy.Name, CreateRule: models.FlatTermsByAssigners}
	for _, f := range []struct {
		name string
		dst  **string
	}{{"name", &in.Name}, {"slug", &in.Slug}, {"description", &in.Description}} {
		if r.Has(f.name) {
			v := r.String(f.name)
			*f.dst = &v
		}
	}
	return in
}

// termParent reads parent, which WordPress refuses (rather than ignores)
// on a flat taxonomy.
func termParent(r *Request, tr termRoute, in *models.TermInput) error {
	if !r.Has("parent") {
		return nil
	}
	if !tr.Taxonomy.Hierarchical {
		return Err(http.StatusBadRequest, "rest_taxonomy_not_hierarchical", languages.Mark("Cannot set parent term, taxonomy is not hierarchical."))
	}
	p := uint64(max(r.Int("parent"), 0))
	in.ParentID = &p
	return nil
}

func (s *Server) createTerm(tr termRoute) func(*Request) (*Response, error) {
	return func(r *Request) (*Response, error) {
		in := termInput(r, tr)
		if err := termParent(r, tr, &in); err != nil {
			return nil, err
		}
		t, err := s.store.CreateTerm(r.Ctx(), r.User, in)
		if err != nil {
			return s.termExistsResponse(r, err)
		}
		// WordPress answers a write in the edit context, which also decides
		// the Allow header (GET on the collection then needs edit_terms).
		r.SetParam("context", "edit")
		if t, err = s.store.TermByID(r.Ctx(), t.ID); err != nil {
			return nil, err
		}
		resp := NewResponse(http.StatusCreated, s.renderTerm(r, tr, t, s.store.TermLink(r.Ctx(), t), true))
		resp.Header.Set("Location", r.URL("/wp/v2/"+tr.RestBase+"/"+strconv.FormatUint(t.ID, 10)))
		return resp, nil
	}
}

func (s *Server) updateTerm(tr termRoute) func(*Request) (*Response, error) {
	return func(r *Request) (*Response, error) {
		cur, err := itemTerm(r, tr)
		if err != nil {
			return nil, err
		}
		in := termInput(r, tr)
		if err := termParent(r, tr, &in); err != nil {
			return nil, err
		}
		t, err := s.store.UpdateTerm(r.Ctx(), r.User, cur.ID, in)
		if err != nil {
			return nil, err
		}
		r.SetParam("context", "edit")
		return NewResponse(http.StatusOK, s.renderTerm(r, tr, t, s.store.TermLink(r.Ctx(), t), true)), nil
	}
}

func (s *Server) deleteTerm(tr termRoute) func(*Request) (*Response, error) {
	return func(r *Request) (*Response, error) {
		cur, err := itemTerm(r, tr)
		if err != nil {
			return nil, err
		}
		if !r.Bool("force") {
			return nil, Err(http.StatusNotImplemented, "rest_trash_not_supported", languages.Mark("Terms do not support trashing. Set 'force=true' to delete."))
		}
		r.SetParam("context", "edit")
		previous := s.renderTerm(r, tr, cur, s.store.TermLink(r.Ctx(), cur), false)
		if _, err := s.store.DeleteTerm(r.Ctx(), r.User, tr.Taxonomy.Name, cur.ID); err != nil {
			return nil, err
		}
		return NewResponse(http.StatusOK, map[string]any{"deleted": true, "previous": previous}), nil
	}
}

// termExistsResponse renders a create error. WordPress's term_exists error
// reaches REST carrying the existing term's id as data twice (from
// wp_insert_term, then again when the controller adds status and term_id),
// which WP_Error serializes as additional_data; clients read either.
func (s *Server) termExistsResponse(r *Request, err error) (*Response, error) {
	e := models.AsError(err)
	if e.Reason != models.ReasonTermExists && e.Reason != models.ReasonTermExistsWithParent {
		return nil, err
	}
	id := e.Details.ID
	resp := s.errorResponse(r, err)
	if body, isObj := resp.Data.(*Object); isObj {
		body.Set("additional_data", []any{id, id})
	}
	return resp, nil
}

// termsInListOrder runs the list query. orderby=include and include_slugs
// keep the order of the include or slug list (WordPress's ORDER BY FIELD);
// those results are bounded by the list, so they are ordered and paged
// here.
func (s *Server) termsInListOrder(r *Request, f models.TermFilter) ([]models.Term, int64, error) {
	var pos map[string]int
	key := func(t *models.Term) string { return strconv.FormatUint(t.ID, 10) }
	switch {
	case f.OrderBy == "include" && len(f.IDs) > 0:
		pos = map[string]int{}
		for i, id := range f.IDs {
			if _, seen := pos[strconv.FormatUint(id, 10)]; !seen {
				pos[strconv.FormatUint(id, 10)] = i
			}
		}
	case f.OrderBy == "include_slugs" && len(f.Slugs) > 0:
		pos = map[string]int{}
		for i, slug := range f.Slugs {
			if _, seen := pos[slug]; !seen {
				pos[slug] = i
			}
		}
		key = func(t *models.Term) string { return t.Slug }
	default:
		if f.OrderBy == "include" || f.OrderBy == "include_slugs" {
			f.OrderBy = "id"
		}
		return s.store.Terms(r.Ctx(), f)
	}
	offset, limit := f.Offset, f.Limit
	f.Offset, f.Limit, f.OrderBy = 0, 0, "id"
	all, total, err := s.store.Terms(r.Ctx(), f)
	if err != nil {
		return nil, 0, err
	}
	sort.SliceStable(all, func(i, j int) bool { return pos[key(&all[i])] < pos[key(&all[j])] })
	if strings.EqualFold(f.Order, "desc") {
		slices.Reverse(all)
	}
	if offset >= len(all) {
		return nil, total, nil
	}
	all = all[offset:]
	if limit > 0 && limit < len(all) {
		all = all[:limit]
	}
	return all, total, nil
}
