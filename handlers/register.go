// Package handlers holds the browser pages: login, profile with the
// Application Passwords section, and the authorize-application flow.
package handlers

import (
	"log/slog"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/presspass/presspass/handlers/site"
	"github.com/presspass/presspass/models"
)

// Config is what the pages need from the composition root.
type Config struct {
	// SiteURL is the public base URL without a trailing slash.
	SiteURL string
	// Client tells who is calling (address, HTTPS) for a request.
	Client func(*http.Request) models.ClientInfo
	Logger *slog.Logger
	// PublicSite, when set, serves the public site (posts, pages, feeds,
	// sitemaps, embeds) at "/" and every path nothing else claims; nil
	// leaves "/" the API landing page and other paths 404 (--public-site=off).
	PublicSite *site.Site
}

// app carries the dependencies every page handler needs.
type app struct {
	store *models.Store
	cfg   Config
	log   *slog.Logger
	// cookieName is the session cookie's name, derived once from the site URL.
	cookieName string
	// public is the public site, or nil.
	public *site.Site
}

// Register mounts the browser pages on e.
func Register(e *echo.Echo, s *models.Store, cfg Config) {
	cfg.SiteURL = strings.TrimRight(cfg.SiteURL, "/")
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.Client == nil {
		cfg.Client = func(r *http.Request) models.ClientInfo {
			return models.DirectClient(r.RemoteAddr, r.UserAgent(), r.TLS != nil)
		}
	}
	a := &app{store: s, cfg: cfg, log: cfg.Logger, cookieName: models.LoggedInCookieName(cfg.SiteURL), public: cfg.PublicSite}

	// Route-level middleware rather than a Group: a group with middleware
	// would also claim every unmatched path of the other adapters.
	// Forms here are small; a bounded body keeps a hostile POST cheap.
	mw := []echo.MiddlewareFunc{a.pageHeaders, a.limitBody, a.loadSession}
	g := routes{e: e, mw: mw}
	if a.public != nil {
		a.public.Register(e, site.Session{Middleware: a.loadSession, User: currentUser, Nonce: a.nonce,
			VerifyNonce: func(c echo.Context, action, nonce string) bool {
				return a.store.VerifyNonce(currentSession(c), action, strings.TrimSpace(nonce))
			}})
	} else {
		g.GET("/", a.home)
		// Without the public site, every path nothing else claims is still
		// a page, not Echo's bare JSON.
		r := routes{e: e, mw: []echo.MiddlewareFunc{a.pageHeaders, a.loadSession}}
		r.e.Any("/*", a.notFound, r.mw...)
	}
	g.GET("/wp-login.php", a.loginPage)
	g.POST("/wp-login.php", a.loginPost)
	g.GET("/wp-admin", a.adminSlash)
	g.GET("/wp-admin/", a.dashboard)
	g.GET("/wp-admin/index.php", a.dashboard)
	g.GET("/wp-admin/profile.php", a.profilePage)
	g.POST("/wp-admin/profile.php", a.profilePost)
	g.GET("/wp-admin/user-edit.php", a.profilePage)
	g.POST("/wp-admin/user-edit.php", a.profilePost)
	g.GET(adminAppPasswordsPath, a.adminAppPasswordsPage)
	g.POST(adminAppPasswordsPath, a.adminAppPasswordsPost)
	g.GET("/wp-admin/authorize-application.php", a.authorizePage)
	g.POST("/wp-admin/authorize-application.php", a.authorizePost)
	g.GET("/wp-admin/admin-ajax.php", a.adminAjax)
	g.POST("/wp-admin/admin-ajax.php", a.adminAjax)
	a.registerUploads(e)
	e.GET(assetPrefix+"*", a.asset)
	e.GET("/favicon.ico", a.favicon)
	e.HEAD("/favicon.ico", a.favicon)
}

// routes adds the page middleware to every route it registers.
type routes struct {
	e  *echo.Echo
	mw []echo.MiddlewareFunc
}

// GET also answers HEAD, as WordPress's pages do; net/http drops the body.
func (r routes) GET(path string, h echo.HandlerFunc) {
	r.e.GET(path, h, r.mw...)
	r.e.HEAD(path, h, r.mw...)
}
func (r routes) POST(path string, h echo.HandlerFunc) { r.e.POST(path, h, r.mw...) }
