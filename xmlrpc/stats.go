package xmlrpc

import "github.com/presspass/presspass/models/epoch"

// What the operator's metrics read of the adapter: the answer cache's
// counts, and the method names a request's note can name, so that the
// metrics keep one series per method and lump a client's made-up names
// together.

// CachedAnswerRoute is what a request answered from the cache notes as its
// route: its body is not parsed, so the method is not known.
const CachedAnswerRoute = "(cached answer)"

// CacheStats returns the answer cache's hits, misses and size.
func (s *Server) CacheStats() epoch.CacheStats { return s.answers.Stats() }

// MethodNames lists every registered method (as system.listMethods does).
func (s *Server) MethodNames() []string { return s.methods.listMethods() }
