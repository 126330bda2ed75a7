package models

import "sort"

// Role is one of WordPress's default roles with its display name and
// primitive capabilities.
type Role struct {
	Name         string
	DisplayName  string
	Capabilities []string
}

// The default roles as WordPress's populate_roles() creates them, in
// WordPress's order (the order appears in capability maps).
var defaultRoles = []Role{
	{"administrator", "Administrator", []string{
		"switch_themes", "edit_themes", "activate_plugins", "edit_plugins", "edit_users", "edit_files",
		"manage_options", "moderate_comments", "manage_categories", "manage_links", "upload_files", "import",
		"unfiltered_html", "edit_posts", "edit_others_posts", "edit_published_posts", "publish_posts",
		"edit_pages", "read", "level_10", "level_9", "level_8", "level_7", "level_6", "level_5", "level_4",
		"level_3", "level_2", "level_1", "level_0", "edit_others_pages", "edit_published_pages",
		"publish_pages", "delete_pages", "delete_others_pages", "delete_published_pages", "delete_posts",
		"delete_others_posts", "delete_published_posts", "delete_private_posts", "edit_private_posts",
		"read_private_posts", "delete_private_pages", "edit_private_pages", "read_private_pages",
		"delete_users", "create_users", "unfiltered_upload", "edit_dashboard", "update_plugins",
		"delete_plugins", "install_plugins", "update_themes", "install_themes", "update_core", "list_users",
		"remove_users", "promote_users", "edit_theme_options", "delete_themes", "export",
	}},
	{"editor", "Editor", []string{
		"moderate_comments", "manage_categories", "manage_links", "upload_files", "unfiltered_html",
		"edit_posts", "edit_others_posts", "edit_published_posts", "publish_posts", "edit_pages", "read",
		"level_7", "level_6", "level_5", "level_4", "level_3", "level_2", "level_1", "level_0",
		"edit_others_pages", "edit_published_pages", "publish_pages", "delete_pages", "delete_others_pages",
		"delete_published_pages", "delete_posts", "delete_others_posts", "delete_published_posts",
		"delete_private_posts", "edit_private_posts", "read_private_posts", "delete_private_pages",
		"edit_private_pages", "read_private_pages",
	}},
	{"author", "Author", []string{
		"upload_files", "edit_posts", "edit_published_posts", "publish_posts", "read", "level_2", "level_1",
		"level_0", "delete_posts", "delete_published_posts",
	}},
	{"contributor", "Contributor", []string{"edit_posts", "read", "level_1", "level_0", "delete_posts"}},
	{"subscriber", "Subscriber", []string{"read", "level_0"}},
}

var roleCapSets = func() map[string]map[string]bool {
	m := make(map[string]map[string]bool, len(defaultRoles))
	for _, r := range defaultRoles {
		set := make(map[string]bool, len(r.Capabilities))
		for _, c := range r.Capabilities {
			set[c] = true
		}
		m[r.Name] = set
	}
	return m
}()

// Roles returns the site's roles in WordPress's order.
func Roles() []Role { return defaultRoles }

// RoleByName returns the role with that name.
func RoleByName(name string) (Role, bool) {
	for _, r := range defaultRoles {
		if r.Name == name {
			return r, true
		}
	}
	return Role{}, false
}

// IsRole reports whether name is a known role.
func IsRole(name string) bool { _, ok := roleCapSets[name]; return ok }

// RoleCaps returns the primitive capabilities of a role as a set (shared; do
// not modify). An unknown or empty role has none.
func RoleCaps(role string) map[string]bool { return roleCapSets[role] }

// RolesWithCap lists the roles that grant cap, sorted.
func RolesWithCap(cap string) []string {
	var out []string
	for name, set := range roleCapSets {
		if set[cap] {
			out = append(out, name)
		}
	}
	sort.Strings(out)
	return out
}
