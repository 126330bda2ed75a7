package rest

import (
	"net/http"

	"github.com/presspass/presspass/languages"
	"github.com/presspass/presspass/models"
)

// reasonWording is how the REST API words one of the store's reasons:
// WordPress's code, the HTTP status (0: the kind's, from kindStatuses) and
// the message, written in English, marked with languages.Mark and shown in
// the request's language. A message with verbs is a format string filled by args from
// the error's details; data adds members to the error's data object.
type reasonWording struct {
	code    string
	status  int
	message string
	args    func(models.Details) []any
	data    func(models.Details) *Object
}

// kindStatuses maps error kinds to HTTP statuses where the reason has no
// status of its own. KindForbidden is not here: it is 401 for visitors and
// 403 for users.
var kindStatuses = map[models.Kind]int{
	models.KindInvalid:         http.StatusBadRequest,
	models.KindNotFound:        http.StatusNotFound,
	models.KindUnauthenticated: http.StatusUnauthorized,
	models.KindConflict:        http.StatusConflict,
	models.KindGone:            http.StatusGone,
	models.KindUnavailable:     http.StatusServiceUnavailable,
	models.KindTooManyRequests: http.StatusTooManyRequests,
	models.KindInternal:        http.StatusInternalServerError,
}

// reasonWords is the one table from the store's reasons to REST's words.
var reasonWords = map[models.Reason]reasonWording{
	models.ReasonDatabaseUnavailable: {"database_unavailable", http.StatusServiceUnavailable, languages.Mark("The database is unavailable. Please try again shortly."), nil, retryAfterData},
	models.ReasonWriteConflict:       {"write_conflict", http.StatusServiceUnavailable, languages.Mark("The site is busy. Please try again shortly."), nil, retryAfterData},

	// Posts and pages.
	models.ReasonInvalidPostID:             {"rest_post_invalid_id", 0, languages.Mark("Invalid post ID."), nil, nil},
	models.ReasonCannotCreatePost:          {"rest_cannot_create", 0, languages.Mark("Sorry, you are not allowed to create posts as this user."), nil, nil},
	models.ReasonCannotEditPost:            {"rest_cannot_edit", 0, languages.Mark("Sorry, you are not allowed to edit this post."), nil, nil},
	models.ReasonCannotDeletePost:          {"rest_cannot_delete", 0, languages.Mark("Sorry, you are not allowed to delete this post."), nil, nil},
	models.ReasonCannotPublish:             {"rest_cannot_publish", 0, languages.Mark("Sorry, you are not allowed to publish posts in this post type."), nil, nil},
	models.ReasonCannotCreatePrivate:       {"rest_cannot_publish", 0, languages.Mark("Sorry, you are not allowed to create private posts in this post type."), nil, nil},
	models.ReasonCannotCreateAsOtherAuthor: {"rest_cannot_edit_others", 0, languages.Mark("Sorry, you are not allowed to create posts as this user."), nil, nil},
	models.ReasonCannotUpdateAsOtherAuthor: {"rest_cannot_edit_others", 0, languages.Mark("Sorry, you are not allowed to update posts as this user."), nil, nil},
	models.ReasonCannotStick:               {"rest_cannot_assign_sticky", 0, languages.Mark("Sorry, you are not allowed to make posts sticky."), nil, nil},
	models.ReasonEmptyPostContent:          {"empty_content", 0, languages.Mark("Content, title, and excerpt are empty."), nil, nil},
	models.ReasonPostAlreadyTrashed:        {"rest_already_trashed", 0, languages.Mark("The post has already been deleted."), nil, nil},
	models.ReasonInvalidAuthor:             {"rest_invalid_author", 0, languages.Mark("Invalid author ID."), nil, nil},
	models.ReasonInvalidPostStatus:         {"rest_invalid_param", 0, languages.Mark("Invalid post status."), nil, nil},
	models.ReasonSlugExhausted:             {"slug_exhausted", 0, languages.Mark("No unique slug could be found."), nil, nil},
	models.ReasonEditConflict:              {"xmlrpc_edit_conflict", 0, languages.Mark("There is a revision of this post that is more recent."), nil, nil},
	models.ReasonNoAutosave:                {"rest_post_no_autosave", 0, languages.Mark("There is no autosave revision for this post."), nil, nil},
	models.ReasonRevisionsDisabled:         {"revisions_disabled", 0, languages.Mark("Sorry, revisions are disabled."), nil, nil},
	models.ReasonInvalidFeaturedMedia:      {"rest_invalid_featured_media", 0, languages.Mark("Invalid featured media ID."), nil, nil},

	// Block templates and oEmbed.
	models.ReasonTemplateNotFound:         {"rest_template_not_found", 0, languages.Mark("No templates exist with that id."), nil, nil},
	models.ReasonThemeTemplateUndeletable: {"rest_invalid_template", 0, languages.Mark("Templates based on theme files can't be removed."), nil, nil},
	models.ReasonTemplateAlreadyTrashed:   {"rest_template_already_trashed", 0, languages.Mark("The template has already been deleted."), nil, nil},
	models.ReasonOEmbedInvalidURL:         {"oembed_invalid_url", 0, languages.Mark("Not Found"), nil, nil},

	// Media.
	models.ReasonCannotUploadFiles:   {"rest_cannot_create", 0, languages.Mark("Sorry, you are not allowed to upload media on this site."), nil, nil},
	models.ReasonCannotUploadToPost:  {"rest_cannot_edit", 0, languages.Mark("Sorry, you are not allowed to upload media to this post."), nil, nil},
	models.ReasonUploadNoData:        {"rest_upload_no_data", 0, languages.Mark("No data supplied."), nil, nil},
	models.ReasonUploadForbiddenType: {"rest_upload_sideload_error", 0, languages.Mark("Sorry, you are not allowed to upload this file type."), nil, nil},
	models.ReasonUploadTooLarge:      {"rest_upload_file_too_big", 0, languages.Mark("This file is too big. Files must be less than %d KB in size."), limitInKB, nil},
	models.ReasonPostTooLarge:        {"rest_post_too_large", http.StatusRequestEntityTooLarge, languages.Mark("The post is too large. Its title, content and excerpt must be at most %d KB in all."), limitInKB, nil},
	models.ReasonUploadsUnavailable:  {"rest_upload_unknown_error", http.StatusInternalServerError, languages.Mark("Uploads are not configured on this site."), nil, nil},
	models.ReasonUploadNotStored:     {"rest_upload_unknown_error", http.StatusInternalServerError, languages.Mark("The uploaded file could not be moved to %s."), uploadPath, nil},
	models.ReasonInvalidAttachmentID: {"rest_post_invalid_id", 0, languages.Mark("Invalid post ID."), nil, nil},
	models.ReasonInvalidUploadParent: {"rest_post_invalid_id", 0, languages.Mark("Invalid post ID."), nil, nil},
	models.ReasonFileNameExhausted:   {"rest_upload_unknown_error", 0, languages.Mark("No unique file name could be found."), nil, nil},
	models.ReasonMediaFileNotFound:   {"rest_no_route", 0, languages.Mark("File not found."), nil, nil},

	// Comments.
	models.ReasonInvalidCommentID:         {"rest_comment_invalid_id", 0, languages.Mark("Invalid comment ID."), nil, nil},
	models.ReasonCommentRequired:          {"require_valid_comment", 0, languages.Mark("Comment is required."), nil, nil},
	models.ReasonCommentsClosed:           {"rest_comment_closed", 0, languages.Mark("Sorry, comments are closed for this item."), nil, nil},
	models.ReasonCommentNameEmailRequired: {"require_name_email", 0, languages.Mark("Comment author name and email are required."), nil, nil},
	models.ReasonCommentEmailInvalid:      {"require_valid_email", 0, languages.Mark("A valid email address is required."), nil, nil},
	models.ReasonCommentDuplicate:         {"comment_duplicate", 0, languages.Mark("Duplicate comment detected; it looks as though you&#8217;ve already said that!"), nil, nil},
	models.ReasonCommentFlood:             {"comment_flood", http.StatusBadRequest, languages.Mark("You are posting comments too quickly. Slow down."), nil, nil},
	models.ReasonInvalidCommentParent:     {"comment_parent_invalid", 0, languages.Mark("Invalid comment parent ID."), nil, nil},
	models.ReasonCannotComment:            {"comment_not_allowed", 0, languages.Mark("Sorry, you are not allowed to comment on this post."), nil, nil},
	models.ReasonCannotEditComment:        {"rest_cannot_edit", 0, languages.Mark("Sorry, you are not allowed to moderate or edit this comment."), nil, nil},
	models.ReasonInvalidCommentStatus:     {"invalid_comment_status", 0, languages.Mark("Invalid comment status."), nil, nil},
	models.ReasonCommentAlreadyTrashed:    {"rest_already_trashed", 0, languages.Mark("The comment has already been trashed."), nil, nil},
	models.ReasonCommentContentInvalid:    {"rest_comment_content_invalid", 0, languages.Mark("Invalid comment content."), nil, nil},
	models.ReasonCommentAuthorInvalid:     {"rest_comment_author_invalid", 0, languages.Mark("Invalid comment author ID."), nil, nil},
	models.ReasonCommentAuthorDataMissing: {"rest_comment_author_data_required", 0, languages.Mark("Creating a comment requires valid author name and email values."), nil, nil},
	models.ReasonCommentPostInvalid:       {"rest_comment_invalid_post_id", http.StatusForbidden, languages.Mark("Invalid post ID."), nil, nil},
	models.ReasonCommentAuthorTooLong:     {"comment_author_column_length", 0, languages.Mark("Comment field exceeds maximum length allowed."), nil, nil},
	models.ReasonCommentEmailTooLong:      {"comment_author_email_column_length", 0, languages.Mark("Comment field exceeds maximum length allowed."), nil, nil},
	models.ReasonCommentURLTooLong:        {"comment_author_url_column_length", 0, languages.Mark("Comment field exceeds maximum length allowed."), nil, nil},
	models.ReasonCommentContentTooLong:    {"comment_content_column_length", 0, languages.Mark("Comment field exceeds maximum length allowed."), nil, nil},

	// Terms.
	models.ReasonInvalidTermID:           {"rest_term_invalid", 0, languages.Mark("Term does not exist."), nil, nil},
	models.ReasonInvalidTaxonomy:         {"invalid_taxonomy", 0, languages.Mark("Invalid taxonomy."), nil, nil},
	models.ReasonInvalidSearchType:       {"rest_search_invalid_type", 0, languages.Mark("Invalid type parameter."), nil, nil},
	models.ReasonTermNameRequired:        {"empty_term_name", 0, languages.Mark("A name is required for this term."), nil, nil},
	models.ReasonParentTermMissing:       {"rest_term_invalid", 0, languages.Mark("Parent term does not exist."), nil, nil},
	models.ReasonTaxonomyNotHierarchical: {"rest_taxonomy_not_hierarchical", 0, languages.Mark("Cannot set parent term, taxonomy is not hierarchical."), nil, nil},
	models.ReasonCannotEditTerm:          {"rest_cannot_update", 0, languages.Mark("Sorry, you are not allowed to edit this term."), nil, nil},
	models.ReasonCannotCreateTerm:        {"rest_cannot_create", 0, languages.Mark("Sorry, you are not allowed to create terms in this taxonomy."), nil, nil},
	models.ReasonCannotDeleteTerm:        {"rest_cannot_delete", 0, languages.Mark("Sorry, you are not allowed to delete this term."), nil, nil},
	models.ReasonTermExists:              {"term_exists", 0, languages.Mark("A term with the name provided already exists in this taxonomy."), nil, termIDData},
	models.ReasonTermExistsWithParent:    {"term_exists", 0, languages.Mark("A term with the name provided already exists with this parent."), nil, termIDData},
	models.ReasonDuplicateTermSlug:       {"duplicate_term_slug", 0, languages.Mark("The slug &#8220;%s&#8221; is already in use by another term."), givenValue, nil},
	models.ReasonTermOwnAncestor:         {"invalid_parent", 0, languages.Mark("A term cannot be its own ancestor."), nil, nil},
	models.ReasonInvalidTermForPost:      {"invalid_term_id", 0, languages.Mark("Invalid term ID."), nil, nil},
	models.ReasonTaxonomyNotForPostType:  {"rest_invalid_taxonomy", 0, languages.Mark("Sorry, one of the given taxonomies is not supported by the post type."), nil, nil},
	models.ReasonCannotAssignTerms:       {"rest_cannot_assign_term", 0, languages.Mark("Sorry, you are not allowed to assign a term to one of the given taxonomies."), nil, nil},

	// Users. wp_insert_user's refusals carry no status, so WordPress
	// answers them 500; the client's mistake gets its kind's 400 here (a
	// documented deviation).
	models.ReasonInvalidUserID:        {"rest_user_invalid_id", 0, languages.Mark("Invalid user ID."), nil, nil},
	models.ReasonNoSuchLogin:          {"invalid_username", 0, languages.Mark("Unknown username."), nil, nil},
	models.ReasonNoSuchEmail:          {"invalid_email", 0, languages.Mark("Unknown email address."), nil, nil},
	models.ReasonExistingUserLogin:    {"existing_user_login", 0, languages.Mark("Sorry, that username already exists!"), nil, nil},
	models.ReasonExistingUserEmail:    {"existing_user_email", 0, languages.Mark("Sorry, that email address is already used!"), nil, nil},
	models.ReasonEmptyUserLogin:       {"empty_user_login", 0, languages.Mark("Cannot create a user with an empty login name."), nil, nil},
	models.ReasonInvalidEmail:         {"invalid_email", 0, languages.Mark("Invalid email address."), nil, nil},
	models.ReasonInvalidRole:          {"rest_user_invalid_role", 0, languages.Mark("Role is invalid."), nil, nil},
	models.ReasonUserLoginTooLong:     {"user_login_too_long", 0, languages.Mark("Username may not be longer than 60 characters."), nil, nil},
	models.ReasonEmptyPassword:        {"empty_password", 0, languages.Mark("Passwords cannot be empty."), nil, nil},
	models.ReasonUserLoginNotEditable: {"user_login_not_editable", 0, languages.Mark("Username isn't editable."), nil, nil},
	models.ReasonInvalidReassign:      {"rest_user_invalid_reassign", 0, languages.Mark("Invalid user ID for reassignment."), nil, nil},
	models.ReasonCannotEditUser:       {"edit_user_forbidden", 0, languages.Mark("Sorry, you are not allowed to edit this user."), nil, nil},

	// Logins.
	models.ReasonLoginUnknownUsername: {"invalid_username", 0, languages.Mark("<strong>Error:</strong> Unknown username. Check again or try your email address."), nil, nil},
	models.ReasonLoginUnknownEmail:    {"invalid_email", 0, languages.Mark("<strong>Error:</strong> Unknown email address. Check again or try your username."), nil, nil},
	models.ReasonIncorrectLogin:       {"incorrect_password", 0, languages.Mark("Incorrect username or password."), nil, nil},
	models.ReasonIncorrectPassword:    {"incorrect_password", 0, languages.Mark("The password you entered is incorrect."), nil, nil},
	models.ReasonTooManyLoginAttempts: {"too_many_login_attempts", 0, languages.Mark("Too many failed login attempts. Try again in %d seconds."), retryAfterSeconds, retryAfterData},

	// Application passwords.
	models.ReasonBadAppPassword:              {"incorrect_password", 0, languages.Mark("The provided password is an invalid application password."), nil, nil},
	models.ReasonAppPasswordsUnavailable:     {"application_passwords_disabled", 0, languages.Mark("Application passwords are not available."), nil, nil},
	models.ReasonAppPasswordsDisabledForUser: {"application_passwords_disabled_for_user", 0, languages.Mark("Application passwords are not available for your account. Please contact the site administrator for assistance."), nil, nil},
	models.ReasonAppPasswordExpired:          {"application_password_expired", 0, languages.Mark("The provided application password has expired."), nil, nil},
	models.ReasonAppPasswordNotFound:         {"rest_application_password_not_found", 0, languages.Mark("Application password not found."), nil, nil},
	models.ReasonAppPasswordNameRequired:     {"application_password_empty_name", 0, languages.Mark("An application name is required to create an application password."), nil, nil},
	models.ReasonAppPasswordNameTooLong:      {"application_password_name_too_long", 0, languages.Mark("The application name is too long."), nil, nil},
	models.ReasonAppPasswordInvalidScope:     {"application_password_invalid_scope", 0, languages.Mark("The scope must be full or read."), nil, nil},
	models.ReasonAppPasswordInvalidAppID:     {"application_password_invalid_app_id", 0, languages.Mark("The app_id must be a UUID."), nil, nil},
	models.ReasonAppPasswordInvalidExpiry:    {"application_password_invalid_expires", 0, languages.Mark("The expiry must be in the future."), nil, nil},
	models.ReasonAppPasswordFilterRequired:   {"application_password_filter_required", 0, languages.Mark("Give at least one filter to revoke application passwords in bulk."), nil, nil},

	// Options.
	models.ReasonCannotManageOptions: {"rest_forbidden", 0, languages.Mark("Sorry, you are not allowed to do that."), nil, nil},
}

// The details a message or data object needs.
func givenValue(d models.Details) []any        { return []any{d.Value} }
func limitInKB(d models.Details) []any         { return []any{d.Limit / 1024} }
func retryAfterSeconds(d models.Details) []any { return []any{d.RetryAfter} }
func uploadPath(d models.Details) []any        { return []any{d.Path} }

func termIDData(d models.Details) *Object {
	return Obj("term_id", d.ID)
}

func retryAfterData(d models.Details) *Object {
	return Obj("retry_after", d.RetryAfter)
}
