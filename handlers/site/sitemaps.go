package site

import (
	"context"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/presspass/presspass/languages"
	"github.com/presspass/presspass/models"
)

// Sitemaps as WordPress 5.5+ renders them (WP_Sitemaps_Renderer): an index
// and sub-sitemaps in the sitemaps.org schema, each pointing at an XSL
// stylesheet that browsers use to show it as a table. While the site turns
// search engines away (blog_public 0) every sitemap URL is a 404 page, as
// in WordPress. robots.txt is do_robots's, naming the index when sitemaps
// are on.

const sitemapNS = "http://www.sitemaps.org/schemas/sitemap/0.9"

// sitemap answers /wp-sitemap.xml, its sub-sitemaps and stylesheets.
func (st *Site) sitemap(c echo.Context, q *models.SiteQuery) error {
	ctx := c.Request().Context()
	if !st.store.SitemapsEnabled(ctx) {
		return st.notFound(c, &models.SiteQuery{Vars: q.Vars, Is404: true})
	}
	h := c.Response().Header()
	h.Set("X-Robots-Tag", "noindex, follow")
	const xmlType = "application/xml; charset=UTF-8"
	if ss := q.Vars["sitemap-stylesheet"]; ss != "" {
		switch ss {
		case "sitemap":
			return c.Blob(http.StatusOK, xmlType, []byte(sitemapXSL(st.locale(c), false)))
		case "index":
			return c.Blob(http.StatusOK, xmlType, []byte(sitemapXSL(st.locale(c), true)))
		}
		return st.notFound(c, &models.SiteQuery{Vars: q.Vars, Is404: true})
	}
	var b strings.Builder
	b.WriteString("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
	if q.Vars["sitemap"] == "index" {
		entries, err := st.store.SitemapIndex(ctx)
		if err != nil {
			return st.internalError(c, err)
		}
		b.WriteString("<?xml-stylesheet type=\"text/xsl\" href=\"" + escHTML(st.stylesheetURL(ctx, "index")) + "\" ?>\n")
		b.WriteString("<sitemapindex xmlns=\"" + sitemapNS + "\">")
		for _, e := range entries {
			b.WriteString("<sitemap><loc>" + escHTML(e.Loc) + "</loc></sitemap>")
		}
		b.WriteString("</sitemapindex>\n")
		return c.Blob(http.StatusOK, xmlType, []byte(b.String()))
	}
	entries, err := st.store.SitemapEntries(ctx, q.Vars["sitemap"], q.Vars["sitemap-subtype"], q.Vars.Int("paged"))
	if err != nil {
		if models.IsNotFound(err) {
			return st.notFound(c, &models.SiteQuery{Vars: q.Vars, Is404: true})
		}
		return st.internalError(c, err)
	}
	b.WriteString("<?xml-stylesheet type=\"text/xsl\" href=\"" + escHTML(st.stylesheetURL(ctx, "sitemap")) + "\" ?>\n")
	b.WriteString("<urlset xmlns=\"" + sitemapNS + "\">")
	for _, e := range entries {
		b.WriteString("<url><loc>" + escHTML(e.Loc) + "</loc>")
		if !e.LastMod.IsZero() {
			b.WriteString("<lastmod>" + e.LastMod.UTC().Format("2006-01-02T15:04:05+00:00") + "</lastmod>")
		}
		b.WriteString("</url>")
	}
	b.WriteString("</urlset>\n")
	return c.Blob(http.StatusOK, xmlType, []byte(b.String()))
}

// robots is do_robots: the admin area is off limits except admin-ajax, and
// the sitemap index is named while sitemaps are on.
func (st *Site) robots(c echo.Context) error {
	ctx := c.Request().Context()
	path := ""
	if i := strings.Index(st.cfg.SiteURL, "://"); i >= 0 {
		if j := strings.Index(st.cfg.SiteURL[i+3:], "/"); j >= 0 {
			path = strings.TrimRight(st.cfg.SiteURL[i+3+j:], "/")
		}
	}
	out := "User-agent: *\nDisallow: " + path + "/wp-admin/\nAllow: " + path + "/wp-admin/admin-ajax.php\n"
	if st.store.SitemapsEnabled(ctx) {
		out += "\nSitemap: " + st.store.SitemapURL(ctx, "index", "", 0) + "\n"
	}
	return c.Blob(http.StatusOK, "text/plain; charset=utf-8", []byte(out))
}

// sitemapXSL is the stylesheet that shows a sitemap (or the index) to a
// person as a table of its links, in the site's language (locale).
func sitemapXSL(locale string, index bool) string {
	t := func(msgid string) string { return escHTML(languages.T(locale, msgid)) }
	title, rows := t(languages.Mark("XML Sitemap")), "sitemap:urlset/sitemap:url"
	cols := "<th>" + t(languages.Mark("URL")) + "</th><th>" + t(languages.Mark("Last Modified")) + "</th>"
	cells := `<td><a href="{sitemap:loc}"><xsl:value-of select="sitemap:loc"/></a></td><td><xsl:value-of select="sitemap:lastmod"/></td>`
	if index {
		rows, cols = "sitemap:sitemapindex/sitemap:sitemap", "<th>"+t(languages.Mark("URL"))+"</th>"
		cells = `<td><a href="{sitemap:loc}"><xsl:value-of select="sitemap:loc"/></a></td>`
	}
	count := strings.Replace(t(languages.Mark("Number of URLs in this XML Sitemap: %s.")), "%s", `<xsl:value-of select="count(`+rows+`)"/>`, 1)
	return `<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:sitemap="` + sitemapNS + `" exclude-result-prefixes="sitemap">
<xsl:output method="html" encoding="UTF-8" indent="yes"/>
<xsl:template match="/">
<html lang="` + languages.Tag(locale) + `">
<head>
<meta name="viewport" content="width=device-width, initial-scale=1"/>
<title>` + title + `</title>
<style>body{font:16px/1.5 system-ui,sans-serif;margin:1rem auto;max-width:60rem;padding:0 1rem;color:#1e1e1e}table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid #ddd;overflow-wrap:anywhere}</style>
</head>
<body>
<h1>` + title + `</h1>
<p>` + t(languages.Mark("This XML Sitemap is generated by PressPass to make your content more visible for search engines.")) + `</p>
<p>` + count + `</p>
<table>
<thead><tr>` + cols + `</tr></thead>
<tbody>
<xsl:for-each select="` + rows + `">
<tr>` + cells + `</tr>
</xsl:for-each>
</tbody>
</table>
</body>
</html>
</xsl:template>
</xsl:stylesheet>
`
}

// stylesheetURL is WP_Sitemaps_Renderer's stylesheet address: the .xsl
// file, or the query form with plain permalinks.
func (st *Site) stylesheetURL(ctx context.Context, which string) string {
	if !st.store.UsingPermalinks(ctx) {
		return st.cfg.SiteURL + "/?sitemap-stylesheet=" + which
	}
	if which == "index" {
		return st.cfg.SiteURL + "/wp-sitemap-index.xsl"
	}
	return st.cfg.SiteURL + "/wp-sitemap.xsl"
}
