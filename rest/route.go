package rest

import (
	"regexp"
	"strings"
)

// Route is one WordPress REST route: a path pattern with its endpoints.
type Route struct {
	// Namespace is "wp/v2" (or "" for the index itself).
	Namespace string
	// Pattern is WordPress's route regex, e.g. `/wp/v2/users/(?P<id>[\d]+)`;
	// it is matched against the whole path, case-insensitively.
	Pattern string
	// Endpoints are tried in order; the first whose methods include the
	// request's serves it.
	Endpoints []*Endpoint
	// Schema returns the item schema OPTIONS shows (nil: none).
	Schema func() *Object
	// AllowBatch marks every endpoint as batchable ({"v1": true}) in the index.
	AllowBatch bool

	re *regexp.Regexp
}

// Endpoint is one handler of a route for a set of methods.
type Endpoint struct {
	// Methods lists GET, POST, PUT, PATCH, DELETE. HEAD falls back to GET.
	Methods []string
	// Args are the arguments WordPress validates before the permission check,
	// in order (the order of error listings).
	Args []Arg
	// Permission allows the request when it returns nil. Nil means public.
	Permission func(*Request) error
	// Handler serves the request.
	Handler func(*Request) (*Response, error)
	// AllowBatch marks the endpoint batchable in the index.
	AllowBatch bool
	// NoBatch shows allow_batch {"v1": false}, for controllers that say so.
	NoBatch bool
}

// hasMethod reports whether the endpoint serves method.
func (e *Endpoint) hasMethod(method string) bool {
	for _, m := range e.Methods {
		if m == method {
			return true
		}
	}
	return false
}

// arg returns the declared argument called name.
func (e *Endpoint) arg(name string) *Arg {
	for i := range e.Args {
		if e.Args[i].Name == name {
			return &e.Args[i]
		}
	}
	return nil
}

// buildRoutes compiles the route table (routes.go) for s.
func buildRoutes(s *Server) []*Route {
	var out []*Route
	for _, group := range routeGroups {
		for _, r := range group(s) {
			r.re = regexp.MustCompile(`(?i)^` + r.Pattern + `$`)
			out = append(out, r)
		}
	}
	return out
}

// match finds the route whose pattern matches path and returns its URL
// parameters (the named groups).
func (s *Server) match(path string) (*Route, map[string]string) {
	for _, r := range s.routes {
		m := r.re.FindStringSubmatch(path)
		if m == nil {
			continue
		}
		params := map[string]string{}
		for i, name := range r.re.SubexpNames() {
			if name != "" && i < len(m) {
				params[name] = m[i]
			}
		}
		return r, params
	}
	return nil, nil
}

// endpointFor returns the endpoint of r serving method (HEAD falls back to
// GET), or nil.
func (r *Route) endpointFor(method string) *Endpoint {
	for _, e := range r.Endpoints {
		if e.hasMethod(method) {
			return e
		}
	}
	if method == "HEAD" {
		return r.endpointFor("GET")
	}
	return nil
}

var namedGroup = regexp.MustCompile(`\(\?P<(\w+?)>.*?\)`)

// isVariable reports whether the route has URL parameters.
func (r *Route) isVariable() bool { return namedGroup.MatchString(r.Pattern) }

// describe is WordPress's get_data_for_route: the route's namespace,
// methods and endpoints with their argument schemas; withSchema adds the
// item schema (OPTIONS).
func (s *Server) describe(r *Route, withSchema bool) *Object {
	methods := []any{}
	endpoints := []any{}
	for _, e := range r.Endpoints {
		ms := make([]any, len(e.Methods))
		for i, m := range e.Methods {
			ms[i] = m
			methods = append(methods, m)
		}
		ep := Obj("methods", ms)
		if e.AllowBatch || r.AllowBatch {
			ep.Set("allow_batch", Obj("v1", true))
		} else if e.NoBatch {
			ep.Set("allow_batch", Obj("v1", false))
		}
		if len(e.Args) == 0 {
			ep.Set("args", []any{})
		} else {
			args := &Object{members: make([]member, 0, len(e.Args))}
			for i := range e.Args {
				d := e.Args[i].describe()
				d.Set("required", e.Args[i].Required)
				args.Set(e.Args[i].Name, d)
			}
			ep.Set("args", args)
		}
		endpoints = append(endpoints, ep)
	}
	out := Obj("namespace", r.Namespace, "methods", methods, "endpoints", endpoints)
	if withSchema && r.Schema != nil {
		out.Set("schema", r.Schema())
	}
	if !r.isVariable() {
		out.Set("_links", Obj("self", []any{Obj("href", s.restURL(r.Pattern))}))
	}
	return out
}

// restURL is WordPress's rest_url(path): SITE/wp-json/path.
func (s *Server) restURL(path string) string {
	return s.apiRoot + strings.TrimPrefix(path, "/")
}
