package site

import (
	"crypto/md5"
	"encoding/hex"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/presspass/presspass/languages"
	"github.com/presspass/presspass/models"
	"github.com/presspass/presspass/models/wptext"
)

// The feeds are WordPress's core feed templates written out in Go, element
// for element: RSS 2.0 (feed-rss2.php), Atom (feed-atom.php), RDF
// (feed-rdf.php), RSS 0.92 (feed-rss.php) and the comments feeds
// (feed-rss2-comments.php, feed-atom-comments.php), with the same filters
// on every text (the_title_rss, the_excerpt_rss, the_content_feed,
// comment_text_rss), Last-Modified and ETag as WP::send_headers computes
// them, and 304 answers to conditional requests.

// feedContentTypes are feed_content_type's.
var feedContentTypes = map[string]string{
	"rss2": "application/rss+xml", "rss": "application/rss+xml", "atom": "application/atom+xml", "rdf": "application/rdf+xml",
}

const (
	rfc822Feed = "Mon, 02 Jan 2006 15:04:05 +0000"
	atomDate   = "2006-01-02T15:04:05Z"
)

// feedData is what every feed template reads about its channel.
type feedData struct {
	title, link, description, self, language string
	// locale is the site's language, the feed's words' (get_locale).
	locale    string
	buildDate time.Time
	items     []*feedItem
	comments  []*feedComment
	singular  *feedItem
	search    string
	q         *models.SiteQuery
	// useExcerpt is the rss_use_excerpt option: summaries only.
	useExcerpt bool
}

type feedItem struct {
	p                   *models.Post
	title, link, author string
	// rawLink is link before escaping, for the comments' links.
	rawLink                 string
	authorURL               string
	guid                    string
	excerpt, content        string
	terms                   []string
	commentCount            int64
	commentsOpen, protected bool
	commentsFeed            string
	commentsFeedAtom        string
	enclosures              []models.Enclosure
}

type feedComment struct {
	c                       *models.Comment
	post                    *feedItem
	author, authorURL, link string
	guid, textRSS, textHTML string
}

// feed answers a feed request.
func (st *Site) feed(c echo.Context, q *models.SiteQuery, viewer *models.User) error {
	lastMod, err := st.feedLastModified(c, q)
	if err != nil {
		return st.internalError(c, err)
	}
	h := c.Response().Header()
	h.Set("Content-Type", feedContentTypes[q.Feed]+"; charset=UTF-8")
	if q.IsCategory || q.IsTag {
		h.Add("Link", "<"+st.termRESTLink(q.Term)+`>; rel="alternate"; title="JSON"; type="application/json"`)
	}
	lm := lastMod.UTC().Format("Mon, 02 Jan 2006 15:04:05") + " GMT"
	sum := md5.Sum([]byte(lm))
	etag := `"` + hex.EncodeToString(sum[:]) + `"`
	h.Set("Last-Modified", lm)
	h.Set("ETag", etag)
	if viewer != nil {
		noCache(c)
	}
	if notModified(c.Request(), etag, lm) {
		return c.NoContent(http.StatusNotModified)
	}
	d, err := st.feedChannel(c, q, viewer)
	if err != nil {
		return st.internalError(c, err)
	}
	var body string
	switch {
	case q.IsCommentFeed && q.Feed == "atom":
		body = atomCommentsFeed(d)
	case q.IsCommentFeed:
		body = rss2CommentsFeed(d)
	case q.Feed == "atom":
		body = atomFeed(d)
	case q.Feed == "rdf":
		body = rdfFeed(d)
	case q.Feed == "rss":
		body = rss092Feed(d)
	default:
		body = rss2Feed(d)
	}
	return c.Blob(http.StatusOK, feedContentTypes[q.Feed]+"; charset=UTF-8", []byte(body))
}

// feedLastModified is WP::send_headers' Last-Modified: the newest post, and
// for comment feeds the newest comment too; now when there is nothing.
func (st *Site) feedLastModified(c echo.Context, q *models.SiteQuery) (time.Time, error) {
	ctx := c.Request().Context()
	t, err := st.store.LastPostModifiedGMT(ctx)
	if err != nil {
		return t, err
	}
	if q.IsCommentFeed {
		ct, err := st.store.LastCommentModifiedGMT(ctx)
		if err != nil {
			return t, err
		}
		if ct.After(t) {
			t = ct
		}
	}
	if t.IsZero() {
		t = st.store.Now()
	}
	return t, nil
}

// notModified is WP::send_headers' test of a conditional request: with both
// validators both must match, with one either does.
func notModified(r *http.Request, etag, lastModified string) bool {
	if etag == "" && lastModified == "" {
		return false
	}
	clientETag := r.Header.Get("If-None-Match")
	clientLM := strings.TrimSpace(r.Header.Get("If-Modified-Since"))
	var clientTime, serverTime time.Time
	if clientLM != "" {
		clientTime, _ = http.ParseTime(clientLM)
	}
	serverTime, _ = http.ParseTime(lastModified)
	newEnough := clientLM != "" && !clientTime.IsZero() && !clientTime.Before(serverTime)
	if clientLM != "" && clientETag != "" {
		return newEnough && clientETag == etag
	}
	return newEnough || (clientETag != "" && clientETag == etag)
}

// feedChannel gathers the channel and its items.
func (st *Site) feedChannel(c echo.Context, q *models.SiteQuery, viewer *models.User) (*feedData, error) {
	ctx := c.Request().Context()
	locale := st.locale(c)
	d := &feedData{
		link:        st.cfg.SiteURL,
		description: ent2ncr(escHTML(stripTags(st.store.Option(ctx, "blogdescription")))),
		self:        st.siteOrigin() + c.Request().URL.RequestURI(),
		language:    languages.Tag(locale),
		locale:      locale,
		search:      q.Search,
		q:           q,
		useExcerpt:  st.store.Option(ctx, "rss_use_excerpt") == "1",
	}
	d.title = string(st.documentTitle(ctx, locale, st.feedPageTitle(locale, q), q.Paged))
	if q.IsFrontPage || (q.IsHome && !q.IsArchive() && !q.IsSearch) {
		d.title = string(st.documentTitle(ctx, locale, "", q.Paged))
	}
	items, err := st.feedItems(c, q.Posts, viewer)
	if err != nil {
		return nil, err
	}
	d.items = items
	if q.IsSingular() && len(items) > 0 {
		d.singular = items[0]
	}
	for _, it := range items {
		if it.p.ModifiedGMT.After(d.buildDate) {
			d.buildDate = it.p.ModifiedGMT
		}
	}
	if q.IsCommentFeed {
		if err := st.feedComments(c, d, q, viewer); err != nil {
			return nil, err
		}
	}
	if d.buildDate.IsZero() {
		t, err := st.store.LastPostModifiedGMT(ctx)
		if err != nil {
			return nil, err
		}
		d.buildDate = t
	}
	return d, nil
}

// feedPageTitle is the document title's own part for a feed's query.
func (st *Site) feedPageTitle(locale string, q *models.SiteQuery) string {
	switch {
	case q.IsSearch:
		return searchHeading(locale, q.Search)
	case q.IsSingular() && q.Post != nil:
		return renderTitle(q.Post.Title)
	case q.IsAuthor:
		return escHTML(q.Author.DisplayName)
	case q.IsCategory || q.IsTag:
		return escHTML(q.Term.Name)
	case q.IsDate:
		return dateHeading(locale, q)
	}
	return ""
}

// feedItems renders the posts of a feed with the feed filters.
func (st *Site) feedItems(c echo.Context, posts []models.Post, viewer *models.User) ([]*feedItem, error) {
	ctx := c.Request().Context()
	views, err := st.postViews(c, posts, viewer, false)
	if err != nil {
		return nil, err
	}
	ids := make([]uint64, len(posts))
	for i := range posts {
		ids[i] = posts[i].ID
	}
	enclosures, err := st.store.PostEnclosures(ctx, ids)
	if err != nil {
		return nil, err
	}
	// get_post_comments_feed_link starts from the permalink as anyone sees
	// it: the views' links for a visitor, else built once for the whole
	// feed.
	permalinks := make([]string, len(posts))
	for i, pv := range views {
		permalinks[i] = pv.Link
	}
	if viewer != nil {
		ptrs := make([]*models.Post, len(posts))
		for i := range posts {
			ptrs[i] = &posts[i]
		}
		permalinks = st.store.Permalinks(ctx, ptrs, nil)
	}
	out := make([]*feedItem, len(posts))
	for i, pv := range views {
		p := pv.post
		it := &feedItem{
			p:            p,
			title:        escHTML(ent2ncr(stripTags(string(pv.Title)))),
			link:         escHTML(pv.Link),
			rawLink:      pv.Link,
			author:       pv.AuthorName,
			guid:         escHTML(p.GUID),
			commentCount: p.CommentCount,
			commentsOpen: p.CommentStatus == "open",
			protected:    pv.passwordRequiredFeed,
		}
		if u := pv.author; u != nil {
			it.author, it.authorURL = u.DisplayName, u.URL
		}
		if it.guid == "" {
			it.guid = escHTML(st.store.ShortLink(p))
		}
		if it.protected {
			it.excerpt = languages.T(st.locale(c), "There is no excerpt because this is a protected post.")
			it.content = cdata(string(pv.PasswordForm))
		} else {
			rendered := st.renderContent(ctx, p)
			it.excerpt = ent2ncr(wptext.ConvertChars(st.plainExcerpt(ctx, p, rendered)))
			it.content = cdata(rendered)
			it.enclosures = enclosures[p.ID]
		}
		for _, t := range pv.Categories {
			it.terms = appendUnique(it.terms, t.Name)
		}
		for _, t := range pv.Tags {
			it.terms = appendUnique(it.terms, t.Name)
		}
		it.commentsFeed = escHTML(st.store.CommentsFeedLinkOf(ctx, p, permalinks[i], "rss2"))
		it.commentsFeedAtom = escHTML(st.store.CommentsFeedLinkOf(ctx, p, permalinks[i], "atom"))
		out[i] = it
	}
	return out, nil
}

func appendUnique(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

// feedComments fills a comments feed's comments.
func (st *Site) feedComments(c echo.Context, d *feedData, q *models.SiteQuery, viewer *models.User) error {
	ctx := c.Request().Context()
	posts := map[uint64]*feedItem{}
	for _, it := range d.items {
		posts[it.p.ID] = it
	}
	// The comments' posts that are not the feed's items, in one query.
	var missingIDs []uint64
	for _, cm := range q.Comments {
		if _, ok := posts[cm.PostID]; !ok {
			missingIDs = append(missingIDs, cm.PostID)
		}
	}
	missing, err := st.store.PostsByIDs(ctx, missingIDs)
	if err != nil {
		return err
	}
	if len(missing) > 0 {
		more, err := st.feedItems(c, missing, viewer)
		if err != nil {
			return err
		}
		for _, it := range more {
			posts[it.p.ID] = it
		}
	}
	for i := range q.Comments {
		cm := &q.Comments[i]
		it := posts[cm.PostID]
		if it == nil {
			// The post was deleted since the comments were read.
			continue
		}
		link := it.rawLink + "#comment-" + strconv.FormatUint(cm.ID, 10)
		fc := &feedComment{
			c: cm, post: it,
			author:    ent2ncr(cm.AuthorName),
			authorURL: cm.AuthorURL,
			link:      escHTML(link),
			guid:      escHTML(strings.ReplaceAll(it.guid, "&#038;", "&") + "#comment-" + strconv.FormatUint(cm.ID, 10)),
		}
		if fc.author == "" {
			fc.author = languages.T(d.locale, "Anonymous")
		}
		if !it.protected {
			fc.textRSS = escHTML(ent2ncr(cm.Content))
			fc.textHTML = cdata(st.renderComment(ctx, cm))
		}
		if cm.DateGMT.After(d.buildDate) {
			d.buildDate = cm.DateGMT
		}
		d.comments = append(d.comments, fc)
	}
	if len(d.items) == 0 {
		d.buildDate = time.Time{}
		for _, fc := range d.comments {
			if fc.c.DateGMT.After(d.buildDate) {
				d.buildDate = fc.c.DateGMT
			}
		}
	}
	return nil
}

// siteOrigin is scheme://host[:port] of the site URL (get_self_link's base).
func (st *Site) siteOrigin() string {
	u := st.cfg.SiteURL
	if i := strings.Index(u, "://"); i >= 0 {
		if j := strings.Index(u[i+3:], "/"); j >= 0 {
			return u[:i+3+j]
		}
	}
	return u
}

func rss2Feed(d *feedData) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"
	xmlns:content="http://purl.org/rss/1.0/modules/content/"
	xmlns:wfw="http://wellformedweb.org/CommentAPI/"
	xmlns:dc="http://purl.org/dc/elements/1.1/"
	xmlns:atom="http://www.w3.org/2005/Atom"
	xmlns:sy="http://purl.org/rss/1.0/modules/syndication/"
	xmlns:slash="http://purl.org/rss/1.0/modules/slash/"
	>

<channel>
`)
	b.WriteString("\t<title>" + d.title + "</title>\n")
	b.WriteString("\t<atom:link href=\"" + escHTML(d.self) + "\" rel=\"self\" type=\"application/rss+xml\" />\n")
	b.WriteString("\t<link>" + d.link + "</link>\n")
	b.WriteString("\t<description>" + d.description + "</description>\n")
	b.WriteString("\t<lastBuildDate>" + d.buildDate.UTC().Format(rfc822Feed) + "</lastBuildDate>\n")
	b.WriteString("\t<language>" + d.language + "</language>\n")
	b.WriteString("\t<sy:updatePeriod>\n\thourly\t</sy:updatePeriod>\n\t<sy:updateFrequency>\n\t1\t</sy:updateFrequency>\n")
	b.WriteString("\t<generator>" + feedGenerator + "</generator>\n")
	for _, it := range d.items {
		b.WriteString("\t<item>\n\t\t<title>" + it.title + "</title>\n\t\t<link>" + it.link + "</link>\n")
		if it.commentCount > 0 || it.commentsOpen {
			b.WriteString("\t\t\t\t\t<comments>" + it.link + commentsAnchor(it) + "</comments>\n")
		}
		b.WriteString("\t\t\n\t\t<dc:creator><![CDATA[" + cdata(it.author) + "]]></dc:creator>\n")
		b.WriteString("\t\t<pubDate>" + it.p.DateGMT.UTC().Format(rfc822Feed) + "</pubDate>\n")
		for _, t := range it.terms {
			b.WriteString("\t\t<category><![CDATA[" + cdata(htmlText(t)) + "]]></category>\n")
		}
		b.WriteString("\t\t<guid isPermaLink=\"false\">" + it.guid + "</guid>\n\n")
		b.WriteString("\t\t\t\t\t<description><![CDATA[" + cdata(it.excerpt) + "]]></description>\n")
		if !d.useExcerpt {
			content := it.content
			if content == "" {
				content = cdata(it.excerpt)
			}
			b.WriteString("\t\t\t\t\t\t\t\t\t\t<content:encoded><![CDATA[" + content + "]]></content:encoded>\n")
		}
		if it.commentCount > 0 || it.commentsOpen {
			b.WriteString("\t\t\t\t\t\n\t\t\t\t\t<wfw:commentRss>" + it.commentsFeed + "</wfw:commentRss>\n")
			b.WriteString("\t\t\t<slash:comments>" + strconv.FormatInt(it.commentCount, 10) + "</slash:comments>\n")
		}
		for _, e := range it.enclosures {
			b.WriteString("\t\t<enclosure url=\"" + escHTML(e.URL) + "\" length=\"" + strconv.FormatInt(e.Length, 10) +
				"\" type=\"" + escHTML(e.Type) + "\" />\n")
		}
		b.WriteString("\t\t\n\t\t\n\t\t\t</item>\n")
	}
	b.WriteString("\t</channel>\n</rss>\n")
	return b.String()
}

// commentsAnchor is where get_comments_link points: the comments, or the
// form when there are none yet.
func commentsAnchor(it *feedItem) string {
	if it.commentCount > 0 {
		return "#comments"
	}
	return "#respond"
}

// feedGenerator names the software in the feeds' generator elements.
const feedGenerator = "https://github.com/presspass/presspass"

func atomFeed(d *feedData) string {
	var b strings.Builder
	b.WriteString("<?xml version=\"1.0\" encoding=\"UTF-8\"?><feed\n\txmlns=\"http://www.w3.org/2005/Atom\"\n" +
		"\txmlns:thr=\"http://purl.org/syndication/thread/1.0\"\n\txml:lang=\"" + d.language + "\"\n\t>\n")
	b.WriteString("\t<title type=\"text\">" + d.title + "</title>\n")
	b.WriteString("\t<subtitle type=\"text\">" + d.description + "</subtitle>\n\n")
	b.WriteString("\t<updated>" + d.buildDate.UTC().Format(atomDate) + "</updated>\n\n")
	b.WriteString("\t<link rel=\"alternate\" type=\"text/html\" href=\"" + d.link + "\" />\n")
	b.WriteString("\t<id>" + escHTML(d.atomID()) + "</id>\n")
	b.WriteString("\t<link rel=\"self\" type=\"application/atom+xml\" href=\"" + escHTML(d.self) + "\" />\n\n")
	b.WriteString("\t<generator uri=\"" + feedGenerator + "\">PressPass</generator>\n")
	for _, it := range d.items {
		b.WriteString("\t<entry>\n\t\t<author>\n\t\t\t<name>" + escHTML(it.author) + "</name>\n")
		if it.authorURL != "" {
			b.WriteString("\t\t\t\t\t\t\t<uri>" + escHTML(it.authorURL) + "</uri>\n")
		}
		b.WriteString("\t\t\t\t\t</author>\n\n")
		b.WriteString("\t\t<title type=\"html\"><![CDATA[" + cdata(it.title) + "]]></title>\n")
		b.WriteString("\t\t<link rel=\"alternate\" type=\"text/html\" href=\"" + it.link + "\" />\n\n")
		b.WriteString("\t\t<id>" + it.guid + "</id>\n")
		b.WriteString("\t\t<updated>" + it.p.ModifiedGMT.UTC().Format(atomDate) + "</updated>\n")
		b.WriteString("\t\t<published>" + it.p.DateGMT.UTC().Format(atomDate) + "</published>\n")
		for _, t := range it.terms {
			b.WriteString("\t\t<category scheme=\"" + d.link + "\" term=\"" + escHTML(t) + "\" />\n")
		}
		b.WriteString("\t\t<summary type=\"html\"><![CDATA[" + cdata(it.excerpt) + "]]></summary>\n\n")
		if !d.useExcerpt {
			b.WriteString("\t\t\t\t\t<content type=\"html\" xml:base=\"" + it.link + "\"><![CDATA[" + it.content + "]]></content>\n")
		}
		for _, e := range it.enclosures {
			b.WriteString("<link href=\"" + escHTML(e.URL) + "\" rel=\"enclosure\" length=\"" + strconv.FormatInt(e.Length, 10) +
				"\" type=\"" + escHTML(e.Type) + "\" />\n")
		}
		b.WriteString("\t\t\n")
		if it.commentCount > 0 || it.commentsOpen {
			n := strconv.FormatInt(it.commentCount, 10)
			b.WriteString("\t\t\t\t\t<link rel=\"replies\" type=\"text/html\" href=\"" + it.link + "#comments\" thr:count=\"" + n + "\" />\n")
			b.WriteString("\t\t\t<link rel=\"replies\" type=\"application/atom+xml\" href=\"" + it.commentsFeedAtom + "\" thr:count=\"" + n + "\" />\n")
			b.WriteString("\t\t\t<thr:total>" + n + "</thr:total>\n")
		}
		b.WriteString("\t\t\t</entry>\n")
	}
	b.WriteString("\t</feed>\n")
	return b.String()
}

// atomID is the feed's id: bloginfo('atom_url') for the site's feed,
// otherwise the feed's own address.
func (d *feedData) atomID() string {
	if d.q.IsHome && !d.q.IsArchive() && !d.q.IsSearch && d.q.Paged <= 1 {
		return strings.TrimRight(d.link, "/") + "/feed/atom/"
	}
	return d.self
}

func rdfFeed(d *feedData) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?><rdf:RDF
	xmlns="http://purl.org/rss/1.0/"
	xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
	xmlns:dc="http://purl.org/dc/elements/1.1/"
	xmlns:sy="http://purl.org/rss/1.0/modules/syndication/"
	xmlns:admin="http://webns.net/mvcb/"
	xmlns:content="http://purl.org/rss/1.0/modules/content/"
	>
`)
	b.WriteString("<channel rdf:about=\"" + d.link + "\">\n")
	b.WriteString("\t<title>" + d.title + "</title>\n\t<link>" + d.link + "</link>\n")
	b.WriteString("\t<description>" + d.description + "</description>\n")
	b.WriteString("\t<dc:date>" + d.buildDate.UTC().Format(atomDate) + "\t</dc:date>\n")
	b.WriteString("\t<sy:updatePeriod>\n\thourly\t</sy:updatePeriod>\n\t<sy:updateFrequency>\n\t1\t</sy:updateFrequency>\n")
	b.WriteString("\t<sy:updateBase>2000-01-01T12:00+00:00</sy:updateBase>\n")
	b.WriteString("\t<admin:generatorAgent rdf:resource=\"" + feedGenerator + "\" />\n")
	b.WriteString("\t<items>\n\t\t<rdf:Seq>\n")
	for _, it := range d.items {
		b.WriteString("\t\t\t\t\t<rdf:li rdf:resource=\"" + it.link + "\"/>\n")
	}
	b.WriteString("\t\t\t\t</rdf:Seq>\n\t</items>\n</channel>\n")
	for _, it := range d.items {
		b.WriteString("<item rdf:about=\"" + it.link + "\">\n\t<title>" + it.title + "</title>\n\t<link>" + it.link + "</link>\n\n")
		b.WriteString("\t<dc:creator><![CDATA[" + cdata(it.author) + "]]></dc:creator>\n")
		b.WriteString("\t<dc:date>" + it.p.DateGMT.UTC().Format(atomDate) + "</dc:date>\n")
		for _, t := range it.terms {
			b.WriteString("\t\t<dc:subject><![CDATA[" + cdata(t) + "]]></dc:subject>\n")
		}
		b.WriteString("\n\t\t\t<description><![CDATA[" + cdata(it.excerpt) + "]]></description>\n")
		if !d.useExcerpt {
			b.WriteString("\t\t<content:encoded><![CDATA[" + it.content + "]]></content:encoded>\n")
		}
		b.WriteString("\t\n\t</item>\n")
	}
	b.WriteString("</rdf:RDF>\n")
	return b.String()
}

func rss092Feed(d *feedData) string {
	var b strings.Builder
	b.WriteString("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"0.92\">\n<channel>\n")
	b.WriteString("\t<title>" + d.title + "</title>\n\t<link>" + d.link + "</link>\n")
	b.WriteString("\t<description>" + d.description + "</description>\n")
	b.WriteString("\t<lastBuildDate>" + d.buildDate.UTC().Format(rfc822Feed) + "</lastBuildDate>\n")
	b.WriteString("\t<docs>http://backend.userland.com/rss092</docs>\n\t<language>" + d.language + "</language>\n\t\n\n")
	for _, it := range d.items {
		b.WriteString("\t<item>\n\t\t<title>" + it.title + "</title>\n")
		b.WriteString("\t\t<description><![CDATA[" + cdata(it.excerpt) + "]]></description>\n")
		b.WriteString("\t\t<link>" + it.link + "</link>\n\t\t\t</item>\n")
	}
	b.WriteString("</channel>\n</rss>\n")
	return b.String()
}

// commentsFeedTitle is the comments feed's title.
func commentsFeedTitle(d *feedData, atom bool) string {
	switch {
	case d.singular != nil:
		if atom {
			return fmt.Sprintf(ent2ncr(languages.T(d.locale, "Comments on %s")), d.singular.title)
		}
		return fmt.Sprintf(ent2ncr(languages.T(d.locale, "Comments on: %s")), d.singular.title)
	case d.search != "":
		parts := strings.SplitN(d.title, " &#8211; ", 2)
		return fmt.Sprintf(ent2ncr(languages.T(d.locale, "Comments for %[1]s searching on %[2]s")), parts[len(parts)-1], escHTML(d.search))
	}
	return fmt.Sprintf(ent2ncr(languages.T(d.locale, "Comments for %s")), d.title)
}

func commentTitle(d *feedData, fc *feedComment) string {
	if d.singular != nil {
		return fmt.Sprintf(ent2ncr(languages.T(d.locale, "By: %s")), escHTML(fc.author))
	}
	return fmt.Sprintf(ent2ncr(languages.T(d.locale, "Comment on %[1]s by %[2]s")), fc.post.title, escHTML(fc.author))
}

func rss2CommentsFeed(d *feedData) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"
	xmlns:content="http://purl.org/rss/1.0/modules/content/"
	xmlns:dc="http://purl.org/dc/elements/1.1/"
	xmlns:atom="http://www.w3.org/2005/Atom"
	xmlns:sy="http://purl.org/rss/1.0/modules/syndication/"
	
	>
<channel>
`)
	b.WriteString("\t<title>\n\t" + commentsFeedTitle(d, false) + "\t</title>\n")
	b.WriteString("\t<atom:link href=\"" + escHTML(d.self) + "\" rel=\"self\" type=\"application/rss+xml\" />\n")
	link := d.link
	if d.singular != nil && d.singular.p.Type == "post" {
		link = d.singular.link
	}
	b.WriteString("\t<link>" + link + "</link>\n")
	b.WriteString("\t<description>" + d.description + "</description>\n")
	b.WriteString("\t<lastBuildDate>" + d.buildDate.UTC().Format(rfc822Feed) + "</lastBuildDate>\n")
	b.WriteString("\t<sy:updatePeriod>\n\thourly\t</sy:updatePeriod>\n\t<sy:updateFrequency>\n\t1\t</sy:updateFrequency>\n")
	b.WriteString("\t<generator>" + feedGenerator + "</generator>\n")
	for _, fc := range d.comments {
		b.WriteString("\t<item>\n\t\t<title>\n\t\t" + commentTitle(d, fc) + "\t\t</title>\n")
		b.WriteString("\t\t<link>" + fc.link + "</link>\n\n")
		b.WriteString("\t\t<dc:creator><![CDATA[" + cdata(fc.author) + "]]></dc:creator>\n")
		b.WriteString("\t\t<pubDate>" + fc.c.DateGMT.UTC().Format(rfc822Feed) + "</pubDate>\n")
		b.WriteString("\t\t<guid isPermaLink=\"false\">" + fc.guid + "</guid>\n\n")
		if fc.post.protected {
			b.WriteString("\t\t\t\t\t<description>Protected Comments: Please enter your password to view comments.</description>\n")
			b.WriteString("\t\t\t<content:encoded><![CDATA[" + fc.post.content + "]]></content:encoded>\n")
		} else {
			b.WriteString("\t\t\t\t\t<description><![CDATA[" + cdata(fc.textRSS) + "]]></description>\n")
			b.WriteString("\t\t\t<content:encoded><![CDATA[" + fc.textHTML + "]]></content:encoded>\n")
		}
		b.WriteString("\t\t\n\t\t\t</item>\n")
	}
	b.WriteString("\t</channel>\n</rss>\n")
	return b.String()
}

func atomCommentsFeed(d *feedData) string {
	var b strings.Builder
	b.WriteString("<?xml version=\"1.0\" encoding=\"UTF-8\" ?><feed\n\txmlns=\"http://www.w3.org/2005/Atom\"\n\txml:lang=\"" +
		d.language + "\"\n\txmlns:thr=\"http://purl.org/syndication/thread/1.0\"\n\t>\n")
	b.WriteString("\t<title type=\"text\">\n\t" + commentsFeedTitle(d, true) + "\t</title>\n")
	b.WriteString("\t<subtitle type=\"text\">" + d.description + "</subtitle>\n\n")
	b.WriteString("\t<updated>" + d.buildDate.UTC().Format(atomDate) + "</updated>\n\n")
	switch {
	case d.singular != nil:
		b.WriteString("\t<link rel=\"alternate\" type=\"text/html\" href=\"" + d.singular.link + commentsAnchor(d.singular) + "\" />\n")
		b.WriteString("\t<link rel=\"self\" type=\"application/atom+xml\" href=\"" + d.singular.commentsFeedAtom + "\" />\n")
		b.WriteString("\t<id>" + d.singular.commentsFeedAtom + "</id>\n")
	default:
		b.WriteString("\t<link rel=\"alternate\" type=\"text/html\" href=\"" + d.link + "\" />\n")
		b.WriteString("\t<link rel=\"self\" type=\"application/atom+xml\" href=\"" + escHTML(d.self) + "\" />\n")
		b.WriteString("\t<id>" + escHTML(d.self) + "</id>\n")
	}
	for _, fc := range d.comments {
		b.WriteString("\t<entry>\n\t\t<title>\n\t\t" + commentTitle(d, fc) + "\t\t</title>\n")
		b.WriteString("\t\t<link rel=\"alternate\" href=\"" + fc.link + "\" type=\"text/html\" />\n\n")
		b.WriteString("\t\t<author>\n\t\t\t<name>" + escHTML(fc.author) + "</name>\n")
		if fc.authorURL != "" {
			b.WriteString("\t\t\t<uri>" + escHTML(fc.authorURL) + "</uri>")
		}
		b.WriteString("\n\t\t</author>\n\n")
		b.WriteString("\t\t<id>" + fc.guid + "</id>\n")
		b.WriteString("\t\t<updated>" + fc.c.DateGMT.UTC().Format(atomDate) + "</updated>\n")
		b.WriteString("\t\t<published>" + fc.c.DateGMT.UTC().Format(atomDate) + "</published>\n\n")
		content := fc.textHTML
		if fc.post.protected {
			content = fc.post.content
		}
		b.WriteString("\t\t<content type=\"html\" xml:base=\"" + fc.link + "\"><![CDATA[" + content + "]]></content>\n\n")
		if fc.c.ParentID == 0 {
			b.WriteString("\t\t\t<thr:in-reply-to ref=\"" + fc.post.guid + "\" href=\"" + fc.post.link + "\" type=\"text/html\" />\n")
		} else {
			parent := fc.post.link + "#comment-" + strconv.FormatUint(fc.c.ParentID, 10)
			b.WriteString("\t\t\t<thr:in-reply-to ref=\"" + fc.post.guid + "#comment-" + strconv.FormatUint(fc.c.ParentID, 10) +
				"\" href=\"" + parent + "\" type=\"text/html\" />\n")
		}
		b.WriteString("\t\t</entry>\n")
	}
	b.WriteString("</feed>\n")
	return b.String()
}
