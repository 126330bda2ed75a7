package handlers

import (
	"github.com/labstack/echo/v4"

	"github.com/presspass/presspass/handlers/words"
	"github.com/presspass/presspass/models"
)

// showOr answers a store error on a page: a failure of the server (or of
// its database) is the error page, anything else is worded from the table
// and shown by show, usually the form again with the message.
func (a *app) showOr(c echo.Context, err error, show func(message string) error) error {
	switch models.ErrorKind(err) {
	case models.KindInternal, models.KindUnavailable:
		return a.internalError(c, err)
	}
	msg, ok := words.Message(a.locale(c), err)
	if !ok {
		a.log.Error("the pages have no wording for a reason", "err", err)
		msg = a.T(c, "Sorry, something went wrong. Please try again.")
	}
	return show(msg)
}
