package wptext

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// PHPDate is PHP's date() (as date_i18n and wp_date use it) with English
// names: t is formatted in its own location, a backslash makes the next
// character literal, and characters that are no format are kept.
func PHPDate(format string, t time.Time) string {
	var b strings.Builder
	escaped := false
	for _, c := range format {
		switch {
		case escaped:
			b.WriteRune(c)
			escaped = false
		case c == '\\':
			escaped = true
		default:
			b.WriteString(phpDateChar(c, t))
		}
	}
	return b.String()
}

// phpDateChar is one format character's text, or the character itself.
func phpDateChar(c rune, t time.Time) string {
	switch c {
	case 'd':
		return fmt.Sprintf("%02d", t.Day())
	case 'D':
		return t.Weekday().String()[:3]
	case 'j':
		return strconv.Itoa(t.Day())
	case 'l':
		return t.Weekday().String()
	case 'N':
		return strconv.Itoa((int(t.Weekday())+6)%7 + 1)
	case 'S':
		return englishOrdinalSuffix(t.Day())
	case 'w':
		return strconv.Itoa(int(t.Weekday()))
	case 'z':
		return strconv.Itoa(t.YearDay() - 1)
	case 'W':
		_, w := t.ISOWeek()
		return fmt.Sprintf("%02d", w)
	case 'F':
		return t.Month().String()
	case 'm':
		return fmt.Sprintf("%02d", int(t.Month()))
	case 'M':
		return t.Month().String()[:3]
	case 'n':
		return strconv.Itoa(int(t.Month()))
	case 't':
		return strconv.Itoa(time.Date(t.Year(), t.Month()+1, 0, 0, 0, 0, 0, time.UTC).Day())
	case 'L':
		if y := t.Year(); y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return "1"
		}
		return "0"
	case 'o':
		y, _ := t.ISOWeek()
		return strconv.Itoa(y)
	case 'Y':
		return strconv.Itoa(t.Year())
	case 'y':
		return fmt.Sprintf("%02d", t.Year()%100)
	case 'a':
		return t.Format("pm")
	case 'A':
		return t.Format("PM")
	case 'g':
		return t.Format("3")
	case 'G':
		return strconv.Itoa(t.Hour())
	case 'h':
		return t.Format("03")
	case 'H':
		return fmt.Sprintf("%02d", t.Hour())
	case 'i':
		return fmt.Sprintf("%02d", t.Minute())
	case 's':
		return fmt.Sprintf("%02d", t.Second())
	case 'u':
		return fmt.Sprintf("%06d", t.Nanosecond()/1000)
	case 'v':
		return fmt.Sprintf("%03d", t.Nanosecond()/1000000)
	case 'e':
		return t.Location().String()
	case 'I':
		if t.IsDST() {
			return "1"
		}
		return "0"
	case 'O':
		return t.Format("-0700")
	case 'P':
		return t.Format("-07:00")
	case 'p':
		if _, off := t.Zone(); off == 0 {
			return "Z"
		}
		return t.Format("-07:00")
	case 'T':
		return t.Format("MST")
	case 'Z':
		_, off := t.Zone()
		return strconv.Itoa(off)
	case 'c':
		return t.Format("2006-01-02T15:04:05-07:00")
	case 'r':
		return t.Format("Mon, 02 Jan 2006 15:04:05 -0700")
	case 'U':
		return strconv.FormatInt(t.Unix(), 10)
	}
	return string(c)
}

// englishOrdinalSuffix is date()'s S: st, nd, rd or th.
func englishOrdinalSuffix(day int) string {
	if day >= 11 && day <= 13 {
		return "th"
	}
	switch day % 10 {
	case 1:
		return "st"
	case 2:
		return "nd"
	case 3:
		return "rd"
	}
	return "th"
}
