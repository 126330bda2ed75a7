package wptext

import (
	"net/url"
	"regexp"
	"strings"

	"github.com/presspass/presspass/models/kses"
)

// make_clickable, as comment_text runs it: plain-text URLs
// (scheme://…), host names starting with "www." or "ftp." and e-mail
// addresses become links. Tags are left alone, and so is the text inside
// <code>, <pre>, <script> and <style>; a URL is not linked inside the
// attribute of a tag. Trailing punctuation stays outside the link, and a
// closing parenthesis is kept in the URL only when it pairs with an
// opening one.
//
// Links get rel="nofollow ugc" (rel="ugc" for schemes other than http and
// https, and for links to the site itself) as WordPress gives them in
// comment_text.

// LinkRel is what decides the rel attribute of the links make_clickable
// makes (_make_clickable_rel_attr).
type LinkRel struct {
	// InComment: the text is a comment's (comment_text), whose links are
	// all "ugc".
	InComment bool
	// HomeURL is the site's home URL: links to its host are internal,
	// not "nofollow".
	HomeURL string
}

// MakeClickable is make_clickable.
func MakeClickable(text string, rel LinkRel) string {
	if !mayBeClickable(text) {
		return text
	}
	return makeClickable(text, linkRel{comment: rel.InComment, home: hostOf(rel.HomeURL)})
}

// makeClickable is MakeClickable with the home URL's host worked out.
func makeClickable(text string, rel linkRel) string {
	if !mayBeClickable(text) {
		return text
	}
	var b strings.Builder
	nested := 0
	for _, piece := range splitClickableTags(text) {
		if clickableNestOpen(piece) {
			nested++
		} else if nested > 0 && clickableNestClose(piece) {
			nested--
		}
		if nested > 0 || piece == "" || piece[0] == '<' && !tagStartsWithScheme(piece) || !mayBeClickable(piece) {
			b.WriteString(piece)
			continue
		}
		if len(piece) > 10000 {
			// Long runs are linked in pieces of about 2100 bytes cut at
			// whitespace; a piece with no whitespace to cut at is left as
			// it is.
			for _, chunk := range splitByWhitespace(piece, 2100) {
				if len(chunk) > 2101 {
					b.WriteString(chunk)
				} else {
					b.WriteString(makeClickable(chunk, rel))
				}
			}
			continue
		}
		padded := " " + piece + " "
		padded = linkSchemeURLs(padded, rel)
		padded = linkWebFTPHosts(padded, rel)
		padded = linkEmails(padded)
		b.WriteString(padded[1 : len(padded)-1])
	}
	out := b.String()
	if !strings.Contains(out, "</a></a>") {
		return out
	}
	return nestedLink.ReplaceAllString(out, "${1}${2}</a>")
}

// nestedLink finds a link made inside an existing link, which
// make_clickable unwraps.
var nestedLink = regexp.MustCompile(`(?i)(<a(?:[ \r\n\t]+[^>]+?>|>))<a [^>]+?>([^>]+?)</a></a>`)

// mayBeClickable is the cheap test: no "://", no "@" and no "www." or
// "ftp." (in any case) means there is nothing to link.
func mayBeClickable(s string) bool {
	if strings.Contains(s, "://") || strings.IndexByte(s, '@') >= 0 {
		return true
	}
	for i := 3; i < len(s); i++ {
		if s[i] == '.' && (strings.EqualFold(s[i-3:i], "www") || strings.EqualFold(s[i-3:i], "ftp")) {
			return true
		}
	}
	return false
}

// splitClickableTags splits text as preg_split('/(<[^<>]+>)/') does, tags
// at the odd indexes.
func splitClickableTags(text string) []string {
	var parts []string
	last := 0
	for i := 0; i < len(text); i++ {
		if text[i] != '<' {
			continue
		}
		j := i + 1
		for j < len(text) && text[j] != '<' && text[j] != '>' {
			j++
		}
		if j == i+1 || j >= len(text) || text[j] != '>' {
			continue
		}
		parts = append(parts, text[last:i], text[i:j+1])
		last = j + 1
		i = j
	}
	return append(parts, text[last:])
}

var clickableNestNames = []string{"code", "pre", "script", "style"}

// clickableNestOpen matches ^<(code|pre|script|style)[\s>], any case.
func clickableNestOpen(piece string) bool {
	for _, name := range clickableNestNames {
		n := len(name) + 1
		if len(piece) > n && piece[0] == '<' && strings.EqualFold(piece[1:n], name) &&
			(piece[n] == '>' || isPCRESpace(piece[n])) {
			return true
		}
	}
	return false
}

// clickableNestClose: the piece is exactly </code>, </pre>, </script> or
// </style>, any case.
func clickableNestClose(piece string) bool {
	for _, name := range clickableNestNames {
		if strings.EqualFold(piece, "</"+name+">") {
			return true
		}
	}
	return false
}

// tagStartsWithScheme matches ^<\s*\w{1,20}+:// — a "tag" that is in fact
// a URL in angle brackets.
func tagStartsWithScheme(piece string) bool {
	i := 1
	for i < len(piece) && isPCRESpace(piece[i]) {
		i++
	}
	n := 0
	for i+n < len(piece) && n < 20 && isWordByte(piece[i+n]) {
		n++
	}
	return n > 0 && strings.HasPrefix(piece[i+n:], "://")
}

// splitByWhitespace is _split_str_by_whitespace: chunks of about goal
// bytes, each ending with the whitespace it was cut after; a chunk longer
// than goal has no whitespace inside.
func splitByWhitespace(s string, goal int) []string {
	var chunks []string
	for len(s) > goal {
		pos := -1
		for k := goal; k >= 0; k-- {
			if isPCRESpace(s[k]) {
				pos = k
				break
			}
		}
		if pos < 0 {
			for k := goal + 1; k < len(s); k++ {
				if isPCRESpace(s[k]) {
					pos = k
					break
				}
			}
			if pos < 0 {
				break
			}
		}
		chunks = append(chunks, s[:pos+1])
		s = s[pos+1:]
	}
	if s != "" {
		chunks = append(chunks, s)
	}
	return chunks
}

// isPCRESpace is \s of PHP's PCRE in its default (C locale, non-UTF)
// tables: space, \t, \n, \v, \f, \r.
func isPCRESpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'
}

// isWordByte is \w of PCRE without Unicode.
func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
}

// isURLByte is make_clickable's non-punctuation URL character,
// [\w\x80-\xff#%~/@\[\]*(+=&$-].
func isURLByte(c byte) bool {
	return isWordByte(c) || c >= 0x80 || strings.IndexByte("#%~/@[]*(+=&$-", c) >= 0
}

// isURLPunct is its punctuation URL character, ['.,;:!?)], allowed only
// before more non-punctuation.
func isURLPunct(c byte) bool { return strings.IndexByte("'.,;:!?)", c) >= 0 }

// linkSchemeURLs is the first pattern of make_clickable with
// _make_url_clickable_cb: after whitespace or one of ( < . , ; : ! ? comes
// a scheme of at most 20 word characters and "://", the URL is at most
// 2000 non-space bytes, punctuation inside it must be followed by more
// URL, and one ")" right after it is looked at for pairing.
func linkSchemeURLs(s string, rel linkRel) string {
	if !strings.Contains(s, "://") {
		return s
	}
	boundary := func(c byte) bool { return isPCRESpace(c) || strings.IndexByte("(<.,;:!?", c) >= 0 }
	return linkAt(s, boundary, func(s string, p int) (int, string, bool) {
		q := p + 1
		n := 0
		for q+n < len(s) && n < 20 && isWordByte(s[q+n]) {
			n++
		}
		if n == 0 || !strings.HasPrefix(s[q+n:], "://") {
			return 0, "", false
		}
		r := q + n + 3
		run := 0
		for r+run < len(s) && run <= 2000 && !isPCRESpace(s[r+run]) {
			run++
		}
		if run == 0 || run > 2000 || r+run >= len(s) {
			return 0, "", false
		}
		e := r
		for e < len(s) && isURLByte(s[e]) {
			e++
		}
		for e < len(s) && isURLPunct(s[e]) {
			k := e + 1
			for k < len(s) && isURLByte(s[k]) {
				k++
			}
			if k == e+1 {
				break
			}
			e = k
		}
		end := e
		closing := ""
		if end < len(s) && s[end] == ')' {
			closing = ")"
			end++
		}
		return end, urlLink(s[p:p+1], s[q:e], closing, s[p:end], rel), true
	})
}

// urlLink is _make_url_clickable_cb.
func urlLink(lead, url, closing, whole string, rel linkRel) string {
	suffix := closing
	if closing == ")" && strings.IndexByte(url, '(') > 0 {
		url += closing
		suffix = ""
	}
	for strings.Count(url, "(") < strings.Count(url, ")") {
		k := strings.LastIndexByte(url, ')')
		suffix = url[k:] + suffix
		url = url[:k]
	}
	url = kses.EscURL(url)
	if url == "" {
		return whole
	}
	return lead + `<a href="` + url + `"` + rel.attr(url) + `>` + url + `</a>` + suffix
}

// linkAt runs one of make_clickable's patterns: at each byte for which
// boundary holds it asks link for a match starting there; a match ends at
// end and is replaced by repl (which includes the boundary byte), and
// scanning goes on after it.
func linkAt(s string, boundary func(byte) bool, link func(s string, p int) (end int, repl string, ok bool)) string {
	var b strings.Builder
	last := 0
	for p := 0; p+1 < len(s); p++ {
		if !boundary(s[p]) {
			continue
		}
		end, repl, ok := link(s, p)
		if !ok {
			continue
		}
		b.WriteString(s[last:p])
		b.WriteString(repl)
		last = end
		p = end - 1
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// spaceOrTagEnd is the boundary of make_clickable's second and third
// patterns: whitespace or ">".
func spaceOrTagEnd(c byte) bool { return isPCRESpace(c) || c == '>' }

// linkWebFTPHosts is the second pattern with _make_web_ftp_clickable_cb:
// "www." or "ftp." (any case) after whitespace or ">" starts a host name
// that gets http://; one trailing . , ; : or ) is left out of the link.
func linkWebFTPHosts(s string, rel linkRel) string {
	return linkAt(s, spaceOrTagEnd, func(s string, p int) (int, string, bool) {
		if p+5 >= len(s) {
			return 0, "", false
		}
		prefix := s[p+1 : p+4]
		if s[p+4] != '.' || !strings.EqualFold(prefix, "www") && !strings.EqualFold(prefix, "ftp") {
			return 0, "", false
		}
		e := p + 5
		for e < len(s) && isWebFTPByte(s[e]) {
			e++
		}
		if e == p+5 {
			return 0, "", false
		}
		dest := "http://" + s[p+1:e]
		trail := ""
		if strings.IndexByte(".,;:)", dest[len(dest)-1]) >= 0 {
			trail = dest[len(dest)-1:]
			dest = dest[:len(dest)-1]
		}
		if esc := kses.EscURL(dest); esc != "" {
			return e, s[p:p+1] + `<a href="` + esc + `"` + rel.attr(esc) + `>` + esc + `</a>` + trail, true
		}
		return e, s[p:e], true
	})
}

// isWebFTPByte is [\w\x80-\xff#$%&~/.\-;:=,?@\[\]+].
func isWebFTPByte(c byte) bool {
	return isWordByte(c) || c >= 0x80 || strings.IndexByte("#$%&~/.-;:=,?@[]+", c) >= 0
}

// linkEmails is the third pattern with _make_email_clickable_cb: after
// whitespace or ">" a local part of [.0-9a-z_+-], "@", one or more labels
// of [0-9a-z-] each followed by "." and a last label of two or more
// letters or digits (any case).
func linkEmails(s string) string {
	if strings.IndexByte(s, '@') < 0 {
		return s
	}
	return linkAt(s, spaceOrTagEnd, func(s string, p int) (int, string, bool) {
		at := p + 1
		for at < len(s) && isEmailLocalByte(s[at]) {
			at++
		}
		if at == p+1 || at >= len(s) || s[at] != '@' {
			return 0, "", false
		}
		end := emailDomainEnd(s, at+1)
		if end < 0 {
			return 0, "", false
		}
		email := s[p+1 : end]
		return end, s[p:p+1] + `<a href="mailto:` + email + `">` + email + `</a>`, true
	})
}

func isEmailLocalByte(c byte) bool {
	return isAlnumByte(c) || c == '.' || c == '_' || c == '+' || c == '-'
}

func isAlnumByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// emailDomainEnd matches ([0-9a-z-]+\.)+[0-9a-z]{2,} at s[i:] as the
// greedy pattern does (as many labels as leave two letters or digits
// after them) and reports where it ends, or -1.
func emailDomainEnd(s string, i int) int {
	var labelEnds []int
	j := i
	for {
		k := j
		for k < len(s) && (isAlnumByte(s[k]) || s[k] == '-') {
			k++
		}
		if k == j || k >= len(s) || s[k] != '.' {
			break
		}
		labelEnds = append(labelEnds, k+1)
		j = k + 1
	}
	for n := len(labelEnds) - 1; n >= 0; n-- {
		start := labelEnds[n]
		m := start
		for m < len(s) && isAlnumByte(s[m]) {
			m++
		}
		if m-start >= 2 {
			return m
		}
	}
	return -1
}

// linkRel is what _make_clickable_rel_attr depends on: whether the text
// is a comment's, and the host of the site's home URL (lower case).
type linkRel struct {
	comment bool
	home    string
}

// attr is _make_clickable_rel_attr: "nofollow" for http and https links
// that leave the site (wp_is_internal_link), then "ugc" in a comment.
func (rel linkRel) attr(link string) string {
	var parts []string
	if k := strings.Index(link, ":"); k > 0 {
		if scheme := strings.ToLower(link[:k]); (scheme == "http" || scheme == "https") && !rel.internal(link) {
			parts = append(parts, "nofollow")
		}
	}
	if rel.comment {
		parts = append(parts, "ugc")
	}
	if parts == nil {
		return ""
	}
	return ` rel="` + strings.Join(parts, " ") + `"`
}

// internal is wp_is_internal_link: the link's host, lower-cased, is the
// home URL's.
func (rel linkRel) internal(link string) bool {
	if rel.home == "" {
		return false
	}
	u, err := url.Parse(strings.ToLower(link))
	return err == nil && u.Hostname() == rel.home
}

// hostOf is the host of a site address, lower-cased, for linkRel.home.
func hostOf(siteURL string) string {
	u, err := url.Parse(siteURL)
	if err != nil {
		return ""
	}
	return strings.ToLower(u.Hostname())
}
