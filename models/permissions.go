package models

// The permission predicates: each answers one of WordPress's "may this user
// …" questions, and every adapter asks here instead of testing capabilities
// itself, so REST, XML-RPC and the pages cannot decide a rule differently.
// A nil user is a visitor and may do none of these. Where WordPress's REST
// API and XML-RPC differ in a rule (not in its words), the rule is a named
// value passed in (StickyRule, TermCreateRule, CommentRules).

// CanCreatePost reports whether u may create posts of postType
// (create_posts: the type's edit capability unless it names its own, as
// patterns do with publish_posts). It is the one place that decides "may
// this user create a post".
func CanCreatePost(u *User, postType string) bool {
	c := capsForType(postType)
	if c.create != "" {
		return u.HasCap(c.create)
	}
	return u.HasCap(c.edit)
}

// CanEditPosts reports whether u may edit posts of postType at all
// (edit_posts or edit_pages): see drafts, use the edit context, list the
// type's statuses.
func CanEditPosts(u *User, postType string) bool {
	return u.HasCap(capsForType(postType).edit)
}

// CanEditPost reports whether u may edit p (edit_post).
func CanEditPost(u *User, p *Post) bool { return canOnPost(u, "edit_post", p) }

// CanDeletePost reports whether u may delete or trash p (delete_post).
func CanDeletePost(u *User, p *Post) bool { return canOnPost(u, "delete_post", p) }

// CanReadPost reports whether u (nil: a visitor) may read p (read_post).
func CanReadPost(u *User, p *Post) bool { return canOnPost(u, "read_post", p) }

// CanPublish reports whether u may publish posts of postType, make them
// private or protect them with a password (publish_posts, publish_pages).
func CanPublish(u *User, postType string) bool {
	return u.HasCap(capsForType(postType).publish)
}

// CanEditOthersPosts reports whether u may edit other users' posts of
// postType, and so write posts in another author's name
// (edit_others_posts, edit_others_pages).
func CanEditOthersPosts(u *User, postType string) bool {
	return u.HasCap(capsForType(postType).editOthers)
}

// CanReadPrivatePosts reports whether u may read others' private posts of
// postType (read_private_posts).
func CanReadPrivatePosts(u *User, postType string) bool {
	return u.HasCap(capsForType(postType).readPrivate)
}

// StickyRule says who may make a post sticky, where WordPress differs.
type StickyRule int

const (
	// StickyByEditorsWhoPublish: edit_others_posts and publish_posts, as
	// XML-RPC's _toggle_sticky asks and REST's sticky action link shows.
	StickyByEditorsWhoPublish StickyRule = iota
	// StickyByEditorsOrPublishers: edit_others_posts or publish_posts, as
	// the REST controllers' create and update checks ask.
	StickyByEditorsOrPublishers
)

// CanStick reports whether u may make posts of postType sticky under rule.
func CanStick(u *User, postType string, rule StickyRule) bool {
	c := capsForType(postType)
	if rule == StickyByEditorsOrPublishers {
		return u.HasCap(c.editOthers) || u.HasCap(c.publish)
	}
	return u.HasCap(c.editOthers) && u.HasCap(c.publish)
}

// CanChangePrivacyPolicyPage reports whether u may edit or delete the
// site's privacy policy page, which map_meta_cap guards with
// manage_privacy_options (manage_options) on top of edit_post.
func CanChangePrivacyPolicyPage(u *User) bool { return CanManageOptions(u) }

// CanPostUnfilteredHTML reports whether u's HTML is stored unfiltered
// (unfiltered_html).
func CanPostUnfilteredHTML(u *User) bool { return u.HasCap("unfiltered_html") }

// CanModerateComments reports whether u may moderate every comment
// (moderate_comments).
func CanModerateComments(u *User) bool { return u.HasCap("moderate_comments") }

// CanEditComment reports whether u may edit or moderate c, whose post is
// post (nil when it is gone): edit_comment as map_meta_cap resolves it.
func CanEditComment(u *User, c *Comment, post *Post) bool {
	if u == nil || c == nil {
		return false
	}
	if post == nil {
		return u.HasCap("edit_posts")
	}
	return CanEditPost(u, post)
}

// TermCreateRule says who may create a term, where WordPress differs.
type TermCreateRule int

const (
	// TermsByEditors: the taxonomy's edit_terms, as wp_insert_term's
	// callers in XML-RPC's term methods ask.
	TermsByEditors TermCreateRule = iota
	// FlatTermsByAssigners also lets those who may assign terms create
	// terms of a flat taxonomy (tags), as the REST API does and as posts
	// written over XML-RPC do for the tags they name.
	FlatTermsByAssigners
)

// CanCreateTerm reports whether u may create terms in t under rule.
func CanCreateTerm(u *User, t Taxonomy, rule TermCreateRule) bool {
	if CanOnTaxonomy(u, TermCapEdit, t) {
		return true
	}
	return rule == FlatTermsByAssigners && !t.Hierarchical && CanOnTaxonomy(u, TermCapAssign, t)
}

// CanEditTerm reports whether u may edit t (edit_term).
func CanEditTerm(u *User, t *Term) bool { return canOnTerm(u, "edit_term", t, 0) }

// CanDeleteTerm reports whether u may delete t (delete_term); nobody may
// delete the site's default category (defaultCategory).
func CanDeleteTerm(u *User, t *Term, defaultCategory uint64) bool {
	return canOnTerm(u, "delete_term", t, defaultCategory)
}

// CanAssignTerm reports whether u may give posts the term t (assign_term).
func CanAssignTerm(u *User, t *Term) bool { return canOnTerm(u, "assign_term", t, 0) }

// CanEditUser reports whether actor may edit target's profile (edit_user):
// everyone their own, administrators anyone, others with edit_users anyone
// but administrators.
func CanEditUser(actor, target *User) bool { return canOnUser(actor, "edit_user", target) }

// CanEditUserWithID is CanEditUser for the user id, whose user (target) may
// not exist: WordPress then asks what it asks for any other user (the actor
// themselves, or edit_users), so only those who may edit others learn that
// no user has the id.
func CanEditUserWithID(actor *User, id uint64, target *User) bool {
	if target != nil {
		return CanEditUser(actor, target)
	}
	return actor != nil && (actor.ID == id || CanEditUsers(actor))
}

// CanDeleteUser reports whether actor may delete target (delete_user).
func CanDeleteUser(actor, target *User) bool { return canOnUser(actor, "delete_user", target) }

// CanPromoteUser reports whether actor may change target's role
// (promote_user).
func CanPromoteUser(actor, target *User) bool { return canOnUser(actor, "promote_user", target) }

// CanGiveRole reports whether actor may give the user with id targetID the
// role, beyond CanPromoteUser: nobody may take from themselves the power to
// edit users (check_role_update).
func CanGiveRole(actor *User, targetID uint64, role string) bool {
	return actor == nil || actor.ID != targetID || RoleCaps(role)["edit_users"]
}

// CanReadUser reports whether actor may see target's private fields
// (themselves, or list_users).
func CanReadUser(actor, target *User) bool { return canOnUser(actor, "read_user", target) }

// CanListUsers reports whether u may list every user (list_users).
func CanListUsers(u *User) bool { return u.HasCap("list_users") }

// CanCreateUsers reports whether u may create users (create_users).
func CanCreateUsers(u *User) bool { return u.HasCap("create_users") }

// CanEditUsers reports whether u may edit other users at all (edit_users):
// the administrators' pages and other users' application passwords.
func CanEditUsers(u *User) bool { return u.HasCap("edit_users") }

// CanEditThemeOptions reports whether u may change the theme's options and
// global styles (edit_theme_options).
func CanEditThemeOptions(u *User) bool { return u.HasCap("edit_theme_options") }

// CanEditCSS reports whether u may edit custom CSS (edit_css, which
// map_meta_cap resolves on a single site to edit_theme_options with
// unfiltered_html).
func CanEditCSS(u *User) bool { return CanEditThemeOptions(u) && CanPostUnfilteredHTML(u) }

// CanExport reports whether u may export the site's content (export).
func CanExport(u *User) bool { return u.HasCap("export") }

// CanManagePlugins reports whether u may list and manage plugins
// (activate_plugins).
func CanManagePlugins(u *User) bool { return u.HasCap("activate_plugins") }

// CanManageOptions reports whether u may read and change the site's
// settings (manage_options).
func CanManageOptions(u *User) bool { return u.HasCap("manage_options") }
