package models

import (
	_ "embed"
	"encoding/json"
)

// PostType is one of WordPress's built-in post types as register_post_type
// leaves it: what the REST types endpoint shows and the capabilities its
// posts are checked against. The set is fixed: PressPass registers no
// custom post types.
type PostType struct {
	Name           string `json:"name"`
	Label          string `json:"label"`
	Description    string `json:"description"`
	Hierarchical   bool   `json:"hierarchical"`
	HasArchive     bool   `json:"has_archive"`
	ShowInNavMenus bool   `json:"show_in_nav_menus"`
	ShowUI         bool   `json:"show_ui"`
	Viewable       bool   `json:"viewable"`
	// Icon is the menu icon, "" for none.
	Icon          string `json:"icon"`
	RestBase      string `json:"rest_base"`
	RestNamespace string `json:"rest_namespace"`
	// RestTaxonomies are the taxonomies of the type that REST shows.
	RestTaxonomies []string `json:"rest_taxonomies"`
	// Supports are the post type features (post_type_supports), in
	// registration order; a value is true or the feature's arguments.
	Supports Fields `json:"supports"`
	// Cap maps the generic capability names to the type's own
	// (get_post_type_capabilities), in WordPress's order.
	Cap Fields `json:"cap"`
	// Labels are get_post_type_labels' result, in WordPress's order.
	Labels Fields `json:"labels"`
}

// post_types.json holds the built-in types in registration order, as
// WordPress 6.9 registers them (create_initial_post_types).
//
//go:embed post_types.json
var postTypesJSON []byte

var postTypes = mustPostTypes(postTypesJSON)

func mustPostTypes(data []byte) []PostType {
	var out []PostType
	if err := json.Unmarshal(data, &out); err != nil {
		panic("models: bad embedded post types: " + err.Error())
	}
	return out
}

// PostTypes lists the built-in post types in registration order.
func PostTypes() []PostType { return append([]PostType(nil), postTypes...) }

// PostTypeByName returns a built-in post type; ok is false for an unknown
// name.
func PostTypeByName(name string) (PostType, bool) {
	for _, t := range postTypes {
		if t.Name == name {
			return t, true
		}
	}
	return PostType{}, false
}

// CanEditPostsOfType reports whether u holds the type's edit_posts
// capability (who may see the type in the edit context), with block
// capabilities mapped to their post equivalents as map_meta_cap does.
func CanEditPostsOfType(u *User, t PostType) bool {
	return u.HasCap(primitiveCap(t.Cap.String("edit_posts")))
}

// primitiveCap is map_meta_cap's last step for a capability that is not a
// meta capability: the block capabilities map to their post equivalents.
func primitiveCap(c string) string {
	switch c {
	case "edit_blocks", "edit_others_blocks", "publish_blocks", "read_private_blocks", "delete_blocks",
		"delete_private_blocks", "delete_published_blocks", "delete_others_blocks", "edit_private_blocks",
		"edit_published_blocks":
		return c[:len(c)-len("blocks")] + "posts"
	}
	return c
}
