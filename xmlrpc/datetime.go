package xmlrpc

import (
	"strings"
	"time"
)

// dateTime.iso8601 as clients send it. The spec's form is compact
// (20060102T15:04:05); real clients add a zone (Z, +0200, +02:00), use the
// extended ISO form with dashes, or add fractions of a second. All of these
// are understood. A time without a zone is a wall-clock time whose meaning
// (site-local or GMT) the method decides.
var dateLayouts = []string{
	"20060102T15:04:05",
	"20060102T150405",
	"2006-01-02T15:04:05",
	"20060102T15:04",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05",
	"20060102",
	"2006-01-02",
}

// parseDateTime reads a dateTime.iso8601 text. ok is false when the text
// is not a date at all; such values are kept as text and treated as "no
// date" by the methods, as WordPress ignores dates it cannot parse.
func parseDateTime(raw string) (t time.Time, hasZone bool, ok bool) {
	s := strings.TrimSpace(raw)
	if s == "" {
		return time.Time{}, false, false
	}
	body, loc, zoned := splitZone(s)
	// Drop fractions of a second: ".000" after the seconds.
	if i := strings.LastIndexByte(body, '.'); i > 0 && allDigits(body[i+1:]) && strings.Contains(body[:i], ":") {
		body = body[:i]
	}
	for _, layout := range dateLayouts {
		if parsed, err := time.ParseInLocation(layout, body, time.UTC); err == nil {
			if zoned {
				wall := time.Date(parsed.Year(), parsed.Month(), parsed.Day(), parsed.Hour(), parsed.Minute(), parsed.Second(), 0, loc)
				return wall.UTC(), true, true
			}
			return parsed, false, true
		}
	}
	return time.Time{}, false, false
}

// splitZone separates a trailing Z or numeric offset from a date text.
func splitZone(s string) (body string, loc *time.Location, zoned bool) {
	if strings.HasSuffix(s, "Z") || strings.HasSuffix(s, "z") {
		return s[:len(s)-1], time.UTC, true
	}
	// An offset follows the time part: look for + or - after the 'T'.
	t := strings.IndexAny(s, "Tt ")
	if t < 0 {
		return s, nil, false
	}
	i := strings.LastIndexAny(s, "+-")
	if i <= t {
		return s, nil, false
	}
	off := strings.ReplaceAll(s[i+1:], ":", "")
	if len(off) != 2 && len(off) != 4 || !allDigits(off) {
		return s, nil, false
	}
	h := int(off[0]-'0')*10 + int(off[1]-'0')
	m := 0
	if len(off) == 4 {
		m = int(off[2]-'0')*10 + int(off[3]-'0')
	}
	secs := h*3600 + m*60
	if s[i] == '-' {
		secs = -secs
	}
	return s[:i], time.FixedZone("", secs), true
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// formatDateTime writes a time in the compact form WordPress sends.
func formatDateTime(t time.Time) string {
	if t.IsZero() || t.Year() < 1 {
		return "00000000T00:00:00"
	}
	return t.Format("20060102T15:04:05")
}
