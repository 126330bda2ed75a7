package xmlrpc

import (
	"slices"
	"strings"

	"github.com/presspass/presspass/languages"
	"github.com/presspass/presspass/models"
)

// defaultPostFields is what wp.getPost(s) return without a fields list.
var defaultPostFields = []string{"post", "terms", "custom_fields"}

// recentStatuses are wp_get_recent_posts' default statuses.
var recentStatuses = []string{"draft", "publish", "future", "pending", "private"}

// anyStatuses is WP_Query's post_status "any": everything but the trash and
// auto-drafts.
var anyStatuses = []string{"publish", "future", "draft", "pending", "private", "inherit"}

// postOrNotFound loads a post, answering a missing one with fault.
func (c *Call) postOrNotFound(id uint64, fault *Fault) (*models.Post, error) {
	p, err := c.srv.store.PostByID(c.ctx, id)
	if err != nil {
		if models.IsNotFound(err) {
			return nil, fault
		}
		return nil, err
	}
	return p, nil
}

// postWithCap loads a post (notFound when missing) and asks allowed
// whether u may act on it (denied if not), the lookup most post methods
// start with.
func (c *Call) postWithCap(u *models.User, id uint64, allowed func(*models.User, *models.Post) bool, notFound, denied *Fault) (*models.Post, error) {
	post, err := c.postOrNotFound(id, notFound)
	if err != nil {
		return nil, err
	}
	if !allowed(u, post) {
		return nil, denied
	}
	return post, nil
}

// editablePost is postWithCap's most common form: the post by id
// (WordPress's "Invalid post ID." when missing) and the edit_post check.
func (c *Call) editablePost(u *models.User, id uint64) (*models.Post, error) {
	return c.postWithCap(u, id, c.canEditPost, faultNoSuchPost, faultCannotEditPost)
}

// idAndLogin reads the object id at argument idArg, then logs in with the
// username and password at userArg and userArg+1. WordPress reads its
// arguments before it logs in, so a malformed id is reported first.
func (c *Call) idAndLogin(p Params, idArg, userArg int) (uint64, *models.User, error) {
	id, err := p.ID(idArg)
	if err != nil {
		return 0, nil, err
	}
	u, err := c.login(p, userArg, userArg+1)
	if err != nil {
		return 0, nil, err
	}
	return id, u, nil
}

// idFieldsAndLogin reads (blog, username, password, post_id[, fields]),
// the arguments of wp.getPost and wp.getRevisions, in WordPress's order:
// at least four, the id, the fields (defaults when absent), then the login.
func (c *Call) idFieldsAndLogin(p Params, defaults []string) (uint64, []string, *models.User, error) {
	if err := p.Min(4); err != nil {
		return 0, nil, nil, err
	}
	id, err := p.ID(3)
	if err != nil {
		return 0, nil, nil, err
	}
	fields, err := p.Fields(4, defaults...)
	if err != nil {
		return 0, nil, nil, err
	}
	u, err := c.login(p, 1, 2)
	if err != nil {
		return 0, nil, nil, err
	}
	return id, fields, u, nil
}

// loginCan logs in with the username and password at WordPress's usual
// positions (1 and 2) and refuses, with the method's own fault, a user whom
// allowed (a models predicate) refuses.
func (c *Call) loginCan(p Params, allowed func(*models.User) bool, refused *Fault) (*models.User, error) {
	u, err := c.login(p, 1, 2)
	if err != nil {
		return nil, err
	}
	if !allowed(u) {
		return nil, refused
	}
	return u, nil
}

// The gates of methods that need no particular object, as models decides
// them.
func editsPosts(u *models.User) bool     { return models.CanEditPosts(u, "post") }
func editsPages(u *models.User) bool     { return models.CanEditPosts(u, "page") }
func publishesPosts(u *models.User) bool { return models.CanPublish(u, "post") }
func createsCategories(u *models.User) bool {
	category, _ := models.TaxonomyByName("category")
	return models.CanCreateTerm(u, category, models.TermsByEditors)
}

// loginEditablePost is how the methods that read or change one post
// start: idAndLogin, then editablePost.
func (c *Call) loginEditablePost(p Params, idArg, userArg int) (*models.User, *models.Post, error) {
	id, u, err := c.idAndLogin(p, idArg, userArg)
	if err != nil {
		return nil, nil, err
	}
	post, err := c.editablePost(u, id)
	if err != nil {
		return nil, nil, err
	}
	return u, post, nil
}

// wpNewPost(blog, username, password, content).
func wpNewPost(c *Call, p Params) (Value, error) {
	if err := p.Min(4); err != nil {
		return Value{}, err
	}
	u, err := c.login(p, 1, 2)
	if err != nil {
		return Value{}, err
	}
	id, err := c.insertPost(u, p.Struct(3), nil)
	if err != nil {
		return Value{}, err
	}
	return idString(id), nil
}

// wpEditPost(blog, username, password, post_id, content).
func wpEditPost(c *Call, p Params) (Value, error) {
	if err := p.Min(5); err != nil {
		return Value{}, err
	}
	id, u, err := c.idAndLogin(p, 3, 1)
	if err != nil {
		return Value{}, err
	}
	content := p.Struct(4)
	post, err := c.postOrNotFound(id, faultNoSuchPost)
	if err != nil {
		return Value{}, err
	}
	if v, ok := content.Get("if_not_modified_since"); ok && v.Kind == KindDateTime && !v.Time.IsZero() {
		// IXR_Date::getTimestamp reads the wall clock as UTC.
		if post.ModifiedGMT.Unix() > v.Time.Unix() {
			return Value{}, NewFault(409, languages.Mark("There is a revision of this post that is more recent."))
		}
	}
	if _, err := c.insertPost(u, content, post); err != nil {
		return Value{}, err
	}
	return Bool(true), nil
}

// wpDeletePost(blog, username, password, post_id).
func wpDeletePost(c *Call, p Params) (Value, error) {
	if err := p.Min(4); err != nil {
		return Value{}, err
	}
	id, u, err := c.idAndLogin(p, 3, 1)
	if err != nil {
		return Value{}, err
	}
	post, err := c.postWithCap(u, id, c.canDeletePost, faultNoSuchPost, NewFault(401, languages.Mark("Sorry, you are not allowed to delete this post.")))
	if err != nil {
		return Value{}, err
	}
	if err := c.trashOrDelete(u, post); err != nil {
		return Value{}, deleteFault(err, languages.Mark("Sorry, the post could not be deleted."))
	}
	return Bool(true), nil
}

// deleteFault answers a failed delete; message is marked by the caller.
func deleteFault(err error, message string) error {
	if models.ErrorKind(err) == models.KindForbidden {
		return faultCoded(401, err)
	}
	if k := models.ErrorKind(err); k == models.KindInternal || k == models.KindUnavailable {
		return err
	}
	return NewFault(500, message)
}

// wpGetPost(blog, username, password, post_id[, fields]).
func wpGetPost(c *Call, p Params) (Value, error) {
	id, fields, u, err := c.idFieldsAndLogin(p, defaultPostFields)
	if err != nil {
		return Value{}, err
	}
	post, err := c.editablePost(u, id)
	if err != nil {
		return Value{}, err
	}
	return c.preparePost(post, fields)
}

// wpGetPosts(blog, username, password[, filter[, fields]]): filter keys
// post_type, post_status, number, offset, orderby, order, s.
func wpGetPosts(c *Call, p Params) (Value, error) {
	if err := p.Min(3); err != nil {
		return Value{}, err
	}
	filter := p.Struct(3)
	fields, err := p.Fields(4, defaultPostFields...)
	if err != nil {
		return Value{}, err
	}
	u, err := c.login(p, 1, 2)
	if err != nil {
		return Value{}, err
	}
	postType := "post"
	if t, ok := memberString(filter, "post_type"); ok {
		if !postTypes[t] {
			return Value{}, faultInvalidPostType
		}
		postType = t
	}
	if !models.CanEditPosts(u, postType) {
		return Value{}, NewFault(401, languages.Mark("Sorry, you are not allowed to edit posts in this post type."))
	}
	f := models.PostFilter{Types: []string{postType}, Statuses: recentStatuses, Limit: c.srv.store.OptionInt(c.ctx, "posts_per_page")}
	if s, ok := memberString(filter, "post_status"); ok {
		f.Statuses = parseStatuses(s)
	}
	if n, ok := memberInt(filter, "number"); ok && absint(n) > 0 {
		f.Limit = absint(n)
	}
	if f.Limit <= 0 {
		f.Limit = 10
	}
	if n, ok := memberInt(filter, "offset"); ok {
		f.Offset = absint(n)
	}
	if ob, ok := memberString(filter, "orderby"); ok {
		f.OrderBy = ob
		if o, ok := memberString(filter, "order"); ok {
			f.Order = o
		}
	}
	if s, ok := memberString(filter, "s"); ok {
		f.Search = s
	}
	posts, _, err := c.srv.store.Posts(c.ctx, f)
	if err != nil {
		return Value{}, err
	}
	if slices.Contains(fields, "custom_fields") {
		if err := c.preloadCustomFields(u, posts); err != nil {
			return Value{}, err
		}
	}
	if err := c.prefetchPosts(posts, fields); err != nil {
		return Value{}, err
	}
	defer c.forgetPrefetched()
	out := make([]Value, 0, len(posts))
	for i := range posts {
		if !c.canEditPost(u, &posts[i]) {
			continue
		}
		v, err := c.preparePost(&posts[i], fields)
		if err != nil {
			return Value{}, err
		}
		out = append(out, v)
	}
	return Array(out...), nil
}

// parseStatuses reads WP_Query's post_status: a comma-separated list or
// "any".
func parseStatuses(s string) []string {
	var out []string
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		switch {
		case part == "any":
			out = append(out, anyStatuses...)
		case part != "":
			out = append(out, part)
		}
	}
	if len(out) == 0 {
		return recentStatuses
	}
	return out
}

// recentPosts is wp_get_recent_posts: the newest posts of any editable
// status; number 0 means the site's posts_per_page.
func (c *Call) recentPosts(number int) ([]models.Post, error) {
	if number <= 0 {
		number = c.srv.store.OptionInt(c.ctx, "posts_per_page")
		if number <= 0 {
			number = 10
		}
	}
	posts, _, err := c.srv.store.Posts(c.ctx, models.PostFilter{Types: []string{"post"}, Statuses: recentStatuses, Limit: number})
	return posts, err
}
