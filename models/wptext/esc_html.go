package wptext

import (
	"regexp"
	"strings"
)

// characterReference is a reference esc_html leaves alone: a name, a decimal
// or a hexadecimal code point, with its semicolon.
var characterReference = regexp.MustCompile(`^&(?:[a-zA-Z][a-zA-Z0-9]*|#[0-9]+|#[xX][0-9a-fA-F]+);`)

// EscHTML is esc_html (and esc_attr for plain text): <, >, quotes and every
// "&" that does not begin a character reference become entities, so a text
// that already holds references is not encoded twice.
func EscHTML(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		switch ch := s[i]; ch {
		case '&':
			if characterReference.MatchString(s[i:]) {
				b.WriteByte('&')
			} else {
				b.WriteString("&amp;")
			}
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '"':
			b.WriteString("&quot;")
		case '\'':
			b.WriteString("&#039;")
		default:
			b.WriteByte(ch)
		}
	}
	return b.String()
}
