package models

import (
	"context"
	"slices"
	"strings"
)

// The site search of the block editor's link picker (WP_REST_Search_Controller
// with its three handlers): published posts and pages, terms of the public
// taxonomies, and the post formats that have an archive.

// Search types, the handlers WordPress registers, in its order.
const (
	SearchPosts       = "post"
	SearchTerms       = "term"
	SearchPostFormats = "post-format"
)

// SearchTypes lists the search types in WordPress's order.
func SearchTypes() []string { return []string{SearchPosts, SearchTerms, SearchPostFormats} }

// SearchSubtypes are the subtypes a search type narrows to: the public post
// types (attachments excepted) or the public taxonomies shown in REST.
func SearchSubtypes(searchType string) []string {
	switch searchType {
	case SearchPosts:
		return []string{"post", "page"}
	case SearchTerms:
		return []string{"category", "post_tag"}
	}
	return nil
}

// SearchAnySubtype is the subtype that stands for every subtype of the type.
const SearchAnySubtype = "any"

// SearchQuery is one search. Subtypes none or containing "any" means every
// subtype of Type (sanitize_subtypes: "any" wins); subtypes of another type
// are dropped, and if none is left nothing is found.
type SearchQuery struct {
	Type             string
	Subtypes         []string
	Search           string
	Include, Exclude []uint64
	// Page counts from 1.
	Page, PerPage int
}

// SearchHit is one result: a post, a term or a post format (named by its
// slug; ID is then 0).
type SearchHit struct {
	Post   *Post
	Term   *Term
	Format *PostFormat
	// URL is the object's public address.
	URL string
}

// Search runs q as the editor's search does and returns one page of hits
// and the total. Errors: invalid (unknown type), internal.
func (s *Store) Search(ctx context.Context, viewer *User, q SearchQuery) ([]SearchHit, int64, error) {
	if q.Page < 1 {
		q.Page = 1
	}
	if q.PerPage < 1 {
		q.PerPage = 10
	}
	subtypes := SearchSubtypes(q.Type)
	// Post formats have no subtypes: WordPress ignores what is asked.
	if len(subtypes) > 0 && len(q.Subtypes) > 0 && !slices.Contains(q.Subtypes, SearchAnySubtype) {
		var asked []string
		for _, st := range subtypes {
			if slices.Contains(q.Subtypes, st) {
				asked = append(asked, st)
			}
		}
		if len(asked) == 0 {
			return nil, 0, nil
		}
		subtypes = asked
	}
	switch q.Type {
	case SearchPosts:
		return s.searchPosts(ctx, viewer, q, subtypes)
	case SearchTerms:
		return s.searchTerms(ctx, q, subtypes)
	case SearchPostFormats:
		return s.searchPostFormats(ctx, q)
	}
	return nil, 0, newError(KindInvalid, ReasonInvalidSearchType)
}

// searchPosts finds published posts only, whoever asks (the handler's
// post_status is "publish"), ordered by relevance when searching and
// newest first otherwise.
func (s *Store) searchPosts(ctx context.Context, viewer *User, q SearchQuery, types []string) ([]SearchHit, int64, error) {
	f := PostFilter{
		Types: types, Statuses: []string{"publish"}, Search: q.Search,
		IDs: q.Include, ExcludeIDs: q.Exclude, Order: "desc", OrderBy: "date",
		Readable: true, ReadableBy: viewer,
		Limit: q.PerPage, Offset: (q.Page - 1) * q.PerPage,
	}
	if q.Search != "" {
		f.OrderBy = "relevance"
	}
	posts, total, err := s.Posts(ctx, f)
	if err != nil {
		return nil, 0, err
	}
	links := s.Permalinks(ctx, pointersTo(posts), viewer)
	hits := make([]SearchHit, len(posts))
	for i := range posts {
		hits[i] = SearchHit{Post: &posts[i], URL: links[i]}
	}
	return hits, total, nil
}

// searchTerms finds terms, empty ones too, by a part of their name or
// slug, ordered by name.
func (s *Store) searchTerms(ctx context.Context, q SearchQuery, taxonomies []string) ([]SearchHit, int64, error) {
	terms, total, err := s.Terms(ctx, TermFilter{
		Taxonomies: taxonomies, Search: q.Search, IDs: q.Include, Exclude: q.Exclude,
		Limit: q.PerPage, Offset: (q.Page - 1) * q.PerPage,
	})
	if err != nil {
		return nil, 0, err
	}
	links := s.TermLinks(ctx, pointersTo(terms))
	hits := make([]SearchHit, len(terms))
	for i := range terms {
		hits[i] = SearchHit{Term: &terms[i], URL: links[i]}
	}
	return hits, total, nil
}

// searchPostFormats finds the formats with an archive whose slug or label
// contains the search, case-insensitively.
func (s *Store) searchPostFormats(ctx context.Context, q SearchQuery) ([]SearchHit, int64, error) {
	used, err := s.usedPostFormats(ctx)
	if err != nil {
		return nil, 0, err
	}
	needle := strings.ToLower(q.Search)
	var found []SearchHit
	for i := range used {
		f := &used[i]
		if needle != "" && !strings.Contains(strings.ToLower(f.Slug), needle) && !strings.Contains(strings.ToLower(f.Label), needle) {
			continue
		}
		found = append(found, SearchHit{Format: f, URL: s.PostFormatLink(ctx, f.Slug)})
	}
	total := int64(len(found))
	from := (q.Page - 1) * q.PerPage
	if from >= len(found) {
		return nil, total, nil
	}
	return found[from:min(from+q.PerPage, len(found))], total, nil
}
