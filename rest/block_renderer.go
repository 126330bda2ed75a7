package rest

import (
	"fmt"
	"math"
	"net/http"
	"sort"
	"strings"

	"github.com/presspass/presspass/languages"
	"github.com/presspass/presspass/models"
	"github.com/presspass/presspass/models/wptext"
)

// /wp/v2/block-renderer/{name} (WP_REST_Block_Renderer_Controller): the
// server-side rendering of a dynamic block with the attributes the editor
// sends. PressPass renders the dynamic blocks it has data for; every other
// name is block_invalid.

func (s *Server) blockRendererRoutes() []*Route {
	return []*Route{{
		Namespace: "wp/v2",
		Pattern:   `/wp/v2/block-renderer/(?P<name>[a-z0-9-]+/[a-z0-9-]+)`,
		Schema:    blockRendererSchema,
		Endpoints: []*Endpoint{{
			Methods: []string{"GET", "POST"},
			Args: []Arg{
				{Name: "name", Description: "Unique registered name for the block.", Type: "string"},
				ContextArg("view"),
				{Name: "attributes", Description: "Attributes for the block.", Type: "object", Default: map[string]any{},
					Validate: validateBlockAttributes, Sanitize: sanitizeBlockAttributes},
				{Name: "post_id", Description: "ID of the post context.", Type: "integer"},
			},
			Permission: s.canRenderBlock,
			Handler:    s.renderBlock,
		}},
	}}
}

// blockAttributesArg is the schema the attributes of block name must fit
// (no attribute it does not declare), or false for a name PressPass does
// not render: get_item rejects those.
func blockAttributesArg(r *Request) (*Arg, bool) {
	block, ok := models.DynamicBlock(r.URLParam("name"))
	if !ok {
		return nil, false
	}
	props := make(map[string]*Arg, len(block.Attributes))
	for name, a := range block.Attributes {
		props[name] = &Arg{Type: a.Type, Minimum: a.Minimum, Maximum: a.Maximum}
	}
	return &Arg{Type: "object", Properties: props}, true
}

func validateBlockAttributes(r *Request, v any) error {
	schema, ok := blockAttributesArg(r)
	if !ok {
		return nil
	}
	if e := validateValue(v, schema, "attributes"); e != nil {
		return &apiError{status: http.StatusBadRequest, code: e.code, message: e.message}
	}
	obj, _ := toObject(v)
	names := make([]string, 0, len(obj))
	for k := range obj {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		if _, declared := schema.Properties[k]; !declared {
			return Errf(http.StatusBadRequest, "rest_additional_properties_forbidden", languages.Mark("%s is not a valid property of Object."), k)
		}
	}
	return nil
}

func sanitizeBlockAttributes(r *Request, v any) (any, error) {
	schema, ok := blockAttributesArg(r)
	if !ok {
		return v, nil
	}
	return sanitizeValue(v, schema), nil
}

// canRenderBlock: edit_posts, or with a post_id, edit_post on that post.
func (s *Server) canRenderBlock(r *Request) error {
	if id := r.Int("post_id"); id > 0 {
		p, err := s.store.PostByID(r.Ctx(), uint64(id))
		if err != nil || !models.CanEditPost(r.User, p) {
			return Forbidden("block_cannot_read", languages.Mark("Sorry, you are not allowed to read blocks of this post."))
		}
		return nil
	}
	if !models.CanEditPosts(r.User, "post") {
		return Forbidden("block_cannot_read", languages.Mark("Sorry, you are not allowed to read blocks as this user."))
	}
	return nil
}

func (s *Server) renderBlock(r *Request) (*Response, error) {
	block, ok := models.DynamicBlock(r.URLParam("name"))
	if !ok {
		return nil, Err(http.StatusNotFound, "block_invalid", languages.Mark("Invalid block."))
	}
	given, _ := r.Param("attributes").(map[string]any)
	attrs := block.WithDefaults(given)
	var rendered string
	switch block.Name {
	case "core/archives":
		html, err := s.renderArchivesBlock(r, attrs)
		if err != nil {
			return nil, err
		}
		rendered = html
	case "core/tag-cloud":
		html, err := s.renderTagCloudBlock(r, attrs)
		if err != nil {
			return nil, err
		}
		rendered = html
	case "core/latest-comments":
		html, err := s.renderLatestCommentsBlock(r, attrs)
		if err != nil {
			return nil, err
		}
		rendered = html
	case "core/calendar":
		html, err := s.renderCalendarBlock(r, attrs)
		if err != nil {
			return nil, err
		}
		rendered = html
	}
	return NewResponse(http.StatusOK, Obj("rendered", rendered)), nil
}

func (s *Server) renderArchivesBlock(r *Request, attrs map[string]any) (string, error) {
	typ, _ := attrs["type"].(string)
	periods, err := s.store.DateArchives(r.Ctx(), typ)
	if err != nil {
		return "", err
	}
	b := wptext.ArchivesBlock{
		DisplayAsDropdown: truthy(attrs["displayAsDropdown"]),
		ShowLabel:         truthy(attrs["showLabel"]),
		ShowPostCounts:    truthy(attrs["showPostCounts"]),
		Type:              typ,
		DropdownID:        "wp-block-archives-1",
		DateFormat:        s.store.Option(r.Ctx(), "date_format"),
		Wrapper:           blockWrapper(attrs),
		Words:             blockWords(r.Locale()),
	}
	for _, p := range periods {
		b.Periods = append(b.Periods, wptext.ArchivePeriod{Year: p.Year, Month: p.Month, Day: p.Day, Posts: p.Posts, URL: p.Link})
	}
	return wptext.RenderArchivesBlock(b), nil
}

// renderTagCloudBlock lists the most used terms of the block's taxonomy as
// wp_tag_cloud picks them (by count, empty ones left out); an unknown
// taxonomy shows the block's note, as get_terms' error does.
func (s *Server) renderTagCloudBlock(r *Request, attrs map[string]any) (string, error) {
	small, unit := wptext.TagCloudFontSize(fmt.Sprint(attrs["smallestFontSize"]))
	large, _ := wptext.TagCloudFontSize(fmt.Sprint(attrs["largestFontSize"]))
	number := 45
	if n, ok := attrs["numberOfTags"].(float64); ok {
		number = int(n)
	}
	locale := r.Locale()
	b := wptext.TagCloudBlock{ShowCounts: truthy(attrs["showTagCounts"]), Number: number,
		Smallest: small, Largest: large, Unit: unit, Wrapper: blockWrapper(attrs), Words: blockWords(locale),
		CountText: func(n int64) string {
			return fmt.Sprintf(languages.Tn(locale, "%s item", "%s items", int(n)), languages.Number(locale, int(n)))
		}}
	taxonomy, _ := attrs["taxonomy"].(string)
	if _, ok := models.TaxonomyByName(taxonomy); ok {
		terms, _, err := s.store.Terms(r.Ctx(), models.TermFilter{Taxonomy: taxonomy, HideEmpty: true, OrderBy: "count", Order: "desc", Limit: number})
		if err != nil {
			return "", err
		}
		ptrs := make([]*models.Term, len(terms))
		for i := range terms {
			ptrs[i] = &terms[i]
		}
		// The links of the whole cloud at once: a category's ancestors in
		// one query, not one per term.
		links := s.store.TermLinks(r.Ctx(), ptrs)
		for i, t := range ptrs {
			b.Terms = append(b.Terms, wptext.TagCloudTerm{ID: t.ID, Name: t.Name, URL: links[i], Count: t.Count})
		}
	}
	return wptext.RenderTagCloudBlock(b), nil
}

// renderLatestCommentsBlock lists the newest approved comments on
// published posts, each with what the block's attributes ask for.
func (s *Server) renderLatestCommentsBlock(r *Request, attrs map[string]any) (string, error) {
	n := 0
	if f, ok := attrs["commentsToShow"].(float64); ok {
		n = int(math.Abs(f)) // absint
	}
	comments, err := s.store.LatestComments(r.Ctx(), n)
	if err != nil {
		return "", err
	}
	locale := r.Locale()
	b := wptext.LatestCommentsBlock{DisplayAvatar: truthy(attrs["displayAvatar"]), DisplayDate: truthy(attrs["displayDate"]),
		DisplayExcerpt: truthy(attrs["displayExcerpt"]), DateFormat: s.store.Option(r.Ctx(), "date_format"), Wrapper: blockWrapper(attrs),
		Words: blockWords(locale)}
	showAvatars := s.store.ShowAvatars(r.Ctx())
	for _, c := range comments {
		e := wptext.LatestCommentsEntry{ID: c.ID, AuthorName: c.AuthorName, AuthorURL: c.AuthorURL, PostTitle: c.PostTitle,
			PostProtected: c.PostProtected, Link: c.Link, Date: c.Date, Content: c.Content}
		// get_avatar: none when avatars are off or for pings.
		if showAvatars && (c.Type == "comment" || c.Type == "") {
			e.AvatarURL, e.AvatarURL2x = models.GravatarURL(c.AvatarEmail, 48), models.GravatarURL(c.AvatarEmail, 96)
			e.AvatarFound = c.AvatarEmail != ""
		}
		b.Comments = append(b.Comments, e)
	}
	return wptext.RenderLatestCommentsBlock(b), nil
}

// renderCalendarBlock shows the site's current month, or the month and
// year the block names when the permalink structure has both (WordPress
// sets get_calendar's $monthnum and $year only then).
func (s *Server) renderCalendarBlock(r *Request, attrs map[string]any) (string, error) {
	ctx := r.Ctx()
	today := s.store.Now().In(s.store.SiteLocation(ctx))
	year, month := today.Year(), int(today.Month())
	structure := s.store.Option(ctx, "permalink_structure")
	y, yok := blockInt(attrs["year"])
	m, mok := blockInt(attrs["month"])
	if yok && mok && y != 0 && m != 0 && strings.Contains(structure, "%monthnum%") && strings.Contains(structure, "%year%") {
		year, month = y, m
	}
	cal, err := s.store.Calendar(ctx, year, month)
	if err != nil {
		return "", err
	}
	b := wptext.CalendarBlock{HasPosts: cal.HasPosts, Year: cal.Year, Month: cal.Month, WeekBegins: s.store.OptionInt(ctx, "start_of_week"),
		Today: today, DayLinks: cal.DayLinks, Colors: calendarColors(attrs), Wrapper: blockWrapper(attrs), Words: blockWords(r.Locale())}
	if cal.Prev != nil {
		b.Prev = &wptext.CalendarLink{Month: cal.Prev.Month, URL: cal.Prev.Link}
	}
	if cal.Next != nil {
		b.Next = &wptext.CalendarLink{Month: cal.Next.Month, URL: cal.Next.Link}
	}
	return wptext.RenderCalendarBlock(b), nil
}

// blockWords binds the blocks' strings to locale (the request's: the
// user's with _locale=user, else the site's), through the catalogs.
func blockWords(locale string) wptext.Words {
	return wptext.Words{
		Gettext:  func(msgid string) string { return languages.T(locale, msgid) },
		Pgettext: func(msgid, context string) string { return languages.Tx(locale, msgid, context) },
	}
}

// calendarColors reads the colour attributes the calendar block applies to
// its table.
func calendarColors(attrs map[string]any) wptext.CalendarColors {
	var c wptext.CalendarColors
	if v, ok := attrs["textColor"]; ok {
		c.HasTextPreset, c.TextPreset = true, fmt.Sprint(v)
	}
	if v, ok := attrs["backgroundColor"]; ok {
		c.HasBackgroundPreset, c.BackgroundPreset = true, fmt.Sprint(v)
	}
	style, _ := attrs["style"].(map[string]any)
	color, _ := style["color"].(map[string]any)
	c.CustomText, _ = color["text"].(string)
	c.CustomBackground, _ = color["background"].(string)
	elements, _ := style["elements"].(map[string]any)
	link, _ := elements["link"].(map[string]any)
	linkColor, _ := link["color"].(map[string]any)
	c.LinkColor = linkColor["text"] != nil
	return c
}

// blockInt reads an integer attribute as decoded from JSON or a query.
func blockInt(v any) (int, bool) {
	switch x := v.(type) {
	case float64:
		return int(x), true
	case int64:
		return int(x), true
	case int:
		return x, true
	}
	return 0, false
}

// blockWrapper takes the supports' attributes PressPass applies.
func blockWrapper(attrs map[string]any) wptext.BlockWrapper {
	align, _ := attrs["align"].(string)
	class, _ := attrs["className"].(string)
	return wptext.BlockWrapper{Align: align, ClassName: class}
}

// truthy is PHP's !empty for a decoded JSON value.
func truthy(v any) bool {
	switch x := v.(type) {
	case nil:
		return false
	case bool:
		return x
	case string:
		return x != "" && x != "0"
	case float64:
		return x != 0
	case int64:
		return x != 0
	}
	return true
}

func blockRendererSchema() *Object {
	return Obj(
		"$schema", "http://json-schema.org/schema#", "title", "rendered-block", "type", "object",
		"properties", Obj(
			"rendered", Obj("description", "The rendered block.", "type", "string", "required", true, "context", []any{"edit"}),
		),
	)
}
