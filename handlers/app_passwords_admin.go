package handlers

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/presspass/presspass/languages"
	"github.com/presspass/presspass/models"
)

// The administrators' view of every application password on the site (a
// PressPass extension; users with edit_users): the filters of GET
// /presspass/v1/application-passwords, pages of adminAppPasswordsPerPage,
// revoking one password, and revoking the whole filtered set in bulk. Each
// revoke is a POST with the page's nonce and asks for confirmation first.

const (
	adminAppPasswordsPath    = "/wp-admin/application-passwords.php"
	adminAppPasswordsAction  = "presspass-application-passwords"
	adminAppPasswordsPerPage = 20
)

// adminFilterFields are the filter parameters, in the order the page and
// its links carry them.
var adminFilterFields = []string{"user", "app_id", "scope", "expired", "unused_since"}

// adminAppPasswordsData is the model of the page.
type adminAppPasswordsData struct {
	Action  string
	Nonce   string
	Notices []string
	Errors  []string
	// Filter is what the form shows (as typed); FilterQuery is the same as
	// a query string, carried by the revoke forms so that the page comes
	// back with the same view.
	Filter      map[string]string
	FilterQuery string
	Filtered    bool
	Rows        []adminAppPasswordRow
	Total       int64
	Page, Pages int
	PrevURL     string
	NextURL     string
	Confirm     *confirmData
}

// adminAppPasswordRow is one password in the table.
type adminAppPasswordRow struct {
	UUID, Name, AppID, Created, LastUsed, LastIP string
	UserID                                       uint64
	UserLogin, UserURL                           string
	Scope, Expires                               string
	Expired                                      bool
}

// adminFilter is a filter read from a request: the values as typed and,
// when they are all valid, the model's filter.
type adminFilter struct {
	raw    map[string]string
	filter models.AppPasswordFilter
	errs   []string
}

// query is the filter as a query string (empty values left out).
func (f *adminFilter) query() url.Values {
	q := url.Values{}
	for _, k := range adminFilterFields {
		if v := f.raw[k]; v != "" {
			q.Set(k, v)
		}
	}
	return q
}

// readAdminFilter reads and checks the filter parameters from get.
func (a *app) readAdminFilter(c echo.Context, get func(string) string) (*adminFilter, error) {
	ctx := c.Request().Context()
	f := &adminFilter{raw: map[string]string{}}
	for _, k := range adminFilterFields {
		f.raw[k] = strings.TrimSpace(get(k))
	}
	if ref := f.raw["user"]; ref != "" {
		u, err := a.store.UserByRef(ctx, ref)
		switch {
		case err == nil:
			f.filter.UserID = u.ID
		case models.IsNotFound(err):
			f.errs = append(f.errs, fmt.Sprintf(a.T(c, "No user has the ID, login or email \u201c%s\u201d."), ref))
		default:
			return nil, err
		}
	}
	if id := f.raw["app_id"]; id != "" {
		if !models.IsUUID(id) {
			f.errs = append(f.errs, a.T(c, msgInvalidAppID))
		} else {
			f.filter.AppID = strings.ToLower(id)
		}
	}
	switch sc := f.raw["scope"]; sc {
	case "":
	case models.ScopeFull, models.ScopeRead:
		f.filter.Scope = sc
	default:
		f.errs = append(f.errs, a.T(c, "The scope must be full or read."))
	}
	switch ex := strings.ToLower(f.raw["expired"]); ex {
	case "":
	case "yes", "true", "1":
		b := true
		f.filter.Expired = &b
	case "no", "false", "0":
		b := false
		f.filter.Expired = &b
	default:
		f.errs = append(f.errs, a.T(c, "Expired must be yes or no."))
	}
	if raw := f.raw["unused_since"]; raw != "" {
		t, ok := parseFilterDate(raw)
		if !ok {
			f.errs = append(f.errs, a.T(c, "\u201cNot used since\u201d must be a date such as 2026-01-31."))
		} else {
			f.filter.UnusedSince = &t
		}
	}
	return f, nil
}

// parseFilterDate reads a date as a date input sends it (2026-01-31, the
// start of that day in UTC) or a full RFC 3339 date-time.
func parseFilterDate(s string) (time.Time, bool) {
	for _, layout := range []string{"2006-01-02", time.RFC3339, "2006-01-02T15:04:05", "2006-01-02T15:04"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}

// adminGate lets only users with edit_users in.
func (a *app) adminGate(c echo.Context) (*models.User, bool, error) {
	u, ok, err := a.requireLogin(c)
	if !ok {
		return nil, false, err
	}
	if !models.CanEditUsers(u) {
		return nil, false, a.dieText(c, http.StatusForbidden, a.T(c, "Error"), a.T(c, "Sorry, you are not allowed to manage the application passwords of this site."))
	}
	return u, true, nil
}

func (a *app) adminAppPasswordsPage(c echo.Context) error {
	if _, ok, err := a.adminGate(c); !ok {
		return err
	}
	f, err := a.readAdminFilter(c, c.QueryParam)
	if err != nil {
		return a.internalError(c, err)
	}
	d := &adminAppPasswordsData{}
	if n, err := strconv.Atoi(c.QueryParam("revoked")); err == nil && n >= 0 {
		d.Notices = append(d.Notices, a.revokedNotice(c, n))
	}
	page, err := strconv.Atoi(c.QueryParam("paged"))
	if err != nil || page < 1 {
		page = 1
	}
	return a.renderAdminAppPasswords(c, http.StatusOK, f, page, d)
}

func (a *app) revokedNotice(c echo.Context, n int) string {
	return fmt.Sprintf(a.Tn(c, "%s application password revoked.", "%s application passwords revoked.", n), languages.Number(a.locale(c), n))
}

// renderAdminAppPasswords lists one page of the filtered passwords.
func (a *app) renderAdminAppPasswords(c echo.Context, status int, f *adminFilter, page int, d *adminAppPasswordsData) error {
	d.Action = a.cfg.SiteURL + adminAppPasswordsPath
	d.Nonce = a.nonce(c, adminAppPasswordsAction)
	d.Filter = f.raw
	q := f.query()
	d.FilterQuery = q.Encode()
	if d.Confirm != nil {
		cancel := d.Action
		if d.FilterQuery != "" {
			cancel += "?" + d.FilterQuery
		}
		d.Confirm.withForm(d.Action, d.Nonce, cancel, hiddenField{"filter", d.FilterQuery})
	}
	d.Filtered = len(q) > 0 && len(f.errs) == 0
	d.Errors = append(d.Errors, f.errs...)
	d.Page = page
	if len(f.errs) == 0 {
		mf := f.filter
		mf.Offset, mf.Limit = (page-1)*adminAppPasswordsPerPage, adminAppPasswordsPerPage
		list, total, err := a.store.AllAppPasswords(c.Request().Context(), mf)
		if err != nil {
			return a.internalError(c, err)
		}
		d.Total = total
		d.Pages = int((total + adminAppPasswordsPerPage - 1) / adminAppPasswordsPerPage)
		now := a.store.Now()
		for i := range list {
			ap := &list[i]
			row := adminAppPasswordRow{UUID: ap.UUID, Name: ap.Name, AppID: ap.AppID, Created: a.date(c, ap.Created),
				LastUsed: "—", LastIP: "—", UserID: ap.UserID, UserLogin: ap.UserLogin,
				UserURL: a.adminURL("user-edit.php?user_id=" + strconv.FormatUint(ap.UserID, 10))}
			row.Scope, row.Expires, row.Expired = a.appPasswordExtensionCells(c, &ap.AppPassword, now)
			if ap.LastUsed != nil {
				row.LastUsed = a.date(c, *ap.LastUsed)
			}
			if ap.LastIP != "" {
				row.LastIP = ap.LastIP
			}
			d.Rows = append(d.Rows, row)
		}
		link := func(p int) string {
			lq := f.query()
			if p > 1 {
				lq.Set("paged", strconv.Itoa(p))
			}
			if len(lq) == 0 {
				return d.Action
			}
			return d.Action + "?" + lq.Encode()
		}
		if page > 1 {
			d.PrevURL = link(min(page-1, max(d.Pages, 1)))
		}
		if page < d.Pages {
			d.NextURL = link(page + 1)
		}
	}
	v := a.newView(c, a.T(c, "Application Passwords"), d)
	v.BodyClass = "wp-admin application-passwords-php"
	return a.render(c, status, "app-passwords-admin", v)
}

func (a *app) adminAppPasswordsPost(c echo.Context) error {
	actor, ok, err := a.adminGate(c)
	if !ok {
		return err
	}
	if !a.checkNonce(c, adminAppPasswordsAction) {
		return a.expiredLink(c)
	}
	// The view the form was posted from: its filter comes back in one
	// field, and only the known filter keys are read from it.
	fq, _ := url.ParseQuery(c.FormValue("filter"))
	f, err := a.readAdminFilter(c, fq.Get)
	if err != nil {
		return a.internalError(c, err)
	}
	switch c.FormValue("action") {
	case "revoke":
		return a.adminRevokeOne(c, actor, f)
	case "revoke-filtered":
		return a.adminRevokeFiltered(c, f)
	}
	return a.dieText(c, http.StatusBadRequest, a.T(c, "Error"), a.T(c, "Unknown action."))
}

// adminDone goes back to the filtered view with a notice, so that
// reloading repeats nothing.
func (a *app) adminDone(c echo.Context, f *adminFilter, revoked int64) error {
	q := f.query()
	q.Set("revoked", strconv.FormatInt(revoked, 10))
	return redirect(c, http.StatusSeeOther, a.cfg.SiteURL+adminAppPasswordsPath+"?"+q.Encode())
}

// adminError shows the page (first page of the view) with an error.
func (a *app) adminError(c echo.Context, f *adminFilter, msg string) error {
	return a.renderAdminAppPasswords(c, http.StatusOK, f, 1, &adminAppPasswordsData{Errors: []string{msg}})
}

func (a *app) adminRevokeOne(c echo.Context, actor *models.User, f *adminFilter) error {
	ctx := c.Request().Context()
	uuid := strings.TrimSpace(c.FormValue("uuid"))
	userID, err := strconv.ParseUint(c.FormValue("user_id"), 10, 64)
	if !models.IsUUID(uuid) || err != nil {
		return a.adminError(c, f, a.T(c, "Application password not found."))
	}
	owner, err := a.store.UserByID(ctx, userID)
	if err != nil {
		if models.IsNotFound(err) {
			return a.adminError(c, f, a.T(c, "Application password not found."))
		}
		return a.internalError(c, err)
	}
	if !models.CanManageAppPasswords(actor, owner) {
		return a.dieText(c, http.StatusForbidden, a.T(c, "Error"), a.T(c, "Sorry, you are not allowed to manage application passwords for this user."))
	}
	ap, err := a.store.AppPasswordByUUID(ctx, owner.ID, uuid)
	if err != nil {
		return a.showOr(c, err, func(msg string) error { return a.adminError(c, f, msg) })
	}
	if c.FormValue("confirm") != "1" {
		return a.renderAdminAppPasswords(c, http.StatusOK, f, 1, &adminAppPasswordsData{Confirm: &confirmData{
			Question: fmt.Sprintf(a.T(c, "Are you sure you want to revoke the application password \u201c%s\u201d of %s? This action cannot be undone."), ap.Name, owner.Login),
			Op:       "revoke", Button: a.T(c, "Revoke"),
			Fields: []hiddenField{{"uuid", ap.UUID}, {"user_id", strconv.FormatUint(owner.ID, 10)}},
		}})
	}
	if _, err := a.store.DeleteAppPassword(ctx, owner.ID, ap.UUID); err != nil {
		return a.showOr(c, err, func(msg string) error { return a.adminError(c, f, msg) })
	}
	a.log.Info("application password revoked", "user", owner.ID, "by", actor.ID, "uuid", ap.UUID)
	return a.adminDone(c, f, 1)
}

func (a *app) adminRevokeFiltered(c echo.Context, f *adminFilter) error {
	if len(f.errs) > 0 {
		return a.renderAdminAppPasswords(c, http.StatusOK, f, 1, &adminAppPasswordsData{})
	}
	if len(f.query()) == 0 {
		return a.adminError(c, f, a.T(c, "Choose at least one filter before revoking in bulk; each user can revoke all of their own passwords on their profile page."))
	}
	ctx := c.Request().Context()
	if c.FormValue("confirm") != "1" {
		mf := f.filter
		mf.Limit = 1
		_, total, err := a.store.AllAppPasswords(ctx, mf)
		if err != nil {
			return a.internalError(c, err)
		}
		if total == 0 {
			return a.adminError(c, f, a.T(c, "No application passwords match the filters."))
		}
		question := fmt.Sprintf(a.Tn(c, "Are you sure you want to revoke the %s application password that matches the filters? This action cannot be undone.",
			"Are you sure you want to revoke the %s application passwords that match the filters? This action cannot be undone.", int(total)), languages.Number(a.locale(c), int(total)))
		if total == 1 {
			question = a.T(c, "Are you sure you want to revoke the application password that matches the filters? This action cannot be undone.")
		}
		return a.renderAdminAppPasswords(c, http.StatusOK, f, 1, &adminAppPasswordsData{Confirm: &confirmData{
			Question: question,
			Op:       "revoke-filtered", Button: a.T(c, "Revoke them"),
		}})
	}
	n, err := a.store.DeleteAppPasswordsMatching(ctx, f.filter)
	if err != nil {
		return a.showOr(c, err, func(msg string) error { return a.adminError(c, f, msg) })
	}
	a.log.Info("application passwords revoked in bulk", "by", currentUser(c).ID, "count", n, "filter", f.query().Encode())
	return a.adminDone(c, f, n)
}
