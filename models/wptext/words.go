package wptext

import (
	"strings"
	"time"
)

// Words puts the strings a dynamic block shows into the reader's language,
// as WordPress's __() and _x() (and WP_Locale's month and weekday names)
// do where the block is rendered. wptext knows no catalog: the adapter
// binds Gettext and Pgettext to the locale it answers in (the user's for
// a REST request with _locale=user, else the site's), and the zero Words
// leaves every string in English. Each string is written where it is shown,
// as a call of T or Tx with its literal, so that the catalog template
// (languages' TestCatalogs) finds it.
type Words struct {
	// Gettext is __(): msgid in the reader's language.
	Gettext func(msgid string) string
	// Pgettext is _x(): msgid in the sense context gives it.
	Pgettext func(msgid, context string) string
}

// T is __().
func (w Words) T(msgid string) string {
	if w.Gettext == nil {
		return msgid
	}
	return w.Gettext(msgid)
}

// Tx is _x().
func (w Words) Tx(msgid, context string) string {
	if w.Pgettext == nil {
		return msgid
	}
	return w.Pgettext(msgid, context)
}

// month is WP_Locale::get_month.
func (w Words) month(m time.Month) string {
	switch m {
	case time.January:
		return w.T("January")
	case time.February:
		return w.T("February")
	case time.March:
		return w.T("March")
	case time.April:
		return w.T("April")
	case time.May:
		return w.T("May")
	case time.June:
		return w.T("June")
	case time.July:
		return w.T("July")
	case time.August:
		return w.T("August")
	case time.September:
		return w.T("September")
	case time.October:
		return w.T("October")
	case time.November:
		return w.T("November")
	}
	return w.T("December")
}

// monthAbbrev is WP_Locale::get_month_abbrev.
func (w Words) monthAbbrev(m time.Month) string {
	switch m {
	case time.January:
		return w.Tx("Jan", "January abbreviation")
	case time.February:
		return w.Tx("Feb", "February abbreviation")
	case time.March:
		return w.Tx("Mar", "March abbreviation")
	case time.April:
		return w.Tx("Apr", "April abbreviation")
	case time.May:
		return w.Tx("May", "May abbreviation")
	case time.June:
		return w.Tx("Jun", "June abbreviation")
	case time.July:
		return w.Tx("Jul", "July abbreviation")
	case time.August:
		return w.Tx("Aug", "August abbreviation")
	case time.September:
		return w.Tx("Sep", "September abbreviation")
	case time.October:
		return w.Tx("Oct", "October abbreviation")
	case time.November:
		return w.Tx("Nov", "November abbreviation")
	}
	return w.Tx("Dec", "December abbreviation")
}

// weekday is WP_Locale::get_weekday.
func (w Words) weekday(d time.Weekday) string {
	switch d {
	case time.Sunday:
		return w.T("Sunday")
	case time.Monday:
		return w.T("Monday")
	case time.Tuesday:
		return w.T("Tuesday")
	case time.Wednesday:
		return w.T("Wednesday")
	case time.Thursday:
		return w.T("Thursday")
	case time.Friday:
		return w.T("Friday")
	}
	return w.T("Saturday")
}

// weekdayInitial is WP_Locale::get_weekday_initial, the calendar's column
// heads.
func (w Words) weekdayInitial(d time.Weekday) string {
	switch d {
	case time.Sunday:
		return w.Tx("S", "Sunday initial")
	case time.Monday:
		return w.Tx("M", "Monday initial")
	case time.Tuesday:
		return w.Tx("T", "Tuesday initial")
	case time.Wednesday:
		return w.Tx("W", "Wednesday initial")
	case time.Thursday:
		return w.Tx("T", "Thursday initial")
	case time.Friday:
		return w.Tx("F", "Friday initial")
	}
	return w.Tx("S", "Saturday initial")
}

// weekdayAbbrev is WP_Locale::get_weekday_abbrev.
func (w Words) weekdayAbbrev(d time.Weekday) string {
	switch d {
	case time.Sunday:
		return w.T("Sun")
	case time.Monday:
		return w.T("Mon")
	case time.Tuesday:
		return w.T("Tue")
	case time.Wednesday:
		return w.T("Wed")
	case time.Thursday:
		return w.T("Thu")
	case time.Friday:
		return w.T("Fri")
	}
	return w.T("Sat")
}

// meridiem is WP_Locale::get_meridiem.
func (w Words) meridiem(t time.Time, upper bool) string {
	switch {
	case t.Hour() < 12 && upper:
		return w.T("AM")
	case t.Hour() < 12:
		return w.T("am")
	case upper:
		return w.T("PM")
	}
	return w.T("pm")
}

// Date is wp_date (date_i18n, mysql2date): PHPDate with the month and
// weekday names and the meridiem in the reader's language.
func (w Words) Date(format string, t time.Time) string {
	var b strings.Builder
	escaped := false
	for _, c := range format {
		switch {
		case escaped:
			// wp_date keeps the backslash for date() to read.
			b.WriteByte('\\')
			b.WriteRune(c)
			escaped = false
		case c == '\\':
			escaped = true
		case c == 'D':
			b.WriteString(escapeDateFormat(w.weekdayAbbrev(t.Weekday())))
		case c == 'F':
			b.WriteString(escapeDateFormat(w.month(t.Month())))
		case c == 'l':
			b.WriteString(escapeDateFormat(w.weekday(t.Weekday())))
		case c == 'M':
			b.WriteString(escapeDateFormat(w.monthAbbrev(t.Month())))
		case c == 'a':
			b.WriteString(escapeDateFormat(w.meridiem(t, false)))
		case c == 'A':
			b.WriteString(escapeDateFormat(w.meridiem(t, true)))
		default:
			b.WriteRune(c)
		}
	}
	return PHPDate(b.String(), t)
}

// escapeDateFormat makes every character of a name literal for date(),
// as wp_date's backslashit does before it puts the name into the format.
func escapeDateFormat(s string) string {
	var b strings.Builder
	for _, c := range s {
		b.WriteByte('\\')
		b.WriteRune(c)
	}
	return b.String()
}
