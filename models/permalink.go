package models

import (
	"context"
	"fmt"
	"strconv"
	"strings"
)

// Permalinks follow WordPress's get_permalink(): a viewable post gets the
// pretty link built from the permalink_structure option, everything else the
// plain "?p=ID" (or "?page_id=ID") form. Pages are hierarchical: their link is
// the chain of ancestor slugs.

// Permalink returns the public link of p as viewer sees it. A private post
// gets its pretty link only when viewer may read it, as WordPress's
// wp_force_plain_post_permalink decides.
func (s *Store) Permalink(ctx context.Context, p *Post, viewer *User) string {
	return s.Permalinks(ctx, []*Post{p}, viewer)[0]
}

// Permalinks returns the public links of posts as viewer sees them, in
// order. What the links need beyond the posts (ancestor pages, categories
// with their ancestors, authors, attachments' parents) is loaded once for
// the whole list, so a list of any length runs the same few queries. As
// get_permalink does, an attachment gets its attachment page's link
// (AttachmentLinks).
func (s *Store) Permalinks(ctx context.Context, posts []*Post, viewer *User) []string {
	var atts, others []*Post
	for _, p := range posts {
		if p.Type == "attachment" {
			atts = append(atts, p)
		} else {
			others = append(others, p)
		}
	}
	if len(atts) == 0 {
		return s.postPermalinks(ctx, posts, viewer)
	}
	attLinks := s.AttachmentLinks(ctx, atts, viewer)
	otherLinks := s.postPermalinks(ctx, others, viewer)
	out := make([]string, len(posts))
	for i, p := range posts {
		if p.Type == "attachment" {
			out[i], attLinks = attLinks[0], attLinks[1:]
		} else {
			out[i], otherLinks = otherLinks[0], otherLinks[1:]
		}
	}
	return out
}

// postPermalinks is Permalinks for posts that are not attachments: the
// links attachments' pages are built under.
func (s *Store) postPermalinks(ctx context.Context, posts []*Post, viewer *User) []string {
	out := make([]string, len(posts))
	var pretty []*Post
	for _, p := range posts {
		if isPrettyLinked(p, viewer) {
			pretty = append(pretty, p)
		}
	}
	d := s.loadPostLinks(ctx, pretty)
	for i, p := range posts {
		if isPrettyLinked(p, viewer) {
			out[i] = s.prettyLink(ctx, p, p.Slug, false, d)
		} else {
			out[i] = s.plainLink(p)
		}
	}
	return out
}

// isPrettyLinked is !wp_force_plain_post_permalink: published posts, and
// private ones their reader may read.
func isPrettyLinked(p *Post, viewer *User) bool {
	switch p.Status {
	case "publish":
		return true
	case "private":
		return CanReadPost(viewer, p)
	}
	return false
}

// PermalinkTemplate returns the link with the slug left as a placeholder
// (%postname% or %pagename%) and the slug WordPress would generate from the
// title, as get_sample_permalink() does for the REST edit context.
func (s *Store) PermalinkTemplate(ctx context.Context, p *Post) (template, generatedSlug string) {
	name := SanitizeTitle(p.Title)
	if name == "" {
		name = strconv.FormatUint(p.ID, 10)
	}
	sample := *p
	if isDraftLike(sample.Status) || sample.Status == "future" {
		sample.Status = "publish"
	}
	generatedSlug = s.uniqueSlugFor(ctx, name, &sample)
	switch sample.Status {
	case "publish", "private":
	default:
		return s.plainLink(p), generatedSlug
	}
	return s.prettyLink(ctx, &sample, "", true, s.loadPostLinks(ctx, []*Post{&sample})), generatedSlug
}

func (s *Store) siteBase() string { return strings.TrimRight(s.Config.SiteURL, "/") }

func (s *Store) plainLink(p *Post) string {
	if p.Type == "page" {
		return fmt.Sprintf("%s/?page_id=%d", s.siteBase(), p.ID)
	}
	return fmt.Sprintf("%s/?p=%d", s.siteBase(), p.ID)
}

// postLinks is what the pretty links of a list of posts need beyond the
// posts themselves.
type postLinks struct {
	// pages holds the pages' ancestors (get_page_uri).
	pages map[uint64]treeNode
	// categories is %category% by post id.
	categories map[uint64]string
	// nicenames is %author% by author id.
	nicenames map[uint64]string
}

// loadPostLinks loads what the pretty links of posts need: one query for
// every page's ancestors, two for the posts' categories and their
// ancestors when the structure has %category%, one for the authors when it
// has %author%. A failed load leaves the links without what it would have
// given, as a failed lookup did before.
func (s *Store) loadPostLinks(ctx context.Context, posts []*Post) *postLinks {
	d := &postLinks{}
	structure := s.Option(ctx, "permalink_structure")
	if structure == "" {
		return d
	}
	var parents, postIDs, authorIDs []uint64
	for _, p := range posts {
		switch p.Type {
		case "page":
			if p.ParentID != 0 {
				parents = append(parents, p.ParentID)
			}
		case "post":
			postIDs = append(postIDs, p.ID)
			authorIDs = append(authorIDs, p.AuthorID)
		}
	}
	if len(parents) > 0 {
		d.pages, _ = s.postTree(ctx, parents)
	}
	if len(postIDs) > 0 && strings.Contains(structure, "%category%") {
		d.categories = s.permalinkCategories(ctx, postIDs)
	}
	if len(authorIDs) > 0 && strings.Contains(structure, "%author%") {
		var rows []struct {
			ID       uint64
			Nicename string
		}
		if err := s.withContext(ctx).Model(&User{}).Select("id, nicename").Where("id IN ?", uniqueIDs(authorIDs)).Scan(&rows).Error; err == nil {
			d.nicenames = make(map[uint64]string, len(rows))
			for _, r := range rows {
				d.nicenames[r.ID] = r.Nicename
			}
		}
	}
	return d
}

// prettyLink builds the permalink from the structure, with d loaded for p.
// With template set, the post's own slug is left as %postname% /
// %pagename%.
func (s *Store) prettyLink(ctx context.Context, p *Post, slug string, template bool, d *postLinks) string {
	structure := s.Option(ctx, "permalink_structure")
	if structure == "" {
		return s.plainLink(p)
	}
	base := s.siteBase()
	if p.Type == "page" {
		if !template && p.ID != 0 && strconv.FormatUint(p.ID, 10) == s.Option(ctx, "page_on_front") && s.Option(ctx, "show_on_front") == "page" {
			return base + "/"
		}
		uri := "%pagename%"
		if !template {
			uri = slug
		}
		for _, anc := range ancestorSlugs(d.pages, p.ID, p.ParentID) {
			uri = anc + "/" + uri
		}
		return base + "/" + uri + "/"
	}
	if p.Type != "post" {
		return s.plainLink(p)
	}
	if !template && slug == "" {
		return s.plainLink(p)
	}
	local := p.Date
	// One pass over the structure, each tag replaced as it is met: no map
	// and no string rebuilt per tag, and a replacement that happens to
	// contain a tag is never expanded again.
	two := func(b []byte, n int) []byte { return append(b, byte('0'+n/10%10), byte('0'+n%10)) }
	link := make([]byte, 0, len(structure)+len(slug)+32)
	for rest := structure; rest != ""; {
		i := strings.IndexByte(rest, '%')
		if i < 0 {
			link = append(link, rest...)
			break
		}
		link = append(link, rest[:i]...)
		rest = rest[i:]
		j := strings.IndexByte(rest[1:], '%')
		if j < 0 {
			link = append(link, rest...)
			break
		}
		tag := rest[:j+2]
		known := true
		switch tag {
		case "%year%":
			if y := local.Year(); y >= 0 && y < 1000 { // %04d
				link = two(two(link, y/100), y%100)
			} else {
				link = strconv.AppendInt(link, int64(y), 10)
			}
		case "%monthnum%":
			link = two(link, int(local.Month()))
		case "%day%":
			link = two(link, local.Day())
		case "%hour%":
			link = two(link, local.Hour())
		case "%minute%":
			link = two(link, local.Minute())
		case "%second%":
			link = two(link, local.Second())
		case "%post_id%":
			link = strconv.AppendUint(link, p.ID, 10)
		case "%category%":
			// An author or category that is not found leaves the tag
			// empty, as get_permalink's empty strings do.
			link = append(link, d.categories[p.ID]...)
		case "%author%":
			link = append(link, d.nicenames[p.AuthorID]...)
		case "%postname%":
			if template { // the permalink template keeps %postname%
				known = false
			} else {
				link = append(link, slug...)
			}
		default:
			known = false
		}
		if known {
			rest = rest[len(tag):]
		} else {
			// Not a tag get_permalink replaces: the % stays, and the
			// search goes on from the next character.
			link = append(link, '%')
			rest = rest[1:]
		}
	}
	return base + string(link)
}

// permalinkCategories is what %category% stands for in each post's link,
// as get_permalink() picks it: the post's category with the lowest id,
// after the slugs of its ancestors (get_category_parents); for a post
// without a category the default category's slug. The posts' categories
// come from the object cache where it can; the ancestors, and the default
// category when a post lacks one, in one query when some are needed.
func (s *Store) permalinkCategories(ctx context.Context, postIDs []uint64) map[uint64]string {
	terms, err := s.PostTermsUncounted(ctx, postIDs, "category")
	if err != nil {
		return nil
	}
	chosen := make(map[uint64]Term, len(terms))
	var lookups []uint64
	for postID, list := range terms {
		best := list[0]
		for _, t := range list[1:] {
			if t.ID < best.ID {
				best = t
			}
		}
		chosen[postID] = best
		if best.ParentID != 0 {
			lookups = append(lookups, best.ParentID)
		}
	}
	defaultID := s.DefaultCategoryID(ctx)
	for _, postID := range postIDs {
		if _, ok := chosen[postID]; !ok {
			lookups = append(lookups, defaultID)
			break
		}
	}
	tree, err := s.termTree(ctx, "category", lookups)
	if err != nil {
		return nil
	}
	out := make(map[uint64]string, len(postIDs))
	for _, postID := range postIDs {
		cat, ok := chosen[postID]
		if !ok {
			out[postID] = tree[defaultID].Slug
			continue
		}
		path := cat.Slug
		for _, anc := range ancestorSlugs(tree, cat.ID, cat.ParentID) {
			path = anc + "/" + path
		}
		out[postID] = path
	}
	return out
}

// pageAncestorSlugs returns, by page id, the slugs of each page's
// ancestors, nearest first, as get_page_uri() walks them (whatever their
// type or status), in one query for all of them.
func (s *Store) pageAncestorSlugs(ctx context.Context, pages []Post) (map[uint64][]string, error) {
	var parents []uint64
	for _, p := range pages {
		if p.ParentID != 0 {
			parents = append(parents, p.ParentID)
		}
	}
	tree, err := s.postTree(ctx, parents)
	if err != nil {
		return nil, err
	}
	out := make(map[uint64][]string, len(pages))
	for _, p := range pages {
		out[p.ID] = ancestorSlugs(tree, p.ID, p.ParentID)
	}
	return out, nil
}

// uniqueSlugFor is wp_unique_post_slug outside a write: the slug p would get.
func (s *Store) uniqueSlugFor(ctx context.Context, slug string, p *Post) string {
	out, err := s.uniqueSlug(s.withContext(ctx), slug, p)
	if err != nil {
		return slug
	}
	return out
}

// reservedSlugs are the feed names WordPress never gives to a post.
var reservedSlugs = map[string]bool{"feed": true, "rdf": true, "rss": true, "rss2": true, "atom": true, "embed": true}

// slugConflictsWithRoute reports whether a slug would shadow a WordPress
// route: feed names always; all-digit slugs of pages (pagination) and of
// posts when the structure starts with %postname% (date archives).
func (s *Store) slugConflictsWithRoute(ctx context.Context, slug string, p *Post) bool {
	if reservedSlugs[slug] {
		return true
	}
	if !isDigits(slug) {
		return false
	}
	switch p.Type {
	case "page":
		return true
	case "post":
		n, _ := strconv.ParseUint(slug, 10, 64)
		if n == 0 || p.Slug == slug {
			return false
		}
		parts := strings.FieldsFunc(s.Option(ctx, "permalink_structure"), func(r rune) bool { return r == '/' })
		return len(parts) > 0 && parts[0] == "%postname%"
	}
	return false
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
