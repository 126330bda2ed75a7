// Package kses filters HTML as WordPress's kses does for users without
// the unfiltered_html capability: elements and attributes not on an
// allowlist are removed (the text between tags stays), URL attributes lose
// schemes not in wp_allowed_protocols, style attributes keep only safe
// declarations, and stray ">" and "&" are escaped.
//
// Like kses it is a tolerant scanner, not a DOM parser: it never balances
// or re-nests tags, so its output for a given input is the one WordPress
// stores, which is what clients compare against.
package kses

import (
	"regexp"
	"strings"
)

// FilterPost filters post content and excerpts (wp_filter_post_kses):
// the large $allowedposttags list with global and data-* attributes.
func FilterPost(html string) string { return filter(html, postTags) }

// FilterComment filters a comment's content (wp_filter_kses on
// pre_comment_content): the small $allowedtags list.
func FilterComment(html string) string { return filter(html, commentTags) }

// FilterTitle filters a post title. WordPress runs wp_filter_kses on
// title_save_pre, so titles get the same small list as comments.
func FilterTitle(html string) string { return filter(html, commentTags) }

// filter is wp_kses: control characters out, entities normalised, then
// every tag, comment and stray ">" rewritten.
func filter(s string, allowed allowlist) string {
	s = noNull(s, false)
	s = normalizeEntities(s)
	return split(s, allowed)
}

// split is wp_kses_split: it finds, left to right, HTML comments, tags
// (however malformed, up to the next ">" or the end of the text) and lone
// ">" characters, and replaces each by what split2 makes of it. Text in
// between is kept as it is.
func split(s string, allowed allowlist) string {
	var b strings.Builder
	i := 0
	for i < len(s) {
		switch s[i] {
		case '>':
			b.WriteString("&gt;")
			i++
			continue
		case '<':
		default:
			j := strings.IndexAny(s[i:], "<>")
			if j < 0 {
				j = len(s) - i
			}
			b.WriteString(s[i : i+j])
			i += j
			continue
		}
		end := -1
		if strings.HasPrefix(s[i:], "<!--") {
			end = commentEnd(s, i+4)
		}
		if end < 0 {
			end = len(s)
			if j := strings.IndexByte(s[i+1:], '>'); j >= 0 {
				end = i + 1 + j + 1
			}
		}
		b.WriteString(split2(s[i:end], allowed))
		i = end
	}
	return b.String()
}

// commentEnd finds where kses's comment pattern <!--.*?(-->|$) ends when
// started at from: at the first "-->" on the same line, or at the end of
// the text (PCRE's $ also matches before a final newline). -1 when a line
// break comes first; the comment is then read as an ordinary tag.
func commentEnd(s string, from int) int {
	for j := from; ; j++ {
		if strings.HasPrefix(s[j:], "-->") {
			return j + 3
		}
		if j == len(s) || j == len(s)-1 && s[j] == '\n' {
			return j
		}
		if s[j] == '\n' {
			return -1
		}
	}
}

var (
	tagPattern  = regexp.MustCompile(`^<\s*(/\s*)?([a-zA-Z0-9-]+)([^>]*)>?$`)
	manyDashes  = regexp.MustCompile(`--+`)
	xhtmlEnding = regexp.MustCompile(`\s*/\s*$`)
)

// split2 is wp_kses_split2: one piece found by split becomes "&gt;", a
// cleaned comment, nothing (unknown or seriously malformed elements), a
// bare closing tag, or an opening tag with its allowed attributes.
func split2(piece string, allowed allowlist) string {
	piece = strings.ReplaceAll(piece, `\"`, `"`)
	if !strings.HasPrefix(piece, "<") {
		return "&gt;"
	}
	if strings.HasPrefix(piece, "<!--") {
		body := strings.ReplaceAll(piece, "<!--", "")
		body = strings.ReplaceAll(body, "-->", "")
		for {
			next := filter(body, allowed)
			if next == body {
				break
			}
			body = next
		}
		if body == "" {
			return ""
		}
		body = manyDashes.ReplaceAllString(body, "-")
		// A dash left at the end would make "--->" close the comment.
		if strings.HasSuffix(body, "-") {
			body = body[:len(body)-1]
		} else if strings.HasSuffix(body, "-\n") {
			body = body[:len(body)-2] + "\n"
		}
		return "<!--" + body + "-->"
	}
	m := tagPattern.FindStringSubmatch(piece)
	if m == nil {
		return ""
	}
	closing, elem, attrs := strings.TrimSpace(m[1]), m[2], m[3]
	if _, ok := allowed[strings.ToLower(elem)]; !ok {
		return ""
	}
	if closing != "" {
		return "</" + elem + ">"
	}
	return attr(elem, attrs, allowed)
}

// angleBrackets removes "<" and ">" from the attributes kept (built once:
// a Replacer costs more to build than to run on one tag).
var angleBrackets = strings.NewReplacer("<", "", ">", "")

// attr is wp_kses_attr: the element written again with only its allowed
// attributes, and " /" when it was self-closed. An element missing a
// required attribute keeps none (or, self-closed, is dropped).
func attr(elem, attrs string, allowed allowlist) string {
	slash := ""
	if xhtmlEnding.MatchString(attrs) {
		slash = " /"
	}
	rules := allowed[strings.ToLower(elem)]
	if len(rules) == 0 {
		return "<" + elem + slash + ">"
	}
	required := map[string]bool{}
	for name, r := range rules {
		if r.required {
			required[name] = true
		}
	}
	stripped := ""
	if slash == "" {
		stripped = "<" + elem + ">"
	}
	var kept strings.Builder
	for _, a := range hair(attrs) {
		low := strings.ToLower(a.name)
		if attrCheck(&a, rules) {
			kept.WriteString(" " + a.whole)
			delete(required, low)
		} else if required[low] {
			return stripped
		}
	}
	if len(required) > 0 {
		return stripped
	}
	out := angleBrackets.Replace(kept.String())
	return "<" + elem + out + slash + ">"
}
