package models

import (
	"context"
	"strconv"
	"time"
)

// Sitemaps as WordPress 5.5+ serves them (wp-includes/sitemaps/): an index
// of sub-sitemaps per provider (posts of each public type, terms of each
// public taxonomy, users with published posts), each at most 2000 URLs a
// page. They exist only while the site lets search engines in (blog_public).

// SitemapMaxURLs is wp_sitemaps_get_max_urls' default.
const SitemapMaxURLs = 2000

// SitemapEntry is one <url> (or, in the index, one <sitemap>) of a sitemap.
type SitemapEntry struct {
	Loc     string
	LastMod time.Time // zero: none
}

// SitemapsEnabled is wp_sitemaps_get_server()->sitemaps_enabled(): only
// while blog_public is on.
func (s *Store) SitemapsEnabled(ctx context.Context) bool {
	return s.Option(ctx, "blog_public") != "0"
}

// SitemapURL is get_sitemap_url: wp-sitemap-….xml, or the query form with
// plain permalinks.
func (s *Store) SitemapURL(ctx context.Context, name, subtype string, page int) string {
	if page < 1 {
		page = 1
	}
	if !s.UsingPermalinks(ctx) {
		u := s.siteBase() + "/?sitemap=" + name
		if subtype != "" {
			u += "&sitemap-subtype=" + subtype
		}
		if name != "index" {
			u += "&paged=" + strconv.Itoa(page)
		}
		return u
	}
	if name == "index" {
		return s.siteBase() + "/wp-sitemap.xml"
	}
	n := name
	if subtype != "" {
		n += "-" + subtype
	}
	return s.siteBase() + "/wp-sitemap-" + n + "-" + strconv.Itoa(page) + ".xml"
}

// sitemapProvider is one of WordPress's providers with its subtypes.
type sitemapProvider struct {
	name     string
	subtypes []string
}

var sitemapProviders = []sitemapProvider{
	{"posts", []string{"post", "page"}},
	{"taxonomies", []string{"category", "post_tag"}},
	{"users", []string{""}},
}

// SitemapIndex lists the sub-sitemaps, in WordPress's order, leaving out
// those with no entries. Errors: internal.
func (s *Store) SitemapIndex(ctx context.Context) ([]SitemapEntry, error) {
	var out []SitemapEntry
	for _, p := range sitemapProviders {
		for _, sub := range p.subtypes {
			n, err := s.sitemapCount(ctx, p.name, sub)
			if err != nil {
				return nil, err
			}
			pages := int((n + SitemapMaxURLs - 1) / SitemapMaxURLs)
			if p.name == "posts" && sub == "page" && pages == 0 && s.Option(ctx, "show_on_front") == "posts" {
				pages = 1 // the home page is listed with the pages
			}
			for i := 1; i <= pages; i++ {
				out = append(out, SitemapEntry{Loc: s.SitemapURL(ctx, p.name, sub, i)})
			}
		}
	}
	return out, nil
}

var errSitemapNotFound = newError(KindNotFound, ReasonSitemapNotFound)

// SitemapEntries returns one page of a sub-sitemap. Errors: not found for
// an unknown provider or subtype, or a page past the last.
func (s *Store) SitemapEntries(ctx context.Context, name, subtype string, page int) ([]SitemapEntry, error) {
	if page < 1 {
		page = 1
	}
	known := false
	for _, p := range sitemapProviders {
		for _, sub := range p.subtypes {
			known = known || (p.name == name && sub == subtype)
		}
	}
	if !known {
		return nil, errSitemapNotFound
	}
	offset := (page - 1) * SitemapMaxURLs
	var out []SitemapEntry
	switch name {
	case "posts":
		if subtype == "page" && page == 1 && s.Option(ctx, "show_on_front") == "posts" {
			e := SitemapEntry{Loc: s.HomeURL("/")}
			var last Post
			if err := s.withContext(ctx).Where("type = ? AND status = ?", "post", "publish").
				Order("modified_gmt DESC").Take(&last).Error; err == nil {
				e.LastMod = last.ModifiedGMT
			}
			out = append(out, e)
		}
		var posts []Post
		err := s.withContext(ctx).Where("type = ? AND status = ? AND password = ?", subtype, "publish", "").
			Order("id ASC").Offset(offset).Limit(SitemapMaxURLs).Find(&posts).Error
		if err != nil {
			return nil, Internal(err)
		}
		links := s.Permalinks(ctx, pointersTo(posts), nil)
		for i := range posts {
			out = append(out, SitemapEntry{Loc: links[i], LastMod: posts[i].ModifiedGMT})
		}
	case "taxonomies":
		terms, _, err := s.Terms(ctx, TermFilter{Taxonomy: subtype, HideEmpty: true, OrderBy: "id", Offset: offset, Limit: SitemapMaxURLs})
		if err != nil {
			return nil, err
		}
		for _, link := range s.TermLinks(ctx, pointersTo(terms)) {
			out = append(out, SitemapEntry{Loc: link})
		}
	case "users":
		users, _, err := s.Users(ctx, UserFilter{HasPublished: []string{"post", "page"}, OrderBy: "id", Order: "asc", Offset: offset, Limit: SitemapMaxURLs})
		if err != nil {
			return nil, err
		}
		for i := range users {
			out = append(out, SitemapEntry{Loc: s.AuthorLink(ctx, &users[i])})
		}
	}
	if len(out) == 0 {
		return nil, errSitemapNotFound
	}
	return out, nil
}

// sitemapCount is how many entries a sub-sitemap has in all.
func (s *Store) sitemapCount(ctx context.Context, name, subtype string) (int64, error) {
	var n int64
	switch name {
	case "posts":
		if err := s.withContext(ctx).Model(&Post{}).Where("type = ? AND status = ? AND password = ?", subtype, "publish", "").
			Count(&n).Error; err != nil {
			return 0, Internal(err)
		}
	case "taxonomies":
		_, total, err := s.Terms(ctx, TermFilter{Taxonomy: subtype, HideEmpty: true, Limit: 1})
		if err != nil {
			return 0, err
		}
		n = total
	case "users":
		_, total, err := s.Users(ctx, UserFilter{HasPublished: []string{"post", "page"}, Limit: 1})
		if err != nil {
			return 0, err
		}
		n = total
	}
	return n, nil
}
