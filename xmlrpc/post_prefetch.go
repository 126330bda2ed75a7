package xmlrpc

import (
	"slices"

	"github.com/presspass/presspass/models"
)

// prefetchPosts loads in one query each what rendering posts with fields
// would otherwise look up post by post: their links, their terms (when
// asked for) and their featured images (with the basic fields). A list then costs the
// same few queries for one post as for a hundred.
func (c *Call) prefetchPosts(posts []models.Post, fields []string) error {
	c.prefetchLinks(posts)
	ids := make([]uint64, 0, len(posts))
	var thumbs []uint64
	for i := range posts {
		ids = append(ids, posts[i].ID)
		if posts[i].FeaturedMediaID != 0 {
			thumbs = append(thumbs, posts[i].FeaturedMediaID)
		}
	}
	if slices.Contains(fields, "taxonomies") || slices.Contains(fields, "terms") {
		terms, err := c.srv.store.PostTerms(c.ctx, ids, "")
		if err != nil {
			return err
		}
		c.termsByPost = terms
	}
	if len(thumbs) > 0 && (slices.Contains(fields, "post") || slices.Contains(fields, "post_thumbnail")) {
		media, err := c.srv.store.MediaByIDs(c.ctx, thumbs)
		if err != nil {
			return err
		}
		c.thumbs = media
	}
	return nil
}

// forgetPrefetched drops what prefetchPosts loaded once the list is
// rendered: a later call of the same request (system.multicall) may have
// changed it.
func (c *Call) forgetPrefetched() {
	c.termsByPost, c.thumbs, c.links, c.parentTitles = nil, nil, nil, nil
}

// prefetchParentTitles loads the titles of the pages' parents in one query,
// for wp_page_parent_title.
func (c *Call) prefetchParentTitles(pages []models.Post) error {
	var parents []uint64
	for i := range pages {
		if pages[i].ParentID != 0 {
			parents = append(parents, pages[i].ParentID)
		}
	}
	titles, err := c.srv.store.PostTitles(c.ctx, parents)
	if err != nil {
		return err
	}
	c.parentTitles = titles
	return nil
}
