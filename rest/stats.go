package rest

import "github.com/presspass/presspass/models/epoch"

// What the operator's metrics read of the adapter: the answer cache's
// counts, and the route patterns a request's note can name, so that the
// metrics keep one series per route and lump anything else together.

// CacheStats returns the answer cache's hits, misses and size.
func (s *Server) CacheStats() epoch.CacheStats {
	if s.cache == nil {
		return epoch.CacheStats{}
	}
	return s.cache.Stats()
}

// RoutePatterns lists every route's pattern, in the table's order.
func (s *Server) RoutePatterns() []string {
	out := make([]string, 0, len(s.routes))
	for _, r := range s.routes {
		out = append(out, r.Pattern)
	}
	return out
}
