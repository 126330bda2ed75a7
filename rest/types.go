package rest

import (
	"net/http"

	"github.com/presspass/presspass/languages"
	"github.com/presspass/presspass/models"
)

// /wp/v2/types: WP_REST_Post_Types_Controller over WordPress's built-in
// post types (models.PostTypes).

func (s *Server) typesRoutes() []*Route {
	return []*Route{
		{Namespace: "wp/v2", Pattern: "/wp/v2/types", Schema: typeSchema, Endpoints: []*Endpoint{
			{Methods: []string{"GET"}, Args: []Arg{ContextArg("view")}, Permission: typesListPermission, Handler: s.listTypes},
		}},
		{Namespace: "wp/v2", Pattern: `/wp/v2/types/(?P<type>[\w-]+)`, Schema: typeSchema, Endpoints: []*Endpoint{
			{Methods: []string{"GET"}, Args: []Arg{
				{Name: "type", Description: "An alphanumeric identifier for the post type.", Type: "string"},
				ContextArg("view"),
			}, Permission: typeReadPermission, Handler: s.getType},
		}},
	}
}

func typesListPermission(r *Request) error {
	if r.ViewContext() != "edit" {
		return nil
	}
	for _, t := range models.PostTypes() {
		if models.CanEditPostsOfType(r.User, t) {
			return nil
		}
	}
	return Forbidden("rest_cannot_view", languages.Mark("Sorry, you are not allowed to edit posts in this post type."))
}

var errTypeInvalid = Err(http.StatusNotFound, "rest_type_invalid", languages.Mark("Invalid post type."))

// typeReadPermission refuses only the edit context; an unknown type is the
// handler's 404, as in WordPress (so Allow still says GET).
func typeReadPermission(r *Request) error {
	t, ok := models.PostTypeByName(r.URLParam("type"))
	if ok && r.ViewContext() == "edit" && !models.CanEditPostsOfType(r.User, t) {
		return Forbidden("rest_forbidden_context", languages.Mark("Sorry, you are not allowed to edit posts in this post type."))
	}
	return nil
}

// fieldsValue turns models' ordered objects into answer values.
func fieldsValue(v any) any {
	switch x := v.(type) {
	case models.Fields:
		out := &Object{members: make([]member, 0, len(x))}
		for _, f := range x {
			out.Set(f.Key, fieldsValue(f.Value))
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, item := range x {
			out[i] = fieldsValue(item)
		}
		return out
	}
	return v
}

// renderType is WP_REST_Post_Types_Controller::prepare_item_for_response.
func (s *Server) renderType(r *Request, t models.PostType) *Object {
	vctx := r.ViewContext()
	data := &Object{}
	set := func(field string, v any, ctxs ...string) {
		for _, c := range ctxs {
			if c == vctx && r.FieldIncluded(field) {
				data.Set(field, v)
				return
			}
		}
	}
	var icon any
	if t.Icon != "" {
		icon = t.Icon
	}
	taxonomies := make([]any, len(t.RestTaxonomies))
	for i, name := range t.RestTaxonomies {
		taxonomies[i] = name
	}
	set("capabilities", fieldsValue(t.Cap), "edit")
	set("description", t.Description, "view", "edit")
	set("hierarchical", t.Hierarchical, "view", "edit")
	set("has_archive", t.HasArchive, "view", "edit")
	set("visibility", Obj("show_in_nav_menus", t.ShowInNavMenus, "show_ui", t.ShowUI), "edit")
	set("viewable", t.Viewable, "edit")
	set("labels", fieldsValue(t.Labels), "edit")
	set("name", t.Label, "view", "edit", "embed")
	set("slug", t.Name, "view", "edit", "embed")
	set("icon", icon, "view", "edit", "embed")
	set("supports", fieldsValue(t.Supports), "edit")
	set("taxonomies", taxonomies, "view", "edit")
	set("rest_base", t.RestBase, "view", "edit", "embed")
	set("rest_namespace", t.RestNamespace, "view", "edit", "embed")
	set("template", []any{}, "view", "edit")
	set("template_lock", false, "view", "edit")
	return r.WithLinks(data, Links{
		{Rel: "collection", Href: r.URL("/wp/v2/types")},
		{Rel: wpRelPrefix + "items", Href: r.URL("/" + t.RestNamespace + "/" + t.RestBase)},
	})
}

func (s *Server) listTypes(r *Request) (*Response, error) {
	out := &Object{}
	for _, t := range models.PostTypes() {
		if r.ViewContext() == "edit" && !models.CanEditPostsOfType(r.User, t) {
			continue
		}
		out.Set(t.Name, s.renderType(r, t))
	}
	return NewResponse(http.StatusOK, out), nil
}

func (s *Server) getType(r *Request) (*Response, error) {
	t, ok := models.PostTypeByName(r.URLParam("type"))
	if !ok {
		return nil, errTypeInvalid
	}
	return NewResponse(http.StatusOK, s.renderType(r, t)), nil
}

func typeSchema() *Object {
	p := func(desc, typ string, ctxs []any) *Object {
		return Obj("description", desc, "type", typ, "context", ctxs, "readonly", true)
	}
	return Obj(
		"$schema", "http://json-schema.org/draft-04/schema#", "title", "type", "type", "object",
		"properties", Obj(
			"capabilities", p("All capabilities used by the post type.", "object", ctxEdit),
			"description", p("A human-readable description of the post type.", "string", ctxViewEdit),
			"hierarchical", p("Whether or not the post type should have children.", "boolean", ctxViewEdit),
			"viewable", p("Whether or not the post type can be viewed.", "boolean", ctxEdit),
			"labels", p("Human-readable labels for the post type for various contexts.", "object", ctxEdit),
			"name", p("The title for the post type.", "string", ctxAll),
			"slug", p("An alphanumeric identifier for the post type.", "string", ctxAll),
			"supports", p("All features, supported by the post type.", "object", ctxEdit),
			"has_archive", p("If the value is a string, the value will be used as the archive slug. If the value is false the post type has no archive.", "string", ctxViewEdit),
			"taxonomies", p("Taxonomies associated with post type.", "array", ctxViewEdit),
			"rest_base", p("REST base route for the post type.", "string", ctxAll),
			"rest_namespace", p("REST route's namespace for the post type.", "string", ctxAll),
			"icon", p("The icon for the post type.", "string", ctxAll),
			"template", p("The block template associated with the post type.", "array", ctxViewEdit),
			"template_lock", p("The template_lock associated with the post type, or false if none.", "string", ctxViewEdit),
		),
	)
}
