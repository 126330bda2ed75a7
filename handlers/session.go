package handlers

import (
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/presspass/presspass/models"
)

// The session cookie carries a random token; models keeps its hash. These
// helpers read it on every page, set it at login and clear it at logout.

const (
	ctxUser    = "presspass.user"
	ctxSession = "presspass.session"
	// logoutAction is the nonce action of the log-out link, as WordPress's.
	logoutAction = "log-out"
	// testCookieValue is what WordPress's login page puts in its test cookie.
	testCookieValue = "WP Cookie check"
)

// loadSession resolves the session cookie, when there is one, to the
// logged-in user. A stale cookie is simply ignored (and cleared); only a
// database failure stops the request.
func (a *app) loadSession(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		ck, err := c.Cookie(a.cookieName)
		if err != nil || ck.Value == "" {
			return next(c)
		}
		u, sess, err := a.store.UserBySessionToken(c.Request().Context(), ck.Value)
		if err != nil {
			if models.ErrorKind(err) == models.KindInternal {
				return a.internalError(c, err)
			}
			a.clearSessionCookie(c)
			return next(c)
		}
		if err := a.store.TouchSession(c.Request().Context(), sess, a.cfg.Client(c.Request())); err != nil {
			// Bookkeeping only: the request may go on.
			a.log.Warn("cannot record session use", "err", err)
		}
		c.Set(ctxUser, u)
		c.Set(ctxSession, sess)
		models.NoteOf(c.Request().Context()).SetUser(int64(u.ID))
		return next(c)
	}
}

// currentUser is the logged-in user, or nil.
func currentUser(c echo.Context) *models.User {
	u, _ := c.Get(ctxUser).(*models.User)
	return u
}

// currentSession is the session of the logged-in user, or nil.
func currentSession(c echo.Context) *models.Session {
	s, _ := c.Get(ctxSession).(*models.Session)
	return s
}

// startSession logs u in: a new server-side session and its cookie.
func (a *app) startSession(c echo.Context, u *models.User, remember bool) (*models.Session, error) {
	client := a.cfg.Client(c.Request())
	sess, err := a.store.CreateSession(c.Request().Context(), u, remember, client)
	if err != nil {
		return nil, err
	}
	ck := &http.Cookie{
		Name:     a.cookieName,
		Value:    sess.Token(),
		Path:     "/",
		HttpOnly: true,
		Secure:   client.Secure,
		SameSite: http.SameSiteLaxMode,
	}
	if remember {
		// Without "Remember Me" the cookie ends with the browser session, as
		// WordPress's does; the server-side expiry applies either way.
		ck.Expires = sess.Expires
	}
	c.SetCookie(ck)
	c.Set(ctxUser, u)
	c.Set(ctxSession, sess)
	return sess, nil
}

// clearSessionCookie removes the session cookie from the browser.
func (a *app) clearSessionCookie(c echo.Context) {
	c.SetCookie(&http.Cookie{
		Name: a.cookieName, Value: "", Path: "/", HttpOnly: true,
		Secure: a.cfg.Client(c.Request()).Secure, SameSite: http.SameSiteLaxMode,
		MaxAge: -1, Expires: time.Unix(0, 0),
	})
}

// setTestCookie sets WordPress's cookie check, so the login form can tell a
// browser that refuses cookies.
func (a *app) setTestCookie(c echo.Context) {
	c.SetCookie(&http.Cookie{
		Name: models.TestCookieName, Value: url.PathEscape(testCookieValue), Path: "/",
		Secure: a.cfg.Client(c.Request()).Secure, SameSite: http.SameSiteLaxMode,
	})
}

// requestURL is the absolute URL of the current request on the public site.
func (a *app) requestURL(c echo.Context) string {
	return a.siteOrigin() + c.Request().URL.RequestURI()
}

// siteOrigin is scheme://host[:port] of the site URL.
func (a *app) siteOrigin() string {
	u, err := url.Parse(a.cfg.SiteURL)
	if err != nil || u.Host == "" {
		return a.cfg.SiteURL
	}
	return u.Scheme + "://" + u.Host
}

// adminURL is WordPress's admin_url(p).
func (a *app) adminURL(p string) string { return a.cfg.SiteURL + "/wp-admin/" + p }

// loginURL is the login page that comes back to redirectTo, as WordPress's
// auth_redirect() builds it.
func (a *app) loginURL(redirectTo string) string {
	return a.cfg.SiteURL + "/wp-login.php?redirect_to=" + url.QueryEscape(redirectTo) + "&reauth=1"
}

// requireLogin sends a logged-out visitor to the login page and back.
func (a *app) requireLogin(c echo.Context) (*models.User, bool, error) {
	if u := currentUser(c); u != nil {
		return u, true, nil
	}
	return nil, false, redirect(c, http.StatusFound, a.loginURL(a.requestURL(c)))
}

// checkNonce verifies the form's (or query's) _wpnonce for action in the
// current session.
func (a *app) checkNonce(c echo.Context, action string) bool {
	n := c.FormValue("_wpnonce")
	if n == "" {
		n = c.QueryParam("_wpnonce")
	}
	return a.store.VerifyNonce(currentSession(c), action, strings.TrimSpace(n))
}

// nonce returns a fresh nonce for action in the current session.
func (a *app) nonce(c echo.Context, action string) string {
	return a.store.CreateNonce(currentSession(c), action)
}

// expiredLink is WordPress's answer to a failed nonce check.
func (a *app) expiredLink(c echo.Context) error {
	return a.dieText(c, http.StatusForbidden, a.T(c, "Something went wrong."), a.T(c, "The link you followed has expired. Please try again."))
}

// safeRedirect returns raw when it points into this site (a path, or an
// absolute URL on the site's host) and fallback otherwise, as WordPress's
// wp_safe_redirect keeps visitors on the site.
func (a *app) safeRedirect(raw, fallback string) string {
	raw = strings.TrimSpace(raw)
	if raw == "" || strings.ContainsAny(raw, "\r\n\t\\") {
		return fallback
	}
	u, err := url.Parse(raw)
	if err != nil {
		return fallback
	}
	if u.Scheme == "" && u.Host == "" {
		if !strings.HasPrefix(raw, "/") || strings.HasPrefix(raw, "//") {
			return fallback
		}
		// u.String() re-escapes whatever the visitor typed, so only ASCII
		// reaches headers and the database.
		return a.siteOrigin() + u.String()
	}
	site, err := url.Parse(a.cfg.SiteURL)
	if err != nil || !strings.EqualFold(u.Host, site.Host) || (u.Scheme != "http" && u.Scheme != "https") || u.User != nil {
		return fallback
	}
	return u.String()
}
