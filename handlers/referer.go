package handlers

import (
	"net/url"
	"strings"
)

// refererField is wp_referer_field's value: the request URI without its
// own _wp_http_referer, its query rebuilt as remove_query_arg does — parsed
// (a repeated name keeps its first place and its last value), each value
// encoded with PHP's urlencode (a space is "+", "~" is "%7E") and "=" left
// off empty values. Apps compare it with the URL they opened.
func refererField(requestURI string) string {
	path, query, found := strings.Cut(requestURI, "?")
	if !found {
		return requestURI
	}
	var keys []string
	values := map[string]string{}
	for _, pair := range strings.Split(query, "&") {
		if pair == "" {
			continue
		}
		k, v, _ := strings.Cut(pair, "=")
		key, err := url.QueryUnescape(k)
		if err != nil {
			key = k
		}
		val, err := url.QueryUnescape(v)
		if err != nil {
			val = v
		}
		if key == "_wp_http_referer" {
			continue
		}
		if _, seen := values[key]; !seen {
			keys = append(keys, key)
		}
		values[key] = val
	}
	var b strings.Builder
	for i, k := range keys {
		if i > 0 {
			b.WriteByte('&')
		}
		b.WriteString(k)
		if v := values[k]; v != "" {
			b.WriteByte('=')
			b.WriteString(phpURLEncode(v))
		}
	}
	if b.Len() == 0 {
		return path
	}
	return path + "?" + b.String()
}

// phpURLEncode is PHP's urlencode: letters, digits and "-_." stay, a space
// becomes "+", every other byte %XX in upper case.
func phpURLEncode(s string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '-', c == '_', c == '.':
			b.WriteByte(c)
		case c == ' ':
			b.WriteByte('+')
		default:
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
		}
	}
	return b.String()
}
