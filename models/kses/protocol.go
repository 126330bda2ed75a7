package kses

import (
	"strings"
)

// badProtocol is wp_kses_bad_protocol: a scheme that is not allowed is
// taken off the front of a URL, again and again (so that
// "javascript:javascript:" does not leave one behind), reading through
// whitespace, case and character references. A value still changing
// after six rounds is dropped.
func badProtocol(s string) string {
	s = noNull(s, true)
	if strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "http://") {
		return s
	}
	for i := 0; i < 6; i++ {
		next := badProtocolOnce(s, 1)
		if next == s {
			return s
		}
		s = next
	}
	return ""
}

// terminateColonRefs gives a ";" to colon references written without one
// (&#58 and &#x3a not followed by ; or another digit), so that they are
// seen as colons below.
func terminateColonRefs(s string) string {
	var b strings.Builder
	i := 0
	for i < len(s) {
		if s[i] != '&' || i+1 >= len(s) || s[i+1] != '#' {
			b.WriteByte(s[i])
			i++
			continue
		}
		j := i + 2
		hex := j < len(s) && (s[j] == 'x' || s[j] == 'X')
		if hex {
			j++
		}
		for j < len(s) && s[j] == '0' {
			j++
		}
		want := "58"
		if hex {
			want = "3a"
		}
		if j+2 <= len(s) && strings.EqualFold(s[j:j+2], want) {
			end := j + 2
			followed := end < len(s) && (s[end] == ';' || isDigit(s[end]) || hex && isHexLetter(s[end]))
			if !followed {
				b.WriteString(s[i:end])
				b.WriteByte(';')
				i = end
				continue
			}
		}
		b.WriteByte(s[i])
		i++
	}
	return b.String()
}

func isDigit(c byte) bool     { return '0' <= c && c <= '9' }
func isHexLetter(c byte) bool { return 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F' }

// colonAt reports the length of a colon written at s[i:] — ":", &#0*58;,
// &#x0*3a; or &colon; (any case) — or 0.
func colonAt(s string, i int) int {
	if s[i] == ':' {
		return 1
	}
	if s[i] != '&' {
		return 0
	}
	rest := s[i:]
	if len(rest) >= 7 && strings.EqualFold(rest[:7], "&colon;") {
		return 7
	}
	if len(rest) < 2 || rest[1] != '#' {
		return 0
	}
	j := 2
	want := "58;"
	if j < len(rest) && (rest[j] == 'x' || rest[j] == 'X') {
		j++
		want = "3a;"
	}
	for j < len(rest) && rest[j] == '0' {
		j++
	}
	if len(rest)-j >= 3 && strings.EqualFold(rest[j:j+3], want) {
		return j + 3
	}
	return 0
}

// badProtocolOnce is wp_kses_bad_protocol_once: the text before the first
// colon is a scheme (unless it holds "/?", as WordPress checks); a scheme
// not allowed is removed, an allowed one is kept lower-cased. "feed:" may
// wrap another scheme, which is checked too.
func badProtocolOnce(s string, depth int) string {
	s = terminateColonRefs(s)
	for i := 0; i < len(s); i++ {
		n := colonAt(s, i)
		if n == 0 {
			continue
		}
		scheme, rest := s[:i], s[i+n:]
		if strings.Contains(scheme, "/?") {
			return s
		}
		rest = strings.Trim(rest, " \t\n\r\x00\x0b")
		protocol := checkScheme(scheme)
		if protocol == "feed:" {
			if depth > 2 {
				return ""
			}
			rest = badProtocolOnce(rest, depth+1)
			if rest == "" || rest == "0" {
				return rest
			}
		}
		return protocol + rest
	}
	return s
}

// checkScheme is wp_kses_bad_protocol_once2: the scheme, decoded and
// without whitespace, followed by ":" when allowed, else "".
func checkScheme(scheme string) string {
	scheme = decodeEntities(scheme)
	scheme = strings.Map(func(r rune) rune {
		switch r {
		case ' ', '\t', '\n', '\v', '\f', '\r':
			return -1
		}
		return r
	}, scheme)
	scheme = strings.ToLower(noNull(scheme, true))
	if allowedProtocols[scheme] {
		return scheme + ":"
	}
	return ""
}
