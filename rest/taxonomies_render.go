package rest

// The shapes of /wp/v2/taxonomies items (WP_REST_Taxonomies_Controller::
// prepare_item_for_response) and the labels get_taxonomy_labels gives the
// taxonomies of a default install.

// flatLabels are get_taxonomy_labels' defaults for a flat taxonomy, which
// post_tag uses as they are.
var flatLabels = Obj(
	"name", "Tags", "singular_name", "Tag", "search_items", "Search Tags", "popular_items", "Popular Tags",
	"all_items", "All Tags", "parent_item", nil, "parent_item_colon", nil,
	"name_field_description", "The name is how it appears on your site.",
	"slug_field_description", "The &#8220;slug&#8221; is the URL-friendly version of the name. It is usually all lowercase and contains only letters, numbers, and hyphens.",
	"parent_field_description", nil,
	"desc_field_description", "The description is not prominent by default; however, some themes may show it.",
	"edit_item", "Edit Tag",
	"view_item", "View Tag",
	"update_item", "Update Tag",
	"add_new_item", "Add Tag",
	"new_item_name", "New Tag Name",
	"separate_items_with_commas", "Separate tags with commas",
	"add_or_remove_items", "Add or remove tags",
	"choose_from_most_used", "Choose from the most used tags",
	"not_found", "No tags found.",
	"no_terms", "No tags",
	"filter_by_item", nil,
	"items_list_navigation", "Tags list navigation",
	"items_list", "Tags list",
	"most_used", "Most Used",
	"back_to_items", "&larr; Go to Tags",
	"item_link", "Tag Link",
	"item_link_description", "A link to a tag.",
	"menu_name", "Tags",
	"name_admin_bar", "post_tag",
	"template_name", "Tag Archives",
)

// hierarchicalLabels are the defaults for a hierarchical taxonomy, which
// category uses as they are.
var hierarchicalLabels = Obj(
	"name", "Categories", "singular_name", "Category", "search_items", "Search Categories", "popular_items", nil,
	"all_items", "All Categories", "parent_item", "Parent Category", "parent_item_colon", "Parent Category:",
	"name_field_description", "The name is how it appears on your site.",
	"slug_field_description", "The &#8220;slug&#8221; is the URL-friendly version of the name. It is usually all lowercase and contains only letters, numbers, and hyphens.",
	"parent_field_description", "Assign a parent term to create a hierarchy. The term Jazz, for example, would be the parent of Bebop and Big Band.",
	"desc_field_description", "The description is not prominent by default; however, some themes may show it.",
	"edit_item", "Edit Category",
	"view_item", "View Category",
	"update_item", "Update Category",
	"add_new_item", "Add Category",
	"new_item_name", "New Category Name",
	"separate_items_with_commas", nil,
	"add_or_remove_items", nil,
	"choose_from_most_used", nil,
	"not_found", "No categories found.",
	"no_terms", "No categories",
	"filter_by_item", "Filter by category",
	"items_list_navigation", "Categories list navigation",
	"items_list", "Categories list",
	"most_used", "Most Used",
	"back_to_items", "&larr; Go to Categories",
	"item_link", "Category Link",
	"item_link_description", "A link to a category.",
	"menu_name", "Categories",
	"name_admin_bar", "category",
	"template_name", "Category Archives",
)

// patternCategoryLabels are the labels register_taxonomy gives
// wp_pattern_category, completed by get_taxonomy_labels (the admin-bar,
// menu, all-items, archives and template names derived from them).
var patternCategoryLabels = func() *Object {
	out := customLabels(flatLabels, "Pattern Categories", "Pattern Category")
	for k, v := range Obj(
		"add_new_item", "Add Category",
		"add_or_remove_items", "Add or remove pattern categories",
		"back_to_items", "&larr; Go to Pattern Categories",
		"choose_from_most_used", "Choose from the most used pattern categories",
		"edit_item", "Edit Pattern Category",
		"item_link", "Pattern Category Link",
		"item_link_description", "A link to a pattern category.",
		"items_list", "Pattern Categories list",
		"items_list_navigation", "Pattern Categories list navigation",
		"new_item_name", "New Pattern Category Name",
		"no_terms", "No pattern categories",
		"not_found", "No pattern categories found.",
		"popular_items", "Popular Pattern Categories",
		"search_items", "Search Pattern Categories",
		"separate_items_with_commas", "Separate pattern categories with commas",
		"update_item", "Update Pattern Category",
		"view_item", "View Pattern Category",
	).All() {
		out.Set(k, v)
	}
	return out
}()

// customLabels is what get_taxonomy_labels makes of a taxonomy registered
// with a name and a singular name: the defaults, with the menu name, the
// all-items and archives names, the admin-bar name and the archive
// template name derived from them (_get_custom_object_labels).
func customLabels(defaults *Object, name, singular string) *Object {
	out := &Object{members: make([]member, 0, defaults.Len()+1)}
	for k, v := range defaults.All() {
		out.Set(k, v)
	}
	out.Set("name", name)
	out.Set("singular_name", singular)
	out.Set("menu_name", name)
	out.Set("all_items", name)
	out.Set("name_admin_bar", singular)
	// archives is new: it comes before the template name.
	out.Delete("template_name")
	out.Set("archives", name)
	out.Set("template_name", singular+" Archives")
	return out
}

// renderTaxonomy puts the fields of each context: embed has name, slug,
// rest_base and rest_namespace; view adds description, types and
// hierarchical; edit adds capabilities, labels, show_cloud and visibility.
func renderTaxonomy(r *Request, t restTaxonomy) *Object {
	vctx := r.ViewContext()
	data := &Object{}
	set := func(field string, v any, ctxs ...string) {
		for _, c := range ctxs {
			if c == vctx && r.FieldIncluded(field) {
				data.Set(field, v)
				return
			}
		}
	}
	types := make([]any, len(t.Types))
	for i, ty := range t.Types {
		types[i] = ty
	}
	set("name", t.Name, "view", "edit", "embed")
	set("slug", t.Slug, "view", "edit", "embed")
	set("capabilities", Obj(
		"manage_terms", t.Caps[0], "edit_terms", t.Caps[1], "delete_terms", t.Caps[2], "assign_terms", t.Caps[3],
	), "edit")
	set("description", "", "view", "edit")
	set("labels", t.Labels, "edit")
	set("types", types, "view", "edit")
	set("show_cloud", t.ShowCloud, "edit")
	set("hierarchical", t.Hierarchical, "view", "edit")
	set("rest_base", t.RestBase, "view", "edit", "embed")
	set("rest_namespace", "wp/v2", "view", "edit", "embed")
	v := t.Visibility
	set("visibility", Obj(
		"public", v[0], "publicly_queryable", v[1], "show_admin_column", v[2],
		"show_in_nav_menus", v[3], "show_in_quick_edit", v[4], "show_ui", v[5],
	), "edit")
	return r.WithLinks(data, Links{
		{Rel: "collection", Href: r.URL("/wp/v2/taxonomies")},
		{Rel: wpRelPrefix + "items", Href: r.URL("/wp/v2/" + t.RestBase)},
	})
}
