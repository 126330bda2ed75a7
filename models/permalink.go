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
	pretty := false
	switch p.Status {
	case "publish":
		pretty = true
	case "private":
		pretty = CanReadPost(viewer, p)
	}
	if !pretty {
		return s.plainLink(p)
	}
	return s.prettyLink(ctx, p, p.Slug, false)
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
	return s.prettyLink(ctx, &sample, "", true), generatedSlug
}

func (s *Store) siteBase() string { return strings.TrimRight(s.Config.SiteURL, "/") }

func (s *Store) plainLink(p *Post) string {
	if p.Type == "page" {
		return fmt.Sprintf("%s/?page_id=%d", s.siteBase(), p.ID)
	}
	return fmt.Sprintf("%s/?p=%d", s.siteBase(), p.ID)
}

// prettyLink builds the permalink from the structure. With template set, the
// post's own slug is left as %postname% / %pagename%.
func (s *Store) prettyLink(ctx context.Context, p *Post, slug string, template bool) string {
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
		for _, anc := range s.pageAncestorSlugs(ctx, p) {
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
	repl := map[string]string{
		"%year%":     fmt.Sprintf("%04d", local.Year()),
		"%monthnum%": fmt.Sprintf("%02d", int(local.Month())),
		"%day%":      fmt.Sprintf("%02d", local.Day()),
		"%hour%":     fmt.Sprintf("%02d", local.Hour()),
		"%minute%":   fmt.Sprintf("%02d", local.Minute()),
		"%second%":   fmt.Sprintf("%02d", local.Second()),
		"%post_id%":  strconv.FormatUint(p.ID, 10),
	}
	// Tokens that need a query are resolved only when the structure uses them.
	if strings.Contains(structure, "%category%") {
		repl["%category%"] = s.permalinkCategory(ctx, p)
	}
	if !template {
		repl["%postname%"] = slug
	}
	if strings.Contains(structure, "%author%") {
		if u, err := s.UserByID(ctx, p.AuthorID); err == nil {
			repl["%author%"] = u.Nicename
		}
	}
	link := structure
	for k, v := range repl {
		link = strings.ReplaceAll(link, k, v)
	}
	return base + link
}

// permalinkCategory is the slug %category% stands for: the post's category
// with the lowest id, as get_permalink picks it.
func (s *Store) permalinkCategory(ctx context.Context, p *Post) string {
	terms, err := s.PostTermsUncounted(ctx, []uint64{p.ID}, "category")
	if err != nil || len(terms[p.ID]) == 0 {
		return "uncategorized"
	}
	best := terms[p.ID][0]
	for _, t := range terms[p.ID][1:] {
		if t.ID < best.ID {
			best = t
		}
	}
	return best.Slug
}

// pageAncestorSlugs returns the slugs of p's ancestors, nearest first, as
// get_page_uri() walks them (whatever their type or status). The walk stops
// at a cycle or after 100 steps.
func (s *Store) pageAncestorSlugs(ctx context.Context, p *Post) []string {
	var out []string
	seen := map[uint64]bool{p.ID: true}
	parent := p.ParentID
	for i := 0; parent != 0 && !seen[parent] && i < 100; i++ {
		seen[parent] = true
		var row struct {
			Slug     string
			ParentID uint64
		}
		err := s.withContext(ctx).Model(&Post{}).Select("slug, parent_id").Where("id = ?", parent).Take(&row).Error
		if err != nil {
			break
		}
		if row.Slug != "" {
			out = append(out, row.Slug)
		}
		parent = row.ParentID
	}
	return out
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
