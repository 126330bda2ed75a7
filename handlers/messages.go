package handlers

import (
	"fmt"

	"github.com/labstack/echo/v4"

	"github.com/presspass/presspass/models"
)

// reasonMessage is how the pages word one of the store's reasons. A message
// with verbs is a format string filled by args from the error's details.
type reasonMessage struct {
	message string
	args    func(models.Details) []any
}

// reasonMessages is the one table from the store's reasons to the pages'
// messages (plain text; templates escape it).
var reasonMessages = map[models.Reason]reasonMessage{}

// Message words a store error as the pages show it. ok is false for an
// error without wording here (internal failures among them); the admin
// commands then print its description instead.
func Message(err error) (message string, ok bool) {
	me := models.AsError(err)
	if me.Reason == "" {
		return me.Message, me.Message != ""
	}
	rm, ok := reasonMessages[me.Reason]
	if !ok {
		return "", false
	}
	if rm.args != nil {
		return fmt.Sprintf(rm.message, rm.args(me.Details)...), true
	}
	return rm.message, true
}

// showOr answers a store error on a page: a failure of the server (or of
// its database) is the error page, anything else is worded from the table
// and shown by show, usually the form again with the message.
func (a *app) showOr(c echo.Context, err error, show func(message string) error) error {
	switch models.ErrorKind(err) {
	case models.KindInternal, models.KindUnavailable:
		return a.internalError(c, err)
	}
	msg, ok := Message(err)
	if !ok {
		a.log.Error("the pages have no wording for a reason", "err", err)
		msg = "Sorry, something went wrong. Please try again."
	}
	return show(msg)
}
