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
func Date(locale string, t time.Time) string { return Day(locale, t.Year(), t.Month(), t.Day()) }

// Day shows a calendar date given as numbers, as written (a date archive's
// title keeps the day its address names).
func Day(locale string, year int, month time.Month, day int) string {
	if locale == "ja" {
		return strconv.Itoa(year) + "年" + strconv.Itoa(int(month)) + "月" + strconv.Itoa(day) + "日"
	}
	return month.String() + " " + strconv.Itoa(day) + ", " + strconv.Itoa(year)
}

// Time shows t's time of day in locale.
func Time(locale string, t time.Time) string {
	if locale == "ja" {
		return t.Format("15:04")
	}
	return t.Format("3:04 pm")
}

// DateTime shows t's date and time of day in locale.
func DateTime(locale string, t time.Time) string { return Date(locale, t) + " " + Time(locale, t) }

// MonthYear shows a month, a monthly archive's title: WordPress's "F Y",
// "Y年n月" in Japanese.
func MonthYear(locale string, year int, month time.Month) string {
	if locale == "ja" {
		return strconv.Itoa(year) + "年" + strconv.Itoa(int(month)) + "月"
	}
	return month.String() + " " + strconv.Itoa(year)
}

// Year shows a year, a yearly archive's title: "Y", "Y年" in Japanese.
func Year(locale string, year int) string {
	if locale == "ja" {
		return strconv.Itoa(year) + "年"
	}
	return strconv.Itoa(year)
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
