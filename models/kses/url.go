package kses

import (
	"regexp"
	"strings"
)

// urlDisallowed are the characters esc_url removes from a URL.
var urlDisallowed = regexp.MustCompile(`[^a-zA-Z0-9\-~+_.?#=!&;,/:%@$|*'()\[\]\x80-\xff]`)

// CleanURL is WordPress's esc_url_raw for a URL that is stored (a comment
// author's site): tags and whitespace go, characters a URL cannot hold are
// removed, a URL without a scheme gets http://, and one whose scheme is
// not allowed (javascript:, data:, vbscript: …) becomes empty.
func CleanURL(raw string) string {
	u := strings.TrimSpace(stripTags(raw))
	if u == "" {
		return ""
	}
	u = strings.ReplaceAll(u, " ", "%20")
	u = urlDisallowed.ReplaceAllString(u, "")
	if u == "" {
		return ""
	}
	// esc_url adds http:// to what looks like a host name, not to a path,
	// a fragment, a query or a relative PHP file.
	if !strings.Contains(u, ":") && !strings.HasPrefix(u, "/") && !strings.HasPrefix(u, "#") &&
		!strings.HasPrefix(u, "?") && !strings.HasSuffix(strings.SplitN(u, "?", 2)[0], ".php") {
		u = "http://" + u
	}
	if strings.Contains(u, ":") && badProtocol(u) != u {
		return ""
	}
	return u
}

var tagLike = regexp.MustCompile(`<[^>]*>?`)

func stripTags(s string) string { return tagLike.ReplaceAllString(s, "") }
