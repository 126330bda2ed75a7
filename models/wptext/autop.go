package wptext

import (
	"regexp"
	"strconv"
	"strings"
)

const autopBlocks = `(?:table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form|map|area|blockquote|address|math|style|p|h[1-6]|hr|fieldset|legend|section|article|aside|hgroup|header|footer|nav|figure|figcaption|details|menu|summary)`

var (
	autopDoubleBR      = regexp.MustCompile(`<br\s*/?>\s*<br\s*/?>`)
	autopBlockOpen     = regexp.MustCompile(`(<` + autopBlocks + `[\s/>])`)
	autopBlockClose    = regexp.MustCompile(`(</` + autopBlocks + `>)`)
	autopHR            = regexp.MustCompile(`(<hr\s*?/?>)`)
	autopOptionBefore  = regexp.MustCompile(`\s*<option`)
	autopOptionAfter   = regexp.MustCompile(`</option>\s*`)
	autopObjectOpen    = regexp.MustCompile(`(<object[^>]*>)\s*`)
	autopObjectClose   = regexp.MustCompile(`\s*</object>`)
	autopParamEmbed    = regexp.MustCompile(`\s*(</?(?:param|embed)[^>]*>)\s*`)
	autopMediaOpen     = regexp.MustCompile(`([<\[](?:audio|video)[^>\]]*[>\]])\s*`)
	autopMediaClose    = regexp.MustCompile(`\s*([<\[]/(?:audio|video)[>\]])`)
	autopSourceTrack   = regexp.MustCompile(`\s*(<(?:source|track)[^>]*>)\s*`)
	autopFigcapOpen    = regexp.MustCompile(`\s*(<figcaption[^>]*>)`)
	autopFigcapClose   = regexp.MustCompile(`</figcaption>\s*`)
	autopManyNL        = regexp.MustCompile(`\n\n+`)
	autopParaSplit     = regexp.MustCompile(`\n\s*\n`)
	autopEmptyP        = regexp.MustCompile(`<p>\s*</p>`)
	autopMissingCloseP = regexp.MustCompile(`<p>([^<]+)</(div|address|form)>`)
	autopWrappedBlock  = regexp.MustCompile(`<p>\s*(</?` + autopBlocks + `[^>]*>)\s*</p>`)
	autopWrappedLI     = regexp.MustCompile(`<p>(<li.+?)</p>`)
	autopPBlockquote   = regexp.MustCompile(`(?i)<p><blockquote([^>]*)>`)
	autopPBeforeBlock  = regexp.MustCompile(`<p>\s*(</?` + autopBlocks + `[^>]*>)`)
	autopPAfterBlock   = regexp.MustCompile(`(</?` + autopBlocks + `[^>]*>)\s*</p>`)
	autopPreserveNL    = regexp.MustCompile(`(?s)<(?:script|style|svg).*?</(?:script|style|svg)>`)
	autopBRAfterBlock  = regexp.MustCompile(`(</?` + autopBlocks + `[^>]*>)\s*<br />`)
	autopBRBeforeBlock = regexp.MustCompile(`<br />(\s*</?(?:p|li|div|dl|dd|dt|th|pre|td|ul|ol)[^>]*>)`)
)

// Autop is WordPress's wpautop(): blank-line separated text becomes <p>
// paragraphs and the remaining newlines <br />, while block-level HTML,
// <pre>, <script>, <style> and <svg> are left alone. It follows WordPress's
// sequence of rewrites step by step, because clients compare its output byte
// for byte. br also turns single newlines into <br /> (WordPress's
// default).
func Autop(text string, br bool) string {
	if !br {
		return autopUncached(text, false)
	}
	return autopMemo.do(text, func(t string) string { return autopUncached(t, true) })
}

func autopUncached(text string, br bool) string {
	if strings.TrimSpace(text) == "" {
		return ""
	}
	text += "\n"

	// <pre> blocks are set aside and put back at the end.
	var preTags [][2]string
	if strings.Contains(text, "<pre") {
		parts := strings.Split(text, "</pre>")
		last := parts[len(parts)-1]
		var b strings.Builder
		for i, part := range parts[:len(parts)-1] {
			start := strings.Index(part, "<pre")
			if start < 0 {
				b.WriteString(part)
				continue
			}
			name := "<pre wp-pre-tag-" + strconv.Itoa(i) + "></pre>"
			preTags = append(preTags, [2]string{name, part[start:] + "</pre>"})
			b.WriteString(part[:start])
			b.WriteString(name)
		}
		b.WriteString(last)
		text = b.String()
	}

	text = autopDoubleBR.ReplaceAllString(text, "\n\n")
	text = autopBlockOpen.ReplaceAllString(text, "\n\n$1")
	text = autopBlockClose.ReplaceAllString(text, "$1\n\n")
	text = autopHR.ReplaceAllString(text, "$1\n\n")
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	text = replaceInHTMLTags(text, "\n", " <!-- wpnl --> ")

	if strings.Contains(text, "<option") {
		text = autopOptionBefore.ReplaceAllString(text, "<option")
		text = autopOptionAfter.ReplaceAllString(text, "</option>")
	}
	if strings.Contains(text, "</object>") {
		text = autopObjectOpen.ReplaceAllString(text, "$1")
		text = autopObjectClose.ReplaceAllString(text, "</object>")
		text = autopParamEmbed.ReplaceAllString(text, "$1")
	}
	if strings.Contains(text, "<source") || strings.Contains(text, "<track") {
		text = autopMediaOpen.ReplaceAllString(text, "$1")
		text = autopMediaClose.ReplaceAllString(text, "$1")
		text = autopSourceTrack.ReplaceAllString(text, "$1")
	}
	if strings.Contains(text, "<figcaption") {
		text = autopFigcapOpen.ReplaceAllString(text, "$1")
		text = autopFigcapClose.ReplaceAllString(text, "</figcaption>")
	}

	text = autopManyNL.ReplaceAllString(text, "\n\n")
	var b strings.Builder
	for _, para := range autopParaSplit.Split(text, -1) {
		if para == "" {
			continue
		}
		b.WriteString("<p>")
		b.WriteString(strings.Trim(para, "\n"))
		b.WriteString("</p>\n")
	}
	text = b.String()

	text = autopEmptyP.ReplaceAllString(text, "")
	text = autopMissingCloseP.ReplaceAllString(text, "<p>$1</p></$2>")
	text = autopWrappedBlock.ReplaceAllString(text, "$1")
	text = autopWrappedLI.ReplaceAllString(text, "$1")
	text = autopPBlockquote.ReplaceAllString(text, "<blockquote$1><p>")
	text = strings.ReplaceAll(text, "</blockquote></p>", "</p></blockquote>")
	text = autopPBeforeBlock.ReplaceAllString(text, "$1")
	text = autopPAfterBlock.ReplaceAllString(text, "$1")

	if br {
		text = autopPreserveNL.ReplaceAllStringFunc(text, func(m string) string {
			return strings.ReplaceAll(m, "\n", "<WPPreserveNewline />")
		})
		text = strings.ReplaceAll(text, "<br>", "<br />")
		text = strings.ReplaceAll(text, "<br/>", "<br />")
		text = newlinesToBR(text)
		text = strings.ReplaceAll(text, "<WPPreserveNewline />", "\n")
	}

	text = autopBRAfterBlock.ReplaceAllString(text, "$1")
	text = autopBRBeforeBlock.ReplaceAllString(text, "$1")
	if strings.HasSuffix(text, "\n</p>") {
		text = strings.TrimSuffix(text, "\n</p>") + "</p>"
	}

	if len(preTags) > 0 {
		// One pass for all of them: a Replace per tag would read the whole
		// text once per <pre>, quadratic in a long post.
		pairs := make([]string, 0, 2*len(preTags))
		for _, pt := range preTags {
			pairs = append(pairs, pt[0], pt[1])
		}
		text = strings.NewReplacer(pairs...).Replace(text)
	}
	if strings.Contains(text, "<!-- wpnl -->") {
		text = strings.ReplaceAll(text, " <!-- wpnl --> ", "\n")
		text = strings.ReplaceAll(text, "<!-- wpnl -->", "\n")
	}
	return text
}

// newlinesToBR is wpautop's `(?<!<br />)\s*\n` → "<br />\n" (Go's regexp
// has no look-behind): a run of white space ending in a newline becomes a
// <br /> unless it directly follows one.
func newlinesToBR(text string) string {
	var b strings.Builder
	i := 0
	for i < len(text) {
		c := text[i]
		if !isPCRESpace(c) || strings.HasSuffix(text[:i], "<br />") {
			b.WriteByte(c)
			i++
			continue
		}
		j := i
		for j < len(text) && isPCRESpace(text[j]) {
			j++
		}
		nl := strings.LastIndexByte(text[i:j], '\n')
		if nl < 0 {
			b.WriteString(text[i:j])
			i = j
			continue
		}
		b.WriteString("<br />\n")
		i += nl + 1
	}
	return b.String()
}

// splitHTML is wp_html_split(): the text cut into alternating text and
// element pieces (comments, CDATA and tags are elements). Odd indexes are
// elements.
func splitHTML(text string) []string {
	var out []string
	last := 0
	i := 0
	for i < len(text) {
		lt := strings.IndexByte(text[i:], '<')
		if lt < 0 {
			break
		}
		start := i + lt
		end := len(text)
		rest := text[start:]
		switch {
		case strings.HasPrefix(rest, "<!--"):
			if k := strings.Index(rest[4:], "-->"); k >= 0 {
				end = start + 4 + k + 3
			}
		case strings.HasPrefix(rest, "<![CDATA["):
			if k := strings.Index(rest[9:], "]]>"); k >= 0 {
				end = start + 9 + k + 3
			}
		default:
			if k := strings.IndexByte(rest, '>'); k >= 0 {
				end = start + k + 1
			}
		}
		out = append(out, text[last:start], text[start:end])
		last = end
		i = end
	}
	return append(out, text[last:])
}

// replaceInHTMLTags is wp_replace_in_html_tags for one needle: it replaces
// inside elements only, never in text.
func replaceInHTMLTags(text, needle, repl string) string {
	if !strings.Contains(text, needle) {
		return text
	}
	parts := splitHTML(text)
	changed := false
	for i := 1; i < len(parts); i += 2 {
		if strings.Contains(parts[i], needle) {
			parts[i] = strings.ReplaceAll(parts[i], needle, repl)
			changed = true
		}
	}
	if !changed {
		return text
	}
	return strings.Join(parts, "")
}
