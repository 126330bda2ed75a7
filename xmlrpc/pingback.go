package xmlrpc

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/presspass/presspass/languages"
	"github.com/presspass/presspass/models"
	"github.com/presspass/presspass/models/wptext"
	"github.com/presspass/presspass/outbound"
)

// pingback.ping makes the server fetch a URL an anonymous caller names, so
// it is off unless the site enables it (--pingback=on); the fetching itself
// (timeout, size limit, no redirects, no internal addresses) is the
// injected fetcher's job (package outbound, shared with every adapter that
// fetches).

// PingbackFetcher fetches a pingback's source page: *outbound.Fetcher.
type PingbackFetcher interface {
	Get(ctx context.Context, url string, header http.Header) (*outbound.Response, error)
	UserAgent() string
}

// EnablePingback registers pingback.ping, which verifies sources with f.
// Call it before the server handles requests.
func (srv *Server) EnablePingback(f PingbackFetcher) {
	srv.methods.insertBefore("pingback.extensions.getPingbacks", "pingback.ping", pingbackPing(f))
}

// pingbackError is a pingback refusal: WordPress's xmlrpc_pingback_error
// filter answers every one but 48 ("already registered") as fault 0 with
// no text, so the reason is only logged (and, shown to nobody, not
// translated). 48's reason comes from the store's table, marked there.
func (c *Call) pingbackError(code int, reason string) error {
	if code == 48 {
		return NewFault(48, reason)
	}
	c.srv.cfg.Logger.Debug("pingback refused", "request_id", models.RequestID(c.ctx), "code", code, "reason", reason)
	return faultPingback
}

const (
	pingbackNoTarget = "The specified target URL cannot be used as a target. It either does not exist, or it is not a pingback-enabled resource."
	pingbackNoLink   = "The source URL does not contain a link to the target URL, and so cannot be used as a source."
)

// pingbackPing(source, target): WordPress's pingback_ping.
func pingbackPing(fetch PingbackFetcher) Method {
	return func(c *Call, p Params) (Value, error) {
		if p.Len() < 2 {
			return Value{}, c.pingbackError(0, "A valid URL was not provided.")
		}
		from, err1 := p.String(0)
		to, err2 := p.String(1)
		if err1 != nil || err2 != nil {
			return Value{}, c.pingbackError(0, "A valid URL was not provided.")
		}
		from = strings.ReplaceAll(from, "&amp;", "&")
		to = strings.ReplaceAll(to, "&amp;", "&")
		if from == "" {
			return Value{}, c.pingbackError(0, "A valid URL was not provided.")
		}
		home := c.srv.cfg.SiteURL
		for _, prefix := range []string{"http://www.", "http://", "https://www.", "https://"} {
			if strings.HasPrefix(home, prefix) {
				home = strings.TrimPrefix(home, prefix)
				break
			}
		}
		if i := strings.Index(to, home); i <= 0 {
			return Value{}, c.pingbackError(0, "Is there no link to us?")
		}
		postID, err := c.pingbackTargetID(to)
		if err != nil {
			return Value{}, err
		}
		if postID == 0 {
			return Value{}, c.pingbackError(33, pingbackNoTarget)
		}
		if same, err := c.urlToPostID(from); err != nil {
			return Value{}, err
		} else if same == postID {
			return Value{}, c.pingbackError(0, "The source URL and the target URL cannot both point to the same resource.")
		}
		if _, err := c.srv.store.PingbackTarget(c.ctx, postID, escapeAmp(from)); err != nil {
			return Value{}, c.pingbackStoreError(err)
		}
		// The pinging client is named to the page's server, as WordPress
		// names it.
		resp, err := fetch.Get(c.ctx, from, http.Header{
			"User-Agent":               {fetch.UserAgent() + "; verifying pingback from " + c.client.IP},
			"X-Pingback-Forwarded-For": {c.client.IP},
		})
		var page []byte
		if err == nil {
			page = resp.Body
		}
		if err != nil || len(page) == 0 {
			return Value{}, c.pingbackError(16, "The source URL does not exist.")
		}
		title, excerpt, ok := pingbackContext(string(page), escapeAmp(to))
		if title == "" {
			return Value{}, c.pingbackError(32, "A title on that page cannot be found.")
		}
		if !ok {
			return Value{}, c.pingbackError(17, pingbackNoLink)
		}
		_, err = c.srv.store.CreatePingback(c.ctx, models.PingbackInput{
			PostID: postID, SourceURL: escapeAmp(from), Title: title,
			Content: "[&#8230;] " + wptext.EscHTML(excerpt) + " [&#8230;]", Client: c.client,
		})
		if err != nil {
			return Value{}, c.pingbackStoreError(err)
		}
		return Str(fmt.Sprintf(languages.T(c.locale(), "Pingback from %[1]s to %[2]s registered. Keep the web talking! :-)"), escapeAmp(from), escapeAmp(to))), nil
	}
}

// pingbackStoreError maps the store's refusals to pingback faults.
func (c *Call) pingbackStoreError(err error) error {
	me := models.AsError(err)
	switch me.Kind {
	case models.KindInternal, models.KindUnavailable:
		return err
	}
	f := storeFault(me)
	return c.pingbackError(f.Code, f.Message)
}

var (
	pingbackPathID   = regexp.MustCompile(`p/([0-9]+)`)
	pingbackQueryID  = regexp.MustCompile(`p=([0-9]+)`)
	pingbackPostID   = regexp.MustCompile(`post-[0-9]+`)
	pingbackLeadNum  = regexp.MustCompile(`^[0-9]+`)
	pingbackNonDigit = regexp.MustCompile(`[^0-9]+`)
)

// pingbackTargetID finds the post a target URL names, as pingback_ping
// does: url_to_postid, then .../p/ID, ?p=ID, or a fragment #ID or
// #post-ID. 0 is no post.
func (c *Call) pingbackTargetID(to string) (uint64, error) {
	id, err := c.urlToPostID(to)
	if err != nil || id != 0 {
		return id, err
	}
	u, err := url.Parse(to)
	if err != nil {
		return 0, nil
	}
	number := func(digits string) uint64 {
		n, _ := strconv.ParseUint(digits, 10, 64)
		return n
	}
	if m := pingbackPathID.FindStringSubmatch(u.Path); m != nil {
		return number(m[1]), nil
	}
	if m := pingbackQueryID.FindStringSubmatch(u.RawQuery); m != nil {
		return number(m[1]), nil
	}
	if u.Fragment != "" {
		// PHP's (int) $fragment reads its leading digits ("#4-comments" is 4).
		if n := number(pingbackLeadNum.FindString(u.Fragment)); n != 0 {
			return n, nil
		}
		// "#post-ID": WordPress keeps every digit of the fragment.
		if pingbackPostID.MatchString(u.Fragment) {
			return number(pingbackNonDigit.ReplaceAllString(u.Fragment, "")), nil
		}
	}
	return 0, nil
}

var (
	pbSpaces    = regexp.MustCompile(`[\r\n\t ]+`)
	pbBlockTags = regexp.MustCompile(`</*(h1|h2|h3|h4|h5|h6|p|th|td|li|dt|dd|pre|caption|input|textarea|button|body)[^>]*>`)
	pbTitle     = regexp.MustCompile(`(?is)<title>([^<]*?)</title>`)
	pbScripts   = regexp.MustCompile(`(?is)<script[^>]*?>.*?</script>|<style[^>]*?>.*?</style>`)
	pbTag       = regexp.MustCompile(`(?s)<!--.*?-->|</?([a-zA-Z][a-zA-Z0-9]*)[^>]*>`)
	pbCtxMarker = regexp.MustCompile(`</?wpcontext>`)
)

// pingbackContext reads a source page as pingback_ping does: its title,
// and the words around the first link to target (which is written with &
// as &amp;, as in HTML). ok is false when no paragraph links to target.
func pingbackContext(page, target string) (title, excerpt string, ok bool) {
	page = strings.ReplaceAll(page, "<!DOC", "<DOC")
	page = pbSpaces.ReplaceAllString(page, " ")
	page = pbBlockTags.ReplaceAllString(page, "\n\n")
	if m := pbTitle.FindStringSubmatch(page); m != nil {
		title = strings.TrimSpace(m[1])
	}
	if title == "" {
		return "", "", false
	}
	page = pbScripts.ReplaceAllString(page, "")
	page = stripTags(page, "a")
	link := regexp.MustCompile(`<a[^>]+?` + regexp.QuoteMeta(target) + `[^>]*>([^>]+?)</a>`)
	for _, para := range strings.Split(page, "\n\n") {
		if !strings.Contains(para, target) {
			continue
		}
		m := link.FindStringSubmatch(para)
		if m == nil {
			continue
		}
		text := m[1]
		if len(text) > 100 {
			text = strings.ToValidUTF8(text[:100], "") + "&#8230;"
		}
		marker := "<wpcontext>" + text + "</wpcontext>"
		ex := pbCtxMarker.ReplaceAllString(para, "")
		ex = strings.Replace(ex, m[0], marker, 1)
		ex = strings.TrimSpace(stripTags(ex, "wpcontext"))
		around := regexp.MustCompile(`(?s)^.*?\s(.{0,100}` + regexp.QuoteMeta(marker) + `.{0,100})\s.*$`)
		ex = around.ReplaceAllString(ex, "$1")
		return title, stripTags(ex), true
	}
	return title, "", false
}

// stripTags removes HTML tags and comments but those named in keep, as
// PHP's strip_tags does for well-formed markup.
func stripTags(s string, keep ...string) string {
	return pbTag.ReplaceAllStringFunc(s, func(tag string) string {
		m := pbTag.FindStringSubmatch(tag)
		for _, k := range keep {
			if m[1] != "" && strings.EqualFold(m[1], k) {
				return tag
			}
		}
		return ""
	})
}

// escapeAmp writes & as &amp;, as WordPress stores pingback URLs.
func escapeAmp(s string) string { return strings.ReplaceAll(s, "&", "&amp;") }
