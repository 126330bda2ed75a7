package xmlrpc

import (
	"errors"
	"fmt"

	"github.com/presspass/presspass/languages"
	"github.com/presspass/presspass/models"
)

// Fault is an XML-RPC fault with WordPress's code and text.
//
// WordPress words its faults with __() in the language of the request,
// determine_locale: an XML-RPC request is neither an admin screen nor a JSON
// request asking _locale=user, and login() only sets the current user (no
// switch_to_user_locale), so every fault is in the site's language (WPLANG),
// whoever logged in. The code never changes with the language. Message is
// written in English, marked with languages.Mark where it is written, and
// translated when the fault is sent (Fault.in); IXR's own protocol texts are
// not WordPress's and are never translated (verbatim).
type Fault struct {
	Code int
	// Message is the English msgid, or a format filled by args after
	// translation (WordPress's sprintf( __( format ), args… )).
	Message string
	args    []any
	// verbatim keeps Message as written in every language: IXR's texts.
	verbatim bool
	// HTTPStatus, when set, is sent instead of 200 (WordPress answers a PHP
	// fatal error with HTTP 500 and a fault body).
	HTTPStatus int
	// Fatal faults end the whole request, even inside system.multicall, as
	// a PHP fatal error would.
	Fatal bool
	// RetryAfter, when positive, is sent as the Retry-After header: a
	// locked-out client, or one that met a database that is away or busy,
	// learns when to come back, as REST and the login page tell it.
	RetryAfter int
}

func (f *Fault) Error() string {
	return fmt.Sprintf("xmlrpc fault %d: %s", f.Code, f.in(languages.Default))
}

// in is the fault string in locale.
func (f *Fault) in(locale string) string {
	if f.verbatim {
		return f.Message
	}
	format := languages.T(locale, f.Message)
	if len(f.args) == 0 {
		return format
	}
	args := make([]any, len(f.args))
	for i, a := range f.args {
		if l, ok := a.(localized); ok {
			a = l.in(locale)
		}
		args[i] = a
	}
	return fmt.Sprintf(format, args...)
}

// localized is an argument worded in its fault's language: another fault's
// string, or a phrase.
type localized interface{ in(locale string) string }

// phrase is a marked msgid given as an argument of a fault's format.
type phrase string

func (p phrase) in(locale string) string { return languages.T(locale, string(p)) }

// NewFault returns a fault whose message, marked with languages.Mark, is
// translated when it is sent.
func NewFault(code int, message string) *Fault { return &Fault{Code: code, Message: message} }

// faultf returns a fault whose marked format is translated, then filled by
// args when it is sent.
func faultf(code int, format string, args ...any) *Fault {
	return &Fault{Code: code, Message: format, args: args}
}

// ixrFault is a fault of the IXR library's own, which WordPress never
// translates.
func ixrFault(code int, message string) *Fault {
	return &Fault{Code: code, Message: message, verbatim: true}
}

// withCode is f under another fault code, as WordPress's methods wrap a
// message in an IXR_Error of their own code.
func (f *Fault) withCode(code int) *Fault {
	c := *f
	c.Code = code
	return &c
}

// The protocol faults, with WordPress's (IXR's) texts.
var (
	faultParse            = ixrFault(-32700, "parse error. not well formed")
	faultNotMethodCall    = ixrFault(-32600, "server error. invalid xml-rpc. not conforming to spec. Request must be a methodCall")
	faultRecursive        = ixrFault(-32600, "Recursive calls to system.multicall are forbidden")
	faultInsufficientArgs = NewFault(400, languages.Mark("Insufficient arguments passed to this XML-RPC method."))
	faultBadLogin         = NewFault(403, languages.Mark("Incorrect username or password."))
	faultDisabled         = NewFault(405, languages.Mark("XML-RPC services are disabled on this site."))
	faultNoSuchPost       = NewFault(404, languages.Mark("Invalid post ID."))
	faultNoSuchPage       = NewFault(404, languages.Mark("Sorry, no such page."))
	// faultSorryNoSuchPost is the older APIs' (Blogger, MT) text for a
	// missing post, where the wp.* methods say "Invalid post ID.".
	faultSorryNoSuchPost = NewFault(404, languages.Mark("Sorry, no such post."))
	faultCannotEditPost  = NewFault(401, languages.Mark("Sorry, you are not allowed to edit this post."))
	faultInvalidPostType = NewFault(403, languages.Mark("Invalid post type."))
	faultAddArgs         = NewFault(400, languages.Mark("Invalid arguments passed to this XML-RPC method. Requires two integers."))
	faultSiteDetails     = NewFault(403, languages.Mark("Sorry, you are not allowed to access details about this site."))
	// faultReadOnlyScope refuses a changing method to a read-only
	// application password (a PressPass extension).
	faultReadOnlyScope = NewFault(401, languages.Mark("This application password is read-only: it cannot be used to change anything."))
	// faultFatal is what WordPress's fatal-error handler answers when PHP
	// throws (for example a TypeError on bad argument types).
	faultFatal = &Fault{Code: 500, Message: `<p>%s</p><p><a href="https://wordpress.org/documentation/article/faq-troubleshooting/">%s</a></p>`,
		args:       []any{phrase(languages.Mark("There has been a critical error on this website.")), phrase(languages.Mark("Learn more about troubleshooting WordPress."))},
		HTTPStatus: 500, Fatal: true}
)

func faultNoMethod(name string) *Fault {
	return ixrFault(-32601, "server error. requested method "+name+" does not exist.")
}

// reasonFault is how XML-RPC words one of the store's reasons: the fault
// code (0: the kind's, from kindFaultCodes) and string. A string with verbs
// is a format string filled by args from the error's details.
type reasonFault struct {
	code    int
	message string
	args    func(models.Details) []any
}

// reasonFaults is the one table from the store's reasons to XML-RPC's
// faults.
var reasonFaults = map[models.Reason]reasonFault{
	models.ReasonInternal:            {500, languages.Mark("An internal error occurred."), nil},
	models.ReasonDatabaseUnavailable: {503, languages.Mark("The database is unavailable. Please try again shortly."), nil},
	models.ReasonWriteConflict:       {503, languages.Mark("The site is busy. Please try again shortly."), nil},

	// Posts and pages.
	models.ReasonInvalidPostID:             {0, languages.Mark("Invalid post ID."), nil},
	models.ReasonCannotCreatePost:          {0, languages.Mark("Sorry, you are not allowed to create posts as this user."), nil},
	models.ReasonCannotEditPost:            {0, languages.Mark("Sorry, you are not allowed to edit this post."), nil},
	models.ReasonCannotDeletePost:          {0, languages.Mark("Sorry, you are not allowed to delete this post."), nil},
	models.ReasonCannotPublish:             {0, languages.Mark("Sorry, you are not allowed to publish posts in this post type."), nil},
	models.ReasonCannotCreatePrivate:       {0, languages.Mark("Sorry, you are not allowed to create private posts in this post type."), nil},
	models.ReasonCannotCreateAsOtherAuthor: {0, languages.Mark("Sorry, you are not allowed to create posts as this user."), nil},
	models.ReasonCannotUpdateAsOtherAuthor: {0, languages.Mark("Sorry, you are not allowed to update posts as this user."), nil},
	models.ReasonCannotStick:               {0, languages.Mark("Sorry, you are not allowed to make posts sticky."), nil},
	models.ReasonEmptyPostContent:          {0, languages.Mark("Content, title, and excerpt are empty."), nil},
	models.ReasonPostAlreadyTrashed:        {0, languages.Mark("The post has already been deleted."), nil},
	models.ReasonInvalidAuthor:             {0, languages.Mark("Invalid author ID."), nil},
	models.ReasonInvalidPostStatus:         {0, languages.Mark("Invalid post status."), nil},
	models.ReasonSlugExhausted:             {0, languages.Mark("No unique slug could be found."), nil},
	models.ReasonEditConflict:              {0, languages.Mark("There is a revision of this post that is more recent."), nil},
	models.ReasonNoAutosave:                {0, languages.Mark("There is no autosave revision for this post."), nil},
	models.ReasonRevisionsDisabled:         {0, languages.Mark("Sorry, revisions are disabled."), nil},
	models.ReasonInvalidFeaturedMedia:      {0, languages.Mark("Invalid featured media ID."), nil},

	// Media.
	models.ReasonPingbackTargetInvalid: {33, languages.Mark("The specified target URL cannot be used as a target. It either does not exist, or it is not a pingback-enabled resource."), nil},
	models.ReasonPingbackRegistered:    {48, languages.Mark("The pingback has already been registered."), nil},
	models.ReasonCannotUploadFiles:     {0, languages.Mark("Sorry, you are not allowed to upload media on this site."), nil},
	models.ReasonCannotUploadToPost:    {0, languages.Mark("Sorry, you are not allowed to upload media to this post."), nil},
	models.ReasonUploadNoData:          {0, languages.Mark("No data supplied."), nil},
	models.ReasonUploadForbiddenType:   {0, languages.Mark("Sorry, you are not allowed to upload this file type."), nil},
	models.ReasonUploadTooLarge:        {0, languages.Mark("This file is too big. Files must be less than %d KB in size."), limitInKB},
	models.ReasonPostTooLarge:          {0, languages.Mark("The post is too large. Its title, content and excerpt must be at most %d KB in all."), limitInKB},
	models.ReasonUploadsUnavailable:    {0, languages.Mark("Uploads are not configured on this site."), nil},
	models.ReasonUploadNotStored:       {500, languages.Mark("The uploaded file could not be moved to %s."), uploadPath},
	models.ReasonInvalidAttachmentID:   {0, languages.Mark("Invalid post ID."), nil},
	models.ReasonInvalidUploadParent:   {0, languages.Mark("Invalid post ID."), nil},
	models.ReasonFileNameExhausted:     {0, languages.Mark("No unique file name could be found."), nil},
	models.ReasonMediaFileNotFound:     {0, languages.Mark("File not found."), nil},

	// Comments.
	models.ReasonInvalidCommentID:         {0, languages.Mark("Invalid comment ID."), nil},
	models.ReasonCommentRequired:          {0, languages.Mark("Comment is required."), nil},
	models.ReasonCommentsClosed:           {0, languages.Mark("Sorry, comments are closed for this item."), nil},
	models.ReasonCommentNameEmailRequired: {0, languages.Mark("Comment author name and email are required."), nil},
	models.ReasonCommentEmailInvalid:      {0, languages.Mark("A valid email address is required."), nil},
	models.ReasonCommentDuplicate:         {0, languages.Mark("Duplicate comment detected; it looks as though you&#8217;ve already said that!"), nil},
	models.ReasonCommentFlood:             {0, languages.Mark("You are posting comments too quickly. Slow down."), nil},
	models.ReasonInvalidCommentParent:     {0, languages.Mark("Invalid comment parent ID."), nil},
	models.ReasonCannotComment:            {0, languages.Mark("Sorry, you are not allowed to comment on this post."), nil},
	models.ReasonCannotEditComment:        {0, languages.Mark("Sorry, you are not allowed to moderate or edit this comment."), nil},
	models.ReasonInvalidCommentStatus:     {0, languages.Mark("Invalid comment status."), nil},
	models.ReasonCommentAlreadyTrashed:    {0, languages.Mark("The comment has already been trashed."), nil},
	models.ReasonCommentContentInvalid:    {0, languages.Mark("Invalid comment content."), nil},
	models.ReasonCommentAuthorInvalid:     {0, languages.Mark("Invalid comment author ID."), nil},
	models.ReasonCommentAuthorDataMissing: {0, languages.Mark("Creating a comment requires valid author name and email values."), nil},
	models.ReasonCommentPostInvalid:       {0, languages.Mark("Invalid post ID."), nil},
	models.ReasonCommentAuthorTooLong:     {0, languages.Mark("Comment field exceeds maximum length allowed."), nil},
	models.ReasonCommentEmailTooLong:      {0, languages.Mark("Comment field exceeds maximum length allowed."), nil},
	models.ReasonCommentURLTooLong:        {0, languages.Mark("Comment field exceeds maximum length allowed."), nil},
	models.ReasonCommentContentTooLong:    {0, languages.Mark("Comment field exceeds maximum length allowed."), nil},

	// Terms.
	models.ReasonInvalidTermID:           {0, languages.Mark("Term does not exist."), nil},
	models.ReasonInvalidTaxonomy:         {0, languages.Mark("Invalid taxonomy."), nil},
	models.ReasonTermNameRequired:        {0, languages.Mark("A name is required for this term."), nil},
	models.ReasonParentTermMissing:       {0, languages.Mark("Parent term does not exist."), nil},
	models.ReasonTaxonomyNotHierarchical: {0, languages.Mark("Cannot set parent term, taxonomy is not hierarchical."), nil},
	models.ReasonCannotEditTerm:          {0, languages.Mark("Sorry, you are not allowed to edit this term."), nil},
	models.ReasonCannotCreateTerm:        {0, languages.Mark("Sorry, you are not allowed to create terms in this taxonomy."), nil},
	models.ReasonCannotDeleteTerm:        {0, languages.Mark("Sorry, you are not allowed to delete this term."), nil},
	models.ReasonTermExists:              {0, languages.Mark("A term with the name provided already exists in this taxonomy."), nil},
	models.ReasonTermExistsWithParent:    {0, languages.Mark("A term with the name provided already exists with this parent."), nil},
	models.ReasonDuplicateTermSlug:       {0, languages.Mark("The slug &#8220;%s&#8221; is already in use by another term."), givenValue},
	models.ReasonTermOwnAncestor:         {0, languages.Mark("A term cannot be its own ancestor."), nil},
	models.ReasonInvalidTermForPost:      {0, languages.Mark("Invalid term ID."), nil},
	models.ReasonTaxonomyNotForPostType:  {0, languages.Mark("Sorry, one of the given taxonomies is not supported by the post type."), nil},
	models.ReasonCannotAssignTerms:       {0, languages.Mark("Sorry, you are not allowed to assign a term to one of the given taxonomies."), nil},

	// Users.
	models.ReasonInvalidUserID:        {0, languages.Mark("Invalid user ID."), nil},
	models.ReasonNoSuchLogin:          {0, languages.Mark("Unknown username."), nil},
	models.ReasonNoSuchEmail:          {0, languages.Mark("Unknown email address."), nil},
	models.ReasonExistingUserLogin:    {0, languages.Mark("Sorry, that username already exists!"), nil},
	models.ReasonExistingUserEmail:    {0, languages.Mark("Sorry, that email address is already used!"), nil},
	models.ReasonEmptyUserLogin:       {0, languages.Mark("Cannot create a user with an empty login name."), nil},
	models.ReasonInvalidEmail:         {0, languages.Mark("Invalid email address."), nil},
	models.ReasonInvalidRole:          {0, languages.Mark("Role is invalid."), nil},
	models.ReasonUserLoginTooLong:     {0, languages.Mark("Username may not be longer than 60 characters."), nil},
	models.ReasonEmptyPassword:        {0, languages.Mark("Passwords cannot be empty."), nil},
	models.ReasonUserLoginNotEditable: {0, languages.Mark("Username isn't editable."), nil},
	models.ReasonInvalidReassign:      {0, languages.Mark("Invalid user ID for reassignment."), nil},
	models.ReasonCannotEditUser:       {0, languages.Mark("Sorry, you are not allowed to edit this user."), nil},

	// Logins.
	models.ReasonLoginUnknownUsername: {0, languages.Mark("<strong>Error:</strong> Unknown username. Check again or try your email address."), nil},
	models.ReasonLoginUnknownEmail:    {0, languages.Mark("<strong>Error:</strong> Unknown email address. Check again or try your username."), nil},
	models.ReasonIncorrectLogin:       {0, languages.Mark("Incorrect username or password."), nil},
	models.ReasonIncorrectPassword:    {0, languages.Mark("The password you entered is incorrect."), nil},
	models.ReasonTooManyLoginAttempts: {0, languages.Mark("Too many failed login attempts. Try again in %d seconds."), retryAfterSeconds},

	// Application passwords.
	models.ReasonBadAppPassword:              {0, languages.Mark("The provided password is an invalid application password."), nil},
	models.ReasonAppPasswordsUnavailable:     {0, languages.Mark("Application passwords are not available."), nil},
	models.ReasonAppPasswordsDisabledForUser: {0, languages.Mark("Application passwords are not available for your account. Please contact the site administrator for assistance."), nil},
	models.ReasonAppPasswordExpired:          {0, languages.Mark("The provided application password has expired."), nil},
	models.ReasonAppPasswordNotFound:         {0, languages.Mark("Application password not found."), nil},
	models.ReasonAppPasswordNameRequired:     {0, languages.Mark("An application name is required to create an application password."), nil},
	models.ReasonAppPasswordNameTooLong:      {0, languages.Mark("The application name is too long."), nil},
	models.ReasonAppPasswordInvalidScope:     {0, languages.Mark("The scope must be full or read."), nil},
	models.ReasonAppPasswordInvalidAppID:     {0, languages.Mark("The app_id must be a UUID."), nil},
	models.ReasonAppPasswordInvalidExpiry:    {0, languages.Mark("The expiry must be in the future."), nil},
	models.ReasonAppPasswordFilterRequired:   {0, languages.Mark("Give at least one filter to revoke application passwords in bulk."), nil},

	// Options.
	models.ReasonCannotManageOptions: {0, languages.Mark("Sorry, you are not allowed to do that."), nil},
}

// The details a string needs.
func givenValue(d models.Details) []any        { return []any{d.Value} }
func limitInKB(d models.Details) []any         { return []any{d.Limit / 1024} }
func retryAfterSeconds(d models.Details) []any { return []any{d.RetryAfter} }
func uploadPath(d models.Details) []any        { return []any{d.Path} }

// kindFaultCodes maps domain error kinds to XML-RPC fault codes where the
// reason has no code of its own.
var kindFaultCodes = map[models.Kind]int{
	models.KindUnauthenticated: 403,
	models.KindForbidden:       401,
	models.KindNotFound:        404,
	models.KindInvalid:         400,
	models.KindConflict:        409,
	models.KindGone:            404,
	models.KindUnavailable:     503,
	models.KindTooManyRequests: 429,
	models.KindInternal:        500,
}

// storeFault words a store error from the tables.
func storeFault(me *models.Error) *Fault {
	rf, ok := reasonFaults[me.Reason]
	if !ok {
		rf = reasonFaults[models.ReasonInternal]
	}
	var args []any
	if rf.args != nil {
		args = rf.args(me.Details)
	}
	code := rf.code
	if code == 0 {
		var ok bool
		if code, ok = kindFaultCodes[me.Kind]; !ok {
			code = 500
		}
	}
	return faultf(code, rf.message, args...)
}

// faultCoded words a store error from the table with the fault code a
// method answers it with, as WordPress's methods wrap a WP_Error's message
// in an IXR_Error of their own code.
func faultCoded(code int, err error) *Fault {
	me := models.AsError(err)
	if retryable(me) {
		// A database that is away or kept undoing the write refused nothing
		// of this method's: the client hears 503 and when to try again.
		return asFault(me)
	}
	return storeFault(me).withCode(code)
}

// retryable reports whether the store gave up for a reason that passes (the
// database is away, or a write kept colliding with others on a Galera
// cluster): models then says when to try again.
func retryable(me *models.Error) bool {
	return me.Kind == models.KindUnavailable && me.Details.RetryAfter > 0
}

// postWriteFault is how the methods that write posts answer the store's
// refusal, as WordPress reports wp_insert_post's WP_Error: a failed insert
// or update has a string of its own, refusals, missing objects and
// conflicts keep their kind's code, anything else is a 500 with the
// reason's string.
func postWriteFault(err error, creating bool) error {
	me := models.AsError(err)
	switch me.Kind {
	case models.KindInternal:
		if creating {
			return NewFault(500, languages.Mark("Could not insert post into the database."))
		}
		return NewFault(500, languages.Mark("Could not update post in the database."))
	case models.KindForbidden, models.KindNotFound, models.KindConflict:
		return storeFault(me)
	}
	return faultCoded(500, me)
}

// asFault turns any error a method returns into the fault to send. Domain
// errors are worded from the table; internal errors never show their cause.
func asFault(err error) *Fault {
	var f *Fault
	if errors.As(err, &f) {
		return f
	}
	me := models.AsError(err)
	f = storeFault(me)
	if me.Kind == models.KindUnavailable {
		// The database is away: tell load balancers too, so they retry
		// elsewhere, and when.
		f.HTTPStatus = 503
		f.RetryAfter = me.Details.RetryAfter
	}
	if me.Kind == models.KindTooManyRequests {
		// A lockout keeps WordPress's HTTP 200 (clients read the fault from
		// the body) and gains the header, with the seconds the fault names.
		f.RetryAfter = me.Details.RetryAfter
	}
	return f
}
