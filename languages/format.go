package languages

import (
	"strconv"
	"strings"
	"time"
)

// Dates and numbers follow the locale as WordPress's date_i18n and
// number_format_i18n do with the default formats of each language pack:
// "F j, Y" and "g:i a" in English, "Y年n月j日" and "G:i" in Japanese.

// Date shows t's calendar date in locale.
func Date(locale string, t time.Time) string {
	if locale == "ja" {
		return strconv.Itoa(t.Year()) + "年" + strconv.Itoa(int(t.Month())) + "月" + strconv.Itoa(t.Day()) + "日"
	}
	return t.Format("January 2, 2006")
}

// DateTime shows t's date and time of day in locale.
func DateTime(locale string, t time.Time) string {
	if locale == "ja" {
		return Date(locale, t) + " " + t.Format("15:04")
	}
	return t.Format("January 2, 2006 3:04 pm")
}

// Number shows n with the locale's thousands separator (a comma in both
// English and Japanese).
func Number(locale string, n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}
