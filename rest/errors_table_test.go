package rest

import (
	"io"
	"log/slog"
	"reflect"
	"testing"

	"github.com/presspass/presspass/languages"
	"github.com/presspass/presspass/models"
	"github.com/presspass/presspass/models/reasonstest"
)

// notOverREST are the reasons no REST route can meet: loaders, the
// pages' sessions and two-factor logins, the public site's own, pingbacks,
// and internal failures (worded by kind).
var notOverREST = map[models.Reason]bool{
	models.ReasonInternal: true, models.ReasonUnknownPostStatus: true, models.ReasonPostTypeRequired: true,
	models.ReasonUnknownCommentStatus: true, models.ReasonImportedUserUnknown: true, models.ReasonAppPasswordUUIDRequired: true,
	models.ReasonUnknownUserRef: true, models.ReasonSessionExpired: true, models.ReasonSessionNotFound: true,
	models.ReasonTwoFactorCodeIncorrect: true, models.ReasonTwoFactorNotSetUp: true, models.ReasonTwoFactorSelfOnly: true,
	models.ReasonLoginChallengeExpired: true, models.ReasonPingbackTargetInvalid: true, models.ReasonPingbackRegistered: true,
	models.ReasonSitemapNotFound: true, models.ReasonNoSuchTermSlug: true, models.ReasonCommentOnProtectedPost: true,
	models.ReasonDoctorTokenInvalid: true, // the doctor route answers with its own error
	models.ReasonLastAdministrator:  true, // only the CLI's user delete refuses it
}

func TestEveryReasonHasRESTWords(t *testing.T) {
	reasonstest.CheckWorded(t, func(r models.Reason) bool { _, ok := reasonWords[r]; return ok }, notOverREST)
}

func TestStoreErrorsAsREST(t *testing.T) {
	s := &Server{log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	refuse := reasonstest.Refusal
	tests := []struct {
		name     string
		err      error
		loggedIn bool
		status   int
		code     string
		message  string
		data     *Object
	}{
		{"a refusal to a visitor", refuse(models.KindForbidden, models.ReasonCannotEditPost, models.Details{}), false,
			401, "rest_cannot_edit", "Sorry, you are not allowed to edit this post.", nil},
		{"the same refusal to a user", refuse(models.KindForbidden, models.ReasonCannotEditPost, models.Details{}), true,
			403, "rest_cannot_edit", "Sorry, you are not allowed to edit this post.", nil},
		{"a status of the reason's own", refuse(models.KindTooManyRequests, models.ReasonCommentFlood, models.Details{}), true,
			400, "comment_flood", "You are posting comments too quickly. Slow down.", nil},
		{"a message filled from the details", refuse(models.KindInvalid, models.ReasonUploadTooLarge, models.Details{Limit: 2 << 20}), true,
			400, "rest_upload_file_too_big", "This file is too big. Files must be less than 2048 KB in size.", nil},
		{"an upload the storage refused names its folder", refuse(models.KindUnavailable, models.ReasonUploadNotStored, models.Details{Path: "wp-content/uploads/2026/12"}), true,
			500, "rest_upload_unknown_error", "The uploaded file could not be moved to wp-content/uploads/2026/12.", nil},
		{"details in the data object", refuse(models.KindInvalid, models.ReasonTermExists, models.Details{ID: 7}), true,
			400, "term_exists", "A term with the name provided already exists in this taxonomy.", Obj("term_id", uint64(7))},
		{"a lockout says when to return", refuse(models.KindTooManyRequests, models.ReasonTooManyLoginAttempts, models.Details{RetryAfter: 30}), false,
			429, "too_many_login_attempts", "Too many failed login attempts. Try again in 30 seconds.", Obj("retry_after", 30)},
		{"a write that kept colliding", refuse(models.KindUnavailable, models.ReasonWriteConflict, models.Details{RetryAfter: 1}), true,
			503, "write_conflict", "The site is busy. Please try again shortly.", Obj("retry_after", 1)},
		{"an internal failure shows nothing of its cause", models.Internal(io.ErrUnexpectedEOF), true,
			500, "internal_error", "An internal error occurred.", nil},
		{"REST's own error", Err(400, "rest_invalid_json", "Invalid JSON body passed."), false,
			400, "rest_invalid_json", "Invalid JSON body passed.", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := s.word(tt.err, tt.loggedIn, languages.Default)
			if w.status != tt.status || w.code != tt.code || w.message != tt.message || !reflect.DeepEqual(w.data, tt.data) {
				t.Fatalf("got %d %s %q %v, want %d %s %q %v", w.status, w.code, w.message, w.data, tt.status, tt.code, tt.message, tt.data)
			}
		})
	}
	t.Run("Retry-After header", func(t *testing.T) {
		resp := s.errorResponseIn(refuse(models.KindTooManyRequests, models.ReasonTooManyLoginAttempts, models.Details{RetryAfter: 30}), false, languages.Default)
		if got := resp.Header.Get("Retry-After"); got != "30" {
			t.Fatalf("Retry-After %q, want 30", got)
		}
		resp = s.errorResponseIn(refuse(models.KindUnavailable, models.ReasonWriteConflict, models.Details{RetryAfter: 1}), false, languages.Default)
		if got := resp.Header.Get("Retry-After"); got != "1" {
			t.Fatalf("a busy database: Retry-After %q, want 1", got)
		}
	})
}
