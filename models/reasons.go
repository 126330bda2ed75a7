package models

import (
	"strconv"
	"strings"
)

// Reason names the WordPress rule that refused a request, one constant per
// rule. Adapters word a reason from their own tables (rest/errors_table.go,
// xmlrpc/fault.go, handlers/words, the CLI's cli_errors.go); the value is a plain-English
// phrase for logs and operators' reports, never shown to API clients.
type Reason string

// Details are what a reason's wording needs besides the reason itself.
// Which fields a reason fills is said beside the reason.
type Details struct {
	// Value is the refused value as given (a status, a slug, a reference).
	Value string
	// ID is the object in the way (the existing term of a term_exists).
	ID uint64
	// Limit is the limit that was exceeded, in bytes.
	Limit int64
	// RetryAfter is how many seconds the caller should wait.
	RetryAfter int
	// Path is where a file was to go, as WordPress names it to clients
	// (wp-content/uploads/YYYY/MM), never the server's own path.
	Path string
}

// String lists the details that are set, for logs.
func (d Details) String() string {
	var parts []string
	if d.Value != "" {
		parts = append(parts, strconv.Quote(d.Value))
	}
	if d.ID != 0 {
		parts = append(parts, "id "+strconv.FormatUint(d.ID, 10))
	}
	if d.Limit != 0 {
		parts = append(parts, "limit "+strconv.FormatInt(d.Limit, 10)+" bytes")
	}
	if d.RetryAfter != 0 {
		parts = append(parts, "retry after "+strconv.Itoa(d.RetryAfter)+" s")
	}
	if d.Path != "" {
		parts = append(parts, "path "+d.Path)
	}
	return strings.Join(parts, ", ")
}

// Failures that are no rule.
const (
	ReasonInternal            Reason = "internal failure"
	ReasonDatabaseUnavailable Reason = "the database is unavailable"
	ReasonWriteConflict       Reason = "writes kept colliding with others"
)

// Posts and pages.
const (
	ReasonInvalidPostID             Reason = "no such post"
	ReasonCannotCreatePost          Reason = "cannot create posts of this type"
	ReasonCannotEditPost            Reason = "cannot edit this post"
	ReasonCannotDeletePost          Reason = "cannot delete this post"
	ReasonCannotPublish             Reason = "cannot publish posts of this type"
	ReasonCannotCreatePrivate       Reason = "cannot make posts of this type private"
	ReasonCannotCreateAsOtherAuthor Reason = "cannot create posts as another user"
	ReasonCannotUpdateAsOtherAuthor Reason = "cannot update posts as another user"
	ReasonCannotStick               Reason = "cannot make posts sticky"
	ReasonEmptyPostContent          Reason = "content, title and excerpt are empty"
	ReasonPostAlreadyTrashed        Reason = "the post is already in the trash"
	ReasonInvalidAuthor             Reason = "no such author"
	ReasonInvalidPostStatus         Reason = "no such post status"
	ReasonSlugExhausted             Reason = "no unique slug is left"
	ReasonEditConflict              Reason = "the post changed since the given time"
	ReasonNoAutosave                Reason = "the post has no autosave"
	ReasonRevisionsDisabled         Reason = "revisions are disabled"
	ReasonInvalidFeaturedMedia      Reason = "no such featured image"
	// ReasonUnknownPostStatus: a loaded record's status (Details.Value) is
	// none WordPress knows.
	ReasonUnknownPostStatus Reason = "unknown post status"
	ReasonPostTypeRequired  Reason = "a post needs a type"
)

// Block templates, oEmbed and sitemaps.
const (
	ReasonTemplateNotFound         Reason = "no such template"
	ReasonThemeTemplateUndeletable Reason = "a theme's own template cannot be removed"
	ReasonTemplateAlreadyTrashed   Reason = "the template is already in the trash"
	ReasonOEmbedInvalidURL         Reason = "the URL is no post of this site"
	ReasonSitemapNotFound          Reason = "no such sitemap"
	ReasonNoSuchTermSlug           Reason = "no term has that slug"
	ReasonDoctorTokenInvalid       Reason = "the doctor token is unknown, used or expired"
)

// Media.
const (
	ReasonCannotUploadFiles   Reason = "cannot upload files"
	ReasonCannotUploadToPost  Reason = "cannot upload media to this post"
	ReasonUploadNoData        Reason = "the upload is empty"
	ReasonUploadForbiddenType Reason = "the file type is not allowed"
	// ReasonUploadTooLarge: the file exceeds Details.Limit bytes.
	ReasonUploadTooLarge Reason = "the file is too big"
	// ReasonPostTooLarge: a post's title, content and excerpt exceed
	// Details.Limit bytes (--max-post-size).
	ReasonPostTooLarge       Reason = "the post is too large"
	ReasonUploadsUnavailable Reason = "uploads are not configured"
	// ReasonUploadNotStored: the storage refused the file; Details.Path is
	// the folder it was to go to.
	ReasonUploadNotStored       Reason = "the storage refused the file"
	ReasonInvalidAttachmentID   Reason = "no such attachment"
	ReasonInvalidUploadParent   Reason = "no such post to attach to"
	ReasonFileNameExhausted     Reason = "no unique file name is left"
	ReasonMediaFileNotFound     Reason = "no such media file"
	ReasonPingbackTargetInvalid Reason = "the pingback target cannot take pingbacks"
	ReasonPingbackRegistered    Reason = "the pingback is already registered"
)

// Comments.
const (
	ReasonInvalidCommentID         Reason = "no such comment"
	ReasonCommentRequired          Reason = "the comment is empty"
	ReasonCommentsClosed           Reason = "comments are closed"
	ReasonCommentNameEmailRequired Reason = "the comment author's name and e-mail are required"
	ReasonCommentEmailInvalid      Reason = "the comment author's e-mail is invalid"
	ReasonCommentDuplicate         Reason = "a duplicate comment"
	ReasonCommentFlood             Reason = "comments sent too quickly"
	ReasonInvalidCommentParent     Reason = "no such parent comment"
	ReasonCannotComment            Reason = "cannot comment on this post"
	ReasonCannotEditComment        Reason = "cannot moderate or edit this comment"
	ReasonCommentOnProtectedPost   Reason = "the post is password protected and its password was not given"
	ReasonInvalidCommentStatus     Reason = "no such comment status"
	// ReasonUnknownCommentStatus: a loaded record's status (Details.Value)
	// is none WordPress knows.
	ReasonUnknownCommentStatus  Reason = "unknown comment status"
	ReasonCommentAlreadyTrashed Reason = "the comment is already in the trash"
	// The REST controller's rules (RESTCommentRules).
	ReasonCommentContentInvalid    Reason = "the comment content is invalid"
	ReasonCommentAuthorInvalid     Reason = "no such comment author"
	ReasonCommentAuthorDataMissing Reason = "the comment needs an author name and e-mail"
	ReasonCommentPostInvalid       Reason = "no such post to move the comment to"
	// wp_check_comment_data_max_lengths, one per column; Details.Limit is
	// the column's size.
	ReasonCommentAuthorTooLong  Reason = "the comment author name is too long"
	ReasonCommentEmailTooLong   Reason = "the comment author e-mail is too long"
	ReasonCommentURLTooLong     Reason = "the comment author URL is too long"
	ReasonCommentContentTooLong Reason = "the comment content is too long"
)

// Terms.
const (
	ReasonInvalidTermID           Reason = "no such term"
	ReasonInvalidTaxonomy         Reason = "no such taxonomy"
	ReasonInvalidSearchType       Reason = "no such search type"
	ReasonTermNameRequired        Reason = "the term needs a name"
	ReasonParentTermMissing       Reason = "no such parent term"
	ReasonTaxonomyNotHierarchical Reason = "the taxonomy is not hierarchical"
	ReasonCannotEditTerm          Reason = "cannot edit this term"
	ReasonCannotCreateTerm        Reason = "cannot create terms in this taxonomy"
	ReasonCannotDeleteTerm        Reason = "cannot delete this term"
	// ReasonTermExists and ReasonTermExistsWithParent: Details.ID is the
	// term that has the name (flat and hierarchical taxonomies).
	ReasonTermExists           Reason = "a term with that name exists in the taxonomy"
	ReasonTermExistsWithParent Reason = "a term with that name exists under the parent"
	// ReasonDuplicateTermSlug: Details.Value is the slug.
	ReasonDuplicateTermSlug      Reason = "another term has that slug"
	ReasonTermOwnAncestor        Reason = "a term cannot be its own ancestor"
	ReasonInvalidTermForPost     Reason = "no such term for the post"
	ReasonTaxonomyNotForPostType Reason = "the taxonomy is not for this post type"
	ReasonCannotAssignTerms      Reason = "cannot assign terms of this taxonomy"
)

// Users.
const (
	ReasonInvalidUserID Reason = "no such user"
	ReasonNoSuchLogin   Reason = "no user has that login"
	ReasonNoSuchEmail   Reason = "no user has that e-mail address"
	// ReasonUnknownUserRef: Details.Value is the id, login or e-mail given.
	ReasonUnknownUserRef       Reason = "no user has that id, e-mail or login"
	ReasonExistingUserLogin    Reason = "that username already exists"
	ReasonExistingUserEmail    Reason = "that email address is already used"
	ReasonEmptyUserLogin       Reason = "the login name is empty"
	ReasonInvalidEmail         Reason = "the e-mail address is invalid"
	ReasonInvalidRole          Reason = "no such role"
	ReasonUserLoginTooLong     Reason = "the username is longer than 60 characters"
	ReasonEmptyPassword        Reason = "the password is empty"
	ReasonUserLoginNotEditable Reason = "the username cannot change"
	ReasonInvalidReassign      Reason = "no such user to reassign to"
	ReasonCannotEditUser       Reason = "cannot edit this user"
	// ReasonLastAdministrator: the site's last administrator cannot be
	// deleted.
	ReasonLastAdministrator   Reason = "the site's last administrator"
	ReasonImportedUserUnknown Reason = "the user was not imported"
)

// Logins, sessions, two-factor and throttling.
const (
	ReasonLoginUnknownUsername Reason = "login with an unknown username"
	ReasonLoginUnknownEmail    Reason = "login with an unknown e-mail address"
	ReasonIncorrectLogin       Reason = "incorrect username or password"
	ReasonIncorrectPassword    Reason = "incorrect password"
	// ReasonTooManyLoginAttempts: Details.RetryAfter says when to retry.
	ReasonTooManyLoginAttempts   Reason = "too many failed login attempts"
	ReasonSessionExpired         Reason = "the session has expired"
	ReasonSessionNotFound        Reason = "the session has already ended"
	ReasonTwoFactorCodeIncorrect Reason = "the two-factor code is incorrect"
	ReasonTwoFactorNotSetUp      Reason = "two-factor setup was not started"
	ReasonTwoFactorSelfOnly      Reason = "only the account owner can set up two-factor authentication"
	ReasonLoginChallengeExpired  Reason = "the login attempt expired"
)

// Application passwords.
const (
	ReasonBadAppPassword              Reason = "not a valid application password"
	ReasonAppPasswordsUnavailable     Reason = "application passwords are unavailable"
	ReasonAppPasswordsDisabledForUser Reason = "application passwords are disabled for the user"
	ReasonAppPasswordExpired          Reason = "the application password has expired"
	ReasonAppPasswordNotFound         Reason = "no such application password"
	ReasonAppPasswordNameRequired     Reason = "the application password needs a name"
	ReasonAppPasswordNameTooLong      Reason = "the application name is too long"
	ReasonAppPasswordInvalidScope     Reason = "no such application password scope"
	ReasonAppPasswordInvalidAppID     Reason = "the app_id is not a UUID"
	ReasonAppPasswordInvalidExpiry    Reason = "the expiry is not in the future"
	ReasonAppPasswordFilterRequired   Reason = "bulk revocation needs a filter"
	ReasonAppPasswordUUIDRequired     Reason = "an application password needs a UUID"
)

// Options.
const (
	ReasonCannotManageOptions Reason = "cannot manage options"
)
