package wptext

import (
	"testing"
	"time"
)

// TestWordsDate: wp_date puts the reader's month and weekday names and
// meridiem into the format, leaves escaped characters literal, and is
// PHPDate when Words translate nothing.
func TestWordsDate(t *testing.T) {
	fake := map[string]string{"March": "3月", "Thursday": "木曜日", "Thu": "木", "pm": "午後"}
	words := Words{
		Gettext: func(msgid string) string {
			if tr, ok := fake[msgid]; ok {
				return tr
			}
			return msgid
		},
		Pgettext: func(msgid, context string) string {
			if context == "March abbreviation" {
				return "3月"
			}
			return msgid
		},
	}
	at := time.Date(1999, 3, 4, 15, 7, 0, 0, time.UTC)
	tests := []struct {
		format, english, translated string
	}{
		{"F j, Y", "March 4, 1999", "3月 4, 1999"},
		{"l, M j", "Thursday, Mar 4", "木曜日, 3月 4"},
		{"D g:i a", "Thu 3:07 pm", "木 3:07 午後"},
		{`\F F \\`, `F March \`, `F 3月 \`},
		{"Y年n月j日", "1999年3月4日", "1999年3月4日"},
	}
	for _, tt := range tests {
		if got := (Words{}).Date(tt.format, at); got != tt.english || got != PHPDate(tt.format, at) {
			t.Errorf("English %q: %q, want %q (PHPDate %q)", tt.format, got, tt.english, PHPDate(tt.format, at))
		}
		if got := words.Date(tt.format, at); got != tt.translated {
			t.Errorf("translated %q: %q, want %q", tt.format, got, tt.translated)
		}
	}
}
