package rest

import (
	"net/http"
	"time"

	"github.com/presspass/presspass/languages"
	"github.com/presspass/presspass/models"
)

// GET /wp/v2/posts and /wp/v2/pages: WP_REST_Posts_Controller::get_items.

// anyStatuses is what status=any means: every status not excluded from
// search (trash and auto-draft are).
var anyStatuses = []string{"publish", "future", "draft", "pending", "private"}

// sanitizePostStatuses is sanitize_post_statuses: a status other than the
// default needs the type's edit capability (or read_private for private).
func sanitizePostStatuses(r *Request, pt *postType, v any) (any, error) {
	return sanitizeStatuses(r, pt, "publish", v)
}

// sanitizeStatuses is sanitize_post_statuses for a type whose listing
// defaults to open (publish; inherit for attachments): anything else needs
// the type's edit capability, or read_private for private.
func sanitizeStatuses(r *Request, pt *postType, open string, v any) (any, error) {
	list, _ := toList(v)
	out := make([]any, 0, len(list))
	for _, item := range list {
		st, _ := item.(string)
		if st == "" {
			continue
		}
		if st != open && !models.CanEditPosts(r.User, pt.Name) &&
			!(st == "private" && models.CanReadPrivatePosts(r.User, pt.Name)) {
			code := http.StatusUnauthorized
			if r.User != nil {
				code = http.StatusForbidden
			}
			return nil, Err(http.StatusBadRequest, "rest_forbidden_status", languages.Mark("Status is forbidden.")).WithData("status", code)
		}
		out = append(out, st)
	}
	return out, nil
}

func uintList(list []int64) []uint64 {
	out := make([]uint64, 0, len(list))
	for _, v := range list {
		if v > 0 {
			out = append(out, uint64(v))
		}
	}
	return out
}

// postListFilter reads the collection arguments posts, pages and
// attachments share (WP_REST_Posts_Controller::get_items' query args):
// search, authors, include/exclude, order, paging, status (defaultStatus
// when none is asked for), slugs and the date ranges.
func (s *Server) postListFilter(r *Request, defaultStatus string) models.PostFilter {
	page := r.Int("page")
	perPage := r.Int("per_page")
	f := models.PostFilter{
		Search:        r.String("search"),
		Authors:       uintList(r.IntList("author")),
		ExcludeAuthor: uintList(r.IntList("author_exclude")),
		IDs:           uintList(r.IntList("include")),
		ExcludeIDs:    uintList(r.IntList("exclude")),
		Order:         r.String("order"),
		OrderBy:       r.String("orderby"),
		Readable:      true,
		ReadableBy:    r.User,
		Limit:         int(perPage),
		Offset:        int((page - 1) * perPage),
	}
	if r.Has("offset") {
		f.Offset = int(r.Int("offset"))
	}
	if !r.Has("orderby") && f.Search != "" {
		f.OrderBy = "relevance"
	}
	if r.Has("search_columns") {
		f.SearchColumns = r.StringList("search_columns")
	}
	f.SearchPhrase = r.String("search_semantics") == "exact"
	for _, st := range r.StringList("status") {
		if st == "any" {
			f.Statuses = append(f.Statuses, anyStatuses...)
			continue
		}
		f.Statuses = append(f.Statuses, st)
	}
	if len(f.Statuses) == 0 {
		f.Statuses = []string{defaultStatus}
	}
	if r.Has("slug") {
		f.Slugs = r.StringList("slug")
	}
	for _, d := range []struct {
		name string
		dst  **time.Time
	}{{"before", &f.Before}, {"after", &f.After}, {"modified_before", &f.ModifiedBefore}, {"modified_after", &f.ModifiedAfter}} {
		if r.Has(d.name) {
			if local, gmt, ok := restDateWithGMT(r.String(d.name), false); ok {
				if gmt != nil {
					l := s.store.GMTToLocal(r.Ctx(), *gmt)
					*d.dst = &l
				} else {
					*d.dst = &local
				}
			}
		}
	}
	return f
}

// applyParentFilters reads parent (0 or an empty list: top-level items
// only) and parent_exclude, the filters of hierarchical types.
func applyParentFilters(r *Request, f *models.PostFilter) {
	if r.Has("parent") {
		f.Parents = uintList(r.IntList("parent"))
		if len(f.Parents) == 0 {
			f.Parents = []uint64{0}
		}
	}
	if r.Has("parent_exclude") {
		f.ExcludeParents = uintList(r.IntList("parent_exclude"))
	}
}

// pageTotal is get_items' total: when a page past the first finds nothing
// WordPress counts again without the limit (recount), and a page beyond
// the last one is refused.
func pageTotal(page, perPage, total int64, recount func() (int64, error)) (int64, error) {
	if total < 1 && page > 1 {
		var err error
		if total, err = recount(); err != nil {
			return 0, err
		}
	}
	maxPages := (total + perPage - 1) / perPage
	if page > maxPages && total > 0 {
		return 0, Err(http.StatusBadRequest, "rest_post_invalid_page_number", languages.Mark("The page number requested is larger than the number of pages available."))
	}
	return total, nil
}

func (s *Server) listPosts(pt *postType) func(*Request) (*Response, error) {
	return func(r *Request) (*Response, error) {
		ctx := r.Ctx()
		page := r.Int("page")
		perPage := r.Int("per_page")
		f := s.postListFilter(r, "publish")
		f.Types = []string{pt.Name}
		if pt.Hierarchical {
			applyParentFilters(r, &f)
		}
		if pt.supports("page-attributes") && r.Has("menu_order") {
			mo := int(r.Int("menu_order"))
			f.MenuOrder = &mo
		}
		if pt.sticky() {
			if r.Has("sticky") {
				sticky := r.Bool("sticky")
				f.StickyOnly = &sticky
			}
			f.StickyFirst = !r.Bool("ignore_sticky") && page == 1
		}
		if err := s.applyTermFilters(r, pt, &f); err != nil {
			return nil, err
		}
		posts, total, err := s.store.Posts(ctx, f)
		if err != nil {
			return nil, err
		}
		total, err = pageTotal(page, perPage, total, func() (int64, error) {
			f.Limit, f.Offset = 0, 0
			_, n, err := s.store.Posts(ctx, f)
			return n, err
		})
		if err != nil {
			return nil, err
		}
		ptrs := make([]*models.Post, len(posts))
		for i := range posts {
			ptrs[i] = &posts[i]
		}
		d, err := s.loadPostRenderData(ctx, ptrs)
		if err != nil {
			return nil, err
		}
		items := make([]any, 0, len(posts))
		for _, p := range ptrs {
			items = append(items, s.renderPost(r, p, pt, d))
		}
		resp := NewResponse(http.StatusOK, items)
		r.Paginate(resp, "/wp/v2/"+pt.RestBase, total, page, perPage)
		return resp, nil
	}
}

// termFilter reads a categories/tags filter: a list of ids, or an object
// {"terms": [...], "include_children": bool, "operator": "AND"|"OR"}.
func termFilter(v any) (ids []uint64, children, all bool) {
	if obj, ok := v.(map[string]any); ok {
		children = toBool(obj["include_children"])
		op, _ := obj["operator"].(string)
		all = op == "AND"
		v = obj["terms"]
	}
	list, _ := toList(v)
	for _, item := range list {
		switch x := item.(type) {
		case int64:
			if x > 0 {
				ids = append(ids, uint64(x))
			}
		case float64:
			if x > 0 {
				ids = append(ids, uint64(x))
			}
		case string:
			if id, err := parseID(x); err == nil && id > 0 {
				ids = append(ids, id)
			}
		}
	}
	return ids, children, all
}

// withDescendants adds the child categories of ids, at any depth.
func (s *Server) withDescendants(r *Request, ids []uint64) ([]uint64, error) {
	cats, _, err := s.store.Terms(r.Ctx(), models.TermFilter{Taxonomy: "category"})
	if err != nil {
		return nil, err
	}
	children := map[uint64][]uint64{}
	for _, c := range cats {
		children[c.ParentID] = append(children[c.ParentID], c.ID)
	}
	seen := map[uint64]bool{}
	var out []uint64
	queue := append([]uint64(nil), ids...)
	for len(queue) > 0 {
		id := queue[0]
		queue = queue[1:]
		if seen[id] {
			continue
		}
		seen[id] = true
		out = append(out, id)
		queue = append(queue, children[id]...)
	}
	return out, nil
}

// applyTermFilters turns the categories, categories_exclude, tags and
// tags_exclude parameters into WordPress's tax query: one condition per
// parameter (per term with operator AND), joined by tax_relation.
func (s *Server) applyTermFilters(r *Request, pt *postType, f *models.PostFilter) error {
	type termParam struct {
		name     string
		category bool
		exclude  bool
	}
	var params []termParam
	for _, t := range pt.Taxonomies {
		params = append(params, termParam{t.RestBase, t.Hierarchical, false}, termParam{t.RestBase + "_exclude", t.Hierarchical, true})
	}
	for _, p := range params {
		if !r.Has(p.name) {
			continue
		}
		ids, children, all := termFilter(r.Param(p.name))
		if len(ids) == 0 {
			continue
		}
		if p.category && children {
			var err error
			if ids, err = s.withDescendants(r, ids); err != nil {
				return err
			}
		}
		cond := models.TermCondition{TermIDs: ids, Exclude: p.exclude}
		if all && !p.exclude {
			for _, id := range ids {
				one := cond
				one.TermIDs = []uint64{id}
				f.TermConditions = append(f.TermConditions, one)
			}
			continue
		}
		f.TermConditions = append(f.TermConditions, cond)
	}
	f.TermsAnyCondition = r.String("tax_relation") == "OR"
	if pt.supports("post-formats") && r.Has("format") {
		f.Formats = r.StringList("format")
	}
	return nil
}
