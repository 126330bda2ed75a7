package models

import (
	"context"
	"database/sql/driver"
	"errors"
	"io/fs"
	"net"
	"os"
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

// Error is the error value returned by the store: a Kind, the WordPress
// rule that refused (Reason) and the details its wording needs. It carries
// no protocol's code, status or message: each adapter words it from its own
// table. Err, when set, is the underlying cause and is never shown.
type Error struct {
	Kind    Kind
	Reason  Reason
	Details Details
	Err     error
}

// Error describes e for logs: its kind, reason, details and cause.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Kind.String())
	b.WriteString(": ")
	b.WriteString(e.Describe())
	if e.Err != nil {
		b.WriteString(": ")
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

// Describe is the reason with its details in plain English, for logs and
// operators' reports (never a protocol's wording).
func (e *Error) Describe() string {
	if d := e.Details.String(); d != "" {
		return string(e.Reason) + " (" + d + ")"
	}
	return string(e.Reason)
}

func (e *Error) Unwrap() error { return e.Err }

// newError builds an *Error of the given kind for a WordPress rule.
func newError(kind Kind, reason Reason) *Error {
	return &Error{Kind: kind, Reason: reason}
}

// With returns a copy of e carrying d.
func (e *Error) With(d Details) *Error {
	c := *e
	c.Details = d
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
		return &Error{Kind: KindUnavailable, Reason: ReasonDatabaseUnavailable, Details: Details{RetryAfter: 1}, Err: err}
	}
	return &Error{Kind: KindInternal, Reason: ReasonInternal, Err: err}
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
	// A file's error (an uploads folder that cannot be written) is no
	// network error, though its syscall.Errno has net.Error's methods.
	var pathErr *fs.PathError
	var linkErr *os.LinkError
	if errors.As(err, &pathErr) || errors.As(err, &linkErr) {
		return false
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
