package models

import (
	"context"
	"slices"
)

// Hierarchical links name every ancestor: a page's link its ancestor pages'
// slugs (get_page_uri), a category's link and the %category% of a post's
// link the ancestor categories' slugs (get_term_parents_list). Walking the
// parents one query at a time costs a query per ancestor per link; these
// helpers load the ancestors of a whole list at once, in one recursive
// query whatever the list's length or the trees' depth.

// treeNode is one row of a post or term tree: its id, parent and slug.
type treeNode struct {
	ID       uint64
	ParentID uint64
	Slug     string
}

// The recursive queries start from the given ids and follow parent_id up.
// UNION (not UNION ALL) drops rows already found, so a damaged tree with a
// cycle ends the recursion instead of looping. Terms stay in one taxonomy,
// as get_ancestors() asks get_term() for the taxonomy's terms only.
const (
	postAncestorsSQL = `WITH RECURSIVE chain(id, parent_id, slug) AS (
	SELECT id, parent_id, slug FROM posts WHERE id IN ?
	UNION
	SELECT p.id, p.parent_id, p.slug FROM posts p JOIN chain c ON p.id = c.parent_id
) SELECT id, parent_id, slug FROM chain`
	termAncestorsSQL = `WITH RECURSIVE chain(id, parent_id, slug) AS (
	SELECT id, parent_id, slug FROM terms WHERE id IN ? AND taxonomy = ?
	UNION
	SELECT t.id, t.parent_id, t.slug FROM terms t JOIN chain c ON t.id = c.parent_id WHERE t.taxonomy = ?
) SELECT id, parent_id, slug FROM chain`
)

// postTree loads the posts with the given ids and all their ancestors, by id.
func (s *Store) postTree(ctx context.Context, ids []uint64) (map[uint64]treeNode, error) {
	if len(ids) == 0 {
		return map[uint64]treeNode{}, nil
	}
	var rows []treeNode
	if err := s.withContext(ctx).Raw(postAncestorsSQL, uniqueIDs(ids)).Scan(&rows).Error; err != nil {
		return nil, Internal(err)
	}
	return treeByID(rows), nil
}

// termTree loads the terms of taxonomy with the given ids and all their
// ancestors, by id.
func (s *Store) termTree(ctx context.Context, taxonomy string, ids []uint64) (map[uint64]treeNode, error) {
	if len(ids) == 0 {
		return map[uint64]treeNode{}, nil
	}
	var rows []treeNode
	if err := s.withContext(ctx).Raw(termAncestorsSQL, uniqueIDs(ids), taxonomy, taxonomy).Scan(&rows).Error; err != nil {
		return nil, Internal(err)
	}
	return treeByID(rows), nil
}

func treeByID(rows []treeNode) map[uint64]treeNode {
	out := make(map[uint64]treeNode, len(rows))
	for _, r := range rows {
		out[r.ID] = r
	}
	return out
}

func uniqueIDs(ids []uint64) []uint64 {
	out := slices.Clone(ids)
	slices.Sort(out)
	return slices.Compact(out)
}

// ancestorSlugs walks tree from parent up and returns the slugs met,
// nearest first, skipping empty ones (get_page_uri skips a parent without a
// post_name). The walk stops at an object missing from the tree or at one
// already seen (self is the object the walk is for), as WordPress's loop
// detection does.
func ancestorSlugs(tree map[uint64]treeNode, self, parent uint64) []string {
	var out []string
	seen := map[uint64]bool{self: true}
	for parent != 0 && !seen[parent] {
		seen[parent] = true
		n, ok := tree[parent]
		if !ok {
			break
		}
		if n.Slug != "" {
			out = append(out, n.Slug)
		}
		parent = n.ParentID
	}
	return out
}

// pointersTo lists pointers to the elements of list, for the batch link
// builders.
func pointersTo[T any](list []T) []*T {
	out := make([]*T, len(list))
	for i := range list {
		out[i] = &list[i]
	}
	return out
}
