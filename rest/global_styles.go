package rest

import (
	"net/http"
	"net/url"
	"regexp"
	"strconv"

	"github.com/presspass/presspass/languages"
	"github.com/presspass/presspass/models"
	"github.com/presspass/presspass/models/wptext"
)

// /wp/v2/global-styles (WP_REST_Global_Styles_Controller): the built-in
// theme's settings and styles, and the user's global styles post of the
// active theme (a wp_global_styles post holding a theme.json).

func (s *Server) globalStylesRoutes() []*Route {
	stylesheetArg := Arg{Name: "stylesheet", Description: "The theme identifier", Type: "string"}
	titleProps := map[string]*Arg{
		"raw": {Description: "Title for the global styles variation, as it exists in the database.", Type: "string",
			Extra: map[string]any{"context": []any{"view", "edit", "embed"}}},
		"rendered": {Description: "HTML title for the post, transformed for display.", Type: "string",
			Extra: map[string]any{"context": []any{"view", "edit", "embed"}, "readonly": true}},
	}
	return []*Route{
		{Namespace: "wp/v2", Pattern: `/wp/v2/global-styles/themes/(?P<stylesheet>[\/\s%\w\.\(\)\[\]\@_\-]+)/variations`, Endpoints: []*Endpoint{{
			Methods: []string{"GET"}, Args: []Arg{stylesheetArg}, NoBatch: true,
			Permission: canReadThemeGlobalStyles, Handler: s.getThemeStyleVariations,
		}}},
		{Namespace: "wp/v2", Pattern: `/wp/v2/global-styles/themes/(?P<stylesheet>[^\/:<>\*\?"\|]+(?:\/[^\/:<>\*\?"\|]+)?)`, Endpoints: []*Endpoint{{
			Methods: []string{"GET"}, Args: []Arg{stylesheetArg}, NoBatch: true,
			Permission: canReadThemeGlobalStyles, Handler: s.getThemeGlobalStyles,
		}}},
		{Namespace: "wp/v2", Pattern: `/wp/v2/global-styles/(?P<id>[\/\d+]+)`, Schema: globalStylesSchema, Endpoints: []*Endpoint{
			{Methods: []string{"GET"}, NoBatch: true,
				Args:       []Arg{{Name: "id", Description: "ID of global styles config.", Type: "integer"}},
				Permission: s.canReadGlobalStyles, Handler: s.getGlobalStyles},
			{Methods: []string{"POST", "PUT", "PATCH"}, NoBatch: true,
				Args: []Arg{
					{Name: "styles", Description: "Global styles.", Types: []string{"object"}},
					{Name: "settings", Description: "Global settings.", Types: []string{"object"}},
					{Name: "title", Description: "Title of the global styles variation.", Types: []string{"object", "string"}, Properties: titleProps},
				},
				Permission: s.canEditGlobalStyles, Handler: s.updateGlobalStyles},
		}},
	}
}

// canReadThemeGlobalStyles: whoever may edit posts of some type, or edit
// theme options, may read a theme's global styles.
func canReadThemeGlobalStyles(r *Request) error {
	if models.CanReadActiveTheme(r.User) || models.CanEditThemeOptions(r.User) {
		return nil
	}
	return Forbidden("rest_cannot_read_global_styles", languages.Mark("Sorry, you are not allowed to access the global styles on this site."))
}

var errThemeNotFound = Err(http.StatusNotFound, "rest_theme_not_found", languages.Mark("Theme not found."))

// requestedStylesheet is the stylesheet of the route, URL-decoded as
// WordPress's sanitize callback does.
func requestedStylesheet(r *Request) string {
	v, err := url.QueryUnescape(r.URLParam("stylesheet"))
	if err != nil {
		return r.URLParam("stylesheet")
	}
	return v
}

// getThemeStyleVariations: the built-in theme has no style variations.
func (s *Server) getThemeStyleVariations(r *Request) (*Response, error) {
	if requestedStylesheet(r) != s.store.ActiveTheme(r.Ctx()).Stylesheet {
		return nil, errThemeNotFound
	}
	return NewResponse(http.StatusOK, []any{}), nil
}

func (s *Server) getThemeGlobalStyles(r *Request) (*Response, error) {
	t := s.store.ActiveTheme(r.Ctx())
	stylesheet := requestedStylesheet(r)
	if stylesheet != t.Stylesheet {
		return nil, errThemeNotFound
	}
	data := &Object{}
	if r.FieldIncluded("settings") {
		data.Set("settings", fieldsValue(t.Settings))
	}
	if r.FieldIncluded("styles") {
		data.Set("styles", fieldsValue(t.Styles))
	}
	return NewResponse(http.StatusOK, r.WithLinks(data, Links{
		{Rel: "self", Href: r.URL("/wp/v2/global-styles/themes/" + stylesheet)},
	})), nil
}

// cssMarkup finds an HTML tag in custom CSS (validate_custom_css).
var cssMarkup = regexp.MustCompile(`</?\w+`)

var errGlobalStylesNotFound = Err(http.StatusNotFound, "rest_global_styles_not_found", languages.Mark("No global styles config exists with that ID."))

// globalStylesPost loads the wp_global_styles post of the route.
func globalStylesPost(r *Request) (*models.Post, error) {
	id, err := strconv.ParseUint(r.URLParam("id"), 10, 64)
	if err != nil || id == 0 {
		return nil, errGlobalStylesNotFound
	}
	p, err := r.Store().PostByID(r.Ctx(), id)
	if err != nil {
		if models.IsNotFound(err) {
			return nil, errGlobalStylesNotFound
		}
		return nil, err
	}
	if p.Type != "wp_global_styles" {
		return nil, errGlobalStylesNotFound
	}
	return p, nil
}

func (s *Server) canReadGlobalStyles(r *Request) error {
	p, err := globalStylesPost(r)
	if err != nil {
		return err
	}
	if r.ViewContext() == "edit" && !models.CanEditPost(r.User, p) {
		return Forbidden("rest_forbidden_context", languages.Mark("Sorry, you are not allowed to edit this global style."))
	}
	if !models.CanReadPost(r.User, p) {
		return Forbidden("rest_cannot_view", languages.Mark("Sorry, you are not allowed to view this global style."))
	}
	return nil
}

func (s *Server) canEditGlobalStyles(r *Request) error {
	p, err := globalStylesPost(r)
	if err != nil {
		return err
	}
	if !models.CanEditPost(r.User, p) {
		return Forbidden("rest_cannot_edit", languages.Mark("Sorry, you are not allowed to edit this global style."))
	}
	return nil
}

// userThemeJSON reads a global styles post's theme.json, its members in
// the order they were saved (WordPress gives them back so): nil unless it
// is marked as the user's.
func userThemeJSON(content string) models.Fields {
	config, err := models.DecodeJSONObject([]byte(content))
	if err != nil {
		return nil
	}
	if mark, _ := config.Get("isGlobalStylesUserThemeJSON"); mark != true {
		return nil
	}
	return config
}

func (s *Server) renderGlobalStyles(r *Request, p *models.Post) (*Object, error) {
	config := userThemeJSON(p.Content)
	section := func(name string) any {
		if v, _ := config.Get(name); v != nil {
			if f, ok := v.(models.Fields); ok && len(f) > 0 {
				return fieldsValue(f)
			}
		}
		return &Object{}
	}
	data := &Object{}
	if r.FieldIncluded("id") {
		data.Set("id", p.ID)
	}
	if r.FieldIncluded("title") {
		data.Set("title", Obj("raw", p.Title, "rendered", wptext.TheTitle(p.Title)))
	}
	if r.FieldIncluded("settings") && r.ViewContext() != "embed" {
		data.Set("settings", section("settings"))
	}
	if r.FieldIncluded("styles") && r.ViewContext() != "embed" {
		data.Set("styles", section("styles"))
	}
	if !r.FieldIncluded("_links") && !r.FieldIncluded("_embedded") {
		return data, nil
	}
	stats, err := s.store.RevisionStats(r.Ctx(), []uint64{p.ID})
	if err != nil {
		return nil, err
	}
	self := r.URL("/wp/v2/global-styles/" + strconv.FormatUint(p.ID, 10))
	links := Links{
		{Rel: "self", Href: self},
		{Rel: "about", Href: r.URL("/wp/v2/types/wp_global_styles")},
		{Rel: "version-history", Href: self + "/revisions", Attrs: Obj("count", stats[p.ID].Count)},
	}
	if models.CanPublish(r.User, p.Type) {
		links = append(links, Link{Rel: wpRelPrefix + "action-publish", Href: self})
	}
	if models.CanEditCSS(r.User) {
		links = append(links, Link{Rel: wpRelPrefix + "action-edit-css", Href: self})
	}
	return r.WithLinks(data, links), nil
}

func (s *Server) getGlobalStyles(r *Request) (*Response, error) {
	p, err := globalStylesPost(r)
	if err != nil {
		return nil, err
	}
	data, err := s.renderGlobalStyles(r, p)
	if err != nil {
		return nil, err
	}
	return NewResponse(http.StatusOK, data), nil
}

// updateGlobalStyles keeps what the request leaves out, marks the result
// as the user's theme.json of the latest schema, and refuses markup in
// custom CSS.
func (s *Server) updateGlobalStyles(r *Request) (*Response, error) {
	p, err := globalStylesPost(r)
	if err != nil {
		return nil, err
	}
	var in models.PostInput
	if r.Has("styles") || r.Has("settings") {
		// As WordPress stores it: styles, settings (each as the request
		// gave it, or as stored before), then the marks.
		existing := userThemeJSON(p.Content)
		config := &Object{}
		for _, name := range []string{"styles", "settings"} {
			if r.Has(name) {
				config.Set(name, r.orderedParam(name))
			} else if v, ok := existing.Get(name); ok {
				config.Set(name, fieldsValue(v))
			}
		}
		if styles, ok := r.Param("styles").(map[string]any); ok && r.Has("styles") {
			if css, ok := styles["css"].(string); ok && cssMarkup.MatchString(css) {
				return nil, Err(http.StatusBadRequest, "rest_custom_css_illegal_markup", languages.Mark("Markup is not allowed in CSS."))
			}
		}
		config.Set("isGlobalStylesUserThemeJSON", true)
		config.Set("version", 3)
		b, err := appendJSON(nil, config)
		if err != nil {
			return nil, err
		}
		content := string(b)
		in.Content = &content
	}
	switch t := r.Param("title").(type) {
	case string:
		in.Title = &t
	case map[string]any:
		if raw, ok := t["raw"].(string); ok && raw != "" {
			in.Title = &raw
		}
	}
	updated, err := s.store.UpdatePost(r.Ctx(), r.User, p.ID, in)
	if err != nil {
		return nil, err
	}
	r.SetParam("context", "edit")
	data, err := s.renderGlobalStyles(r, updated)
	if err != nil {
		return nil, err
	}
	return NewResponse(http.StatusOK, data), nil
}

func globalStylesSchema() *Object {
	ctx := func(c ...any) []any { return c }
	return Obj(
		"$schema", "http://json-schema.org/draft-04/schema#", "title", "wp_global_styles", "type", "object",
		"properties", Obj(
			"id", Obj("description", "ID of global styles config.", "type", "integer", "context", ctx("embed", "view", "edit"), "readonly", true),
			"styles", Obj("description", "Global styles.", "type", []any{"object"}, "context", ctx("view", "edit")),
			"settings", Obj("description", "Global settings.", "type", []any{"object"}, "context", ctx("view", "edit")),
			"title", Obj("description", "Title of the global styles variation.", "type", []any{"object", "string"}, "default", "",
				"context", ctx("embed", "view", "edit"), "properties", Obj(
					"raw", Obj("description", "Title for the global styles variation, as it exists in the database.", "type", "string", "context", ctx("view", "edit", "embed")),
					"rendered", Obj("description", "HTML title for the post, transformed for display.", "type", "string", "context", ctx("view", "edit", "embed"), "readonly", true),
				)),
		),
	)
}
