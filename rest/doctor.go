package rest

import (
	"net/http"
	"time"

	"github.com/presspass/presspass/languages"
	"github.com/presspass/presspass/models"
)

// GET /presspass/v1/doctor answers `presspass doctor`: what this server saw
// of the request (whether an Authorization header arrived — never its value —
// and the scheme after trusted proxies) and the state behind it (clocks,
// schema, uploads). An administrator may ask, or anyone holding a one-time
// token the doctor minted (X-PressPass-Doctor-Token), since the question is
// precisely whether credentials reach the server at all.

// DoctorTokenHeader carries a doctor token.
const DoctorTokenHeader = "X-PressPass-Doctor-Token"

var errDoctorForbidden = Err(http.StatusUnauthorized, "presspass_doctor_forbidden",
	languages.Mark("Sorry, only an administrator or a fresh doctor token may run these checks."))

func (s *Server) doctorRoute() *Route {
	return &Route{Namespace: "presspass/v1", Pattern: "/presspass/v1/doctor", Endpoints: []*Endpoint{
		{Methods: []string{"GET"}, Permission: s.canRunDoctor, Handler: s.doctor},
	}}
}

func (s *Server) canRunDoctor(r *Request) error {
	if models.CanManageOptions(r.User) {
		return nil
	}
	token := r.HTTP.Header.Get(DoctorTokenHeader)
	if token == "" {
		return errDoctorForbidden
	}
	err := s.store.ConsumeDoctorToken(r.ctx, token)
	if err != nil && models.ErrorKind(err) != models.KindInternal {
		return errDoctorForbidden
	}
	return err
}

func (s *Server) doctor(r *Request) (*Response, error) {
	scheme := "http"
	if r.Client.Secure {
		scheme = "https"
	}
	// What the server saw of the request first, then the clocks, the
	// schema and the uploads, in the order the doctor reports them.
	out := NewObject(doctorOrder)
	out.Set("authorization_header", r.HTTP.Header.Get("Authorization") != "")
	out.Set("scheme", scheme)
	out.Set("server_time", time.Now().UTC().Format(time.RFC3339))
	if dbNow, err := s.store.DatabaseNow(r.ctx); err == nil {
		out.Set("database_time", dbNow.Format(time.RFC3339))
	}
	schema, err := s.store.Schema(r.ctx)
	if err != nil {
		return nil, err
	}
	out.Set("schema", Obj("latest", schema.Latest, "missing", nonNilInts(schema.Missing), "unknown", nonNilInts(schema.Unknown)))
	out.Set("uploads_writable", s.store.UploadsWritable(r.ctx) == nil)
	resp := NewResponse(http.StatusOK, out)
	resp.Header.Set("Cache-Control", "no-store")
	return resp, nil
}

// doctorOrder is the order of the doctor's answer (database_time is
// missing when the database did not say).
var doctorOrder = []string{"authorization_header", "scheme", "server_time", "database_time", "schema", "uploads_writable"}

func nonNilInts(v []int) []int {
	if v == nil {
		return []int{}
	}
	return v
}
