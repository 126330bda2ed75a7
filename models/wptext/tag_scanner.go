package wptext

import (
	"html"
	"strings"
)

// tagScanner walks the opening tags of an HTML fragment as
// WP_HTML_Tag_Processor's next_tag does: comments, closing tags and the
// text of raw-text elements (script, style, textarea, title …) are
// skipped, and each opening tag's class attribute is found.
type tagScanner struct {
	html string
	pos  int
	tag  tagSpan
}

// tagSpan is one opening tag: its name's end (where a new attribute
// goes) and its first class attribute, if any.
type tagSpan struct {
	name                 string
	nameEnd              int
	classStart, classEnd int // the whole attribute, name to value's end; classStart < 0 when none
	class                string
}

var rawTextElements = map[string]bool{
	"SCRIPT": true, "STYLE": true, "TEXTAREA": true, "TITLE": true, "IFRAME": true,
	"NOEMBED": true, "NOFRAMES": true, "XMP": true,
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

func isHTMLSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
}

// next moves to the next opening tag and reports whether there was one.
func (s *tagScanner) next() bool {
	h := s.html
	for {
		i := strings.IndexByte(h[s.pos:], '<')
		if i < 0 {
			s.pos = len(h)
			return false
		}
		at := s.pos + i
		switch {
		case strings.HasPrefix(h[at:], "<!--"):
			end := strings.Index(h[at+4:], "-->")
			if end < 0 {
				s.pos = len(h)
				return false
			}
			s.pos = at + 4 + end + 3
		case at+1 < len(h) && isASCIILetter(h[at+1]):
			if s.readTag(at) {
				return true
			}
			return false
		case at+1 < len(h) && (h[at+1] == '/' || h[at+1] == '!' || h[at+1] == '?'):
			end := strings.IndexByte(h[at+1:], '>')
			if end < 0 {
				s.pos = len(h)
				return false
			}
			s.pos = at + 1 + end + 1
		default:
			s.pos = at + 1
		}
	}
}

// readTag reads the tag at "<" and leaves pos after it (after its
// raw text for a raw-text element).
func (s *tagScanner) readTag(at int) bool {
	h := s.html
	i := at + 1
	for i < len(h) && !isHTMLSpace(h[i]) && h[i] != '/' && h[i] != '>' {
		i++
	}
	s.tag = tagSpan{name: strings.ToUpper(h[at+1 : i]), nameEnd: i, classStart: -1}
	for {
		for i < len(h) && (isHTMLSpace(h[i]) || h[i] == '/') {
			i++
		}
		if i >= len(h) {
			s.pos = len(h)
			return false
		}
		if h[i] == '>' {
			i++
			break
		}
		nameStart := i
		i++ // an attribute name may begin with "="
		for i < len(h) && !isHTMLSpace(h[i]) && h[i] != '/' && h[i] != '>' && h[i] != '=' {
			i++
		}
		name := h[nameStart:i]
		j := i
		for j < len(h) && isHTMLSpace(h[j]) {
			j++
		}
		value := ""
		if j < len(h) && h[j] == '=' {
			j++
			for j < len(h) && isHTMLSpace(h[j]) {
				j++
			}
			if j < len(h) && (h[j] == '"' || h[j] == '\'') {
				end := strings.IndexByte(h[j+1:], h[j])
				if end < 0 {
					s.pos = len(h)
					return false
				}
				value = h[j+1 : j+1+end]
				j += end + 2
			} else {
				k := j
				for k < len(h) && !isHTMLSpace(h[k]) && h[k] != '>' {
					k++
				}
				value = h[j:k]
				j = k
			}
			i = j
		}
		if s.tag.classStart < 0 && strings.EqualFold(name, "class") {
			s.tag.classStart, s.tag.classEnd, s.tag.class = nameStart, i, html.UnescapeString(value)
		}
	}
	s.pos = i
	if rawTextElements[s.tag.name] {
		closer := "</" + strings.ToLower(s.tag.name)
		end := strings.Index(strings.ToLower(h[i:]), closer)
		if end < 0 {
			s.pos = len(h)
		} else {
			s.pos = i + end
		}
	}
	return true
}

// hasClassAttr is get_attribute('class') being a non-empty string.
func (t tagSpan) hasClassAttr() bool { return t.classStart >= 0 && t.class != "" }

// addClasses is add_class for each of names on the tag t of h, then
// get_updated_html: the class attribute is rewritten with the tag's
// classes (each once, in order, whitespace between them kept) followed by
// the new ones, or added after the tag name when there is none; h is
// unchanged when the tag has every class already.
func addClasses(h string, t tagSpan, names []string) string {
	if t.classStart < 0 {
		return h[:t.nameEnd] + ` class="` + escapeAttr(strings.Join(uniqueStrings(names), " ")) + `"` + h[t.nameEnd:]
	}
	var b strings.Builder
	seen := map[string]bool{}
	existing := t.class
	at := 0
	for at < len(existing) {
		wsAt := at
		for at < len(existing) && isHTMLSpace(existing[at]) {
			at++
		}
		if at >= len(existing) {
			break
		}
		nameAt := at
		for at < len(existing) && !isHTMLSpace(existing[at]) {
			at++
		}
		name := existing[nameAt:at]
		if seen[name] {
			continue
		}
		seen[name] = true
		if b.Len() > 0 {
			b.WriteString(existing[wsAt:nameAt])
		}
		b.WriteString(name)
	}
	modified := false
	for _, n := range names {
		if seen[n] {
			continue
		}
		seen[n] = true
		modified = true
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(n)
	}
	if !modified {
		return h
	}
	return h[:t.classStart] + `class="` + escapeAttr(b.String()) + `"` + h[t.classEnd:]
}

func uniqueStrings(in []string) []string {
	out := in[:0:0]
	seen := map[string]bool{}
	for _, s := range in {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

var attrEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;", "'", "&apos;")

func escapeAttr(s string) string { return attrEscaper.Replace(s) }
