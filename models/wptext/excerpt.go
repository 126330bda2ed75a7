package wptext

import (
	"regexp"
	"strings"
)

// ExcerptLength and ExcerptMore are WordPress's defaults for an automatic
// excerpt (excerpt_length, excerpt_more).
const (
	ExcerptLength = 55
	ExcerptMore   = " [&hellip;]"
)

// TrimExcerpt is wp_trim_excerpt on rendered content: stripped of tags and
// cut to words words, with ExcerptMore when cut.
func TrimExcerpt(renderedContent string, words int) string {
	text := strings.ReplaceAll(renderedContent, "]]>", "]]&gt;")
	return TrimWords(text, words, ExcerptMore)
}

var (
	stripScriptStyle = regexp.MustCompile(`(?is)<(script|style)[^>]*?>.*?</(?:script|style)>`)
	stripTags        = regexp.MustCompile(`(?s)<!--.*?-->|<[^>]*>`)
	wordSeparators   = regexp.MustCompile(`[\n\r\t ]+`)
)

// TrimWords is wp_trim_words: tags removed, then at most n words joined by
// single spaces, with more appended when text was longer.
func TrimWords(text string, n int, more string) string {
	text = StripAllTags(text)
	words := wordSeparators.Split(text, -1)
	kept := words[:0]
	for _, w := range words {
		if w != "" {
			kept = append(kept, w)
		}
	}
	if len(kept) > n {
		return strings.Join(kept[:n], " ") + more
	}
	return strings.Join(kept, " ")
}

// StripAllTags is wp_strip_all_tags: scripts and styles dropped with their
// content, other tags removed, the result trimmed.
func StripAllTags(text string) string {
	text = stripScriptStyle.ReplaceAllString(text, "")
	text = stripTags.ReplaceAllString(text, "")
	return strings.TrimSpace(text)
}
