package rest

import (
	"bytes"
	"net/http"
	"strings"
	"sync"
)

// Anonymous GET answers are cached in memory, keyed by the request URI, and
// served again while the store's content epoch is unchanged. Every write that
// could change what a visitor sees — on any process — moves the epoch, so a
// cached answer is never stale; a visitor's request then costs one
// primary-key query. Requests carrying any credential are never cached.

const (
	responseCacheEntries = 2048
	responseCacheMaxBody = 1 << 20
)

type cachedResponse struct {
	epoch  int64
	status int
	header http.Header
	body   []byte
}

type responseCache struct {
	mu      sync.Mutex
	entries map[string]*cachedResponse
}

func newResponseCache() *responseCache {
	return &responseCache{entries: make(map[string]*cachedResponse)}
}

func (c *responseCache) get(key string, epoch int64) *cachedResponse {
	c.mu.Lock()
	defer c.mu.Unlock()
	e := c.entries[key]
	if e == nil || e.epoch != epoch {
		if e != nil {
			delete(c.entries, key)
		}
		return nil
	}
	return e
}

func (c *responseCache) put(key string, e *cachedResponse) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.entries) >= responseCacheEntries {
		for k := range c.entries { // map order is random: random eviction
			delete(c.entries, k)
			if len(c.entries) < responseCacheEntries*3/4 {
				break
			}
		}
	}
	c.entries[key] = e
}

// cacheableRequest reports whether req is an anonymous GET whose answer
// depends only on the site's content and the URI.
func cacheableRequest(req *http.Request) bool {
	if req.Method != http.MethodGet || req.Header.Get("Authorization") != "" || req.Header.Get("X-WP-Nonce") != "" ||
		req.Header.Get("X-HTTP-Method-Override") != "" {
		return false
	}
	if q := req.URL.RawQuery; strings.Contains(q, "_wpnonce") || strings.Contains(q, "_method") {
		return false
	}
	for _, c := range req.Cookies() {
		if strings.HasPrefix(c.Name, "wordpress_") {
			return false
		}
	}
	return true
}

// recorder captures an answer so that it can be cached and then sent.
type recorder struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (r *recorder) Header() http.Header { return r.header }
func (r *recorder) WriteHeader(status int) {
	if r.status == 0 {
		r.status = status
	}
}
func (r *recorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	return r.body.Write(b)
}

func (e *cachedResponse) send(w http.ResponseWriter) {
	h := w.Header()
	for k, v := range e.header {
		h[k] = v
	}
	w.WriteHeader(e.status)
	_, _ = w.Write(e.body)
}

// serveCached answers an anonymous GET from the cache, or serves it and
// keeps the answer. It reports false when the request is not cacheable.
func (s *Server) serveCached(w http.ResponseWriter, req *http.Request) bool {
	if s.cache == nil || !cacheableRequest(req) {
		return false
	}
	epoch, err := s.store.ContentEpoch(req.Context())
	if err != nil {
		return false
	}
	// Whether the request came over HTTPS changes answers (the index's
	// authentication key), so it is part of the key.
	secure := "http"
	if s.cfg.Client(req).Secure {
		secure = "https"
	}
	key := secure + "\x00" + req.URL.RequestURI() + "\x00" + req.Header.Get("Origin")
	if rt, ok := req.Context().Value(restRouteKey{}).(string); ok {
		key = "rest_route\x00" + rt + "\x00" + key
	}
	if e := s.cache.get(key, epoch); e != nil {
		e.send(w)
		return true
	}
	rec := &recorder{header: http.Header{}}
	r := s.newRequest(req.Context(), req)
	resp := s.handle(r)
	s.write(rec, r, resp)
	e := &cachedResponse{epoch: epoch, status: rec.status, header: rec.header, body: rec.body.Bytes()}
	if e.status == http.StatusOK && r.User == nil && rec.body.Len() <= responseCacheMaxBody {
		s.cache.put(key, e)
	}
	e.send(w)
	return true
}
