package rest

import (
	"bytes"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/presspass/presspass/models"
	"github.com/presspass/presspass/models/epoch"
)

// GET answers are cached in memory (epoch.Cache) and served again while the
// store's epochs are unchanged: the content epoch for anonymous requests, and
// the auth and content epochs for requests authenticated by Basic
// application passwords. Every write that could change an answer — on any
// process — moves an epoch, so a cached answer is never stale, and a
// repeated request costs at most one primary-key query. Keys are an HMAC
// (epoch.Keyer) over the client address, scheme, Authorization header and
// URI, so only the same caller with the same password can hit an entry and
// no password is kept. Authenticated entries live at most a minute (usage
// stamps), and never past the application password's expiry; cookie or
// nonce requests are never cached. This file is REST's policy: what is
// cacheable, the key, the epochs an answer depends on, the limits.

const (
	responseCacheEntries = 2048
	responseCacheMaxBody = 1 << 20
	// Answers larger than responseCacheMaxBody (a long post's) go to a
	// cache of their own with room for a few: each reader of a long post
	// would otherwise encode its megabytes again, and hold them, while
	// the text's render is shared anyway (wptext's shared renders).
	bigAnswerEntries = 4
	bigAnswerMaxBody = 24 << 20
)

// responseCache keeps GET answers under the epochs they were made under.
type responseCache struct {
	*epoch.Cache[epoch.Key, *cachedResponse]
	big  *epoch.Cache[epoch.Key, *cachedResponse]
	keys *epoch.Keyer
}

func newResponseCache() *responseCache {
	return &responseCache{
		Cache: epoch.NewCache[epoch.Key, *cachedResponse](responseCacheEntries),
		big:   epoch.NewCache[epoch.Key, *cachedResponse](bigAnswerEntries),
		keys:  epoch.NewKeyer(),
	}
}

// get finds an answer in either cache.
func (c *responseCache) get(k epoch.Key, at epoch.Epochs, now time.Time) (*cachedResponse, bool) {
	if e, ok := c.Get(k, at, now); ok {
		return e, true
	}
	return c.big.Get(k, at, now)
}

// put files an answer by its size; one too large for both is not kept.
func (c *responseCache) put(k epoch.Key, e *cachedResponse, at epoch.Epochs, until time.Time) {
	switch n := len(e.body); {
	case n <= responseCacheMaxBody:
		c.Put(k, e, at, until)
	case n <= bigAnswerMaxBody:
		c.big.Put(k, e, at, until)
	}
}

type cachedResponse struct {
	status int
	header http.Header
	body   []byte
	// route and userID are what the access log names on a hit (the key
	// holds the credentials, so the user is the same).
	route  string
	userID int64
}

// cacheableRequest reports whether req is an anonymous GET whose answer
// depends only on the site's content and the URI.
func cacheableRequest(req *http.Request) bool {
	if auth := req.Header.Get("Authorization"); auth != "" && !strings.HasPrefix(strings.ToLower(auth), "basic ") {
		return false
	}
	if req.Method != http.MethodGet || req.Header.Get("X-WP-Nonce") != "" || req.Header.Get(DoctorTokenHeader) != "" ||
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
	epochs, err := s.store.Epochs(req.Context())
	if err != nil {
		return false
	}
	// A cacheable request is a GET, which writes nothing a visitor sees.
	req = req.WithContext(models.WithReadEpochs(req.Context(), epochs))
	if auth == "" {
		epochs.Auth = 0 // an anonymous answer depends on the content epoch alone
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
	key := s.cache.keys.Key(client.IP, secure, auth, route, req.URL.RequestURI(), req.Header.Get("Origin"))
	now := s.store.Now() // the store's clock, which tests move
	if e, ok := s.cache.get(key, epochs, now); ok {
		note := models.NoteOf(req.Context())
		note.SetRoute(e.route)
		note.SetUser(e.userID)
		e.send(w)
		return true
	}
	rec := &recorder{header: http.Header{}}
	r := s.newRequest(req.Context(), req)
	resp := s.handle(r)
	noteRequest(r)
	s.write(rec, r, resp)
	e := &cachedResponse{status: rec.status, header: rec.header, body: rec.body.Bytes()}
	e.route, e.userID, _ = models.NoteOf(req.Context()).Read()
	keep := e.status == http.StatusOK && r.freshNonce == ""
	var until time.Time // anonymous answers have no time limit
	if auth == "" {
		keep = keep && r.User == nil
	} else {
		keep = keep && r.User != nil && r.AppPassword != nil
		if keep {
			until = now.Add(time.Minute)
			if exp := r.AppPassword.Expires; exp != nil {
				until = epoch.Until(until, *exp)
			}
		}
	}
	if keep {
		s.cache.put(key, e, epochs, until)
	}
	e.send(w)
	return true
}
