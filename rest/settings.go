package rest

import (
	"net/http"
	"strconv"

	"github.com/presspass/presspass/models"
)

// /wp/v2/settings: WP_REST_Settings_Controller over the options WordPress
// registers with show_in_rest, under their REST names.

// setting is one registered setting: its REST name, option and schema.
type setting struct {
	name, option, typ, title, desc string
	enum                           []any
	format                         string
	// def is register_setting's default, shown in the schema (null for
	// the settings WordPress registers without one).
	def any
}

var settings = []setting{
	{name: "title", option: "blogname", typ: "string", title: "Title", desc: "Site title."},
	{name: "description", option: "blogdescription", typ: "string", title: "Tagline", desc: "Site tagline."},
	{name: "url", option: "siteurl", typ: "string", desc: "Site URL.", format: "uri"},
	{name: "email", option: "admin_email", typ: "string", desc: "This address is used for admin purposes, like new user notification.", format: "email"},
	{name: "timezone", option: "timezone_string", typ: "string", desc: "A city in the same timezone as you."},
	{name: "date_format", option: "date_format", typ: "string", desc: "A date format for all date strings."},
	{name: "time_format", option: "time_format", typ: "string", desc: "A time format for all time strings."},
	{name: "start_of_week", option: "start_of_week", typ: "integer", desc: "A day number of the week that the week should start on."},
	{name: "language", option: "WPLANG", typ: "string", desc: "WordPress locale code.", def: "en_US"},
	{name: "use_smilies", option: "use_smilies", typ: "boolean", desc: "Convert emoticons like :-) and :-P to graphics on display.", def: true},
	{name: "default_category", option: "default_category", typ: "integer", desc: "Default post category."},
	{name: "default_post_format", option: "default_post_format", typ: "string", desc: "Default post format."},
	{name: "posts_per_page", option: "posts_per_page", typ: "integer", title: "Maximum posts per page", desc: "Blog pages show at most.", def: 10},
	{name: "show_on_front", option: "show_on_front", typ: "string", title: "Show on front", desc: "What to show on the front page"},
	{name: "page_on_front", option: "page_on_front", typ: "integer", title: "Page on front", desc: "The ID of the page that should be displayed on the front page"},
	{name: "page_for_posts", option: "page_for_posts", typ: "integer", desc: "The ID of the page that should display the latest posts"},
	{name: "default_ping_status", option: "default_ping_status", typ: "string", desc: "Allow link notifications from other blogs (pingbacks and trackbacks) on new articles.", enum: []any{"open", "closed"}},
	{name: "default_comment_status", option: "default_comment_status", typ: "string", title: "Allow comments on new posts", desc: "Allow people to submit comments on new posts.", enum: []any{"open", "closed"}},
	{name: "site_logo", option: "site_logo", typ: "integer", title: "Logo", desc: "Site logo."},
	{name: "site_icon", option: "site_icon", typ: "integer", title: "Icon", desc: "Site icon."},
}

func (s *Server) settingsRoutes() []*Route {
	var args []Arg
	for _, st := range settings {
		args = append(args, Arg{Name: st.name, Description: st.desc, Type: st.typ, Format: st.format, Enum: st.enum,
			Extra: map[string]any{"title": st.title}})
	}
	return []*Route{{
		Namespace: "wp/v2",
		Pattern:   "/wp/v2/settings",
		Schema:    settingsSchema,
		Endpoints: []*Endpoint{
			{Methods: []string{"GET"}, Permission: canManageOptions, Handler: s.getSettings},
			{Methods: []string{"POST", "PUT", "PATCH"}, Args: args, Permission: canManageOptions, Handler: s.updateSettings},
		},
	}}
}

func canManageOptions(r *Request) error {
	if !models.CanManageOptions(r.User) {
		return refusal(models.KindForbidden, models.ReasonCannotManageOptions)
	}
	return nil
}

func settingsSchema() *Object {
	props := &Object{}
	for _, st := range settings {
		p := Obj("type", st.typ, "title", st.title, "description", st.desc, "default", st.def)
		if st.format != "" {
			p.Set("format", st.format)
		}
		if st.enum != nil {
			p.Set("enum", st.enum)
		}
		props.Set(st.name, p)
	}
	return Obj("$schema", "http://json-schema.org/draft-04/schema#", "title", "settings", "type", "object", "properties", props)
}

// settingValue reads a setting as its schema type, as prepare_value does:
// a value that does not fit the type is null.
func (s *Server) settingValue(r *Request, st setting) any {
	v := s.store.Option(r.Ctx(), st.option)
	switch st.name {
	case "url":
		if v == "" {
			v = s.cfg.SiteURL
		}
	case "language":
		if v == "" {
			v = "en_US"
		}
	case "site_logo":
		// WordPress has no site_logo option until a logo is chosen.
		if v == "" || v == "0" {
			return nil
		}
	}
	switch st.typ {
	case "integer":
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return nil
		}
		return n
	case "boolean":
		return v != "" && v != "0"
	}
	return v
}

func (s *Server) settingsData(r *Request) *Object {
	// settings is in WordPress's registration order.
	out := &Object{members: make([]member, 0, len(settings))}
	for _, st := range settings {
		out.Set(st.name, s.settingValue(r, st))
	}
	return out
}

func (s *Server) getSettings(r *Request) (*Response, error) {
	return NewResponse(http.StatusOK, s.settingsData(r)), nil
}

// updateSettings writes the settings the client sent (unknown names are
// ignored) and answers with them all.
func (s *Server) updateSettings(r *Request) (*Response, error) {
	values := map[string]string{}
	for _, st := range settings {
		if !r.Has(st.name) {
			continue
		}
		switch st.typ {
		case "integer":
			values[st.option] = strconv.FormatInt(r.Int(st.name), 10)
		case "boolean":
			if r.Bool(st.name) {
				values[st.option] = "1"
			} else {
				values[st.option] = ""
			}
		default:
			values[st.option] = r.String(st.name)
		}
	}
	if err := s.store.UpdateOptions(r.Ctx(), r.User, values); err != nil {
		return nil, err
	}
	return s.getSettings(r)
}
