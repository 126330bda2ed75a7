package rest

import "net/http"

// embed is WP_REST_Server::embed_links: for each embeddable link of data
// (restricted to the relations _embed names, when it names any), dispatch
// the link internally with context=embed and put the results in _embedded.
func (s *Server) embed(r *Request, data *Object) *Object {
	raw, ok := r.queryParams["_embed"]
	if !ok || r.embedded {
		return data
	}
	var only map[string]bool
	if str, isStr := raw.(string); !isStr || (str != "" && str != "1" && str != "true") {
		if list, ok := toList(raw); ok && len(list) > 0 {
			only = map[string]bool{}
			for _, v := range list {
				if rel, ok := v.(string); ok {
					only[rel] = true
				}
			}
		}
	}
	rawLinks, _ := data.Get("_links")
	links, ok := rawLinks.(*Object)
	if !ok || !(r.FieldIncluded("_embedded") || r.fields == nil) {
		return data
	}
	// In the order of the relations in _links, as WordPress walks them.
	embedded := &Object{}
	for rel, v := range links.All() {
		if only != nil && !only[rel] {
			continue
		}
		items, ok := v.([]any)
		if !ok {
			continue
		}
		var results []any
		found := false
		for _, it := range items {
			link, _ := it.(*Object)
			h, _ := link.Get("href")
			href, _ := h.(string)
			if e, _ := link.Get("embeddable"); link == nil || e != true || href == "" {
				results = append(results, []any{})
				continue
			}
			if r.embedCache == nil {
				r.embedCache = map[string]any{}
			}
			res, cached := r.embedCache[href]
			if !cached {
				res = s.fetchEmbedded(r, href)
				r.embedCache[href] = res
			}
			if res == nil {
				results = append(results, []any{})
				continue
			}
			// PHP's array_filter: an empty list (no comments yet) does not
			// count as something embedded.
			if !isEmptyJSON(res) {
				found = true
			}
			results = append(results, res)
		}
		if found {
			embedded.Set(rel, results)
		}
	}
	if embedded.Len() > 0 {
		data.Set("_embedded", embedded)
	}
	return data
}

// fetchEmbedded dispatches href as an internal GET by the same user and
// returns its data (an error envelope for errors), or nil when href is not
// one of ours.
func (s *Server) fetchEmbedded(parent *Request, href string) any {
	sub := parent.subRequest(href)
	if sub == nil {
		return nil
	}
	if _, ok := sub.queryParams["context"]; !ok {
		sub.queryParams["context"] = "embed"
	}
	if _, ok := sub.queryParams["per_page"]; !ok {
		if route, _ := s.match(sub.Path); route != nil {
			if ep := route.endpointFor(http.MethodGet); ep != nil {
				if a := ep.arg("per_page"); a != nil && a.Maximum != nil {
					sub.queryParams["per_page"] = *a.Maximum
				}
			}
		}
	}
	resp := s.dispatch(sub)
	resp = s.finish(sub, resp)
	return resp.Data
}

// isEmptyJSON reports whether v is an empty list or object.
func isEmptyJSON(v any) bool {
	switch x := v.(type) {
	case []any:
		return len(x) == 0
	case []map[string]any:
		return len(x) == 0
	case []*Object:
		return len(x) == 0
	case map[string]any:
		return len(x) == 0
	case *Object:
		return x.Len() == 0
	}
	return v == nil
}
