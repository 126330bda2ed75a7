// Package site is the public site: what a visitor's browser, a feed reader,
// a search engine and another site's embed read at the links the API hands
// out — post and page permalinks, the home page and archives, search, the
// RSS 2.0 / Atom / RDF feeds, sitemaps, robots.txt, the /embed/ pages, the
// password form of protected posts and the comment form. It is part of the
// browser adapter (handlers mounts it); WordPress's rules — which URL means
// what, who may see a post, where a URL redirects — are decided in models,
// and this package only renders them, from templates embedded in the binary
// or an operator's own folder.
package site

import (
	"log/slog"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/presspass/presspass/languages"
	"github.com/presspass/presspass/models"
	"github.com/presspass/presspass/models/epoch"
)

// Config is what the public site needs from the browser adapter.
type Config struct {
	// SiteURL is the public base URL without a trailing slash.
	SiteURL string
	// Client tells who is calling (address, HTTPS) for a request.
	Client func(*http.Request) models.ClientInfo
	Logger *slog.Logger
	// TemplatesDir, when set, holds templates that replace the built-in
	// ones of the same name (--templates-dir).
	TemplatesDir string
}

// Session is how the site learns who is logged in: the browser adapter's
// session cookie handling.
type Session struct {
	// Middleware resolves the session cookie before a handler runs.
	Middleware echo.MiddlewareFunc
	// User is the logged-in user Middleware found, or nil.
	User func(echo.Context) *models.User
	// Nonce makes a nonce of the current session and VerifyNonce checks
	// one (the comment form of users who may post unfiltered HTML).
	Nonce       func(c echo.Context, action string) string
	VerifyNonce func(c echo.Context, action, nonce string) bool
}

// Site serves the public pages.
type Site struct {
	store *models.Store
	cfg   Config
	log   *slog.Logger
	tmpl  *templates
	cache *epoch.Cache[string, *cachedPage]
	sess  Session
	// passCookie is the post password cookie's name (wp-postpass_COOKIEHASH).
	passCookie string
	// loggedInCookie is the session cookie's name: requests carrying it are
	// never answered from the cache.
	loggedInCookie string
}

// New builds the public site. Errors: a template that does not parse.
func New(s *models.Store, cfg Config) (*Site, error) {
	cfg.SiteURL = strings.TrimRight(cfg.SiteURL, "/")
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	t, err := loadTemplates(cfg.TemplatesDir)
	if err != nil {
		return nil, err
	}
	return &Site{
		store: s, cfg: cfg, log: cfg.Logger, tmpl: t, cache: newPageCache(),
		passCookie:     models.PostPasswordCookieName(cfg.SiteURL),
		loggedInCookie: models.LoggedInCookieName(cfg.SiteURL),
	}, nil
}

// Register mounts the site on e: the front controller for "/" and every
// path no other route claims, and the comment form's target. The password
// form posts to wp-login.php?action=postpass, which the login page hands to
// PostPass.
func (st *Site) Register(e *echo.Echo, sess Session) {
	st.sess = sess
	// Every method reaches the front controller, as every method reaches
	// WordPress's index.php; only GET and HEAD are redirected and cached.
	h := st.cachedFront(st.sess.Middleware(st.front))
	e.Any("/", h)
	e.Any("/*", h)
	e.POST("/wp-comments-post.php", st.sess.Middleware(st.commentPost))
}

// commonHeaders are sent on every answer of the site.
func (st *Site) commonHeaders(c echo.Context) {
	h := c.Response().Header()
	h.Set("Link", "<"+st.cfg.SiteURL+"/wp-json/>; rel=\"https://api.w.org/\"")
	h.Set("X-Content-Type-Options", "nosniff")
}

// front is WordPress's index.php: parse the request, run the main query,
// redirect to the canonical URL, then answer with the template for what was
// asked (a page, a feed, a sitemap, robots.txt, an embed).
func (st *Site) front(c echo.Context) error {
	ctx := c.Request().Context()
	req := c.Request()
	st.commonHeaders(c)
	qv := st.store.ParseRequest(ctx, req.URL.Path, req.URL.Query())
	viewer := st.sess.User(c)
	q, err := st.store.QuerySite(ctx, qv, viewer)
	if err != nil {
		return st.internalError(c, err)
	}
	if req.Method == http.MethodGet || req.Method == http.MethodHead {
		if loc := st.store.CanonicalRedirect(ctx, req.URL.EscapedPath(), req.URL.RawQuery, q); loc != "" {
			return redirect(c, http.StatusMovedPermanently, loc)
		}
	}
	switch {
	case q.IsRobots:
		return st.robots(c)
	case q.IsSitemap:
		return st.sitemap(c, q)
	case q.Is404:
		return st.notFound(c, q)
	case q.IsFeed:
		return st.feed(c, q, viewer)
	case q.IsEmbed:
		return st.embed(c, q, viewer)
	}
	return st.page(c, q, viewer)
}

// redirect answers with a redirect carrying an HTML content type, as
// WordPress's wp_redirect does.
func redirect(c echo.Context, status int, location string) error {
	h := c.Response().Header()
	h.Set(echo.HeaderContentType, echo.MIMETextHTMLCharsetUTF8)
	h.Set(echo.HeaderLocation, location)
	c.Response().WriteHeader(status)
	return nil
}

// internalError logs the cause and answers 500 (503 while the database is
// away); internals are never shown.
func (st *Site) internalError(c echo.Context, err error) error {
	st.log.Error("public page failed", "request_id", models.RequestID(c.Request().Context()),
		"path", c.Request().URL.Path, "err", err)
	// The site's language from the options the store keeps in memory: the
	// database may be the trouble.
	locale := st.locale(c)
	status, msg := http.StatusInternalServerError, languages.T(locale, "Something went wrong on the server. Please try again later.")
	if models.ErrorKind(err) == models.KindUnavailable {
		status, msg = http.StatusServiceUnavailable, languages.T(locale, "The site cannot reach its database right now. Please try again in a moment.")
	}
	if c.Response().Committed {
		return nil
	}
	c.Response().Header().Set("Cache-Control", "no-cache, must-revalidate, max-age=0")
	return c.HTMLBlob(status, []byte("<!DOCTYPE html>\n<html lang=\""+languages.Tag(locale)+"\"><head><meta charset=\"UTF-8\"><title>"+languages.T(locale, "Error")+"</title></head><body><p>"+msg+"</p></body></html>\n"))
}

// locale is the public site's language: the site's (get_locale), since
// determine_locale picks the user's only on admin screens.
func (st *Site) locale(c echo.Context) string {
	l := models.SiteLocale(st.store.Option(c.Request().Context(), "WPLANG"))
	if !languages.Installed(l) {
		return languages.Default
	}
	return l
}
