// Package words is the browser adapter's one table from the store's
// reasons to the messages the pages show (and the admin commands print
// where their own table, cli_errors.go, has no sentence):
// the login and profile pages, the administrators' pages, the public site's
// comment form.
package words

import (
	"fmt"

	"github.com/presspass/presspass/languages"
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
	models.ReasonInvalidUserID:        {languages.Mark("Invalid user ID."), nil},
	models.ReasonNoSuchLogin:          {languages.Mark("Unknown username."), nil},
	models.ReasonNoSuchEmail:          {languages.Mark("Unknown email address."), nil},
	models.ReasonUnknownUserRef:       {languages.Mark("Invalid user ID, email or login: '%s'"), givenValue},
	models.ReasonExistingUserLogin:    {languages.Mark("Sorry, that username already exists!"), nil},
	models.ReasonExistingUserEmail:    {languages.Mark("Sorry, that email address is already used!"), nil},
	models.ReasonEmptyUserLogin:       {languages.Mark("Cannot create a user with an empty login name."), nil},
	models.ReasonInvalidEmail:         {languages.Mark("Invalid email address."), nil},
	models.ReasonInvalidRole:          {languages.Mark("Role is invalid."), nil},
	models.ReasonUserLoginTooLong:     {languages.Mark("Username may not be longer than 60 characters."), nil},
	models.ReasonEmptyPassword:        {languages.Mark("Passwords cannot be empty."), nil},
	models.ReasonUserLoginNotEditable: {languages.Mark("Username isn't editable."), nil},
	models.ReasonInvalidReassign:      {languages.Mark("Invalid user ID for reassignment."), nil},
	models.ReasonCannotEditUser:       {languages.Mark("Sorry, you are not allowed to edit this user."), nil},

	// Logins, sessions and two-factor authentication.
	models.ReasonTooManyLoginAttempts:   {languages.Mark("Too many failed login attempts. Try again in %d seconds."), retryAfterSeconds},
	models.ReasonSessionExpired:         {languages.Mark("Your session has expired. Please log in to continue where you left off."), nil},
	models.ReasonSessionNotFound:        {languages.Mark("That session has already ended."), nil},
	models.ReasonTwoFactorCodeIncorrect: {languages.Mark("The authentication code is incorrect."), nil},
	models.ReasonTwoFactorNotSetUp:      {languages.Mark("Start the two-factor setup first."), nil},
	models.ReasonTwoFactorSelfOnly:      {languages.Mark("Only the account owner can set up two-factor authentication."), nil},
	models.ReasonLoginChallengeExpired:  {languages.Mark("The login attempt expired. Please log in again."), nil},

	// The public site's comment form (wp_new_comment's refusals).
	models.ReasonInvalidPostID:            {languages.Mark("Invalid post ID."), nil},
	models.ReasonCommentsClosed:           {languages.Mark("Sorry, comments are closed for this item."), nil},
	models.ReasonCannotComment:            {languages.Mark("Sorry, you are not allowed to comment on this post."), nil},
	models.ReasonCommentOnProtectedPost:   {languages.Mark("Sorry, you are not allowed to comment on this post."), nil},
	models.ReasonCommentRequired:          {languages.Mark("Comment is required."), nil},
	models.ReasonCommentNameEmailRequired: {languages.Mark("Comment author name and email are required."), nil},
	models.ReasonCommentEmailInvalid:      {languages.Mark("A valid email address is required."), nil},
	models.ReasonInvalidCommentParent:     {languages.Mark("Invalid comment parent ID."), nil},
	models.ReasonCommentDuplicate:         {languages.Mark("Duplicate comment detected; it looks as though you&#8217;ve already said that!"), nil},
	models.ReasonCommentFlood:             {languages.Mark("You are posting comments too quickly. Slow down."), nil},

	// Application passwords.
	models.ReasonAppPasswordNotFound:       {languages.Mark("Application password not found."), nil},
	models.ReasonAppPasswordNameRequired:   {languages.Mark("An application name is required to create an application password."), nil},
	models.ReasonAppPasswordNameTooLong:    {languages.Mark("The application name is too long."), nil},
	models.ReasonAppPasswordInvalidScope:   {languages.Mark("The scope must be full or read."), nil},
	models.ReasonAppPasswordInvalidAppID:   {languages.Mark("The app_id must be a UUID."), nil},
	models.ReasonAppPasswordInvalidExpiry:  {languages.Mark("The expiry must be in the future."), nil},
	models.ReasonAppPasswordFilterRequired: {languages.Mark("Give at least one filter to revoke application passwords in bulk."), nil},
}

// The details a message needs.
func givenValue(d models.Details) []any        { return []any{d.Value} }
func retryAfterSeconds(d models.Details) []any { return []any{d.RetryAfter} }

// Message words a store error as the pages show it, in locale (the page's
// language; the admin commands ask in languages.Default). ok is false for an
// error without wording here (internal failures among them); the admin
// commands (cli_errors.go, which asks here after its own table) then print
// their kind's sentence with the reason.
func Message(locale string, err error) (message string, ok bool) {
	me := models.AsError(err)
	rm, ok := messages[me.Reason]
	if !ok {
		return "", false
	}
	format := languages.T(locale, rm.message)
	if rm.args != nil {
		return fmt.Sprintf(format, rm.args(me.Details)...), true
	}
	return format, true
}
