package rest

import (
	"github.com/presspass/presspass/languages"

	"net/http"
	"net/url"
	"strings"
)

// maxBatchSize is rest_get_max_batch_size.
const maxBatchSize = 25

// batchRoutes is WordPress's /batch/v1: several write requests in one, each
// answered in an envelope.
func (s *Server) batchRoutes() []*Route {
	return []*Route{{
		Pattern: "/batch/v1",
		Endpoints: []*Endpoint{{
			Methods: []string{"POST"},
			Args: []Arg{
				{Name: "validation", Type: "string", Enum: []any{"require-all-validate", "normal"}, Default: "normal"},
				{Name: "requests", Type: "array", MaxItems: IntP(maxBatchSize), Required: true, Keywords: kwTypeFirst, Items: &Arg{
					Type:          "object",
					PropertyOrder: []string{"method", "path", "body", "headers"},
					Properties: map[string]*Arg{
						"method": {Type: "string", Enum: []any{"POST", "PUT", "PATCH", "DELETE"}, Default: "POST"},
						"path":   {Type: "string", Required: true},
						"body": {Type: "object", AdditionalProperties: true, Extra: map[string]any{"properties": []any{}},
							Keywords: []string{"type", "properties", "additionalProperties"}},
						"headers": {Type: "object", Extra: map[string]any{"properties": []any{}}, AdditionalProperties: Obj(
							"type", []any{"string", "array"}, "items", Obj("type", "string"),
						), Keywords: []string{"type", "properties", "additionalProperties"}},
					},
				}},
			},
			Handler: s.serveBatch,
		}},
	}}
}

// batchItem is one sub-request with what matching and validating it found.
type batchItem struct {
	req *Request
	err error
}

// serveBatch is serve_batch_request_v1: every sub-request is matched and
// validated first; with validation=require-all-validate one failure stops
// them all, otherwise each runs (permission check and handler) in order.
// Sub-requests run as the batch's user; their headers are not applied.
func (s *Server) serveBatch(r *Request) (*Response, error) {
	list, _ := r.Param("requests").([]any)
	items := make([]batchItem, len(list))
	failed := false
	for i, raw := range list {
		spec, _ := raw.(map[string]any)
		items[i] = s.prepareBatchItem(r, spec)
		if items[i].err != nil {
			failed = true
		}
	}
	responses := make([]any, len(items))
	if failed && r.String("validation") == "require-all-validate" {
		for i, it := range items {
			if it.err != nil {
				responses[i] = envelope(s.errorResponse(r, it.err))
			}
		}
		return NewResponse(http.StatusMultiStatus, Obj("failed", "validation", "responses", responses)), nil
	}
	for i, it := range items {
		var resp *Response
		if it.req == nil {
			resp = s.errorResponse(r, it.err)
		} else {
			resp = s.finish(it.req, s.dispatch(it.req))
		}
		responses[i] = envelope(resp)
	}
	return NewResponse(http.StatusMultiStatus, Obj("responses", responses)), nil
}

// prepareBatchItem builds, matches and validates one sub-request. req is
// nil when the path names no batchable route.
func (s *Server) prepareBatchItem(r *Request, spec map[string]any) batchItem {
	method, _ := spec["method"].(string)
	if method == "" {
		method = http.MethodPost
	}
	rawPath, _ := spec["path"].(string)
	u, err := url.Parse(rawPath)
	if err != nil {
		return batchItem{err: Err(http.StatusBadRequest, "parse_path_failed", languages.Mark("Could not parse the path."))}
	}
	path := strings.TrimRight(u.Path, "/")
	if path == "" {
		path = "/"
	}
	sub := &Request{
		HTTP: r.HTTP, ctx: r.ctx, server: s, Method: strings.ToUpper(method), Path: path,
		User: r.User, AppPassword: r.AppPassword, Client: r.Client, cache: r.cache,
	}
	sub.query = orderedQuery(u.RawQuery)
	sub.queryParams = phpParams(sub.query)
	if body, ok := spec["body"].(map[string]any); ok {
		sub.bodyParams = body
	}
	route, params := s.match(path)
	if route == nil {
		return batchItem{err: errNoRoute}
	}
	ep := route.endpointFor(sub.Method)
	if ep == nil {
		return batchItem{err: errNoRoute}
	}
	if !ep.AllowBatch && !route.AllowBatch {
		return batchItem{err: Err(http.StatusBadRequest, "rest_batch_not_allowed", languages.Mark("The requested route does not support batch requests."))}
	}
	sub.urlParams = params
	sub.Route, sub.Endpoint = route, ep
	sub.setDefaults()
	return batchItem{req: sub, err: sub.validate()}
}
