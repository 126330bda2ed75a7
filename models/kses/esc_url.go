package kses

import (
	"strconv"
	"strings"
)

// EscURL is WordPress's esc_url for a URL shown in HTML (make_clickable's
// links): characters a URL cannot hold removed, %0a/%0d taken out,
// references normalised and a bare "&" written &#038;, "'" written &#039;,
// brackets after the host percent-encoded, and "" for a scheme WordPress
// does not allow. (CleanURL is the stored-URL cousin, esc_url_raw.)
func EscURL(url string) string {
	url = strings.TrimLeft(url, " \t\n\r\x00\x0b")
	if url == "" {
		return ""
	}
	url = strings.ReplaceAll(url, " ", "%20")
	url = dropBytes(url, func(c byte) bool { return c < 0x80 && !urlAllowedASCII(c) })
	if url == "" {
		return ""
	}
	if !(len(url) >= 7 && strings.EqualFold(url[:7], "mailto:")) {
		for {
			next := url
			for _, bad := range []string{"%0d", "%0a", "%0D", "%0A"} {
				next = strings.ReplaceAll(next, bad, "")
			}
			if next == url {
				break
			}
			url = next
		}
	}
	url = strings.ReplaceAll(url, ";//", "://")
	if !strings.Contains(url, ":") && url[0] != '/' && url[0] != '#' && url[0] != '?' && !looksLikePHPFile(url) {
		url = "http://" + url
	}
	url = normalizeEntities(url)
	url = strings.ReplaceAll(url, "&amp;", "&#038;")
	url = strings.ReplaceAll(url, "'", "&#039;")
	if strings.ContainsAny(url, "[]") {
		url = encodeBracketsAfterHost(url)
	}
	if url[0] == '/' {
		return url
	}
	good := badProtocol(url)
	if asciiLower(good) != asciiLower(url) {
		return ""
	}
	return good
}

// urlAllowedASCII is the ASCII part of esc_url's
// [a-z0-9-~+_.?#=!&;,/:%@$\|*'()\[\]\x80-\xff] (case-insensitive).
func urlAllowedASCII(c byte) bool {
	return isAlnum(c) || strings.IndexByte("-~+_.?#=!&;,/:%@$|*'()[]", c) >= 0
}

// looksLikePHPFile is /^[a-z0-9-]+?\.php/i.
func looksLikePHPFile(url string) bool {
	i := 0
	for i < len(url) && (isAlnum(url[i]) || url[i] == '-') {
		i++
	}
	return i > 0 && len(url) >= i+4 && strings.EqualFold(url[i:i+4], ".php")
}

// asciiLower is PHP's strtolower: ASCII letters only, other bytes kept
// as they are (valid UTF-8 or not).
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// dropBytes removes the bytes for which drop is true.
func dropBytes(s string, drop func(byte) bool) string {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if !drop(s[i]) {
			b = append(b, s[i])
		}
	}
	return string(b)
}

// encodeBracketsAfterHost is esc_url's bracket step: "[" and "]" after
// scheme://user:pass@host:port become %5B and %5D (an IPv6 host keeps
// its brackets).
func encodeBracketsAfterHost(url string) string {
	front, ok := urlFront(url)
	if !ok {
		front = ""
	}
	endDirty := url
	if front != "" {
		endDirty = strings.ReplaceAll(url, front, "")
	}
	endClean := strings.ReplaceAll(strings.ReplaceAll(endDirty, "[", "%5B"), "]", "%5D")
	if endDirty == "" {
		return url
	}
	return strings.ReplaceAll(url, endDirty, endClean)
}

// urlFront rebuilds what esc_url takes from wp_parse_url: scheme://,
// user, :pass, @, host, :port. ok is false where parse_url fails (a port
// that is not a number up to 65535).
func urlFront(url string) (string, bool) {
	k := strings.Index(url, "://")
	if k <= 0 {
		return "", true
	}
	front := url[:k+3]
	auth := url[k+3:]
	if e := strings.IndexAny(auth, "/?#"); e >= 0 {
		auth = auth[:e]
	}
	if at := strings.LastIndexByte(auth, '@'); at >= 0 {
		front += auth[:at+1]
		auth = auth[at+1:]
	}
	host, port := auth, ""
	if strings.HasPrefix(auth, "[") {
		if e := strings.IndexByte(auth, ']'); e >= 0 {
			host, port = auth[:e+1], strings.TrimPrefix(auth[e+1:], ":")
		}
	} else if c := strings.LastIndexByte(auth, ':'); c >= 0 {
		host, port = auth[:c], auth[c+1:]
	}
	front += host
	if port != "" {
		n, err := strconv.Atoi(port)
		if err != nil || n < 0 || n > 65535 {
			return "", false
		}
		front += ":" + strconv.Itoa(n)
	}
	return front, true
}

func isAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}
