package languages

import (
	"testing"
	"time"
)

func TestDatesInEachLocale(t *testing.T) {
	at := time.Date(2026, time.December, 7, 15, 4, 0, 0, time.UTC)
	tests := []struct {
		name, got, want string
	}{
		{"a date in English", Date(Default, at), "December 7, 2026"},
		{"a date in Japanese", Date("ja", at), "2026年12月7日"},
		{"a time of day in English", Time(Default, at), "3:04 pm"},
		{"a time of day in Japanese", Time("ja", at), "15:04"},
		{"a date and time in English", DateTime(Default, at), "December 7, 2026 3:04 pm"},
		{"a date and time in Japanese", DateTime("ja", at), "2026年12月7日 15:04"},
		{"a day as its address names it", Day(Default, 2024, time.February, 31), "February 31, 2024"},
		{"a month in English", MonthYear(Default, 2024, time.February), "February 2024"},
		{"a month in Japanese", MonthYear("ja", 2024, time.February), "2024年2月"},
		{"a year in English", Year(Default, 2024), "2024"},
		{"a year in Japanese", Year("ja", 2024), "2024年"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, tt.got, tt.want)
		}
	}
}
