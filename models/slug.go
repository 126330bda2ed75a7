package models

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Slugs are made as WordPress's sanitize_title() does when saving: accents
// removed, lower case, characters outside ASCII kept as lower-case
// percent-encoded UTF-8 (so a Japanese title has a readable URL), the rest
// reduced to letters, digits, "_", "%" and single dashes.

var (
	slugTags     = regexp.MustCompile(`<[^>]*>`)
	slugOctet    = regexp.MustCompile(`%([a-fA-F0-9]{2})`)
	slugKeptOct  = regexp.MustCompile(`---([a-fA-F0-9]{2})---`)
	slugEntity   = regexp.MustCompile(`&.+?;`)
	slugBad      = regexp.MustCompile(`[^%a-z0-9 _-]+`)
	slugSpaces   = regexp.MustCompile(`\s+`)
	slugDashRuns = regexp.MustCompile(`-+`)
)

// accentFold maps letters that do not decompose into a base letter plus
// marks, as WordPress's remove_accents() spells them.
var accentFold = map[rune]string{
	'ß': "ss", 'æ': "ae", 'Æ': "AE", 'ø': "o", 'Ø': "O", 'œ': "oe", 'Œ': "OE", 'đ': "d", 'Đ': "D",
	'ð': "d", 'Ð': "D", 'þ': "th", 'Þ': "TH", 'ł': "l", 'Ł': "L", 'ħ': "h", 'Ħ': "H", 'ı': "i",
	'ĳ': "ij", 'Ĳ': "IJ", 'ŀ': "l", 'Ŀ': "L", 'ŉ': "n", 'ŋ': "n", 'Ŋ': "N", 'ſ': "s", 'ŧ': "t", 'Ŧ': "T",
}

// removeAccents folds Latin letters with diacritics to their base letters;
// other scripts pass through unchanged.
func removeAccents(s string) string {
	if isASCII(s) {
		return s
	}
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		if f, ok := accentFold[r]; ok {
			b.WriteString(f)
			continue
		}
		b.WriteRune(r)
	}
	return norm.NFC.String(b.String())
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// maxSlugLength is the length utf8_uri_encode stops at.
const maxSlugLength = 200

// uriEncodeUTF8 is utf8_uri_encode: non-ASCII characters as lower-case
// %xx octets, cut before the character that would pass maxSlugLength.
func uriEncodeUTF8(s string) string {
	var b strings.Builder
	n := 0
	for _, r := range s {
		var enc string
		if r < utf8.RuneSelf {
			enc = string(r)
		} else {
			var buf [utf8.UTFMax]byte
			k := utf8.EncodeRune(buf[:], r)
			var e strings.Builder
			for _, c := range buf[:k] {
				e.WriteByte('%')
				e.WriteByte("0123456789abcdef"[c>>4])
				e.WriteByte("0123456789abcdef"[c&15])
			}
			enc = e.String()
		}
		if n+len(enc) > maxSlugLength {
			break
		}
		b.WriteString(enc)
		n += len(enc)
	}
	return b.String()
}

// savedPunctuation are the encoded characters sanitize_title drops when
// saving (soft hyphen, inverted marks, guillemets, curly quotes, bullets,
// ©, ®, °, …, ™ and some combining accents); savedDashes become dashes.
var (
	savedPunctuation = []string{"%c2%ad", "%c2%a1", "%c2%bf", "%c2%ab", "%c2%bb", "%e2%80%b9", "%e2%80%ba",
		"%e2%80%98", "%e2%80%99", "%e2%80%9c", "%e2%80%9d", "%e2%80%9a", "%e2%80%9b", "%e2%80%9e", "%e2%80%9f",
		"%e2%80%a2", "%c2%a9", "%c2%ae", "%c2%b0", "%e2%80%a6", "%e2%84%a2", "%c2%b4", "%cb%8a", "%cc%81",
		"%cd%81", "%cc%80", "%cc%84", "%cc%8c", "%cc%a8", "%cc%b1"}
	savedDashes = []string{"%c2%a0", "%e2%80%93", "%e2%80%94", "&nbsp;", "&#160;", "&ndash;", "&#8211;", "&mdash;", "&#8212;", "/"}
)

// SanitizeTitle turns a title into a slug as WordPress's sanitize_title()
// with sanitize_title_with_dashes() does in the "save" context.
func SanitizeTitle(title string) string {
	s := removeAccents(title)
	s = slugTags.ReplaceAllString(s, "")
	// Keep escaped octets, drop other percent signs.
	s = slugOctet.ReplaceAllString(s, "---$1---")
	s = strings.ReplaceAll(s, "%", "")
	s = slugKeptOct.ReplaceAllString(s, "%$1")
	if utf8.ValidString(s) {
		s = uriEncodeUTF8(strings.ToLower(s))
	}
	s = strings.ToLower(s)
	for _, d := range savedDashes {
		s = strings.ReplaceAll(s, d, "-")
	}
	for _, p := range savedPunctuation {
		s = strings.ReplaceAll(s, p, "")
	}
	s = strings.ReplaceAll(s, "%c3%97", "x")
	s = slugEntity.ReplaceAllString(s, "")
	s = strings.ReplaceAll(s, ".", "-")
	s = slugBad.ReplaceAllString(s, "")
	s = slugSpaces.ReplaceAllString(s, "-")
	s = slugDashRuns.ReplaceAllString(s, "-")
	return strings.Trim(s, "-")
}
