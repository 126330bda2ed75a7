package kses

import (
	"net/url"
	"regexp"
	"strings"
)

// linkStart is wp_rel_ugc's |<a (.+?)>|i: an a element's start tag, its
// attribute text up to the first ">".
var linkStart = regexp.MustCompile(`(?i)<a (.+?)>`)

// RelUGC is wp_rel_ugc, which WordPress runs on every comment's content
// before it is stored (pre_comment_content, after kses): each link gets
// rel="nofollow ugc", merged into a rel it already has, so that search
// engines neither follow nor credit what visitors post. A link to the
// site's own host (home, as the host of the home URL) is left as it is.
func RelUGC(html, home string) string {
	if !strings.Contains(html, "<a ") && !strings.Contains(html, "<A ") {
		return html
	}
	home = strings.ToLower(home)
	return linkStart.ReplaceAllStringFunc(html, func(tag string) string {
		return relCallback(tag[len("<a "):len(tag)-1], "nofollow ugc", home)
	})
}

// relCallback is wp_rel_callback: text is the tag's attribute text.
func relCallback(text, rel, home string) string {
	atts := hair(text)
	var existing *attribute
	for i := range atts {
		switch atts[i].name {
		case "href":
			if internalLink(atts[i].value, home) {
				return "<a " + text + ">"
			}
		case "rel":
			existing = &atts[i]
		}
	}
	if existing != nil {
		// Existing values first, each once, then the new ones.
		var parts []string
		seen := map[string]bool{}
		for _, p := range append(strings.Split(existing.value, " "), strings.Split(rel, " ")...) {
			if p = phpTrim(p); !seen[p] {
				seen[p] = true
				parts = append(parts, p)
			}
		}
		rel = strings.Join(parts, " ")
		var b strings.Builder
		for _, a := range atts {
			switch {
			case a.name == "rel":
			case a.vless == "y":
				b.WriteString(a.name + " ")
			default:
				b.WriteString(a.name + `="` + escAttr(a.value) + `" `)
			}
		}
		text = phpTrim(b.String())
	}
	return "<a " + text + ` rel="` + escAttr(rel) + `">`
}

// internalLink is wp_is_internal_link: a link with an allowed scheme whose
// host, lower-cased, is the site's.
func internalLink(link, home string) bool {
	if home == "" {
		return false
	}
	u, err := url.Parse(strings.ToLower(link))
	return err == nil && allowedProtocols[u.Scheme] && u.Hostname() == home
}

// escAttr is esc_attr: references normalised (so none is encoded twice),
// then < > " and ' escaped.
func escAttr(s string) string {
	return attrEscaper.Replace(normalizeEntities(s))
}

var attrEscaper = strings.NewReplacer("<", "&lt;", ">", "&gt;", `"`, "&quot;", "'", "&#039;")
