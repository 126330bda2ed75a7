package xmlrpc

import (
	"github.com/presspass/presspass/models"
)

// permalink is get_permalink as the logged-in user sees it, which
// models.Permalinks decides. A list loads its posts' links at once
// (prefetchLinks); a post outside one costs its own few queries.
func (c *Call) permalink(p *models.Post) string {
	if l, ok := c.links[p.ID]; ok {
		return l
	}
	return c.srv.store.Permalink(c.ctx, p, c.user)
}

// prefetchLinks builds the links of a list of posts in the same few
// queries whatever its length (a page's ancestors, the posts' categories),
// for permalink to find while the list is rendered.
func (c *Call) prefetchLinks(posts []models.Post) {
	ptrs := make([]*models.Post, len(posts))
	for i := range posts {
		ptrs[i] = &posts[i]
	}
	links := c.srv.store.Permalinks(c.ctx, ptrs, c.user)
	c.links = make(map[uint64]string, len(posts))
	for i, l := range links {
		c.links[posts[i].ID] = l
	}
}
