package handlers

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/presspass/presspass/languages"
	"github.com/presspass/presspass/models"
)

// The profile page (own: profile.php; another user's: user-edit.php with
// edit_user on them): personal fields, a new main password, application
// passwords, two-factor and sessions. Every change is a POST carrying the
// "update-user_N" nonce; revoking asks for confirmation on a page of its own.

// profileData is the model of the profile page.
type profileData struct {
	Action  string
	Nonce   string
	Target  *models.User
	Self    bool
	Notices []string
	Errors  []string
	// DisplayNames are the choices WordPress offers for "Display name
	// publicly as".
	DisplayNames []string

	AppPasswordsAvailable bool
	// AppPasswordsReason says why they are not (HTTPS, or disabled for the
	// account).
	AppPasswordsReason string
	AppPasswords       []appPasswordRow
	NewAppPassword     *models.NewAppPassword
	NewAppPasswordName string
	// NewAppPasswordScope and NewAppPasswordExpiresIn keep the create
	// form's choices when it comes back with an error.
	NewAppPasswordScope, NewAppPasswordExpiresIn string
	// MaxLifetimeDays is the site's maximum lifetime of an application
	// password in whole days (0: none), said next to the expiry choice.
	MaxLifetimeDays int

	TwoFactor twoFactorView

	SessionCount int
	Sessions     []sessionRow
	// Confirm, when set, replaces the page with a confirmation step.
	Confirm *confirmData
}

// appPasswordRow is one line of the Application Passwords table.
type appPasswordRow struct {
	UUID, Name, Created, LastUsed, LastIP string
	// Scope and Expires show PressPass's extensions: read-only scope and
	// an end of life; Expired marks a password past it, which stays listed
	// (and refused) until it is revoked.
	Scope, Expires string
	Expired        bool
}

// appPasswordExtensionCells are the Scope and Expires cells of a password's
// row: "Full" or "Read only"; a date or "Never"; and whether it expired.
func (a *app) appPasswordExtensionCells(c echo.Context, ap *models.AppPassword, now time.Time) (scope, expires string, expired bool) {
	scope, expires = a.T(c, "Full"), a.T(c, "Never")
	if ap.Scope == models.ScopeRead {
		scope = a.T(c, "Read only")
	}
	if ap.Expires != nil {
		expires = a.date(c, *ap.Expires)
	}
	return scope, expires, ap.Expired(now)
}

// appPasswordLifetimes are the expiry choices of the create form.
var appPasswordLifetimes = map[string]time.Duration{
	"7":   7 * 24 * time.Hour,
	"30":  30 * 24 * time.Hour,
	"90":  90 * 24 * time.Hour,
	"365": 365 * 24 * time.Hour,
}

// sessionRow is one logged-in browser in the Sessions table.
type sessionRow struct {
	ID        uint64
	Browser   string
	IP        string
	LastSeen  string
	Expires   string
	IsCurrent bool
}

// profileTarget resolves whose profile the request is about and whether
// the current user may edit it. It writes the response itself when not.
func (a *app) profileTarget(c echo.Context, actor *models.User) (*models.User, bool, error) {
	if c.Request().URL.Path == "/wp-admin/profile.php" {
		return actor, true, nil
	}
	raw := c.QueryParam("user_id")
	if raw == "" {
		raw = c.FormValue("user_id")
	}
	id, err := strconv.ParseUint(raw, 10, 64)
	if err != nil || id == 0 {
		return nil, false, a.dieText(c, http.StatusBadRequest, a.T(c, "Error"), a.T(c, "Invalid user ID."))
	}
	if id == actor.ID && c.Request().Method == http.MethodGet {
		return nil, false, redirect(c, http.StatusFound, a.adminURL("profile.php"))
	}
	target, err := a.store.UserByID(c.Request().Context(), id)
	if err != nil {
		if models.IsNotFound(err) {
			return nil, false, a.dieText(c, http.StatusNotFound, a.T(c, "Error"), a.T(c, "Invalid user ID."))
		}
		return nil, false, a.internalError(c, err)
	}
	if !models.CanEditUser(actor, target) {
		return nil, false, a.dieText(c, http.StatusForbidden, a.T(c, "Error"), a.T(c, "Sorry, you are not allowed to edit this user."))
	}
	return target, true, nil
}

// profileURL is the page's own address for target.
func (a *app) profileURL(actor, target *models.User) string {
	if actor.ID == target.ID {
		return a.adminURL("profile.php")
	}
	return a.adminURL("user-edit.php?user_id=" + strconv.FormatUint(target.ID, 10))
}

func updateUserAction(target *models.User) string {
	return "update-user_" + strconv.FormatUint(target.ID, 10)
}

// profileNotices maps the ?updated=… flags of a redirect-after-POST to the
// notices WordPress shows (marked here, translated when shown).
var profileNotices = map[string]string{
	"1":                 languages.Mark("Profile updated."),
	"revoked":           languages.Mark("Application password revoked."),
	"revoked-all":       languages.Mark("All application passwords revoked."),
	"two-factor-off":    languages.Mark("Two-factor authentication is now off."),
	"sessions":          languages.Mark("You are now logged out everywhere else."),
	"session":           languages.Mark("The session was ended."),
	"sessions-all":      languages.Mark("The user is now logged out everywhere."),
	"two-factor-cancel": languages.Mark("Two-factor setup cancelled."),
}

func (a *app) profilePage(c echo.Context) error {
	actor, ok, err := a.requireLogin(c)
	if !ok {
		return err
	}
	target, ok, err := a.profileTarget(c, actor)
	if !ok {
		return err
	}
	d := &profileData{}
	if n, ok := profileNotices[c.QueryParam("updated")]; ok {
		d.Notices = append(d.Notices, a.T(c, n))
	}
	return a.renderProfile(c, http.StatusOK, actor, target, d)
}

// renderProfile fills the page's shared parts and renders it.
func (a *app) renderProfile(c echo.Context, status int, actor, target *models.User, d *profileData) error {
	ctx := c.Request().Context()
	d.Action = a.profileURL(actor, target)
	d.Nonce = a.nonce(c, updateUserAction(target))
	if d.Confirm != nil {
		d.Confirm.withForm(d.Action, d.Nonce, d.Action, hiddenField{"user_id", strconv.FormatUint(target.ID, 10)})
	}
	if d.Target == nil {
		d.Target = target
	}
	d.Self = actor.ID == target.ID
	d.DisplayNames = displayNameChoices(target)
	secure := a.cfg.Client(c.Request()).Secure
	d.AppPasswordsAvailable = a.store.AppPasswordsAvailableForUser(secure, target)
	switch {
	case !a.store.AppPasswordsAvailable(secure):
		d.AppPasswordsReason = "https"
	case !d.AppPasswordsAvailable:
		d.AppPasswordsReason = "user"
	}
	if max := a.store.Config.AppPasswordMaxLifetime; max > 0 {
		d.MaxLifetimeDays = int((max + 24*time.Hour - 1) / (24 * time.Hour))
	}
	list, err := a.store.AppPasswords(ctx, target.ID)
	if err != nil {
		return a.internalError(c, err)
	}
	// Newest first, as WordPress's table shows them.
	now := a.store.Now()
	for i := len(list) - 1; i >= 0; i-- {
		ap := list[i]
		row := appPasswordRow{UUID: ap.UUID, Name: ap.Name, Created: a.date(c, ap.Created), LastUsed: "—", LastIP: "—"}
		row.Scope, row.Expires, row.Expired = a.appPasswordExtensionCells(c, &ap, now)
		if ap.LastUsed != nil {
			row.LastUsed = a.date(c, *ap.LastUsed)
		}
		if ap.LastIP != "" {
			row.LastIP = ap.LastIP
		}
		d.AppPasswords = append(d.AppPasswords, row)
	}
	sessions, err := a.store.Sessions(ctx, target.ID)
	if err != nil {
		return a.internalError(c, err)
	}
	d.SessionCount = len(sessions)
	var currentID uint64
	if sess := currentSession(c); sess != nil {
		currentID = sess.ID
	}
	for _, ss := range sessions {
		row := sessionRow{ID: ss.ID, Browser: ss.LastUserAgent, IP: ss.LastIP,
			LastSeen: a.dateTime(c, ss.LastSeen), Expires: a.date(c, ss.Expires), IsCurrent: ss.ID == currentID}
		if row.Browser == "" {
			row.Browser = a.T(c, "Unknown browser")
		}
		if len(row.Browser) > 80 {
			row.Browser = row.Browser[:80] + "…"
		}
		d.Sessions = append(d.Sessions, row)
	}
	if err := a.fillTwoFactor(d, target); err != nil {
		return a.internalError(c, err)
	}
	title := a.T(c, "Profile")
	if !d.Self {
		title = fmt.Sprintf(a.T(c, "Edit User %s"), target.Login)
	}
	if d.NewAppPassword != nil || d.TwoFactor.Secret != "" || len(d.TwoFactor.RecoveryCodes) > 0 {
		noStore(c)
	}
	v := a.newView(c, title, d)
	v.BodyClass = "wp-admin profile-php"
	return a.render(c, status, "profile", v)
}

// displayNameChoices are the public names WordPress offers.
func displayNameChoices(u *models.User) []string {
	var out []string
	add := func(s string) {
		s = strings.TrimSpace(s)
		if s == "" {
			return
		}
		for _, x := range out {
			if x == s {
				return
			}
		}
		out = append(out, s)
	}
	add(u.DisplayName)
	add(u.Nickname)
	add(u.Login)
	add(u.FirstName)
	add(u.LastName)
	if u.FirstName != "" && u.LastName != "" {
		add(u.FirstName + " " + u.LastName)
		add(u.LastName + " " + u.FirstName)
	}
	return out
}

func (a *app) profilePost(c echo.Context) error {
	actor, ok, err := a.requireLogin(c)
	if !ok {
		return err
	}
	target, ok, err := a.profileTarget(c, actor)
	if !ok {
		return err
	}
	if !a.checkNonce(c, updateUserAction(target)) {
		return a.expiredLink(c)
	}
	switch c.FormValue("action") {
	case "update":
		return a.updateProfile(c, actor, target)
	case "create-application-password":
		return a.createAppPassword(c, actor, target)
	case "revoke-application-password":
		return a.revokeAppPassword(c, actor, target)
	case "revoke-all-application-passwords":
		return a.revokeAllAppPasswords(c, actor, target)
	case "two-factor-start", "two-factor-confirm", "two-factor-disable", "two-factor-cancel":
		return a.twoFactorProfilePost(c, actor, target)
	case "destroy-sessions":
		return a.destroySessions(c, actor, target)
	case "destroy-session":
		return a.destroySession(c, actor, target)
	}
	return a.dieText(c, http.StatusBadRequest, a.T(c, "Error"), a.T(c, "Unknown action."))
}

// done redirects back to the profile page with a notice flag, so reloading
// the page repeats nothing.
func (a *app) done(c echo.Context, actor, target *models.User, flag string) error {
	u := a.profileURL(actor, target)
	sep := "?"
	if strings.Contains(u, "?") {
		sep = "&"
	}
	return redirect(c, http.StatusSeeOther, u+sep+"updated="+url.QueryEscape(flag))
}

// updateProfile saves the personal fields and, when given, a new password.
func (a *app) updateProfile(c echo.Context, actor, target *models.User) error {
	ctx := c.Request().Context()
	field := func(name string) *string {
		v := models.SanitizeTextField(c.FormValue(name))
		return &v
	}
	in := models.UserInput{
		FirstName:   field("first_name"),
		LastName:    field("last_name"),
		Nickname:    field("nickname"),
		DisplayName: field("display_name"),
	}
	// The language menu: "site-default" follows the site (""), anything
	// else must be an installed language (WordPress ignores other values).
	if loc := c.FormValue("locale"); loc == "site-default" {
		in.Locale = new(string)
	} else if slices.Contains(languages.Locales(), loc) {
		in.Locale = &loc
	}
	email := strings.TrimSpace(c.FormValue("email"))
	site := strings.TrimSpace(c.FormValue("url"))
	desc := strings.TrimSpace(strings.ToValidUTF8(c.FormValue("description"), ""))
	in.Description = &desc
	var errs []string
	if email == "" {
		errs = append(errs, a.T(c, "Please enter an email address."))
	} else if !models.IsEmail(email) {
		errs = append(errs, a.T(c, "The email address is not correct."))
	} else {
		in.Email = &email
	}
	if *in.Nickname == "" {
		errs = append(errs, a.T(c, "Please enter a nickname."))
	}
	if *in.DisplayName == "" {
		in.DisplayName = nil
	}
	if site != "" {
		clean, ok := cleanWebsite(site)
		if !ok {
			errs = append(errs, a.T(c, "The website address is not a valid http or https URL."))
		}
		site = clean
	}
	in.URL = &site
	pass1, pass2 := c.FormValue("pass1"), c.FormValue("pass2")
	if pass1 != "" || pass2 != "" {
		switch {
		case pass1 != pass2:
			errs = append(errs, a.T(c, "Passwords do not match. Please enter the same password in both password fields."))
		case strings.Contains(pass1, `\`):
			errs = append(errs, a.T(c, `Passwords may not contain the character "\".`))
		default:
			in.Password = &pass1
		}
	}
	// again shows what was typed, with the errors.
	again := func(errs ...string) error {
		shown := *target
		shown.FirstName, shown.LastName, shown.Nickname = *in.FirstName, *in.LastName, *in.Nickname
		shown.Email, shown.URL, shown.Description = email, site, desc
		return a.renderProfile(c, http.StatusOK, actor, target, &profileData{Errors: errs, Target: &shown})
	}
	if len(errs) > 0 {
		return again(errs...)
	}
	updated, err := a.store.UpdateUser(ctx, target.ID, in)
	if err != nil {
		return a.showOr(c, err, func(msg string) error { return again(msg) })
	}
	if in.Password != nil && actor.ID == target.ID {
		// The new password ended every session of the old one, this
		// browser's too: give it a fresh session.
		if _, err := a.startSession(c, updated, currentSession(c).Remember); err != nil {
			return a.internalError(c, err)
		}
	}
	return a.done(c, actor, updated, "1")
}

// cleanWebsite accepts an http(s) URL, adding http:// to a bare host as
// WordPress's esc_url_raw does.
func cleanWebsite(raw string) (string, bool) {
	if !strings.Contains(raw, "://") {
		raw = "http://" + raw
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || len(raw) > 100 {
		return raw, false
	}
	return u.String(), true
}

// appPasswordGate checks availability and permission for the Application
// Passwords actions.
func (a *app) appPasswordGate(c echo.Context, actor, target *models.User) error {
	if !models.CanManageAppPasswords(actor, target) {
		return a.dieText(c, http.StatusForbidden, a.T(c, "Error"), a.T(c, "Sorry, you are not allowed to manage application passwords for this user."))
	}
	if !a.store.AppPasswordsAvailableForUser(a.cfg.Client(c.Request()).Secure, target) {
		return a.dieText(c, http.StatusNotImplemented, a.T(c, "Error"), a.T(c, "Application passwords are not available."))
	}
	return nil
}

func (a *app) createAppPassword(c echo.Context, actor, target *models.User) error {
	if err := a.appPasswordGate(c, actor, target); err != nil {
		return err
	}
	name := c.FormValue("new_application_password_name")
	opts := models.AppPasswordOptions{Name: name, Scope: c.FormValue("scope")}
	days := c.FormValue("expires_in")
	again := func(msg string) error {
		return a.renderProfile(c, http.StatusOK, actor, target, &profileData{Errors: []string{msg},
			NewAppPasswordName: name, NewAppPasswordScope: opts.Scope, NewAppPasswordExpiresIn: days})
	}
	if days != "" && days != "never" {
		life, ok := appPasswordLifetimes[days]
		if !ok {
			return again(a.T(c, "Choose an expiry from the list."))
		}
		exp := a.store.Now().Add(life)
		opts.Expires = &exp
	}
	np, err := a.store.CreateAppPasswordWith(c.Request().Context(), target.ID, opts)
	if err != nil {
		return a.showOr(c, err, again)
	}
	a.log.Info("application password created", "user", target.ID, "by", actor.ID, "uuid", np.UUID)
	// Shown in this response only (no-store), never again.
	return a.renderProfile(c, http.StatusOK, actor, target, &profileData{NewAppPassword: np})
}

func (a *app) revokeAppPassword(c echo.Context, actor, target *models.User) error {
	if err := a.appPasswordGate(c, actor, target); err != nil {
		return err
	}
	uuid := strings.TrimSpace(c.FormValue("uuid"))
	if !models.IsUUID(uuid) {
		return a.renderProfile(c, http.StatusOK, actor, target, &profileData{Errors: []string{a.T(c, "Application password not found.")}})
	}
	ap, err := a.store.AppPasswordByUUID(c.Request().Context(), target.ID, uuid)
	if err != nil {
		return a.showOr(c, err, func(msg string) error {
			return a.renderProfile(c, http.StatusOK, actor, target, &profileData{Errors: []string{msg}})
		})
	}
	if c.FormValue("confirm") != "1" {
		return a.renderProfile(c, http.StatusOK, actor, target, &profileData{Confirm: &confirmData{
			Question: fmt.Sprintf(a.T(c, "Are you sure you want to revoke the application password \u201c%s\u201d? This action cannot be undone."), ap.Name),
			Op:       "revoke-application-password", Button: a.T(c, "Revoke"), Fields: []hiddenField{{"uuid", ap.UUID}},
		}})
	}
	if _, err := a.store.DeleteAppPassword(c.Request().Context(), target.ID, ap.UUID); err != nil && !models.IsNotFound(err) {
		return a.internalError(c, err)
	}
	a.log.Info("application password revoked", "user", target.ID, "by", actor.ID, "uuid", ap.UUID)
	return a.done(c, actor, target, "revoked")
}

func (a *app) revokeAllAppPasswords(c echo.Context, actor, target *models.User) error {
	if err := a.appPasswordGate(c, actor, target); err != nil {
		return err
	}
	if c.FormValue("confirm") != "1" {
		return a.renderProfile(c, http.StatusOK, actor, target, &profileData{Confirm: &confirmData{
			Question: a.T(c, "Are you sure you want to revoke all application passwords? This action cannot be undone."),
			Op:       "revoke-all-application-passwords", Button: a.T(c, "Revoke all application passwords"),
		}})
	}
	if _, err := a.store.DeleteAllAppPasswords(c.Request().Context(), target.ID); err != nil {
		return a.internalError(c, err)
	}
	a.log.Info("all application passwords revoked", "user", target.ID, "by", actor.ID)
	return a.done(c, actor, target, "revoked-all")
}

// destroySessions logs the user out everywhere else (own profile) or
// everywhere (another user's).
func (a *app) destroySessions(c echo.Context, actor, target *models.User) error {
	var keep uint64
	flag := "sessions-all"
	if actor.ID == target.ID {
		keep = currentSession(c).ID
		flag = "sessions"
	}
	if _, err := a.store.DeleteOtherSessions(c.Request().Context(), target.ID, keep); err != nil {
		return a.internalError(c, err)
	}
	return a.done(c, actor, target, flag)
}

// destroySession ends one session from the Sessions table.
func (a *app) destroySession(c echo.Context, actor, target *models.User) error {
	show := func(msg string) error {
		return a.renderProfile(c, http.StatusOK, actor, target, &profileData{Errors: []string{msg}})
	}
	id, err := strconv.ParseUint(c.FormValue("session"), 10, 64)
	if err != nil {
		// No session has such an id.
		return show(a.T(c, "That session has already ended."))
	}
	if err := a.store.DeleteUserSession(c.Request().Context(), target.ID, id); err != nil {
		return a.showOr(c, err, show)
	}
	if sess := currentSession(c); sess != nil && sess.ID == id {
		a.clearSessionCookie(c)
		return redirect(c, http.StatusSeeOther, a.cfg.SiteURL+"/wp-login.php?loggedout=true")
	}
	return a.done(c, actor, target, "session")
}

// roleName is a role's display name in the page's language, as
// translate_user_role words the built-in roles.
func (a *app) roleName(c echo.Context, role string) string {
	switch role {
	case "administrator":
		return a.Tx(c, "Administrator", "User role")
	case "editor":
		return a.Tx(c, "Editor", "User role")
	case "author":
		return a.Tx(c, "Author", "User role")
	case "contributor":
		return a.Tx(c, "Contributor", "User role")
	case "subscriber":
		return a.Tx(c, "Subscriber", "User role")
	case "":
		return a.T(c, "No role")
	}
	if r, ok := models.RoleByName(role); ok {
		return r.DisplayName
	}
	return role
}

// groupSecret shows a base32 secret in groups of four for typing.
func groupSecret(s string) string {
	var b strings.Builder
	for i, r := range s {
		if i > 0 && i%4 == 0 {
			b.WriteByte(' ')
		}
		b.WriteRune(r)
	}
	return b.String()
}
