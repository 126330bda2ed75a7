package rest

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/xml"
	"fmt"
	"html"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/presspass/presspass/languages"
	"github.com/presspass/presspass/models"
	"github.com/presspass/presspass/models/epoch"
	"github.com/presspass/presspass/models/wptext"
	"github.com/presspass/presspass/outbound"
)

// /oembed/1.0: WP_oEmbed_Controller. The embed route answers for this
// site's own posts (JSON, or XML with format=xml); the proxy route lets
// users who may edit posts embed a link in the block editor: this site's
// links are answered locally, others only from WordPress's sanctioned
// providers, fetched with the shared guarded fetcher (Config.OEmbedFetcher,
// nil while outbound fetching is off) and never by discovery. A provider's
// answer is kept a day (WordPress's oembed_ttl), so that an editor typing a
// link does not ask the provider on every preview.

// OEmbedFetcher fetches a provider's oEmbed document: *outbound.Fetcher.
type OEmbedFetcher interface {
	Get(ctx context.Context, url string, header http.Header) (*outbound.Response, error)
}

// oembedProxyEntries bounds the proxy's cache of providers' answers.
const oembedProxyEntries = 512

var oembedURLArg = Arg{Name: "url", Description: "The URL of the resource for which to fetch oEmbed data.",
	Type: "string", Format: "uri", Required: true}

func (s *Server) oembedRoutes() []*Route {
	return []*Route{
		{Namespace: "oembed/1.0", Pattern: "/oembed/1.0", Endpoints: []*Endpoint{{
			Methods: []string{"GET"},
			Args:    []Arg{{Name: "namespace", Default: "oembed/1.0"}, {Name: "context", Default: "view"}},
			Handler: s.getNamespaceIndex,
		}}},
		{Namespace: "oembed/1.0", Pattern: "/oembed/1.0/embed", Endpoints: []*Endpoint{{
			Methods: []string{"GET"},
			Args:    []Arg{oembedURLArg, {Name: "format", Default: "json"}, {Name: "maxwidth", Default: int64(600)}},
			Handler: s.getOEmbed,
		}}},
		{Namespace: "oembed/1.0", Pattern: "/oembed/1.0/proxy", Endpoints: []*Endpoint{{
			Methods: []string{"GET"},
			Args: []Arg{
				oembedURLArg,
				{Name: "format", Description: "The oEmbed format to use.", Type: "string", Default: "json", Enum: []any{"json", "xml"}, Keywords: kwOrder},
				{Name: "maxwidth", Description: "The maximum width of the embed frame in pixels.", Type: "integer", Default: int64(600)},
				{Name: "maxheight", Description: "The maximum height of the embed frame in pixels.", Type: "integer"},
				{Name: "discover", Description: "Whether to perform an oEmbed discovery request for unsanctioned providers.", Type: "boolean", Default: true},
			},
			Permission: oembedProxyPermission,
			Handler:    s.getOEmbedProxy,
		}}},
	}
}

// getOEmbed is WP_oEmbed_Controller::get_item: this site's post behind url.
func (s *Server) getOEmbed(r *Request) (*Response, error) {
	maxWidth, _ := strconv.Atoi(strings.TrimSpace(fmt.Sprint(r.Param("maxwidth"))))
	if maxWidth < 0 {
		maxWidth = -maxWidth
	}
	d, err := s.store.OEmbedForURL(r.ctx, r.String("url"), maxWidth, nil)
	if err != nil {
		return nil, err
	}
	data := s.oembedData(r.ctx, d)
	if r.String("format") == "xml" {
		resp := NewResponse(http.StatusOK, data)
		resp.Raw, resp.RawType = oembedXML(data), "text/xml; charset=UTF-8"
		return resp, nil
	}
	return NewResponse(http.StatusOK, data), nil
}

// oembedData is get_oembed_response_data with get_oembed_response_data_rich.
func (s *Server) oembedData(ctx context.Context, d *models.OEmbedData) *Object {
	return Obj(
		"version", "1.0",
		"provider_name", d.ProviderName,
		"provider_url", d.ProviderURL,
		"author_name", d.AuthorName,
		"author_url", d.AuthorURL,
		"title", wptext.TheTitle(d.Post.Title),
		"type", "rich",
		"width", d.Width,
		"height", d.Height,
		"html", s.oembedHTML(ctx, d),
	)
}

// oembedHTML is get_post_embed_html: a blockquote with the link (what a
// reader without frames sees), the sandboxed frame of the post's /embed/
// page, and a small script of PressPass's own that fits the frame to the
// height the embed page reports and then hides the blockquote. The message
// format (secret, message, value) is WordPress's, so WordPress hosts and
// PressPass hosts understand each other's embeds.
func (s *Server) oembedHTML(ctx context.Context, d *models.OEmbedData) string {
	secret := oembedSecret()
	title := wptext.TheTitle(d.Post.Title)
	frameTitle := "&#8220;" + title + "&#8221; &#8212; " + d.ProviderName
	link := s.store.Permalink(ctx, d.Post, nil)
	return fmt.Sprintf(`<blockquote class="wp-embedded-content" data-secret="%s"><a href="%s">%s</a></blockquote>`,
		secret, html.EscapeString(link), title) +
		fmt.Sprintf(`<iframe sandbox="allow-scripts" security="restricted" src="%s#?secret=%s" width="%d" height="%d" title="%s" data-secret="%s" frameborder="0" marginwidth="0" marginheight="0" scrolling="no" class="wp-embedded-content"></iframe>`,
			html.EscapeString(s.store.EmbedLink(ctx, d.Post)), secret, d.Width, d.Height, strings.ReplaceAll(frameTitle, `"`, "&quot;"), secret) +
		"<script>\n" + oembedHostScript + "\n</script>\n"
}

// oembedHostScript runs on the page that embeds a post: it answers only its
// own frames (same secret, same window) and keeps the height within
// 200-1000 pixels, as WordPress's host script does.
const oembedHostScript = `(function(w,d){if(w.presspassEmbeds)return;w.presspassEmbeds=1;` +
	`w.addEventListener("message",function(e){var m=e.data||{};if(!/^[a-zA-Z0-9]{1,32}$/.test(m.secret||""))return;` +
	`var f=d.querySelectorAll('iframe[data-secret="'+m.secret+'"]'),q=d.querySelectorAll('blockquote[data-secret="'+m.secret+'"]');` +
	`for(var i=0;i<f.length;i++){if(e.source!==f[i].contentWindow)continue;for(var j=0;j<q.length;j++)q[j].style.display="none";` +
	`if(m.message==="height"){f[i].height=Math.min(Math.max(parseInt(m.value,10)||0,200),1000);}}},false);})(window,document);`

// oembedSecret is wp_generate_password(10, false).
func oembedSecret() string {
	const chars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	var b [10]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic("crypto/rand failed: " + err.Error())
	}
	for i := range b {
		b[i] = chars[int(b[i])%len(chars)]
	}
	return string(b[:])
}

// oembedXMLOrder is the order of the members in WordPress's XML answer.
var oembedXMLOrder = []string{"version", "provider_name", "provider_url", "author_name", "author_url", "title",
	"type", "width", "height", "html", "thumbnail_url", "thumbnail_width", "thumbnail_height"}

// oembedXML is _oembed_create_xml: <oembed> with one element per member.
func oembedXML(data *Object) []byte {
	var b strings.Builder
	b.WriteString("<?xml version=\"1.0\"?>\n<oembed>")
	for _, k := range oembedXMLOrder {
		v, ok := data.Get(k)
		if !ok {
			continue
		}
		b.WriteString("<" + k + ">")
		_ = xml.EscapeText(&b, []byte(fmt.Sprint(v)))
		b.WriteString("</" + k + ">")
	}
	b.WriteString("</oembed>\n")
	return []byte(b.String())
}

func oembedProxyPermission(r *Request) error {
	if !models.CanEditPosts(r.User, "post") {
		return Forbidden("rest_forbidden", languages.Mark("Sorry, you are not allowed to make proxied oEmbed requests."))
	}
	return nil
}

// getOEmbedProxy is WP_oEmbed_Controller::get_proxy_item.
func (s *Server) getOEmbedProxy(r *Request) (*Response, error) {
	link := r.String("url")
	maxWidth := int(r.Int("maxwidth"))
	if d, err := s.store.OEmbedForURL(r.ctx, link, maxWidth, r.User); err == nil {
		// This site's own post: no request leaves the server.
		return NewResponse(http.StatusOK, s.oembedData(r.ctx, d)), nil
	}
	notFound := refusal(models.KindNotFound, models.ReasonOEmbedInvalidURL)
	if s.cfg.OEmbedFetcher == nil {
		return nil, notFound
	}
	endpoint, ok := models.OEmbedProviderRequest(link, maxWidth, int(r.Int("maxheight")), "json")
	if !ok {
		return nil, notFound
	}
	key := s.cache.keys.Key("oembed-proxy", endpoint)
	if data, ok := s.oembedProxyCache.Get(key, epoch.Epochs{}, s.store.Now()); ok {
		return NewResponse(http.StatusOK, fieldsValue(data)), nil
	}
	ctx, cancel := context.WithTimeout(r.ctx, outbound.DefaultTimeout)
	defer cancel()
	got, err := s.cfg.OEmbedFetcher.Get(ctx, endpoint, nil)
	if err != nil || got.Status != http.StatusOK {
		return nil, notFound
	}
	// The provider's object with its members in the provider's order, as
	// WordPress's json_decode keeps them; kept as Fields, which no answer
	// changes, and made an Object afresh for each answer.
	data, err := models.DecodeJSONObject(bytes.TrimSpace(got.Body))
	if err != nil {
		return nil, notFound
	}
	// A sanctioned provider's markup is used as it comes, as WordPress
	// trusts it (wp_filter_oembed_result leaves it alone).
	s.oembedProxyCache.Put(key, data, epoch.Epochs{}, s.store.Now().Add(24*time.Hour))
	return NewResponse(http.StatusOK, fieldsValue(data)), nil
}
