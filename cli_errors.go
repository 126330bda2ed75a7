package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/presspass/presspass/handlers/words"
	"github.com/presspass/presspass/languages"
	"github.com/presspass/presspass/models"
)

// The CLI is an adapter with its own table: it words the store's reasons
// in one line a person understands, naming the valid choices where there
// are some. Reasons it has no sentence of its own for take WordPress's
// message from handlers/words (as WP-CLI prints WordPress's messages), and
// anything else its kind's sentence with the reason. The reason itself is
// added only for --format=json, for scripts to match on.

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

// cliWordings is the table, keyed by the store's reason.
var cliWordings = map[models.Reason]wording{
	models.ReasonInvalidRole: func(_ *models.Error, flags map[string]string) string {
		return fmt.Sprintf("%q is not a role; choose one of: %s.", flags["role"], strings.Join(roleNames(), ", "))
	},
	models.ReasonInvalidReassign: func(_ *models.Error, flags map[string]string) string {
		return fmt.Sprintf("--reassign=%s: the posts cannot go to that user (give another user's login, e-mail or id).", flags["reassign"])
	},
	models.ReasonAppPasswordInvalidScope: func(_ *models.Error, flags map[string]string) string {
		return fmt.Sprintf("%q is not a scope; choose one of: %s, %s.", flags["scope"], models.ScopeFull, models.ScopeRead)
	},
	models.ReasonAppPasswordInvalidAppID: func(_ *models.Error, flags map[string]string) string {
		return fmt.Sprintf("--app-id=%s is not a UUID (such as 1f0e2b4c-8d3a-4c6e-9b7a-2d5f8e1c3a90).", flags["app-id"])
	},
	models.ReasonAppPasswordInvalidExpiry: func(*models.Error, map[string]string) string {
		return "The expiry must be in the future."
	},
	models.ReasonAppPasswordNotFound: func(*models.Error, map[string]string) string {
		return "The user has no application password with that UUID ('presspass app-password list USER' shows them)."
	},
	models.ReasonLastAdministrator: func(*models.Error, map[string]string) string {
		return "This is the site's last administrator; make another user an administrator first."
	},
	models.ReasonWriteConflict: func(*models.Error, map[string]string) string {
		return "The site is busy; try again shortly."
	},
}

// kindWordings is the fallback for reasons neither table words.
var kindWordings = map[models.Kind]string{
	models.KindInternal:        "Something went wrong inside PressPass.",
	models.KindInvalid:         "That value is not accepted.",
	models.KindNotFound:        "There is no such thing.",
	models.KindUnauthenticated: "Those credentials are not accepted.",
	models.KindForbidden:       "That is not allowed.",
	models.KindConflict:        "That collides with the site's current state.",
	models.KindUnavailable:     "The database is unavailable; try again shortly.",
	models.KindTooManyRequests: "Too many attempts; try again later.",
	models.KindGone:            "That is already done.",
}

// errorLine is the one line printed for a failed command; withReason adds
// the store's reason in brackets (--format=json).
func errorLine(err error, withReason bool) string {
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
	// A store error wrapped with context ("UUID: …") keeps that context.
	msg = strings.Replace(msg, oneLine(me), storeErrorWords(me, flags), 1)
	if withReason && me.Reason != "" {
		msg += " [" + string(me.Reason) + "]"
	}
	return msg
}

// storeErrorWords words a store error: the CLI's table, then WordPress's
// message, then the kind's sentence naming the reason.
func storeErrorWords(me *models.Error, flags map[string]string) string {
	if w, ok := cliWordings[me.Reason]; ok {
		return w(me, flags)
	}
	if me.Kind == models.KindInternal {
		// The one running the command is the operator the cause is for:
		// a command has no log to send them to.
		if me.Err != nil {
			return strings.TrimSuffix(kindWordings[models.KindInternal], ".") + ": " + oneLine(me.Err)
		}
		return kindWordings[models.KindInternal]
	}
	if m, ok := words.Message(languages.Default, me); ok {
		return m
	}
	if me.Reason == models.ReasonDatabaseUnavailable {
		return kindWordings[models.KindUnavailable]
	}
	return strings.TrimSuffix(kindWordings[me.Kind], ".") + ": " + me.Describe() + "."
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
