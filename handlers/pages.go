package handlers

import (
	"bytes"
	"embed"
	"html/template"
	"io/fs"
	"net/http"
	"path"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/presspass/presspass/languages"
	"github.com/presspass/presspass/models"
)

// Pages are rendered on the server from html/template files embedded in the
// binary; they work without JavaScript.

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static/*
var staticFS embed.FS

// assetPrefix is where the embedded stylesheet is served.
const assetPrefix = "/wp-admin/presspass/"

// pageTemplates maps a locale, then a page name, to the layout joined with
// that page's "body" definition; each page is parsed separately so their
// blocks never collide, and once per locale so that T in a template is
// bound to its language.
var pageTemplates = func() map[string]map[string]*template.Template {
	out := map[string]map[string]*template.Template{}
	for _, locale := range languages.Locales() {
		funcs := localeFuncs(locale)
		funcs["chunk"] = models.ChunkAppPassword
		funcs["group"] = groupSecret
		base := template.Must(template.New("layout.html").Funcs(funcs).ParseFS(templateFS, "templates/layout.html"))
		names, err := fs.Glob(templateFS, "templates/*.html")
		if err != nil {
			panic(err)
		}
		pages := make(map[string]*template.Template, len(names))
		for _, n := range names {
			name := strings.TrimSuffix(path.Base(n), ".html")
			if name == "layout" {
				continue
			}
			pages[name] = template.Must(template.Must(base.Clone()).ParseFS(templateFS, n))
		}
		out[locale] = pages
	}
	return out
}()

// view is what the layout needs; Data is the page's own model.
type view struct {
	// Locale is the page's language; Lang the same as an HTML lang.
	Locale    string
	Lang      string
	Title     string
	SiteName  string
	SiteURL   string
	AssetURL  string
	User      *models.User
	LogoutURL string
	// LogoutNonce protects the log-out form in the toolbar.
	LogoutNonce string
	// EditURI adds the RSD discovery link (the home page).
	EditURI   bool
	BodyClass string
	Data      any
}

// newView fills the layout fields for the current request.
func (a *app) newView(c echo.Context, title string, data any) *view {
	locale := a.locale(c)
	v := &view{
		Locale:   locale,
		Lang:     languages.Tag(locale),
		Title:    title,
		SiteName: a.store.Option(c.Request().Context(), "blogname"),
		SiteURL:  a.cfg.SiteURL,
		AssetURL: a.cfg.SiteURL + assetPrefix,
		Data:     data,
	}
	if u, sess := currentUser(c), currentSession(c); u != nil {
		v.User = u
		v.LogoutURL = a.cfg.SiteURL + "/wp-login.php?action=logout"
		v.LogoutNonce = a.store.CreateNonce(sess, logoutAction)
	}
	return v
}

// render writes a page with status. The body is rendered into a buffer
// first so that a template error becomes a clean 500 instead of half a page.
func (a *app) render(c echo.Context, status int, page string, v *view) error {
	t, ok := pageTemplates[v.Locale][page]
	if !ok {
		return a.internalError(c, errUnknownTemplate(page))
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", v); err != nil {
		return a.internalError(c, err)
	}
	return c.HTMLBlob(status, buf.Bytes())
}

type errUnknownTemplate string

func (e errUnknownTemplate) Error() string { return "unknown template " + string(e) }

// dieData is the model of the error page, WordPress's wp_die() screen.
type dieData struct {
	Message  template.HTML
	LinkText string
	LinkURL  string
}

// die renders WordPress's wp_die() page: a title and a message in a
// "wp-die-message" block, with the given status.
func (a *app) die(c echo.Context, status int, title string, message template.HTML, link ...string) error {
	d := &dieData{Message: message}
	if len(link) == 2 {
		d.LinkText, d.LinkURL = link[0], link[1]
	}
	v := a.newView(c, title, d)
	v.BodyClass = "wp-die"
	return a.render(c, status, "die", v)
}

// dieText is die with a plain-text message.
func (a *app) dieText(c echo.Context, status int, title, message string, link ...string) error {
	return a.die(c, status, title, template.HTML(template.HTMLEscapeString(message)), link...)
}

// internalError logs the cause and shows a generic error page; internals are
// never shown to the browser.
func (a *app) internalError(c echo.Context, err error) error {
	a.log.Error("page failed", "request_id", models.RequestID(c.Request().Context()), "path", c.Request().URL.Path, "err", err)
	// The language comes from the request alone (the database may be the
	// trouble): the login switcher's cookie or the site's cached option.
	locale := languages.Default
	if l, ok := c.Get(localeKey).(string); ok {
		locale = l
	}
	msg, status := languages.T(locale, "Something went wrong on the server. Please try again later."), http.StatusInternalServerError
	if models.ErrorKind(err) == models.KindUnavailable {
		// The database is away: say so, and let load balancers retry.
		msg, status = languages.T(locale, "The site cannot reach its database right now. Please try again in a moment."), http.StatusServiceUnavailable
	}
	c.Response().Header().Set(echo.HeaderContentType, echo.MIMETextHTMLCharsetUTF8)
	if c.Response().Committed {
		return nil
	}
	t := pageTemplates[locale]["die"]
	v := &view{Locale: locale, Lang: languages.Tag(locale), Title: languages.T(locale, "Error"), SiteURL: a.cfg.SiteURL, AssetURL: a.cfg.SiteURL + assetPrefix, Data: &dieData{Message: template.HTML(template.HTMLEscapeString(msg))}}
	var buf bytes.Buffer
	if t == nil || t.ExecuteTemplate(&buf, "layout", v) != nil {
		return c.String(status, msg)
	}
	return c.HTMLBlob(status, buf.Bytes())
}

// redirect answers with a redirect that carries an HTML content type, as
// WordPress's do (the conformance goldens compare it).
func redirect(c echo.Context, status int, location string) error {
	h := c.Response().Header()
	h.Set(echo.HeaderContentType, echo.MIMETextHTMLCharsetUTF8)
	h.Set(echo.HeaderLocation, location)
	c.Response().WriteHeader(status)
	return nil
}

// noStore marks a response that shows a secret so that no cache keeps it.
func noStore(c echo.Context) {
	h := c.Response().Header()
	h.Set("Cache-Control", "no-store, no-cache, must-revalidate, max-age=0")
	h.Set("Pragma", "no-cache")
}

// contentSecurityPolicy allows only the embedded stylesheet and inline
// (data:) images such as the two-factor QR code; no script runs at all.
// form-action is left open on purpose: the authorize flow's form ends in a
// redirect to the application's own (possibly custom-scheme) URL, which
// browsers check against form-action.
const contentSecurityPolicy = "default-src 'none'; style-src 'self'; img-src 'self' data:; " +
	"base-uri 'none'; frame-ancestors 'none'"

// pageHeaders sets the headers every browser page carries: WordPress's REST
// discovery Link, anti-framing, the CSP and no caching of personal pages.
func (a *app) pageHeaders(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		h := c.Response().Header()
		h.Set("Link", "<"+a.cfg.SiteURL+"/wp-json/>; rel=\"https://api.w.org/\"")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
		if c.Request().URL.Path != "/" {
			h.Set("Cache-Control", "no-cache, must-revalidate, max-age=0")
		}
		return next(c)
	}
}

// maxFormBytes bounds a page's request body: every form here is small.
const maxFormBytes = 256 << 10

// limitBody refuses an oversized body up front and caps one that does not
// announce its size, so a hostile POST stays cheap.
func (a *app) limitBody(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		r := c.Request()
		if r.ContentLength > maxFormBytes {
			return a.dieText(c, http.StatusRequestEntityTooLarge, a.T(c, "Error"), a.T(c, "The submitted form is too large."))
		}
		r.Body = http.MaxBytesReader(c.Response(), r.Body, maxFormBytes)
		return next(c)
	}
}

// favicon answers browsers' /favicon.ico with PressPass's own icon, as
// WordPress answers it with its default one: without it every page view
// also logs a 404.
func (a *app) favicon(c echo.Context) error {
	b, err := staticFS.ReadFile("static/favicon.ico")
	if err != nil {
		return err
	}
	c.Response().Header().Set("Cache-Control", "public, max-age=86400")
	c.Response().Header().Set("X-Content-Type-Options", "nosniff")
	return c.Blob(http.StatusOK, "image/vnd.microsoft.icon", b)
}

// asset serves the embedded stylesheet.
func (a *app) asset(c echo.Context) error {
	name := strings.TrimPrefix(c.Request().URL.Path, assetPrefix)
	if name == "" || strings.Contains(name, "/") || strings.Contains(name, "..") {
		return c.NoContent(http.StatusNotFound)
	}
	b, err := staticFS.ReadFile("static/" + name)
	if err != nil {
		return c.NoContent(http.StatusNotFound)
	}
	ct := "application/octet-stream"
	if strings.HasSuffix(name, ".css") {
		ct = "text/css; charset=UTF-8"
	}
	c.Response().Header().Set("Cache-Control", "public, max-age=86400")
	c.Response().Header().Set("X-Content-Type-Options", "nosniff")
	return c.Blob(http.StatusOK, ct, b)
}
