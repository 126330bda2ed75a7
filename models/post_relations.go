package models

import "context"

// PostRelations is what rendering posts needs beyond their rows: the terms
// of every taxonomy each is filed under (uncounted) and its revision count.
// Posts without terms or revisions are left out of the maps.
type PostRelations struct {
	Terms     map[uint64][]Term
	Revisions map[uint64]RevisionStat
}

// PostRelationsOf loads the relations of posts, through the object cache
// (post_objects.go): one query each for the posts it lacks.
// Errors: internal.
func (s *Store) PostRelationsOf(ctx context.Context, posts []*Post) (PostRelations, error) {
	ids, withTerms := relationIDs(posts)
	terms, err := s.PostTermsUncounted(ctx, withTerms, "")
	if err != nil {
		return PostRelations{}, err
	}
	revisions, err := s.RevisionStats(ctx, ids)
	if err != nil {
		return PostRelations{}, err
	}
	return PostRelations{Terms: terms, Revisions: revisions}, nil
}

// CreatedPostRelations is PostRelationsOf for posts the caller has just
// created. They have no revisions: WordPress saves one when a post is
// updated, never when it is inserted (wp_save_post_revision_on_insert
// returns for a new post), and so does CreatePost. Their terms are read
// from the database directly: the object cache cannot hold them yet, and
// asking it costs an epoch read, which the caller's own write has made a
// query. Errors: internal.
func (s *Store) CreatedPostRelations(ctx context.Context, posts []*Post) (PostRelations, error) {
	_, withTerms := relationIDs(posts)
	terms, err := s.postTerms(ctx, withTerms, "", "terms.*, rel.post_id AS post_id")
	if err != nil {
		return PostRelations{}, err
	}
	return PostRelations{Terms: terms, Revisions: map[uint64]RevisionStat{}}, nil
}

// relationIDs are the posts' ids, and those of the posts whose type has
// taxonomies.
func relationIDs(posts []*Post) (ids, withTerms []uint64) {
	ids = make([]uint64, 0, len(posts))
	for _, p := range posts {
		ids = append(ids, p.ID)
		if len(TaxonomiesForPostType(p.Type)) > 0 {
			withTerms = append(withTerms, p.ID)
		}
	}
	return ids, withTerms
}
