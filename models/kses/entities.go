package kses

import (
	"regexp"
	"strconv"
	"strings"
)

// isControl reports the control characters wp_kses_no_null removes: all
// below 0x20 except tab, line feed and carriage return.
func isControl(c byte) bool {
	return c < 0x20 && c != '\t' && c != '\n' && c != '\r'
}

// noNull is wp_kses_no_null: control characters go; with removeSlashZero
// so do backslashes followed by zeros (a "\0" written out).
func noNull(s string, removeSlashZero bool) string {
	if strings.IndexFunc(s, func(r rune) bool { return r < 0x20 && r != '\t' && r != '\n' && r != '\r' }) >= 0 {
		var b strings.Builder
		for i := 0; i < len(s); i++ {
			if !isControl(s[i]) {
				b.WriteByte(s[i])
			}
		}
		s = b.String()
	}
	if removeSlashZero {
		s = slashZero.ReplaceAllString(s, "")
	}
	return s
}

var slashZero = regexp.MustCompile(`\\+0+`)

var (
	namedRef   = regexp.MustCompile(`&amp;([A-Za-z]{2,8}[0-9]{0,2});`)
	decimalRef = regexp.MustCompile(`&amp;#(0*[0-9]{1,7});`)
	hexRef     = regexp.MustCompile(`&amp;#[Xx](0*[0-9A-Fa-f]{1,6});`)
)

// replaceGroup replaces every match of re in s by f(first group).
func replaceGroup(re *regexp.Regexp, s string, f func(group string) string) string {
	idx := re.FindAllStringSubmatchIndex(s, -1)
	if idx == nil {
		return s
	}
	var b strings.Builder
	last := 0
	for _, m := range idx {
		b.WriteString(s[last:m[0]])
		b.WriteString(f(s[m[2]:m[3]]))
		last = m[1]
	}
	b.WriteString(s[last:])
	return b.String()
}

// normalizeEntities is wp_kses_normalize_entities: every & is escaped,
// then known named references and valid numeric ones are given back, in
// a normal form (&#00058; becomes &#058;, &#X3A; becomes &#x3A;).
func normalizeEntities(s string) string {
	s = strings.ReplaceAll(s, "&", "&amp;")
	s = replaceGroup(namedRef, s, func(name string) string {
		if entityNames[name] {
			return "&" + name + ";"
		}
		return "&amp;" + name + ";"
	})
	s = replaceGroup(decimalRef, s, func(num string) string {
		if num == "0" { // PHP's empty("0"): the reference vanishes
			return ""
		}
		n, _ := strconv.Atoi(num)
		if !validUnicode(n) {
			return "&amp;#" + num + ";"
		}
		digits := strings.TrimLeft(num, "0")
		for len(digits) < 3 {
			digits = "0" + digits
		}
		return "&#" + digits + ";"
	})
	s = replaceGroup(hexRef, s, func(hex string) string {
		if hex == "0" {
			return ""
		}
		n, _ := strconv.ParseInt(hex, 16, 64)
		if !validUnicode(int(n)) {
			return "&amp;#x" + hex + ";"
		}
		return "&#x" + strings.TrimLeft(hex, "0") + ";"
	})
	return s
}

// validUnicode is valid_unicode: the code points XML allows.
func validUnicode(i int) bool {
	return i == 0x9 || i == 0xa || i == 0xd ||
		(0x20 <= i && i <= 0xd7ff) ||
		(0xe000 <= i && i <= 0xfffd) ||
		(0x10000 <= i && i <= 0x10ffff)
}

var (
	decimalChar = regexp.MustCompile(`&#([0-9]+);`)
	hexChar     = regexp.MustCompile(`&#[Xx]([0-9A-Fa-f]+);`)
)

// decodeEntities is wp_kses_decode_entities: numeric references become the
// byte PHP's chr() gives (the code point modulo 256), enough to unmask a
// scheme name.
func decodeEntities(s string) string {
	s = replaceGroup(decimalChar, s, func(num string) string {
		n := 0
		for _, c := range num {
			n = (n*10 + int(c-'0')) % 256
		}
		return string([]byte{byte(n)})
	})
	return replaceGroup(hexChar, s, func(hex string) string {
		if len(hex) > 2 {
			hex = hex[len(hex)-2:]
		}
		n, _ := strconv.ParseUint(hex, 16, 8)
		return string([]byte{byte(n)})
	})
}
