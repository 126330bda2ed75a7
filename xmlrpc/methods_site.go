package xmlrpc

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/presspass/presspass/languages"
	"github.com/presspass/presspass/models"
)

// WordPressVersion is the WordPress release whose behaviour PressPass
// reproduces and reports (wp.getOptions' software_version).
const WordPressVersion = "6.9.7"

// blogOption is one entry of WordPress's XML-RPC blog options; desc is
// shown in the site's language, as WordPress words it with __().
type blogOption struct {
	name, desc string
	readonly   bool
	option     string              // the site option behind it, or ""
	value      func(c *Call) Value // a computed value, when option is ""
}

// blogOptions are wp_xmlrpc_server::$blog_options, in WordPress's order.
var blogOptions = []blogOption{
	{name: "software_name", desc: languages.Mark("Software Name"), readonly: true, value: func(*Call) Value { return Str("WordPress") }},
	{name: "software_version", desc: languages.Mark("Software Version"), readonly: true, value: func(*Call) Value { return Str(WordPressVersion) }},
	{name: "blog_url", desc: languages.Mark("WordPress Address (URL)"), readonly: true, option: "siteurl"},
	{name: "home_url", desc: languages.Mark("Site Address (URL)"), readonly: true, option: "home"},
	{name: "login_url", desc: languages.Mark("Login Address (URL)"), readonly: true, value: func(c *Call) Value { return Str(c.srv.cfg.SiteURL + "/wp-login.php") }},
	{name: "admin_url", desc: languages.Mark("The URL to the admin area"), readonly: true, value: func(c *Call) Value { return Str(c.srv.cfg.SiteURL + "/wp-admin/") }},
	{name: "image_default_link_type", desc: languages.Mark("Image default link type"), readonly: true, option: "image_default_link_type"},
	{name: "image_default_size", desc: languages.Mark("Image default size"), readonly: true, option: "image_default_size"},
	{name: "image_default_align", desc: languages.Mark("Image default align"), readonly: true, option: "image_default_align"},
	{name: "template", desc: languages.Mark("Template"), readonly: true, option: "template"},
	{name: "stylesheet", desc: languages.Mark("Stylesheet"), readonly: true, option: "stylesheet"},
	{name: "post_thumbnail", desc: languages.Mark("Post Thumbnail"), readonly: true, value: func(*Call) Value { return Bool(true) }},
	{name: "time_zone", desc: languages.Mark("Time Zone"), option: "gmt_offset"},
	{name: "blog_title", desc: languages.Mark("Site Title"), option: "blogname"},
	{name: "blog_tagline", desc: languages.Mark("Site Tagline"), option: "blogdescription"},
	{name: "date_format", desc: languages.Mark("Date Format"), option: "date_format"},
	{name: "time_format", desc: languages.Mark("Time Format"), option: "time_format"},
	{name: "users_can_register", desc: languages.Mark("Allow new users to sign up"), option: "users_can_register"},
	{name: "thumbnail_size_w", desc: languages.Mark("Thumbnail Width"), option: "thumbnail_size_w"},
	{name: "thumbnail_size_h", desc: languages.Mark("Thumbnail Height"), option: "thumbnail_size_h"},
	{name: "thumbnail_crop", desc: languages.Mark("Crop thumbnail to exact dimensions"), option: "thumbnail_crop"},
	{name: "medium_size_w", desc: languages.Mark("Medium size image width"), option: "medium_size_w"},
	{name: "medium_size_h", desc: languages.Mark("Medium size image height"), option: "medium_size_h"},
	{name: "medium_large_size_w", desc: languages.Mark("Medium-Large size image width"), option: "medium_large_size_w"},
	{name: "medium_large_size_h", desc: languages.Mark("Medium-Large size image height"), option: "medium_large_size_h"},
	{name: "large_size_w", desc: languages.Mark("Large size image width"), option: "large_size_w"},
	{name: "large_size_h", desc: languages.Mark("Large size image height"), option: "large_size_h"},
	{name: "default_comment_status", desc: languages.Mark("Allow people to submit comments on new posts."), option: "default_comment_status"},
	{name: "default_ping_status", desc: languages.Mark("Allow link notifications from other blogs (pingbacks and trackbacks) on new posts."), option: "default_ping_status"},
}

// optionFallbacks are WordPress's install-time values for options the
// store does not seed.
var optionFallbacks = map[string]string{
	"image_default_link_type": "none",
	"template":                "twentytwentyfive",
	"stylesheet":              "twentytwentyfive",
	"thumbnail_crop":          "1",
	"medium_large_size_w":     "768",
	"medium_large_size_h":     "0",
}

func lookupBlogOption(name string) (blogOption, bool) {
	for _, o := range blogOptions {
		if o.name == name {
			return o, true
		}
	}
	return blogOption{}, false
}

func (c *Call) optionValue(o blogOption) Value {
	if o.value != nil {
		return o.value(c)
	}
	v := c.srv.store.Option(c.ctx, o.option)
	if v == "" {
		switch o.option {
		case "siteurl", "home":
			v = c.srv.cfg.SiteURL
		default:
			v = optionFallbacks[o.option]
		}
	}
	return Str(v)
}

// getOptions is _getOptions: the named options that exist, read-only for
// those who may not manage options. No match is an empty array, as PHP
// encodes an empty array.
func (c *Call) getOptions(u *models.User, names []string) Value {
	canManage := models.CanManageOptions(u)
	var out []Member
	for _, name := range names {
		o, ok := lookupBlogOption(name)
		if !ok || slices.ContainsFunc(out, func(m Member) bool { return m.Name == name }) {
			continue
		}
		out = append(out, M(name, Struct(
			M("desc", Str(languages.T(c.locale(), o.desc))),
			M("readonly", Bool(o.readonly || !canManage)),
			M("value", c.optionValue(o)),
		)))
	}
	if len(out) == 0 {
		return Array()
	}
	return Struct(out...)
}

// wpGetOptions(blog, username, password[, names]).
func wpGetOptions(c *Call, p Params) (Value, error) {
	u, err := c.login(p, 1, 2)
	if err != nil {
		return Value{}, err
	}
	var names []string
	if v, ok := p.Value(3); ok {
		names = phpArrayValues(v)
	}
	if len(names) == 0 {
		for _, o := range blogOptions {
			names = append(names, o.name)
		}
	}
	return c.getOptions(u, names), nil
}

// phpArrayValues is (array) $x read as a list of strings.
func phpArrayValues(v Value) []string {
	switch v.Kind {
	case KindArray:
		out := make([]string, 0, len(v.Array))
		for _, item := range v.Array {
			if s, ok := item.AsString(); ok {
				out = append(out, s)
			}
		}
		return out
	case KindStruct:
		out := make([]string, 0, len(v.Members))
		for _, m := range v.Members {
			if s, ok := m.Value.AsString(); ok {
				out = append(out, s)
			}
		}
		return out
	}
	if s, ok := v.AsString(); ok {
		return []string{s}
	}
	return nil
}

// wpSetOptions(blog, username, password, options): writes the writable
// options named and returns every named option as read back.
func wpSetOptions(c *Call, p Params) (Value, error) {
	u, err := c.login(p, 1, 2)
	if err != nil {
		return Value{}, err
	}
	if !models.CanManageOptions(u) {
		return Value{}, NewFault(403, languages.Mark("Sorry, you are not allowed to update options."))
	}
	v, _ := p.Value(3)
	var members []Member
	switch v.Kind {
	case KindStruct:
		members = v.Members
	case KindArray:
		for i, item := range v.Array {
			members = append(members, M(fmt.Sprint(i), item))
		}
	default:
		members = []Member{M("0", v)}
	}
	names := make([]string, 0, len(members))
	for _, m := range members {
		names = append(names, m.Name)
		o, ok := lookupBlogOption(m.Name)
		if !ok || o.readonly || o.option == "" {
			continue
		}
		s, ok := m.Value.AsString()
		if !ok {
			continue
		}
		if err := c.srv.store.SetOption(c.ctx, o.option, s); err != nil {
			return Value{}, err
		}
	}
	return c.getOptions(u, names), nil
}

// wpGetPostFormats(blog, username, password[, {show-supported}]).
func wpGetPostFormats(c *Call, p Params) (Value, error) {
	if _, err := c.loginCan(p, editsPosts, faultSiteDetails); err != nil {
		return Value{}, err
	}
	formats := models.PostFormats()
	all := make([]Member, len(formats))
	supported := make([]string, 0, len(formats))
	for i, f := range formats {
		all[i] = M(f.Slug, Str(f.Label))
		if f.Slug != "standard" {
			supported = append(supported, f.Slug)
		}
	}
	slices.Sort(supported)
	if opts, ok := p.Value(3); ok && opts.Kind == KindStruct {
		if v, ok := opts.Get("show-supported"); ok && v.Truthy() {
			return Struct(M("all", Struct(all...)), M("supported", StrArray(supported))), nil
		}
	}
	return Struct(all...), nil
}

//go:embed post_types.json
var postTypesJSON []byte

// postTypeDefs holds the registered post types as WordPress describes them
// (base fields, labels, cap, map_meta_cap, menu, taxonomies), in
// registration order. A menu_position WordPress leaves unset (null) is the
// empty string its XML-RPC encoder makes of null.
var postTypeDefs = mustJSONValue(postTypesJSON)

// mustJSONValue converts embedded JSON to a Value keeping object member
// order; the data is part of the binary, so a failure is a build bug.
func mustJSONValue(data []byte) Value {
	d := json.NewDecoder(bytes.NewReader(data))
	d.UseNumber()
	v, err := jsonValue(d)
	if err != nil {
		panic("xmlrpc: bad embedded JSON: " + err.Error())
	}
	return v
}

func jsonValue(d *json.Decoder) (Value, error) {
	tok, err := d.Token()
	if err != nil {
		return Value{}, err
	}
	switch t := tok.(type) {
	case json.Delim:
		if t == '[' {
			out := Array()
			for d.More() {
				v, err := jsonValue(d)
				if err != nil {
					return Value{}, err
				}
				out.Array = append(out.Array, v)
			}
			_, err := d.Token()
			return out, err
		}
		out := Struct()
		for d.More() {
			key, err := d.Token()
			if err != nil {
				return Value{}, err
			}
			v, err := jsonValue(d)
			if err != nil {
				return Value{}, err
			}
			out.Members = append(out.Members, M(fmt.Sprint(key), v))
		}
		_, err := d.Token()
		return out, err
	case string:
		return Str(t), nil
	case bool:
		return Bool(t), nil
	case json.Number:
		if n, err := t.Int64(); err == nil {
			return Int(n), nil
		}
		f, err := t.Float64()
		return Double(f), err
	}
	return Value{}, nil
}

// postTypeBase are the members _prepare_post_type always returns.
var postTypeBase = []string{"name", "label", "hierarchical", "public", "show_ui", "_builtin", "has_archive", "supports"}

// preparePostType is _prepare_post_type for the requested field groups.
func preparePostType(def Value, fields []string) Value {
	var out []Member
	for _, name := range postTypeBase {
		if v, ok := def.Get(name); ok {
			out = append(out, M(name, v))
		}
	}
	groups := []struct {
		field   string
		members []string
	}{{"labels", []string{"labels"}}, {"cap", []string{"cap", "map_meta_cap"}},
		{"menu", []string{"menu_position", "menu_icon", "show_in_menu"}}, {"taxonomies", []string{"taxonomies"}}}
	for _, g := range groups {
		if !slices.Contains(fields, g.field) {
			continue
		}
		for _, name := range g.members {
			if v, ok := def.Get(name); ok {
				out = append(out, M(name, v))
			}
		}
	}
	return Struct(out...)
}

// wpGetPostType(blog, username, password, name[, fields]).
func wpGetPostType(c *Call, p Params) (Value, error) {
	if err := p.Min(4); err != nil {
		return Value{}, err
	}
	name, err := p.String(3)
	if err != nil {
		return Value{}, err
	}
	fields, err := p.Fields(4, "labels", "cap", "taxonomies")
	if err != nil {
		return Value{}, err
	}
	u, err := c.login(p, 1, 2)
	if err != nil {
		return Value{}, err
	}
	def, ok := postTypeDefs.Get(name)
	if !ok {
		return Value{}, faultInvalidPostType
	}
	if !models.CanEditPosts(u, name) {
		return Value{}, NewFault(401, languages.Mark("Sorry, you are not allowed to edit posts in this post type."))
	}
	return preparePostType(def, fields), nil
}

// wpGetPostTypes(blog, username, password[, filter[, fields]]): a struct
// keyed by type name (an empty array when no type qualifies).
func wpGetPostTypes(c *Call, p Params) (Value, error) {
	if err := p.Min(3); err != nil {
		return Value{}, err
	}
	filter := Struct(M("public", Bool(true)))
	if p.Has(3) {
		filter = p.Struct(3)
	}
	fields, err := p.Fields(4, "labels", "cap", "taxonomies")
	if err != nil {
		return Value{}, err
	}
	u, err := c.login(p, 1, 2)
	if err != nil {
		return Value{}, err
	}
	var out []Member
	for _, m := range postTypeDefs.Members {
		if !matchesFilter(m.Value, filter) || !models.CanEditPosts(u, m.Name) {
			continue
		}
		out = append(out, M(m.Name, preparePostType(m.Value, fields)))
	}
	if len(out) == 0 {
		return Array(), nil
	}
	return Struct(out...), nil
}

// matchesFilter is get_post_types' "and" filter with PHP's loose ==.
func matchesFilter(def, filter Value) bool {
	for _, f := range filter.Members {
		v, ok := def.Get(f.Name)
		if !ok {
			return false
		}
		if v.Kind == KindBool || f.Value.Kind == KindBool {
			if v.Truthy() != f.Value.Truthy() {
				return false
			}
			continue
		}
		a, _ := v.AsString()
		b, _ := f.Value.AsString()
		if a != b {
			return false
		}
	}
	return true
}
