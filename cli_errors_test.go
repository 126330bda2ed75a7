package main

import (
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/presspass/presspass/models"
	"github.com/presspass/presspass/models/reasonstest"
)

// TestErrorLineWordsEveryReason: whatever reason a store error has, the CLI
// prints one line in words, without the kind's prefix or the reason unless
// JSON was asked for, and then with the reason in brackets.
func TestErrorLineWordsEveryReason(t *testing.T) {
	for _, r := range reasonstest.All(t) {
		for _, kind := range []models.Kind{models.KindInvalid, models.KindNotFound, models.KindConflict, models.KindUnavailable} {
			err := fmt.Errorf("ann: %w", reasonstest.Refusal(kind, r, models.Details{Value: "x"}))
			line := errorLine(err, false)
			if !strings.HasPrefix(line, "ann: ") || strings.Contains(line, kind.String()+":") || strings.Contains(line, "\n") ||
				strings.Contains(line, "[") || len(line) < len("ann: ")+10 {
				t.Errorf("%s %q: %q", kind, r, line)
			}
			if got := errorLine(err, true); got != line+" ["+string(r)+"]" {
				t.Errorf("%s %q with JSON: %q", kind, r, got)
			}
		}
	}
}

// TestErrorLineSources: the CLI's own sentence first, then WordPress's
// message, then the kind's sentence with the reason; an internal failure
// names its cause, as the one who runs a command is the operator.
func TestErrorLineSources(t *testing.T) {
	refuse := reasonstest.Refusal
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"the CLI's own sentence with the flag given", &flagsError{err: refuse(models.KindInvalid, models.ReasonInvalidRole, models.Details{}), flags: map[string]string{"role": "boss"}},
			`"boss" is not a role; choose one of: administrator, editor, author, contributor, subscriber.`},
		{"the last administrator", fmt.Errorf("boss: %w", models.ErrLastAdministrator),
			"boss: This is the site's last administrator; make another user an administrator first."},
		{"WordPress's message", refuse(models.KindConflict, models.ReasonExistingUserLogin, models.Details{}),
			"Sorry, that username already exists!"},
		{"WordPress's message with the value", refuse(models.KindNotFound, models.ReasonUnknownUserRef, models.Details{Value: "-h"}),
			"Invalid user ID, email or login: '-h'"},
		{"the kind's sentence naming the reason", refuse(models.KindInvalid, models.ReasonUploadNoData, models.Details{}),
			"That value is not accepted: the upload is empty."},
		{"an internal failure names its cause", models.Internal(io.ErrClosedPipe), "Something went wrong inside PressPass: io: read/write on closed pipe"},
		{"not a store error", fmt.Errorf("--port needs a value.\nsecond line"), "--port needs a value."},
	}
	for _, tt := range tests {
		if got := errorLine(tt.err, false); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
}
