package rest

import (
	"net/http"

	"github.com/presspass/presspass/models"
)

// /wp/v2/types: WP_REST_Post_Types_Controller for the post types PressPass
// serves over REST.

func init() { registerRouteGroup(340, (*Server).typesRoutes) }

// typeInfo is a post type as the types endpoint describes it.
type typeInfo struct {
	slug, name, singular, icon, restBase string
	hierarchical                         bool
	taxonomies                           []any
	supports                             []string
}

var servedPostTypes = []typeInfo{
	{slug: "post", name: "Posts", singular: "Post", icon: "dashicons-admin-post", restBase: "posts",
		taxonomies: []any{"category", "post_tag"},
		supports:   []string{"title", "editor", "author", "thumbnail", "excerpt", "trackbacks", "custom-fields", "comments", "revisions", "post-formats"}},
	{slug: "page", name: "Pages", singular: "Page", icon: "dashicons-admin-page", restBase: "pages", hierarchical: true,
		taxonomies: []any{},
		supports:   []string{"title", "editor", "author", "thumbnail", "page-attributes", "custom-fields", "comments", "revisions"}},
}

func findType(slug string) *typeInfo {
	for i := range servedPostTypes {
		if servedPostTypes[i].slug == slug {
			return &servedPostTypes[i]
		}
	}
	return nil
}

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
	if r.ViewContext() == "edit" && !canEditSomeType(r.User) {
		return Forbidden("rest_cannot_view", "Sorry, you are not allowed to edit posts in this post type.")
	}
	return nil
}

var errTypeInvalid = Err(http.StatusNotFound, "rest_type_invalid", "Invalid post type.")

// typeReadPermission refuses only the edit context; an unknown type is the
// handler's 404, as in WordPress (so Allow still says GET).
func typeReadPermission(r *Request) error {
	t := findType(r.URLParam("type"))
	if t != nil && r.ViewContext() == "edit" && !r.User.HasCap(models.PostTypeCap(t.slug, "edit")) {
		return Forbidden("rest_forbidden_context", "Sorry, you are not allowed to edit posts in this post type.")
	}
	return nil
}

func (s *Server) renderType(r *Request, t *typeInfo) map[string]any {
	vctx := r.ViewContext()
	data := map[string]any{}
	set := func(field string, v any, ctxs ...string) {
		for _, c := range ctxs {
			if c == vctx && r.FieldIncluded(field) {
				data[field] = v
				return
			}
		}
	}
	caps := map[string]any{}
	for _, action := range []string{"edit", "edit_others", "publish", "read_private", "delete", "delete_private", "delete_published", "delete_others", "edit_private", "edit_published"} {
		key := action + "_posts"
		caps[key] = models.PostTypeCap(t.slug, action)
	}
	caps["edit_post"] = "edit_" + t.slug
	caps["read_post"] = "read_" + t.slug
	caps["delete_post"] = "delete_" + t.slug
	caps["read"] = "read"
	caps["create_posts"] = models.PostTypeCap(t.slug, "create")
	supports := map[string]any{}
	for _, f := range t.supports {
		supports[f] = true
	}
	set("capabilities", caps, "edit")
	set("description", "", "view", "edit")
	set("hierarchical", t.hierarchical, "view", "edit")
	set("has_archive", false, "view", "edit")
	set("visibility", map[string]any{"show_in_nav_menus": true, "show_ui": true}, "edit")
	set("viewable", true, "edit")
	set("labels", map[string]any{"name": t.name, "singular_name": t.singular}, "edit")
	set("name", t.name, "view", "edit", "embed")
	set("slug", t.slug, "view", "edit", "embed")
	set("icon", t.icon, "view", "edit", "embed")
	set("supports", supports, "edit")
	set("taxonomies", t.taxonomies, "view", "edit")
	set("rest_base", t.restBase, "view", "edit", "embed")
	set("rest_namespace", "wp/v2", "view", "edit", "embed")
	set("template", []any{}, "view", "edit")
	set("template_lock", false, "view", "edit")
	return r.WithLinks(data, Links{
		{Rel: "collection", Href: r.URL("/wp/v2/types")},
		{Rel: wpRelPrefix + "items", Href: r.URL("/wp/v2/" + t.restBase)},
	})
}

func (s *Server) listTypes(r *Request) (*Response, error) {
	out := map[string]any{}
	for i := range servedPostTypes {
		t := &servedPostTypes[i]
		if r.ViewContext() == "edit" && !r.User.HasCap(models.PostTypeCap(t.slug, "edit")) {
			continue
		}
		out[t.slug] = s.renderType(r, t)
	}
	return NewResponse(http.StatusOK, out), nil
}

func (s *Server) getType(r *Request) (*Response, error) {
	if findType(r.URLParam("type")) == nil {
		return nil, errTypeInvalid
	}
	return NewResponse(http.StatusOK, s.renderType(r, findType(r.URLParam("type")))), nil
}

func typeSchema() map[string]any {
	p := func(desc, typ string, ctxs []any) map[string]any {
		return map[string]any{"description": desc, "type": typ, "context": ctxs, "readonly": true}
	}
	return map[string]any{
		"$schema": "http://json-schema.org/draft-04/schema#", "title": "type", "type": "object",
		"properties": map[string]any{
			"capabilities":   p("All capabilities used by the post type.", "object", ctxEdit),
			"description":    p("A human-readable description of the post type.", "string", ctxViewEdit),
			"hierarchical":   p("Whether or not the post type should have children.", "boolean", ctxViewEdit),
			"viewable":       p("Whether or not the post type can be viewed.", "boolean", ctxEdit),
			"labels":         p("Human-readable labels for the post type for various contexts.", "object", ctxEdit),
			"name":           p("The title for the post type.", "string", ctxAll),
			"slug":           p("An alphanumeric identifier for the post type.", "string", ctxAll),
			"supports":       p("All features, supported by the post type.", "object", ctxEdit),
			"has_archive":    p("If the value is a string, the value will be used as the archive slug. If the value is false the post type has no archive.", "string", ctxViewEdit),
			"taxonomies":     p("Taxonomies associated with post type.", "array", ctxViewEdit),
			"rest_base":      p("REST base route for the post type.", "string", ctxAll),
			"rest_namespace": p("REST route's namespace for the post type.", "string", ctxAll),
			"icon":           p("The icon for the post type.", "string", ctxAll),
			"template":       p("The block template associated with the post type.", "array", ctxViewEdit),
			"template_lock":  p("The template_lock associated with the post type, or false if none.", "string", ctxViewEdit),
		},
	}
}
