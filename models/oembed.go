package models

import (
	"context"
	"math"
	"net/url"
	"strings"
)

// OEmbedData is what get_oembed_response_data gives for a post of this
// site, before the adapter adds the embed markup: the provider, the author,
// the title and the frame's size.
type OEmbedData struct {
	ProviderName, ProviderURL string
	AuthorName, AuthorURL     string
	Post                      *Post
	Width, Height             int
}

// OEmbedSize is WordPress's frame size for a requested maxwidth: the width
// kept within 200-600 pixels (oembed_min_max_width), the height 16:9 of it
// and at least 200.
func OEmbedSize(maxWidth int) (width, height int) {
	width = min(max(maxWidth, 200), 600)
	height = max(int(math.Ceil(float64(width)/16*9)), 200)
	return width, height
}

// OEmbedForURL resolves a URL of this site to the post it shows, as
// url_to_postid does, and returns its oEmbed data; viewer is the caller (a
// logged-in editor may embed a post only they can read). Errors: not found
// for a URL that names no embeddable post.
func (s *Store) OEmbedForURL(ctx context.Context, rawURL string, maxWidth int, viewer *User) (*OEmbedData, error) {
	p := s.PostFromURL(ctx, rawURL)
	if p == nil || !isPublicType(p.Type) || !(p.Status == "publish" || p.Status == "inherit" ||
		(p.Status == "private" && CanReadPost(viewer, p))) {
		return nil, errOEmbedInvalidURL
	}
	d := &OEmbedData{
		ProviderName: s.Option(ctx, "blogname"),
		ProviderURL:  s.siteBase(),
		AuthorName:   s.Option(ctx, "blogname"),
		AuthorURL:    s.siteBase(),
		Post:         p,
	}
	if u, err := s.UserByID(ctx, p.AuthorID); err == nil {
		d.AuthorName, d.AuthorURL = u.DisplayName, s.AuthorLink(ctx, u)
	}
	d.Width, d.Height = OEmbedSize(maxWidth)
	return d, nil
}

var errOEmbedInvalidURL = newError(KindNotFound, ReasonOEmbedInvalidURL)

// PostFromURL is url_to_postid: the post a link of this site points at, or
// nil for a link elsewhere or to no single post.
func (s *Store) PostFromURL(ctx context.Context, rawURL string) *Post {
	u, err := url.Parse(strings.TrimSpace(rawURL))
	if err != nil {
		return nil
	}
	home, err := url.Parse(s.siteBase())
	// As url_to_postid, only the host name counts (not the port), "www."
	// or not.
	if err != nil || (u.Host != "" && !strings.EqualFold(strings.TrimPrefix(u.Hostname(), "www."), strings.TrimPrefix(home.Hostname(), "www."))) {
		return nil
	}
	path := strings.TrimPrefix(u.Path, strings.TrimRight(home.Path, "/"))
	qv := s.ParseRequest(ctx, path, u.Query())
	delete(qv, "embed")
	delete(qv, "feed")
	q, err := s.QuerySite(ctx, qv, nil)
	if err != nil || q.Post == nil || !q.IsSingular() {
		return nil
	}
	return q.Post
}

// EmbedLink is get_post_embed_url: the permalink with embed/ appended, or
// embed=true added with plain permalinks.
func (s *Store) EmbedLink(ctx context.Context, p *Post) string {
	link := s.publicLink(ctx, p)
	if !s.UsingPermalinks(ctx) || strings.Contains(link, "?") {
		sep := "?"
		if strings.Contains(link, "?") {
			sep = "&"
		}
		return link + sep + "embed=true"
	}
	return strings.TrimRight(link, "/") + "/" + s.trailing(ctx, "embed")
}
