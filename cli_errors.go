package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/presspass/presspass/models"
)

// The CLI words the store's errors from one table, as each adapter does:
// one line a person understands, naming the valid choices where there are
// some. The machine-readable code is added only for --format=json.

// flagsError carries the flags of the command line that failed, for the
// wordings that name the value given.
type flagsError struct {
	err   error
	flags map[string]string
}

func (e *flagsError) Error() string { return e.err.Error() }
func (e *flagsError) Unwrap() error { return e.err }

// wording words one store error; flags are the command line's.
type wording func(e *models.Error, flags map[string]string) string

// cliWordings is the table, keyed by the store's error code.
var cliWordings = map[string]wording{
	"rest_user_invalid_role": func(_ *models.Error, flags map[string]string) string {
		return fmt.Sprintf("%q is not a role; choose one of: %s.", flags["role"], strings.Join(roleNames(), ", "))
	},
	"rest_user_invalid_reassign": func(_ *models.Error, flags map[string]string) string {
		return fmt.Sprintf("--reassign=%s: the posts cannot go to that user (give another user's login, e-mail or id).", flags["reassign"])
	},
	"application_password_invalid_scope": func(_ *models.Error, flags map[string]string) string {
		return fmt.Sprintf("%q is not a scope; choose one of: %s, %s.", flags["scope"], models.ScopeFull, models.ScopeRead)
	},
	"application_password_invalid_app_id": func(_ *models.Error, flags map[string]string) string {
		return fmt.Sprintf("--app-id=%s is not a UUID (such as 1f0e2b4c-8d3a-4c6e-9b7a-2d5f8e1c3a90).", flags["app-id"])
	},
	"application_password_invalid_expires": func(*models.Error, map[string]string) string {
		return "The expiry must be in the future."
	},
	"rest_application_password_not_found": func(*models.Error, map[string]string) string {
		return "The user has no application password with that UUID ('presspass app-password list USER' shows them)."
	},
	models.CodeLastAdministrator: func(*models.Error, map[string]string) string {
		return "This is the site's last administrator; make another user an administrator first."
	},
}

// kindWordings is the fallback for store errors the table does not name
// and that carry no message of their own.
var kindWordings = map[models.Kind]string{
	models.KindInternal:    "Something went wrong inside PressPass; the log has the details.",
	models.KindInvalid:     "That value is not accepted.",
	models.KindNotFound:    "There is no such thing.",
	models.KindForbidden:   "That is not allowed.",
	models.KindConflict:    "That collides with the site's current state.",
	models.KindUnavailable: "The database is unavailable; try again shortly.",
	models.KindGone:        "That is already done.",
}

// errorLine is the one line printed for a failed command.
func errorLine(err error, withCode bool) string {
	msg := oneLine(err)
	var me *models.Error
	if !errors.As(err, &me) {
		return msg
	}
	var fe *flagsError
	var flags map[string]string
	if errors.As(err, &fe) {
		flags = fe.flags
	}
	words := me.Message
	if w, ok := cliWordings[me.Code]; ok {
		words = w(me, flags)
	} else if words == "" || me.Kind == models.KindInternal {
		words = kindWordings[me.Kind]
		if me.Err != nil && me.Kind != models.KindInternal {
			words = strings.TrimSuffix(words, ".") + ": " + oneLine(me.Err) + "."
		}
	}
	// A store error wrapped with context ("UUID: …") keeps that context.
	msg = strings.Replace(msg, oneLine(me), words, 1)
	if withCode && me.Code != "" {
		msg += " [" + me.Code + "]"
	}
	return msg
}

func roleNames() []string {
	var names []string
	for _, r := range models.Roles() {
		names = append(names, r.Name)
	}
	return names
}

func oneLine(err error) string {
	msg, _, _ := strings.Cut(err.Error(), "\n")
	return msg
}
