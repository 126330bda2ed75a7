package wptext

import "strings"

// ConvertChars is convert_chars (the_title, the_excerpt, comment_text): an
// "&" that does not start a reference becomes "&#038;", inside tags too,
// where wptexturize does not look. WordPress's pattern is
// /&([^#])(?![a-z1-4]{1,8};)/i: the byte after the "&" is taken with it
// (so it is never itself the start of a match), and a run of one to eight
// letters or digits 1-4 closed by ";" after that byte marks a reference.
func ConvertChars(s string) string {
	if strings.IndexByte(s, '&') < 0 {
		return s
	}
	var b strings.Builder
	last := 0
	for i := 0; i+1 < len(s); i++ {
		if s[i] != '&' || s[i+1] == '#' {
			continue
		}
		run := 0
		for j := i + 2; j < len(s) && run <= 8 && isEntityNameByte(s[j]); j++ {
			run++
		}
		if run >= 1 && run <= 8 && i+2+run < len(s) && s[i+2+run] == ';' {
			i++ // the byte after "&" belongs to this (unreplaced) match
			continue
		}
		b.WriteString(s[last:i])
		b.WriteString("&#038;")
		b.WriteByte(s[i+1])
		last = i + 2
		i++
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// isEntityNameByte is [a-z1-4] under /i.
func isEntityNameByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '1' && c <= '4'
}
