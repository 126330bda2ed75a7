package models

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"net"
	"strings"
)

// Kind classifies an error so that each protocol adapter can map it to its own
// status codes in one place.
type Kind int

// The error kinds. Adapters map them: REST to HTTP statuses, XML-RPC to fault
// codes, pages to messages.
const (
	KindInternal        Kind = iota // a bug or an infrastructure failure
	KindInvalid                     // the caller sent something unacceptable
	KindNotFound                    // the thing asked for does not exist
	KindUnauthenticated             // no (valid) credentials
	KindForbidden                   // authenticated, but not allowed
	KindConflict                    // the request collides with current state
	KindUnavailable                 // a feature is switched off or a dependency is down
	KindTooManyRequests             // throttled
	KindGone                        // the thing exists but is already in its final state
)

// String names the kind for logs.
func (k Kind) String() string {
	switch k {
	case KindInvalid:
		return "invalid"
	case KindNotFound:
		return "not_found"
	case KindUnauthenticated:
		return "unauthenticated"
	case KindForbidden:
		return "forbidden"
	case KindConflict:
		return "conflict"
	case KindUnavailable:
		return "unavailable"
	case KindTooManyRequests:
		return "too_many_requests"
	case KindGone:
		return "gone"
	default:
		return "internal"
	}
}

// Error is the error value returned by the store. Code carries WordPress's
// error code where WordPress has one (for example "rest_user_invalid_id"), so
// adapters can answer exactly as WordPress does; Message is safe to show to the
// client. Err, when set, is the underlying cause and is never shown.
type Error struct {
	Kind    Kind
	Code    string
	Message string
	// Status overrides the adapter's default HTTP status for the kind where
	// WordPress uses an unusual one (0 means "use the kind's default").
	Status int
	// Data holds extra members WordPress puts in an error's data object.
	Data map[string]any
	Err  error
}

func (e *Error) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("%s: %s: %v", e.Kind, e.Message, e.Err)
	}
	if e.Code != "" {
		return fmt.Sprintf("%s: %s (%s)", e.Kind, e.Message, e.Code)
	}
	return fmt.Sprintf("%s: %s", e.Kind, e.Message)
}

func (e *Error) Unwrap() error { return e.Err }

// E builds an *Error of the given kind with a WordPress code and message.
func E(kind Kind, code, message string) *Error {
	return &Error{Kind: kind, Code: code, Message: message}
}

// WithStatus returns a copy of e with an explicit HTTP status.
func (e *Error) WithStatus(status int) *Error {
	c := *e
	c.Status = status
	return &c
}

// WithData returns a copy of e with an extra member in its data object.
func (e *Error) WithData(key string, value any) *Error {
	c := *e
	c.Data = make(map[string]any, len(e.Data)+1)
	for k, v := range e.Data {
		c.Data[k] = v
	}
	c.Data[key] = value
	return &c
}

// Internal wraps an unexpected failure (usually from the database) as an
// internal error whose cause is logged but never shown.
func Internal(err error) *Error {
	if err == nil {
		return nil
	}
	var me *Error
	if errors.As(err, &me) {
		return me
	}
	if isRetryableWrite(err) {
		return writeConflict(err)
	}
	if isUnavailable(err) {
		return &Error{Kind: KindUnavailable, Code: "database_unavailable", Status: 503,
			Message: "The database is unavailable. Please try again shortly.", Data: map[string]any{"retry_after": 1}, Err: err}
	}
	return &Error{Kind: KindInternal, Code: "internal_error", Message: "An internal error occurred.", Err: err}
}

// isUnavailable reports whether err means the database cannot be reached
// (as opposed to a bad query): the request should fail fast with 503 and the
// pool reconnects by itself once the database is back.
func isUnavailable(err error) bool {
	// A request whose client went away is not a server fault either: the
	// database call was interrupted, not broken.
	if errors.Is(err, driver.ErrBadConn) || errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
		return true
	}
	var netErr net.Error
	if errors.As(err, &netErr) {
		return true
	}
	// A Galera node that has left the cluster or not yet caught up refuses
	// queries until it is synced.
	if mysqlErrorNumber(err) == mysqlNotReady {
		return true
	}
	msg := err.Error()
	for _, s := range []string{"connection refused", "invalid connection", "broken pipe", "connection reset",
		"no such host", "i/o timeout", "bad connection", "server has gone away", "sql: database is closed",
		"interrupted (9)"} {
		if strings.Contains(msg, s) {
			return true
		}
	}
	return false
}

// ErrorKind reports the kind of err; errors that are not *Error are internal.
func ErrorKind(err error) Kind {
	var me *Error
	if errors.As(err, &me) {
		return me.Kind
	}
	return KindInternal
}

// AsError returns err as an *Error, wrapping foreign errors as internal ones.
func AsError(err error) *Error {
	if err == nil {
		return nil
	}
	var me *Error
	if errors.As(err, &me) {
		return me
	}
	return Internal(err)
}

// IsNotFound reports whether err is of kind not found.
func IsNotFound(err error) bool { return err != nil && ErrorKind(err) == KindNotFound }
