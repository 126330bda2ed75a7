package models

import (
	"context"
	"strconv"
	"strings"
)

// A term's public link is WordPress's get_term_link, one rule for the REST
// API, XML-RPC and the public site. With pretty permalinks it fills the
// taxonomy's extra permastruct (WP_Rewrite::get_extra_permastruct), which
// register_taxonomy added from the taxonomy's rewrite arguments
// (create_initial_taxonomies): categories under category_base, default
// "category", tags under tag_base, default "tag", post formats under
// "type". WP_Rewrite::add_permastruct puts the structure's front before
// the base only when with_front is set, and create_initial_taxonomies sets
// it for categories and tags only while their base option is empty (or the
// structure starts with index.php): "/blog/%postname%/" gives
// /blog/category/news/, but with category_base "/topics" it gives
// /topics/news/. A category's link names its ancestors' slugs. With plain
// permalinks the link is the taxonomy's query: ?cat=ID, ?tag=slug,
// ?post_format=…, or ?taxonomy=…&term=… for a taxonomy without a query
// variable.

// termRewrite is a taxonomy's rewrite arguments as register_taxonomy keeps
// them; a taxonomy without one has rewrite false.
type termRewrite struct {
	// baseOption names the option that replaces slug when set
	// (category_base, tag_base); empty when none does.
	baseOption   string
	slug         string
	hierarchical bool
}

var termRewrites = map[string]termRewrite{
	"category":    {baseOption: "category_base", slug: "category", hierarchical: true},
	"post_tag":    {baseOption: "tag_base", slug: "tag"},
	"post_format": {slug: "type"},
}

// termQueryVars are the taxonomies' query variables, for plain links.
var termQueryVars = map[string]string{"post_tag": "tag", "post_format": "post_format"}

// usingIndexPermalinks is WP_Rewrite::using_index_permalinks: the
// structure starts with index.php (after any slashes).
func usingIndexPermalinks(structure string) bool {
	return strings.HasPrefix(strings.TrimLeft(structure, "/"), "index.php")
}

// extraPermastruct is WP_Rewrite::add_permastruct's struct: the structure's
// front before it when withFront, else the root (index.php/ for index
// permalinks, nothing otherwise).
func extraPermastruct(structure, permastruct string, withFront bool) string {
	if withFront {
		return permastructFront(structure) + permastruct
	}
	if usingIndexPermalinks(structure) {
		return "index.php/" + permastruct
	}
	return permastruct
}

// termPermastructOf is get_extra_permastruct(taxonomy) for a structure and
// the taxonomy's base option's value: "" when the structure is plain or
// the taxonomy has no rewrite.
func termPermastructOf(structure, taxonomy, baseValue string) string {
	rw, ok := termRewrites[taxonomy]
	if structure == "" || !ok {
		return ""
	}
	slug, withFront := rw.slug, true
	// get_option's value counts as PHP counts it: "" and "0" are false.
	if rw.baseOption != "" && baseValue != "" && baseValue != "0" {
		slug, withFront = baseValue, usingIndexPermalinks(structure)
	}
	return extraPermastruct(structure, slug+"/%"+taxonomy+"%", withFront)
}

// termPermastruct is get_extra_permastruct(taxonomy) with the site's
// options.
func (s *Store) termPermastruct(ctx context.Context, taxonomy string) string {
	base := ""
	if rw, ok := termRewrites[taxonomy]; ok && rw.baseOption != "" {
		base = s.Option(ctx, rw.baseOption)
	}
	return termPermastructOf(s.Option(ctx, "permalink_structure"), taxonomy, base)
}

// TermLink is get_term_link for one term.
func (s *Store) TermLink(ctx context.Context, t *Term) string {
	return s.TermLinks(ctx, []*Term{t})[0]
}

// TermLinks is get_term_link for a list of terms, in order: the ancestors
// of the list's categories are loaded in one query for the whole list.
func (s *Store) TermLinks(ctx context.Context, terms []*Term) []string {
	out := make([]string, len(terms))
	structs := map[string]string{}
	var parents []uint64
	for _, t := range terms {
		if _, ok := structs[t.Taxonomy]; !ok {
			structs[t.Taxonomy] = s.termPermastruct(ctx, t.Taxonomy)
		}
		if structs[t.Taxonomy] != "" && termRewrites[t.Taxonomy].hierarchical && t.ParentID != 0 {
			parents = append(parents, t.ParentID)
		}
	}
	// Only categories are hierarchical among the taxonomies with a rewrite.
	// A failed load leaves the links without the ancestors, as a failed
	// lookup does in get_ancestors.
	tree, _ := s.termTree(ctx, "category", parents)
	trailingSlash := strings.HasSuffix(s.Option(ctx, "permalink_structure"), "/")
	for i, t := range terms {
		out[i] = s.termLink(t, structs[t.Taxonomy], tree, trailingSlash)
	}
	return out
}

// termLink builds one term's link from its taxonomy's permastruct and the
// tree of its ancestors.
func (s *Store) termLink(t *Term, permastruct string, tree map[uint64]treeNode, trailingSlash bool) string {
	slug := t.Slug
	if t.Taxonomy == "post_format" {
		// _post_format_link: the format's name, not its term's slug.
		slug = strings.TrimPrefix(slug, "post-format-")
	}
	if permastruct == "" {
		switch qv := termQueryVars[t.Taxonomy]; {
		case t.Taxonomy == "category":
			return s.HomeURL("?cat=" + strconv.FormatUint(t.ID, 10))
		case qv != "":
			return s.HomeURL("?" + qv + "=" + slug)
		}
		return s.HomeURL("?taxonomy=" + t.Taxonomy + "&term=" + slug)
	}
	if termRewrites[t.Taxonomy].hierarchical {
		for _, anc := range ancestorSlugs(tree, t.ID, t.ParentID) {
			slug = anc + "/" + slug
		}
	}
	return s.HomeURL(userTrailingSlash(strings.ReplaceAll(permastruct, "%"+t.Taxonomy+"%", slug), trailingSlash))
}

// userTrailingSlash is user_trailingslashit: the path without its trailing
// slashes, and with one when the permalink structure ends with one.
func userTrailingSlash(path string, trailingSlash bool) string {
	path = strings.TrimRight(path, "/")
	if trailingSlash {
		path += "/"
	}
	return path
}

// TermFeedLink is get_term_feed_link for a term whose link (TermLink) the
// caller has already built: with pretty permalinks the link with feed/
// appended, with plain ones the feed query first and then the taxonomy's
// query variable (?feed=rss2&cat=ID, ?feed=rss2&tag=slug), in WordPress's
// order. The term's own slug is used, as WordPress does, so a post format
// gives post_format=post-format-aside; a taxonomy without a query variable
// gets taxonomy= and term=, as its link does.
func (s *Store) TermFeedLink(ctx context.Context, t *Term, termLink, feed string) string {
	if s.UsingPermalinks(ctx) {
		return s.ArchiveFeedLink(ctx, termLink, feed)
	}
	q := "?feed=" + feed + "&"
	switch qv := termQueryVars[t.Taxonomy]; {
	case t.Taxonomy == "category":
		q += "cat=" + strconv.FormatUint(t.ID, 10)
	case qv != "":
		q += qv + "=" + t.Slug
	default:
		q += "taxonomy=" + t.Taxonomy + "&term=" + t.Slug
	}
	return s.HomeURL(q)
}
