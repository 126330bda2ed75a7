package xmlrpc

import (
	"strconv"
	"strings"

	"github.com/presspass/presspass/models"
)

// The legacy APIs name terms their own way: metaWeblog by category name and
// a comma-separated mt_keywords, Blogger by category ids inside the content.

// mwApplyTerms files a post written by metaWeblog.newPost/editPost:
// categories by name (unknown names are skipped, as get_cat_ID gives 0 for
// them; an empty or absent list keeps what the post has, or the default
// category for a new post) and tags from mt_keywords, created as needed. A
// missing mt_keywords clears the tags, as WordPress's edit does.
func (c *Call) mwApplyTerms(u *models.User, post *models.Post, content Value, created bool) error {
	if post.Type != "post" {
		return nil
	}
	var names []string
	if v, ok := content.Get("categories"); ok {
		for _, item := range listItems(v) {
			if s, ok := item.AsString(); ok && s != "" {
				names = append(names, s)
			}
		}
	}
	if len(names) > 0 || created {
		var ids []uint64
		if len(names) > 0 {
			cats, _, err := c.srv.store.Terms(c.ctx, models.TermFilter{Taxonomy: "category", Names: names, OrderBy: "id"})
			if err != nil {
				return err
			}
			for _, n := range names {
				for _, t := range cats {
					if strings.EqualFold(t.Name, n) {
						ids = append(ids, t.ID)
						break
					}
				}
			}
		}
		if err := c.setCategories(u, post, ids); err != nil {
			return err
		}
	}
	keywords, _ := memberString(content, "mt_keywords")
	var tags []uint64
	for _, name := range strings.Split(keywords, ",") {
		name = strings.TrimSpace(name)
		if name == "" {
			continue
		}
		id, err := c.tagIDForKeyword(u, name)
		if err != nil {
			return err
		}
		tags = append(tags, id)
	}
	if len(tags) == 0 && created {
		return nil
	}
	return c.srv.store.SetPostTerms(c.ctx, u, post.ID, "post_tag", tags)
}

// tagIDForKeyword finds a tag by name or slug, or creates it: anyone who
// may edit the post may add tags through mt_keywords, as through
// WordPress's tags_input.
func (c *Call) tagIDForKeyword(u *models.User, name string) (uint64, error) {
	found, _, err := c.srv.store.Terms(c.ctx, models.TermFilter{Taxonomy: "post_tag", Names: []string{name}, OrderBy: "id"})
	if err != nil {
		return 0, err
	}
	if len(found) == 0 {
		if slug := models.SanitizeTitle(name); slug != "" {
			found, _, err = c.srv.store.Terms(c.ctx, models.TermFilter{Taxonomy: "post_tag", Slugs: []string{slug}})
			if err != nil {
				return 0, err
			}
		}
	}
	if len(found) > 0 {
		return found[0].ID, nil
	}
	t, err := c.srv.store.CreateTerm(c.ctx, u, models.TermInput{Taxonomy: "post_tag", Name: &name, CreateRule: models.FlatTermsByAssigners})
	if err != nil {
		return 0, termFault(err)
	}
	return t.ID, nil
}

// bloggerCategoryIDs reads the ids of a Blogger <category> element; ok is
// false when the content has none.
func bloggerCategoryIDs(content string) ([]uint64, bool) {
	m := bloggerCategory.FindStringSubmatch(content)
	if m == nil {
		return nil, false
	}
	var ids []uint64
	for _, part := range strings.Split(strings.Trim(m[1], ","), ",") {
		if n, err := strconv.ParseUint(strings.TrimSpace(part), 10, 64); err == nil && n > 0 {
			ids = append(ids, n)
		}
	}
	return ids, true
}
