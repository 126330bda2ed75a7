package xmlrpc

import (
	"strconv"
	"strings"
	"time"

	"github.com/presspass/presspass/languages"
	"github.com/presspass/presspass/models"
)

// maxTitleBytes is the size of WordPress's post_title column (TEXT). A
// longer title fails in WordPress's database and is refused here the same
// way whatever PressPass's database would accept.
const maxTitleBytes = 65535

// postTypes are the post types the write methods accept.
var postTypes = map[string]bool{"post": true, "page": true}

// structDate reads a dateTime member as wp.newPost does: a value that is
// not a date (or not a dateTime at all) counts as absent.
func structDate(s Value, name string) (time.Time, bool, bool) {
	v, ok := s.Get(name)
	if !ok || v.Kind != KindDateTime || v.Time.IsZero() {
		return time.Time{}, false, false
	}
	return v.Time, v.HasZone, true
}

// applyDate sets the input's date from a GMT date (preferred) or a local
// one, as _insert_post's "timestamp voodoo" does. A zoned local date is
// converted, as iso8601_to_datetime does.
func applyDate(in *models.PostInput, s Value, gmtName, localName string) {
	if t, _, ok := structDate(s, gmtName); ok {
		gmt := t.UTC()
		in.DateGMT = &gmt
		return
	}
	if t, zoned, ok := structDate(s, localName); ok {
		if zoned {
			gmt := t.UTC()
			in.DateGMT = &gmt
			return
		}
		local := t
		in.Date = &local
	}
}

// validateBool is wp_validate_boolean: the string "false" is false.
func validateBool(v Value) bool {
	if v.Kind == KindString && strings.EqualFold(v.Str, "false") {
		return false
	}
	return v.Truthy()
}

// insertPost is WordPress's _insert_post, shared by wp.newPost and
// wp.editPost. existing is nil when creating.
func (c *Call) insertPost(u *models.User, content Value, existing *models.Post) (uint64, error) {
	postType := "post"
	if existing != nil {
		postType = existing.Type
	}
	if t, ok := memberString(content, "post_type"); ok {
		if existing == nil {
			postType = t
		} else if t != existing.Type {
			if !postTypes[t] {
				return 0, faultInvalidPostType
			}
			if !c.canEditPost(u, existing) {
				return 0, faultCannotEditPost
			}
			return 0, NewFault(401, languages.Mark("The post type may not be changed."))
		}
	}
	if !postTypes[postType] {
		return 0, faultInvalidPostType
	}
	if existing != nil {
		if !c.canEditPost(u, existing) {
			return 0, faultCannotEditPost
		}
	} else if !models.CanCreatePost(u, postType) {
		return 0, NewFault(401, languages.Mark("Sorry, you are not allowed to post on this site."))
	}

	in := models.PostInput{Type: postType}
	if v, ok := content.Get("if_not_modified_since"); ok && existing != nil && v.Kind == KindDateTime && !v.Time.IsZero() {
		// Checked again by the store inside the update, so a concurrent
		// edit between the caller's check and the write is caught too.
		since := v.Time
		in.IfNotModifiedSince = &since
	}
	status := "draft"
	if existing != nil {
		status = existing.Status
	}
	if s, ok := memberString(content, "post_status"); ok {
		status = s
	}
	switch status {
	case "draft", "pending":
	case "private":
		if !models.CanPublish(u, postType) {
			return 0, NewFault(401, languages.Mark("Sorry, you are not allowed to create private posts in this post type."))
		}
	case "publish", "future":
		if !models.CanPublish(u, postType) {
			return 0, NewFault(401, languages.Mark("Sorry, you are not allowed to publish posts in this post type."))
		}
	default:
		if !models.IsPostStatus(status) {
			status = "draft"
		}
	}
	in.Status = &status

	password, hasPassword := memberString(content, "post_password")
	if !hasPassword && existing != nil {
		password = existing.Password
	}
	if password != "" && !models.CanPublish(u, postType) {
		return 0, NewFault(401, languages.Mark("Sorry, you are not allowed to create password protected posts in this post type."))
	}
	if hasPassword {
		in.Password = &password
	}

	author := u.ID
	if existing != nil {
		author = existing.AuthorID
	}
	if n, ok := memberInt(content, "post_author"); ok && absint(n) != 0 {
		author = uint64(absint(n))
	}
	if author != u.ID {
		if !models.CanEditOthersPosts(u, postType) {
			return 0, NewFault(401, languages.Mark("Sorry, you are not allowed to create posts as this user."))
		}
		if _, err := c.srv.store.UserByID(c.ctx, author); err != nil {
			if models.IsNotFound(err) {
				return 0, NewFault(404, languages.Mark("Invalid author ID."))
			}
			return 0, err
		}
	}
	if existing == nil || author != existing.AuthorID {
		in.AuthorID = &author
	}

	for _, f := range []struct {
		name string
		dst  **string
	}{{"comment_status", &in.CommentStatus}, {"ping_status", &in.PingStatus}} {
		if s, ok := memberString(content, f.name); ok && (s == "open" || s == "closed") {
			v := s
			*f.dst = &v
		}
	}
	if existing == nil && in.CommentStatus == nil {
		// _insert_post first makes an auto-draft and then saves into it, so
		// wp_insert_post takes the new post for an update and closes its
		// comments when none were asked for (pings keep the default).
		closed := "closed"
		in.CommentStatus = &closed
	}
	applyDate(&in, content, "post_date_gmt", "post_date")

	if postType == "post" {
		sv, hasSticky := content.Get("sticky")
		if status == "private" || password != "" {
			if hasSticky && sv.Truthy() {
				return 0, NewFault(401, languages.Mark("Sorry, you cannot stick a private post."))
			}
			if existing != nil && existing.Sticky {
				off := false
				in.Sticky = &off
			}
		} else if hasSticky {
			if !models.CanStick(u, postType, models.StickyByEditorsWhoPublish) {
				return 0, NewFault(401, languages.Mark("Sorry, you are not allowed to make posts sticky."))
			}
			b := validateBool(sv)
			in.Sticky = &b
		}
	}

	if v, ok := content.Get("post_thumbnail"); ok {
		// An empty value removes the featured image; an existing post
		// becomes it when it is an image attachment, and anything else
		// removes it, as set_post_thumbnail does.
		var featured uint64
		if v.Truthy() {
			id := uint64(absint(v.AsInt()))
			if _, err := c.srv.store.PostByID(c.ctx, id); err != nil {
				if models.IsNotFound(err) {
					return 0, NewFault(404, languages.Mark("Invalid attachment ID."))
				}
				return 0, err
			}
			if c.srv.store.CanBeFeaturedMedia(c.ctx, id) {
				featured = id
			}
		}
		in.FeaturedMediaID = &featured
	}
	terms, err := c.resolveTerms(u, postType, content)
	if err != nil {
		return 0, err
	}
	if f, ok := memberString(content, "post_format"); ok {
		f = strings.ToLower(f)
		if !models.IsPostFormat(f) {
			f = "standard"
		}
		in.Format = &f
	}

	for _, f := range []struct {
		name string
		dst  **string
	}{{"post_title", &in.Title}, {"post_content", &in.Content}, {"post_excerpt", &in.Excerpt}, {"post_name", &in.Slug}} {
		if s, ok := memberString(content, f.name); ok {
			v := s
			*f.dst = &v
		}
	}
	if in.Title != nil && len(*in.Title) > maxTitleBytes {
		return 0, NewFault(500, languages.Mark("Could not update post in the database."))
	}
	if n, ok := memberInt(content, "post_parent"); ok {
		parent := uint64(absint(n))
		in.ParentID = &parent
	}
	// wp_insert_post keeps menu_order as given (an int, negative too).
	if n, ok := memberInt(content, "menu_order"); ok {
		order := int(n)
		in.MenuOrder = &order
	}
	fields, err := customFieldChanges(content)
	if err != nil {
		return 0, err
	}
	var p *models.Post
	if existing == nil {
		p, err = c.srv.store.CreatePost(c.ctx, u, in)
	} else {
		p, err = c.srv.store.UpdatePost(c.ctx, u, existing.ID, in)
	}
	if err != nil {
		return 0, postWriteFault(err, existing == nil)
	}
	if err := c.applyTerms(u, p, terms); err != nil {
		return p.ID, err
	}
	return p.ID, c.setCustomFields(u, p, fields)
}

// resolveTerms validates the terms and terms_names members as _insert_post
// does and returns the term ids to file the post under, by taxonomy. Names
// that do not exist yet are created (by users who may create terms); a
// name shared by several categories is ambiguous. Post formats are kept in
// the post's format, not as terms.
func (c *Call) resolveTerms(u *models.User, postType string, content Value) (map[string][]uint64, error) {
	out := map[string][]uint64{}
	check := func(name string) (models.Taxonomy, error) {
		tax, ok := models.TaxonomyByName(name)
		if !ok || !tax.SupportsPostType(postType) {
			return tax, NewFault(401, languages.Mark("Sorry, one of the given taxonomies is not supported by the post type."))
		}
		if !models.CanOnTaxonomy(u, models.TermCapAssign, tax) {
			return tax, NewFault(401, languages.Mark("Sorry, you are not allowed to assign a term to one of the given taxonomies."))
		}
		return tax, nil
	}
	if terms, ok := content.Get("terms"); ok && terms.Kind == KindStruct {
		for _, m := range terms.Members {
			tax, err := check(m.Name)
			if err != nil {
				return nil, err
			}
			ids := []uint64{}
			for _, v := range listItems(m.Value) {
				n := v.AsInt()
				if n <= 0 {
					return nil, NewFault(403, languages.Mark("Invalid term ID."))
				}
				if _, err := c.srv.store.TermInTaxonomy(c.ctx, tax.Name, uint64(n)); err != nil {
					if models.IsNotFound(err) {
						return nil, NewFault(403, languages.Mark("Invalid term ID."))
					}
					return nil, err
				}
				ids = append(ids, uint64(n))
			}
			out[tax.Name] = ids
		}
	}
	if names, ok := content.Get("terms_names"); ok && names.Kind == KindStruct {
		for _, m := range names.Members {
			tax, err := check(m.Name)
			if err != nil {
				return nil, err
			}
			ids := out[tax.Name]
			if ids == nil {
				ids = []uint64{}
			}
			for _, v := range listItems(m.Value) {
				name, _ := v.AsString()
				id, err := c.termIDByName(u, tax, name)
				if err != nil {
					return nil, err
				}
				ids = append(ids, id)
			}
			out[tax.Name] = ids
		}
	}
	delete(out, "post_format")
	return out, nil
}

// listItems returns an array's items, or a struct's values (PHP arrays).
func listItems(v Value) []Value {
	if v.Kind == KindStruct {
		out := make([]Value, len(v.Members))
		for i, m := range v.Members {
			out[i] = m.Value
		}
		return out
	}
	return v.Array
}

// termIDByName finds a term by name, creating it when it does not exist and
// the user may create terms.
func (c *Call) termIDByName(u *models.User, tax models.Taxonomy, name string) (uint64, error) {
	found, _, err := c.srv.store.Terms(c.ctx, models.TermFilter{Taxonomy: tax.Name, Names: []string{name}, OrderBy: "id"})
	if err != nil {
		return 0, err
	}
	if tax.Hierarchical && len(found) > 1 {
		return 0, NewFault(401, languages.Mark("Ambiguous term name used in a hierarchical taxonomy. Please use term ID instead."))
	}
	if len(found) > 0 {
		return found[0].ID, nil
	}
	if !models.CanOnTaxonomy(u, models.TermCapEdit, tax) {
		return 0, NewFault(401, languages.Mark("Sorry, you are not allowed to add a term to one of the given taxonomies."))
	}
	t, err := c.srv.store.CreateTerm(c.ctx, u, models.TermInput{Taxonomy: tax.Name, Name: &name})
	if err != nil {
		return 0, termFault(err)
	}
	return t.ID, nil
}

// applyTerms files a saved post under the resolved terms, each taxonomy's
// list replacing what the post had (wp_set_post_terms): an empty category
// list leaves the post without a category, as in WordPress. A new post
// starts in the default category (CreatePost).
func (c *Call) applyTerms(u *models.User, p *models.Post, terms map[string][]uint64) error {
	if p.Type != "post" {
		return nil
	}
	for _, tax := range models.TaxonomiesForPostType(p.Type) {
		ids, ok := terms[tax.Name]
		if !ok {
			continue
		}
		if err := c.srv.store.SetObjectTerms(c.ctx, u, p.ID, tax.Name, ids); err != nil {
			return err
		}
	}
	return nil
}

// trashOrDelete is wp_delete_post without force: content goes to the trash,
// and what is already there is deleted for good.
func (c *Call) trashOrDelete(u *models.User, p *models.Post) error {
	var err error
	if p.Type == "attachment" {
		// Attachments have no trash (WordPress without MEDIA_TRASH):
		// the attachment and its file go at once.
		_, err = c.srv.store.DeleteMedia(c.ctx, u, p.ID)
		return err
	}
	if p.Status == "trash" {
		_, err = c.srv.store.DeletePost(c.ctx, u, p.ID)
	} else {
		_, err = c.srv.store.TrashPost(c.ctx, u, p.ID)
	}
	return err
}

func idString(id uint64) Value { return Str(strconv.FormatUint(id, 10)) }
