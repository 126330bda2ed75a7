package models

import (
	"context"
	"fmt"
	"net/url"
	"strconv"
	"strings"
)

// The public site's other links, as WordPress's link-template.php builds
// them for the permalink structure (pretty) or for plain permalinks.

// UsingPermalinks is WP_Rewrite::using_permalinks().
func (s *Store) UsingPermalinks(ctx context.Context) bool {
	return s.Option(ctx, "permalink_structure") != ""
}

// trailing is user_trailingslashit with the site's structure deciding
// whether links end with a slash (userTrailingSlash, term_link.go).
func (s *Store) trailing(ctx context.Context, path string) string {
	return userTrailingSlash(path, strings.HasSuffix(s.Option(ctx, "permalink_structure"), "/"))
}

// HomeURL is home_url(path).
func (s *Store) HomeURL(path string) string { return s.siteBase() + "/" + strings.TrimLeft(path, "/") }

// AuthorLink is get_author_posts_url.
func (s *Store) AuthorLink(ctx context.Context, u *User) string {
	if !s.UsingPermalinks(ctx) {
		return s.siteBase() + "/?author=" + strconv.FormatUint(u.ID, 10)
	}
	return s.siteBase() + s.trailing(ctx, permastructFront(s.Option(ctx, "permalink_structure"))+"author/"+u.Nicename)
}

// DateLink is get_year_link / get_month_link / get_day_link (month and day
// zero for the coarser ones).
func (s *Store) DateLink(ctx context.Context, y, m, d int) string {
	if !s.UsingPermalinks(ctx) {
		v := fmt.Sprintf("%04d", y)
		if m > 0 {
			v += fmt.Sprintf("%02d", m)
			if d > 0 {
				v += fmt.Sprintf("%02d", d)
			}
		}
		return s.siteBase() + "/?m=" + v
	}
	structure := s.Option(ctx, "permalink_structure")
	path := fmt.Sprintf("%04d", y)
	if m > 0 {
		path += fmt.Sprintf("/%02d", m)
		if d > 0 {
			path += fmt.Sprintf("/%02d", d)
		}
	}
	prefix := strings.TrimSuffix(dateStructure(structure, permastructFront(structure)), "%year%/%monthnum%/%day%")
	return s.siteBase() + s.trailing(ctx, prefix+path)
}

// FeedLink is get_feed_link: the site's posts feed, or with comments set
// its comments feed, of a type (rss2, atom, rdf, rss).
func (s *Store) FeedLink(ctx context.Context, feed string, comments bool) string {
	if !s.UsingPermalinks(ctx) {
		v := feed
		if comments {
			v = "comments-" + feed
		}
		return s.siteBase() + "/?feed=" + v
	}
	path := "/feed/"
	if feed != "rss2" {
		path += feed + "/"
	}
	if comments {
		path = "/comments" + path
	}
	return s.siteBase() + s.trailing(ctx, path)
}

// ArchiveFeedLink is the feed of an archive page given by its link (an
// author's, a term's): the link with feed/ appended, or feed= added.
func (s *Store) ArchiveFeedLink(ctx context.Context, archiveLink, feed string) string {
	if !s.UsingPermalinks(ctx) {
		return archiveLink + "&feed=" + feed
	}
	suffix := "feed"
	if feed != "rss2" {
		suffix += "/" + feed
	}
	return strings.TrimRight(archiveLink, "/") + "/" + s.trailing(ctx, suffix)
}

// PostCommentsFeedLink is get_post_comments_feed_link.
func (s *Store) PostCommentsFeedLink(ctx context.Context, p *Post, feed string) string {
	return s.CommentsFeedLinkOf(ctx, p, s.Permalink(ctx, p, nil), feed)
}

// CommentsFeedLinkOf is get_post_comments_feed_link for a post whose
// permalink (as a visitor sees it) a list has already built.
func (s *Store) CommentsFeedLinkOf(ctx context.Context, p *Post, permalink, feed string) string {
	if p.Type == "attachment" && p.ParentID == 0 {
		// An unattached attachment's comments feed is the site's feed
		// with attachment_id added, in both forms.
		if !s.UsingPermalinks(ctx) {
			return fmt.Sprintf("%s/?feed=%s&attachment_id=%d", s.siteBase(), feed, p.ID)
		}
		path := "/feed/"
		if feed != "rss2" {
			path += feed + "/"
		}
		return fmt.Sprintf("%s%s?attachment_id=%d", s.siteBase(), path, p.ID)
	}
	link := permalink
	if !s.UsingPermalinks(ctx) || strings.Contains(link, "?") {
		key := "p"
		if p.Type == "page" {
			key = "page_id"
		}
		return fmt.Sprintf("%s/?feed=%s&%s=%d", s.siteBase(), feed, key, p.ID)
	}
	suffix := "feed"
	if feed != "rss2" {
		suffix += "/" + feed
	}
	return strings.TrimRight(link, "/") + "/" + s.trailing(ctx, suffix)
}

// SearchLink is get_search_link; SearchFeedLink get_search_feed_link.
func (s *Store) SearchLink(ctx context.Context, query string) string {
	if !s.UsingPermalinks(ctx) {
		return s.siteBase() + "/?s=" + url.QueryEscape(query)
	}
	return s.siteBase() + s.trailing(ctx, "/search/"+url.PathEscape(query))
}

// SearchFeedLink is get_search_feed_link.
func (s *Store) SearchFeedLink(ctx context.Context, query, feed string) string {
	if !s.UsingPermalinks(ctx) {
		return s.siteBase() + "/?s=" + url.QueryEscape(query) + "&feed=" + feed
	}
	return strings.TrimRight(s.SearchLink(ctx, query), "/") + "/" + s.trailing(ctx, "feed/"+feed)
}

// ShortLink is wp_get_shortlink: ?p=ID for every post type.
func (s *Store) ShortLink(p *Post) string {
	return s.siteBase() + "/?p=" + strconv.FormatUint(p.ID, 10)
}

// PreviewLink is get_preview_post_link for a post its editors may see
// before it is published.
func (s *Store) PreviewLink(ctx context.Context, p *Post) string {
	link := s.Permalink(ctx, p, nil)
	sep := "?"
	if strings.Contains(link, "?") {
		sep = "&"
	}
	return link + sep + "preview=true"
}

// PagedLink is get_pagenum_link for page n of an archive whose first page
// is base.
func (s *Store) PagedLink(ctx context.Context, base string, n int) string {
	if n <= 1 {
		return base
	}
	if !s.UsingPermalinks(ctx) || strings.Contains(base, "?") {
		sep := "?"
		if strings.Contains(base, "?") {
			sep = "&"
		}
		return base + sep + "paged=" + strconv.Itoa(n)
	}
	return strings.TrimRight(base, "/") + "/" + s.trailing(ctx, "page/"+strconv.Itoa(n))
}
