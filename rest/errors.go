package rest

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"

	"github.com/presspass/presspass/languages"
	"github.com/presspass/presspass/models"
)

// apiError is an error the REST layer words itself: argument validation,
// routing and the controllers' own checks, with WordPress's code and
// message. The store's errors are worded from errors_table.go instead.
type apiError struct {
	// status is the HTTP status; 0 is a permission refusal, answered 401
	// to visitors and 403 to users (rest_authorization_required_code).
	status  int
	code    string
	message text
	data    *Object
	// invalid holds rest_invalid_param's failed arguments, whose messages
	// are worded in the request's language with the error's own.
	invalid *invalidParams
}

func (e *apiError) Error() string {
	return fmt.Sprintf("REST error %d %s: %s", e.status, e.code, e.message.in(languages.Default))
}

// text is a message written in English and shown in the request's
// language, WordPress's sprintf( __( format ), args… ): format is marked
// with languages.Mark where it is written; plural, when set, is the form
// for n other than one (_n).
type text struct {
	format, plural string
	n              int
	args           []any
}

// in is the message in locale. A format without args is shown as written,
// so a literal % needs no escaping.
func (t text) in(locale string) string {
	f := languages.T(locale, t.format)
	if t.plural != "" {
		f = languages.Tn(locale, t.format, t.plural, t.n)
	}
	if len(t.args) == 0 {
		return f
	}
	args := make([]any, len(t.args))
	for i, a := range t.args {
		if l, ok := a.(localized); ok {
			a = l.in(locale)
		}
		args[i] = a
	}
	return fmt.Sprintf(f, args...)
}

// localized is an argument of a message that is itself worded in the
// message's language (a list joined with "and").
type localized interface{ in(locale string) string }

// WithData returns a copy of e with an extra member in its data object.
func (e *apiError) WithData(key string, value any) *apiError {
	c := *e
	c.data = &Object{members: make([]member, 0, e.data.Len()+1)}
	for k, v := range e.data.All() {
		c.data.Set(k, v)
	}
	c.data.Set(key, value)
	return &c
}

// Err builds a REST error with an explicit status, WordPress code and
// message, the message marked with languages.Mark.
func Err(status int, code, message string) *apiError {
	return &apiError{status: status, code: code, message: text{format: message}}
}

// Errf is Err with a message format filled by args after translation.
func Errf(status int, code, format string, args ...any) *apiError {
	return &apiError{status: status, code: code, message: text{format: format, args: args}}
}

// Forbidden builds a permission error: 401 for anonymous requests, 403 for
// logged-in ones (rest_authorization_required_code).
func Forbidden(code, message string) *apiError {
	return &apiError{code: code, message: text{format: message}}
}

// refusal is one of the store's reasons met by REST's own checks (a
// permission callback, an id in the route), worded from the table as the
// store's errors are, so that each rule's words live in one place.
func refusal(kind models.Kind, reason models.Reason) error {
	return &models.Error{Kind: kind, Reason: reason}
}

// wording is what REST answers for an error: its status, code, message and
// further members of its data object. explicitStatus tells whether the
// status was chosen for this error rather than for its kind (WordPress puts
// only such statuses in a nested error's data).
type wording struct {
	status         int
	explicitStatus bool
	code, message  string
	data           *Object
}

// word turns any error a handler returns into REST's wording, in locale,
// for a request by a user (loggedIn) or a visitor.
func (s *Server) word(err error, loggedIn bool, locale string) wording {
	var ae *apiError
	if errors.As(err, &ae) {
		w := wording{status: ae.status, explicitStatus: ae.status != 0, code: ae.code, message: ae.message.in(locale), data: ae.data}
		if ae.invalid != nil {
			w.data = ae.invalid.data(s, loggedIn, locale, ae.data)
		}
		if w.status == 0 {
			w.status = refusalStatus(loggedIn)
		}
		return w
	}
	e := models.AsError(err)
	if e.Kind == models.KindInternal {
		s.log.Error("REST request failed", "err", err)
		return wording{status: http.StatusInternalServerError, code: "internal_error", message: languages.T(locale, internalErrorMessage)}
	}
	w, ok := wordReason(e, locale)
	if !ok {
		s.log.Error("REST has no wording for a reason", "err", err)
	} else if w.status == http.StatusInternalServerError && e.Err != nil {
		// A named failure (an upload the storage refused) is shown by its
		// reason's words; its cause is for the operator.
		s.log.Error("REST request failed", "code", w.code, "err", err)
	}
	if w.status == 0 {
		w.status = kindStatus(e.Kind, loggedIn)
	}
	return w
}

// internalErrorMessage is all a client learns of a server failure.
var internalErrorMessage = languages.Mark("An internal error occurred.")

// wordReason words a store error from the table in locale.
func wordReason(e *models.Error, locale string) (wording, bool) {
	rw, ok := reasonWords[e.Reason]
	if !ok {
		return wording{code: "rest_error", message: languages.T(locale, languages.Mark("The request could not be completed."))}, false
	}
	msg := text{format: rw.message}
	if rw.args != nil {
		msg.args = rw.args(e.Details)
	}
	w := wording{status: rw.status, explicitStatus: rw.status != 0, code: rw.code, message: msg.in(locale)}
	if rw.data != nil {
		w.data = rw.data(e.Details)
	}
	return w, true
}

// kindStatus is the HTTP status of an error kind without a status of its
// own in the table.
func kindStatus(k models.Kind, loggedIn bool) int {
	if k == models.KindForbidden {
		return refusalStatus(loggedIn)
	}
	if st, ok := kindStatuses[k]; ok {
		return st
	}
	return http.StatusInternalServerError
}

// refusalStatus is rest_authorization_required_code: 401 for visitors,
// 403 for users.
func refusalStatus(loggedIn bool) int {
	if loggedIn {
		return http.StatusForbidden
	}
	return http.StatusUnauthorized
}

// errorResponse renders err as WordPress's error envelope
// {"code","message","data":{"status",…}} in the request's language.
// Internal errors are logged and shown only as a generic message.
func (s *Server) errorResponse(r *Request, err error) *Response {
	return s.errorResponseIn(err, r.User != nil, r.Locale())
}

// errorResponseIn is errorResponse for a user (loggedIn) or a visitor in locale.
func (s *Server) errorResponseIn(err error, loggedIn bool, locale string) *Response {
	w := s.word(err, loggedIn, locale)
	data := &Object{members: make([]member, 0, w.data.Len()+1)}
	data.Set("status", w.status)
	for k, v := range w.data.All() {
		data.Set(k, v)
	}
	resp := NewResponse(w.status, Obj("code", w.code, "message", w.message, "data", data))
	resp.isError = true
	ra, _ := w.data.Get("retry_after")
	if secs, ok := ra.(int); ok && (w.status == http.StatusTooManyRequests || w.status == http.StatusServiceUnavailable) {
		// A locked-out client learns when to come back, and so does one
		// that met a busy or unreachable database (RFC 9110).
		resp.Header.Set("Retry-After", strconv.Itoa(secs))
	}
	return resp
}
