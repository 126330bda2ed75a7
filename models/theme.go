package models

import (
	"context"
	_ "embed"
	"encoding/json"
	"strings"

	"gorm.io/gorm"
)

// Theme is the site's one theme. PressPass renders no theme templates; it
// presents a built-in block theme of its own (theme.json beside this file)
// so that the apps and the block editor find the supports, settings and
// styles they ask for. The theme answers to the site's stylesheet option,
// so that a site moved from WordPress keeps the addresses its clients know.
type Theme struct {
	// Stylesheet and Template name the theme (the stylesheet and template
	// options, "presspass" when unset).
	Stylesheet, Template string
	ThemeData
}

// ThemeData is what the built-in theme declares.
type ThemeData struct {
	Name         string   `json:"name"`
	Version      string   `json:"version"`
	RequiresPHP  string   `json:"requires_php"`
	RequiresWP   string   `json:"requires_wp"`
	TextDomain   string   `json:"textdomain"`
	Author       string   `json:"author"`
	AuthorURI    string   `json:"author_uri"`
	Description  string   `json:"description"`
	ThemeURI     string   `json:"theme_uri"`
	Tags         []string `json:"tags"`
	IsBlockTheme bool     `json:"is_block_theme"`
	// ThemeSupports are the theme features REST shows, by their REST
	// names, in get_registered_theme_features' order.
	ThemeSupports Fields `json:"theme_supports"`
	// DefaultTemplateTypes and DefaultTemplatePartAreas are WordPress's
	// get_default_block_template_types and
	// get_allowed_block_template_part_areas.
	DefaultTemplateTypes     []Fields `json:"default_template_types"`
	DefaultTemplatePartAreas []Fields `json:"default_template_part_areas"`
	// Templates and TemplateParts are the block templates and template
	// parts the theme ships.
	Templates     []ThemeTemplate `json:"templates"`
	TemplateParts []ThemeTemplate `json:"template_parts"`
	// Settings and Styles are the theme's theme.json merged with core's,
	// as the global styles of the theme show them.
	Settings Fields `json:"settings"`
	Styles   Fields `json:"styles"`
}

//go:embed theme.json
var themeJSON []byte

var builtinTheme = func() ThemeData {
	var t ThemeData
	if err := json.Unmarshal(themeJSON, &t); err != nil {
		panic("models: bad embedded theme: " + err.Error())
	}
	return t
}()

// DefaultStylesheet names the built-in theme on a site that never had
// another.
const DefaultStylesheet = "presspass"

// ActiveTheme returns the site's theme.
func (s *Store) ActiveTheme(ctx context.Context) Theme {
	t := Theme{Stylesheet: s.Option(ctx, "stylesheet"), Template: s.Option(ctx, "template"), ThemeData: builtinTheme}
	if t.Stylesheet == "" {
		t.Stylesheet = DefaultStylesheet
	}
	if t.Template == "" {
		t.Template = t.Stylesheet
	}
	return t
}

// CanViewThemes reports whether u may list every theme (switch_themes).
func CanViewThemes(u *User) bool { return u.HasCap("switch_themes") }

// CanReadActiveTheme reports whether u may read the active theme and its
// global styles: anyone who may edit posts of some type.
func CanReadActiveTheme(u *User) bool {
	if CanEditPosts(u, "post") {
		return true
	}
	for _, t := range postTypes {
		if CanEditPostsOfType(u, t) {
			return true
		}
	}
	return false
}

// globalStylesType is the post type of a theme's user global styles.
const globalStylesType = "wp_global_styles"

// userGlobalStylesContent is what WordPress stores in a new user global
// styles post: an empty theme.json of the latest schema, marked as the
// user's.
const userGlobalStylesContent = `{"version": 3, "isGlobalStylesUserThemeJSON": true}`

// UserGlobalStyles returns the post holding the user's global styles of
// the theme named stylesheet, creating it the first time as WordPress's
// get_user_global_styles_post_id does (a published post "Custom Styles"
// named wp-global-styles-<stylesheet>).
// Errors: internal.
func (s *Store) UserGlobalStyles(ctx context.Context, stylesheet string) (*Post, error) {
	slug := "wp-global-styles-" + SanitizeTitle(strings.ReplaceAll(stylesheet, "/", "-"))
	var p Post
	err := s.transaction(ctx, func(tx *gorm.DB) error {
		err := tx.Where("type = ? AND slug = ? AND status = ?", globalStylesType, slug, "publish").Order("id").Take(&p).Error
		if err == nil {
			return nil
		}
		if err != gorm.ErrRecordNotFound {
			return Internal(err)
		}
		now := s.now()
		p = Post{
			Type: globalStylesType, Status: "publish", Title: "Custom Styles", Content: userGlobalStylesContent,
			Slug: slug, CommentStatus: "closed", PingStatus: "closed",
			Date: s.GMTToLocal(ctx, now), DateGMT: now, Modified: s.GMTToLocal(ctx, now), ModifiedGMT: now,
		}
		if err := tx.Create(&p).Error; err != nil {
			return Internal(err)
		}
		p.GUID = s.plainLink(&p)
		return tx.Model(&Post{}).Where("id = ?", p.ID).Update("guid", p.GUID).Error
	})
	if err != nil {
		return nil, AsError(err)
	}
	return &p, nil
}

// BlockLayoutSettings are what a theme's settings tell the blocks' layout
// support when content is rendered: root-padding-aware alignments
// (settings.useRootPaddingAwareAlignments), and whether a block gap is set
// (settings.spacing.blockGap).
type BlockLayoutSettings struct{ RootPaddingAware, BlockGap bool }

// BlockLayout is the built-in theme's BlockLayoutSettings.
var BlockLayout = func() (l BlockLayoutSettings) {
	if v, _ := builtinTheme.Settings.Get("useRootPaddingAwareAlignments"); v == true {
		l.RootPaddingAware = true
	}
	if spacing, ok := builtinTheme.Settings.Get("spacing"); ok {
		if f, ok := spacing.(Fields); ok {
			v, set := f.Get("blockGap")
			l.BlockGap = set && v != nil
		}
	}
	return l
}()
