package models

import (
	"context"
	"strings"
	"time"

	"gorm.io/gorm"
)

// Block templates and template parts are WordPress's wp_template and
// wp_template_part: the built-in theme declares some (theme.json beside
// this file), and a site customizes one by saving a post of that type,
// which then wins over the theme's own until it is deleted. The theme a
// post belongs to (WordPress's wp_theme term), a part's area (the
// wp_template_part_area term) and what a customization started from (the
// origin meta) are columns of the post.

// addTemplateColumns is migration step 930.
func addTemplateColumns(tx *gorm.DB) error {
	for _, col := range []string{"TemplateTheme", "TemplateArea", "TemplateOrigin"} {
		if tx.Migrator().HasColumn(&Post{}, col) {
			continue
		}
		if err := tx.Migrator().AddColumn(&Post{}, col); err != nil {
			return err
		}
	}
	return nil
}

// Block template post types.
const (
	TemplateType     = "wp_template"
	TemplatePartType = "wp_template_part"
)

// templatePartAreaUncategorized is WP_TEMPLATE_PART_AREA_UNCATEGORIZED.
const templatePartAreaUncategorized = "uncategorized"

// ThemeTemplate is a template or template part the built-in theme ships.
type ThemeTemplate struct {
	Slug    string `json:"slug"`
	Title   string `json:"title"`
	Area    string `json:"area"`
	Content string `json:"content"`
}

// BlockTemplate is WordPress's WP_Block_Template: a theme's template as
// the theme ships it (Source "theme") or as the site saved it (Source
// "custom", WPID its post).
type BlockTemplate struct {
	ID, Theme, Slug, Type  string
	Content, Title         string
	Description            string
	Source, Origin         string
	Status                 string
	WPID                   uint64
	HasThemeFile, IsCustom bool
	AuthorID               uint64
	Modified               time.Time // site-local; zero for a theme's own
	Area                   string    // parts only
}

// OriginalSource is where the template first came from, as the REST
// field original_source tells it: the theme, the site (a customization
// nobody authored) or a user.
func (t *BlockTemplate) OriginalSource() string {
	if t.HasThemeFile && (t.Origin == "theme" || t.Origin == "" && (t.Source == "theme" || t.Source == "custom")) {
		return "theme"
	}
	if t.Origin == "plugin" {
		return "plugin"
	}
	if !t.HasThemeFile && t.Source == "custom" && t.AuthorID == 0 {
		return "site"
	}
	return "user"
}

// themeTemplates returns what the built-in theme declares for typ.
func themeTemplates(typ string) []ThemeTemplate {
	if typ == TemplatePartType {
		return builtinTheme.TemplateParts
	}
	return builtinTheme.Templates
}

func themeTemplate(typ, slug string) (ThemeTemplate, bool) {
	for _, t := range themeTemplates(typ) {
		if t.Slug == slug {
			return t, true
		}
	}
	return ThemeTemplate{}, false
}

// defaultTemplateType is get_default_block_template_types' entry for slug.
func defaultTemplateType(slug string) (Fields, bool) {
	for _, f := range builtinTheme.DefaultTemplateTypes {
		if f.String("slug") == slug {
			return f, true
		}
	}
	return nil, false
}

// fromTheme is _build_block_template_result_from_file.
func fromTheme(theme string, typ string, tt ThemeTemplate) BlockTemplate {
	t := BlockTemplate{ID: theme + "//" + tt.Slug, Theme: theme, Slug: tt.Slug, Type: typ, Content: tt.Content,
		Title: tt.Title, Source: "theme", Status: "publish", HasThemeFile: true, IsCustom: true}
	if t.Title == "" {
		t.Title = tt.Slug
	}
	if typ == TemplateType {
		if d, ok := defaultTemplateType(tt.Slug); ok {
			t.Title = d.String("title")
			t.Description = d.String("description")
			t.IsCustom = false
		}
	} else {
		t.Area = tt.Area
	}
	return t
}

// fromPost is _build_block_template_object_from_post_object.
func fromPost(stylesheet string, p *Post) BlockTemplate {
	_, inTheme := themeTemplate(p.Type, p.Slug)
	t := BlockTemplate{ID: p.TemplateTheme + "//" + p.Slug, Theme: p.TemplateTheme, Slug: p.Slug, Type: p.Type,
		Content: p.Content, Title: p.Title, Description: p.Excerpt, Source: "custom", Origin: p.TemplateOrigin,
		Status: p.Status, WPID: p.ID, HasThemeFile: inTheme && p.TemplateTheme == stylesheet, IsCustom: true,
		AuthorID: p.AuthorID, Modified: p.Modified}
	if p.Type == TemplateType {
		if _, ok := defaultTemplateType(p.Slug); ok {
			t.IsCustom = false
		}
	} else {
		t.Area = p.TemplateArea
	}
	return t
}

// BlockTemplateQuery narrows BlockTemplates as get_block_templates' query.
type BlockTemplateQuery struct {
	WPID     uint64 // 0: any
	Area     string // parts only; "": any
	PostType string // templates meant for one post type; "": any
}

// splitTemplateID splits "theme//slug"; ok is false for anything else.
func splitTemplateID(id string) (theme, slug string, ok bool) {
	theme, slug, ok = strings.Cut(id, "//")
	return theme, slug, ok && theme != "" && slug != ""
}

// templatePosts reads the saved templates of typ for theme.
func (s *Store) templatePosts(ctx context.Context, typ, theme string, where func(*gorm.DB) *gorm.DB) ([]Post, error) {
	q := s.withContext(ctx).Where("type = ? AND template_theme = ? AND status IN ?", typ, theme, []string{"auto-draft", "draft", "publish"})
	if where != nil {
		q = where(q)
	}
	var posts []Post
	if err := q.Order("date DESC, id DESC").Find(&posts).Error; err != nil {
		return nil, Internal(err)
	}
	return posts, nil
}

// BlockTemplates lists the active theme's templates of typ as WordPress's
// get_block_templates: the saved ones first, newest first, then the
// theme's own that were not customized.
// Errors: internal.
func (s *Store) BlockTemplates(ctx context.Context, typ string, q BlockTemplateQuery) ([]BlockTemplate, error) {
	theme := s.ActiveTheme(ctx).Stylesheet
	posts, err := s.templatePosts(ctx, typ, theme, func(db *gorm.DB) *gorm.DB {
		if q.WPID != 0 {
			db = db.Where("id = ?", q.WPID)
		}
		if typ == TemplatePartType && q.Area != "" {
			db = db.Where("template_area = ?", q.Area)
		}
		return db
	})
	if err != nil {
		return nil, err
	}
	out := []BlockTemplate{}
	saved := map[string]bool{}
	for i := range posts {
		out = append(out, fromPost(theme, &posts[i]))
		saved[posts[i].Slug] = true
	}
	// The theme's own have no post: a wp_id filter never matches them, and
	// the built-in theme ties none to a post type.
	if q.WPID != 0 || q.PostType != "" {
		return out, nil
	}
	for _, tt := range themeTemplates(typ) {
		if saved[tt.Slug] || typ == TemplatePartType && q.Area != "" && tt.Area != q.Area {
			continue
		}
		out = append(out, fromTheme(theme, typ, tt))
	}
	return out, nil
}

var errTemplateNotFound = newError(KindNotFound, ReasonTemplateNotFound)

// BlockTemplate is get_block_template: the saved template with that id
// ("theme//slug"), else the active theme's own.
// Errors: not found (ReasonTemplateNotFound), internal.
func (s *Store) BlockTemplate(ctx context.Context, typ, id string) (*BlockTemplate, error) {
	theme, slug, ok := splitTemplateID(id)
	if !ok {
		return nil, errTemplateNotFound
	}
	stylesheet := s.ActiveTheme(ctx).Stylesheet
	var p Post
	err := s.withContext(ctx).Where("type = ? AND template_theme = ? AND slug = ? AND status IN ?", typ, theme, slug,
		[]string{"auto-draft", "draft", "publish", "trash"}).Order("id DESC").Take(&p).Error
	switch {
	case err == nil:
		t := fromPost(stylesheet, &p)
		return &t, nil
	case err != gorm.ErrRecordNotFound:
		return nil, Internal(err)
	}
	return s.ThemeBlockTemplate(ctx, typ, id)
}

// ThemeBlockTemplate is get_block_file_template: the active theme's own
// template with that id, customized or not.
// Errors: not found (ReasonTemplateNotFound).
func (s *Store) ThemeBlockTemplate(ctx context.Context, typ, id string) (*BlockTemplate, error) {
	theme, slug, ok := splitTemplateID(id)
	if !ok || theme != s.ActiveTheme(ctx).Stylesheet {
		return nil, errTemplateNotFound
	}
	tt, ok := themeTemplate(typ, slug)
	if !ok {
		return nil, errTemplateNotFound
	}
	t := fromTheme(theme, typ, tt)
	return &t, nil
}

// BlockTemplateInput is what a client may set on a template.
type BlockTemplateInput struct {
	Slug        string // create only
	Theme       string // create only; "": the active theme
	Content     *string
	Title       *string
	Description *string
	Area        *string // parts only
	AuthorID    *uint64
}

// templatePartArea is _filter_block_template_part_area: an area WordPress
// does not know becomes "uncategorized".
func templatePartArea(area string) string {
	for _, a := range builtinTheme.DefaultTemplatePartAreas {
		if a.String("area") == area {
			return area
		}
	}
	return templatePartAreaUncategorized
}

// SaveBlockTemplate creates a template (current nil) or saves changes to
// one, as the templates controller's prepare_item_for_database and
// wp_insert_post/wp_update_post: a theme's own becomes a custom post that
// starts from the theme's content, title and description.
// Errors: forbidden (edit_theme_options), invalid (empty_content,
// ReasonInvalidAuthor), internal.
func (s *Store) SaveBlockTemplate(ctx context.Context, actor *User, typ string, current *BlockTemplate, in BlockTemplateInput) (*BlockTemplate, error) {
	publish := "publish"
	pin := PostInput{Type: typ, Status: &publish, Content: in.Content, Title: in.Title, Excerpt: in.Description, AuthorID: in.AuthorID}
	theme := in.Theme
	if current == nil && theme == "" {
		theme = s.ActiveTheme(ctx).Stylesheet
	}
	slug := in.Slug
	if current != nil {
		theme, slug = current.Theme, current.Slug
	}
	if current == nil || current.Source != "custom" {
		pin.Slug = &slug
		pin.TemplateTheme = &theme
	}
	if current != nil && current.Source != "custom" {
		origin := current.Source
		pin.TemplateOrigin = &origin
		if pin.Content == nil {
			pin.Content = &current.Content
		}
		if pin.Title == nil {
			pin.Title = &current.Title
		}
		if pin.Excerpt == nil {
			pin.Excerpt = &current.Description
		}
	}
	if typ == TemplatePartType {
		switch {
		case in.Area != nil:
			a := templatePartArea(*in.Area)
			pin.TemplateArea = &a
		case current != nil && current.Source != "custom" && current.Area != "":
			a := templatePartArea(current.Area)
			pin.TemplateArea = &a
		case current == nil || current.Area == "":
			a := templatePartAreaUncategorized
			pin.TemplateArea = &a
		}
	}
	var p *Post
	var err error
	if current != nil && current.Source == "custom" {
		p, err = s.UpdatePost(ctx, actor, current.WPID, pin)
	} else {
		p, err = s.CreatePost(ctx, actor, pin)
	}
	if err != nil {
		return nil, err
	}
	t := fromPost(s.ActiveTheme(ctx).Stylesheet, p)
	return &t, nil
}

var errThemeTemplateDelete = newError(KindInvalid, ReasonThemeTemplateUndeletable)

// DeleteBlockTemplate removes a saved template (to the trash unless
// force), so that the theme's own shows again. A theme's own template
// cannot be removed.
// Errors: invalid (ReasonThemeTemplateUndeletable), gone (already trashed),
// forbidden, internal.
func (s *Store) DeleteBlockTemplate(ctx context.Context, actor *User, t *BlockTemplate, force bool) error {
	if t.Source != "custom" {
		return errThemeTemplateDelete
	}
	if force {
		_, err := s.DeletePost(ctx, actor, t.WPID)
		return err
	}
	if t.Status == "trash" {
		return newError(KindGone, ReasonTemplateAlreadyTrashed)
	}
	_, err := s.TrashPost(ctx, actor, t.WPID)
	return err
}
