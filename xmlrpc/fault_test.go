package xmlrpc

import (
	"context"
	"io"
	"testing"

	"github.com/presspass/presspass/models"
	"github.com/presspass/presspass/models/reasonstest"
)

// notOverXMLRPC are the reasons no XML-RPC method can meet: loaders, the
// pages' sessions and two-factor logins, block templates, oEmbed and the
// public site's own.
var notOverXMLRPC = map[models.Reason]bool{
	models.ReasonUnknownPostStatus: true, models.ReasonPostTypeRequired: true, models.ReasonUnknownCommentStatus: true,
	models.ReasonImportedUserUnknown: true, models.ReasonAppPasswordUUIDRequired: true, models.ReasonUnknownUserRef: true,
	models.ReasonSessionExpired: true, models.ReasonSessionNotFound: true, models.ReasonTwoFactorCodeIncorrect: true,
	models.ReasonTwoFactorNotSetUp: true, models.ReasonTwoFactorSelfOnly: true, models.ReasonLoginChallengeExpired: true,
	models.ReasonTemplateNotFound: true, models.ReasonThemeTemplateUndeletable: true, models.ReasonTemplateAlreadyTrashed: true,
	models.ReasonOEmbedInvalidURL: true, models.ReasonSitemapNotFound: true, models.ReasonNoSuchTermSlug: true, models.ReasonCommentOnProtectedPost: true,
	models.ReasonDoctorTokenInvalid: true, models.ReasonLastAdministrator: true, models.ReasonInvalidSearchType: true,
}

func TestEveryReasonHasAFault(t *testing.T) {
	reasonstest.CheckWorded(t, func(r models.Reason) bool { _, ok := reasonFaults[r]; return ok }, notOverXMLRPC)
}

func TestStoreErrorsAsFaults(t *testing.T) {
	refuse := reasonstest.Refusal
	tests := []struct {
		name    string
		fault   error
		code    int
		message string
	}{
		{"a refusal takes its kind's code", asFault(refuse(models.KindForbidden, models.ReasonCannotEditPost, models.Details{})),
			401, "Sorry, you are not allowed to edit this post."},
		{"a reason with a code of its own", asFault(refuse(models.KindConflict, models.ReasonPingbackRegistered, models.Details{})),
			48, "The pingback has already been registered."},
		{"a string filled from the details", asFault(refuse(models.KindConflict, models.ReasonDuplicateTermSlug, models.Details{Value: "news"})),
			409, "The slug &#8220;news&#8221; is already in use by another term."},
		{"the method's own code", faultCoded(500, refuse(models.KindInvalid, models.ReasonTermNameRequired, models.Details{})),
			500, "A name is required for this term."},
		{"an internal failure shows nothing of its cause", asFault(models.Internal(io.ErrUnexpectedEOF)),
			500, "An internal error occurred."},
		{"a failed post insert", postWriteFault(models.Internal(io.ErrUnexpectedEOF), true),
			500, "Could not insert post into the database."},
		{"a failed post update", postWriteFault(models.Internal(io.ErrUnexpectedEOF), false),
			500, "Could not update post in the database."},
		{"wp_insert_post's own refusals are 500", postWriteFault(refuse(models.KindInvalid, models.ReasonEmptyPostContent, models.Details{}), true),
			500, "Content, title, and excerpt are empty."},
		{"an upload the storage refused names its folder", uploadFault("photo.png", refuse(models.KindUnavailable, models.ReasonUploadNotStored, models.Details{Path: "wp-content/uploads/2026/12"})),
			500, "Could not write file photo.png (The uploaded file could not be moved to wp-content/uploads/2026/12.)."},
		{"a post write refused for a capability keeps 401", postWriteFault(refuse(models.KindForbidden, models.ReasonCannotStick, models.Details{}), true),
			401, "Sorry, you are not allowed to make posts sticky."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := asFault(tt.fault)
			if f.Code != tt.code || f.Message != tt.message {
				t.Fatalf("got %d %q, want %d %q", f.Code, f.Message, tt.code, tt.message)
			}
		})
	}
	if f := asFault(models.Internal(context.DeadlineExceeded)); f.Code != 503 || f.HTTPStatus != 503 {
		t.Fatalf("an unreachable database gives %d (HTTP %d), want 503", f.Code, f.HTTPStatus)
	}
}
