package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"
	"github.com/presspass/presspass/models"
)

// The site's front page, the dashboard and admin-ajax's nonce endpoint.

type homeData struct{ Tagline string }

// home is the site's front page: what this site is, where its APIs are, and
// the RSD link XML-RPC clients discover the API with.
func (a *app) home(c echo.Context) error {
	v := a.newView(c, a.T(c, "Home"), &homeData{Tagline: a.store.Option(c.Request().Context(), "blogdescription")})
	v.EditURI = true
	v.BodyClass = "home"
	return a.render(c, http.StatusOK, "home", v)
}

// notFound is the "Page not found" page for paths nothing serves when the
// public site (which has its own) is off.
func (a *app) notFound(c echo.Context) error {
	return a.dieText(c, http.StatusNotFound, a.T(c, "Page not found"), a.T(c, "It looks like nothing was found at this location."),
		a.T(c, "Home"), a.cfg.SiteURL+"/")
}

func (a *app) adminSlash(c echo.Context) error {
	return redirect(c, http.StatusMovedPermanently, a.adminURL(""))
}

type dashboardData struct {
	Role                  string
	AppPasswordCount      int
	AppPasswordsAvailable bool
	// ManagesAll links the administrators' view of every application
	// password (users with edit_users).
	ManagesAll bool
}

// dashboard greets the logged-in user and lists the API endpoints.
func (a *app) dashboard(c echo.Context) error {
	u, ok, err := a.requireLogin(c)
	if !ok {
		return err
	}
	list, err := a.store.AppPasswords(c.Request().Context(), u.ID)
	if err != nil {
		return a.internalError(c, err)
	}
	d := &dashboardData{
		Role:                  a.roleName(c, u.Role),
		AppPasswordCount:      len(list),
		AppPasswordsAvailable: a.store.AppPasswordsAvailableForUser(a.cfg.Client(c.Request()).Secure, u),
		ManagesAll:            models.CanEditUsers(u),
	}
	v := a.newView(c, a.T(c, "Dashboard"), d)
	v.BodyClass = "wp-admin index-php"
	return a.render(c, http.StatusOK, "dashboard", v)
}

// adminAjax answers the admin-ajax.php actions browsers use here: rest-nonce
// hands a logged-in page the wp_rest nonce for cookie-authenticated REST
// calls. Anything else gets WordPress's "0" with 400, as admin-ajax answers
// an action nobody handles.
func (a *app) adminAjax(c echo.Context) error {
	action := c.QueryParam("action")
	if action == "" {
		action = c.FormValue("action")
	}
	if action == "rest-nonce" && currentSession(c) != nil {
		return c.HTMLBlob(http.StatusOK, []byte(a.nonce(c, "wp_rest")))
	}
	return c.HTMLBlob(http.StatusBadRequest, []byte("0"))
}
