package site

import (
	"context"
	"fmt"
	"html/template"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/presspass/presspass/languages"
	"github.com/presspass/presspass/models"
)

// generator names the software in the pages' head; the apps read
// "WordPress" and its version from it.
const generator = "WordPress 6.9.7 (PressPass)"

// pageView is what every page template gets.
type pageView struct {
	// Locale is the site's language (the public site follows WPLANG, as
	// get_locale); Lang is the same as an HTML lang.
	Locale                           string
	Lang, SiteName, Tagline, SiteURL string
	// DocTitle is wp_get_document_title, already escaped.
	DocTitle   template.HTML
	Robots     string
	Generator  string
	BodyClass  string
	Alternates []alternate
	RESTLink   string
	Canonical  string
	ShortLink  string
	OpenGraph  [][2]string
	FeedURL    string
	Search     string
	User       *models.User

	// Heading is an archive's title; HeadingNote its description.
	Heading     template.HTML
	HeadingNote template.HTML
	Posts       []*postView
	Post        *postView
	Pagination  struct{ Newer, Older string }
	Discussion  *discussionView
}

// alternate is a <link rel="alternate"> of the head (feeds, oEmbed).
type alternate struct{ Type, Title, Href string }

// TypeAttr is the type attribute written as WordPress writes it: readers
// that find feeds with a plain text match look for "application/rss+xml",
// which html/template would spell with an entity.
func (a alternate) TypeAttr() template.HTMLAttr {
	return template.HTMLAttr(`type="` + escHTML(a.Type) + `"`)
}

// postView is one post as the templates show it.
type postView struct {
	ID                   uint64
	Type, Status         string
	Sticky               bool
	Title                template.HTML
	Link                 string
	Date, DateISO        string
	ShowDate             bool
	AuthorName           string
	AuthorLink           string
	Notice               string
	Content, Excerpt     template.HTML
	PasswordForm         template.HTML
	Categories, Tags     []termView
	CommentCount         int64
	CommentsOpen         bool
	post                 *models.Post
	author               *models.User
	renderedContent      string
	passwordRequiredFeed bool
}

type termView struct{ Name, Link string }

// discussionView is the comments section under a post.
type discussionView struct {
	Heading  template.HTML
	Comments []*commentView
	Form     *commentForm
	Closed   bool
}

type commentView struct {
	ID            uint64
	Author        string
	AuthorURL     string
	Link          string
	Date, DateISO string
	Content       template.HTML
	Children      []*commentView
	parent        uint64
}

type commentForm struct {
	Action           string
	PostID           uint64
	User             *models.User
	RequireNameEmail bool
	UnfilteredNonce  string
}

// feedSeparator sits between the site's name and a feed's own name in the
// feed links' titles (WordPress's &raquo;).
const feedSeparator = "»"

// baseView fills what every page shows.
func (st *Site) baseView(c echo.Context, q *models.SiteQuery, viewer *models.User) *pageView {
	ctx := c.Request().Context()
	name := st.store.Option(ctx, "blogname")
	locale := st.locale(c)
	v := &pageView{
		Locale:    locale,
		Lang:      languages.Tag(locale),
		SiteName:  name,
		Tagline:   st.store.Option(ctx, "blogdescription"),
		SiteURL:   st.cfg.SiteURL,
		Generator: generator,
		Robots:    st.robotsMeta(ctx, q),
		FeedURL:   st.store.FeedLink(ctx, "rss2", false),
		User:      viewer,
	}
	if q != nil {
		v.Search = q.Search
	}
	esc := escHTML(ent2ncr(name))
	v.Alternates = []alternate{
		{"application/rss+xml", fmt.Sprintf(languages.T(locale, "%[1]s %[2]s Feed"), name, feedSeparator), st.store.FeedLink(ctx, "rss2", false)},
		{"application/rss+xml", fmt.Sprintf(languages.T(locale, "%[1]s %[2]s Comments Feed"), name, feedSeparator), st.store.FeedLink(ctx, "rss2", true)},
	}
	v.DocTitle = template.HTML(esc)
	return v
}

// robotsMeta is wp_robots: noindex, nofollow while search engines are
// turned away (blog_public 0); otherwise WordPress's large image previews,
// and noindex on search results (wp_robots_noindex_search).
func (st *Site) robotsMeta(ctx context.Context, q *models.SiteQuery) string {
	if st.store.Option(ctx, "blog_public") == "0" {
		return "noindex, nofollow"
	}
	if q != nil && q.IsSearch {
		return "noindex, follow, max-image-preview:large"
	}
	return "max-image-preview:large"
}

// documentTitle is wp_get_document_title: the page's title, the page
// number, then the site's name (with the tagline on the front page).
func (st *Site) documentTitle(ctx context.Context, locale, title string, paged int) template.HTML {
	name := st.store.Option(ctx, "blogname")
	parts := []string{}
	if title != "" {
		parts = append(parts, title)
	}
	if paged > 1 {
		parts = append(parts, fmt.Sprintf(languages.T(locale, "Page %d"), paged))
	}
	parts = append(parts, escHTML(ent2ncr(name)))
	if title == "" && paged <= 1 {
		if tag := st.store.Option(ctx, "blogdescription"); tag != "" {
			parts = append(parts, escHTML(ent2ncr(tag)))
		}
	}
	return template.HTML(strings.Join(parts, " &#8211; "))
}

// postViews prepares posts for a list or a single page: their links,
// authors and terms (with the terms' links) are loaded once for all of
// them, so a list runs the same queries whatever its length.
func (st *Site) postViews(c echo.Context, posts []models.Post, viewer *models.User, full bool) ([]*postView, error) {
	ctx := c.Request().Context()
	ids := make([]uint64, len(posts))
	authorIDs := make([]uint64, len(posts))
	for i := range posts {
		ids[i], authorIDs[i] = posts[i].ID, posts[i].AuthorID
	}
	cats, err := st.store.PostTermsUncounted(ctx, ids, "category")
	if err != nil {
		return nil, err
	}
	tags, err := st.store.PostTermsUncounted(ctx, ids, "post_tag")
	if err != nil {
		return nil, err
	}
	authors, err := st.store.UsersByIDs(ctx, authorIDs)
	if err != nil {
		return nil, err
	}
	links := st.postLinks(ctx, posts, viewer)
	termLinks := st.termLinks(ctx, ids, cats, tags)
	out := make([]*postView, 0, len(posts))
	for i := range posts {
		p := &posts[i]
		pv := &postView{
			ID: p.ID, Type: p.Type, Status: p.Status, Sticky: p.Sticky, post: p,
			Title:        template.HTML(renderTitle(p.Title)),
			Link:         links[i],
			Date:         p.Date.Format("January 2, 2006"),
			DateISO:      p.DateGMT.UTC().Format(time.RFC3339),
			ShowDate:     p.Type == "post",
			CommentCount: p.CommentCount,
			CommentsOpen: p.CommentStatus == "open",
			author:       authors[p.AuthorID],
		}
		if p.HasFloatingDate() {
			pv.DateISO = p.Date.Format("2006-01-02T15:04:05")
		}
		if u := pv.author; u != nil && p.Type == "post" {
			pv.AuthorName, pv.AuthorLink = u.DisplayName, st.store.AuthorLink(ctx, u)
		}
		switch p.Status {
		case "private":
			pv.Notice = "Private"
		case "draft", "pending", "future", "auto-draft":
			pv.Notice = "Preview"
		}
		for _, t := range cats[p.ID] {
			pv.Categories = append(pv.Categories, termView{t.Name, termLinks[t.ID]})
		}
		for _, t := range tags[p.ID] {
			pv.Tags = append(pv.Tags, termView{t.Name, termLinks[t.ID]})
		}
		if models.PostPasswordRequired(p, st.passCookieValue(c)) {
			pv.passwordRequiredFeed = true
			pv.PasswordForm = template.HTML(st.passwordForm(c, p, pv.Link))
			pv.Excerpt = template.HTML("<p>" + languages.T(st.locale(c), "There is no excerpt because this is a protected post.") + "</p>\n")
		} else if full {
			pv.renderedContent = st.renderContent(ctx, p)
			pv.Content = template.HTML(pv.renderedContent)
			pv.Excerpt = template.HTML(st.renderExcerpt(ctx, p))
		} else {
			pv.Excerpt = template.HTML(st.renderExcerpt(ctx, p))
		}
		out = append(out, pv)
	}
	return out, nil
}

// postLink is the link a page shows for one post: its permalink, or an
// attachment's page.
func (st *Site) postLink(ctx context.Context, p *models.Post, viewer *models.User) string {
	return st.postLinks(ctx, []models.Post{*p}, viewer)[0]
}

// postLinks are the links a page shows for posts, in order: their
// permalinks (attachments' pages for attachments), built once for the
// list.
func (st *Site) postLinks(ctx context.Context, posts []models.Post, viewer *models.User) []string {
	ptrs := make([]*models.Post, len(posts))
	for i := range posts {
		ptrs[i] = &posts[i]
	}
	return st.store.Permalinks(ctx, ptrs, viewer)
}

// termLinks are the links of the posts' categories and tags, by term id,
// built once for the list (the categories' ancestors in one query).
func (st *Site) termLinks(ctx context.Context, ids []uint64, lists ...map[uint64][]models.Term) map[uint64]string {
	var terms []*models.Term
	seen := map[uint64]bool{}
	for _, byPost := range lists {
		for _, id := range ids {
			for i := range byPost[id] {
				if t := &byPost[id][i]; !seen[t.ID] {
					seen[t.ID] = true
					terms = append(terms, t)
				}
			}
		}
	}
	out := make(map[uint64]string, len(terms))
	for i, link := range st.store.TermLinks(ctx, terms) {
		out[terms[i].ID] = link
	}
	return out
}

// passCookieValue is the visitor's post password cookie.
func (st *Site) passCookieValue(c echo.Context) string {
	ck, err := c.Cookie(st.passCookie)
	if err != nil {
		return ""
	}
	v, err := url.QueryUnescape(ck.Value)
	if err != nil {
		return ck.Value
	}
	return v
}

// passwordForm is get_the_password_form, with WordPress's markup and field
// names; "Invalid password." shows when the visitor just tried one.
func (st *Site) passwordForm(c echo.Context, p *models.Post, permalink string) string {
	id := strconv.FormatUint(p.ID, 10)
	locale := st.locale(c)
	invalid, aria, class := "", "", ""
	if ref := c.Request().Referer(); ref != "" && ref == permalink && st.passCookieValue(c) != "" {
		invalid = `<div class="post-password-form-invalid-password" role="alert"><p id="error-pwbox-` + id + `">` + escHTML(languages.T(locale, "Invalid password.")) + `</p></div>`
		aria = ` aria-describedby="error-pwbox-` + id + `"`
		class = " password-form-error"
	}
	return `<form action="` + escHTML(st.cfg.SiteURL+"/wp-login.php?action=postpass") + `" class="post-password-form` + class + `" method="post">` +
		`<input type="hidden" name="redirect_to" value="` + escHTML(permalink) + `" />` + invalid + "\n" +
		"\t<p>" + escHTML(languages.T(locale, "This content is password-protected. To view it, please enter the password below.")) + "</p>\n" +
		`	<p><label for="pwbox-` + id + `">` + escHTML(languages.T(locale, "Password:")) + ` <input name="post_password" id="pwbox-` + id +
		`" type="password" spellcheck="false" required size="20"` + aria + ` /></label> <input type="submit" name="Submit" value="` + languages.Tx(locale, "Enter", "post password form") + `" /></p></form>` + "\n\t"
}

// discussion builds the comments section of a singular page.
func (st *Site) discussion(c echo.Context, p *models.Post, pv *postView, viewer *models.User) (*discussionView, error) {
	ctx := c.Request().Context()
	locale := st.locale(c)
	if pv.PasswordForm != "" || (p.Type != "post" && p.CommentCount == 0 && p.CommentStatus != "open") {
		return nil, nil
	}
	list, err := st.store.PostComments(ctx, p.ID)
	if err != nil {
		return nil, err
	}
	d := &discussionView{}
	byID := map[uint64]*commentView{}
	var top []*commentView
	for i := range list {
		cm := &list[i]
		cv := &commentView{
			ID: cm.ID, Author: cm.AuthorName, AuthorURL: cm.AuthorURL, parent: cm.ParentID,
			Link:    pv.Link + "#comment-" + strconv.FormatUint(cm.ID, 10),
			Date:    fmt.Sprintf(languages.T(locale, "%[1]s at %[2]s"), languages.Date(locale, cm.Date), languages.Time(locale, cm.Date)),
			DateISO: cm.DateGMT.UTC().Format(time.RFC3339),
			Content: template.HTML(st.renderComment(ctx, cm)),
		}
		if cv.Author == "" {
			cv.Author = languages.T(locale, "Anonymous")
		}
		byID[cm.ID] = cv
	}
	for i := range list {
		cv := byID[list[i].ID]
		if parent, ok := byID[cv.parent]; ok && cv.parent != 0 {
			parent.Children = append(parent.Children, cv)
		} else {
			top = append(top, cv)
		}
	}
	d.Comments = top
	switch n := len(list); n {
	case 0:
	case 1:
		d.Heading = template.HTML(fmt.Sprintf(languages.T(locale, "One response to &#8220;%s&#8221;"), pv.Title))
	default:
		d.Heading = template.HTML(fmt.Sprintf(languages.Tn(locale, "%[1]d response to &#8220;%[2]s&#8221;", "%[1]d responses to &#8220;%[2]s&#8221;", n), n, pv.Title))
	}
	if p.CommentStatus == "open" {
		f := &commentForm{Action: st.cfg.SiteURL + "/wp-comments-post.php", PostID: p.ID, User: viewer,
			RequireNameEmail: st.store.Option(ctx, "require_name_email") != "0"}
		if viewer != nil && models.CanPostUnfilteredHTML(viewer) && st.sess.Nonce != nil {
			f.UnfilteredNonce = st.sess.Nonce(c, "unfiltered-html-comment_"+strconv.FormatUint(p.ID, 10))
		}
		d.Form = f
	} else {
		d.Closed = len(list) > 0 || p.Type == "post"
	}
	return d, nil
}
