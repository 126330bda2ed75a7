package xmlrpc

import (
	"strconv"
	"strings"

	"github.com/presspass/presspass/models"
)

// permalink is get_permalink for posts and pages: pretty links for
// published content under the site's permalink structure, ?p= / ?page_id=
// links for drafts and when no structure is set.
func (c *Call) permalink(p *models.Post) (string, error) {
	site := c.srv.cfg.SiteURL
	id := strconv.FormatUint(p.ID, 10)
	structure := c.srv.store.Option(c.ctx, "permalink_structure")
	switch p.Type {
	case "page":
		if p.Status == "draft" || p.Status == "pending" || p.Status == "auto-draft" {
			return site + "/?page_id=" + id, nil
		}
		if c.srv.store.Option(c.ctx, "show_on_front") == "page" && c.srv.store.Option(c.ctx, "page_on_front") == id {
			return site + "/", nil
		}
		if structure == "" || p.Slug == "" {
			return site + "/?page_id=" + id, nil
		}
		uri, err := c.pageURI(p)
		if err != nil {
			return "", err
		}
		return site + "/" + uri + "/", nil
	case "post":
		switch p.Status {
		case "draft", "pending", "auto-draft", "future":
			return site + "/?p=" + id, nil
		}
		if structure == "" || p.Slug == "" {
			return site + "/?p=" + id, nil
		}
		r := strings.NewReplacer(
			"%postname%", p.Slug,
			"%post_id%", id,
			"%year%", p.Date.Format("2006"),
			"%monthnum%", p.Date.Format("01"),
			"%day%", p.Date.Format("02"),
			"%hour%", p.Date.Format("15"),
			"%minute%", p.Date.Format("04"),
			"%second%", p.Date.Format("05"),
			"%category%", "uncategorized",
		)
		link := r.Replace(structure)
		if strings.Contains(link, "%author%") {
			// The author costs a lookup: only for structures that name it.
			link = strings.ReplaceAll(link, "%author%", c.author(p.AuthorID).Nicename)
		}
		return site + link, nil
	}
	return site + "/?p=" + id, nil
}

// pageURI joins the slugs of a page's ancestors and its own, as
// get_page_uri does; the walk stops at 20 levels or at a loop.
func (c *Call) pageURI(p *models.Post) (string, error) {
	parts := []string{p.Slug}
	seen := map[uint64]bool{p.ID: true}
	parent := p.ParentID
	for i := 0; parent != 0 && i < 20 && !seen[parent]; i++ {
		seen[parent] = true
		pp, err := c.srv.store.PostByID(c.ctx, parent)
		if err != nil {
			if models.IsNotFound(err) {
				break
			}
			return "", err
		}
		parts = append([]string{pp.Slug}, parts...)
		parent = pp.ParentID
	}
	return strings.Join(parts, "/"), nil
}
