package words

import (
	"io"
	"testing"

	"github.com/presspass/presspass/languages"
	"github.com/presspass/presspass/models"
	"github.com/presspass/presspass/models/reasonstest"
)

func TestStoreErrorsAsPageMessages(t *testing.T) {
	refuse := reasonstest.Refusal
	tests := []struct {
		name     string
		err      error
		want, ja string
		ok       bool
	}{
		{"a profile refusal", refuse(models.KindInvalid, models.ReasonExistingUserEmail, models.Details{}),
			"Sorry, that email address is already used!", "そのメールアドレスはすでに使われています。", true},
		{"an application password refusal", refuse(models.KindInvalid, models.ReasonAppPasswordNameRequired, models.Details{}),
			"An application name is required to create an application password.", "アプリケーションパスワードを作成するにはアプリケーション名が必要です。", true},
		{"a message filled from the details", refuse(models.KindNotFound, models.ReasonUnknownUserRef, models.Details{Value: "nobody"}),
			"Invalid user ID, email or login: 'nobody'", "無効なユーザー ID、メールアドレスまたはログイン名です: 'nobody'", true},
		{"a lockout", refuse(models.KindTooManyRequests, models.ReasonTooManyLoginAttempts, models.Details{RetryAfter: 5}),
			"Too many failed login attempts. Try again in 5 seconds.", "ログインの失敗が多すぎます。5秒後にもう一度お試しください。", true},
		{"a reason no page meets", refuse(models.KindForbidden, models.ReasonCannotStick, models.Details{}), "", "", false},
		{"an internal failure", models.Internal(io.ErrUnexpectedEOF), "", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := Message(languages.Default, tt.err)
			if got != tt.want || ok != tt.ok {
				t.Fatalf("got %q %v, want %q %v", got, ok, tt.want, tt.ok)
			}
			if got, _ := Message("ja", tt.err); got != tt.ja {
				t.Fatalf("ja: got %q, want %q", got, tt.ja)
			}
		})
	}
}

// Every message of the table is marked, so it reaches the catalog and the
// pages show it in their language: each has a Japanese entry.
func TestEveryMessageIsTranslated(t *testing.T) {
	for reason, rm := range messages {
		if languages.T("ja", rm.message) == rm.message {
			t.Errorf("reason %v: %q has no Japanese entry (mark it with languages.Mark)", reason, rm.message)
		}
	}
}
