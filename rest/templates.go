package rest

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/presspass/presspass/languages"
	"github.com/presspass/presspass/models"
	"github.com/presspass/presspass/models/wptext"
)

// /wp/v2/templates and /wp/v2/template-parts: WordPress's
// WP_REST_Templates_Controller over the built-in theme's block templates
// and the site's customizations of them (models/block_template.go). Ids
// are "theme//slug".

func (s *Server) templatesRoutes() []*Route {
	return append(s.templateRoutesOf(models.TemplateType, "templates"), s.templateRoutesOf(models.TemplatePartType, "template-parts")...)
}

func (s *Server) templateRoutesOf(typ, base string) []*Route {
	schema := func() *Object { return templateSchema(typ) }
	idArg := Arg{Name: "id", Description: "The id of a template", Type: "string", Sanitize: sanitizeTemplateID}
	h := templateHandlers{s: s, typ: typ, base: base}
	return []*Route{
		{Namespace: "wp/v2", Pattern: "/wp/v2/" + base, Schema: schema, Endpoints: []*Endpoint{
			{Methods: []string{"GET"}, Args: []Arg{ContextArg("view"),
				{Name: "wp_id", Description: "Limit to the specified post id.", Type: "integer"},
				{Name: "area", Description: "Limit to the specified template part area.", Type: "string"},
				{Name: "post_type", Description: "Post type to get the templates for.", Type: "string"}},
				Permission: canReadTemplates, Handler: h.list},
			{Methods: []string{"POST"}, Args: templateWriteArgs(typ, true), Permission: canManageTemplates, Handler: h.create},
		}},
		{Namespace: "wp/v2", Pattern: `/wp/v2/` + base + `/(?P<id>([^\/:<>\*\?"\|]+(?:\/[^\/:<>\*\?"\|]+)?)[\/\w%-]+)`, Schema: schema, Endpoints: []*Endpoint{
			{Methods: []string{"GET"}, Args: []Arg{idArg, ContextArg("view")}, Permission: canReadTemplates, Handler: h.get},
			{Methods: []string{"POST", "PUT", "PATCH"}, Args: append([]Arg{idArg}, templateWriteArgs(typ, false)...), Permission: canManageTemplates, Handler: h.update},
			{Methods: []string{"DELETE"}, Args: []Arg{idArg, {Name: "force", Description: "Whether to bypass Trash and force deletion.", Type: "boolean", Default: false, Keywords: kwForce}},
				Permission: canManageTemplates, Handler: h.delete},
		}},
	}
}

// sanitizeTemplateID is _sanitize_template_id: the id is URL-decoded and a
// single slash before the slug (which a router may have folded) doubled.
func sanitizeTemplateID(_ *Request, v any) (any, error) {
	id, _ := v.(string)
	if dec, err := url.PathUnescape(id); err == nil {
		id = dec
	}
	i := strings.LastIndex(id, "/")
	if i <= 0 || id[i-1] == '/' {
		return id, nil
	}
	return id[:i] + "/" + id[i:], nil
}

var errCannotManageTemplates = Forbidden("rest_cannot_manage_templates", languages.Mark("Sorry, you are not allowed to access the templates on this site."))

// canReadTemplates: whoever may edit posts of some type may read
// templates (WordPress 6.6 and later).
func canReadTemplates(r *Request) error {
	if models.CanReadActiveTheme(r.User) {
		return nil
	}
	return errCannotManageTemplates
}

// canManageTemplates: writing takes edit_theme_options.
func canManageTemplates(r *Request) error {
	if models.CanEditThemeOptions(r.User) {
		return nil
	}
	return errCannotManageTemplates
}

func templateContextList(ctxs ...string) []any { return ctxList(ctxs...) }

// templateProperties are the schema's properties in WordPress's order.
func templateProperties(typ string) []struct {
	name string
	def  *Object
} {
	all := templateContextList("embed", "view", "edit")
	vee := templateContextList("view", "edit", "embed")
	type p = struct {
		name string
		def  *Object
	}
	props := []p{
		{"id", Obj("description", "ID of template.", "type", "string", "context", all, "readonly", true)},
		{"slug", Obj("description", "Unique slug identifying the template.", "type", "string", "context", all, "required", true, "minLength", 1, "pattern", `[a-zA-Z0-9_\%-]+`)},
		{"theme", Obj("description", "Theme identifier for the template.", "type", "string", "context", all)},
		{"type", Obj("description", "Type of template.", "type", "string", "context", all)},
		{"source", Obj("description", "Source of template", "type", "string", "context", all, "readonly", true)},
		{"origin", Obj("description", "Source of a customized template", "type", "string", "context", all, "readonly", true)},
		{"content", Obj("description", "Content of template.", "type", []any{"object", "string"}, "default", "", "context", all, "properties", Obj(
			"raw", Obj("description", "Content for the template, as it exists in the database.", "type", "string", "context", templateContextList("view", "edit")),
			"block_version", Obj("description", "Version of the content block format used by the template.", "type", "integer", "context", templateContextList("edit"), "readonly", true),
		))},
		{"title", Obj("description", "Title of template.", "type", []any{"object", "string"}, "default", "", "context", all, "properties", Obj(
			"raw", Obj("description", "Title for the template, as it exists in the database.", "type", "string", "context", vee),
			"rendered", Obj("description", "HTML title for the template, transformed for display.", "type", "string", "context", vee, "readonly", true),
		))},
		{"description", Obj("description", "Description of template.", "type", "string", "default", "", "context", all)},
		{"status", Obj("description", "Status of template.", "type", "string", "enum", []any{"publish", "future", "draft", "pending", "private"}, "default", "publish", "context", all)},
		{"wp_id", Obj("description", "Post ID.", "type", "integer", "context", all, "readonly", true)},
		{"has_theme_file", Obj("description", "Theme file exists.", "type", "bool", "context", all, "readonly", true)},
		{"author", Obj("description", "The ID for the author of the template.", "type", "integer", "context", vee)},
		{"modified", Obj("description", "The date the template was last modified, in the site's timezone.", "type", "string", "format", "date-time", "context", templateContextList("view", "edit"), "readonly", true)},
		{"author_text", Obj("type", "string", "description", "Human readable text for the author.", "readonly", true, "context", vee)},
		{"original_source", Obj("description", "Where the template originally comes from e.g. 'theme'", "type", "string", "readonly", true, "context", vee,
			"enum", []any{"theme", "plugin", "site", "user"})},
	}
	if typ == models.TemplateType {
		props = append(props,
			p{"is_custom", Obj("description", "Whether a template is a custom template.", "type", "bool", "context", all, "readonly", true)},
			p{"plugin", Obj("type", "string", "description", "Plugin that registered the template.", "readonly", true, "context", vee)})
	} else {
		props = append(props, p{"area", Obj("description", "Where the template part is intended for use (header, footer, etc.)", "type", "string", "context", all)})
	}
	return props
}

func templateSchema(typ string) *Object {
	props := &Object{}
	for _, p := range templateProperties(typ) {
		props.Set(p.name, p.def)
	}
	return Obj("$schema", "http://json-schema.org/draft-04/schema#", "title", typ, "type", "object", "properties", props)
}

// templateWriteArgs is get_endpoint_args_for_item_schema: the writable
// properties; creating keeps their defaults and slug's required.
func templateWriteArgs(typ string, creating bool) []Arg {
	var args []Arg
	for _, p := range templateProperties(typ) {
		if p.def.Value("readonly") == true {
			continue
		}
		a := Arg{Name: p.name, Description: p.def.Value("description").(string)}
		switch t := p.def.Value("type").(type) {
		case string:
			a.Type = t
		case []any:
			for _, x := range t {
				a.Types = append(a.Types, x.(string))
			}
		}
		if e, ok := p.def.Value("enum").([]any); ok {
			a.Enum = e
		}
		if pat, ok := p.def.Value("pattern").(string); ok {
			a.Pattern = pat
			a.MinLength = IntP(p.def.Value("minLength").(int))
		}
		if props, ok := p.def.Value("properties").(*Object); ok {
			a.Properties = map[string]*Arg{}
			a.PropertyOrder = props.Keys()
			for k, v := range props.All() {
				pm := v.(*Object)
				pa := &Arg{Description: pm.Value("description").(string), Type: pm.Value("type").(string), Extra: map[string]any{"context": pm.Value("context")}}
				if pm.Value("readonly") == true {
					pa.Extra["readonly"] = true
				}
				a.Properties[k] = pa
			}
		}
		if creating {
			a.Default = p.def.Value("default")
			a.Required = p.def.Value("required") == true
			if a.Default != nil {
				a.Keywords = kwDefaultFirst // get_endpoint_args_for_item_schema sets it first
			}
		}
		args = append(args, a)
	}
	return args
}

type templateHandlers struct {
	s    *Server
	typ  string
	base string
}

func (h templateHandlers) list(r *Request) (*Response, error) {
	q := models.BlockTemplateQuery{Area: r.String("area"), PostType: r.String("post_type")}
	if r.Has("wp_id") {
		q.WPID = uint64(max(r.Int("wp_id"), 0))
	}
	list, err := h.s.store.BlockTemplates(r.Ctx(), h.typ, q)
	if err != nil {
		return nil, err
	}
	items := make([]any, 0, len(list))
	for i := range list {
		items = append(items, h.render(r, &list[i]))
	}
	return NewResponse(http.StatusOK, items), nil
}

func (h templateHandlers) find(r *Request) (*models.BlockTemplate, error) {
	if src := r.String("source"); src == "theme" || src == "plugin" {
		return h.s.store.ThemeBlockTemplate(r.Ctx(), h.typ, r.String("id"))
	}
	return h.s.store.BlockTemplate(r.Ctx(), h.typ, r.String("id"))
}

func (h templateHandlers) get(r *Request) (*Response, error) {
	t, err := h.find(r)
	if err != nil {
		return nil, err
	}
	return NewResponse(http.StatusOK, h.render(r, t)), nil
}

// input reads content, title, description, area and author as
// prepare_item_for_database does: a string or the object's raw member.
func (h templateHandlers) input(r *Request) models.BlockTemplateInput {
	var in models.BlockTemplateInput
	rawOf := func(name string, emptyRawIgnored bool) *string {
		switch v := r.Param(name).(type) {
		case string:
			return &v
		case map[string]any:
			if raw, ok := v["raw"].(string); ok && (raw != "" || !emptyRawIgnored) {
				return &raw
			}
		}
		return nil
	}
	if r.Has("content") {
		in.Content = rawOf("content", false)
	}
	if r.Has("title") {
		in.Title = rawOf("title", true)
	}
	if r.Has("description") {
		d := r.String("description")
		in.Description = &d
	}
	if h.typ == models.TemplatePartType && r.Has("area") {
		a := r.String("area")
		in.Area = &a
	}
	if id := r.Int("author"); r.Has("author") && id > 0 {
		u := uint64(id)
		in.AuthorID = &u
	}
	return in
}

func (h templateHandlers) create(r *Request) (*Response, error) {
	in := h.input(r)
	in.Slug = r.String("slug")
	in.Theme = r.String("theme")
	if in.Content == nil {
		// The argument's default, as WordPress sees it.
		empty := ""
		in.Content = &empty
	}
	t, err := h.s.store.SaveBlockTemplate(r.Ctx(), r.User, h.typ, nil, in)
	if err != nil {
		return nil, err
	}
	resp := NewResponse(http.StatusCreated, h.render(r, t))
	resp.Header.Set("Location", r.URL("/wp/v2/"+h.base+"/"+t.ID))
	return resp, nil
}

func (h templateHandlers) update(r *Request) (*Response, error) {
	current, err := h.s.store.BlockTemplate(r.Ctx(), h.typ, r.String("id"))
	if err != nil {
		return nil, err
	}
	if r.String("source") == "theme" {
		// Back to the theme's own: the customization goes away for good.
		if current.Source == "custom" {
			if err := h.s.store.DeleteBlockTemplate(r.Ctx(), r.User, current, true); err != nil {
				return nil, err
			}
		}
		if current, err = h.s.store.BlockTemplate(r.Ctx(), h.typ, r.String("id")); err != nil {
			return nil, err
		}
		r.SetParam("context", "edit")
		return NewResponse(http.StatusOK, h.render(r, current)), nil
	}
	t, err := h.s.store.SaveBlockTemplate(r.Ctx(), r.User, h.typ, current, h.input(r))
	if err != nil {
		return nil, err
	}
	r.SetParam("context", "edit")
	return NewResponse(http.StatusOK, h.render(r, t)), nil
}

func (h templateHandlers) delete(r *Request) (*Response, error) {
	t, err := h.s.store.BlockTemplate(r.Ctx(), h.typ, r.String("id"))
	if err != nil {
		return nil, err
	}
	force := r.Bool("force")
	r.SetParam("context", "edit")
	previous := h.render(r, t)
	if err := h.s.store.DeleteBlockTemplate(r.Ctx(), r.User, t, force); err != nil {
		return nil, err
	}
	if force {
		return NewResponse(http.StatusOK, map[string]any{"deleted": true, "previous": previous}), nil
	}
	t.Status = "trash"
	return NewResponse(http.StatusOK, h.render(r, t)), nil
}

// render is prepare_item_for_response with filter_response_by_context.
func (h templateHandlers) render(r *Request, t *models.BlockTemplate) *Object {
	ctx := r.ViewContext()
	data := &Object{}
	set := func(field string, v any, contexts ...string) {
		if r.FieldIncluded(field) && (len(contexts) == 0 || contains(contexts, ctx)) {
			data.Set(field, v)
		}
	}
	set("id", t.ID)
	set("theme", t.Theme)
	if r.FieldIncluded("content") {
		c := &Object{}
		if ctx != "embed" && r.FieldIncluded("content.raw") {
			c.Set("raw", t.Content)
		}
		if ctx == "edit" && r.FieldIncluded("content.block_version") {
			c.Set("block_version", wptext.BlockVersion(t.Content))
		}
		data.Set("content", c)
	}
	set("slug", t.Slug)
	set("source", t.Source)
	var origin any
	if t.Origin != "" {
		origin = t.Origin
	}
	set("origin", origin)
	set("type", t.Type)
	set("description", t.Description)
	if r.FieldIncluded("title") {
		title := &Object{}
		if r.FieldIncluded("title.raw") {
			title.Set("raw", t.Title)
		}
		if r.FieldIncluded("title.rendered") {
			rendered := t.Title
			if t.WPID != 0 {
				rendered = wptext.TheTitle(t.Title)
			}
			title.Set("rendered", rendered)
		}
		data.Set("title", title)
	}
	set("status", t.Status)
	set("wp_id", t.WPID)
	set("has_theme_file", t.HasThemeFile)
	if t.Type == models.TemplateType {
		set("is_custom", t.IsCustom)
	}
	set("author", t.AuthorID)
	if t.Type == models.TemplatePartType {
		set("area", t.Area)
	}
	var modified any
	if !t.Modified.IsZero() {
		modified = formatDate(t.Modified)
	}
	set("modified", modified, "view", "edit")
	if r.FieldIncluded("author_text") {
		data.Set("author_text", h.authorText(r, t))
	}
	set("original_source", t.OriginalSource())
	self := r.URL("/wp/v2/" + h.base + "/" + t.ID)
	links := Links{
		{Rel: "self", Href: self},
		{Rel: "collection", Href: r.URL("/wp/v2/" + h.base)},
		{Rel: "about", Href: r.URL("/wp/v2/types/" + h.typ)},
	}
	if t.WPID != 0 {
		if stats, err := h.s.store.RevisionStats(r.Ctx(), []uint64{t.WPID}); err == nil {
			st := stats[t.WPID]
			links = append(links, Link{Rel: "version-history", Href: self + "/revisions", Attrs: Obj("count", st.Count)})
			if st.Count > 0 {
				links = append(links, Link{Rel: "predecessor-version", Href: self + "/revisions/" + strconv.FormatUint(st.LatestID, 10), Attrs: Obj("id", st.LatestID)})
			}
		}
	}
	if models.CanPublish(r.User, h.typ) {
		links = append(links, Link{Rel: wpRelPrefix + "action-publish", Href: self})
	}
	if models.CanPostUnfilteredHTML(r.User) {
		links = append(links, Link{Rel: wpRelPrefix + "action-unfiltered-html", Href: self})
	}
	return r.WithLinks(data, links)
}

// authorText is get_wp_templates_author_text_field.
func (h templateHandlers) authorText(r *Request, t *models.BlockTemplate) string {
	switch t.OriginalSource() {
	case "theme":
		if t.Theme == h.s.store.ActiveTheme(r.Ctx()).Stylesheet {
			return h.s.store.ActiveTheme(r.Ctx()).Name
		}
		return t.Theme
	case "site":
		return h.s.store.Option(r.Ctx(), "blogname")
	}
	u, err := r.UserByID(t.AuthorID)
	if err != nil || u == nil {
		return "Unknown author"
	}
	return u.DisplayName
}
