// Package words is the browser adapter's one table from the store's
// reasons to the messages the pages show (and the admin commands print
// where their own table, cli_errors.go, has no sentence):
// the login and profile pages, the administrators' pages, the public site's
// comment form.
package words

import (
	"fmt"

	"github.com/presspass/presspass/models"
)

// reasonMessage is how the pages word one of the store's reasons. A message
// with verbs is a format string filled by args from the error's details.
type reasonMessage struct {
	message string
	args    func(models.Details) []any
}

// messages is the one table from the store's reasons to the pages'
// messages (plain text; templates escape it).
var messages = map[models.Reason]reasonMessage{
	// Users.
	models.ReasonInvalidUserID:        {"Invalid user ID.", nil},
	models.ReasonNoSuchLogin:          {"Unknown username.", nil},
	models.ReasonNoSuchEmail:          {"Unknown email address.", nil},
	models.ReasonUnknownUserRef:       {"Invalid user ID, email or login: '%s'", givenValue},
	models.ReasonExistingUserLogin:    {"Sorry, that username already exists!", nil},
	models.ReasonExistingUserEmail:    {"Sorry, that email address is already used!", nil},
	models.ReasonEmptyUserLogin:       {"Cannot create a user with an empty login name.", nil},
	models.ReasonInvalidEmail:         {"Invalid email address.", nil},
	models.ReasonInvalidRole:          {"Role is invalid.", nil},
	models.ReasonUserLoginTooLong:     {"Username may not be longer than 60 characters.", nil},
	models.ReasonEmptyPassword:        {"Passwords cannot be empty.", nil},
	models.ReasonUserLoginNotEditable: {"Username isn't editable.", nil},
	models.ReasonInvalidReassign:      {"Invalid user ID for reassignment.", nil},
	models.ReasonCannotEditUser:       {"Sorry, you are not allowed to edit this user.", nil},

	// Logins, sessions and two-factor authentication.
	models.ReasonTooManyLoginAttempts:   {"Too many failed login attempts. Try again in %d seconds.", retryAfterSeconds},
	models.ReasonSessionExpired:         {"Your session has expired. Please log in to continue where you left off.", nil},
	models.ReasonSessionNotFound:        {"That session has already ended.", nil},
	models.ReasonTwoFactorCodeIncorrect: {"The authentication code is incorrect.", nil},
	models.ReasonTwoFactorNotSetUp:      {"Start the two-factor setup first.", nil},
	models.ReasonTwoFactorSelfOnly:      {"Only the account owner can set up two-factor authentication.", nil},
	models.ReasonLoginChallengeExpired:  {"The login attempt expired. Please log in again.", nil},

	// The public site's comment form (wp_new_comment's refusals).
	models.ReasonInvalidPostID:            {"Invalid post ID.", nil},
	models.ReasonCommentsClosed:           {"Sorry, comments are closed for this item.", nil},
	models.ReasonCannotComment:            {"Sorry, you are not allowed to comment on this post.", nil},
	models.ReasonCommentOnProtectedPost:   {"Sorry, you are not allowed to comment on this post.", nil},
	models.ReasonCommentRequired:          {"Comment is required.", nil},
	models.ReasonCommentNameEmailRequired: {"Comment author name and email are required.", nil},
	models.ReasonCommentEmailInvalid:      {"A valid email address is required.", nil},
	models.ReasonInvalidCommentParent:     {"Invalid comment parent ID.", nil},
	models.ReasonCommentDuplicate:         {"Duplicate comment detected; it looks as though you&#8217;ve already said that!", nil},
	models.ReasonCommentFlood:             {"You are posting comments too quickly. Slow down.", nil},

	// Application passwords.
	models.ReasonAppPasswordNotFound:       {"Application password not found.", nil},
	models.ReasonAppPasswordNameRequired:   {"An application name is required to create an application password.", nil},
	models.ReasonAppPasswordNameTooLong:    {"The application name is too long.", nil},
	models.ReasonAppPasswordInvalidScope:   {"The scope must be full or read.", nil},
	models.ReasonAppPasswordInvalidAppID:   {"The app_id must be a UUID.", nil},
	models.ReasonAppPasswordInvalidExpiry:  {"The expiry must be in the future.", nil},
	models.ReasonAppPasswordFilterRequired: {"Give at least one filter to revoke application passwords in bulk.", nil},
}

// The details a message needs.
func givenValue(d models.Details) []any        { return []any{d.Value} }
func retryAfterSeconds(d models.Details) []any { return []any{d.RetryAfter} }

// Message words a store error as the pages show it. ok is false for an
// error without wording here (internal failures among them); the admin
// commands (cli_errors.go, which asks here after its own table) then print
// their kind's sentence with the reason.
func Message(err error) (message string, ok bool) {
	me := models.AsError(err)
	rm, ok := messages[me.Reason]
	if !ok {
		return "", false
	}
	if rm.args != nil {
		return fmt.Sprintf(rm.message, rm.args(me.Details)...), true
	}
	return rm.message, true
}
