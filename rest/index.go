package rest

import (
	"net/http"
	"strconv"

	"github.com/presspass/presspass/models"
)

// indexRoutes is the site index at /.
func (s *Server) indexRoutes() []*Route {
	return []*Route{{
		Pattern: "/",
		Endpoints: []*Endpoint{{
			Methods: []string{"GET"},
			Args:    []Arg{{Name: "context", Default: "view"}},
			Handler: s.getIndex,
		}},
	}}
}

// namespaceIndexRoutes is the namespace index at /wp/v2, which WordPress
// registers with the namespace's first route.
func (s *Server) namespaceIndexRoutes() []*Route {
	return []*Route{
		{
			Namespace: "wp/v2",
			Pattern:   "/wp/v2",
			Endpoints: []*Endpoint{{
				Methods: []string{"GET"},
				Args:    []Arg{{Name: "namespace", Default: "wp/v2"}, {Name: "context", Default: "view"}},
				Handler: s.getNamespaceIndex,
			}},
		},
	}
}

// indexFieldOrder is the order of the site index's members in WordPress's
// answer (the routes come before the site logo and icon).
var indexFieldOrder = []string{"name", "description", "url", "home", "gmt_offset", "timezone_string", "page_for_posts",
	"page_on_front", "show_on_front", "namespaces", "authentication", "routes", "site_logo", "site_icon", "site_icon_url",
	"_links"}

// getIndex is WP_REST_Server::get_index: the site description, the
// authentication methods available to this request and every route.
func (s *Server) getIndex(r *Request) (*Response, error) {
	opt := func(name string) string { return s.store.Option(r.ctx, name) }
	optInt := func(name string) int64 {
		n, _ := strconv.ParseInt(opt(name), 10, 64)
		return n
	}
	var auth any = []any{}
	if s.store.AppPasswordsAvailable(r.Client.Secure) {
		auth = Obj("application-passwords", Obj(
			"endpoints", Obj("authorization", s.cfg.SiteURL+"/wp-admin/authorize-application.php"),
		))
	}
	data := NewObject(indexFieldOrder)
	data.Set("name", opt("blogname"))
	data.Set("description", opt("blogdescription"))
	data.Set("url", s.cfg.SiteURL)
	data.Set("home", s.cfg.SiteURL)
	data.Set("gmt_offset", opt("gmt_offset"))
	data.Set("timezone_string", opt("timezone_string"))
	data.Set("page_for_posts", optInt("page_for_posts"))
	data.Set("page_on_front", optInt("page_on_front"))
	data.Set("show_on_front", opt("show_on_front"))
	data.Set("namespaces", s.namespaces())
	data.Set("authentication", auth)
	data.Set("site_logo", optInt("site_logo"))
	data.Set("site_icon", optInt("site_icon"))
	data.Set("site_icon_url", "")
	// The route table is large: describe it only when asked for.
	if r.FieldIncluded("routes") {
		routes := &Object{members: make([]member, 0, len(s.routes))}
		for _, rt := range s.routes {
			routes.Set(rt.Pattern, s.describe(rt, false))
		}
		data.Set("routes", routes)
	}
	resp := NewResponse(http.StatusOK, data)
	if r.FieldIncluded("_links") || r.FieldIncluded("_embedded") {
		resp.Links = Links{{Rel: "help", Href: "https://developer.wordpress.org/rest-api/"}}
		// The active theme is linked for those who may read it.
		if models.CanViewThemes(r.User) || models.CanReadActiveTheme(r.User) {
			resp.Links = append(resp.Links, Link{Rel: wpRelPrefix + "active-theme",
				Href: r.URL("/wp/v2/themes/" + s.store.ActiveTheme(r.ctx).Stylesheet)})
		}
	}
	return resp, nil
}

// namespaces lists the namespaces of the route table in order.
func (s *Server) namespaces() []any {
	seen := map[string]bool{}
	out := []any{}
	for _, rt := range s.routes {
		if rt.Namespace != "" && !seen[rt.Namespace] {
			seen[rt.Namespace] = true
			out = append(out, rt.Namespace)
		}
	}
	return out
}

// getNamespaceIndex is WP_REST_Server::get_namespace_index.
func (s *Server) getNamespaceIndex(r *Request) (*Response, error) {
	ns := r.String("namespace")
	routes := &Object{}
	for _, rt := range s.routes {
		if rt.Namespace == ns {
			routes.Set(rt.Pattern, s.describe(rt, false))
		}
	}
	resp := NewResponse(http.StatusOK, Obj("namespace", ns, "routes", routes))
	resp.Links = Links{{Rel: "up", Href: s.apiRoot}}
	return resp, nil
}
