package handlers

import (
	"html/template"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/presspass/presspass/models"
)

// The login page: the main password only (application passwords are refused
// like any wrong password), WordPress's messages, redirect_to kept on the
// site, an optional second factor, and logging out with a nonce.

// loginData is the model of the login form.
type loginData struct {
	Action     string
	Log        string
	RedirectTo string
	Remember   bool
	Errors     []template.HTML
	Messages   []string
	// TwoFactorToken is set on the second step: the code form.
	TwoFactorToken string
	LostPassword   bool
}

func (a *app) loginPage(c echo.Context) error {
	switch c.QueryParam("action") {
	case "logout":
		return a.logout(c)
	case "lostpassword", "retrievepassword", "rp", "resetpass":
		return a.lostPassword(c)
	}
	a.setTestCookie(c)
	d := &loginData{Action: a.cfg.SiteURL + "/wp-login.php", RedirectTo: a.loginRedirectField(c.QueryParam("redirect_to"))}
	if c.QueryParam("loggedout") == "true" {
		d.Messages = append(d.Messages, "You are now logged out.")
	}
	return a.render(c, http.StatusOK, "login", a.newView(c, "Log In", d))
}

// loginRedirectField is the redirect_to value the form carries: the given
// one when it stays on the site, the dashboard otherwise.
func (a *app) loginRedirectField(raw string) string {
	return a.safeRedirect(raw, a.adminURL(""))
}

func (a *app) loginPost(c echo.Context) error {
	switch c.QueryParam("action") {
	case "logout":
		return a.logout(c)
	case "two-factor":
		return a.twoFactorLoginPost(c)
	case "lostpassword", "retrievepassword":
		return a.lostPassword(c)
	case "postpass":
		if a.public != nil {
			return a.public.PostPass(c)
		}
	}
	// Invalid UTF-8 can match no login and would upset MySQL's utf8mb4.
	log := strings.TrimSpace(strings.ToValidUTF8(c.FormValue("log"), ""))
	pwd := c.FormValue("pwd")
	remember := c.FormValue("rememberme") != ""
	d := &loginData{
		Action:     a.cfg.SiteURL + "/wp-login.php",
		Log:        log,
		RedirectTo: a.loginRedirectField(c.FormValue("redirect_to")),
		Remember:   remember,
	}
	fail := func(msgs ...template.HTML) error {
		d.Errors = msgs
		a.setTestCookie(c)
		return a.render(c, http.StatusOK, "login", a.newView(c, "Log In", d))
	}
	if c.FormValue("testcookie") != "" {
		if _, err := c.Cookie(models.TestCookieName); err != nil {
			return fail(template.HTML(`<strong>Error:</strong> Cookies are blocked or not supported by your browser. You must enable cookies to use PressPass.`))
		}
	}
	if log == "" || pwd == "" {
		var msgs []template.HTML
		if log == "" {
			msgs = append(msgs, "<strong>Error:</strong> The username field is empty.")
		}
		if pwd == "" {
			msgs = append(msgs, "<strong>Error:</strong> The password field is empty.")
		}
		return fail(msgs...)
	}
	u, err := a.store.AuthenticatePasswordFrom(c.Request().Context(), log, pwd, a.cfg.Client(c.Request()))
	if err != nil {
		switch models.ErrorKind(err) {
		case models.KindUnauthenticated:
			return fail(a.loginErrorMessage(err, log))
		case models.KindTooManyRequests:
			// The address or the account is locked for a while; the form
			// says so, with WordPress's error block.
			d.Errors = []template.HTML{template.HTML("<strong>Error:</strong> " + template.HTMLEscapeString(models.AsError(err).Message))}
			if secs, ok := models.AsError(err).Data["retry_after"].(int); ok {
				c.Response().Header().Set("Retry-After", strconv.Itoa(secs))
			}
			return a.render(c, http.StatusTooManyRequests, "login", a.newView(c, "Log In", d))
		}
		return a.internalError(c, err)
	}
	if u.TwoFactorEnabled {
		token, err := a.store.CreateLoginChallenge(c.Request().Context(), u, remember, d.RedirectTo)
		if err != nil {
			return a.internalError(c, err)
		}
		noStore(c)
		return a.render(c, http.StatusOK, "login", a.newView(c, "Two-Factor Authentication",
			&loginData{Action: a.cfg.SiteURL + "/wp-login.php?action=two-factor", TwoFactorToken: token}))
	}
	return a.finishLogin(c, u, remember, d.RedirectTo)
}

// finishLogin starts the session and leaves the login page.
func (a *app) finishLogin(c echo.Context, u *models.User, remember bool, redirectTo string) error {
	if _, err := a.startSession(c, u, remember); err != nil {
		return a.internalError(c, err)
	}
	return redirect(c, http.StatusFound, a.safeRedirect(redirectTo, a.adminURL("")))
}

// loginErrorMessage words a failed login as WordPress's login form does.
func (a *app) loginErrorMessage(err error, log string) template.HTML {
	name := template.HTMLEscapeString(log)
	lost := ` <a href="` + template.HTMLEscapeString(a.cfg.SiteURL+"/wp-login.php?action=lostpassword") + `">Lost your password?</a>`
	switch models.AsError(err).Code {
	case "invalid_username":
		return template.HTML("<strong>Error:</strong> The username <strong>" + name +
			"</strong> is not registered on this site. If you are unsure of your username, try your email address instead.")
	case "invalid_email":
		return "<strong>Error:</strong> Unknown email address. Check again or try your username."
	}
	if models.IsEmail(log) {
		return template.HTML("<strong>Error:</strong> The password you entered for the email address <strong>" + name + "</strong> is incorrect." + lost)
	}
	return template.HTML("<strong>Error:</strong> The password you entered for the username <strong>" + name + "</strong> is incorrect." + lost)
}

// lostPassword explains how to get a new password: PressPass sends no mail,
// so an administrator sets one (profile page or the CLI).
func (a *app) lostPassword(c echo.Context) error {
	d := &loginData{Action: a.cfg.SiteURL + "/wp-login.php", RedirectTo: a.adminURL(""), LostPassword: true}
	return a.render(c, http.StatusOK, "login", a.newView(c, "Lost Password", d))
}

// logout ends the session. A valid nonce (the toolbar's form or WordPress's
// log-out link) logs out at once; without one the visitor is asked to
// confirm, so a foreign page cannot log anyone out.
func (a *app) logout(c echo.Context) error {
	sess := currentSession(c)
	if sess == nil {
		a.clearSessionCookie(c)
		return redirect(c, http.StatusFound, a.cfg.SiteURL+"/wp-login.php?loggedout=true")
	}
	if !a.checkNonce(c, logoutAction) {
		msg := template.HTML(`You are attempting to log out of ` + template.HTMLEscapeString(a.store.Option(c.Request().Context(), "blogname")) + `.`)
		return a.render(c, http.StatusForbidden, "logout", a.newView(c, "Log Out", &dieData{Message: msg}))
	}
	if err := a.store.DeleteSession(c.Request().Context(), sess.ID); err != nil {
		return a.internalError(c, err)
	}
	a.clearSessionCookie(c)
	return redirect(c, http.StatusFound, a.cfg.SiteURL+"/wp-login.php?loggedout=true")
}

// twoFactorLoginPost is the second login step: the code for a pending
// challenge.
func (a *app) twoFactorLoginPost(c echo.Context) error {
	token := c.FormValue("two_factor_token")
	u, ch, err := a.store.CompleteLoginChallenge(c.Request().Context(), token, c.FormValue("authcode"))
	if err != nil {
		switch models.ErrorKind(err) {
		case models.KindInvalid:
			noStore(c)
			d := &loginData{Action: a.cfg.SiteURL + "/wp-login.php?action=two-factor", TwoFactorToken: token,
				Errors: []template.HTML{"<strong>Error:</strong> The authentication code is incorrect."}}
			return a.render(c, http.StatusOK, "login", a.newView(c, "Two-Factor Authentication", d))
		case models.KindUnauthenticated:
			d := &loginData{Action: a.cfg.SiteURL + "/wp-login.php", RedirectTo: a.adminURL(""),
				Errors: []template.HTML{"<strong>Error:</strong> The login attempt expired or had too many wrong codes. Please log in again."}}
			return a.render(c, http.StatusOK, "login", a.newView(c, "Log In", d))
		}
		return a.internalError(c, err)
	}
	return a.finishLogin(c, u, ch.Remember, ch.RedirectTo)
}
