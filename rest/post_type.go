package rest

import "github.com/presspass/presspass/models"

// postType describes, for the posts controller, what a post type's fields
// and arguments depend on: whether it is hierarchical and viewable, the
// features it supports and the taxonomies REST shows for it. WordPress's
// WP_REST_Posts_Controller decides each field from these, not from the
// type's name.
type postType struct {
	Name     string // "post", "page", "wp_block"
	RestBase string // "posts", "pages", "blocks"
	// Hierarchical types have a parent.
	Hierarchical bool
	// Viewable types have a permalink template, a generated slug and a
	// class list.
	Viewable bool
	// features are the schema's post type attributes the type has.
	features map[string]bool
	// Taxonomies are the type's REST taxonomies, in registration order.
	Taxonomies []restTaxonomy
	// fieldOrder is the order of an item's members in answers.
	fieldOrder []string
}

// withFieldOrder sets pt.fieldOrder: postFieldOrder, the taxonomies'
// fields, then postFieldOrderTail.
func (pt *postType) withFieldOrder() *postType {
	order := append([]string{}, postFieldOrder...)
	for _, t := range pt.Taxonomies {
		order = append(order, t.RestBase)
	}
	pt.fieldOrder = append(order, postFieldOrderTail...)
	return pt
}

// fixedSchemaFeatures are the attributes WordPress gives post and page
// whatever post_type_supports says (the controller's fixed schemas).
var fixedSchemaFeatures = map[string][]string{
	"post": {"title", "editor", "author", "excerpt", "thumbnail", "comments", "revisions", "post-formats", "custom-fields"},
	"page": {"title", "editor", "author", "excerpt", "thumbnail", "comments", "revisions", "page-attributes", "custom-fields"},
}

// newPostType describes a built-in post type from its registration.
func newPostType(name string) *postType {
	t, ok := models.PostTypeByName(name)
	if !ok {
		panic("rest: unknown post type " + name)
	}
	pt := &postType{Name: t.Name, RestBase: t.RestBase, Hierarchical: t.Hierarchical, Viewable: t.Viewable, features: map[string]bool{}}
	if list, ok := fixedSchemaFeatures[name]; ok {
		for _, f := range list {
			pt.features[f] = true
		}
	} else {
		for _, f := range t.Supports {
			pt.features[f.Key] = true
		}
	}
	for _, tax := range t.RestTaxonomies {
		rt, ok := taxonomyByRestSlug(tax)
		if !ok {
			panic("rest: unknown taxonomy " + tax)
		}
		pt.Taxonomies = append(pt.Taxonomies, rt)
	}
	return pt.withFieldOrder()
}

var (
	postTypePost  = newPostType("post")
	postTypePage  = newPostType("page")
	postTypeBlock = newPostType("wp_block")
	// postTypeAttachment is served by the attachments controller
	// (media.go), which shares the posts controller's fields and links;
	// it has a parent as the hierarchical types do.
	postTypeAttachment = (&postType{Name: "attachment", RestBase: "media", Hierarchical: true, Viewable: true,
		features: map[string]bool{"title": true, "author": true, "comments": true}}).withFieldOrder()
)

// supports is post_type_supports as the controller's schema reads it.
func (pt *postType) supports(feature string) bool { return pt.features[feature] }

// sticky reports whether posts of the type can be sticky (only "post").
func (pt *postType) sticky() bool { return pt.Name == "post" }

// hasField reports whether the type's schema has a top-level field.
func (pt *postType) hasField(field string) bool {
	switch field {
	case "title", "author", "excerpt", "comments":
		return pt.supports(field)
	case "content":
		return pt.supports("editor")
	case "featured_media":
		return pt.supports("thumbnail")
	case "comment_status", "ping_status":
		return pt.supports("comments")
	case "permalink_template", "generated_slug", "class_list":
		return pt.Viewable
	case "parent":
		return pt.Hierarchical
	case "menu_order":
		return pt.supports("page-attributes")
	case "format":
		return pt.supports("post-formats")
	case "sticky":
		return pt.sticky()
	}
	for _, t := range restTaxonomies {
		if field == t.RestBase {
			return pt.hasTaxonomy(t.Slug)
		}
	}
	return true
}

// hasTaxonomy reports whether REST shows the taxonomy for the type.
func (pt *postType) hasTaxonomy(slug string) bool {
	for _, t := range pt.Taxonomies {
		if t.Slug == slug {
			return true
		}
	}
	return false
}
