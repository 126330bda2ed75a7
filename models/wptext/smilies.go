package wptext

import "strings"

// convert_smilies: text emoticons (":)", ";-)", ":lol:" …) become the emoji
// WordPress 6.9's smilies_init maps them to. A smiley counts only as a word
// of its own: at the start of a text run or after a space, tab, line break,
// U+00A0 or "&nbsp;", and at the end of the run or before one of those.
// Tags are left alone, and so is everything inside <code>, <pre>, <style>,
// <script> and <textarea>.
//
// WordPress applies it only while the use_smilies option is on (the
// default); the filter chains go through smiliesIf with Options.Smilies.

// smileys is $wpsmiliestrans as WordPress 6.9 defines it. ":mrgreen:" is
// the one smiley WordPress shows as an image (wp-includes/images/smilies/
// mrgreen.png); PressPass serves no such file, so that smiley is matched
// (to skip over it exactly as WordPress's pattern does) but left as text.
var smileys = map[string]string{
	":mrgreen:": "",
	":neutral:": "\U0001F610",
	":twisted:": "\U0001F608",
	":arrow:":   "\u27A1",
	":shock:":   "\U0001F62F",
	":smile:":   "\U0001F642",
	":???:":     "\U0001F615",
	":cool:":    "\U0001F60E",
	":evil:":    "\U0001F47F",
	":grin:":    "\U0001F600",
	":idea:":    "\U0001F4A1",
	":oops:":    "\U0001F633",
	":razz:":    "\U0001F61B",
	":roll:":    "\U0001F644",
	":wink:":    "\U0001F609",
	":cry:":     "\U0001F625",
	":eek:":     "\U0001F62E",
	":lol:":     "\U0001F606",
	":mad:":     "\U0001F621",
	":sad:":     "\U0001F641",
	"8-)":       "\U0001F60E",
	"8-O":       "\U0001F62F",
	":-(":       "\U0001F641",
	":-)":       "\U0001F642",
	":-?":       "\U0001F615",
	":-D":       "\U0001F600",
	":-P":       "\U0001F61B",
	":-o":       "\U0001F62E",
	":-x":       "\U0001F621",
	":-|":       "\U0001F610",
	";-)":       "\U0001F609",
	"8O":        "\U0001F62F",
	":(":        "\U0001F641",
	":)":        "\U0001F642",
	":?":        "\U0001F615",
	":D":        "\U0001F600",
	":P":        "\U0001F61B",
	":o":        "\U0001F62E",
	":x":        "\U0001F621",
	":|":        "\U0001F610",
	";)":        "\U0001F609",
	":!:":       "\u2757",
	":?:":       "\u2753",
}

// smileyMaxLen is the length of the longest smiley.
const smileyMaxLen = len(":mrgreen:")

// smileyIgnoreElements are the elements whose text convert_smilies leaves
// alone, in the order WordPress's pattern tries them.
var smileyIgnoreElements = []string{"code", "pre", "style", "script", "textarea"}

// ConvertSmilies is convert_smilies.
func ConvertSmilies(text string) string {
	if !hasSmileyCandidate(text) {
		return text
	}
	var b strings.Builder
	ignore := ""
	changed := false
	for _, piece := range splitSmileyTags(text) {
		if ignore == "" {
			ignore = smileyIgnoreStart(piece)
		}
		if ignore == "" && piece != "" && piece[0] != '<' {
			if out := convertSmileyRun(piece); out != piece {
				piece = out
				changed = true
			}
		}
		if ignore != "" && piece == "</"+ignore+">" {
			ignore = ""
		}
		b.WriteString(piece)
	}
	if !changed {
		return text
	}
	return b.String()
}

// hasSmileyCandidate is the cheap test: is there anywhere a smiley that
// could stand as a word of its own once tags are split off (so ">" before
// and "<" after count as boundaries too)? Every smiley starts with ':',
// ';' or '8'.
func hasSmileyCandidate(text string) bool {
	for i := 0; i < len(text); i++ {
		k := strings.IndexAny(text[i:], ":;8")
		if k < 0 {
			return false
		}
		i += k
		if i > 0 && text[i-1] != '>' && !smileyBoundaryBefore(text, i) {
			continue
		}
		for n := 2; n <= smileyMaxLen && i+n <= len(text); n++ {
			if _, ok := smileys[text[i:i+n]]; ok && (i+n == len(text) || text[i+n] == '<' || smileyBoundaryAfter(text, i+n)) {
				return true
			}
		}
	}
	return false
}

// splitSmileyTags splits text as convert_smilies's preg_split('/(<.*>)/U')
// does: a "tag" runs from "<" to the nearest ">" on the same line; the
// text between tags comes between them (possibly empty).
func splitSmileyTags(text string) []string {
	var parts []string
	last := 0
	for i := 0; i < len(text); i++ {
		if text[i] != '<' {
			continue
		}
		end := -1
		for j := i + 1; j < len(text); j++ {
			if text[j] == '>' {
				end = j + 1
				break
			}
			if text[j] == '\n' {
				break
			}
		}
		if end < 0 {
			continue
		}
		parts = append(parts, text[last:i], text[i:end])
		last = end
		i = end - 1
	}
	return append(parts, text[last:])
}

// smileyIgnoreStart reports the element an ignored block starts with when
// piece matches WordPress's /^<(code|pre|style|script|textarea)[^>]*>/
// (case-sensitive, and "<prefix>" counts as "pre"), else "".
func smileyIgnoreStart(piece string) string {
	if len(piece) < 2 || piece[0] != '<' {
		return ""
	}
	for _, name := range smileyIgnoreElements {
		if !strings.HasPrefix(piece[1:], name) {
			continue
		}
		rest := piece[1+len(name):]
		if k := strings.IndexByte(rest, '>'); k >= 0 {
			return name
		}
		return ""
	}
	return ""
}

// convertSmileyRun replaces the smileys of one text run.
func convertSmileyRun(s string) string {
	var b strings.Builder
	last := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != ':' && c != ';' && c != '8' {
			continue
		}
		if !smileyBoundaryBefore(s, i) {
			continue
		}
		smiley, emoji := smileyAt(s, i)
		if smiley == "" {
			continue
		}
		if emoji != "" {
			b.WriteString(s[last:i])
			b.WriteString(emoji)
			last = i + len(smiley)
		}
		i += len(smiley) - 1
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// smileyAt finds the smiley starting at s[i] that is followed by a
// boundary (there is at most one: smileys of different lengths end at
// different places, and no smiley continues with a space).
func smileyAt(s string, i int) (smiley, emoji string) {
	for n := 2; n <= smileyMaxLen && i+n <= len(s); n++ {
		cand := s[i : i+n]
		e, ok := smileys[cand]
		if ok && smileyBoundaryAfter(s, i+n) {
			return cand, e
		}
	}
	return "", ""
}

// smileyBoundaryBefore is the (?<=[\r\n\t ]|\xC2\xA0|&nbsp;|^) of
// WordPress's smilies pattern.
func smileyBoundaryBefore(s string, i int) bool {
	if i == 0 {
		return true
	}
	switch s[i-1] {
	case ' ', '\t', '\n', '\r':
		return true
	}
	return strings.HasSuffix(s[:i], "\u00a0") || strings.HasSuffix(s[:i], "&nbsp;")
}

// smileyBoundaryAfter is the (?=[\r\n\t ]|\xC2\xA0|&nbsp;|$) of the
// pattern.
func smileyBoundaryAfter(s string, j int) bool {
	if j == len(s) {
		return true
	}
	switch s[j] {
	case ' ', '\t', '\n', '\r':
		return true
	}
	return strings.HasPrefix(s[j:], "\u00a0") || strings.HasPrefix(s[j:], "&nbsp;")
}
