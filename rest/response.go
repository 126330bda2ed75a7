package rest

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// Response is what a handler returns: a status, JSON-able data and headers.
type Response struct {
	Status int
	// Data is an *Object, []any or []*Object (a list), or any
	// JSON-encodable value.
	Data   any
	Header http.Header
	// Links are the object's _links when it is a single object; they are
	// added after _fields filtering, as WordPress adds links to the data.
	Links Links
	// Raw, when set, is sent instead of Data's JSON with RawType as its
	// Content-Type, as a rest_pre_serve_request hook serves its own format
	// (the oEmbed XML).
	Raw     []byte
	RawType string

	isError bool
}

// NewResponse returns a response with status and data.
func NewResponse(status int, data any) *Response {
	return &Response{Status: status, Data: data, Header: http.Header{}}
}

// LinkHeader adds a Link header value as WP_REST_Response::link_header:
// `<href>; rel="rel"; key=value`, several joined by ", " in one header.
func (resp *Response) LinkHeader(rel, href string, attrs ...[2]string) {
	v := "<" + href + `>; rel="` + rel + `"`
	for _, a := range attrs {
		val := a[1]
		if a[0] == "title" {
			val = `"` + val + `"`
		}
		v += "; " + a[0] + "=" + val
	}
	if old := resp.Header.Get("Link"); old != "" {
		v = old + ", " + v
	}
	resp.Header.Set("Link", v)
}

// Link is one entry of an object's _links.
type Link struct {
	Rel  string
	Href string
	// Embeddable makes _embed fetch the link and put it in _embedded.
	Embeddable bool
	// Attrs are further members (targetHints, taxonomy, name, count, …), in
	// the order WordPress's add_link was given them. They come before href
	// (WP_REST_Response::get_links adds href last), with "embeddable" after
	// them unless they place it themselves; a self link's targetHints
	// comes after href, as WordPress 6.7 adds it to self links.
	Attrs *Object
}

// Links is an object's list of links.
type Links []Link

// wpRelPrefix is the link-relation base WordPress shortens to the "wp:" curie.
const wpRelPrefix = "https://api.w.org/"

// curies is the _links entry of the "wp:" curie.
var curies = []any{Obj("name", "wp", "href", "https://api.w.org/{rel}", "templated", true)}

// Compact renders the links as WordPress's _links object: grouped by
// relation in the order of their first link, api.w.org relations
// shortened to "wp:…" with a curies entry last. hints, when not nil,
// supplies a self link's targetHints.
func (l Links) compact(hints func(href string) *Object) *Object {
	out := &Object{members: make([]member, 0, len(l)+1)}
	usesCurie := false
	for _, link := range l {
		rel := link.Rel
		if strings.HasPrefix(rel, wpRelPrefix) {
			rel = "wp:" + strings.TrimPrefix(rel, wpRelPrefix)
			usesCurie = true
		}
		item := &Object{members: make([]member, 0, link.Attrs.Len()+2)}
		var targetHints any
		for k, v := range link.Attrs.All() {
			if k == "targetHints" && rel == "self" {
				targetHints = v
				continue
			}
			item.Set(k, v)
		}
		if link.Embeddable && !item.Has("embeddable") {
			item.Set("embeddable", true)
		}
		item.Set("href", link.Href)
		if targetHints == nil && rel == "self" && hints != nil {
			if h := hints(link.Href); h != nil {
				targetHints = h
			}
		}
		if targetHints != nil {
			item.Set("targetHints", targetHints)
		}
		list, _ := out.Get(rel)
		l, _ := list.([]any)
		out.Set(rel, append(l, item))
	}
	if usesCurie {
		out.Set("curies", curies)
	}
	return out
}

// CompactLinks renders links as the _links object of a response to r: self
// links get targetHints.allow, the methods r's user may use on them, as
// WordPress 6.7+ adds.
func (r *Request) CompactLinks(l Links) *Object { return l.compact(r.targetHints) }

// WithLinks sets data's _links when _fields asks for _links or _embedded
// (or is absent), as WordPress controllers decide, and returns data.
func (r *Request) WithLinks(data *Object, links Links) *Object {
	if len(links) > 0 && (r.FieldIncluded("_links") || r.FieldIncluded("_embedded")) {
		data.Set("_links", r.CompactLinks(links))
	}
	return data
}

// Paginate sets X-WP-Total, X-WP-TotalPages and the prev/next Link header
// of a collection response, with links built on base (the collection's route,
// e.g. "/wp/v2/users") and the request's own query parameters, as
// WordPress's controllers do.
func (r *Request) Paginate(resp *Response, base string, total int64, page, perPage int64) {
	maxPages := int64(0)
	if perPage > 0 {
		maxPages = (total + perPage - 1) / perPage
	}
	resp.Header.Set("X-WP-Total", strconv.FormatInt(total, 10))
	resp.Header.Set("X-WP-TotalPages", strconv.FormatInt(maxPages, 10))
	if page > 1 {
		prev := page - 1
		if prev > maxPages {
			prev = maxPages
		}
		resp.LinkHeader("prev", r.pageURL(base, prev))
	}
	if maxPages > page {
		resp.LinkHeader("next", r.pageURL(base, page+1))
	}
}

// pageURL is add_query_arg('page', n, base-with-query): the request's query
// in order with page replaced in place (or appended), urlencoded as PHP does.
func (r *Request) pageURL(base string, page int64) string {
	var b strings.Builder
	b.WriteString(r.server.restURL(base))
	sep := byte('?')
	seenPage := false
	for _, q := range r.query {
		v := q.value
		if q.key == "page" {
			if seenPage {
				continue
			}
			seenPage = true
			v = strconv.FormatInt(page, 10)
		}
		b.WriteByte(sep)
		sep = '&'
		b.WriteString(phpURLEncode(q.key))
		if q.value != "" || q.key == "page" {
			b.WriteByte('=')
			b.WriteString(phpURLEncode(v))
		}
	}
	if !seenPage {
		b.WriteByte(sep)
		b.WriteString("page=" + strconv.FormatInt(page, 10))
	}
	return b.String()
}

// phpURLEncode is PHP's urlencode: spaces as "+", everything but
// alphanumerics and -_. percent-encoded.
func phpURLEncode(s string) string {
	return strings.ReplaceAll(url.QueryEscape(s), "~", "%7E")
}
