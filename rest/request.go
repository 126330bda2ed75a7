package rest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/presspass/presspass/languages"
	"github.com/presspass/presspass/models"
)

// maxBodyBytes bounds a REST request body (media uploads included);
// maxFieldsBodyBytes bounds a JSON or form body, which is decoded into
// fields (a post's content is bounded again by --max-post-size where set).
const (
	maxBodyBytes       = 64 << 20
	maxFieldsBodyBytes = 32 << 20
)

// Request is one REST request as handlers and permission callbacks see it.
type Request struct {
	// HTTP is the underlying request (headers, multipart files).
	HTTP *http.Request
	// Method is the effective method: _method or X-HTTP-Method-Override win
	// over the HTTP method, as in WordPress.
	Method string
	// Path is the route path, e.g. "/wp/v2/users/me".
	Path string
	// Route and Endpoint are what the request matched (nil before matching).
	Route    *Route
	Endpoint *Endpoint
	// User is the authenticated user, nil when anonymous.
	User *models.User
	// AppPassword is the application password that authenticated the
	// request, nil otherwise.
	AppPassword *models.AppPassword
	// Client is who is calling (address, HTTPS).
	Client models.ClientInfo
	// Body is the raw request body.
	Body []byte

	ctx       context.Context
	server    *Server
	urlParams map[string]string
	// query keeps the query string in order for pagination links.
	query       []queryPair
	queryParams map[string]any
	bodyParams  map[string]any
	jsonParams  map[string]any
	jsonErr     error
	// orderedBody is the JSON body with its members in order, decoded by
	// orderedParam when first asked (orderedDecoded).
	orderedBody    models.Fields
	orderedDecoded bool
	defaults       map[string]any
	sanitized      map[string]any
	// fields is the parsed _fields (nil: all fields).
	fields map[string]any
	// embedded marks an internal request made by _embed.
	embedded bool
	// embedCache holds the results of _embed fetches by href.
	embedCache map[string]any
	cache      *requestCache
	// freshNonce is sent back as X-WP-Nonce to cookie-authenticated requests.
	freshNonce string
}

// Ctx is the request's context.
func (r *Request) Ctx() context.Context { return r.ctx }

// Store is the domain layer.
func (r *Request) Store() *models.Store { return r.server.store }

// URLParam returns a named group of the matched route pattern.
func (r *Request) URLParam(name string) string { return r.urlParams[name] }

// URL returns SITE/wp-json/<path> (WordPress's rest_url).
func (r *Request) URL(path string) string { return r.server.restURL(path) }

// SiteURL is the public base URL without a trailing slash.
func (r *Request) SiteURL() string { return r.server.cfg.SiteURL }

// rawParam looks name up as WP_REST_Request::get_param does: JSON body,
// form body, query, URL parameters, then defaults. given reports whether the
// client sent it.
func (r *Request) rawParam(name string) (v any, given bool) {
	if r.jsonParams != nil {
		if v, ok := r.jsonParams[name]; ok && v != nil {
			return v, true
		}
	}
	if r.bodyParams != nil && r.Method != "GET" && r.Method != "HEAD" {
		if v, ok := r.bodyParams[name]; ok {
			return v, true
		}
	}
	if v, ok := r.queryParams[name]; ok {
		return v, true
	}
	if v, ok := r.urlParams[name]; ok {
		return v, true
	}
	if v, ok := r.defaults[name]; ok {
		return v, false
	}
	return nil, false
}

// Param returns a parameter: the sanitized value for a declared argument,
// the raw value otherwise, nil when absent.
func (r *Request) Param(name string) any {
	if v, ok := r.sanitized[name]; ok {
		return v
	}
	v, _ := r.rawParam(name)
	return v
}

// orderedParam is Param for a value stored as the client sent it (a JSON
// document such as a theme.json): when it came in a JSON body, its objects
// keep the body's member order, which PHP's json_decode keeps and the Go
// map of the parsed body forgets; otherwise it is Param.
func (r *Request) orderedParam(name string) any {
	if v, ok := r.jsonParams[name]; !ok || v == nil {
		return r.Param(name)
	}
	if !r.orderedDecoded {
		// Once per request, however many parameters are read in order.
		r.orderedBody, _ = models.DecodeJSONObject(r.Body)
		r.orderedDecoded = true
	}
	v, ok := r.orderedBody.Get(name)
	if !ok {
		return r.Param(name)
	}
	return fieldsValue(v)
}

// Has reports whether the client sent the parameter (defaults do not count).
func (r *Request) Has(name string) bool {
	_, given := r.rawParam(name)
	return given
}

// SetParam overrides a parameter for the rest of the request (as WordPress
// code does with $request['x'] = …).
func (r *Request) SetParam(name string, v any) {
	if r.sanitized == nil {
		r.sanitized = map[string]any{}
	}
	r.sanitized[name] = v
}

// String returns a parameter as a string ("" when absent).
func (r *Request) String(name string) string {
	switch v := r.Param(name).(type) {
	case nil:
		return ""
	case string:
		return v
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case int64:
		return strconv.FormatInt(v, 10)
	case bool:
		if v {
			return "1"
		}
		return ""
	}
	return ""
}

// Int returns a parameter as an integer (0 when absent or not numeric).
func (r *Request) Int(name string) int64 {
	v := r.Param(name)
	if v == nil || !isNumber(v) {
		return 0
	}
	return clampInt(toFloat(v))
}

// Bool returns a parameter as WordPress's rest_sanitize_boolean would.
func (r *Request) Bool(name string) bool { return toBool(r.Param(name)) }

// IntList returns a list parameter as integers (wp_parse_id_list).
func (r *Request) IntList(name string) []int64 {
	list, ok := toList(r.Param(name))
	if !ok {
		return nil
	}
	out := make([]int64, 0, len(list))
	for _, v := range list {
		if isNumber(v) {
			out = append(out, clampInt(toFloat(v)))
		}
	}
	return out
}

// StringList returns a list parameter as strings (wp_parse_list).
func (r *Request) StringList(name string) []string {
	list, ok := toList(r.Param(name))
	if !ok {
		return nil
	}
	out := make([]string, 0, len(list))
	for _, v := range list {
		switch x := v.(type) {
		case string:
			out = append(out, x)
		case float64:
			out = append(out, strconv.FormatFloat(x, 'f', -1, 64))
		case int64:
			out = append(out, strconv.FormatInt(x, 10))
		}
	}
	return out
}

// ViewContext is the request's context parameter: view, edit or embed.
func (r *Request) ViewContext() string {
	if c := r.String("context"); c != "" {
		return c
	}
	return "view"
}

// FieldIncluded is rest_is_field_included: whether field (possibly nested,
// "a.b") is asked for by _fields; everything is when _fields is absent.
func (r *Request) FieldIncluded(field string) bool {
	if r.fields == nil {
		return true
	}
	return fieldIncluded(r.fields, field)
}

// Fields returns the requested _fields list, nil when absent.
func (r *Request) Fields() []string {
	if r.fields == nil {
		return nil
	}
	raw := r.queryParams["_fields"]
	var out []string
	list, _ := toList(raw)
	for _, f := range list {
		if s, ok := f.(string); ok && strings.TrimSpace(s) != "" {
			out = append(out, strings.TrimSpace(s))
		}
	}
	return out
}

// queryPair is one key=value of the query string, decoded.
type queryPair struct{ key, value string }

// orderedQuery splits a raw query string, keeping order and duplicates.
func orderedQuery(raw string) []queryPair {
	var out []queryPair
	for raw != "" {
		var part string
		part, raw, _ = strings.Cut(raw, "&")
		if part == "" {
			continue
		}
		k, v, _ := strings.Cut(part, "=")
		dk, err := url.QueryUnescape(k)
		if err != nil {
			dk = k
		}
		dv, err := url.QueryUnescape(v)
		if err != nil {
			dv = v
		}
		out = append(out, queryPair{dk, dv})
	}
	return out
}

// phpParams builds parameters from key/value pairs as PHP's parse_str does:
// "a[]=1&a[]=2" is a list, "a[k]=v" a map, "a[k][]=v" nests, and a repeated
// plain key keeps the last value.
func phpParams(pairs []queryPair) map[string]any {
	root := newPHPNode()
	for _, p := range pairs {
		base, segs := splitPHPKey(p.key)
		root.set(append([]string{base}, segs...), p.value)
	}
	// The top level is always named parameters, never a list.
	out := make(map[string]any, len(root.members))
	for k, v := range root.members {
		if c, ok := v.(*phpNode); ok {
			out[k] = c.value()
		} else {
			out[k] = v
		}
	}
	return out
}

// maxPHPNesting bounds "a[b][c]…" as PHP's max_input_nesting_level does.
const maxPHPNesting = 64

// splitPHPKey splits "a[b][]" into "a" and ["b", ""]. A key without a
// well-formed bracket suffix is a plain name.
func splitPHPKey(key string) (string, []string) {
	open := strings.IndexByte(key, '[')
	if open <= 0 {
		return key, nil
	}
	base, rest := key[:open], key[open:]
	var segs []string
	for len(rest) > 0 && rest[0] == '[' && len(segs) < maxPHPNesting {
		end := strings.IndexByte(rest, ']')
		if end < 0 {
			break
		}
		segs = append(segs, rest[1:end])
		rest = rest[end+1:]
	}
	if len(segs) == 0 {
		return key, nil
	}
	return base, segs
}

// phpNode is a PHP array being built: named members plus the next index
// "[]" appends at.
type phpNode struct {
	members map[string]any // string or *phpNode
	order   []string
	next    int
}

func newPHPNode() *phpNode { return &phpNode{members: map[string]any{}} }

// set stores v under the path of segments, creating nested arrays.
func (n *phpNode) set(segs []string, v string) {
	key := segs[0]
	if key == "" {
		key = strconv.Itoa(n.next)
	}
	if i, err := strconv.Atoi(key); err == nil && i >= n.next {
		n.next = i + 1
	}
	if _, exists := n.members[key]; !exists {
		n.order = append(n.order, key)
	}
	if len(segs) == 1 {
		n.members[key] = v
		return
	}
	child, ok := n.members[key].(*phpNode)
	if !ok {
		child = newPHPNode()
		n.members[key] = child
	}
	child.set(segs[1:], v)
}

// value converts the node: arrays keyed 0..n-1 in order become lists.
func (n *phpNode) value() any {
	out := make(map[string]any, len(n.members))
	isList := true
	for i, k := range n.order {
		if k != strconv.Itoa(i) {
			isList = false
		}
		if c, ok := n.members[k].(*phpNode); ok {
			out[k] = c.value()
		} else {
			out[k] = n.members[k]
		}
	}
	if !isList || len(n.order) == 0 {
		return out
	}
	list := make([]any, len(n.order))
	for i, k := range n.order {
		list[i] = out[k]
	}
	return list
}

// errBodyTooLarge is answered when a body exceeds maxBodyBytes.
var errBodyTooLarge = Err(http.StatusRequestEntityTooLarge, "rest_request_too_large", languages.Mark("The request body is too large."))

// readBody reads and parses the body: JSON when the Content-Type says so,
// form fields for urlencoded and multipart bodies.
func (r *Request) readBody() error {
	req := r.HTTP
	if req.Body == nil || req.Body == http.NoBody {
		return nil
	}
	ct, _, _ := mime.ParseMediaType(req.Header.Get("Content-Type"))
	if ct == "multipart/form-data" {
		req.Body = http.MaxBytesReader(nil, req.Body, maxBodyBytes)
		if err := req.ParseMultipartForm(8 << 20); err != nil {
			var tooBig *http.MaxBytesError
			if errors.As(err, &tooBig) {
				return errBodyTooLarge
			}
			return nil
		}
		var pairs []queryPair
		for k, vs := range req.MultipartForm.Value {
			for _, v := range vs {
				pairs = append(pairs, queryPair{k, v})
			}
		}
		r.bodyParams = phpParams(pairs)
		return nil
	}
	limit := int64(maxBodyBytes)
	if ct == "application/json" || strings.HasSuffix(ct, "+json") || ct == "application/x-www-form-urlencoded" {
		limit = maxFieldsBodyBytes
	}
	if req.ContentLength > limit {
		return errBodyTooLarge
	}
	var buf bytes.Buffer
	if req.ContentLength > 0 {
		buf.Grow(int(req.ContentLength) + 1) // one allocation, not a doubling series
	}
	_, err := buf.ReadFrom(io.LimitReader(req.Body, limit+1))
	if err != nil {
		return Err(http.StatusBadRequest, "rest_invalid_body", languages.Mark("The request body could not be read."))
	}
	body := buf.Bytes()
	if int64(len(body)) > limit {
		return errBodyTooLarge
	}
	r.Body = body
	switch {
	case ct == "application/json" || strings.HasSuffix(ct, "+json"):
		if len(bytes.TrimSpace(body)) == 0 {
			return nil
		}
		var v any
		if !utf8.Valid(body) {
			r.jsonErr = jsonError(5, "Malformed UTF-8 characters, possibly incorrectly encoded")
			return nil
		}
		tooDeep, tooMany := jsonShape(body, maxJSONDepth, maxJSONValues)
		if tooDeep {
			r.jsonErr = jsonError(1, "Maximum stack depth exceeded")
			return nil
		}
		if tooMany {
			return errBodyTooLarge
		}
		if err := json.Unmarshal(body, &v); err != nil {
			r.jsonErr = jsonError(4, "Syntax error")
			return nil
		}
		if m, ok := v.(map[string]any); ok {
			r.jsonParams = m
		}
	case ct == "application/x-www-form-urlencoded":
		r.bodyParams = phpParams(orderedQuery(string(body)))
	}
	return nil
}

// jsonError is WordPress's rest_invalid_json with PHP's json_last_error
// code and message.
func jsonError(code int, msg string) error {
	return Err(http.StatusBadRequest, "rest_invalid_json", languages.Mark("Invalid JSON body passed.")).
		WithData("json_error_code", code).WithData("json_error_message", msg)
}

// parseFields turns _fields into the nested set rest_filter_response_fields
// builds ("a.b" → {a: {b: true}}).
func parseFields(list []any) map[string]any {
	root := map[string]any{}
	for _, f := range list {
		s, ok := f.(string)
		if !ok {
			continue
		}
		s = strings.TrimSpace(s)
		if s == "" {
			continue
		}
		parts := strings.Split(s, ".")
		ref := root
		skip := false
		for _, p := range parts[:len(parts)-1] {
			next, exists := ref[p]
			if exists && next == true {
				skip = true
				break
			}
			m, ok := next.(map[string]any)
			if !ok {
				m = map[string]any{}
				ref[p] = m
			}
			ref = m
		}
		if !skip {
			ref[parts[len(parts)-1]] = true
		}
	}
	return root
}

// fieldIncluded is rest_is_field_included against the nested _fields set.
func fieldIncluded(fields map[string]any, field string) bool {
	parts := strings.Split(field, ".")
	ref := fields
	for i, p := range parts {
		v, ok := ref[p]
		if !ok {
			return false
		}
		if v == true {
			return true
		}
		m, _ := v.(map[string]any)
		if i == len(parts)-1 {
			// A parent of requested sub-fields is included.
			return true
		}
		ref = m
	}
	return false
}
