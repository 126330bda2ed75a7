package xmlrpc

import (
	"github.com/presspass/presspass/languages"
	"github.com/presspass/presspass/models"
)

// The page methods of the WordPress API (wp.getPage & co.), which predate
// wp.getPost and keep their own argument orders and structs.

// pageStatuses is get_page_statuses().
var pageStatuses = []Member{M("draft", Str("Draft")), M("private", Str("Private")), M("publish", Str("Published"))}

// postStatuses is get_post_statuses().
var postStatuses = []Member{M("draft", Str("Draft")), M("pending", Str("Pending Review")), M("private", Str("Private")), M("publish", Str("Published"))}

// wpGetPage(blog, page_id, username, password).
func wpGetPage(c *Call, p Params) (Value, error) {
	id, u, err := c.idAndLogin(p, 1, 2)
	if err != nil {
		return Value{}, err
	}
	page, err := c.postWithCap(u, id, c.canEditPost, faultNoSuchPost, NewFault(401, languages.Mark("Sorry, you are not allowed to edit this page.")))
	if err != nil {
		return Value{}, err
	}
	if page.Type != "page" {
		return Value{}, faultNoSuchPage
	}
	return c.preparePage(page)
}

// wpGetPages(blog, username, password[, number]): the newest pages of any
// status but trash, those the user may edit.
func wpGetPages(c *Call, p Params) (Value, error) {
	n := int64(10)
	if p.Has(3) {
		var err error
		if n, err = p.Int(3); err != nil {
			return Value{}, err
		}
	}
	u, err := c.loginCan(p, editsPages, NewFault(401, languages.Mark("Sorry, you are not allowed to edit pages.")))
	if err != nil {
		return Value{}, err
	}
	f := models.PostFilter{Types: []string{"page"}, Statuses: anyStatuses, Limit: int(n)}
	if n <= 0 {
		f.Limit = c.srv.store.OptionInt(c.ctx, "posts_per_page")
	}
	pages, _, err := c.srv.store.Posts(c.ctx, f)
	if err != nil {
		return Value{}, err
	}
	if err := c.preloadCustomFields(u, pages); err != nil {
		return Value{}, err
	}
	c.prefetchLinks(pages)
	defer c.forgetPrefetched()
	if err := c.prefetchParentTitles(pages); err != nil {
		return Value{}, err
	}
	out := make([]Value, 0, len(pages))
	for i := range pages {
		if !c.canEditPost(u, &pages[i]) {
			continue
		}
		v, err := c.preparePage(&pages[i])
		if err != nil {
			return Value{}, err
		}
		out = append(out, v)
	}
	return Array(out...), nil
}

// wpNewPage(blog, username, password, content, publish): metaWeblog.newPost
// for a page.
func wpNewPage(c *Call, p Params) (Value, error) {
	u, err := c.login(p, 1, 2)
	if err != nil {
		return Value{}, err
	}
	content := p.Struct(3)
	content.set("post_type", Str("page"))
	return c.mwNewPost(u, content, p.Bool(4))
}

// wpDeletePage(blog, username, password, page_id).
func wpDeletePage(c *Call, p Params) (Value, error) {
	id, u, err := c.idAndLogin(p, 3, 1)
	if err != nil {
		return Value{}, err
	}
	page, err := c.postOrNotFound(id, faultNoSuchPage)
	if err != nil {
		return Value{}, err
	}
	if page.Type != "page" {
		return Value{}, faultNoSuchPage
	}
	if !c.canDeletePost(u, page) {
		return Value{}, NewFault(401, languages.Mark("Sorry, you are not allowed to delete this page."))
	}
	if err := c.trashOrDelete(u, page); err != nil {
		return Value{}, deleteFault(err, languages.Mark("Failed to delete the page."))
	}
	return Bool(true), nil
}

// wpEditPage(blog, page_id, username, password, content, publish).
func wpEditPage(c *Call, p Params) (Value, error) {
	id, u, err := c.idAndLogin(p, 1, 2)
	if err != nil {
		return Value{}, err
	}
	page, err := c.postOrNotFound(id, faultNoSuchPage)
	if err != nil {
		return Value{}, err
	}
	if page.Type != "page" {
		return Value{}, faultNoSuchPage
	}
	if !c.canEditPost(u, page) {
		return Value{}, NewFault(401, languages.Mark("Sorry, you are not allowed to edit this page."))
	}
	content := p.Struct(4)
	content.set("post_type", Str("page"))
	return c.mwEditPost(u, page, content, p.Bool(5))
}

// allStatuses lists every status, for wp.getPageList's unfiltered query.
var allStatuses = []string{"publish", "future", "draft", "pending", "private", "trash", "auto-draft", "inherit"}

// wpGetPageList(blog, username, password): every page row by id.
func wpGetPageList(c *Call, p Params) (Value, error) {
	if _, err := c.loginCan(p, editsPages, NewFault(401, languages.Mark("Sorry, you are not allowed to edit pages."))); err != nil {
		return Value{}, err
	}
	pages, _, err := c.srv.store.Posts(c.ctx, models.PostFilter{Types: []string{"page"}, Statuses: allStatuses, OrderBy: "id", Order: "asc"})
	if err != nil {
		return Value{}, err
	}
	out := make([]Value, 0, len(pages))
	for _, pg := range pages {
		out = append(out, Struct(
			M("page_id", idString(pg.ID)),
			M("page_title", Str(pg.Title)),
			M("page_parent_id", idString(pg.ParentID)),
			M("dateCreated", localDate(pg.Date)),
			M("date_created_gmt", c.gmtDate(pg.DateGMT, pg.Date)),
		))
	}
	return Array(out...), nil
}

// wpGetPageStatusList(blog, username, password).
func wpGetPageStatusList(c *Call, p Params) (Value, error) {
	if _, err := c.loginCan(p, editsPages, faultSiteDetails); err != nil {
		return Value{}, err
	}
	return Struct(pageStatuses...), nil
}

// wpGetPostStatusList(blog, username, password).
func wpGetPostStatusList(c *Call, p Params) (Value, error) {
	if _, err := c.loginCan(p, editsPosts, faultSiteDetails); err != nil {
		return Value{}, err
	}
	return Struct(postStatuses...), nil
}
