package rest

import (
	"bytes"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"hash"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// GET answers are cached in memory and served again while the store's
// epochs are unchanged: the content epoch for anonymous requests, and the
// auth and content epochs for requests authenticated by Basic application
// passwords. Every write that could change an answer — on any process —
// moves an epoch, so a cached answer is never stale, and a repeated request
// costs one primary-key query. Keys are an HMAC (random per-process key)
// over the client address, scheme, Authorization header and URI, so only the
// same caller with the same password can hit an entry and no password is
// kept. Authenticated entries live at most a minute (usage stamps, expiry);
// cookie or nonce requests are never cached.

const (
	responseCacheEntries = 2048
	responseCacheMaxBody = 1 << 20
)

type cachedResponse struct {
	epoch, authEpoch int64
	until            time.Time // zero: no time limit
	status           int
	header           http.Header
	body             []byte
}

type responseCache struct {
	key     [32]byte
	macs    sync.Pool // of *keyHasher: HMAC-SHA256 under key and a scratch buffer
	mu      sync.Mutex
	entries map[[32]byte]*cachedResponse
}

func newResponseCache() *responseCache {
	c := &responseCache{entries: make(map[[32]byte]*cachedResponse)}
	if _, err := rand.Read(c.key[:]); err != nil {
		panic("crypto/rand failed: " + err.Error())
	}
	c.macs.New = func() any { return &keyHasher{mac: hmac.New(sha256.New, c.key[:])} }
	return c
}

// keyHasher is reused across requests: the key is computed on every cached
// request, so its allocations were a visible part of the hot path.
type keyHasher struct {
	mac     hash.Hash
	scratch []byte
}

func (c *responseCache) digest(parts ...string) (k [32]byte) {
	h := c.macs.Get().(*keyHasher)
	h.scratch = h.scratch[:0]
	for _, p := range parts {
		h.scratch = append(append(h.scratch, p...), 0)
	}
	h.mac.Reset()
	h.mac.Write(h.scratch)
	h.mac.Sum(k[:0])
	if cap(h.scratch) <= 16<<10 { // an outsized URL's buffer is not kept
		c.macs.Put(h)
	}
	return k
}

func (c *responseCache) get(key [32]byte, epoch, authEpoch int64, now time.Time) *cachedResponse {
	c.mu.Lock()
	defer c.mu.Unlock()
	e := c.entries[key]
	if e == nil || e.epoch != epoch || e.authEpoch != authEpoch || (!e.until.IsZero() && now.After(e.until)) {
		if e != nil {
			delete(c.entries, key)
		}
		return nil
	}
	return e
}

func (c *responseCache) put(key [32]byte, e *cachedResponse) {
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
	if auth := req.Header.Get("Authorization"); auth != "" && !strings.HasPrefix(strings.ToLower(auth), "basic ") {
		return false
	}
	if req.Method != http.MethodGet || req.Header.Get("X-WP-Nonce") != "" ||
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
	// With its length known, net/http writes a large body straight to the
	// connection instead of in chunks through its 4 KiB buffer.
	h["Content-Length"] = []string{strconv.Itoa(len(e.body))}
	w.WriteHeader(e.status)
	_, _ = w.Write(e.body)
}

// serveCached answers an anonymous GET from the cache, or serves it and
// keeps the answer. It reports false when the request is not cacheable.
func (s *Server) serveCached(w http.ResponseWriter, req *http.Request) bool {
	if s.cache == nil || !cacheableRequest(req) {
		return false
	}
	auth := req.Header.Get("Authorization")
	var epoch, authEpoch int64
	var err error
	if auth == "" {
		epoch, err = s.store.ContentEpoch(req.Context())
	} else {
		authEpoch, epoch, err = s.store.Epochs(req.Context())
	}
	if err != nil {
		return false
	}
	// Whether the request came over HTTPS changes answers (the index's
	// authentication key, application-password availability), so it is
	// part of the key, as is the client address (throttling, last_ip).
	client := s.cfg.Client(req)
	secure := "http"
	if client.Secure {
		secure = "https"
	}
	route, _ := req.Context().Value(restRouteKey{}).(string)
	key := s.cache.digest(client.IP, secure, auth, route, req.URL.RequestURI(), req.Header.Get("Origin"))
	now := s.store.Now() // the store's clock, which tests move
	if e := s.cache.get(key, epoch, authEpoch, now); e != nil {
		e.send(w)
		return true
	}
	rec := &recorder{header: http.Header{}}
	r := s.newRequest(req.Context(), req)
	resp := s.handle(r)
	s.write(rec, r, resp)
	e := &cachedResponse{epoch: epoch, authEpoch: authEpoch, status: rec.status, header: rec.header, body: rec.body.Bytes()}
	keep := e.status == http.StatusOK && rec.body.Len() <= responseCacheMaxBody && r.freshNonce == ""
	if auth == "" {
		keep = keep && r.User == nil
	} else {
		keep = keep && r.User != nil && r.AppPassword != nil
		if keep {
			e.until = now.Add(time.Minute)
			if exp := r.AppPassword.Expires; exp != nil && exp.Before(e.until) {
				e.until = *exp
			}
		}
	}
	if keep {
		s.cache.put(key, e)
	}
	e.send(w)
	return true
}
