// Package rest is the /wp-json adapter: WordPress's REST API over models.
//
// # The framework in one page
//
// The adapter keeps its own route table instead of Echo's router, because
// WordPress routes are regular expressions that are matched in registration
// order, listed in the index and described by OPTIONS, and because the Allow
// header depends on every endpoint of the matched route. Echo only delivers
// /wp-json/* (and /?rest_route=…, rewritten by a Pre middleware) to
// Server.ServeHTTP.
//
// Registering routes. A file builds a group of routes, and routes.go lists
// the groups in WordPress's order (the first matching route serves):
//
//	func (s *Server) postsRoutes() []*Route {
//		return []*Route{{
//			Namespace: "wp/v2",
//			Pattern:   `/wp/v2/posts/(?P<id>[\d]+)`, // WordPress's regex; named groups are URL params
//			Schema:    s.postSchema,                   // optional: item schema shown by OPTIONS
//			Endpoints: []*Endpoint{{
//				Methods:    []string{"GET"},        // HEAD falls back to GET
//				Args:       []Arg{{Name: "id", Type: "integer", Description: "…"}, ContextArg("view")},
//				Permission: s.canReadPost,         // nil = public; return nil to allow
//				Handler:    s.getPost,
//			}},
//		}}
//	}
//
// Inside a group routes keep their slice order, as WordPress's index lists
// them.
//
// Arguments. Arg is WordPress's JSON-schema subset: Type ("string",
// "integer", "number", "boolean", "array", "object", "null") or Types for a
// union, Enum, Default, Required, Minimum/Maximum (Int64 helper),
// ExclusiveMinimum/Maximum, MinLength/MaxLength (IntP helper), Pattern, Format
// ("email", "uri", "date-time", "uuid", "ip", "hex-color"), Items, OneOf,
// Properties, MinItems/MaxItems, UniqueItems. Before the permission check the
// framework does what WP_REST_Request::has_valid_params and sanitize_params
// do: rest_missing_callback_param for missing required args, then
// rest_invalid_param (params + details) for every invalid one, then
// sanitizes to Go types (int64, float64, bool, string, []any,
// map[string]any). Arg.Validate (after the schema) and Arg.Sanitize (instead
// of the schema's conversion) are WordPress's validate_callback /
// sanitize_callback; SkipValidation lists a schema without enforcing it.
//
// Handlers and permission callbacks get a *Request:
//
//	r.Ctx()                 context.Context of the HTTP request
//	r.User                  *models.User, nil when anonymous
//	r.AppPassword           the application password that authenticated it, or nil
//	r.Client                models.ClientInfo (address, HTTPS)
//	r.Method, r.Path        effective method (after _method / X-HTTP-Method-Override) and route path
//	r.URLParam("id")        a named group of the route pattern
//	r.Param("x")            merged params as WordPress orders them (JSON body, form body,
//	                        query, URL, defaults), sanitized when x is a declared Arg
//	r.Has("x")              the client sent x (defaults do not count)
//	r.String/Int/Bool/IntList/StringList("x")   typed views of Param
//	r.ViewContext()         "view", "edit" or "embed"
//	r.FieldIncluded("a.b")  rest_is_field_included against _fields
//	r.URL("/wp/v2/users/1") SITE/wp-json/wp/v2/users/1
//	r.Body                  the raw body (media uploads)
//	r.HTTP                  the *http.Request itself (headers, multipart files)
//
// A handler returns (*Response, error). Build responses with
// NewResponse(status, data) where data is map[string]any (an object; PHP's
// empty array is []any{}), []any or []map[string]any (a list). Set headers
// with resp.Header.Set, link headers with resp.LinkHeader(rel, href, attrs),
// and pagination (X-WP-Total, X-WP-TotalPages, prev/next Link) with
// r.Paginate(resp, "/wp/v2/posts", total, page, perPage). Links: put an
// object's _links in its data with r.WithLinks(data, Links{…}) — it honours
// _fields as WordPress controllers do, works for list items too, and gives
// every "self" link targetHints.allow (the methods the current user may use
// on it, from the permission callbacks of the route it points to).
// resp.Links is added after _fields unconditionally (WordPress's
// response_to_data), as the index documents do. A Link with Embeddable set
// is fetched by _embed through an internal GET with context=embed by the
// same user. r.UserByID(id) loads a user once per request (permission
// callbacks and targetHints share it).
//
// Errors: store errors pass through unchanged and are worded from the one
// table of errors_table.go (a Reason's code, status and message; the Kind's
// status where the reason has none); KindForbidden is 401 for anonymous
// requests and 403 otherwise, like WordPress's
// rest_authorization_required_code. Build REST-only errors with Err(status,
// code, message), Forbidden(code, message) and InvalidParam(name, code,
// message) (a rest_invalid_param for one argument); a permission callback
// that checks one of the store's rules returns refusal(kind, reason).
// Any other error is a 500 "internal" whose cause is logged, never shown; a
// panic becomes the same 500.
//
// After the handler the framework applies, in WordPress's order: the Allow
// header (methods whose permission callback passes), _fields (also nested
// "a.b"), _links, _embed, _envelope; then writes JSON with
// Content-Type application/json; charset=UTF-8 and the api.w.org Link
// header (replaced when the response sets its own Link). HEAD drops the
// body. OPTIONS describes the matched route (namespace, methods, endpoints
// with args, schema).
package rest

import (
	"context"
	"log/slog"
	"net"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/presspass/presspass/models"
	"github.com/presspass/presspass/models/epoch"
)

// Config is what the REST adapter needs from the composition root.
type Config struct {
	// SiteURL is the public base URL without a trailing slash.
	SiteURL string
	// Client tells who is calling (address, HTTPS) for a request.
	Client func(*http.Request) models.ClientInfo
	// XMLRPCEnabled says whether the XML-RPC endpoint is advertised.
	XMLRPCEnabled bool
	Logger        *slog.Logger
	// OEmbedFetcher fetches other sites' oEmbed documents for the proxy
	// route; nil while outbound fetching is off (only this site's links are
	// answered then).
	OEmbedFetcher OEmbedFetcher
}

// Server is the REST adapter: the store, the configuration and the route
// table built from every registered route group.
type Server struct {
	store  *models.Store
	cfg    Config
	log    *slog.Logger
	routes []*Route
	// apiRoot is SITE/wp-json/, the root every link is built from.
	apiRoot string
	// rootLink is the Link header every response carries unless it sets its own.
	rootLink string
	// cache keeps anonymous GET answers under the content epoch.
	cache *responseCache
	// oembedProxyCache keeps other sites' oEmbed answers for a day, under
	// no epoch (they do not depend on this site's data).
	oembedProxyCache *epoch.Cache[epoch.Key, models.Fields]
}

// NewServer builds the adapter with every registered route group.
func NewServer(s *models.Store, cfg Config) *Server {
	cfg.SiteURL = strings.TrimRight(cfg.SiteURL, "/")
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.Client == nil {
		// Without a composition root (tests, embedding) the peer is the client.
		cfg.Client = func(r *http.Request) models.ClientInfo {
			ip, _, err := net.SplitHostPort(r.RemoteAddr)
			if err != nil {
				ip = r.RemoteAddr
			}
			return models.ClientInfo{IP: ip, UserAgent: r.UserAgent(), Secure: r.TLS != nil}
		}
	}
	srv := &Server{store: s, cfg: cfg, log: cfg.Logger, cache: newResponseCache(),
		oembedProxyCache: epoch.NewCache[epoch.Key, models.Fields](oembedProxyEntries)}
	srv.apiRoot = cfg.SiteURL + "/wp-json/"
	srv.rootLink = "<" + srv.apiRoot + `>; rel="https://api.w.org/"`
	srv.routes = buildRoutes(srv)
	return srv
}

// Register mounts the REST API on e: /wp-json and everything under it, plus
// the plain-permalink forms /?rest_route=… and /index.php?rest_route=…. It
// returns the adapter, whose counts the composition root reads (stats.go).
func Register(e *echo.Echo, s *models.Store, cfg Config) *Server {
	srv := NewServer(s, cfg)
	e.Pre(restRouteRewrite)
	h := func(c echo.Context) error {
		srv.ServeHTTP(c.Response(), c.Request())
		return nil
	}
	e.Any("/wp-json", h)
	e.Any("/wp-json/*", h)
	return srv
}

// restRouteKey marks a request rewritten from ?rest_route= in its context,
// carrying the route path taken from the parameter.
type restRouteKey struct{}

// restRouteRewrite turns /?rest_route=/wp/v2/x and /index.php?rest_route=…
// into /wp-json/wp/v2/x, leaving every other request on "/" to the pages.
func restRouteRewrite(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		req := c.Request()
		if (req.URL.Path == "/" || req.URL.Path == "/index.php") && strings.Contains(req.URL.RawQuery, "rest_route") {
			if route, ok := queryValue(req.URL.RawQuery, "rest_route"); ok {
				if !strings.HasPrefix(route, "/") {
					route = "/" + route
				}
				req = req.WithContext(context.WithValue(req.Context(), restRouteKey{}, route))
				req.URL.Path = "/wp-json" + route
				req.URL.RawPath = ""
				c.SetRequest(req)
			}
		}
		return next(c)
	}
}

// queryValue returns the first value of key in a raw query string.
func queryValue(raw, key string) (string, bool) {
	for _, kv := range orderedQuery(raw) {
		if kv.key == key {
			return kv.value, true
		}
	}
	return "", false
}

// routePath extracts the REST route ("/wp/v2/users/me") from a request; a
// trailing slash is dropped as WordPress does.
func routePath(req *http.Request) string {
	p, ok := req.Context().Value(restRouteKey{}).(string)
	if !ok {
		p = strings.TrimPrefix(req.URL.Path, "/wp-json")
	}
	p = strings.TrimRight(p, "/")
	if p == "" {
		p = "/"
	}
	return p
}
