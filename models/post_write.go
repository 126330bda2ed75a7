package models

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"
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
}

// Errors of post writes, with WordPress's REST codes.
var (
	errCannotCreate       = E(KindForbidden, "rest_cannot_create", "Sorry, you are not allowed to create posts as this user.")
	errCannotEdit         = E(KindForbidden, "rest_cannot_edit", "Sorry, you are not allowed to edit this post.")
	errCannotDelete       = E(KindForbidden, "rest_cannot_delete", "Sorry, you are not allowed to delete this post.")
	errCannotPublish      = E(KindForbidden, "rest_cannot_publish", "Sorry, you are not allowed to publish posts in this post type.")
	errCannotEditOthers   = E(KindForbidden, "rest_cannot_edit_others", "Sorry, you are not allowed to create posts as this user.")
	errCannotAssignSticky = E(KindForbidden, "rest_cannot_assign_sticky", "Sorry, you are not allowed to make posts sticky.")
	errEmptyContent       = E(KindInvalid, "empty_content", "Content, title, and excerpt are empty.")
	errAlreadyTrashed     = E(KindGone, "rest_already_trashed", "The post has already been deleted.")
	errInvalidAuthor      = E(KindInvalid, "rest_invalid_author", "Invalid author ID.")
	errInvalidStatus      = E(KindInvalid, "rest_invalid_param", "Invalid post status.")
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

var (
	slugStrip = regexp.MustCompile(`&.+?;|<[^>]*>`)
	slugBad   = regexp.MustCompile(`[^a-z0-9 _-]+`)
	slugDash  = regexp.MustCompile(`[\s-]+`)
)

// SanitizeTitle turns a title into a slug the way WordPress's
// sanitize_title_with_dashes does for ASCII: tags and entities removed,
// accents folded, lower case, runs of anything else become one dash.
func SanitizeTitle(title string) string {
	s := slugStrip.ReplaceAllString(title, "")
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		b.WriteRune(r)
	}
	s = strings.ToLower(b.String())
	s = strings.ReplaceAll(s, ".", "-")
	s = slugBad.ReplaceAllString(s, "")
	s = strings.ReplaceAll(s, "_", "-")
	s = slugDash.ReplaceAllString(s, "-")
	s = strings.Trim(s, "-")
	if len(s) > 200 {
		s = strings.TrimRight(s[:200], "-")
	}
	return s
}

// uniqueSlug appends -2, -3, … until no other post of the same type uses the
// slug, as wp_unique_post_slug does.
func (s *Store) uniqueSlug(tx *gorm.DB, slug, postType string, selfID uint64) (string, error) {
	if slug == "" {
		return "", nil
	}
	candidate := slug
	for n := 2; n < 10000; n++ {
		var count int64
		err := tx.Model(&Post{}).Where("slug = ? AND type = ? AND id <> ? AND status <> ?", candidate, postType, selfID, "inherit").Count(&count).Error
		if err != nil {
			return "", Internal(err)
		}
		if count == 0 {
			return candidate, nil
		}
		candidate = fmt.Sprintf("%s-%d", slug, n)
	}
	return "", E(KindConflict, "slug_exhausted", "No unique slug could be found.")
}

// authorizePostWrite checks that actor may give p (the post as it will be
// saved) its status, author and stickiness.
func authorizePostWrite(actor *User, p *Post, creating bool, prevStatus string, in PostInput) error {
	c := capsForType(p.Type)
	if in.AuthorID != nil && *in.AuthorID != actor.ID && !actor.HasCap(c.editOthers) {
		if creating {
			return errCannotEditOthers
		}
		return errCannotEditOthers.WithStatus(0).withMessage("Sorry, you are not allowed to update posts as this user.")
	}
	switch p.Status {
	case "publish", "future", "private":
		if p.Status != prevStatus && !actor.HasCap(c.publish) {
			return errCannotPublish
		}
	}
	if in.Sticky != nil && *in.Sticky && !actor.HasCap(c.editOthers) {
		return errCannotAssignSticky
	}
	return nil
}

func (e *Error) withMessage(m string) *Error { c := *e; c.Message = m; return &c }

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
}

// settleDates fixes the post's local and GMT dates from the input, and turns
// a "publish" with a date in the future into "future" (and the reverse), as
// wp_insert_post does.
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
	} else if p.Status == "future" && !p.DateGMT.After(now) {
		p.Status = "publish"
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
// Errors: forbidden (rest_cannot_create, rest_cannot_publish, …),
// invalid (empty_content, rest_invalid_author), internal.
func (s *Store) CreatePost(ctx context.Context, actor *User, in PostInput) (*Post, error) {
	if in.Type == "" {
		in.Type = "post"
	}
	c := capsForType(in.Type)
	if actor == nil || !actor.HasCap(c.edit) {
		if in.Type == "page" {
			return nil, errCannotCreate.withMessage("Sorry, you are not allowed to create pages as this user.")
		}
		return nil, errCannotCreate
	}
	p := &Post{
		Type:          in.Type,
		Status:        "draft",
		AuthorID:      actor.ID,
		CommentStatus: s.Option(ctx, "default_comment_status"),
		PingStatus:    s.Option(ctx, "default_ping_status"),
	}
	if in.Type == "page" {
		p.CommentStatus = "closed"
	}
	applyPostInput(p, in)
	if !IsPostStatus(p.Status) {
		return nil, errInvalidStatus
	}
	if err := authorizePostWrite(actor, p, true, "", in); err != nil {
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
		if err := tx.Create(p).Error; err != nil {
			return Internal(err)
		}
		if slug == "" && !isDraftLike(p.Status) {
			slug = strconv.FormatUint(p.ID, 10)
		}
		unique, err := s.uniqueSlug(tx, slug, p.Type, p.ID)
		if err != nil {
			return err
		}
		p.Slug = unique
		p.GUID = s.postGUID(ctx, p)
		return tx.Model(&Post{}).Where("id = ?", p.ID).Updates(map[string]any{"slug": p.Slug, "guid": p.GUID}).Error
	})
	if err != nil {
		return nil, AsError(err)
	}
	return p, nil
}

func (s *Store) postGUID(ctx context.Context, p *Post) string {
	base := strings.TrimRight(s.Config.SiteURL, "/")
	if p.Type == "page" {
		return fmt.Sprintf("%s/?page_id=%d", base, p.ID)
	}
	return fmt.Sprintf("%s/?p=%d", base, p.ID)
}

// UpdatePost changes a post as actor. Errors: not found (rest_post_invalid_id),
// forbidden (rest_cannot_edit, rest_cannot_publish, …), conflict
// (if_not_modified_since), invalid, internal.
func (s *Store) UpdatePost(ctx context.Context, actor *User, id uint64, in PostInput) (*Post, error) {
	p, err := s.PostByID(ctx, id)
	if err != nil {
		return nil, err
	}
	if !CanOnPost(actor, "edit_post", p) {
		return nil, errCannotEdit
	}
	if in.IfNotModifiedSince != nil && p.ModifiedGMT.After(*in.IfNotModifiedSince) {
		return nil, E(KindConflict, "xmlrpc_edit_conflict", "There is a revision of this post that is more recent.")
	}
	prevStatus := p.Status
	applyPostInput(p, in)
	if !IsPostStatus(p.Status) {
		return nil, errInvalidStatus
	}
	if err := authorizePostWrite(actor, p, false, prevStatus, in); err != nil {
		return nil, err
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
		if slug == "" && !isDraftLike(p.Status) {
			slug = SanitizeTitle(p.Title)
			if slug == "" {
				slug = strconv.FormatUint(p.ID, 10)
			}
		}
		unique, err := s.uniqueSlug(tx, slug, p.Type, p.ID)
		if err != nil {
			return err
		}
		p.Slug = unique
		return tx.Select("*").Omit("id").Where("id = ?", p.ID).Updates(p).Error
	})
	if err != nil {
		return nil, AsError(err)
	}
	return p, nil
}

// TrashPost moves a post to the trash, as REST's DELETE without force does.
// Errors: not found, forbidden (rest_cannot_delete), gone
// (rest_already_trashed).
func (s *Store) TrashPost(ctx context.Context, actor *User, id uint64) (*Post, error) {
	p, err := s.PostByID(ctx, id)
	if err != nil {
		return nil, err
	}
	if !CanOnPost(actor, "delete_post", p) {
		return nil, errCannotDelete
	}
	if p.Status == "trash" {
		return nil, errAlreadyTrashed
	}
	now := s.now()
	res := s.withContext(ctx).Model(&Post{}).Where("id = ?", p.ID).Updates(map[string]any{
		"status": "trash", "modified_gmt": now, "modified": s.GMTToLocal(ctx, now),
	})
	if res.Error != nil {
		return nil, Internal(res.Error)
	}
	p.Status = "trash"
	p.ModifiedGMT = now
	p.Modified = s.GMTToLocal(ctx, now)
	return p, nil
}

// DeletePost deletes a post for good and returns it as it was.
// Errors: not found, forbidden (rest_cannot_delete).
func (s *Store) DeletePost(ctx context.Context, actor *User, id uint64) (*Post, error) {
	p, err := s.PostByID(ctx, id)
	if err != nil {
		return nil, err
	}
	if !CanOnPost(actor, "delete_post", p) {
		return nil, errCannotDelete
	}
	err = s.transaction(ctx, func(tx *gorm.DB) error {
		if err := tx.Model(&Post{}).Where("parent_id = ? AND type = ?", p.ID, "revision").Delete(&Post{}).Error; err != nil {
			return Internal(err)
		}
		return tx.Where("id = ?", p.ID).Delete(&Post{}).Error
	})
	if err != nil {
		return nil, AsError(err)
	}
	return p, nil
}
