package models

// This file maps WordPress's meta capabilities (edit_post, delete_user, …)
// to the primitive capabilities roles grant, as WordPress's map_meta_cap()
// does. Adapters ask through the named predicates of permissions.go.

// postTypeCaps names the primitive capabilities of a post type.
type postTypeCaps struct {
	edit, editOthers, editPublished, editPrivate         string
	delete, deleteOthers, deletePublished, deletePrivate string
	publish, readPrivate                                 string
	// read is what reading a published post takes ("" or "read": anyone).
	read string
	// create is create_posts; "" means the type's edit capability.
	create string
}

var postCaps = postTypeCaps{
	"edit_posts", "edit_others_posts", "edit_published_posts", "edit_private_posts",
	"delete_posts", "delete_others_posts", "delete_published_posts", "delete_private_posts",
	"publish_posts", "read_private_posts", "read", "",
}

var pageCaps = postTypeCaps{
	"edit_pages", "edit_others_pages", "edit_published_pages", "edit_private_pages",
	"delete_pages", "delete_others_pages", "delete_published_pages", "delete_private_pages",
	"publish_pages", "read_private_pages", "read", "",
}

// capsForType returns the capability names used for a post type; attachments
// and revisions borrow the post capabilities as WordPress does.
func capsForType(postType string) postTypeCaps {
	switch postType {
	case "page":
		return pageCaps
	case "post", "attachment", "revision", "":
		return postCaps
	}
	if t, ok := PostTypeByName(postType); ok {
		c := func(name string) string { return primitiveCap(t.Cap.String(name)) }
		return postTypeCaps{
			c("edit_posts"), c("edit_others_posts"), c("edit_published_posts"), c("edit_private_posts"),
			c("delete_posts"), c("delete_others_posts"), c("delete_published_posts"), c("delete_private_posts"),
			c("publish_posts"), c("read_private_posts"), c("read"), c("create_posts"),
		}
	}
	return postCaps
}

// PostTypeCap returns the primitive capability of a post type for a generic
// action: "edit", "edit_others", "publish", "read_private", "delete",
// "delete_others", "create".
func PostTypeCap(postType, action string) string {
	c := capsForType(postType)
	switch action {
	case "create":
		if c.create != "" {
			return c.create
		}
		return c.edit
	case "edit":
		return c.edit
	case "edit_others":
		return c.editOthers
	case "edit_published":
		return c.editPublished
	case "edit_private":
		return c.editPrivate
	case "publish":
		return c.publish
	case "read_private":
		return c.readPrivate
	case "delete":
		return c.delete
	case "delete_others":
		return c.deleteOthers
	case "delete_published":
		return c.deletePublished
	case "delete_private":
		return c.deletePrivate
	}
	return "do_not_allow"
}

// canOnPost resolves a post meta capability ("edit_post", "delete_post",
// "read_post", "publish_post") for user on p. A nil user is a visitor.
func canOnPost(u *User, cap string, p *Post) bool {
	if p == nil {
		return false
	}
	c := capsForType(p.Type)
	own := u != nil && p.AuthorID == u.ID
	switch cap {
	case "read_post":
		switch p.Status {
		case "publish", "inherit":
			if c.read != "" && c.read != "read" {
				return u.HasCap(c.read)
			}
			return true
		case "private":
			if own {
				return u.HasCap("read")
			}
			return u.HasCap(c.readPrivate)
		case "trash":
			return canOnPost(u, "edit_post", p)
		default:
			return canOnPost(u, "edit_post", p)
		}
	case "edit_post":
		if u == nil {
			return false
		}
		if own {
			switch p.Status {
			case "publish", "future":
				return u.HasCap(c.editPublished)
			case "private":
				return u.HasCap(c.editPrivate) || u.HasCap(c.editPublished)
			case "trash":
				return u.HasCap(c.editPublished) || u.HasCap(c.edit)
			default:
				return u.HasCap(c.edit)
			}
		}
		if !u.HasCap(c.editOthers) {
			return false
		}
		switch p.Status {
		case "publish", "future":
			return u.HasCap(c.editPublished)
		case "private":
			return u.HasCap(c.editPrivate)
		}
		return true
	case "delete_post":
		if u == nil {
			return false
		}
		if own {
			switch p.Status {
			case "publish", "future":
				return u.HasCap(c.deletePublished)
			case "private":
				return u.HasCap(c.deletePrivate)
			case "trash":
				return u.HasCap(c.deletePublished) || u.HasCap(c.delete)
			default:
				return u.HasCap(c.delete)
			}
		}
		if !u.HasCap(c.deleteOthers) {
			return false
		}
		switch p.Status {
		case "publish", "future":
			return u.HasCap(c.deletePublished)
		case "private":
			return u.HasCap(c.deletePrivate)
		}
		return true
	case "publish_post":
		return u != nil && u.HasCap(c.publish)
	}
	return false
}

// canOnUser resolves a user meta capability ("edit_user", "delete_user",
// "promote_user", "list_users", "read_user") for actor on target.
func canOnUser(actor *User, cap string, target *User) bool {
	if actor == nil || target == nil {
		return false
	}
	self := actor.ID == target.ID
	switch cap {
	case "edit_user":
		// Everyone may edit their own profile; editing others needs edit_users,
		// and only administrators may edit administrators.
		if self {
			return true
		}
		if target.Role == "administrator" && actor.Role != "administrator" {
			return false
		}
		return actor.HasCap("edit_users")
	case "delete_user":
		return actor.HasCap("delete_users")
	case "promote_user":
		return actor.HasCap("promote_users")
	case "remove_user":
		return actor.HasCap("remove_users")
	case "read_user":
		return self || actor.HasCap("list_users")
	}
	return false
}

// CanManageAppPasswords reports whether actor may list, create, edit or
// delete the application passwords of target (WordPress: edit_user on the
// target for every action).
func CanManageAppPasswords(actor, target *User) bool {
	return CanEditUser(actor, target)
}
