package models

import (
	"context"
	"strconv"
	"strings"
	"time"
)

// SiteQuery is WordPress's main query for one public-site request
// (WP_Query::parse_query and get_posts): what kind of page was asked for,
// and the posts, comments, author or term it shows. Who may see what is
// decided here, with WordPress's rules; the page adapter only renders it.
type SiteQuery struct {
	Vars QueryVars

	IsSingle, IsPage, IsAttachment, IsPreview bool
	IsHome, IsFrontPage                       bool
	IsAuthor, IsCategory, IsTag, IsSearch     bool
	IsDate, IsYear, IsMonth, IsDay            bool
	IsFeed, IsCommentFeed, IsEmbed, Is404     bool
	// IsRobots and IsSitemap mark robots.txt and the sitemaps, which have no
	// posts query of their own.
	IsRobots, IsSitemap bool

	// Feed is the feed type asked for: rss2, atom, rdf or rss ("feed" is
	// read as the default feed, rss2).
	Feed string
	// Post is the post of a singular page (nil otherwise).
	Post *Post
	// Posts are the posts the page lists (the singular post alone on a
	// singular page).
	Posts []Post
	// Found is the number of posts the list query matched; MaxPages the
	// number of pages of PerPage posts.
	Found            int64
	Paged, PerPage   int
	MaxPages         int
	Author           *User
	Term             *Term
	Search           string
	Year, Month, Day int
	// Comments are a comments feed's comments.
	Comments []Comment
}

// IsSingular is WordPress's is_singular(): one post, page or attachment.
func (q *SiteQuery) IsSingular() bool { return q.IsSingle || q.IsPage || q.IsAttachment }

// IsArchive is WordPress's is_archive().
func (q *SiteQuery) IsArchive() bool { return q.IsAuthor || q.IsCategory || q.IsTag || q.IsDate }

// feedTypes are WP_Rewrite's feeds; "feed" stands for the default one.
var feedTypes = map[string]string{"feed": "rss2", "rss2": "rss2", "rss": "rss", "rdf": "rdf", "atom": "atom",
	"comments-rss2": "rss2", "comments-atom": "atom"}

// QuerySite runs the main query for the parsed request vars as viewer (nil
// for a visitor). Posts viewer may not read are left out, and a singular
// page of such a post is a 404, as WP_Query decides. Errors: internal.
func (s *Store) QuerySite(ctx context.Context, qv QueryVars, viewer *User) (*SiteQuery, error) {
	q := &SiteQuery{Vars: qv, Paged: max(qv.Int("paged"), 1)}
	if qv["error"] == "404" || qv["favicon"] != "" {
		// PressPass has no site icon to send for /favicon.ico.
		q.Is404 = true
		return q, nil
	}
	if qv["robots"] != "" {
		q.IsRobots = true
		return q, nil
	}
	if qv["sitemap"] != "" || qv["sitemap-stylesheet"] != "" {
		q.IsSitemap = true
		return q, nil
	}
	if f := qv["feed"]; f != "" {
		t, ok := feedTypes[f]
		if !ok {
			q.Is404 = true
			return q, nil
		}
		q.IsFeed, q.Feed = true, t
		if strings.HasPrefix(f, "comments-") {
			qv["withcomments"] = "1"
		}
	}
	q.IsEmbed = qv["embed"] != ""
	q.IsPreview = qv["preview"] != ""
	q.Search = strings.TrimSpace(qv["s"])
	q.IsSearch = qv["s"] != ""

	var single *Post
	var err error
	switch {
	case qv.Int("attachment_id") > 0:
		q.IsAttachment = true
		single, err = s.postOfType(ctx, uint64(qv.Int("attachment_id")), "attachment")
	case qv["attachment"] != "":
		q.IsAttachment = true
		single, err = s.postBySlug(ctx, qv["attachment"], "attachment")
	case qv.Int("p") > 0:
		q.IsSingle = true
		single, err = s.postOfType(ctx, uint64(qv.Int("p")), postTypeVar(qv, "post"))
	case qv["name"] != "":
		q.IsSingle = true
		single, err = s.postBySlug(ctx, qv["name"], postTypeVar(qv, "post"))
	case qv.Int("page_id") > 0:
		q.IsPage = true
		single, err = s.postOfType(ctx, uint64(qv.Int("page_id")), "page")
	case qv["pagename"] != "":
		q.IsPage = true
		single, err = s.PageByPath(ctx, qv["pagename"], []string{"page"})
	}
	if err != nil && ErrorKind(err) != KindNotFound {
		return nil, err
	}
	if q.IsPage && single != nil && s.Option(ctx, "show_on_front") == "page" &&
		strconv.FormatUint(single.ID, 10) == s.Option(ctx, "page_for_posts") {
		// The page for posts lists the posts, as the home page would.
		q.IsPage, single = false, nil
		q.IsHome = true
	}
	if q.IsSingular() {
		q.IsCommentFeed = q.IsFeed
		if single == nil || !s.SiteCanShowPost(single, viewer, q.IsPreview) {
			q.Is404 = true
			return q, nil
		}
		q.Post = single
		q.Posts = []Post{*single}
		q.Found, q.MaxPages, q.PerPage = 1, 1, 1
		if q.IsPage && s.Option(ctx, "show_on_front") == "page" &&
			strconv.FormatUint(single.ID, 10) == s.Option(ctx, "page_on_front") {
			q.IsFrontPage = true
		}
		if q.IsCommentFeed {
			q.Comments, err = s.feedComments(ctx, []uint64{single.ID}, nil)
			if err != nil {
				return nil, err
			}
		}
		return q, nil
	}

	f := PostFilter{Types: []string{"post"}, Statuses: []string{"publish", "private"}, Readable: true, ReadableBy: viewer}
	if err := s.archiveFilter(ctx, q, &f); err != nil {
		if ErrorKind(err) == KindNotFound {
			q.Is404 = true
			return q, nil
		}
		return nil, err
	}
	if !q.IsArchive() && !q.IsSearch && !q.IsHome {
		if s.Option(ctx, "show_on_front") == "page" && qv["withcomments"] == "" && !q.IsFeed {
			if id, _ := strconv.ParseUint(s.Option(ctx, "page_on_front"), 10, 64); id > 0 {
				q.IsPage, q.IsFrontPage = true, true
				p, err := s.postOfType(ctx, id, "page")
				if err != nil || !s.SiteCanShowPost(p, viewer, false) {
					q.Is404 = true
					return q, nil
				}
				q.Post, q.Posts, q.Found, q.MaxPages, q.PerPage = p, []Post{*p}, 1, 1, 1
				return q, nil
			}
		}
		q.IsHome = true
		q.IsFrontPage = s.Option(ctx, "show_on_front") != "page"
	}
	if q.IsFeed && (qv["withcomments"] != "") {
		q.IsCommentFeed = true
		q.Comments, err = s.feedComments(ctx, nil, &f)
		return q, err
	}
	q.PerPage = s.OptionInt(ctx, "posts_per_page")
	if q.IsFeed {
		q.PerPage = s.OptionInt(ctx, "posts_per_rss")
	} else if q.IsHome && q.Paged == 1 && !q.IsSearch {
		f.StickyFirst = true
	}
	if q.PerPage < 1 {
		q.PerPage = 10
	}
	f.Limit = q.PerPage
	f.Offset = (q.Paged - 1) * q.PerPage
	if q.IsSearch {
		f.Types = []string{"post", "page", "attachment"}
		f.Statuses = []string{"publish", "private", "inherit"}
		f.Search = q.Search
	}
	q.Posts, q.Found, err = s.Posts(ctx, f)
	if err != nil {
		return nil, err
	}
	q.MaxPages = int((q.Found + int64(q.PerPage) - 1) / int64(q.PerPage))
	if len(q.Posts) == 0 && q.Paged > 1 {
		q.Is404 = true
	}
	return q, nil
}

// postTypeVar is the post_type query variable when it names a viewable
// type, else def.
func postTypeVar(qv QueryVars, def string) string {
	switch qv["post_type"] {
	case "post", "page", "attachment":
		return qv["post_type"]
	}
	return def
}

// archiveFilter narrows f to the archive the vars ask for (author, term,
// date) and records it on q. Errors: not found for an unknown author or
// term.
func (s *Store) archiveFilter(ctx context.Context, q *SiteQuery, f *PostFilter) error {
	qv := q.Vars
	if name := qv["author_name"]; name != "" || qv.Int("author") > 0 {
		var u *User
		var err error
		if name != "" {
			var us []User
			us, _, err = s.Users(ctx, UserFilter{Slugs: []string{SanitizeTitle(name)}, Limit: 1})
			if err == nil && len(us) == 0 {
				err = errUserInvalidID
			} else if err == nil {
				u = &us[0]
			}
		} else {
			u, err = s.UserByID(ctx, uint64(qv.Int("author")))
		}
		if err != nil {
			return err
		}
		q.IsAuthor, q.Author = true, u
		f.Authors = []uint64{u.ID}
	}
	for _, tx := range []struct{ slugVar, idVar, taxonomy string }{
		{"category_name", "cat", "category"}, {"tag", "tag_id", "post_tag"},
	} {
		var t *Term
		var err error
		if slug := qv[tx.slugVar]; slug != "" {
			parts := strings.FieldsFunc(slug, func(r rune) bool { return r == '/' })
			if len(parts) == 0 {
				continue
			}
			var ts []Term
			ts, _, err = s.Terms(ctx, TermFilter{Taxonomy: tx.taxonomy, Slugs: []string{SanitizeTitle(parts[len(parts)-1])}, Limit: 1})
			if err == nil && len(ts) == 0 {
				err = newError(KindNotFound, ReasonNoSuchTermSlug)
			} else if err == nil {
				t = &ts[0]
			}
		} else if id := qv.Int(tx.idVar); id > 0 {
			t, err = s.TermInTaxonomy(ctx, tx.taxonomy, uint64(id))
		} else {
			continue
		}
		if err != nil {
			return err
		}
		q.Term = t
		if tx.taxonomy == "category" {
			q.IsCategory = true
			ids, err := s.termAndDescendants(ctx, t)
			if err != nil {
				return err
			}
			f.TermConditions = append(f.TermConditions, TermCondition{TermIDs: ids})
		} else {
			q.IsTag = true
			f.TermConditions = append(f.TermConditions, TermCondition{TermIDs: []uint64{t.ID}})
		}
	}
	y, m, d := qv.Int("year"), qv.Int("monthnum"), qv.Int("day")
	if mv := qv["m"]; len(mv) >= 4 && isDigits(mv) {
		y, _ = strconv.Atoi(mv[:4])
		if len(mv) >= 6 {
			m, _ = strconv.Atoi(mv[4:6])
		}
		if len(mv) >= 8 {
			d, _ = strconv.Atoi(mv[6:8])
		}
	}
	if y > 0 || m > 0 || d > 0 {
		q.IsDate = true
		q.Year, q.Month, q.Day = y, m, d
		switch {
		case d > 0:
			q.IsDay = true
		case m > 0:
			q.IsMonth = true
		case y > 0:
			q.IsYear = true
		}
		if y > 0 {
			start, end := dateRange(y, m, d)
			before, after := end, start.Add(-time.Second)
			f.Before, f.After = &before, &after
		}
	}
	return nil
}

// dateRange is the span of local time a date archive covers.
func dateRange(y, m, d int) (start, end time.Time) {
	switch {
	case m > 0 && d > 0:
		start = time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
		end = start.AddDate(0, 0, 1)
	case m > 0:
		start = time.Date(y, time.Month(m), 1, 0, 0, 0, 0, time.UTC)
		end = start.AddDate(0, 1, 0)
	default:
		start = time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC)
		end = start.AddDate(1, 0, 0)
	}
	return start, end
}

// termAndDescendants is a category and its children, as a category archive
// includes them (include_children).
func (s *Store) termAndDescendants(ctx context.Context, t *Term) ([]uint64, error) {
	ids := []uint64{t.ID}
	frontier := []uint64{t.ID}
	for depth := 0; len(frontier) > 0 && depth < 50; depth++ {
		var next []uint64
		err := s.withContext(ctx).Model(&Term{}).Where("taxonomy = ? AND parent_id IN ?", t.Taxonomy, frontier).
			Pluck("id", &next).Error
		if err != nil {
			return nil, Internal(err)
		}
		ids = append(ids, next...)
		frontier = next
	}
	return ids, nil
}

// SiteCanShowPost is WP_Query's rule for a singular page: published posts
// (and attachments) for everyone, private ones to those who may read them,
// drafts, pending and scheduled posts only as a preview to those who may
// edit them; never the trash or auto-drafts.
func (s *Store) SiteCanShowPost(p *Post, viewer *User, preview bool) bool {
	if p == nil {
		return false
	}
	switch p.Status {
	case "publish", "inherit":
		return true
	case "private":
		return CanReadPost(viewer, p)
	case "draft", "pending", "future":
		return preview && CanEditPost(viewer, p)
	}
	return false
}

func (s *Store) postOfType(ctx context.Context, id uint64, typ string) (*Post, error) {
	var p Post
	if err := s.withContext(ctx).Where("id = ? AND type = ?", id, typ).Take(&p).Error; err != nil {
		return nil, notFoundOr(err, errPostInvalidID)
	}
	return &p, nil
}

// postBySlug finds a post of one type by its slug: the published one first
// when several share it.
func (s *Store) postBySlug(ctx context.Context, slug, typ string) (*Post, error) {
	var p Post
	err := s.withContext(ctx).Where("slug = ? AND type = ? AND status NOT IN ?", SanitizeTitle(slug), typ, []string{"trash", "auto-draft"}).
		Order("CASE WHEN status = 'publish' THEN 0 ELSE 1 END").Order("id ASC").Take(&p).Error
	if err != nil {
		return nil, notFoundOr(err, errPostInvalidID)
	}
	return &p, nil
}

// feedComments are the approved comments a comments feed shows, newest
// first, at most posts_per_rss: of the given posts, or of the posts f
// selects (WP_Query's comment feed over the posts query).
func (s *Store) feedComments(ctx context.Context, postIDs []uint64, f *PostFilter) ([]Comment, error) {
	q := s.withContext(ctx).Model(&Comment{}).Where("approved = ? AND type <> ?", "1", "note")
	if postIDs != nil {
		q = q.Where("post_id IN ?", postIDs)
	} else {
		pf := *f
		pf.Types = []string{"post", "page", "attachment"}
		pf.Statuses = []string{"publish", "inherit"}
		pf.Readable, pf.ReadableBy = false, nil
		sub := s.postQuery(ctx, pf).Select("id")
		q = q.Where("post_id IN (?)", sub)
	}
	limit := s.OptionInt(ctx, "posts_per_rss")
	if limit < 1 {
		limit = 10
	}
	var out []Comment
	if err := q.Order("date_gmt DESC").Order("id DESC").Limit(limit).Find(&out).Error; err != nil {
		return nil, Internal(err)
	}
	return out, nil
}

// PostComments returns a post's approved comments in the order a page shows
// them (oldest first), for the comment list under a post.
func (s *Store) PostComments(ctx context.Context, postID uint64) ([]Comment, error) {
	var out []Comment
	err := s.withContext(ctx).Where("post_id = ? AND approved = ? AND type <> ?", postID, "1", "note").
		Order("date_gmt ASC").Order("id ASC").Limit(1000).Find(&out).Error
	if err != nil {
		return nil, Internal(err)
	}
	return out, nil
}

// LastPostModifiedGMT is get_lastpostmodified('GMT'): the latest publish or
// modified time of a published post of a public type (zero for none).
func (s *Store) LastPostModifiedGMT(ctx context.Context) (time.Time, error) {
	var out time.Time
	for _, col := range []string{"date_gmt", "modified_gmt"} {
		var p Post
		err := s.withContext(ctx).Select("id, date_gmt, modified_gmt").
			Where("status = ? AND type IN ?", "publish", []string{"post", "page", "attachment"}).
			Order(col + " DESC").Take(&p).Error
		if err != nil {
			if IsNotFound(notFoundOr(err, errPostInvalidID)) {
				return out, nil
			}
			return out, Internal(err)
		}
		for _, t := range []time.Time{p.DateGMT, p.ModifiedGMT} {
			if t.After(out) {
				out = t
			}
		}
	}
	return out, nil
}

// LastCommentModifiedGMT is get_lastcommentmodified('GMT'): the newest
// approved comment's time (zero for none).
func (s *Store) LastCommentModifiedGMT(ctx context.Context) (time.Time, error) {
	var c Comment
	err := s.withContext(ctx).Where("approved = ?", "1").Order("date_gmt DESC").Take(&c).Error
	if err != nil {
		if IsNotFound(notFoundOr(err, errPostInvalidID)) {
			return time.Time{}, nil
		}
		return time.Time{}, Internal(err)
	}
	return c.DateGMT, nil
}

// Enclosure is a media file a feed item carries (<enclosure>): the audio
// and video attached to a post, whose size and type PressPass knows
// without fetching them.
type Enclosure struct {
	URL    string
	Length int64
	Type   string
}

// PostEnclosures returns the enclosures of each post: its attached audio
// and video files, oldest first.
func (s *Store) PostEnclosures(ctx context.Context, postIDs []uint64) (map[uint64][]Enclosure, error) {
	out := map[uint64][]Enclosure{}
	if len(postIDs) == 0 {
		return out, nil
	}
	var rows []struct {
		ParentID uint64
		MimeType string
		File     string
		FileSize int64
	}
	err := s.withContext(ctx).Table("posts").
		Select("posts.parent_id, posts.mime_type, attachments.file, attachments.file_size").
		Joins("JOIN attachments ON attachments.post_id = posts.id").
		Where("posts.type = ? AND posts.status = ? AND posts.parent_id IN ? AND (posts.mime_type LIKE ? OR posts.mime_type LIKE ?)",
			"attachment", "inherit", postIDs, "audio/%", "video/%").
		Order("posts.id ASC").Scan(&rows).Error
	if err != nil {
		return nil, Internal(err)
	}
	for _, r := range rows {
		out[r.ParentID] = append(out[r.ParentID], Enclosure{URL: s.mediaURL(r.File), Length: r.FileSize, Type: r.MimeType})
	}
	return out, nil
}
