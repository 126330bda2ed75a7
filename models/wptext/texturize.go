package wptext

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// Texturize is wptexturize: straight quotes become curly ones, apostrophes
// and primes are told apart, "--" and "---" become dashes and "..." an
// ellipsis; HTML tags, comments and the inside of <pre>, <code>, <kbd>,
// <style>, <script> and <tt> are left alone; a stray "&" becomes &#038;.
func Texturize(text string) string {
	if text == "" {
		return text
	}
	return texturizeMemo.do(text, texturizeUncached)
}

func texturizeUncached(text string) string {
	parts := splitHTML(text)
	var skip []string
	for i, part := range parts {
		if part == "" {
			continue
		}
		if i%2 == 1 {
			if strings.HasPrefix(part, "<!--") {
				continue
			}
			parts[i] = escapeStrayAmpersands(part)
			skip = pushPopNoTexturize(part, skip)
			continue
		}
		if len(skip) > 0 || strings.TrimSpace(part) == "" {
			continue
		}
		parts[i] = texturizeText(part)
	}
	return strings.Join(parts, "")
}

var noTexturizeTags = map[string]bool{"pre": true, "code": true, "kbd": true, "style": true, "script": true, "tt": true}

// pushPopNoTexturize tracks open elements whose text must not change.
func pushPopNoTexturize(tag string, stack []string) []string {
	closing := strings.HasPrefix(tag, "</")
	name := strings.TrimLeft(tag, "</")
	if k := strings.IndexAny(name, " \t\n>/"); k >= 0 {
		name = name[:k]
	}
	name = strings.ToLower(name)
	if !noTexturizeTags[name] {
		return stack
	}
	if !closing {
		return append(stack, name)
	}
	if len(stack) > 0 && stack[len(stack)-1] == name {
		return stack[:len(stack)-1]
	}
	return stack
}

var (
	strayAmpersand = regexp.MustCompile(`(?i)&(#(?:\d+|x[a-f0-9]+);|[a-z1-4]{1,8};)?`)
	multiplication = regexp.MustCompile(`\b(\d[\d.,]*)x(\d[\d.,]*)\b`)
)

// escapeStrayAmpersands turns every "&" that does not start an entity into
// &#038;.
func escapeStrayAmpersands(s string) string {
	if !strings.Contains(s, "&") {
		return s
	}
	return strayAmpersand.ReplaceAllStringFunc(s, func(m string) string {
		if len(m) > 1 {
			return m
		}
		return "&#038;"
	})
}

var cockney = []struct{ from, to string }{
	{"'tain't", "&#8217;tain&#8217;t"}, {"'twere", "&#8217;twere"}, {"'twas", "&#8217;twas"},
	{"'tis", "&#8217;tis"}, {"'twill", "&#8217;twill"}, {"'til", "&#8217;til"}, {"'bout", "&#8217;bout"},
	{"'nuff", "&#8217;nuff"}, {"'round", "&#8217;round"}, {"'cause", "&#8217;cause"}, {"'em", "&#8217;em"},
}

// texturizeText applies wptexturize's replacements to a text run.
func texturizeText(s string) string {
	s = strings.ReplaceAll(s, "...", "&#8230;")
	s = strings.ReplaceAll(s, "``", "&#8220;")
	s = strings.ReplaceAll(s, "''", "&#8221;")
	s = strings.ReplaceAll(s, " (tm)", " &#8482;")
	for _, c := range cockney {
		s = strings.ReplaceAll(s, c.from, c.to)
	}
	if strings.ContainsRune(s, '\'') {
		s = curlQuotes(s, '\'', "&#8216;", "&#8217;", "&#8242;")
	}
	if strings.ContainsRune(s, '"') {
		s = curlQuotes(s, '"', "&#8220;", "&#8221;", "&#8243;")
	}
	if strings.Contains(s, "-") {
		s = texturizeDashes(s)
	}
	if strings.Contains(s, "x") {
		s = multiplication.ReplaceAllStringFunc(s, func(m string) string {
			if strings.HasPrefix(m, "0") && !strings.ContainsAny(m[1:2], ".,0123456789") {
				return m
			}
			return strings.Replace(m, "x", "&#215;", 1)
		})
	}
	return escapeStrayAmpersands(s)
}

// curlQuotes decides for each straight quote whether it opens, closes, is an
// apostrophe (single quotes only) or a prime, by its neighbours as
// wptexturize's patterns do.
func curlQuotes(s string, q byte, open, closeQ, prime string) string {
	var b strings.Builder
	// Whether an opening quote of the same kind stands before a quote
	// (then a quote after a digit closes it instead of being a prime)
	// depends only on where the first one is: looking back from every
	// quote would be quadratic in a long run of text.
	firstOpen := strings.Index(s, quoteOpening(q))
	if firstOpen >= 0 {
		firstOpen += len(quoteOpening(q))
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != q {
			b.WriteByte(c)
			continue
		}
		prev, _ := utf8.DecodeLastRuneInString(s[:i])
		if i == 0 {
			prev = ' '
		}
		next, _ := utf8.DecodeRuneInString(s[i+1:])
		atEnd := i+1 >= len(s)
		prevSpace := i == 0 || isSpaceRune(prev)
		nextSpace := atEnd || isSpaceRune(next)
		switch {
		case q == '\'' && isDigit(next) && i+2 < len(s) && isDigit(rune(s[i+2])) && (i+3 >= len(s) || !isDigit(rune(s[i+3])) && s[i+3] != '%'):
			// '99 (an abbreviated year)
			b.WriteString(closeQ)
		case prevSpace || strings.ContainsRune("([{\"-", prev) || strings.HasSuffix(s[:i], "&lt;"):
			if nextSpace && q == '"' {
				b.WriteString(closeQ)
			} else {
				b.WriteString(open)
			}
		case isDigit(prev) && (atEnd || nextSpace || strings.ContainsRune(".,:;!?)}-]", next)) && !(firstOpen >= 0 && firstOpen <= i):
			b.WriteString(prime)
		case q == '\'' && !nextSpace && !strings.ContainsRune(".,:;!?\"'(){}[]-", next):
			// An apostrophe inside a word.
			b.WriteString(closeQ)
		default:
			b.WriteString(closeQ)
		}
	}
	return b.String()
}

// quoteOpening is the opening curly quote of the kind of q.
func quoteOpening(q byte) string {
	if q == '"' {
		return "&#8220;"
	}
	return "&#8216;"
}

var (
	emDashSpaced = regexp.MustCompile(`(^|\s)--(\s|$)`)
	enDashSpaced = regexp.MustCompile(`(^|\s)-(\s|$)`)
)

// texturizeDashes: "---" and a spaced "--" are em dashes, other "--" and a
// spaced "-" en dashes (but "xn--" stays, for punycode host names).
func texturizeDashes(s string) string {
	s = strings.ReplaceAll(s, "---", "&#8212;")
	s = emDashSpaced.ReplaceAllString(s, "$1&#8212;$2")
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if i+1 < len(s) && s[i] == '-' && s[i+1] == '-' && !strings.HasSuffix(s[:i], "xn") {
			b.WriteString("&#8211;")
			i++
			continue
		}
		b.WriteByte(s[i])
	}
	s = b.String()
	// Applied twice because adjacent matches share their separating space.
	s = enDashSpaced.ReplaceAllString(s, "$1&#8211;$2")
	return enDashSpaced.ReplaceAllString(s, "$1&#8211;$2")
}

func isSpaceRune(r rune) bool {
	return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f' || r == '\v' || r == 0xa0
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }
