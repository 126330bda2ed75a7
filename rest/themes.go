package rest

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/presspass/presspass/languages"
	"github.com/presspass/presspass/models"
)

// /wp/v2/themes (WP_REST_Themes_Controller) over the site's one built-in
// theme (models.Theme), and /wp/v2/plugins (WP_REST_Plugins_Controller)
// over a site without plugins.

func (s *Server) themesRoutes() []*Route {
	return []*Route{
		{Namespace: "wp/v2", Pattern: "/wp/v2/themes", Schema: themeSchema, Endpoints: []*Endpoint{{
			Methods: []string{"GET"},
			Args: []Arg{ContextArg("view"), {Name: "status", Description: "Limit result set to themes assigned one or more statuses.", Type: "array",
				Items: &Arg{Type: "string", Enum: []any{"active", "inactive"}, Keywords: kwEnumFirst}}},
			Permission: s.canListThemes, Handler: s.listThemes,
		}}},
		{Namespace: "wp/v2", Pattern: `/wp/v2/themes/(?P<stylesheet>[^\/:<>\*\?"\|]+(?:\/[^\/:<>\*\?"\|]+)?)`, Schema: themeSchema, Endpoints: []*Endpoint{{
			Methods:    []string{"GET"},
			Args:       []Arg{{Name: "stylesheet", Description: "The theme's stylesheet. This uniquely identifies the theme.", Type: "string"}},
			Permission: s.canReadTheme, Handler: s.getTheme,
		}}},
		{Namespace: "wp/v2", Pattern: "/wp/v2/plugins", Endpoints: []*Endpoint{{
			Methods: []string{"GET"},
			Args: []Arg{ContextArg("view"),
				{Name: "search", Description: "Limit results to those matching a string.", Type: "string"},
				{Name: "status", Description: "Limits results to plugins with the given status.", Type: "array",
					Items: &Arg{Type: "string", Enum: []any{"inactive", "active"}}}},
			Permission: canViewPlugins("rest_cannot_view_plugins"), Handler: listPlugins,
		}}},
		{Namespace: "wp/v2", Pattern: `/wp/v2/plugins/(?P<plugin>[^.\/]+(?:\/[^.\/]+)?)`, Endpoints: []*Endpoint{{
			Methods:    []string{"GET"},
			Args:       []Arg{ContextArg("view"), {Name: "plugin", Type: "string"}},
			Permission: canViewPlugins("rest_cannot_view_plugin"), Handler: getPlugin,
		}}},
	}
}

var errCannotViewThemes = Forbidden("rest_cannot_view_themes", languages.Mark("Sorry, you are not allowed to view themes."))

// canListThemes: those who may switch themes see every theme; anyone who
// may edit posts of some type may ask for the active one alone.
func (s *Server) canListThemes(r *Request) error {
	if models.CanViewThemes(r.User) {
		return nil
	}
	if st := r.StringList("status"); r.Has("status") && len(st) == 1 && st[0] == "active" {
		return canReadActiveTheme(r)
	}
	return errCannotViewThemes
}

func canReadActiveTheme(r *Request) error {
	if models.CanReadActiveTheme(r.User) {
		return nil
	}
	return Forbidden("rest_cannot_view_active_theme", languages.Mark("Sorry, you are not allowed to view the active theme."))
}

func (s *Server) canReadTheme(r *Request) error {
	if models.CanViewThemes(r.User) {
		return nil
	}
	if r.URLParam("stylesheet") == s.store.ActiveTheme(r.Ctx()).Stylesheet {
		return canReadActiveTheme(r)
	}
	return errCannotViewThemes
}

func (s *Server) listThemes(r *Request) (*Response, error) {
	theme := s.store.ActiveTheme(r.Ctx())
	items := []any{}
	if !r.Has("status") || contains(r.StringList("status"), "active") {
		data, err := s.renderTheme(r, theme)
		if err != nil {
			return nil, err
		}
		items = append(items, data)
	}
	resp := NewResponse(http.StatusOK, items)
	n := strconv.Itoa(len(items))
	resp.Header.Set("X-WP-Total", n)
	resp.Header.Set("X-WP-TotalPages", "1")
	return resp, nil
}

func (s *Server) getTheme(r *Request) (*Response, error) {
	theme := s.store.ActiveTheme(r.Ctx())
	if r.URLParam("stylesheet") != theme.Stylesheet {
		return nil, Err(http.StatusNotFound, "rest_theme_not_found", languages.Mark("Theme not found."))
	}
	data, err := s.renderTheme(r, theme)
	if err != nil {
		return nil, err
	}
	return NewResponse(http.StatusOK, data), nil
}

// renderTheme is prepare_item_for_response for the active theme. Its
// links point at the user's global styles, which WordPress creates here the
// first time they are linked.
func (s *Server) renderTheme(r *Request, t models.Theme) (*Object, error) {
	data := &Object{}
	set := func(field string, v any) {
		if r.FieldIncluded(field) {
			data.Set(field, v)
		}
	}
	rich := func(raw, rendered string) *Object { return Obj("raw", raw, "rendered", rendered) }
	themeURI := s.cfg.SiteURL + "/wp-content/themes/" + t.Stylesheet
	set("stylesheet", t.Stylesheet)
	set("template", t.Template)
	set("requires_php", t.RequiresPHP)
	set("requires_wp", t.RequiresWP)
	set("textdomain", t.TextDomain)
	set("version", t.Version)
	set("screenshot", "")
	author := t.Author
	if t.AuthorURI != "" {
		author = `<a href="` + t.AuthorURI + `">` + t.Author + `</a>`
	}
	set("author", rich(t.Author, author))
	set("author_uri", rich(t.AuthorURI, t.AuthorURI))
	set("description", rich(t.Description, t.Description))
	set("name", rich(t.Name, t.Name))
	tags := make([]any, len(t.Tags))
	for i, tag := range t.Tags {
		tags[i] = tag
	}
	set("tags", Obj("raw", tags, "rendered", strings.Join(t.Tags, ", ")))
	set("theme_uri", rich(t.ThemeURI, t.ThemeURI))
	set("status", "active")
	set("theme_supports", fieldsValue(t.ThemeSupports))
	set("is_block_theme", t.IsBlockTheme)
	set("stylesheet_uri", themeURI)
	set("template_uri", s.cfg.SiteURL+"/wp-content/themes/"+t.Template)
	types := make([]any, len(t.DefaultTemplateTypes))
	for i, f := range t.DefaultTemplateTypes {
		types[i] = fieldsValue(f)
	}
	set("default_template_types", types)
	areas := make([]any, len(t.DefaultTemplatePartAreas))
	for i, f := range t.DefaultTemplatePartAreas {
		areas[i] = fieldsValue(f)
	}
	set("default_template_part_areas", areas)
	if !r.FieldIncluded("_links") && !r.FieldIncluded("_embedded") {
		return data, nil
	}
	styles, err := s.store.UserGlobalStyles(r.Ctx(), t.Stylesheet)
	if err != nil {
		return nil, err
	}
	exportAllow := []any{}
	if models.CanExport(r.User) {
		exportAllow = []any{"GET"}
	}
	links := Links{
		{Rel: "self", Href: r.URL("/wp/v2/themes/" + t.Stylesheet)},
		{Rel: "collection", Href: r.URL("/wp/v2/themes")},
		{Rel: wpRelPrefix + "user-global-styles", Href: r.URL("/wp/v2/global-styles/" + strconv.FormatUint(styles.ID, 10))},
	}
	if t.IsBlockTheme {
		links = append(links, Link{Rel: wpRelPrefix + "export-theme", Href: r.URL("/wp-block-editor/v1/export"),
			Attrs: Obj("targetHints", Obj("allow", exportAllow))})
	}
	return r.WithLinks(data, links), nil
}

func themeSchema() *Object {
	p := func(desc, typ string) *Object {
		return Obj("description", desc, "type", typ, "readonly", true)
	}
	rich := func(desc, raw, rendered string) *Object {
		return Obj("description", desc, "type", "object", "readonly", true, "properties", Obj(
			"raw", Obj("description", raw, "type", "string"),
			"rendered", Obj("description", rendered, "type", "string"),
		))
	}
	return Obj(
		"$schema", "http://json-schema.org/draft-04/schema#", "title", "theme", "type", "object",
		"properties", Obj(
			"stylesheet", p("The theme's stylesheet. This uniquely identifies the theme.", "string"),
			"stylesheet_uri", p("The uri for the theme's stylesheet directory.", "string"),
			"template", p("The theme's template. If this is a child theme, this refers to the parent theme, otherwise this is the same as the theme's stylesheet.", "string"),
			"template_uri", p("The uri for the theme's template directory. If this is a child theme, this refers to the parent theme, otherwise this is the same as the theme's stylesheet directory.", "string"),
			"author", rich("The theme author.", "The theme author's name, as found in the theme header.", "HTML for the theme author, transformed for display."),
			"author_uri", rich("The website of the theme author.", "The website of the theme author, as found in the theme header.", "The website of the theme author, transformed for display."),
			"description", rich("A description of the theme.", "The theme description, as found in the theme header.", "The theme description, transformed for display."),
			"is_block_theme", p("Whether the theme is a block-based theme.", "boolean"),
			"name", rich("The name of the theme.", "The theme name, as found in the theme header.", "The theme name, transformed for display."),
			"requires_php", p("The minimum PHP version required for the theme to work.", "string"),
			"requires_wp", p("The minimum WordPress version required for the theme to work.", "string"),
			"screenshot", p("The theme's screenshot URL.", "string"),
			"tags", Obj("description", "Tags indicating styles and features of the theme.", "type", "object", "readonly", true, "properties", Obj(
				"raw", Obj("description", "The theme tags, as found in the theme header.", "type", "array", "items", Obj("type", "string")),
				"rendered", Obj("description", "The theme tags, transformed for display.", "type", "string"),
			)),
			"textdomain", p("The theme's text domain.", "string"),
			"theme_supports", p("Features supported by this theme.", "object"),
			"theme_uri", rich("The URI of the theme's webpage.", "The URI of the theme's webpage, as found in the theme header.", "The URI of the theme's webpage, transformed for display."),
			"version", p("The theme's current version.", "string"),
			"status", Obj("description", "A named status for the theme.", "type", "string", "enum", []any{"inactive", "active"}),
			"default_template_types", p("A list of default template types.", "array"),
			"default_template_part_areas", p("A list of allowed area values for template parts.", "array"),
		),
	)
}

// canViewPlugins: listing or reading plugins takes activate_plugins.
func canViewPlugins(code string) func(*Request) error {
	return func(r *Request) error {
		if !models.CanManagePlugins(r.User) {
			return Forbidden(code, languages.Mark("Sorry, you are not allowed to manage plugins for this site."))
		}
		return nil
	}
}

// listPlugins: PressPass runs no plugins, so whatever the filters, the
// list is empty.
func listPlugins(*Request) (*Response, error) { return NewResponse(http.StatusOK, []any{}), nil }

func getPlugin(*Request) (*Response, error) {
	return nil, Err(http.StatusNotFound, "rest_plugin_not_found", languages.Mark("Plugin not found."))
}
