package site

import (
	"fmt"
	"html"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

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
		v.DocTitle = st.documentTitle(ctx, v.Locale, stripTags(string(pv.Title)), 1)
		if q.IsFrontPage {
			v.DocTitle = st.documentTitle(ctx, v.Locale, "", 1)
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
		v.Alternates = append(v.Alternates, alternate{"application/rss+xml", fmt.Sprintf(languages.T(v.Locale, "%[1]s %[2]s %[3]s Comments Feed"), name, feedSeparator, htmlText(title)),
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
		heading = searchHeading(v.Locale, q.Search)
		v.BodyClass = "search"
		v.Alternates = append(v.Alternates, alternate{"application/rss+xml",
			fmt.Sprintf(languages.T(v.Locale, "%[1]s %[2]s Search Results for “%[3]s” Feed"), name, feedSeparator, q.Search), st.store.SearchFeedLink(ctx, q.Search, "rss2")})
		base = st.cfg.SiteURL + "/?s=" + url.QueryEscape(q.Search)
	case q.IsAuthor:
		heading = escHTML(q.Author.DisplayName)
		base = st.store.AuthorLink(ctx, q.Author)
		v.BodyClass = "archive author"
		v.RESTLink = st.cfg.SiteURL + "/wp-json/wp/v2/users/" + strconv.FormatUint(q.Author.ID, 10)
		v.Alternates = append(v.Alternates, alternate{"application/rss+xml",
			fmt.Sprintf(languages.T(v.Locale, "%[1]s %[2]s Posts by %[3]s Feed"), name, feedSeparator, q.Author.DisplayName), st.store.ArchiveFeedLink(ctx, base, "rss2")})
	case q.IsCategory || q.IsTag:
		heading = escHTML(q.Term.Name)
		base = st.store.TermLink(ctx, q.Term)
		v.RESTLink = st.termRESTLink(q.Term)
		kind := languages.T(v.Locale, "Category")
		v.BodyClass = "archive category"
		if q.IsTag {
			kind, v.BodyClass = languages.T(v.Locale, "Tag"), "archive tag"
		}
		if q.Term.Description != "" {
			v.HeadingNote = template.HTML("<p>" + escHTML(q.Term.Description) + "</p>")
		}
		v.Alternates = append(v.Alternates, alternate{"application/rss+xml",
			fmt.Sprintf(languages.T(v.Locale, "%[1]s %[2]s %[3]s %[4]s Feed"), name, feedSeparator, q.Term.Name, kind), st.store.TermFeedLink(ctx, q.Term, base, "rss2")})
	case q.IsDate:
		heading = dateHeading(v.Locale, q)
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
		v.DocTitle = st.documentTitle(ctx, v.Locale, "", 1)
	} else {
		v.DocTitle = st.documentTitle(ctx, v.Locale, heading, q.Paged)
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

// searchHeading is a search's title, in locale.
func searchHeading(locale, search string) string {
	return fmt.Sprintf(languages.T(locale, "Search Results for &#8220;%s&#8221;"), escHTML(search))
}

// dateHeading is a date archive's title in locale ("January 2024",
// "2024年1月").
func dateHeading(locale string, q *models.SiteQuery) string {
	switch {
	case q.IsDay && q.Month >= 1 && q.Month <= 12:
		return languages.Day(locale, q.Year, time.Month(q.Month), q.Day)
	case q.IsMonth && q.Month >= 1 && q.Month <= 12:
		return languages.MonthYear(locale, q.Year, time.Month(q.Month))
	}
	return languages.Year(locale, q.Year)
}

// notFound is the 404 page.
func (st *Site) notFound(c echo.Context, q *models.SiteQuery) error {
	ctx := c.Request().Context()
	if q.IsEmbed {
		return st.embed(c, q, nil)
	}
	v := st.baseView(c, q, st.sess.User(c))
	v.DocTitle = st.documentTitle(ctx, v.Locale, languages.T(v.Locale, "Page not found"), 1)
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
		v.DocTitle = st.documentTitle(ctx, v.Locale, languages.T(v.Locale, "Page not found"), 1)
		home := `<a href="` + template.HTMLEscapeString(st.cfg.SiteURL+"/") + `" target="_top">` + template.HTMLEscapeString(v.SiteName) + `</a>`
		v.HeadingNote = template.HTML(fmt.Sprintf(template.HTMLEscapeString(languages.T(v.Locale, "It looks like nothing was found at this location. Maybe try visiting %s directly?")), home))
	} else {
		views, err := st.postViews(c, q.Posts, viewer, false)
		if err != nil {
			return st.internalError(c, err)
		}
		v.Post = views[0]
		v.Canonical = views[0].Link
		v.DocTitle = st.documentTitle(ctx, v.Locale, stripTags(string(views[0].Title)), 1)
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
