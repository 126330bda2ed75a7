package site

import (
	"html"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/presspass/presspass/languages"
	"github.com/presspass/presspass/models"
)

// page answers the HTML page of a main query: a post, page or attachment
// with its comments, or a list (home, archive, search).
func (st *Site) page(c echo.Context, q *models.SiteQuery, viewer *models.User) error {
	ctx := c.Request().Context()
	v := st.baseView(c, q, viewer)
	h := c.Response().Header()
	if q.IsSingular() {
		views, err := st.postViews(c, q.Posts, viewer, true)
		if err != nil {
			return st.internalError(c, err)
		}
		pv := views[0]
		p := q.Post
		v.Post = pv
		v.DocTitle = st.documentTitle(ctx, stripTags(string(pv.Title)), 1)
		if q.IsFrontPage {
			v.DocTitle = st.documentTitle(ctx, "", 1)
		}
		v.BodyClass = "singular single-" + p.Type + " postid-" + strconv.FormatUint(p.ID, 10)
		v.Canonical = pv.Link
		if p.Status == "publish" || p.Status == "inherit" {
			v.ShortLink = st.store.ShortLink(p)
			v.RESTLink = st.restLink(p)
			h.Add("Link", "<"+v.RESTLink+`>; rel="alternate"; title="JSON"; type="application/json"`)
			h.Add("Link", "<"+v.ShortLink+">; rel=shortlink")
		}
		name := st.store.Option(ctx, "blogname")
		title := stripTags(string(pv.Title))
		v.Alternates = append(v.Alternates, alternate{"application/rss+xml", name + " » " + htmlText(title) + " Comments Feed",
			st.store.PostCommentsFeedLink(ctx, p, "rss2")})
		if p.Status == "publish" {
			oembed := st.cfg.SiteURL + "/wp-json/oembed/1.0/embed?url=" + url.QueryEscape(pv.Link)
			v.Alternates = append(v.Alternates,
				alternate{"application/json+oembed", "oEmbed (JSON)", oembed},
				alternate{"text/xml+oembed", "oEmbed (XML)", oembed + "&format=xml"})
		}
		v.OpenGraph = [][2]string{{"og:type", "article"}, {"og:title", htmlText(title)}, {"og:url", pv.Link},
			{"og:site_name", name}}
		if pv.PasswordForm == "" {
			if d := strings.TrimSpace(htmlText(stripTags(string(pv.Excerpt)))); d != "" {
				v.OpenGraph = append(v.OpenGraph, [2]string{"og:description", d})
			}
			if p.FeaturedMediaID != 0 {
				if m, err := st.store.MediaByID(ctx, p.FeaturedMediaID); err == nil && m.URL != "" {
					v.OpenGraph = append(v.OpenGraph, [2]string{"og:image", m.URL})
				}
			}
		}
		d, err := st.discussion(c, p, pv, viewer)
		if err != nil {
			return st.internalError(c, err)
		}
		v.Discussion = d
		if p.Password != "" || viewer != nil {
			noCache(c)
		}
		return st.write(c, http.StatusOK, "single.html", v)
	}

	views, err := st.postViews(c, q.Posts, viewer, false)
	if err != nil {
		return st.internalError(c, err)
	}
	v.Posts = views
	name := st.store.Option(ctx, "blogname")
	base := st.cfg.SiteURL + "/"
	heading := ""
	switch {
	case q.IsSearch:
		heading = "Search Results for &#8220;" + escHTML(q.Search) + "&#8221;"
		v.BodyClass = "search"
		v.Alternates = append(v.Alternates, alternate{"application/rss+xml",
			name + " » Search Results for “" + q.Search + "” Feed", st.store.SearchFeedLink(ctx, q.Search, "rss2")})
		base = st.cfg.SiteURL + "/?s=" + url.QueryEscape(q.Search)
	case q.IsAuthor:
		heading = escHTML(q.Author.DisplayName)
		base = st.store.AuthorLink(ctx, q.Author)
		v.BodyClass = "archive author"
		v.RESTLink = st.cfg.SiteURL + "/wp-json/wp/v2/users/" + strconv.FormatUint(q.Author.ID, 10)
		v.Alternates = append(v.Alternates, alternate{"application/rss+xml",
			name + " » Posts by " + q.Author.DisplayName + " Feed", st.store.ArchiveFeedLink(ctx, base, "rss2")})
	case q.IsCategory || q.IsTag:
		heading = escHTML(q.Term.Name)
		base = st.store.TermLink(ctx, q.Term)
		v.RESTLink = st.termRESTLink(q.Term)
		kind := "Category"
		v.BodyClass = "archive category"
		if q.IsTag {
			kind, v.BodyClass = "Tag", "archive tag"
		}
		if q.Term.Description != "" {
			v.HeadingNote = template.HTML("<p>" + escHTML(q.Term.Description) + "</p>")
		}
		v.Alternates = append(v.Alternates, alternate{"application/rss+xml",
			name + " » " + q.Term.Name + " " + kind + " Feed", st.store.ArchiveFeedLink(ctx, base, "rss2")})
	case q.IsDate:
		heading = dateHeading(q)
		base = st.store.DateLink(ctx, q.Year, q.Month, q.Day)
		v.BodyClass = "archive date"
	default:
		v.BodyClass = "home blog"
		if !q.IsFrontPage {
			if id, _ := strconv.ParseUint(st.store.Option(ctx, "page_for_posts"), 10, 64); id > 0 {
				if p, err := st.store.PostByID(ctx, id); err == nil {
					heading = renderTitle(p.Title)
					base = st.store.Permalink(ctx, p, nil)
				}
			}
		}
	}
	if v.RESTLink != "" {
		h.Add("Link", "<"+v.RESTLink+`>; rel="alternate"; title="JSON"; type="application/json"`)
	}
	v.Heading = template.HTML(heading)
	if q.IsFrontPage && q.Paged <= 1 {
		v.DocTitle = st.documentTitle(ctx, "", 1)
	} else {
		v.DocTitle = st.documentTitle(ctx, heading, q.Paged)
	}
	v.OpenGraph = [][2]string{{"og:type", "website"}, {"og:title", htmlText(stripTags(string(v.DocTitle)))},
		{"og:url", st.store.PagedLink(ctx, base, q.Paged)}, {"og:site_name", name}}
	if q.Paged < q.MaxPages {
		v.Pagination.Older = st.store.PagedLink(ctx, base, q.Paged+1)
	}
	if q.Paged > 1 {
		v.Pagination.Newer = st.store.PagedLink(ctx, base, q.Paged-1)
	}
	if viewer != nil {
		noCache(c)
	}
	return st.write(c, http.StatusOK, "index.html", v)
}

// dateHeading is a date archive's title ("January 2024").
func dateHeading(q *models.SiteQuery) string {
	months := []string{"", "January", "February", "March", "April", "May", "June", "July", "August", "September",
		"October", "November", "December"}
	switch {
	case q.IsDay && q.Month >= 1 && q.Month <= 12:
		return months[q.Month] + " " + strconv.Itoa(q.Day) + ", " + strconv.Itoa(q.Year)
	case q.IsMonth && q.Month >= 1 && q.Month <= 12:
		return months[q.Month] + " " + strconv.Itoa(q.Year)
	}
	return strconv.Itoa(q.Year)
}

// notFound is the 404 page.
func (st *Site) notFound(c echo.Context, q *models.SiteQuery) error {
	ctx := c.Request().Context()
	if q.IsEmbed {
		return st.embed(c, q, nil)
	}
	v := st.baseView(c, q, st.sess.User(c))
	v.DocTitle = st.documentTitle(ctx, languages.T(v.Locale, "Page not found"), 1)
	v.BodyClass = "error404"
	noCache(c)
	return st.write(c, http.StatusNotFound, "404.html", v)
}

// embed is the /embed/ page another site shows in a frame (WordPress's
// embed template): it may be framed anywhere, and is a 404 card when the
// post cannot be shown.
func (st *Site) embed(c echo.Context, q *models.SiteQuery, viewer *models.User) error {
	ctx := c.Request().Context()
	v := st.baseView(c, q, viewer)
	v.BodyClass = "wp-embed-responsive"
	status := http.StatusOK
	if q.Is404 || !q.IsSingular() {
		status = http.StatusNotFound
		v.DocTitle = st.documentTitle(ctx, languages.T(v.Locale, "Page not found"), 1)
	} else {
		views, err := st.postViews(c, q.Posts, viewer, false)
		if err != nil {
			return st.internalError(c, err)
		}
		v.Post = views[0]
		v.Canonical = views[0].Link
		v.DocTitle = st.documentTitle(ctx, stripTags(string(views[0].Title)), 1)
		if q.Post.Status == "publish" || q.Post.Status == "inherit" {
			h := c.Response().Header()
			h.Add("Link", "<"+st.restLink(q.Post)+`>; rel="alternate"; title="JSON"; type="application/json"`)
			h.Add("Link", "<"+st.store.ShortLink(q.Post)+">; rel=shortlink")
		}
	}
	return st.write(c, status, "embed.html", v)
}

// write renders a template and sends it; a template error becomes a clean
// 500 instead of half a page.
func (st *Site) write(c echo.Context, status int, page string, v *pageView) error {
	b, err := st.tmpl.render(v.Locale, page, v)
	if err != nil {
		return st.internalError(c, err)
	}
	return c.HTMLBlob(status, b)
}

// restLink is the post's REST route (rest_get_route_for_post).
func (st *Site) restLink(p *models.Post) string {
	base := "posts"
	switch p.Type {
	case "page":
		base = "pages"
	case "attachment":
		base = "media"
	}
	return st.cfg.SiteURL + "/wp-json/wp/v2/" + base + "/" + strconv.FormatUint(p.ID, 10)
}

// termRESTLink is a term's REST route.
func (st *Site) termRESTLink(t *models.Term) string {
	base := "categories"
	if t.Taxonomy == "post_tag" {
		base = "tags"
	}
	return st.cfg.SiteURL + "/wp-json/wp/v2/" + base + "/" + strconv.FormatUint(t.ID, 10)
}

// noCache marks a personal answer (a logged-in visitor's, a protected
// post's) as not to be kept by shared caches, as wp_get_nocache_headers.
func noCache(c echo.Context) {
	h := c.Response().Header()
	h.Set("Cache-Control", "no-cache, must-revalidate, max-age=0, no-store, private")
	h.Set("Expires", "Wed, 11 Jan 1984 05:00:00 GMT")
}

// htmlText turns rendered text (with character references) back into
// plain text for attributes that html/template escapes itself.
func htmlText(s string) string { return html.UnescapeString(s) }
