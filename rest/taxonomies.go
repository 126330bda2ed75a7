package rest

import (
	"net/http"

	"github.com/presspass/presspass/languages"
	"github.com/presspass/presspass/models"
)

// /wp/v2/taxonomies: WP_REST_Taxonomies_Controller, registered after the
// types and statuses routes as WordPress does.

// restTaxonomy is a taxonomy as WordPress 6.9 shows it in REST: the
// show_in_rest taxonomies of a default install, in registration order
// (post_format is not shown in REST).
type restTaxonomy struct {
	Slug         string
	Name         string
	Singular     string
	Types        []string
	Hierarchical bool
	RestBase     string
	// Caps are manage_terms, edit_terms, delete_terms, assign_terms.
	Caps [4]string
	// AssignCap is the primitive capability assign_terms maps to.
	AssignCap string
	// Labels are the labels that differ from the defaults of get_taxonomy_labels.
	Labels *Object
	// Visibility is the visibility object: public, publicly_queryable,
	// show_admin_column, show_in_nav_menus, show_in_quick_edit, show_ui.
	Visibility [6]bool
	ShowCloud  bool
}

var restTaxonomies = []restTaxonomy{
	{
		Slug: "category", Name: "Categories", Singular: "Category", Types: []string{"post"}, Hierarchical: true, RestBase: "categories",
		Caps:      [4]string{"manage_categories", "edit_categories", "delete_categories", "assign_categories"},
		AssignCap: "edit_posts", Visibility: [6]bool{true, true, true, true, true, true}, ShowCloud: true,
		Labels: hierarchicalLabels,
	},
	{
		Slug: "post_tag", Name: "Tags", Singular: "Tag", Types: []string{"post"}, RestBase: "tags",
		Caps:      [4]string{"manage_post_tags", "edit_post_tags", "delete_post_tags", "assign_post_tags"},
		AssignCap: "edit_posts", Visibility: [6]bool{true, true, true, true, true, true}, ShowCloud: true,
		Labels: flatLabels,
	},
	{
		Slug: "nav_menu", Name: "Navigation Menus", Singular: "Navigation Menu", Types: []string{"nav_menu_item"}, RestBase: "menus",
		Caps:      [4]string{"edit_theme_options", "edit_theme_options", "edit_theme_options", "edit_theme_options"},
		AssignCap: "edit_theme_options",
		Labels:    customLabels(flatLabels, "Navigation Menus", "Navigation Menu"),
	},
	{
		Slug: "wp_pattern_category", Name: "Pattern Categories", Singular: "Pattern Category", Types: []string{"wp_block"}, RestBase: "wp_pattern_category",
		Caps:      [4]string{"manage_categories", "manage_categories", "manage_categories", "edit_posts"},
		AssignCap: "edit_posts", Visibility: [6]bool{false, false, true, false, true, true},
		Labels: patternCategoryLabels,
	},
}

// canAssign is current_user_can( $taxonomy->cap->assign_terms ).
func (t restTaxonomy) canAssign(u *models.User) bool {
	if tax, ok := models.TaxonomyByName(t.Slug); ok {
		return models.CanOnTaxonomy(u, models.TermCapAssign, tax)
	}
	return u.HasCap(t.AssignCap)
}

// canEdit is current_user_can( $taxonomy->cap->edit_terms ).
func (t restTaxonomy) canEdit(u *models.User) bool {
	if tax, ok := models.TaxonomyByName(t.Slug); ok {
		return models.CanOnTaxonomy(u, models.TermCapEdit, tax)
	}
	return u.HasCap(t.Caps[1])
}

// canCreate is the REST API's rule for creating terms: edit_terms, or
// assign_terms for a flat taxonomy (models.FlatTermsByAssigners).
func (t restTaxonomy) canCreate(u *models.User) bool {
	if tax, ok := models.TaxonomyByName(t.Slug); ok {
		return models.CanCreateTerm(u, tax, models.FlatTermsByAssigners)
	}
	if t.Hierarchical {
		return t.canEdit(u)
	}
	return t.canAssign(u)
}

func (s *Server) taxonomiesRoutes() []*Route {
	return []*Route{
		{
			Namespace: "wp/v2",
			Pattern:   "/wp/v2/taxonomies",
			Schema:    taxonomySchema,
			Endpoints: []*Endpoint{{
				Methods: []string{"GET"},
				Args: []Arg{ContextArg("view"),
					{Name: "type", Description: "Limit results to taxonomies associated with a specific post type.", Type: "string"}},
				Permission: canListTaxonomies,
				Handler:    s.listTaxonomies,
			}},
		},
		{
			Namespace: "wp/v2",
			Pattern:   `/wp/v2/taxonomies/(?P<taxonomy>[\w-]+)`,
			Schema:    taxonomySchema,
			Endpoints: []*Endpoint{{
				Methods: []string{"GET"},
				Args: []Arg{{Name: "taxonomy", Description: "An alphanumeric identifier for the taxonomy.", Type: "string"},
					ContextArg("view")},
				Permission: canReadTaxonomy,
				Handler:    s.getTaxonomy,
			}},
		},
	}
}

// canListTaxonomies: the edit context needs assign_terms on some taxonomy.
func canListTaxonomies(r *Request) error {
	if r.ViewContext() != "edit" {
		return nil
	}
	for _, t := range restTaxonomies {
		if t.canAssign(r.User) {
			return nil
		}
	}
	return Forbidden("rest_cannot_view", languages.Mark("Sorry, you are not allowed to manage terms in this taxonomy."))
}

func taxonomyByRestSlug(slug string) (restTaxonomy, bool) {
	for _, t := range restTaxonomies {
		if t.Slug == slug {
			return t, true
		}
	}
	return restTaxonomy{}, false
}

// canReadTaxonomy lets an unknown taxonomy through, as WordPress does: the
// handler answers its 404, and the answer's Allow header says GET.
func canReadTaxonomy(r *Request) error {
	t, ok := taxonomyByRestSlug(r.URLParam("taxonomy"))
	if !ok {
		return nil
	}
	if r.ViewContext() == "edit" && !t.canAssign(r.User) {
		return Forbidden("rest_forbidden_context", languages.Mark("Sorry, you are not allowed to manage terms in this taxonomy."))
	}
	return nil
}

func (s *Server) listTaxonomies(r *Request) (*Response, error) {
	out := &Object{}
	typ := r.String("type")
	for _, t := range restTaxonomies {
		if typ != "" && !contains(t.Types, typ) {
			continue
		}
		// In the edit context WordPress leaves out what the user cannot assign.
		if r.ViewContext() == "edit" && !t.canAssign(r.User) {
			continue
		}
		out.Set(t.Slug, renderTaxonomy(r, t))
	}
	if out.Len() == 0 {
		// PHP's empty array.
		return NewResponse(http.StatusOK, []any{}), nil
	}
	return NewResponse(http.StatusOK, out), nil
}

func (s *Server) getTaxonomy(r *Request) (*Response, error) {
	t, ok := taxonomyByRestSlug(r.URLParam("taxonomy"))
	if !ok {
		return nil, Err(http.StatusNotFound, "rest_taxonomy_invalid", languages.Mark("Invalid taxonomy."))
	}
	return NewResponse(http.StatusOK, renderTaxonomy(r, t)), nil
}
