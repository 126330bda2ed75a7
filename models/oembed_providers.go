package models

import (
	"net/url"
	"regexp"
	"strconv"
	"strings"
)

// oEmbedProviders are WordPress 6.9's sanctioned oEmbed providers
// (WP_oEmbed::$providers): the URL patterns of each public site whose
// oEmbed endpoint the block editor's proxy may ask. Patterns are anchored at
// the start of the URL (WordPress matches anywhere in it), so a link that
// only mentions a provider in its query does not count. VideoPress, whose
// endpoint names the asking site, is left out.
var oEmbedProviders = func() []oEmbedProvider {
	list := [][2]string{
		{`(?i)^https?://((m|www)\.)?youtube\.com/watch.*`, "https://www.youtube.com/oembed"},
		{`(?i)^https?://((m|www)\.)?youtube\.com/playlist.*`, "https://www.youtube.com/oembed"},
		{`(?i)^https?://((m|www)\.)?youtube\.com/shorts/*`, "https://www.youtube.com/oembed"},
		{`(?i)^https?://((m|www)\.)?youtube\.com/live/*`, "https://www.youtube.com/oembed"},
		{`(?i)^https?://youtu\.be/.*`, "https://www.youtube.com/oembed"},
		{`(?i)^https?://(.+\.)?vimeo\.com/.*`, "https://vimeo.com/api/oembed.{format}"},
		{`(?i)^https?://(www\.)?dailymotion\.com/.*`, "https://www.dailymotion.com/services/oembed"},
		{`(?i)^https?://dai\.ly/.*`, "https://www.dailymotion.com/services/oembed"},
		{`(?i)^https?://(www\.)?flickr\.com/.*`, "https://www.flickr.com/services/oembed/"},
		{`(?i)^https?://flic\.kr/.*`, "https://www.flickr.com/services/oembed/"},
		{`(?i)^https?://(.+\.)?smugmug\.com/.*`, "https://api.smugmug.com/services/oembed/"},
		{`(?i)^https?://(www\.)?scribd\.com/(doc|document)/.*`, "https://www.scribd.com/services/oembed"},
		{`(?i)^https?://wordpress\.tv/.*`, "https://wordpress.tv/oembed/"},
		{`(?i)^https?://(.+\.)?crowdsignal\.net/.*`, "https://api.crowdsignal.com/oembed"},
		{`(?i)^https?://(.+\.)?polldaddy\.com/.*`, "https://api.crowdsignal.com/oembed"},
		{`(?i)^https?://poll\.fm/.*`, "https://api.crowdsignal.com/oembed"},
		{`(?i)^https?://(.+\.)?survey\.fm/.*`, "https://api.crowdsignal.com/oembed"},
		{`(?i)^https?://(www\.)?twitter\.com/\w{1,15}/status(es)?/.*`, "https://publish.twitter.com/oembed"},
		{`(?i)^https?://(www\.)?twitter\.com/\w{1,15}$`, "https://publish.twitter.com/oembed"},
		{`(?i)^https?://(www\.)?twitter\.com/\w{1,15}/likes$`, "https://publish.twitter.com/oembed"},
		{`(?i)^https?://(www\.)?twitter\.com/\w{1,15}/lists/.*`, "https://publish.twitter.com/oembed"},
		{`(?i)^https?://(www\.)?twitter\.com/\w{1,15}/timelines/.*`, "https://publish.twitter.com/oembed"},
		{`(?i)^https?://(www\.)?twitter\.com/i/moments/.*`, "https://publish.twitter.com/oembed"},
		{`(?i)^https?://(www\.)?soundcloud\.com/.*`, "https://soundcloud.com/oembed"},
		{`(?i)^https?://(open|play)\.spotify\.com/.*`, "https://embed.spotify.com/oembed/"},
		{`(?i)^https?://(.+\.)?imgur\.com/.*`, "https://api.imgur.com/oembed"},
		{`(?i)^https?://(www\.)?issuu\.com/.+/docs/.+`, "https://issuu.com/oembed_wp"},
		{`(?i)^https?://(www\.)?mixcloud\.com/.*`, "https://app.mixcloud.com/oembed/"},
		{`(?i)^https?://(www\.|embed\.)?ted\.com/talks/.*`, "https://www.ted.com/services/v1/oembed.{format}"},
		{`(?i)^https?://(www\.)?(animoto|video214)\.com/play/.*`, "https://animoto.com/oembeds/create"},
		{`(?i)^https?://(.+)\.tumblr\.com/.*`, "https://www.tumblr.com/oembed/1.0"},
		{`(?i)^https?://(www\.)?kickstarter\.com/projects/.*`, "https://www.kickstarter.com/services/oembed"},
		{`(?i)^https?://kck\.st/.*`, "https://www.kickstarter.com/services/oembed"},
		{`(?i)^https?://cloudup\.com/.*`, "https://cloudup.com/oembed"},
		{`(?i)^https?://(www\.)?reverbnation\.com/.*`, "https://www.reverbnation.com/oembed"},
		{`(?i)^https?://(www\.)?reddit\.com/r/[^/]+/comments/.*`, "https://www.reddit.com/oembed"},
		{`(?i)^https?://(www\.)?speakerdeck\.com/.*`, "https://speakerdeck.com/oembed.{format}"},
		{`(?i)^https?://([a-z0-9-]+\.)?amazon\.(com|com\.mx|com\.br|ca)/.*`, "https://read.amazon.com/kp/api/oembed"},
		{`(?i)^https?://([a-z0-9-]+\.)?amazon\.(co\.uk|de|fr|it|es|in|nl|ru)/.*`, "https://read.amazon.co.uk/kp/api/oembed"},
		{`(?i)^https?://([a-z0-9-]+\.)?amazon\.(co\.jp|com\.au)/.*`, "https://read.amazon.com.au/kp/api/oembed"},
		{`(?i)^https?://([a-z0-9-]+\.)?amazon\.cn/.*`, "https://read.amazon.cn/kp/api/oembed"},
		{`(?i)^https?://(www\.)?a\.co/.*`, "https://read.amazon.com/kp/api/oembed"},
		{`(?i)^https?://(www\.)?amzn\.to/.*`, "https://read.amazon.com/kp/api/oembed"},
		{`(?i)^https?://(www\.)?amzn\.eu/.*`, "https://read.amazon.co.uk/kp/api/oembed"},
		{`(?i)^https?://(www\.)?amzn\.in/.*`, "https://read.amazon.in/kp/api/oembed"},
		{`(?i)^https?://(www\.)?amzn\.asia/.*`, "https://read.amazon.com.au/kp/api/oembed"},
		{`(?i)^https?://(www\.)?z\.cn/.*`, "https://read.amazon.cn/kp/api/oembed"},
		{`(?i)^https?://www\.someecards\.com/.+-cards/.+`, "https://www.someecards.com/v2/oembed/"},
		{`(?i)^https?://www\.someecards\.com/usercards/viewcard/.+`, "https://www.someecards.com/v2/oembed/"},
		{`(?i)^https?://some\.ly\/.+`, "https://www.someecards.com/v2/oembed/"},
		{`(?i)^https?://(www\.)?tiktok\.com/.*/video/.*`, "https://www.tiktok.com/oembed"},
		{`(?i)^https?://(www\.)?tiktok\.com/@.*`, "https://www.tiktok.com/oembed"},
		{`(?i)^https?://([a-z]{2}|www)\.pinterest\.com(\.(au|mx))?/.*`, "https://www.pinterest.com/oembed.json"},
		{`(?i)^https?://(www\.)?wolframcloud\.com/obj/.+`, "https://www.wolframcloud.com/oembed"},
		{`(?i)^https?://pca\.st/.+`, "https://pca.st/oembed.json"},
		{`(?i)^https?://((play|www)\.)?anghami\.com/.*`, "https://api.anghami.com/rest/v1/oembed.view"},
		{`(?i)^https?://bsky.app/profile/.*/post/.*`, "https://embed.bsky.app/oembed"},
		{`(?i)^https?://(www\.)?canva\.com/design/.*/view.*`, "https://canva.com/_oembed"},
	}
	out := make([]oEmbedProvider, len(list))
	for i, p := range list {
		out[i] = oEmbedProvider{match: regexp.MustCompile(p[0]), endpoint: p[1]}
	}
	return out
}()

type oEmbedProvider struct {
	match    *regexp.Regexp
	endpoint string
}

// OEmbedProviderRequest is WP_oEmbed::fetch's request URL for a link of a
// sanctioned provider: the provider's endpoint with the link, the size and
// the format asked for, and dnt=1 as WordPress adds it. ok is false for a
// link of no listed provider.
func OEmbedProviderRequest(link string, maxWidth, maxHeight int, format string) (endpoint string, ok bool) {
	u, err := url.Parse(link)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", false
	}
	for _, p := range oEmbedProviders {
		if !p.match.MatchString(link) {
			continue
		}
		q := url.Values{}
		q.Set("maxwidth", strconv.Itoa(maxWidth))
		if maxHeight > 0 {
			q.Set("maxheight", strconv.Itoa(maxHeight))
		}
		q.Set("url", link)
		q.Set("dnt", "1")
		q.Set("format", format)
		sep := "?"
		if strings.Contains(p.endpoint, "?") {
			sep = "&"
		}
		return p.endpoint + sep + q.Encode(), true
	}
	return "", false
}
