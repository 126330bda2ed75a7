package rest

import (
	"net/http"
	"strconv"

	"github.com/presspass/presspass/languages"
	"github.com/presspass/presspass/models"
	"github.com/presspass/presspass/models/wptext"
)

// /wp/v2/search (WP_REST_Search_Controller): what the block editor's link
// picker and the apps' "link to a post" search. models.Search decides what
// is found; this file words it.

// searchAny is the subtype meaning every subtype of the type.
const searchAny = models.SearchAnySubtype

func (s *Server) searchRoutes() []*Route {
	return []*Route{{
		Namespace: "wp/v2",
		Pattern:   "/wp/v2/search",
		Schema:    searchSchema,
		Endpoints: []*Endpoint{{
			Methods:    []string{"GET"},
			Args:       searchArgs(),
			Permission: func(*Request) error { return nil },
			Handler:    s.search,
		}},
	}}
}

// searchSubtypeEnum is every type's subtypes, then "any".
func searchSubtypeEnum() []any {
	var out []any
	for _, t := range models.SearchTypes() {
		for _, st := range models.SearchSubtypes(t) {
			out = append(out, st)
		}
	}
	return append(out, searchAny)
}

func searchArgs() []Arg {
	var types []any
	for _, t := range models.SearchTypes() {
		types = append(types, t)
	}
	ctx := ContextArg("view")
	ctx.Enum = []any{"view", "embed"}
	return []Arg{
		ctx,
		{Name: "page", Description: "Current page of the collection.", Type: "integer", Default: int64(1), Minimum: Int64(1)},
		{Name: "per_page", Description: "Maximum number of items to be returned in result set.", Type: "integer", Default: int64(10), Minimum: Int64(1), Maximum: Int64(100)},
		{Name: "search", Description: "Limit results to those matching a string.", Type: "string"},
		{Name: "type", Default: models.SearchPosts, Description: "Limit results to items of an object type.", Type: "string", Enum: types, Keywords: kwDefaultFirst},
		{Name: "subtype", Default: searchAny, Description: "Limit results to items of one or more object subtypes.", Type: "array", Keywords: kwDefaultFirst,
			Items: &Arg{Enum: searchSubtypeEnum(), Type: "string", Keywords: kwEnumFirst}},
		{Name: "exclude", Description: "Ensure result set excludes specific IDs.", Type: "array", Items: &Arg{Type: "integer"}, Default: []any{}},
		{Name: "include", Description: "Limit result set to specific IDs.", Type: "array", Items: &Arg{Type: "integer"}, Default: []any{}},
	}
}

func searchSchema() *Object {
	var types []any
	for _, t := range models.SearchTypes() {
		types = append(types, t)
	}
	subtypes := searchSubtypeEnum()
	subtypes = subtypes[:len(subtypes)-1]
	view := []any{"view", "embed"}
	return Obj(
		"$schema", "http://json-schema.org/draft-04/schema#",
		"title", "search-result",
		"type", "object",
		"properties", Obj(
			"id", Obj("description", "Unique identifier for the object.", "type", []any{"integer", "string"}, "context", view, "readonly", true),
			"title", Obj("description", "The title for the object.", "type", "string", "context", view, "readonly", true),
			"url", Obj("description", "URL to the object.", "type", "string", "format", "uri", "context", view, "readonly", true),
			"type", Obj("description", "Object type.", "type", "string", "enum", types, "context", view, "readonly", true),
			"subtype", Obj("description", "Object subtype.", "type", "string", "enum", subtypes, "context", view, "readonly", true),
		),
	)
}

func (s *Server) search(r *Request) (*Response, error) {
	page, perPage := r.Int("page"), r.Int("per_page")
	q := models.SearchQuery{
		Type: r.String("type"), Search: r.String("search"),
		Include: uintList(r.IntList("include")), Exclude: uintList(r.IntList("exclude")),
		Page: int(page), PerPage: int(perPage),
	}
	q.Subtypes = r.StringList("subtype")
	hits, total, err := s.store.Search(r.Ctx(), r.User, q)
	if err != nil {
		return nil, err
	}
	return s.searchAnswer(r, hits, total, page, perPage)
}

func (s *Server) searchAnswer(r *Request, hits []models.SearchHit, total, page, perPage int64) (*Response, error) {
	maxPages := (total + perPage - 1) / perPage
	if page > maxPages && total > 0 {
		return nil, Err(http.StatusBadRequest, "rest_search_invalid_page_number", languages.Mark("The page number requested is larger than the number of pages available."))
	}
	// The self links' targetHints run the item routes' permission checks,
	// which find the hits already loaded.
	for i := range hits {
		if hits[i].Post != nil {
			r.rememberPosts(hits[i].Post)
		}
		if hits[i].Term != nil {
			r.rememberTerms(hits[i].Term)
		}
	}
	items := make([]any, 0, len(hits))
	for i := range hits {
		items = append(items, s.renderSearchHit(r, &hits[i]))
	}
	resp := NewResponse(http.StatusOK, items)
	r.Paginate(resp, "/wp/v2/search", total, page, perPage)
	return resp, nil
}

// renderSearchHit is one result as the handlers prepare it. A term's type
// is its taxonomy, as WordPress gives it (the editor reads it so), and its
// subtype the same taxonomy, which the schema promises and WordPress
// leaves out.
func (s *Server) renderSearchHit(r *Request, h *models.SearchHit) *Object {
	data := &Object{}
	set := func(field string, v any) {
		if r.FieldIncluded(field) {
			data.Set(field, v)
		}
	}
	var links Links
	switch {
	case h.Post != nil:
		p := h.Post
		set("id", p.ID)
		set("title", wptext.TheTitle(p.Title))
		set("url", h.URL)
		set("type", models.SearchPosts)
		set("subtype", p.Type)
		if t, ok := models.PostTypeByName(p.Type); ok && t.RestBase != "" {
			links = append(links, Link{Rel: "self", Href: r.URL("/wp/v2/" + t.RestBase + "/" + strconv.FormatUint(p.ID, 10)), Embeddable: true})
		}
		links = append(links, Link{Rel: "about", Href: r.URL("/wp/v2/types/" + p.Type)})
	case h.Term != nil:
		t := h.Term
		set("id", t.ID)
		set("title", t.Name)
		set("url", h.URL)
		set("type", t.Taxonomy)
		set("subtype", t.Taxonomy)
		if tax, ok := taxonomyByRestSlug(t.Taxonomy); ok {
			links = append(links, Link{Rel: "self", Href: r.URL("/wp/v2/" + tax.RestBase + "/" + strconv.FormatUint(t.ID, 10)), Embeddable: true})
		}
		links = append(links, Link{Rel: "about", Href: r.URL("/wp/v2/taxonomies/" + t.Taxonomy)})
	case h.Format != nil:
		set("id", h.Format.Slug)
		set("title", h.Format.Label)
		set("url", h.URL)
		set("type", models.SearchPostFormats)
	}
	links = append(links, Link{Rel: "collection", Href: r.URL("/wp/v2/search")})
	return r.WithLinks(data, links)
}
