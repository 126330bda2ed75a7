package rest

import (
	"net/http"
	"strconv"
	"time"

	"github.com/presspass/presspass/languages"
	"github.com/presspass/presspass/models"
)

const appPasswordsBase = `/wp/v2/users/(?P<user_id>(?:[\d]+|me))/application-passwords`

// appPasswordRoutes are WP_REST_Application_Passwords_Controller's routes.
func (s *Server) appPasswordRoutes() []*Route {
	appIDArg := Arg{
		Name:        "app_id",
		Description: "A UUID provided by the application to uniquely identify it. It is recommended to use an UUID v5 with the URL or DNS namespace.",
		Type:        "string",
		OneOf:       []*Arg{{Type: "string", Format: "uuid"}, {Type: "string", Enum: []any{""}}},
	}
	nameArg := func(required bool) Arg {
		return Arg{Name: "name", Description: "The name of the application password.", Type: "string", MinLength: IntP(1), Pattern: `.*\S.*`, Required: required}
	}
	return []*Route{
		{
			Namespace: "wp/v2",
			Pattern:   appPasswordsBase,
			Schema:    appPasswordSchema,
			Endpoints: []*Endpoint{
				{Methods: []string{"GET"}, Args: []Arg{ContextArg("view")}, Permission: s.appPasswordPermission("rest_cannot_list_application_passwords", languages.Mark("Sorry, you are not allowed to list application passwords for this user.")), Handler: s.listAppPasswords},
				{Methods: []string{"POST"}, Args: []Arg{appIDArg, nameArg(true)}, Permission: s.appPasswordPermission("rest_cannot_create_application_passwords", languages.Mark("Sorry, you are not allowed to create application passwords for this user.")), Handler: s.createAppPassword},
				{Methods: []string{"DELETE"}, Permission: s.appPasswordPermission("rest_cannot_delete_application_passwords", languages.Mark("Sorry, you are not allowed to delete application passwords for this user.")), Handler: s.deleteAllAppPasswords},
			},
		},
		{
			Namespace: "wp/v2",
			Pattern:   appPasswordsBase + "/introspect",
			Schema:    appPasswordSchema,
			Endpoints: []*Endpoint{
				{Methods: []string{"GET"}, Args: []Arg{ContextArg("view")}, Permission: s.canIntrospectAppPassword, Handler: s.introspectAppPassword},
			},
		},
		{
			Namespace: "wp/v2",
			Pattern:   appPasswordsBase + `/(?P<uuid>[\w\-]+)`,
			Schema:    appPasswordSchema,
			Endpoints: []*Endpoint{
				{Methods: []string{"GET"}, Args: []Arg{ContextArg("view")}, Permission: s.appPasswordPermission("rest_cannot_read_application_password", languages.Mark("Sorry, you are not allowed to read this application password.")), Handler: s.getAppPassword},
				{Methods: []string{"POST", "PUT", "PATCH"}, Args: []Arg{appIDArg, nameArg(false)}, Permission: s.appPasswordPermission("rest_cannot_edit_application_password", languages.Mark("Sorry, you are not allowed to edit this application password.")), Handler: s.updateAppPassword},
				{Methods: []string{"DELETE"}, Permission: s.appPasswordPermission("rest_cannot_delete_application_password", languages.Mark("Sorry, you are not allowed to delete this application password.")), Handler: s.deleteAppPassword},
			},
		},
	}
}

// appPasswordOwner is the controller's get_user: the user whose passwords
// the request is about, after the availability checks WordPress makes
// first.
func (s *Server) appPasswordOwner(r *Request) (*models.User, error) {
	if !s.store.AppPasswordsAvailable(r.Client.Secure) {
		return nil, Err(http.StatusNotImplemented, "application_passwords_disabled", languages.Mark("Application passwords are not available."))
	}
	var u *models.User
	if id := r.URLParam("user_id"); id == "me" {
		if r.User == nil {
			return nil, errNotLoggedIn
		}
		u = r.User
	} else {
		n, err := strconv.ParseUint(id, 10, 63)
		if err != nil || n == 0 {
			return nil, errUserInvalidID
		}
		if u, err = r.UserByID(n); err != nil {
			if models.IsNotFound(err) {
				return nil, errUserInvalidID
			}
			return nil, err
		}
	}
	if !s.store.AppPasswordsAvailableForUser(r.Client.Secure, u) {
		return nil, Err(http.StatusNotImplemented, "application_passwords_disabled_for_user", languages.Mark("Application passwords are not available for your account. Please contact the site administrator for assistance."))
	}
	return u, nil
}

// appPasswordPermission builds a permission check: the owner must resolve
// and the current user must be allowed to manage their passwords
// (WordPress maps every app-password meta capability to edit_user).
func (s *Server) appPasswordPermission(code, message string) func(*Request) error {
	return func(r *Request) error {
		u, err := s.appPasswordOwner(r)
		if err != nil {
			return err
		}
		if !models.CanManageAppPasswords(r.User, u) {
			return Forbidden(code, message)
		}
		return nil
	}
}

// renderAppPassword is prepare_item_for_response; password is the freshly
// generated secret (chunked) shown once after creation.
func (r *Request) renderAppPassword(owner *models.User, ap *models.AppPassword, password string, withLinks bool) *Object {
	data := Obj(
		"uuid", ap.UUID,
		"app_id", ap.AppID,
		"name", ap.Name,
		"created", ap.Created.UTC().Format("2006-01-02T15:04:05"),
		"last_used", nil,
		"last_ip", nil,
	)
	if ap.LastUsed != nil {
		data.Set("last_used", ap.LastUsed.UTC().Format("2006-01-02T15:04:05"))
	}
	if ap.LastIP != "" {
		data.Set("last_ip", ap.LastIP)
	}
	if password != "" {
		data.Set("password", password)
	}
	if r.ViewContext() == "embed" {
		// created, last_used and last_ip are view/edit fields; password edit only.
		for _, k := range []string{"created", "last_used", "last_ip", "password"} {
			data.Delete(k)
		}
	} else if r.ViewContext() != "edit" {
		data.Delete("password")
	}
	// PressPass's extensions appear only on passwords that use them, so a
	// WordPress-only client sees exactly WordPress's shape. An expiry the
	// site's maximum lifetime gave a password whose client asked for none
	// is shown only when the client asks (?presspass_extensions=1): that
	// client may know nothing of expiry, and every password has one then.
	if ap.Expires != nil && r.ViewContext() != "embed" && (!ap.SiteExpiry || r.Bool("presspass_extensions")) {
		data.Set("expires", ap.Expires.UTC().Format("2006-01-02T15:04:05"))
		data.Set("expired", ap.Expired(r.Store().Now()))
	}
	if ap.Scope == models.ScopeRead {
		data.Set("scope", ap.Scope)
	}
	if withLinks {
		data.Set("_links", r.CompactLinks(Links{{Rel: "self", Href: r.appPasswordURL(owner, ap)}}))
	}
	return data
}

// appPasswordExtensions reads PressPass's optional create fields: expires
// (RFC 3339), expires_in (days) and scope (full or read). They are not
// declared arguments, so that the route's description stays WordPress's.
func appPasswordExtensions(r *Request) (models.AppPasswordOptions, error) {
	var o models.AppPasswordOptions
	if r.Has("expires") && r.String("expires") != "" {
		t, err := parseRFC3339ish(r.String("expires"))
		if err != nil {
			return o, InvalidParam("expires", "rest_invalid_date", languages.Mark("expires is not a valid date-time."))
		}
		o.Expires = &t
	}
	if r.Has("expires_in") && r.String("expires_in") != "" {
		days, err := strconv.Atoi(r.String("expires_in"))
		if err != nil || days < 1 || days > 36500 {
			return o, InvalidParam("expires_in", "rest_invalid_type", languages.Mark("expires_in must be a number of days from 1 to 36500."))
		}
		if o.Expires != nil {
			return o, InvalidParam("expires_in", "rest_invalid_param", languages.Mark("Give expires or expires_in, not both."))
		}
		t := r.Store().Now().Add(time.Duration(days) * 24 * time.Hour)
		o.Expires = &t
	}
	if r.Has("scope") {
		switch sc := r.String("scope"); sc {
		case "", models.ScopeFull, models.ScopeRead:
			o.Scope = sc
		default:
			return o, InvalidParam("scope", "rest_not_in_enum", languages.Mark("scope is not one of full and read."))
		}
	}
	return o, nil
}

func (r *Request) appPasswordURL(owner *models.User, ap *models.AppPassword) string {
	return r.URL("/wp/v2/users/" + strconv.FormatUint(owner.ID, 10) + "/application-passwords/" + ap.UUID)
}

// listAppPasswords is get_items.
func (s *Server) listAppPasswords(r *Request) (*Response, error) {
	owner, err := s.appPasswordOwner(r)
	if err != nil {
		return nil, err
	}
	list, err := s.store.AppPasswords(r.ctx, owner.ID)
	if err != nil {
		return nil, err
	}
	out := make([]any, len(list))
	for i := range list {
		out[i] = r.renderAppPassword(owner, &list[i], "", true)
	}
	return NewResponse(http.StatusOK, out), nil
}

// createAppPassword is create_item: 201, the password chunked as WordPress
// displays it, and a Location naming the owner by id.
func (s *Server) createAppPassword(r *Request) (*Response, error) {
	owner, err := s.appPasswordOwner(r)
	if err != nil {
		return nil, err
	}
	opts, err := appPasswordExtensions(r)
	if err != nil {
		return nil, err
	}
	opts.Name, opts.AppID = r.String("name"), r.String("app_id")
	created, err := s.store.CreateAppPasswordWith(r.ctx, owner.ID, opts)
	if err != nil {
		return nil, err
	}
	r.SetParam("context", "edit")
	resp := NewResponse(http.StatusCreated, r.renderAppPassword(owner, &created.AppPassword, created.Chunked(), true))
	resp.Header.Set("Location", r.appPasswordURL(owner, &created.AppPassword))
	return resp, nil
}

// deleteAllAppPasswords is delete_items.
func (s *Server) deleteAllAppPasswords(r *Request) (*Response, error) {
	owner, err := s.appPasswordOwner(r)
	if err != nil {
		return nil, err
	}
	var n int64
	if appID := r.String("app_id"); r.Has("app_id") && appID != "" {
		// Revoke by app (a PressPass extension): the app knows its app_id,
		// not the uuid of each password it was given.
		if !models.IsUUID(appID) {
			return nil, InvalidParam("app_id", "rest_invalid_param", languages.Mark("app_id is not a valid UUID."))
		}
		n, err = s.store.DeleteAppPasswordsByAppID(r.ctx, owner.ID, appID)
	} else {
		n, err = s.store.DeleteAllAppPasswords(r.ctx, owner.ID)
	}
	if err != nil {
		return nil, err
	}
	return NewResponse(http.StatusOK, Obj("deleted", true, "count", n)), nil
}

// getAppPassword is get_item.
func (s *Server) getAppPassword(r *Request) (*Response, error) {
	owner, err := s.appPasswordOwner(r)
	if err != nil {
		return nil, err
	}
	ap, err := s.store.AppPasswordByUUID(r.ctx, owner.ID, r.URLParam("uuid"))
	if err != nil {
		return nil, err
	}
	return NewResponse(http.StatusOK, r.renderAppPassword(owner, ap, "", true)), nil
}

// updateAppPassword is update_item: only the name changes; app_id is fixed
// once the password exists.
func (s *Server) updateAppPassword(r *Request) (*Response, error) {
	owner, err := s.appPasswordOwner(r)
	if err != nil {
		return nil, err
	}
	ap, err := s.store.AppPasswordByUUID(r.ctx, owner.ID, r.URLParam("uuid"))
	if err != nil {
		return nil, err
	}
	if r.Has("name") {
		if ap, err = s.store.RenameAppPassword(r.ctx, owner.ID, ap.UUID, r.String("name")); err != nil {
			return nil, err
		}
	}
	r.SetParam("context", "edit")
	return NewResponse(http.StatusOK, r.renderAppPassword(owner, ap, "", true)), nil
}

// deleteAppPassword is delete_item.
func (s *Server) deleteAppPassword(r *Request) (*Response, error) {
	owner, err := s.appPasswordOwner(r)
	if err != nil {
		return nil, err
	}
	ap, err := s.store.DeleteAppPassword(r.ctx, owner.ID, r.URLParam("uuid"))
	if err != nil {
		return nil, err
	}
	r.SetParam("context", "edit")
	return NewResponse(http.StatusOK, Obj("deleted", true, "previous", r.renderAppPassword(owner, ap, "", false))), nil
}

// canIntrospectAppPassword is get_current_item_permissions_check.
func (s *Server) canIntrospectAppPassword(r *Request) error {
	u, err := s.appPasswordOwner(r)
	if err != nil {
		return err
	}
	if r.User == nil || r.User.ID != u.ID {
		return Forbidden("rest_cannot_introspect_app_password_for_non_authenticated_user", languages.Mark("The authenticated Application Password can only be introspected for the current user."))
	}
	return nil
}

// introspectAppPassword is get_current_item: the password that
// authenticated this very request.
func (s *Server) introspectAppPassword(r *Request) (*Response, error) {
	owner, err := s.appPasswordOwner(r)
	if err != nil {
		return nil, err
	}
	if r.AppPassword == nil {
		return nil, Err(http.StatusNotFound, "rest_no_authenticated_app_password", languages.Mark("Cannot introspect Application Password."))
	}
	ap, err := s.store.AppPasswordByUUID(r.ctx, owner.ID, r.AppPassword.UUID)
	if err != nil {
		if models.IsNotFound(err) {
			return nil, Err(http.StatusInternalServerError, "rest_application_password_not_found", languages.Mark("Application password not found."))
		}
		return nil, err
	}
	return NewResponse(http.StatusOK, r.renderAppPassword(owner, ap, "", true)), nil
}

// appPasswordSchema is the controller's public item schema (OPTIONS).
func appPasswordSchema() *Object {
	all := []any{"view", "edit", "embed"}
	return Obj(
		"$schema", "http://json-schema.org/draft-04/schema#",
		"title", "application-password",
		"type", "object",
		"properties", Obj(
			"uuid", Obj("description", "The unique identifier for the application password.", "type", "string", "format", "uuid", "context", all, "readonly", true),
			"app_id", Obj(
				"description", "A UUID provided by the application to uniquely identify it. It is recommended to use an UUID v5 with the URL or DNS namespace.",
				"type", "string",
				"oneOf", []any{Obj("type", "string", "format", "uuid"), Obj("type", "string", "enum", []any{""})},
				"context", all,
			),
			"name", Obj("description", "The name of the application password.", "type", "string", "required", true, "context", all, "minLength", 1, "pattern", `.*\S.*`),
			"password", Obj("description", "The generated password. Only available after adding an application.", "type", "string", "context", []any{"edit"}, "readonly", true),
			"created", Obj("description", "The GMT date the application password was created.", "type", "string", "format", "date-time", "context", []any{"view", "edit"}, "readonly", true),
			"last_used", Obj("description", "The GMT date the application password was last used.", "type", []any{"string", "null"}, "format", "date-time", "context", []any{"view", "edit"}, "readonly", true),
			"last_ip", Obj("description", "The IP address the application password was last used by.", "type", []any{"string", "null"}, "format", "ip", "context", []any{"view", "edit"}, "readonly", true),
		),
	)
}
