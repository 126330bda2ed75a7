package storage

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"time"
)

// AWS Signature Version 4, as the S3 documentation specifies it
// ("Signature Calculations for the Authorization Header"): a canonical
// request, a string to sign over its hash, and a key derived from the
// secret by HMAC over date, region, service and "aws4_request".

const sigV4Algorithm = "AWS4-HMAC-SHA256"

// signV4 adds x-amz-date, x-amz-content-sha256 and Authorization to req.
// The signed headers are host, every x-amz-* header, content-type and
// range when present.
func signV4(req *http.Request, body []byte, accessKey, secretKey, region, service string, now time.Time) {
	t := now.UTC()
	amzDate := t.Format("20060102T150405Z")
	day := t.Format("20060102")
	payload := hashHex(body)
	req.Header.Set("X-Amz-Date", amzDate)
	req.Header.Set("X-Amz-Content-Sha256", payload)

	canonical, signed := canonicalRequest(req, payload)
	scope := day + "/" + region + "/" + service + "/aws4_request"
	toSign := sigV4Algorithm + "\n" + amzDate + "\n" + scope + "\n" + hashHex([]byte(canonical))
	key := signingKey(secretKey, day, region, service)
	sig := hex.EncodeToString(hmacSHA256(key, []byte(toSign)))
	req.Header.Set("Authorization", sigV4Algorithm+" Credential="+accessKey+"/"+scope+
		", SignedHeaders="+signed+", Signature="+sig)
}

// canonicalRequest builds the canonical request of req and the list of
// signed header names.
func canonicalRequest(req *http.Request, payloadHash string) (canonical, signedHeaders string) {
	host := req.Host
	if host == "" {
		host = req.URL.Host
	}
	headers := map[string]string{"host": strings.TrimSpace(host)}
	for name, values := range req.Header {
		l := strings.ToLower(name)
		if strings.HasPrefix(l, "x-amz-") || l == "content-type" || l == "range" || l == "content-md5" {
			trimmed := make([]string, len(values))
			for i, v := range values {
				trimmed[i] = strings.Join(strings.Fields(v), " ")
			}
			headers[l] = strings.Join(trimmed, ",")
		}
	}
	names := make([]string, 0, len(headers))
	for n := range headers {
		names = append(names, n)
	}
	sort.Strings(names)
	var ch strings.Builder
	for _, n := range names {
		ch.WriteString(n + ":" + headers[n] + "\n")
	}
	signedHeaders = strings.Join(names, ";")
	path := req.URL.EscapedPath()
	if path == "" {
		path = "/"
	}
	canonical = req.Method + "\n" + uriEncodePath(mustUnescapePath(path)) + "\n" + canonicalQuery(req.URL.Query()) +
		"\n" + ch.String() + "\n" + signedHeaders + "\n" + payloadHash
	return canonical, signedHeaders
}

func mustUnescapePath(p string) string {
	u, err := url.PathUnescape(p)
	if err != nil {
		return p
	}
	return u
}

// canonicalQuery sorts parameters by name, then value, each URI-encoded.
func canonicalQuery(q url.Values) string {
	type kv struct{ k, v string }
	var pairs []kv
	for k, vs := range q {
		for _, v := range vs {
			pairs = append(pairs, kv{uriEncode(k, true), uriEncode(v, true)})
		}
	}
	sort.Slice(pairs, func(i, j int) bool {
		if pairs[i].k != pairs[j].k {
			return pairs[i].k < pairs[j].k
		}
		return pairs[i].v < pairs[j].v
	})
	parts := make([]string, len(pairs))
	for i, p := range pairs {
		parts[i] = p.k + "=" + p.v
	}
	return strings.Join(parts, "&")
}

// uriEncode is SigV4's UriEncode: unreserved characters as they are,
// everything else %XX in upper case; "/" is kept in paths.
func uriEncode(s string, encodeSlash bool) string {
	const hexdigits = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'A' <= c && c <= 'Z', 'a' <= c && c <= 'z', '0' <= c && c <= '9', c == '-', c == '_', c == '.', c == '~':
			b.WriteByte(c)
		case c == '/' && !encodeSlash:
			b.WriteByte(c)
		default:
			b.WriteByte('%')
			b.WriteByte(hexdigits[c>>4])
			b.WriteByte(hexdigits[c&15])
		}
	}
	return b.String()
}

// uriEncodePath encodes a path for the wire and for the canonical request
// alike (S3 does not double-encode).
func uriEncodePath(p string) string { return uriEncode(p, false) }

func hmacSHA256(key, data []byte) []byte {
	m := hmac.New(sha256.New, key)
	m.Write(data)
	return m.Sum(nil)
}

// signingKey derives the day's key for region and service.
func signingKey(secret, day, region, service string) []byte {
	k := hmacSHA256([]byte("AWS4"+secret), []byte(day))
	k = hmacSHA256(k, []byte(region))
	k = hmacSHA256(k, []byte(service))
	return hmacSHA256(k, []byte("aws4_request"))
}
