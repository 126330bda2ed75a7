package rest

import (
	"net/http"
	"time"

	"github.com/presspass/presspass/languages"
	"github.com/presspass/presspass/models"
)

// The presspass/v1 namespace: what PressPass offers beyond WordPress. A
// WordPress-only client never calls it and sees nothing of it but its
// entries in the index.
//
//	GET    /presspass/v1/application-passwords   every password on the site (edit_users)
//	DELETE /presspass/v1/application-passwords   bulk revoke of the filtered set (edit_users)
//	GET    /presspass/v1/audit                    the security audit trail (manage_options)
//	GET    /presspass/v1/doctor                   what the server saw of the request (doctor.go)
//
// Their objects keep a fixed member order, as WordPress's own objects do
// (an ordered Object, never a map, whose keys encoding/json would sort):
// the identity first, then what WordPress's own resource of that kind has in
// its order, then PressPass's additions. They carry no _links (a site-wide
// list would need a permission check per owner for the self links'
// targetHints); were one added, it would come last.

func pageArgs() []Arg {
	return []Arg{
		{Name: "page", Description: "Current page of the collection.", Type: "integer", Default: int64(1), Minimum: Int64(1)},
		{Name: "per_page", Description: "Maximum number of items to be returned in result set.", Type: "integer", Default: int64(10), Minimum: Int64(1), Maximum: Int64(100)},
	}
}

func appPasswordFilterArgs() []Arg {
	return []Arg{
		{Name: "user", Description: "Limit to one user's passwords.", Type: "integer", Minimum: Int64(1)},
		{Name: "app_id", Description: "Limit to one application's passwords.", Type: "string", Format: "uuid"},
		{Name: "scope", Description: "Limit to one scope.", Type: "string", Enum: []any{models.ScopeFull, models.ScopeRead}},
		{Name: "unused_since", Description: "Limit to passwords not used since this time.", Type: "string", Format: "date-time"},
		{Name: "expired", Description: "Limit to expired (true) or live (false) passwords.", Type: "boolean"},
	}
}

func (s *Server) presspassRoutes() []*Route {
	return []*Route{
		{Namespace: "presspass/v1", Pattern: "/presspass/v1/application-passwords", Endpoints: []*Endpoint{
			{Methods: []string{"GET"}, Args: append(appPasswordFilterArgs(), pageArgs()...), Permission: canManageAllAppPasswords, Handler: s.listAllAppPasswords},
			{Methods: []string{"DELETE"}, Args: appPasswordFilterArgs(), Permission: canManageAllAppPasswords, Handler: s.revokeAppPasswordsMatching},
		}},
		{Namespace: "presspass/v1", Pattern: "/presspass/v1/audit", Endpoints: []*Endpoint{
			{Methods: []string{"GET"}, Args: append([]Arg{
				{Name: "user", Description: "Limit to one user's events.", Type: "integer", Minimum: Int64(1)},
				{Name: "event", Description: "Limit to one kind of event.", Type: "string", Enum: []any{
					models.AuditAppPasswordCreated, models.AuditAppPasswordRenamed, models.AuditAppPasswordRevoked,
					models.AuditAppPasswordNewIP, models.AuditLoginFailed, models.AuditLockout}},
				{Name: "since", Description: "Limit to events at or after this time.", Type: "string", Format: "date-time"},
			}, pageArgs()...), Permission: canReadAudit, Handler: s.listAudit},
		}},
		s.doctorRoute(),
	}
}

func canManageAllAppPasswords(r *Request) error {
	if !models.CanEditUsers(r.User) {
		return Forbidden("rest_forbidden", languages.Mark("Sorry, you are not allowed to manage the application passwords of this site."))
	}
	return nil
}

func canReadAudit(r *Request) error {
	if !models.CanManageOptions(r.User) {
		return Forbidden("rest_forbidden", languages.Mark("Sorry, you are not allowed to read the audit trail."))
	}
	return nil
}

// appPasswordFilter reads the filter arguments.
func appPasswordFilter(r *Request) models.AppPasswordFilter {
	f := models.AppPasswordFilter{UserID: uint64(r.Int("user")), AppID: r.String("app_id"), Scope: r.String("scope")}
	if r.Has("unused_since") {
		if t, err := parseRFC3339ish(r.String("unused_since")); err == nil {
			f.UnusedSince = &t
		}
	}
	if r.Has("expired") {
		b := r.Bool("expired")
		f.Expired = &b
	}
	return f
}

// parseRFC3339ish reads a date-time as the schema's "date-time" format
// accepts it (with or without a zone; no zone means UTC).
func parseRFC3339ish(s string) (time.Time, error) {
	for _, layout := range []string{time.RFC3339, "2006-01-02T15:04:05"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, Err(http.StatusBadRequest, "rest_invalid_date", languages.Mark("Invalid date."))
}

func formatTimeOrNil(t *time.Time) any {
	if t == nil {
		return nil
	}
	return t.UTC().Format("2006-01-02T15:04:05")
}

func (s *Server) listAllAppPasswords(r *Request) (*Response, error) {
	f := appPasswordFilter(r)
	page, perPage := r.Int("page"), r.Int("per_page")
	f.Offset, f.Limit = int((page-1)*perPage), int(perPage)
	list, total, err := s.store.AllAppPasswords(r.ctx, f)
	if err != nil {
		return nil, err
	}
	out := make([]*Object, len(list))
	for i, ap := range list {
		// The members of WordPress's application-password object in its
		// order (uuid first), then the owner, then the expiry and scope in
		// the order /wp/v2's objects add them.
		out[i] = Obj(
			"uuid", ap.UUID,
			"app_id", ap.AppID,
			"name", ap.Name,
			"created", ap.Created.UTC().Format("2006-01-02T15:04:05"),
			"last_used", formatTimeOrNil(ap.LastUsed),
			"last_ip", nilIfEmpty(ap.LastIP),
			"user", ap.UserID,
			"user_login", ap.UserLogin,
			"expires", formatTimeOrNil(ap.Expires),
			"expired", ap.Expired(s.store.Now()),
			"scope", ap.Scope,
		)
	}
	resp := NewResponse(http.StatusOK, out)
	r.Paginate(resp, "/presspass/v1/application-passwords", total, page, perPage)
	return resp, nil
}

func nilIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func (s *Server) revokeAppPasswordsMatching(r *Request) (*Response, error) {
	n, err := s.store.DeleteAppPasswordsMatching(r.ctx, appPasswordFilter(r))
	if err != nil {
		return nil, err
	}
	return NewResponse(http.StatusOK, Obj("deleted", true, "count", n)), nil
}

func (s *Server) listAudit(r *Request) (*Response, error) {
	page, perPage := r.Int("page"), r.Int("per_page")
	f := models.AuditFilter{UserID: uint64(r.Int("user")), Event: r.String("event"),
		Offset: int((page - 1) * perPage), Limit: int(perPage)}
	if r.Has("since") {
		t, err := parseRFC3339ish(r.String("since"))
		if err != nil {
			return nil, err
		}
		f.Since = &t
	}
	events, total, err := s.store.AuditEvents(r.ctx, f)
	if err != nil {
		return nil, err
	}
	out := make([]*Object, len(events))
	for i, e := range events {
		// What happened (id, when, which event), then to whom, from
		// where, and what it concerned.
		out[i] = Obj(
			"id", e.ID,
			"time", e.Time.UTC().Format("2006-01-02T15:04:05"),
			"event", e.Event,
			"user", e.UserID,
			"login", e.Login,
			"ip", e.IP,
			"user_agent", e.UserAgent,
			"app_password", e.AppPassword,
			"detail", e.Detail,
		)
	}
	resp := NewResponse(http.StatusOK, out)
	r.Paginate(resp, "/presspass/v1/audit", total, page, perPage)
	return resp, nil
}
