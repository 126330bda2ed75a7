package rest

import (
	"net/http"

	"github.com/presspass/presspass/languages"
	"github.com/presspass/presspass/models"
)

// /wp/v2/block-patterns/categories and /wp/v2/block-patterns/patterns
// (WP_REST_Block_Pattern_Categories_Controller,
// WP_REST_Block_Patterns_Controller): the registered pattern categories,
// and the registered patterns, of which the built-in theme has none.

func (s *Server) blockPatternsRoutes() []*Route {
	return []*Route{
		{Namespace: "wp/v2", Pattern: "/wp/v2/block-patterns/patterns", Schema: blockPatternSchema, Endpoints: []*Endpoint{{
			Methods:    []string{"GET"},
			Permission: canViewBlockPatterns(languages.Mark("Sorry, you are not allowed to view the registered block patterns.")),
			Handler:    func(*Request) (*Response, error) { return NewResponse(http.StatusOK, []any{}), nil },
		}}},
		{Namespace: "wp/v2", Pattern: "/wp/v2/block-patterns/categories", Schema: blockPatternCategorySchema, Endpoints: []*Endpoint{{
			Methods:    []string{"GET"},
			Permission: canViewBlockPatterns(languages.Mark("Sorry, you are not allowed to view the registered block pattern categories.")),
			Handler:    s.listBlockPatternCategories,
		}}},
	}
}

// canViewBlockPatterns: whoever may edit posts of some type.
func canViewBlockPatterns(message string) func(*Request) error {
	return func(r *Request) error {
		if models.CanReadActiveTheme(r.User) {
			return nil
		}
		return Forbidden("rest_cannot_view", message)
	}
}

func (s *Server) listBlockPatternCategories(r *Request) (*Response, error) {
	out := []any{}
	for _, c := range models.BlockPatternCategories(s.store.ActiveTheme(r.Ctx()).Stylesheet) {
		item := &Object{members: make([]member, 0, 3)}
		for _, f := range [...]struct{ name, value string }{{"name", c.Name}, {"label", c.Label}, {"description", c.Description}} {
			if r.FieldIncluded(f.name) {
				item.Set(f.name, f.value)
			}
		}
		out = append(out, item)
	}
	return NewResponse(http.StatusOK, out), nil
}

func blockPatternCategorySchema() *Object {
	p := func(desc string) *Object {
		return Obj("description", desc, "type", "string", "readonly", true, "context", []any{"view", "edit", "embed"})
	}
	return Obj(
		"$schema", "http://json-schema.org/draft-04/schema#", "title", "block-pattern-category", "type", "object",
		"properties", Obj(
			"name", p("The category name."),
			"label", p("The category label, in human readable format."),
			"description", p("The category description, in human readable format."),
		),
	)
}

func blockPatternSchema() *Object {
	p := func(desc, typ string) *Object {
		return Obj("description", desc, "type", typ, "readonly", true, "context", []any{"view", "edit", "embed"})
	}
	list := func(desc string) *Object {
		m := p(desc, "array")
		m.Set("items", Obj("type", "string"))
		return m
	}
	return Obj(
		"$schema", "http://json-schema.org/draft-04/schema#", "title", "block-pattern", "type", "object",
		"properties", Obj(
			"name", p("The pattern name.", "string"),
			"title", p("The pattern title, in human readable format.", "string"),
			"content", p("The pattern content.", "string"),
			"description", p("The pattern detailed description.", "string"),
			"viewport_width", p("The pattern viewport width for inserter preview.", "number"),
			"inserter", p("Determines whether the pattern is visible in inserter.", "boolean"),
			"categories", list("The pattern category slugs."),
			"keywords", list("The pattern keywords."),
			"block_types", list("Block types that the pattern is intended to be used with."),
			"post_types", list("An array of post types that the pattern is restricted to be used with."),
			"template_types", list("An array of template types where the pattern fits."),
			"source", Obj("description", "Where the pattern comes from e.g. core", "type", "string", "readonly", true, "context", []any{"view", "edit", "embed"}, "enum", []any{"core", "plugin", "theme", "pattern-directory/core", "pattern-directory/theme", "pattern-directory/featured"}),
		),
	)
}
