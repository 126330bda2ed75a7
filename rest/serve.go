package rest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"

	"github.com/presspass/presspass/languages"
	"github.com/presspass/presspass/models"
)

// ServeHTTP serves one REST request the way WP_REST_Server::serve_request
// does: authenticate, match, validate, check permission, call the handler,
// then Allow, _fields, _links, _embed and _envelope.
func (s *Server) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	if s.serveCached(w, req) {
		return
	}
	r := s.newRequest(req.Context(), req)
	resp := s.handle(r)
	noteRequest(r)
	s.write(w, r, resp)
}

// noteRequest tells the access log which route answered and who asked.
func noteRequest(r *Request) {
	note := models.NoteOf(r.ctx)
	if r.Route != nil {
		note.SetRoute(r.Route.Pattern)
	}
	if r.User != nil {
		note.SetUser(int64(r.User.ID))
	}
}

// newRequest builds a Request from an HTTP request: route path, effective
// method and query parameters.
func (s *Server) newRequest(ctx context.Context, req *http.Request) *Request {
	r := &Request{HTTP: req, ctx: ctx, server: s, Path: routePath(req)}
	r.query = orderedQuery(req.URL.RawQuery)
	r.queryParams = phpParams(r.query)
	r.Method = strings.ToUpper(req.Method)
	if m, ok := r.queryParams["_method"].(string); ok && m != "" {
		r.Method = strings.ToUpper(m)
	} else if m := req.Header.Get("X-HTTP-Method-Override"); m != "" {
		r.Method = strings.ToUpper(m)
	}
	if f, ok := r.queryParams["_fields"]; ok {
		if list, ok := toList(f); ok && len(list) > 0 {
			r.fields = parseFields(list)
		}
	}
	r.Client = s.cfg.Client(req)
	return r
}

// handle runs the request through authentication and dispatch, turning a
// panic anywhere into a logged 500.
func (s *Server) handle(r *Request) (resp *Response) {
	defer func() {
		if p := recover(); p != nil {
			s.log.Error("panic in REST handler", "request_id", models.RequestID(r.ctx), "path", r.Path, "method", r.Method, "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
			resp = s.errorResponse(r, models.Internal(fmt.Errorf("panic: %v", p)))
		}
	}()
	if _, ok := r.queryParams["_jsonp"]; ok {
		// JSONP is off, as WordPress answers with rest_jsonp_enabled false:
		// a <script> include would hand a logged-in visitor's data to any
		// site that asks.
		return s.errorResponse(r, errJSONPDisabled)
	}
	if err := r.readBody(); err != nil {
		return s.errorResponse(r, err)
	}
	if err := s.authenticate(r); err != nil {
		return s.errorResponse(r, err)
	}
	resp = s.dispatch(r)
	return s.finish(r, resp)
}

var errJSONPDisabled = Err(http.StatusBadRequest, "rest_callback_disabled", languages.Mark("JSONP support is disabled on this site."))

var errNoRoute = Err(http.StatusNotFound, "rest_no_route", languages.Mark("No route was found matching the URL and request method."))

// dispatch matches the route and endpoint and responds, setting Allow for a
// matched route.
func (s *Server) dispatch(r *Request) *Response {
	route, params := s.match(r.Path)
	if route == nil {
		return s.errorResponse(r, errNoRoute)
	}
	r.urlParams = params
	if r.Method == "OPTIONS" {
		resp := NewResponse(http.StatusOK, s.describe(route, true))
		s.setAllow(r, route, resp)
		return resp
	}
	ep := route.endpointFor(r.Method)
	if ep == nil {
		return s.errorResponse(r, errNoRoute)
	}
	r.Route, r.Endpoint = route, ep
	r.setDefaults()
	resp := s.respond(r, ep)
	s.setAllow(r, route, resp)
	return resp
}

// respond validates the arguments, checks the permission and calls the
// handler.
func (s *Server) respond(r *Request, ep *Endpoint) *Response {
	if r.jsonErr != nil {
		return s.errorResponse(r, r.jsonErr)
	}
	if err := r.validate(); err != nil {
		return s.errorResponse(r, err)
	}
	if ep.Permission != nil {
		if err := ep.Permission(r); err != nil {
			return s.errorResponse(r, err)
		}
	}
	resp, err := ep.Handler(r)
	if err != nil {
		return s.errorResponse(r, err)
	}
	if resp == nil {
		return s.errorResponse(r, models.Internal(fmt.Errorf("handler for %s %s returned no response", r.Method, r.Path)))
	}
	if resp.Header == nil {
		resp.Header = http.Header{}
	}
	if resp.Status == 0 {
		resp.Status = http.StatusOK
	}
	return resp
}

// setAllow is rest_send_allow_header: the methods of the matched route whose
// permission callback passes for this request.
func (s *Server) setAllow(r *Request, route *Route, resp *Response) {
	if allowed := allowedMethods(r, route); len(allowed) > 0 {
		resp.Header.Set("Allow", strings.Join(allowed, ", "))
	}
}

// allowedMethods lists the methods of route whose permission callback
// passes for r.
func allowedMethods(r *Request, route *Route) []string {
	var allowed []string
	seen := map[string]bool{}
	for _, e := range route.Endpoints {
		ok := e.Permission == nil || e.Permission(r) == nil
		for _, m := range e.Methods {
			if ok && !seen[m] {
				seen[m] = true
				allowed = append(allowed, m)
			}
		}
	}
	return allowed
}

// validate is has_valid_params followed by sanitize_params.
func (r *Request) validate() error {
	args := r.Endpoint.Args
	var missing []any
	var missingNames []string
	for i := range args {
		if v, _ := r.rawParam(args[i].Name); args[i].Required && v == nil {
			missing = append(missing, args[i].Name)
			missingNames = append(missingNames, args[i].Name)
		}
	}
	if len(missing) > 0 {
		return Errf(http.StatusBadRequest, "rest_missing_callback_param", languages.Mark("Missing parameter(s): %s"), strings.Join(missingNames, ", ")).
			WithData("params", missing)
	}
	invalid := &invalidParams{}
	for i := range args {
		a := &args[i]
		v, _ := r.rawParam(a.Name)
		if v == nil {
			continue
		}
		if !a.SkipValidation {
			if e := validateValue(v, a, a.Name); e != nil {
				invalid.add(a.Name, e.code, e.message, e.data)
				continue
			}
		}
		if a.Validate != nil {
			if err := a.Validate(r, v); err != nil {
				invalid.addError(a.Name, err)
			}
		}
	}
	if err := invalid.err(); err != nil {
		return err
	}
	r.sanitized = make(map[string]any, len(args))
	for i := range args {
		a := &args[i]
		v, _ := r.rawParam(a.Name)
		if v == nil {
			continue
		}
		if a.Sanitize != nil {
			sv, err := a.Sanitize(r, v)
			if err != nil {
				invalid.addError(a.Name, err)
				continue
			}
			r.sanitized[a.Name] = sv
			continue
		}
		r.sanitized[a.Name] = sanitizeValue(v, a)
	}
	return invalid.err()
}

// invalidParams collects rest_invalid_param's failed arguments in argument
// order, worded when the error is answered, in the request's language.
type invalidParams struct {
	failed []invalidParam
}

// invalidParam is one failed argument: a schema check's code, message and
// data, or a callback's error (cause), worded as REST words any error.
type invalidParam struct {
	name    string
	code    string
	message text
	data    *Object
	cause   error
}

func (p *invalidParams) add(name, code string, message text, data *Object) {
	p.failed = append(p.failed, invalidParam{name: name, code: code, message: message, data: data})
}

func (p *invalidParams) addError(name string, err error) {
	p.failed = append(p.failed, invalidParam{name: name, cause: err})
}

func (p *invalidParams) err() error {
	if len(p.failed) == 0 {
		return nil
	}
	names := make([]string, len(p.failed))
	for i, f := range p.failed {
		names[i] = f.name
	}
	e := Errf(http.StatusBadRequest, "rest_invalid_param", languages.Mark("Invalid parameter(s): %s"), strings.Join(names, ", "))
	e.invalid = p
	return e
}

// data is the error's data object with params (each argument's message)
// and details (its code, message and data) in locale. A callback's error
// shows a status chosen for it in its details' data, as WordPress's
// rest_convert_error_to_response does.
func (p *invalidParams) data(s *Server, loggedIn bool, locale string, base *Object) *Object {
	params := &Object{members: make([]member, 0, len(p.failed))}
	details := &Object{members: make([]member, 0, len(p.failed))}
	for _, f := range p.failed {
		code, message, data := f.code, "", f.data
		if f.cause != nil {
			w := s.word(f.cause, loggedIn, locale)
			code, message, data = w.code, w.message, nil
			if w.explicitStatus || w.data != nil {
				data = &Object{}
				if w.explicitStatus {
					data.Set("status", w.status)
				}
				for k, v := range w.data.All() {
					data.Set(k, v)
				}
			}
		} else {
			message = f.message.in(locale)
		}
		params.Set(f.name, message)
		var d any
		if data != nil {
			d = data
		}
		details.Set(f.name, Obj("code", code, "message", message, "data", d))
	}
	out := &Object{members: make([]member, 0, base.Len()+2)}
	for k, v := range base.All() {
		out.Set(k, v)
	}
	out.Set("params", params)
	out.Set("details", details)
	return out
}

// InvalidParam is the rest_invalid_param error WordPress returns when one
// argument fails a check made inside a handler; message is marked with
// languages.Mark.
func InvalidParam(name, code, message string) error {
	p := &invalidParams{}
	p.add(name, code, text{format: message}, nil)
	return p.err()
}

// finish applies _fields, _links and _embed to a successful response.
func (s *Server) finish(r *Request, resp *Response) *Response {
	if resp.isError {
		return resp
	}
	switch d := resp.Data.(type) {
	case *Object:
		links, hasLinks := d.Get("_links")
		if r.fields != nil {
			d = filterFields(d, r.fields)
		}
		if hasLinks {
			d.Set("_links", links)
		}
		if len(resp.Links) > 0 {
			// WordPress's response_to_data adds the response's links after
			// _fields; controllers that honour _fields use WithLinks instead.
			d.Set("_links", r.CompactLinks(resp.Links))
		}
		resp.Data = s.embed(r, d)
	case map[string]any:
		resp.Data = s.finish(r, &Response{Data: mapObject(d), Links: resp.Links}).Data
	case []*Object:
		list := make([]any, len(d))
		for i, item := range d {
			list[i] = item
		}
		resp.Data = s.finishList(r, list)
	case []map[string]any:
		list := make([]any, len(d))
		for i, item := range d {
			list[i] = item
		}
		resp.Data = s.finishList(r, list)
	case []any:
		resp.Data = s.finishList(r, d)
	default:
		if r.fields != nil && d != nil {
			resp.Data = filterAny(d, r.fields)
		}
	}
	return resp
}

// mapObject is m as an Object, members sorted by key as encoding/json
// writes a map (for answers not yet given WordPress's order).
func mapObject(m map[string]any) *Object {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	o := &Object{members: make([]member, 0, len(m)+2)}
	for _, k := range keys {
		o.Set(k, m[k])
	}
	return o
}

func (s *Server) finishList(r *Request, list []any) []any {
	for i, item := range list {
		var o *Object
		switch m := item.(type) {
		case *Object:
			o = m
		case map[string]any:
			o = mapObject(m)
		default:
			continue
		}
		if r.fields != nil {
			o = filterFields(o, r.fields)
		}
		list[i] = s.embed(r, o)
	}
	return list
}

// filterFields is _rest_array_intersect_key_recursive: the members of data
// that fields names, in data's order.
func filterFields(data *Object, fields map[string]any) *Object {
	out := &Object{members: make([]member, 0, len(fields)+1)}
	for k, v := range data.All() {
		sel, ok := fields[k]
		if !ok {
			continue
		}
		if sub, isMap := sel.(map[string]any); isMap {
			switch vm := v.(type) {
			case *Object:
				out.Set(k, filterFields(vm, sub))
				continue
			case map[string]any:
				out.Set(k, filterFields(mapObject(vm), sub))
				continue
			}
		}
		out.Set(k, v)
	}
	return out
}

// filterAny filters a value of another Go type by round-tripping it through
// JSON first.
func filterAny(v any, fields map[string]any) any {
	b, err := json.Marshal(v)
	if err != nil {
		return v
	}
	var generic any
	if json.Unmarshal(b, &generic) != nil {
		return v
	}
	switch g := generic.(type) {
	case map[string]any:
		return filterFields(mapObject(g), fields)
	case []any:
		for i, item := range g {
			if m, ok := item.(map[string]any); ok {
				g[i] = filterFields(mapObject(m), fields)
			}
		}
		return g
	}
	return generic
}

// wpHeaderNames restores WordPress's spelling of headers Go canonicalizes.
var wpHeaderNames = map[string]string{
	"X-Wp-Total":      "X-WP-Total",
	"X-Wp-Totalpages": "X-WP-TotalPages",
	"X-Wp-Nonce":      "X-WP-Nonce",
}

func wpHeaderName(k string) string {
	if n, ok := wpHeaderNames[k]; ok {
		return n
	}
	return k
}

// envelope is WP_REST_Server::envelope_response's data: the body, the
// status and the response's own headers (the totals as numbers, an empty
// PHP array when there are none).
func envelope(resp *Response) *Object {
	names := make([]string, 0, len(resp.Header))
	for k := range resp.Header {
		names = append(names, k)
	}
	slices.Sort(names)
	// The headers WordPress's collections set, in the order they set them.
	headers := NewObject([]string{"X-WP-Total", "X-WP-TotalPages", "Link"})
	for _, k := range names {
		name := wpHeaderName(k)
		v := strings.Join(resp.Header[k], ", ")
		if name == "X-WP-Total" || name == "X-WP-TotalPages" {
			if n, err := strconv.ParseInt(v, 10, 64); err == nil {
				headers.Set(name, n)
				continue
			}
		}
		headers.Set(name, v)
	}
	var hv any = headers
	if headers.Len() == 0 {
		hv = []any{}
	}
	return Obj("body", resp.Data, "status", resp.Status, "headers", hv)
}

// write sends the response as JSON.
func (s *Server) write(w http.ResponseWriter, r *Request, resp *Response) {
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=UTF-8")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Access-Control-Expose-Headers", "X-WP-Total, X-WP-TotalPages, Link")
	h.Set("Access-Control-Allow-Headers", "Authorization, X-WP-Nonce, Content-Disposition, Content-MD5, Content-Type")
	h.Set("Link", s.rootLink)
	if origin := r.HTTP.Header.Get("Origin"); origin != "" {
		// rest_send_cors_headers: credentials (Basic or cookie) decide what
		// a cross-origin caller may do, so any origin may ask.
		h.Set("Access-Control-Allow-Origin", origin)
		h.Set("Access-Control-Allow-Methods", "OPTIONS, GET, POST, PUT, PATCH, DELETE")
		h.Set("Access-Control-Allow-Credentials", "true")
		h.Add("Vary", "Origin")
	}
	if r.freshNonce != "" {
		h["X-WP-Nonce"] = []string{r.freshNonce}
	}
	status, data := resp.Status, resp.Data
	if _, ok := r.queryParams["_envelope"]; ok {
		data = envelope(resp)
		status = http.StatusOK
	} else {
		for k, vs := range resp.Header {
			h.Del(k)
			h[wpHeaderName(k)] = vs
		}
	}
	var body []byte
	if resp.Raw != nil {
		h.Set("Content-Type", resp.RawType)
		body = bytes.TrimRight(resp.Raw, "\n")
	} else {
		var err error
		if body, err = appendJSON(make([]byte, 0, 4096), data); err != nil {
			s.log.Error("REST response encoding failed", "path", r.Path, "err", err)
			status = http.StatusInternalServerError
			body = []byte(`{"code":"internal_error","message":"An internal error occurred.","data":{"status":500}}`)
		}
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	if r.HTTP.Method != http.MethodHead {
		_, _ = w.Write(body)
	}
}
