package rest

import (
	"strconv"

	"github.com/presspass/presspass/models"
)

// termFieldOrder is the order of a term's members in WordPress's answers.
var termFieldOrder = []string{"id", "count", "description", "link", "name", "slug", "taxonomy", "parent", "meta", "_links"}

// renderTerm is prepare_item_for_response of the terms controller: the
// embed context keeps id, link, name, slug and taxonomy; parent exists only
// for hierarchical taxonomies. withLinks is false for the "previous" of a
// deletion, which WordPress renders without links. link is the term's
// get_term_link (models.TermLinks, once per list).
func (s *Server) renderTerm(r *Request, tr termRoute, t *models.Term, link string, withLinks bool) *Object {
	data := NewObject(termFieldOrder)
	data.Set("id", t.ID)
	data.Set("link", link)
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
