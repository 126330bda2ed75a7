package handlers

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/presspass/presspass/languages"
	"github.com/presspass/presspass/models"
)

// The authorize-application flow: an application sends the user here with
// its name, an optional app_id and where to go afterwards; the user approves
// (a new application password is created and handed to success_url) or
// rejects.

const (
	authorizeAction = "authorize_application_password"
)

// authorizeTitle is the error page's title.
var authorizeTitle = languages.Mark("Cannot Authorize Application")

// notAllowed words refused authorize parameters: WordPress's sentence and
// each reason, in the page's language.
func (a *app) notAllowed(c echo.Context, errs []string) string {
	out := a.T(c, "The Authorize Application request is not allowed.")
	for _, e := range errs {
		out += " " + a.T(c, e)
	}
	return out
}

// authorizeData is the model of the approval page.
type authorizeData struct {
	Action   string
	Nonce    string
	Referer  string
	Request  authorizeRequest
	UserName string
	// SuccessField/RejectField are the hidden fields as WordPress fills them
	// (custom schemes emptied); the template's app_success_url and
	// app_reject_url fields carry Request's validated URLs verbatim so that
	// custom-scheme callbacks also work without JavaScript.
	SuccessField, RejectField string
	SuccessPreview            string
	RejectPreview             string
	Error                     string
	NewPassword               *models.NewAppPassword
	// Expires is the date the new password's life would end ("" for
	// never): proposed by the application, or the site's maximum lifetime.
	Expires string
	// ReadOnly says the application asked for a read-only password.
	ReadOnly bool
}

// authorizeParams reads the request's parameters (query on GET, form on
// POST) and fills reject_url as WordPress does: success_url with
// success=false when none was given.
func authorizeParams(c echo.Context, post bool) authorizeRequest {
	get := c.QueryParam
	if post {
		get = c.FormValue
	}
	r := authorizeRequest{
		AppName:    strings.TrimSpace(get("app_name")),
		AppID:      strings.TrimSpace(get("app_id")),
		SuccessURL: strings.TrimSpace(get("success_url")),
		RejectURL:  strings.TrimSpace(get("reject_url")),
		ExpiresIn:  strings.TrimSpace(get("expires_in")),
		Expires:    strings.TrimSpace(get("expires")),
		Scope:      strings.TrimSpace(get("scope")),
	}
	if post {
		if v := strings.TrimSpace(get("app_success_url")); v != "" {
			r.SuccessURL = v
		}
		if v := strings.TrimSpace(get("app_reject_url")); v != "" {
			r.RejectURL = v
		}
	}
	if r.RejectURL == "" && r.SuccessURL != "" && !post {
		r.RejectURL = addQueryArgs(r.SuccessURL, "success", "false")
	}
	return r
}

// authorizeGate runs WordPress's checks in its order: the request's URLs and
// app id (500), Basic Authentication in front of the site (501), then
// whether application passwords are available (501). It writes the error
// page and returns false when the request cannot go on.
func (a *app) authorizeGate(c echo.Context, u *models.User, r authorizeRequest) (bool, error) {
	local := a.store.Config.Environment == models.EnvironmentLocal
	if errs := validateAuthorizeRequest(r, local); len(errs) > 0 {
		return false, a.dieText(c, http.StatusInternalServerError, a.T(c, authorizeTitle), a.notAllowed(c, errs))
	}
	// PressPass's own parameters come after WordPress's checks, and a bad
	// one is the client's error (400), not WordPress's 500.
	if _, errs := r.proposal(a.store.Now()); len(errs) > 0 {
		return false, a.dieText(c, http.StatusBadRequest, a.T(c, authorizeTitle), a.notAllowed(c, errs))
	}
	back := a.adminURL("")
	if r.RejectURL != "" && validateRedirectURL(r.RejectURL, local) == "" && isWebURL(r.RejectURL) {
		back = addQueryArgs(r.RejectURL, "error", "disabled")
	}
	if h := c.Request().Header.Get("Authorization"); len(h) > 6 && strings.EqualFold(h[:6], "basic ") {
		return false, a.dieText(c, http.StatusNotImplemented, a.T(c, authorizeTitle),
			a.T(c, "Your website appears to use Basic Authentication, which is not currently compatible with application passwords."),
			a.T(c, "Go Back"), back)
	}
	secure := a.cfg.Client(c.Request()).Secure
	if !a.store.AppPasswordsAvailableForUser(secure, u) {
		msg := a.T(c, "Application passwords are not available.")
		if a.store.AppPasswordsAvailable(secure) {
			msg = a.T(c, "Application passwords are not available for your account. Please contact the site administrator for assistance.")
		}
		return false, a.dieText(c, http.StatusNotImplemented, a.T(c, authorizeTitle), msg, a.T(c, "Go Back"), back)
	}
	return true, nil
}

// isWebURL reports whether raw is an http(s) URL, the only kind a page links
// to directly.
func isWebURL(raw string) bool {
	u, err := url.Parse(raw)
	return err == nil && (strings.EqualFold(u.Scheme, "https") || strings.EqualFold(u.Scheme, "http"))
}

func (a *app) authorizePage(c echo.Context) error {
	u, ok, err := a.requireLogin(c)
	if !ok {
		return err
	}
	r := authorizeParams(c, false)
	if ok, err := a.authorizeGate(c, u, r); !ok {
		return err
	}
	return a.renderAuthorize(c, http.StatusOK, u, r, "", nil)
}

func (a *app) renderAuthorize(c echo.Context, status int, u *models.User, r authorizeRequest, errMsg string, np *models.NewAppPassword) error {
	d := &authorizeData{
		Action:       a.adminURL("authorize-application.php"),
		Nonce:        a.nonce(c, authorizeAction),
		Referer:      refererField(c.Request().URL.RequestURI()),
		Request:      r,
		UserName:     u.Login,
		SuccessField: escFormURL(r.SuccessURL),
		RejectField:  escFormURL(r.RejectURL),
		Error:        errMsg,
		NewPassword:  np,
	}
	if p, errs := r.proposal(a.store.Now()); len(errs) == 0 {
		if exp := a.effectiveExpiry(p.Expires); exp != nil {
			d.Expires = a.date(c, *exp)
		}
		d.ReadOnly = p.Scope == models.ScopeRead
	}
	if r.SuccessURL != "" {
		d.SuccessPreview = displayURL(addQueryArgs(r.SuccessURL, "site_url", a.cfg.SiteURL, "user_login", u.Login, "password", "[------]"))
	}
	if r.RejectURL != "" {
		d.RejectPreview = displayURL(r.RejectURL)
	}
	if np != nil {
		noStore(c)
	}
	return a.render(c, status, "authorize", a.newView(c, a.T(c, "Authorize Application"), d))
}

// displayURL shows a URL's query readably, as WordPress prints it.
func displayURL(raw string) string {
	if s, err := url.QueryUnescape(raw); err == nil {
		return s
	}
	return raw
}

func (a *app) authorizePost(c echo.Context) error {
	u, ok, err := a.requireLogin(c)
	if !ok {
		return err
	}
	if c.FormValue("action") != authorizeAction || !a.checkNonce(c, authorizeAction) {
		return a.expiredLink(c)
	}
	r := authorizeParams(c, true)
	if ok, err := a.authorizeGate(c, u, r); !ok {
		return err
	}
	switch {
	case c.FormValue("reject") != "":
		to := a.adminURL("")
		switch {
		case r.RejectURL != "":
			to = r.RejectURL
		case r.SuccessURL != "":
			to = addQueryArgs(r.SuccessURL, "success", "false")
		}
		return redirect(c, http.StatusFound, to)
	case c.FormValue("approve") != "":
		opts, _ := r.proposal(a.store.Now()) // checked by authorizeGate
		opts.Name, opts.AppID = r.AppName, r.AppID
		np, err := a.store.CreateAppPasswordWith(c.Request().Context(), u.ID, opts)
		if err != nil {
			return a.showOr(c, err, func(msg string) error { return a.renderAuthorize(c, http.StatusOK, u, r, msg, nil) })
		}
		a.log.Info("application password authorized", "user", u.ID, "uuid", np.UUID)
		if r.SuccessURL == "" {
			return a.renderAuthorize(c, http.StatusOK, u, r, "", np)
		}
		noStore(c)
		return redirect(c, http.StatusFound, addQueryArgs(r.SuccessURL,
			"site_url", a.cfg.SiteURL, "user_login", u.Login, "password", np.Password))
	}
	return a.renderAuthorize(c, http.StatusOK, u, r, a.T(c, "Choose whether to approve or reject the connection."), nil)
}
