package models

import (
	"context"
	"net/url"
	"regexp"
	"strconv"
	"strings"
)

// CanonicalRedirect is WordPress's redirect_canonical for a GET or HEAD of
// the public site: the URL the request should be moved to with a 301, or ""
// when it is already canonical. path and rawQuery are the request's; q is
// its main query. It covers the plain forms (?p=, ?page_id=,
// ?attachment_id=, ?cat=, ?tag=, ?author=, ?m=, ?feed=), a missing or extra
// trailing slash, feed and page suffixes written another way, the page on
// the front, a 404 that names an existing post by id, and the guess of a
// 404's post by the start of its slug (redirect_guess_404_permalink).
func (s *Store) CanonicalRedirect(ctx context.Context, path, rawQuery string, q *SiteQuery) string {
	if q.IsSearch || q.IsPreview || q.Vars["tb"] != "" || q.Vars["favicon"] != "" {
		return ""
	}
	if q.Vars["feed"] == "old" {
		// WordPress 1.x's feed files move to today's feeds.
		old := map[string][2]string{"wp-atom.php": {"atom", ""}, "wp-commentsrss2.php": {"rss2", "comments"},
			"wp-feed.php": {"rss2", ""}, "wp-rdf.php": {"rdf", ""}, "wp-rss.php": {"rss2", ""}, "wp-rss2.php": {"rss2", ""}}
		if f, ok := old[path[strings.LastIndex(path, "/")+1:]]; ok {
			return s.FeedLink(ctx, f[0], f[1] != "")
		}
	}
	get, _ := url.ParseQuery(rawQuery)
	has := func(k string) bool { return get.Get(k) != "" && get.Get(k) != "0" }
	query := rawQuery
	redirectURL := ""
	redirectPath := path
	pretty := s.UsingPermalinks(ctx)

	if q.IsFeed && q.Vars.Int("p") > 0 {
		if p, err := s.PostByID(ctx, uint64(q.Vars.Int("p"))); err == nil {
			redirectURL = s.PostCommentsFeedLink(ctx, p, q.Feed)
			query = removeQueryArgs(query, "p", "page_id", "attachment_id", "pagename", "name", "post_type", "feed")
			if u, err := url.Parse(redirectURL); err == nil {
				redirectPath = u.Path
			}
		}
	}
	if q.Is404 {
		id := max(q.Vars.Int("p"), q.Vars.Int("page_id"), q.Vars.Int("attachment_id"))
		if id > 0 {
			if p, err := s.PostByID(ctx, uint64(id)); err == nil && isPublicType(p.Type) && p.Status != "auto-draft" {
				redirectURL = s.publicLink(ctx, p)
				query = removeQueryArgs(query, "p", "page_id", "attachment_id", "pagename", "name", "post_type")
			}
		}
		if redirectURL == "" {
			if g := s.guess404Permalink(ctx, q); g != "" {
				redirectURL = g
				query = removeQueryArgs(query, "page", "feed", "p", "page_id", "attachment_id", "pagename", "name", "post_type")
			}
		}
	} else if pretty {
		switch {
		case q.IsAttachment && has("attachment_id"):
			redirectURL = s.publicLink(ctx, q.Post)
			query = removeQueryArgs(query, "attachment_id")
		case q.IsSingle && has("p"):
			redirectURL = s.publicLink(ctx, q.Post)
			query = removeQueryArgs(query, "p", "post_type")
		case q.IsSingle && has("name"):
			redirectURL = s.publicLink(ctx, q.Post)
			query = removeQueryArgs(query, "name")
		case q.IsPage && has("page_id"):
			redirectURL = s.publicLink(ctx, q.Post)
			query = removeQueryArgs(query, "page_id")
		case q.IsPage && !q.IsFeed && q.IsFrontPage && q.Vars["pagename"] != "":
			redirectURL = s.HomeURL("/")
		case has("m") && q.IsDate:
			redirectURL = s.DateLink(ctx, q.Year, q.Month, q.Day)
			query = removeQueryArgs(query, "m")
		case q.IsDate && (has("year") || has("monthnum") || has("day")):
			redirectURL = s.DateLink(ctx, q.Year, q.Month, q.Day)
			query = removeQueryArgs(query, "year", "monthnum", "day")
		case q.IsAuthor && has("author") && isDigits(get.Get("author")):
			var n int64
			s.withContext(ctx).Model(&Post{}).Where("author_id = ? AND status = ?", q.Author.ID, "publish").Limit(1).Count(&n)
			if n > 0 {
				redirectURL = s.AuthorLink(ctx, q.Author)
				query = removeQueryArgs(query, "author")
			}
		case (q.IsCategory || q.IsTag) && q.Term != nil && (has("cat") || has("category_name") || has("tag")):
			redirectURL = s.TermLink(ctx, q.Term)
			query = removeQueryArgs(query, "cat", "category_name", "tag", "tag_id", "term", "taxonomy")
		}
		if q.Vars["sitemap"] != "" && (has("sitemap") || has("sitemap-subtype")) {
			redirectURL = s.SitemapURL(ctx, q.Vars["sitemap"], q.Vars["sitemap-subtype"], q.Vars.Int("paged"))
			query = removeQueryArgs(query, "sitemap", "sitemap-subtype", "paged")
		} else if q.Vars["sitemap"] == "" && (q.Vars.Int("paged") > 0 || q.IsFeed) {
			base := redirectPath
			if redirectURL != "" {
				if u, err := url.Parse(redirectURL); err == nil {
					base = u.Path
				}
			}
			for suffixPaged.MatchString(base) || endsWithFeed.MatchString(base) {
				base = suffixPaged.ReplaceAllString(base, "/")
				base = suffixFeed.ReplaceAllString(base, "/")
			}
			base = strings.TrimSuffix(base, "/index.php")
			addl := ""
			if q.IsFeed && q.Vars["feed"] != "old" {
				if !q.IsSingular() && q.Vars["withcomments"] != "" {
					addl = "comments/"
				}
				format := q.Feed
				if format == "rss2" {
					format = ""
				}
				addl += s.trailing(ctx, "feed/"+format)
				query = removeQueryArgs(query, "feed", "withcomments")
			}
			if paged := q.Vars.Int("paged"); paged > 0 {
				query = removeQueryArgs(query, "paged")
				if !q.IsFeed && !q.IsSingle && paged > 1 {
					if addl != "" {
						addl = strings.TrimRight(addl, "/") + "/"
					}
					addl += s.trailing(ctx, "page/"+strconv.Itoa(paged))
				} else if q.IsFeed && paged > 1 {
					query = addQueryArg(query, "paged", strconv.Itoa(paged))
				}
			}
			base = s.trailing(ctx, base)
			if addl != "" {
				base = strings.TrimRight(base, "/") + "/" + addl
			}
			redirectURL = s.siteOrigin() + base
		}
	}
	if q.IsAttachment && q.Post != nil && !q.Is404 {
		if m, err := s.MediaByID(ctx, q.Post.ID); err == nil && m.URL != "" {
			// Attachment pages are off (wp_attachment_pages_enabled, 0 on
			// new sites since WordPress 6.4): the file is the page.
			return m.URL
		}
	}
	query = strings.TrimLeft(query, "?&")
	target := s.siteOrigin() + path
	if redirectURL != "" {
		target = redirectURL
	}
	u, err := url.Parse(target)
	if err != nil {
		return ""
	}
	if query != "" {
		if u.RawQuery != "" {
			u.RawQuery += "&" + query
		} else {
			u.RawQuery = query
		}
	}
	u.RawQuery = canonicalQueryCleanup(u.RawQuery)
	p := u.EscapedPath()
	if p == "" {
		p = "/"
	}
	p = strings.TrimSuffix(p, "/index.php")
	if pretty && !q.Is404 && (!q.IsFrontPage || q.Vars.Int("paged") > 1) {
		p = s.trailing(ctx, p)
	} else if q.IsFrontPage {
		p = strings.TrimRight(p, "/") + "/"
	}
	if q.Vars["robots"] != "" || q.Vars["sitemap"] != "" || q.Vars["sitemap-stylesheet"] != "" {
		p = strings.TrimRight(p, "/")
	}
	for strings.Contains(p, "//") {
		p = strings.ReplaceAll(p, "//", "/")
	}
	if strings.TrimRight(p, "/") == strings.TrimRight(s.homePath(), "/") {
		p = strings.TrimRight(p, "/") + "/"
	}
	if p == path && u.RawQuery == rawQuery {
		return ""
	}
	out := s.siteOrigin() + p
	if u.RawQuery != "" {
		out += "?" + u.RawQuery
	}
	return out
}

var (
	suffixPaged = regexp.MustCompile(`/page/?[0-9]+?(/+)?$`)
	suffixFeed  = regexp.MustCompile(`/(comments/?)?(feed|rss2?|rdf|atom)(/+|$)`)
	// endsWithFeed is the check before suffixFeed's replacement, anchored
	// at the end as WordPress's is.
	endsWithFeed = regexp.MustCompile(`/(comments/?)?(feed|rss2?|rdf|atom)(/+)?$`)
	emptyIDArg   = regexp.MustCompile(`(^|&)(p|page_id|cat|tag)=?(&|$)`)
)

// canonicalQueryCleanup drops empty id arguments and spells feed=rss as
// rss2, as redirect_canonical does.
func canonicalQueryCleanup(q string) string {
	if q == "" {
		return q
	}
	q = strings.Trim(emptyIDArg.ReplaceAllString(q, "&"), "&")
	return strings.Trim(q, "?&")
}

func isPublicType(t string) bool { return t == "post" || t == "page" || t == "attachment" }

// publicLink is the post's permalink as a visitor's link.
func (s *Store) publicLink(ctx context.Context, p *Post) string {
	if p == nil {
		return ""
	}
	return s.Permalink(ctx, p, nil)
}

func (s *Store) siteOrigin() string {
	u, err := url.Parse(s.siteBase())
	if err != nil || u.Host == "" {
		return s.siteBase()
	}
	return u.Scheme + "://" + u.Host
}

// homePath is the path of the site URL ("/" at the root).
func (s *Store) homePath() string {
	u, err := url.Parse(s.siteBase())
	if err != nil || u.Path == "" {
		return "/"
	}
	return u.Path
}

// guess404Permalink is redirect_guess_404_permalink: a published post of a
// public type whose slug starts with the name asked for.
func (s *Store) guess404Permalink(ctx context.Context, q *SiteQuery) string {
	name := q.Vars["name"]
	if name == "" {
		name = q.Vars["pagename"]
		if i := strings.LastIndex(name, "/"); i >= 0 {
			name = name[i+1:]
		}
	}
	name = SanitizeTitle(name)
	if name == "" {
		return ""
	}
	var p Post
	db := s.withContext(ctx).Where("slug LIKE ? AND type IN ? AND status = ?", escapeLike(name)+"%", []string{"post", "page"}, "publish")
	if y := q.Vars.Int("year"); y > 0 {
		db = db.Where("date >= ? AND date < ?", dateRangeStart(y, q.Vars.Int("monthnum"), q.Vars.Int("day")), dateRangeEnd(y, q.Vars.Int("monthnum"), q.Vars.Int("day")))
	}
	if err := db.Order("id ASC").Take(&p).Error; err != nil {
		return ""
	}
	return s.Permalink(ctx, &p, nil)
}

func dateRangeStart(y, m, d int) any { a, _ := dateRange(y, m, d); return a }
func dateRangeEnd(y, m, d int) any   { _, b := dateRange(y, m, d); return b }

// removeQueryArgs is remove_query_arg on a raw query, keeping the rest as
// it was written.
func removeQueryArgs(raw string, names ...string) string {
	if raw == "" {
		return raw
	}
	drop := map[string]bool{}
	for _, n := range names {
		drop[n] = true
	}
	var kept []string
	for _, part := range strings.Split(raw, "&") {
		k, _, _ := strings.Cut(part, "=")
		if dk, err := url.QueryUnescape(k); err == nil {
			k = dk
		}
		if part == "" || drop[k] {
			continue
		}
		kept = append(kept, part)
	}
	return strings.Join(kept, "&")
}

func addQueryArg(raw, k, v string) string {
	raw = removeQueryArgs(raw, k)
	if raw != "" {
		raw += "&"
	}
	return raw + url.QueryEscape(k) + "=" + url.QueryEscape(v)
}
