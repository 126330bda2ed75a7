package models

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"
)

// PostInput carries the fields of a post create or update; nil means "not
// given" (keep the current value, or WordPress's default on create).
type PostInput struct {
	Type          string // create only; default "post"
	Title         *string
	Content       *string
	Excerpt       *string
	Status        *string
	Slug          *string
	AuthorID      *uint64
	Date          *time.Time // site-local
	DateGMT       *time.Time
	Password      *string
	CommentStatus *string
	PingStatus    *string
	Sticky        *bool
	Format        *string
	ParentID      *uint64
	MenuOrder     *int
	Template      *string
	// IfNotModifiedSince refuses the update with a conflict when the post was
	// modified after this time (XML-RPC's if_not_modified_since).
	IfNotModifiedSince *time.Time
	// StickyRule is who may make the post sticky (see CanStick).
	StickyRule StickyRule
	// FeaturedMediaID sets the featured image: an image attachment, or 0
	// for none.
	FeaturedMediaID *uint64
	// PatternSyncStatus sets a pattern's sync status (wp_block only).
	PatternSyncStatus *string
	// TemplateTheme, TemplateArea and TemplateOrigin set a block
	// template's columns (wp_template and wp_template_part only).
	TemplateTheme, TemplateArea, TemplateOrigin *string
}

// Errors of post writes, with WordPress's REST codes.
var (
	errCannotCreate         = newError(KindForbidden, ReasonCannotCreatePost)
	errCannotEdit           = newError(KindForbidden, ReasonCannotEditPost)
	errCannotDelete         = newError(KindForbidden, ReasonCannotDeletePost)
	errCannotPublish        = newError(KindForbidden, ReasonCannotPublish)
	errCannotEditOthers     = newError(KindForbidden, ReasonCannotCreateAsOtherAuthor)
	errCannotUpdateAsOthers = newError(KindForbidden, ReasonCannotUpdateAsOtherAuthor)
	errCannotMakePrivate    = newError(KindForbidden, ReasonCannotCreatePrivate)
	errCannotAssignSticky   = newError(KindForbidden, ReasonCannotStick)
	errEmptyContent         = newError(KindInvalid, ReasonEmptyPostContent)
	errAlreadyTrashed       = newError(KindGone, ReasonPostAlreadyTrashed)
	errInvalidAuthor        = newError(KindInvalid, ReasonInvalidAuthor)
	errInvalidStatus        = newError(KindInvalid, ReasonInvalidPostStatus)
)

// SiteLocation returns the site's time zone from its options (timezone_string
// or gmt_offset).
func (s *Store) SiteLocation(ctx context.Context) *time.Location {
	if tz := s.Option(ctx, "timezone_string"); tz != "" {
		if loc, err := time.LoadLocation(tz); err == nil {
			return loc
		}
	}
	off, _ := strconv.ParseFloat(s.Option(ctx, "gmt_offset"), 64)
	if off == 0 {
		return time.UTC
	}
	return time.FixedZone(fmt.Sprintf("UTC%+g", off), int(off*3600))
}

// LocalToGMT converts a site-local wall time (stored without zone) to GMT.
func (s *Store) LocalToGMT(ctx context.Context, local time.Time) time.Time {
	loc := s.SiteLocation(ctx)
	t := time.Date(local.Year(), local.Month(), local.Day(), local.Hour(), local.Minute(), local.Second(), 0, loc)
	return t.UTC()
}

// GMTToLocal converts a GMT time to site-local wall time (returned as UTC
// fields, the way it is stored).
func (s *Store) GMTToLocal(ctx context.Context, gmt time.Time) time.Time {
	t := gmt.In(s.SiteLocation(ctx))
	return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), 0, time.UTC)
}

// uniqueSlug appends -2, -3, … until no other post of the same type (and,
// for pages, the same parent) uses the slug and it shadows no route, as
// wp_unique_post_slug does. Drafts keep their slug as given.
func (s *Store) uniqueSlug(tx *gorm.DB, slug string, p *Post) (string, error) {
	if slug == "" || isDraftLike(p.Status) || p.Type == "revision" {
		return slug, nil
	}
	ctx := tx.Statement.Context
	candidate := slug
	for n := 2; n < 10000; n++ {
		var count int64
		q := tx.Session(&gorm.Session{NewDB: true}).Model(&Post{}).Where("slug = ? AND type = ? AND id <> ?", candidate, p.Type, p.ID)
		if p.Type == "page" {
			q = q.Where("parent_id = ?", p.ParentID)
		}
		if err := q.Count(&count).Error; err != nil {
			return "", Internal(err)
		}
		if count == 0 && !s.slugConflictsWithRoute(ctx, candidate, p) {
			return candidate, nil
		}
		candidate = fmt.Sprintf("%s-%d", slug, n)
	}
	return "", newError(KindConflict, ReasonSlugExhausted)
}

// addPostTypeSlugIndex is migration step 970: an index on (type, slug),
// which the unique-slug check of every post write looks up. Without it
// SQLite, which keeps no statistics, chose the (type, status, date) index and
// read every post of the type, so each write slowed as the site grew.
func addPostTypeSlugIndex(tx *gorm.DB) error {
	if tx.Migrator().HasIndex(&Post{}, "idx_posts_type_slug") {
		return nil
	}
	return tx.Migrator().CreateIndex(&Post{}, "idx_posts_type_slug")
}

// authorizePostWrite checks that actor may give p (the post as it will be
// saved) its status, author and stickiness, in the order and with the
// messages of WordPress's REST permission checks.
func authorizePostWrite(actor *User, p *Post, creating bool, in PostInput) error {
	if in.AuthorID != nil && *in.AuthorID != actor.ID && !CanEditOthersPosts(actor, p.Type) {
		if creating {
			return errCannotEditOthers
		}
		return errCannotUpdateAsOthers
	}
	if in.Sticky != nil && *in.Sticky && !CanStick(actor, p.Type, in.StickyRule) {
		return errCannotAssignSticky
	}
	return nil
}

// authorizePostStatus checks the capability a requested status needs, which
// WordPress checks after the create or edit capability.
func authorizePostStatus(actor *User, p *Post, in PostInput) error {
	if in.Status != nil {
		switch *in.Status {
		case "private":
			if !CanPublish(actor, p.Type) {
				return errCannotMakePrivate
			}
		case "publish", "future":
			if !CanPublish(actor, p.Type) {
				return errCannotPublish
			}
		}
	}
	return nil
}

// applyPostInput copies given fields onto p.
func applyPostInput(p *Post, in PostInput) {
	if in.Title != nil {
		p.Title = *in.Title
	}
	if in.Content != nil {
		p.Content = *in.Content
	}
	if in.Excerpt != nil {
		p.Excerpt = *in.Excerpt
	}
	if in.Status != nil {
		p.Status = *in.Status
	}
	if in.AuthorID != nil {
		p.AuthorID = *in.AuthorID
	}
	if in.Password != nil {
		p.Password = *in.Password
	}
	if in.CommentStatus != nil {
		p.CommentStatus = *in.CommentStatus
	}
	if in.PingStatus != nil {
		p.PingStatus = *in.PingStatus
	}
	if in.Sticky != nil {
		p.Sticky = *in.Sticky
	}
	if in.Format != nil {
		f := *in.Format
		if f == "standard" {
			f = ""
		}
		p.Format = f
	}
	if in.ParentID != nil {
		p.ParentID = *in.ParentID
	}
	if in.MenuOrder != nil {
		p.MenuOrder = *in.MenuOrder
	}
	if in.Template != nil {
		p.Template = *in.Template
	}
	if in.FeaturedMediaID != nil {
		p.FeaturedMediaID = *in.FeaturedMediaID
	}
	if in.PatternSyncStatus != nil && p.Type == "wp_block" && validPatternSyncStatus(*in.PatternSyncStatus) {
		p.PatternSyncStatus = *in.PatternSyncStatus
	}
	if p.Type == TemplateType || p.Type == TemplatePartType {
		for _, f := range []struct {
			dst *string
			src *string
		}{{&p.TemplateTheme, in.TemplateTheme}, {&p.TemplateArea, in.TemplateArea}, {&p.TemplateOrigin, in.TemplateOrigin}} {
			if f.src != nil {
				*f.dst = *f.src
			}
		}
	}
}

// settleDates fixes the post's local and GMT dates from the input, and turns
// a "publish" with a date in the future into "future" (and the reverse), as
// wp_insert_post does. A new post's modified date is its date; an update's
// is now.
func (s *Store) settleDates(ctx context.Context, p *Post, in PostInput, creating bool) {
	now := s.now()
	switch {
	case in.DateGMT != nil:
		p.DateGMT = in.DateGMT.UTC()
		p.Date = s.GMTToLocal(ctx, p.DateGMT)
	case in.Date != nil:
		p.Date = *in.Date
		p.DateGMT = s.LocalToGMT(ctx, p.Date)
	case creating || p.HasFloatingDate() && !isDraftLike(p.Status):
		p.DateGMT = now
		p.Date = s.GMTToLocal(ctx, now)
	}
	if isDraftLike(p.Status) && in.Date == nil && in.DateGMT == nil && (creating || p.HasFloatingDate()) {
		// A draft's date floats with "now" until it is given one or published.
		p.Date = s.GMTToLocal(ctx, now)
		p.DateGMT = time.Time{}
	}
	if p.Status == "publish" && !p.DateGMT.IsZero() && p.DateGMT.After(now) {
		p.Status = "future"
	} else if p.Status == "future" && !p.DateGMT.IsZero() && !p.DateGMT.After(now) {
		p.Status = "publish"
	}
	if creating {
		p.Modified = p.Date
		p.ModifiedGMT = p.DateGMT
		if p.ModifiedGMT.IsZero() {
			p.ModifiedGMT = s.LocalToGMT(ctx, p.Date)
		}
		return
	}
	p.ModifiedGMT = now
	p.Modified = s.GMTToLocal(ctx, now)
}

func isDraftLike(status string) bool {
	return status == "draft" || status == "pending" || status == "auto-draft"
}

// CreatePost creates a post (or page) as actor, with WordPress's checks:
// edit capability of the type, publish capability for public statuses,
// edit_others for another author, non-empty content, a unique slug.
// Errors: forbidden (ReasonCannotCreatePost, ReasonCannotPublish, …),
// invalid (ReasonEmptyPostContent, ReasonInvalidAuthor), internal.
func (s *Store) CreatePost(ctx context.Context, actor *User, in PostInput) (*Post, error) {
	if in.Type == "" {
		in.Type = "post"
	}
	if err := s.checkPostSize(in, nil); err != nil {
		return nil, err
	}
	p := &Post{
		Type:          in.Type,
		Status:        "draft",
		CommentStatus: s.Option(ctx, "default_comment_status"),
		PingStatus:    s.Option(ctx, "default_ping_status"),
	}
	if in.Type == "page" {
		p.CommentStatus = "closed"
		p.PingStatus = "closed"
	}
	if actor != nil {
		p.AuthorID = actor.ID
	}
	// Without unfiltered_html, HTML is filtered before it is stored (kses_filter.go).
	ksesPostInput(actor, &in)
	applyPostInput(p, in)
	if !IsPostStatus(p.Status) {
		return nil, errInvalidStatus
	}
	if actor != nil {
		if err := authorizePostWrite(actor, p, true, in); err != nil {
			return nil, err
		}
	}
	if !CanCreatePost(actor, in.Type) {
		return nil, errCannotCreate
	}
	if err := authorizePostStatus(actor, p, in); err != nil {
		return nil, err
	}
	if err := s.checkFeaturedMedia(ctx, in); err != nil {
		return nil, err
	}
	if p.AuthorID != actor.ID {
		if _, err := s.UserByID(ctx, p.AuthorID); err != nil {
			if IsNotFound(err) {
				return nil, errInvalidAuthor
			}
			return nil, err
		}
	}
	if strings.TrimSpace(p.Title) == "" && strings.TrimSpace(p.Content) == "" && strings.TrimSpace(p.Excerpt) == "" {
		return nil, errEmptyContent
	}
	s.settleDates(ctx, p, in, true)
	err := s.transaction(ctx, func(tx *gorm.DB) error {
		slug := ""
		if in.Slug != nil {
			slug = SanitizeTitle(*in.Slug)
		} else if !isDraftLike(p.Status) {
			slug = SanitizeTitle(p.Title)
		}
		p.ID = 0 // a retried run inserts afresh (write_retry.go)
		if err := tx.Create(p).Error; err != nil {
			return Internal(err)
		}
		if err := s.fileUnderDefaultCategory(tx, p); err != nil {
			return err
		}
		if slug == "" && !isDraftLike(p.Status) {
			slug = strconv.FormatUint(p.ID, 10)
		}
		unique, err := s.uniqueSlug(tx, slug, p)
		if err != nil {
			return err
		}
		changed := map[string]any{}
		if unique != p.Slug {
			// Only a changed slug is written: a draft keeps the empty slug
			// it was inserted with, and its two indexes stay untouched.
			changed["slug"] = unique
		}
		p.Slug = unique
		// WordPress fixes the GUID once, at creation, to the link the post
		// has then.
		p.GUID = s.Permalink(ctx, p, actor)
		changed["guid"] = p.GUID
		return tx.Model(&Post{}).Where("id = ?", p.ID).Updates(changed).Error
	})
	if err != nil {
		return nil, AsError(err)
	}
	return p, nil
}

// UpdatePost changes a post as actor and records a revision when its title,
// content or excerpt changed. Errors: not found (ReasonInvalidPostID),
// forbidden (ReasonCannotEditPost, ReasonCannotPublish, …), conflict
// (if_not_modified_since), invalid, internal.
func (s *Store) UpdatePost(ctx context.Context, actor *User, id uint64, in PostInput) (*Post, error) {
	p, err := s.PostByID(ctx, id)
	if err != nil {
		return nil, err
	}
	if p.Type == "revision" {
		return nil, errPostInvalidID
	}
	if !CanEditPost(actor, p) {
		return nil, errCannotEdit
	}
	if err := authorizePostWrite(actor, p, false, in); err != nil {
		return nil, err
	}
	if err := authorizePostStatus(actor, p, in); err != nil {
		return nil, err
	}
	if in.IfNotModifiedSince != nil && p.ModifiedGMT.After(*in.IfNotModifiedSince) {
		return nil, newError(KindConflict, ReasonEditConflict)
	}
	if err := s.checkFeaturedMedia(ctx, in); err != nil {
		return nil, err
	}
	if err := s.checkPostSize(in, p); err != nil {
		return nil, err
	}
	// Without unfiltered_html, HTML is filtered before it is stored (kses_filter.go).
	ksesPostInput(actor, &in)
	applyPostInput(p, in)
	if !IsPostStatus(p.Status) {
		return nil, errInvalidStatus
	}
	if in.AuthorID != nil {
		if _, err := s.UserByID(ctx, *in.AuthorID); err != nil {
			if IsNotFound(err) {
				return nil, errInvalidAuthor
			}
			return nil, err
		}
	}
	s.settleDates(ctx, p, in, false)
	err = s.transaction(ctx, func(tx *gorm.DB) error {
		slug := p.Slug
		if in.Slug != nil {
			slug = SanitizeTitle(*in.Slug)
		}
		if slug == "" && !isDraftLike(p.Status) && p.Status != "trash" {
			slug = SanitizeTitle(p.Title)
			if slug == "" {
				slug = strconv.FormatUint(p.ID, 10)
			}
		}
		unique, err := s.uniqueSlug(tx, slug, p)
		if err != nil {
			return err
		}
		p.Slug = unique
		if err := tx.Select("*").Omit("id").Where("id = ?", p.ID).Updates(p).Error; err != nil {
			return Internal(err)
		}
		return s.saveRevision(tx, p, actor)
	})
	if err != nil {
		return nil, AsError(err)
	}
	return p, nil
}

// trashedSuffix marks the slug of a trashed post so that a new post can take
// the slug, as WordPress's wp_add_trashed_suffix_to_post_name_for_post does.
const trashedSuffix = "__trashed"

// TrashPost moves a post to the trash, as REST's DELETE without force does:
// its slug gets the "__trashed" suffix and, as for any update, a revision is
// recorded when the content changed since the last one.
// Errors: not found, forbidden (ReasonCannotDeletePost), gone
// (ReasonPostAlreadyTrashed).
func (s *Store) TrashPost(ctx context.Context, actor *User, id uint64) (*Post, error) {
	p, err := s.PostByID(ctx, id)
	if err != nil {
		return nil, err
	}
	if p.Type == "revision" {
		return nil, errPostInvalidID
	}
	if !CanDeletePost(actor, p) {
		return nil, errCannotDelete
	}
	if p.Status == "trash" {
		return nil, errAlreadyTrashed
	}
	now := s.now()
	p.Status = "trash"
	if !strings.HasSuffix(p.Slug, trashedSuffix) {
		p.Slug += trashedSuffix
	}
	p.ModifiedGMT = now
	p.Modified = s.GMTToLocal(ctx, now)
	err = s.transaction(ctx, func(tx *gorm.DB) error {
		res := tx.Model(&Post{}).Where("id = ?", p.ID).Updates(map[string]any{
			"status": p.Status, "slug": p.Slug, "modified_gmt": p.ModifiedGMT, "modified": p.Modified,
		})
		if res.Error != nil {
			return Internal(res.Error)
		}
		return s.saveRevision(tx, p, actor)
	})
	if err != nil {
		return nil, AsError(err)
	}
	return p, nil
}

// DeletePost deletes a post for good, with its revisions and term
// relationships, and returns it as it was; its child pages and attachments
// move to its own parent.
// Errors: not found, forbidden (ReasonCannotDeletePost).
func (s *Store) DeletePost(ctx context.Context, actor *User, id uint64) (*Post, error) {
	p, err := s.PostByID(ctx, id)
	if err != nil {
		return nil, err
	}
	if !CanDeletePost(actor, p) {
		return nil, errCannotDelete
	}
	if p.Type == "attachment" {
		// As wp_delete_post hands attachments to wp_delete_attachment: the
		// file and the featured-image references go too.
		m, err := s.deleteMedia(ctx, actor, p.ID)
		if err != nil {
			return nil, err
		}
		return m.Post, nil
	}
	err = s.transaction(ctx, func(tx *gorm.DB) error {
		if err := tx.Model(&Post{}).Where("parent_id = ? AND type = ?", p.ID, "revision").Delete(&Post{}).Error; err != nil {
			return Internal(err)
		}
		if err := tx.Where("post_id = ?", p.ID).Delete(&TermRelationship{}).Error; err != nil {
			return Internal(err)
		}
		if err := tx.Where("post_id = ?", p.ID).Delete(&PostMeta{}).Error; err != nil {
			return Internal(err)
		}
		// Children of the same type and attachments move up one level, as
		// wp_delete_post does, instead of pointing at a missing parent.
		if err := tx.Model(&Post{}).Where("parent_id = ? AND type IN ?", p.ID, []string{p.Type, "attachment"}).
			Update("parent_id", p.ParentID).Error; err != nil {
			return Internal(err)
		}
		return tx.Where("id = ?", p.ID).Delete(&Post{}).Error
	})
	if err != nil {
		return nil, AsError(err)
	}
	return p, nil
}
