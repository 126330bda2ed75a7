package rest

import (
	"strconv"
	"strings"

	"github.com/presspass/presspass/models"
)

// termLinker builds the public links of terms (get_term_link) for one
// request, remembering the categories it has looked up so that a list
// walks each ancestor once.
type termLinker struct {
	r         *Request
	structure string
	known     map[uint64]*models.Term
}

func newTermLinker(r *Request) *termLinker {
	return &termLinker{r: r, structure: r.Store().Option(r.Ctx(), "permalink_structure"), known: map[uint64]*models.Term{}}
}

// termBases are the default category_base and tag_base of the permalinks.
var termBases = map[string]struct{ option, def, query string }{
	"category": {"category_base", "category", "cat"},
	"post_tag": {"tag_base", "tag", "tag"},
}

// link is get_term_link: with plain permalinks ?cat=ID or ?tag=slug, else
// /category/ancestor/…/slug/ and /tag/slug/.
func (l *termLinker) link(t *models.Term) string {
	site := strings.TrimRight(l.r.SiteURL(), "/")
	b, ok := termBases[t.Taxonomy]
	if !ok {
		return site + "/?taxonomy=" + t.Taxonomy + "&term=" + t.Slug
	}
	if l.structure == "" {
		if t.Taxonomy == "category" {
			return site + "/?cat=" + strconv.FormatUint(t.ID, 10)
		}
		return site + "/?tag=" + t.Slug
	}
	base := strings.Trim(l.r.Store().Option(l.r.Ctx(), b.option), "/")
	if base == "" {
		base = b.def
	}
	slugs := []string{t.Slug}
	// Hierarchical term links nest the ancestors' slugs; the walk is bounded
	// so that a damaged tree cannot loop.
	parent := t.ParentID
	for depth := 0; parent != 0 && depth < 100; depth++ {
		p, ok := l.known[parent]
		if !ok {
			var err error
			if p, err = l.r.Store().TermByID(l.r.Ctx(), parent); err != nil {
				break
			}
			l.known[parent] = p
		}
		slugs = append([]string{p.Slug}, slugs...)
		parent = p.ParentID
	}
	return site + "/" + base + "/" + strings.Join(slugs, "/") + "/"
}

// termFieldOrder is the order of a term's members in WordPress's answers.
var termFieldOrder = []string{"id", "count", "description", "link", "name", "slug", "taxonomy", "parent", "meta", "_links"}

// renderTerm is prepare_item_for_response of the terms controller: the
// embed context keeps id, link, name, slug and taxonomy; parent exists only
// for hierarchical taxonomies. withLinks is false for the "previous" of a
// deletion, which WordPress renders without links.
func (s *Server) renderTerm(r *Request, tr termRoute, t *models.Term, l *termLinker, withLinks bool) *Object {
	data := NewObject(termFieldOrder)
	data.Set("id", t.ID)
	data.Set("link", l.link(t))
	data.Set("name", t.Name)
	data.Set("slug", t.Slug)
	data.Set("taxonomy", t.Taxonomy)
	if r.ViewContext() != "embed" {
		data.Set("count", t.Count)
		data.Set("description", t.Description)
		data.Set("meta", []any{})
		if tr.Taxonomy.Hierarchical {
			data.Set("parent", t.ParentID)
		}
	}
	if !withLinks {
		return data
	}
	id := strconv.FormatUint(t.ID, 10)
	links := Links{
		{Rel: "self", Href: r.URL("/wp/v2/" + tr.RestBase + "/" + id)},
		{Rel: "collection", Href: r.URL("/wp/v2/" + tr.RestBase)},
		{Rel: "about", Href: r.URL("/wp/v2/taxonomies/" + tr.Taxonomy.Name)},
	}
	if tr.Taxonomy.Hierarchical && t.ParentID != 0 {
		links = append(links, Link{Rel: "up", Href: r.URL("/wp/v2/" + tr.RestBase + "/" + strconv.FormatUint(t.ParentID, 10)), Embeddable: true})
	}
	for _, pt := range tr.Taxonomy.ObjectTypes {
		if base, ok := postTypeRestBases[pt]; ok {
			links = append(links, Link{Rel: wpRelPrefix + "post_type", Href: r.URL("/wp/v2/" + base + "?" + tr.RestBase + "=" + id)})
		}
	}
	return r.WithLinks(data, links)
}

// postTypeRestBases are the REST bases of the post types terms are filed
// under.
var postTypeRestBases = map[string]string{"post": "posts", "page": "pages"}
