package handlers

import (
	"html/template"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/presspass/presspass/handlers/words"
	"github.com/presspass/presspass/languages"
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
	// Switcher shows WordPress 5.9's language menu (when a translation is
	// installed); it keeps the page's redirect_to and action.
	Switcher           bool
	SwitcherRedirectTo string
	SwitcherAction     string
}

// loginView is newView for the login page: the language switcher is
// filled in from the request, as wp-login.php's footer does.
func (a *app) loginView(c echo.Context, title string, d *loginData) *view {
	d.Switcher = len(languages.Available()) > 0
	d.SwitcherRedirectTo = c.QueryParam("redirect_to")
	d.SwitcherAction = c.QueryParam("action")
	return a.newView(c, title, d)
}

// rememberLoginLanguage keeps the switcher's choice in the wp_lang cookie
// for the rest of the browser session, as wp-login.php does.
func (a *app) rememberLoginLanguage(c echo.Context) {
	lang := c.QueryParam("wp_lang")
	if lang == "" {
		return
	}
	c.SetCookie(&http.Cookie{Name: loginLanguageCookie, Value: models.SanitizeLocaleName(lang), Path: "/",
		Secure: strings.HasPrefix(a.cfg.SiteURL, "https://"), HttpOnly: true, SameSite: http.SameSiteLaxMode})
}

// errorHTML is a message under WordPress's bold "Error:" label.
func (a *app) errorHTML(c echo.Context, msg template.HTML) template.HTML {
	return "<strong>" + template.HTML(template.HTMLEscapeString(a.T(c, "Error:"))) + "</strong> " + msg
}

// errorText is errorHTML for a plain-text message.
func (a *app) errorText(c echo.Context, msg string) template.HTML {
	return a.errorHTML(c, template.HTML(template.HTMLEscapeString(msg)))
}

func (a *app) loginPage(c echo.Context) error {
	switch c.QueryParam("action") {
	case "logout":
		return a.logout(c)
	case "lostpassword", "retrievepassword", "rp", "resetpass":
		return a.lostPassword(c)
	}
	a.setTestCookie(c)
	a.rememberLoginLanguage(c)
	d := &loginData{Action: a.cfg.SiteURL + "/wp-login.php", RedirectTo: a.loginRedirectField(c.QueryParam("redirect_to"))}
	if c.QueryParam("loggedout") == "true" {
		d.Messages = append(d.Messages, a.T(c, "You are now logged out."))
	}
	return a.render(c, http.StatusOK, "login", a.loginView(c, a.T(c, "Log In"), d))
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
		return a.render(c, http.StatusOK, "login", a.loginView(c, a.T(c, "Log In"), d))
	}
	if c.FormValue("testcookie") != "" {
		if _, err := c.Cookie(models.TestCookieName); err != nil {
			return fail(a.errorText(c, a.T(c, "Cookies are blocked or not supported by your browser. You must enable cookies to use PressPass.")))
		}
	}
	if log == "" || pwd == "" {
		var msgs []template.HTML
		if log == "" {
			msgs = append(msgs, a.errorText(c, a.T(c, "The username field is empty.")))
		}
		if pwd == "" {
			msgs = append(msgs, a.errorText(c, a.T(c, "The password field is empty.")))
		}
		return fail(msgs...)
	}
	client := a.cfg.Client(c.Request())
	client.Channel = loginPageChannel
	u, err := a.store.AuthenticatePasswordFrom(c.Request().Context(), log, pwd, client)
	if err != nil {
		switch models.ErrorKind(err) {
		case models.KindUnauthenticated:
			return fail(a.loginErrorMessage(c, err, log))
		case models.KindTooManyRequests:
			return a.loginLocked(c, err, d)
		}
		return a.internalError(c, err)
	}
	if u.TwoFactorEnabled {
		token, err := a.store.CreateLoginChallenge(c.Request().Context(), u, remember, d.RedirectTo)
		if err != nil {
			return a.internalError(c, err)
		}
		noStore(c)
		return a.render(c, http.StatusOK, "login", a.loginView(c, a.T(c, "Two-Factor Authentication"),
			&loginData{Action: a.cfg.SiteURL + "/wp-login.php?action=two-factor", TwoFactorToken: token}))
	}
	return a.finishLogin(c, u, remember, d.RedirectTo)
}

// loginLocked answers a login step refused while the address or the
// account is locked for a while: the form says so, with WordPress's error
// block, status 429 and Retry-After.
func (a *app) loginLocked(c echo.Context, err error, d *loginData) error {
	msg, _ := words.Message(a.locale(c), err)
	d.Errors = []template.HTML{a.errorText(c, msg)}
	if secs := models.AsError(err).Details.RetryAfter; secs > 0 {
		c.Response().Header().Set("Retry-After", strconv.Itoa(secs))
	}
	return a.render(c, http.StatusTooManyRequests, "login", a.loginView(c, a.T(c, "Log In"), d))
}

// finishLogin starts the session and leaves the login page.
func (a *app) finishLogin(c echo.Context, u *models.User, remember bool, redirectTo string) error {
	if _, err := a.startSession(c, u, remember); err != nil {
		return a.internalError(c, err)
	}
	return redirect(c, http.StatusFound, a.safeRedirect(redirectTo, a.adminURL("")))
}

// loginErrorMessage words a failed login as WordPress's login form does.
func (a *app) loginErrorMessage(c echo.Context, err error, log string) template.HTML {
	lost := template.HTML(` <a href="` + template.HTMLEscapeString(a.cfg.SiteURL+"/wp-login.php?action=lostpassword") + `">` +
		template.HTMLEscapeString(a.T(c, "Lost your password?")) + `</a>`)
	switch models.AsError(err).Reason {
	case models.ReasonLoginUnknownUsername:
		return a.errorHTML(c, markup(a.T(c, "The username <strong>%s</strong> is not registered on this site. If you are unsure of your username, try your email address instead."), log))
	case models.ReasonLoginUnknownEmail:
		return a.errorText(c, a.T(c, "Unknown email address. Check again or try your username."))
	}
	if models.IsEmail(log) {
		return a.errorHTML(c, markup(a.T(c, "The password you entered for the email address <strong>%s</strong> is incorrect."), log)+lost)
	}
	return a.errorHTML(c, markup(a.T(c, "The password you entered for the username <strong>%s</strong> is incorrect."), log)+lost)
}

// lostPassword explains how to get a new password: PressPass sends no mail,
// so an administrator sets one (profile page or the CLI).
func (a *app) lostPassword(c echo.Context) error {
	d := &loginData{Action: a.cfg.SiteURL + "/wp-login.php", RedirectTo: a.adminURL(""), LostPassword: true}
	return a.render(c, http.StatusOK, "login", a.loginView(c, a.T(c, "Lost Password"), d))
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
		msg := markup(a.T(c, "You are attempting to log out of %s."), a.store.Option(c.Request().Context(), "blogname"))
		return a.render(c, http.StatusForbidden, "logout", a.newView(c, a.T(c, "Log Out"), &dieData{Message: msg}))
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
	client := a.cfg.Client(c.Request())
	client.Channel = loginPageChannel
	u, ch, err := a.store.CompleteLoginChallenge(c.Request().Context(), token, c.FormValue("authcode"), client)
	if err != nil {
		switch models.ErrorKind(err) {
		case models.KindTooManyRequests:
			// Wrong codes count as wrong passwords do: the lock page,
			// then the password form again once the lock ends.
			noStore(c)
			return a.loginLocked(c, err, &loginData{Action: a.cfg.SiteURL + "/wp-login.php", RedirectTo: a.adminURL("")})
		case models.KindInvalid:
			noStore(c)
			d := &loginData{Action: a.cfg.SiteURL + "/wp-login.php?action=two-factor", TwoFactorToken: token,
				Errors: []template.HTML{a.errorText(c, a.T(c, "The authentication code is incorrect."))}}
			return a.render(c, http.StatusOK, "login", a.loginView(c, a.T(c, "Two-Factor Authentication"), d))
		case models.KindUnauthenticated:
			d := &loginData{Action: a.cfg.SiteURL + "/wp-login.php", RedirectTo: a.adminURL(""),
				Errors: []template.HTML{a.errorText(c, a.T(c, "The login attempt expired or had too many wrong codes. Please log in again."))}}
			return a.render(c, http.StatusOK, "login", a.loginView(c, a.T(c, "Log In"), d))
		}
		return a.internalError(c, err)
	}
	return a.finishLogin(c, u, ch.Remember, ch.RedirectTo)
}

// loginPageChannel and uploadsBasicChannel name the pages' logins in the
// login outcomes operators count.
const (
	loginPageChannel    models.LoginChannel = "login_page"
	uploadsBasicChannel models.LoginChannel = "uploads_basic"
)
