package xmlrpc

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/presspass/presspass/models"
)

// This file turns posts into the structs WordPress's XML-RPC methods
// return: wp.getPost's, metaWeblog's, blogger's and the page methods'.

// author returns a post's author, looked up once per request.
func (c *Call) author(id uint64) *models.User {
	if c.authors == nil {
		c.authors = make(map[uint64]*models.User)
	}
	if u, ok := c.authors[id]; ok {
		return u
	}
	u, err := c.srv.store.UserByID(c.ctx, id)
	if err != nil {
		u = &models.User{ID: id}
	}
	c.authors[id] = u
	return u
}

// canEditPost is models.CanEditPost with map_meta_cap's rule for the
// site's privacy policy page.
func (c *Call) canEditPost(u *models.User, p *models.Post) bool {
	return models.CanEditPost(u, p) && c.mayChangeIfPrivacyPage(u, p)
}

// canDeletePost is models.CanDeletePost with the same rule.
func (c *Call) canDeletePost(u *models.User, p *models.Post) bool {
	return models.CanDeletePost(u, p) && c.mayChangeIfPrivacyPage(u, p)
}

func (c *Call) mayChangeIfPrivacyPage(u *models.User, p *models.Post) bool {
	return !c.srv.store.IsPrivacyPolicyPage(c.ctx, p.ID) || models.CanChangePrivacyPolicyPage(u)
}

// postTermsOf returns a post's terms of every taxonomy, ordered by name.
func (c *Call) postTermsOf(p *models.Post) ([]models.Term, error) {
	if terms, ok := c.termsByPost[p.ID]; ok || c.termsByPost != nil {
		return terms, nil
	}
	m, err := c.srv.store.PostTerms(c.ctx, []uint64{p.ID}, "")
	if err != nil {
		return nil, err
	}
	return m[p.ID], nil
}

// postCategories returns a post's category ids and names, ordered by name
// (wp_get_post_categories).
func (c *Call) postCategories(p *models.Post) ([]int64, []string, error) {
	if p.Type != "post" {
		return nil, nil, nil
	}
	terms, err := c.postTermsOf(p)
	if err != nil {
		return nil, nil, err
	}
	var ids []int64
	var names []string
	for _, t := range terms {
		if t.Taxonomy == "category" {
			ids = append(ids, int64(t.ID))
			names = append(names, t.Name)
		}
	}
	return ids, names, nil
}

// postTags returns the names of a post's tags joined as mt_keywords.
func (c *Call) postTags(p *models.Post) (string, error) {
	if p.Type != "post" {
		return "", nil
	}
	terms, err := c.postTermsOf(p)
	if err != nil {
		return "", err
	}
	var names []string
	for _, t := range terms {
		if t.Taxonomy == "post_tag" {
			names = append(names, t.Name)
		}
	}
	return strings.Join(names, ", "), nil
}

// postTerms is the "terms" member of wp.getPost.
func (c *Call) postTerms(p *models.Post) (Value, error) {
	terms, err := c.postTermsOf(p)
	if err != nil {
		return Value{}, err
	}
	out := make([]Value, 0, len(terms))
	for i := range terms {
		out = append(out, prepareTerm(&terms[i]))
	}
	return Array(out...), nil
}

// localDate and gmtDate are WordPress's _convert_date and
// _convert_date_gmt: a floating (never fixed) GMT date is derived from the
// local one.
func localDate(t time.Time) Value { return Time(t) }

func (c *Call) gmtDate(gmt, local time.Time) Value {
	if gmt.IsZero() || gmt.Year() < 1000 {
		if local.IsZero() {
			return Time(time.Time{})
		}
		return Time(c.srv.store.LocalToGMT(c.ctx, local))
	}
	return Time(gmt)
}

func postFormat(p *models.Post) string {
	if p.Format == "" {
		return "standard"
	}
	return p.Format
}

// preparePost is WordPress's _prepare_post: post_id always, then the basic
// fields ("post" or names), terms and custom fields as asked.
func (c *Call) preparePost(p *models.Post, fields []string) (Value, error) {
	status := p.Status
	if status == "future" {
		status = "publish"
	}
	link := c.permalink(p)
	// The featured image costs a lookup: only when it is asked for.
	thumb := Array()
	if slices.Contains(fields, "post") || slices.Contains(fields, "post_thumbnail") {
		var err error
		if thumb, err = c.postThumbnail(p); err != nil {
			return Value{}, err
		}
	}
	basic := []Member{
		M("post_title", Str(p.Title)),
		M("post_date", localDate(p.Date)),
		M("post_date_gmt", c.gmtDate(p.DateGMT, p.Date)),
		M("post_modified", localDate(p.Modified)),
		M("post_modified_gmt", c.gmtDate(p.ModifiedGMT, p.Modified)),
		M("post_status", Str(status)),
		M("post_type", Str(p.Type)),
		M("post_name", Str(p.Slug)),
		M("post_author", Str(strconv.FormatUint(p.AuthorID, 10))),
		M("post_password", Str(p.Password)),
		M("post_excerpt", Str(p.Excerpt)),
		M("post_content", Str(p.Content)),
		M("post_parent", Str(strconv.FormatUint(p.ParentID, 10))),
		M("post_mime_type", Str(p.MimeType)),
		M("link", Str(link)),
		M("guid", Str(p.GUID)),
		M("menu_order", Int(int64(p.MenuOrder))),
		M("comment_status", Str(p.CommentStatus)),
		M("ping_status", Str(p.PingStatus)),
		M("sticky", Bool(p.Type == "post" && p.Sticky)),
		M("post_thumbnail", thumb),
		M("post_format", Str(postFormat(p))),
	}
	out := []Member{M("post_id", Str(strconv.FormatUint(p.ID, 10)))}
	if slices.Contains(fields, "post") {
		out = append(out, basic...)
	} else {
		for _, m := range basic {
			if slices.Contains(fields, m.Name) {
				out = append(out, m)
			}
		}
	}
	if slices.Contains(fields, "taxonomies") || slices.Contains(fields, "terms") {
		terms, err := c.postTerms(p)
		if err != nil {
			return Value{}, err
		}
		out = append(out, M("terms", terms))
	}
	if slices.Contains(fields, "custom_fields") {
		cf, err := c.customFieldsValue(p)
		if err != nil {
			return Value{}, err
		}
		out = append(out, M("custom_fields", cf))
	}
	if slices.Contains(fields, "enclosure") {
		out = append(out, M("enclosure", Struct()))
	}
	return Struct(out...), nil
}

var morePattern = regexp.MustCompile(`<!--more(.*?)?-->`)

// extended splits content at <!--more-->, as get_extended does.
func extended(content string) (main, more, moreText string) {
	if loc := morePattern.FindStringSubmatchIndex(content); loc != nil {
		main, more = content[:loc[0]], content[loc[1]:]
		if loc[2] >= 0 {
			moreText = content[loc[2]:loc[3]]
		}
	} else {
		main = content
	}
	return trimExtended(main), trimExtended(more), trimExtended(moreText)
}

// trimExtended reproduces get_extended's preg_replace('/^[\s]*(.*)[\s]*$/'):
// without the s flag it only applies to text whose content is a single
// line, which loses its surrounding whitespace.
func trimExtended(s string) string {
	t := strings.TrimLeft(s, " \t\n\r\f\v")
	if i := strings.IndexByte(t, '\n'); i >= 0 {
		if strings.TrimLeft(t[i:], " \t\n\r\f\v") != "" {
			return s
		}
		return t[:i]
	}
	return t
}

// mwPost is metaWeblog.getPost's struct; recent is metaWeblog.getRecentPosts'
// variant (postid as a string, members in its own order).
func (c *Call) mwPost(p *models.Post, recent bool) (Value, error) {
	link := c.permalink(p)
	_, cats, err := c.postCategories(p)
	if err != nil {
		return Value{}, err
	}
	keywords, err := c.postTags(p)
	if err != nil {
		return Value{}, err
	}
	customFields, err := c.customFieldsValue(p)
	if err != nil {
		return Value{}, err
	}
	main, more, moreText := extended(p.Content)
	author := c.author(p.AuthorID)
	status := p.Status
	if status == "future" {
		status = "publish"
	}
	openInt := func(s string) Value {
		if s == "open" {
			return Int(1)
		}
		return Int(0)
	}
	postid := Int(int64(p.ID))
	if recent {
		postid = Str(strconv.FormatUint(p.ID, 10))
	}
	sticky := Bool(p.Sticky && (!recent || p.Type == "post"))
	if cats == nil {
		cats = []string{}
	}
	out := []Member{
		M("dateCreated", localDate(p.Date)),
		M("userid", Str(strconv.FormatUint(p.AuthorID, 10))),
		M("postid", postid),
		M("description", Str(main)),
		M("title", Str(p.Title)),
		M("link", Str(link)),
		M("permaLink", Str(link)),
		M("categories", StrArray(cats)),
		M("mt_excerpt", Str(p.Excerpt)),
		M("mt_text_more", Str(more)),
		M("wp_more_text", Str(moreText)),
		M("mt_allow_comments", openInt(p.CommentStatus)),
		M("mt_allow_pings", openInt(p.PingStatus)),
		M("mt_keywords", Str(keywords)),
		M("wp_slug", Str(p.Slug)),
		M("wp_password", Str(p.Password)),
		M("wp_author_id", Str(strconv.FormatUint(author.ID, 10))),
		M("wp_author_display_name", Str(author.DisplayName)),
		M("date_created_gmt", c.gmtDate(p.DateGMT, p.Date)),
		M("post_status", Str(status)),
		M("custom_fields", customFields),
		M("wp_post_format", Str(postFormat(p))),
	}
	modified := []Member{
		M("date_modified", localDate(p.Modified)),
		M("date_modified_gmt", c.gmtDate(p.ModifiedGMT, p.Modified)),
	}
	if recent {
		out = append(out, modified...)
		out = append(out, M("sticky", sticky))
	} else {
		out = append(out, M("sticky", sticky))
		out = append(out, modified...)
	}
	out = append(out, M("wp_post_thumbnail", Int(int64(p.FeaturedMediaID))))
	return Struct(out...), nil
}

// bloggerPost is blogger.getPost's struct: title and category ids folded
// into the content.
func (c *Call) bloggerPost(p *models.Post) (Value, error) {
	ids, _, err := c.postCategories(p)
	if err != nil {
		return Value{}, err
	}
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = strconv.FormatInt(id, 10)
	}
	content := "<title>" + p.Title + "</title><category>" + strings.Join(parts, ",") + "</category>" + p.Content
	return Struct(
		M("userid", Str(strconv.FormatUint(p.AuthorID, 10))),
		M("dateCreated", localDate(p.Date)),
		M("content", Str(content)),
		M("postid", Str(strconv.FormatUint(p.ID, 10))),
	), nil
}

// preparePage is WordPress's _prepare_page.
func (c *Call) preparePage(p *models.Post) (Value, error) {
	link := c.permalink(p)
	main, more, _ := extended(p.Content)
	customFields, err := c.customFieldsValue(p)
	if err != nil {
		return Value{}, err
	}
	// A list loaded its parents' titles (a missing parent has none); a
	// single page looks its parent up.
	parentTitle := ""
	if title, ok := c.parentTitles[p.ParentID]; ok {
		parentTitle = title
	} else if p.ParentID != 0 && c.parentTitles == nil {
		if parent, err := c.srv.store.PostByID(c.ctx, p.ParentID); err == nil {
			parentTitle = parent.Title
		} else if !models.IsNotFound(err) {
			return Value{}, err
		}
	}
	openInt := func(s string) Value {
		if s == "open" {
			return Int(1)
		}
		return Int(0)
	}
	author := c.author(p.AuthorID)
	template := p.Template
	if template == "" {
		template = "default"
	}
	return Struct(
		M("dateCreated", localDate(p.Date)),
		M("userid", Str(strconv.FormatUint(p.AuthorID, 10))),
		M("page_id", Int(int64(p.ID))),
		M("page_status", Str(p.Status)),
		M("description", Str(main)),
		M("title", Str(p.Title)),
		M("link", Str(link)),
		M("permaLink", Str(link)),
		M("categories", Array()),
		M("excerpt", Str(p.Excerpt)),
		M("text_more", Str(more)),
		M("mt_allow_comments", openInt(p.CommentStatus)),
		M("mt_allow_pings", openInt(p.PingStatus)),
		M("wp_slug", Str(p.Slug)),
		M("wp_password", Str(p.Password)),
		M("wp_author", Str(author.DisplayName)),
		M("wp_page_parent_id", Int(int64(p.ParentID))),
		M("wp_page_parent_title", Str(parentTitle)),
		M("wp_page_order", Int(int64(p.MenuOrder))),
		M("wp_author_id", Str(strconv.FormatUint(author.ID, 10))),
		M("wp_author_display_name", Str(author.DisplayName)),
		M("date_created_gmt", c.gmtDate(p.DateGMT, p.Date)),
		M("custom_fields", customFields),
		M("wp_page_template", Str(template)),
	), nil
}

// postThumbnail is _prepare_post's post_thumbnail: the featured image as a
// media item, or an empty array when the post has none.
func (c *Call) postThumbnail(p *models.Post) (Value, error) {
	if p.FeaturedMediaID == 0 {
		return Array(), nil
	}
	if c.thumbs != nil {
		if m, ok := c.thumbs[p.FeaturedMediaID]; ok {
			return c.prepareMediaItem(m), nil
		}
		return Array(), nil
	}
	m, err := c.srv.store.MediaByID(c.ctx, p.FeaturedMediaID)
	if err != nil {
		if models.IsNotFound(err) {
			return Array(), nil
		}
		return Value{}, err
	}
	return c.prepareMediaItem(m), nil
}
