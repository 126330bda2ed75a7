package models

// Taxonomy describes one of WordPress's built-in taxonomies for posts. The
// set is fixed: PressPass registers no custom taxonomies.
type Taxonomy struct {
	Name         string
	Hierarchical bool
	// ObjectTypes are the post types whose posts carry terms of it.
	ObjectTypes []string
}

// The taxonomies, in WordPress's registration order.
var taxonomies = []Taxonomy{
	{Name: "category", Hierarchical: true, ObjectTypes: []string{"post"}},
	{Name: "post_tag", ObjectTypes: []string{"post"}},
	{Name: "post_format", ObjectTypes: []string{"post"}},
	{Name: "wp_pattern_category", ObjectTypes: []string{"wp_block"}},
}

// Taxonomies lists the taxonomies in WordPress's registration order.
func Taxonomies() []Taxonomy { return append([]Taxonomy(nil), taxonomies...) }

// TaxonomyByName returns a taxonomy; ok is false for an unknown name.
func TaxonomyByName(name string) (Taxonomy, bool) {
	for _, t := range taxonomies {
		if t.Name == name {
			return t, true
		}
	}
	return Taxonomy{}, false
}

// SupportsPostType reports whether posts of postType carry terms of t.
func (t Taxonomy) SupportsPostType(postType string) bool {
	for _, o := range t.ObjectTypes {
		if o == postType {
			return true
		}
	}
	return false
}

// TaxonomiesForPostType lists the taxonomies of a post type (WordPress's
// get_object_taxonomies).
func TaxonomiesForPostType(postType string) []Taxonomy {
	var out []Taxonomy
	for _, t := range taxonomies {
		if t.SupportsPostType(postType) {
			out = append(out, t)
		}
	}
	return out
}

// Term capabilities are the taxonomy caps of WordPress 6.9: for the built-in
// taxonomies manage_terms, edit_terms and delete_terms all map to the
// primitive manage_categories, and assign_terms to edit_posts.
const (
	TermCapManage = "manage"
	TermCapEdit   = "edit"
	TermCapDelete = "delete"
	TermCapAssign = "assign"
)

// CanOnTaxonomy reports whether u holds the taxonomy capability named by
// action (TermCapManage, TermCapEdit, TermCapDelete or TermCapAssign).
func CanOnTaxonomy(u *User, action string, t Taxonomy) bool {
	if u == nil {
		return false
	}
	switch action {
	case TermCapManage, TermCapEdit, TermCapDelete:
		return u.HasCap("manage_categories")
	case TermCapAssign:
		return CanEditPosts(u, "post")
	}
	return false
}

// canOnTerm resolves the term meta capabilities edit_term, delete_term and
// assign_term as map_meta_cap does: a missing term allows nothing, and the
// default category cannot be deleted by anyone.
func canOnTerm(u *User, cap string, t *Term, defaultCategory uint64) bool {
	if u == nil || t == nil {
		return false
	}
	tax, ok := TaxonomyByName(t.Taxonomy)
	if !ok {
		return false
	}
	switch cap {
	case "edit_term":
		return CanOnTaxonomy(u, TermCapEdit, tax)
	case "delete_term":
		if t.Taxonomy == "category" && t.ID == defaultCategory {
			return false
		}
		return CanOnTaxonomy(u, TermCapDelete, tax)
	case "assign_term":
		return CanOnTaxonomy(u, TermCapAssign, tax)
	}
	return false
}
