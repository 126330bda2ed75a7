package site

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/presspass/presspass/models"
	"github.com/presspass/presspass/models/epoch"
)

// Pages, feeds and sitemaps that a visitor without cookies asks for are the
// same for every such visitor, so they are answered from memory
// (epoch.Cache) while the store's content epoch is unchanged: any write that
// a visitor could see, on any process, moves the epoch, so a kept answer is
// never stale. Requests with a session, a post password or a commenter's
// cookie are always rendered. The cache is bounded in entries, and an answer
// over pageCacheMaxBody is not kept, so it holds at most 128 MiB.

const (
	pageCacheEntries = 512
	pageCacheMaxBody = 256 << 10
)

type cachedPage struct {
	status int
	header http.Header
	body   []byte
}

func newPageCache() *epoch.Cache[string, *cachedPage] {
	return epoch.NewCache[string, *cachedPage](pageCacheEntries)
}

// cacheable reports whether a request's answer is the same for every
// visitor: a GET or HEAD without a session, post-password or commenter
// cookie.
func (st *Site) cacheable(r *http.Request) bool {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		return false
	}
	for _, ck := range r.Cookies() {
		if ck.Name == st.loggedInCookie || ck.Name == st.passCookie || strings.HasPrefix(ck.Name, "comment_author_") {
			return false
		}
	}
	return true
}

// cachedFront answers from the cache, or runs next and keeps its answer.
func (st *Site) cachedFront(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		req := c.Request()
		if !st.cacheable(req) {
			return next(c)
		}
		epochs, err := st.store.Epochs(req.Context())
		if err != nil {
			return next(c)
		}
		// A visitor's page view writes nothing a visitor sees.
		c.SetRequest(req.WithContext(models.WithReadEpochs(req.Context(), epochs)))
		epochs.Auth = 0 // a visitor's answer depends on the content epoch alone
		// The site's language is part of the answer (WPLANG is no content).
		key := st.locale(c) + " " + req.URL.RequestURI()
		if e, ok := st.cache.Get(key, epochs, time.Time{}); ok {
			return e.send(c)
		}
		rec := &recorder{ResponseWriter: c.Response().Writer, header: http.Header{}}
		orig := c.Response().Writer
		c.Response().Writer = rec
		err = next(c)
		c.Response().Writer = orig
		if err != nil {
			return err
		}
		if rec.status == 0 {
			rec.status = http.StatusOK
		}
		e := &cachedPage{status: rec.status, header: c.Response().Header().Clone(), body: rec.body}
		switch e.status {
		case http.StatusOK, http.StatusMovedPermanently, http.StatusNotFound:
			if len(e.body) <= pageCacheMaxBody {
				st.cache.Put(key, e, epochs, time.Time{})
			}
		}
		c.Response().Committed = false
		return e.send(c)
	}
}

// send writes a kept answer; a feed's conditional request may still be
// answered 304.
func (e *cachedPage) send(c echo.Context) error {
	h := c.Response().Header()
	for k, v := range e.header {
		h[k] = v
	}
	if e.status == http.StatusOK && notModified(c.Request(), h.Get("ETag"), h.Get("Last-Modified")) {
		c.Response().WriteHeader(http.StatusNotModified)
		return nil
	}
	h.Set("Content-Length", strconv.Itoa(len(e.body)))
	c.Response().WriteHeader(e.status)
	if c.Request().Method != http.MethodHead {
		_, _ = c.Response().Write(e.body)
	}
	return nil
}

// recorder captures what the handler writes instead of sending it.
type recorder struct {
	http.ResponseWriter
	header http.Header
	status int
	body   []byte
}

func (r *recorder) WriteHeader(status int) {
	if r.status == 0 {
		r.status = status
	}
}

func (r *recorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	r.body = append(r.body, b...)
	return len(b), nil
}

// CacheStats returns the page cache's hits, misses and size, for the
// operator's metrics.
func (st *Site) CacheStats() epoch.CacheStats { return st.cache.Stats() }
