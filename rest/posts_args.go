package rest

import (
	"net/http"

	"github.com/presspass/presspass/languages"
	"github.com/presspass/presspass/models"
)

// The argument schemas of the posts and pages endpoints, as
// WP_REST_Posts_Controller registers them (the same names, types,
// descriptions and defaults, since clients read them from OPTIONS and the
// index).

// postFormats are the post formats' slugs as a schema enum.
var postFormats = func() []any {
	var out []any
	for _, f := range models.PostFormatSlugs() {
		out = append(out, f)
	}
	return out
}()

// termQueryArg is the categories/tags filter: a list of ids, or an object
// with terms (and operator / include_children).
func termQueryArg(name, taxonomyLabel string, exclude, children, operator bool) Arg {
	desc := "Limit result set to items with specific terms assigned in the " + taxonomyLabel + " taxonomy."
	if exclude {
		desc = "Limit result set to items except those with specific terms assigned in the " + taxonomyLabel + " taxonomy."
	}
	props := map[string]*Arg{
		"terms": {Description: "Term IDs.", Type: "array", Items: &Arg{Type: "integer"}, Default: []any{}},
	}
	if children {
		props["include_children"] = &Arg{Description: "Whether to include child terms in the terms limiting the result set.", Type: "boolean", Default: false}
	}
	if operator {
		props["operator"] = &Arg{Description: "Whether items must be assigned all or any of the specified terms.", Type: "string", Enum: []any{"AND", "OR"}, Default: "OR"}
	}
	return Arg{
		Name: name, Description: desc, Types: []string{"object", "array"},
		OneOf: []*Arg{
			{Type: "array", Items: &Arg{Type: "integer"}, Extra: map[string]any{"title": "Term ID List", "description": "Match terms with the listed IDs."}},
			{Type: "object", Properties: props, PropertyOrder: []string{"terms", "include_children", "operator"}, AdditionalProperties: false, Extra: map[string]any{"title": "Term ID Taxonomy Query", "description": "Perform an advanced term query."}},
		},
	}
}

// postCollectionArgs are the GET arguments of /wp/v2/posts or /wp/v2/pages.
func (s *Server) postCollectionArgs(pt *postType) []Arg {
	args := []Arg{
		ContextArg("view"),
		{Name: "page", Description: "Current page of the collection.", Type: "integer", Default: int64(1), Minimum: Int64(1)},
		{Name: "per_page", Description: "Maximum number of items to be returned in result set.", Type: "integer", Default: int64(10), Minimum: Int64(1), Maximum: Int64(100)},
		{Name: "search", Description: "Limit results to those matching a string.", Type: "string"},
		{Name: "after", Description: "Limit response to posts published after a given ISO8601 compliant date.", Type: "string", Format: "date-time"},
		{Name: "modified_after", Description: "Limit response to posts modified after a given ISO8601 compliant date.", Type: "string", Format: "date-time"},
	}
	if pt.supports("author") {
		args = append(args,
			Arg{Name: "author", Description: "Limit result set to posts assigned to specific authors.", Type: "array", Items: &Arg{Type: "integer"}, Default: []any{}},
			Arg{Name: "author_exclude", Description: "Ensure result set excludes posts assigned to specific authors.", Type: "array", Items: &Arg{Type: "integer"}, Default: []any{}},
		)
	}
	args = append(args, []Arg{
		{Name: "before", Description: "Limit response to posts published before a given ISO8601 compliant date.", Type: "string", Format: "date-time"},
		{Name: "modified_before", Description: "Limit response to posts modified before a given ISO8601 compliant date.", Type: "string", Format: "date-time"},
		{Name: "exclude", Description: "Ensure result set excludes specific IDs.", Type: "array", Items: &Arg{Type: "integer"}, Default: []any{}},
		{Name: "include", Description: "Limit result set to specific IDs.", Type: "array", Items: &Arg{Type: "integer"}, Default: []any{}},
	}...)
	if pt.supports("page-attributes") {
		args = append(args, Arg{Name: "menu_order", Description: "Limit result set to posts with a specific menu_order value.", Type: "integer"})
	}
	args = append(args,
		Arg{Name: "search_semantics", Description: "How to interpret the search input.", Type: "string", Enum: []any{"exact"}},
		Arg{Name: "offset", Description: "Offset the result set by a specific number of items.", Type: "integer"},
		Arg{Keywords: kwOrder, Name: "order", Description: "Order sort attribute ascending or descending.", Type: "string", Default: "desc", Enum: []any{"asc", "desc"}},
	)
	orderby := []any{"author", "date", "id", "include", "modified", "parent", "relevance", "slug", "include_slugs", "title"}
	if pt.supports("page-attributes") {
		orderby = append(orderby, "menu_order")
	}
	args = append(args,
		Arg{Keywords: kwOrder, Name: "orderby", Description: "Sort collection by post attribute.", Type: "string", Default: "date", Enum: orderby},
	)
	// A hierarchical type's parent filters come before search_columns.
	if pt.Hierarchical {
		args = append(args,
			Arg{Name: "parent", Description: "Limit result set to items with particular parent IDs.", Type: "array", Items: &Arg{Type: "integer"}, Default: []any{}},
			Arg{Name: "parent_exclude", Description: "Limit result set to all items except those of a particular parent ID.", Type: "array", Items: &Arg{Type: "integer"}, Default: []any{}},
		)
	}
	args = append(args,
		Arg{Name: "search_columns", Description: "Array of column names to be searched.", Type: "array", Default: []any{}, Keywords: kwDefaultFirst,
			Items: &Arg{Type: "string", Enum: []any{"post_title", "post_content", "post_excerpt"}, Keywords: kwEnumFirst}},
	)
	args = append(args,
		Arg{Name: "slug", Description: "Limit result set to posts with one or more specific slugs.", Type: "array", Items: &Arg{Type: "string"}},
		Arg{Name: "status", Description: "Limit result set to posts assigned one or more statuses.", Type: "array", Default: "publish", Keywords: kwDefaultFirst,
			Items: &Arg{Keywords: kwEnumFirst, Type: "string", Enum: []any{"publish", "future", "draft", "pending", "private", "trash", "auto-draft", "inherit",
				"request-pending", "request-confirmed", "request-failed", "request-completed", "any"}},
			Sanitize: func(r *Request, v any) (any, error) { return sanitizePostStatuses(r, pt, v) }},
	)
	if len(pt.Taxonomies) > 0 {
		args = append(args, Arg{Name: "tax_relation", Description: "Limit result set based on relationship between multiple taxonomies.", Type: "string", Enum: []any{"AND", "OR"}})
	}
	for _, t := range pt.Taxonomies {
		args = append(args,
			termQueryArg(t.RestBase, t.RestBase, false, t.Hierarchical, true),
			termQueryArg(t.RestBase+"_exclude", t.RestBase, true, t.Hierarchical, false),
		)
	}
	if pt.sticky() {
		args = append(args,
			Arg{Name: "sticky", Description: "Limit result set to items that are sticky.", Type: "boolean"},
			Arg{Name: "ignore_sticky", Description: "Whether to ignore sticky posts or not.", Type: "boolean", Default: true},
		)
	}
	if pt.supports("post-formats") {
		args = append(args, Arg{Name: "format", Description: "Limit result set to items assigned one or more given formats.", Type: "array", UniqueItems: true,
			Items: &Arg{Type: "string", Enum: postFormats, Keywords: kwEnumFirst}})
	}
	return args
}

// rawOrObjectArg is title/content/excerpt: described as an object with raw
// and rendered, but accepted unvalidated as a string or {"raw": …}, as
// WordPress registers them without validate and sanitize callbacks.
func rawOrObjectArg(name, desc, rawDesc, renderedDesc string, renderedCtx []any, extraProps *Object) Arg {
	props := Obj(
		"raw", Obj("description", rawDesc, "type", "string", "context", []any{"edit"}),
		"rendered", Obj("description", renderedDesc, "type", "string", "context", renderedCtx, "readonly", true),
	)
	for k, v := range extraProps.All() {
		props.Set(k, v)
	}
	// Described as an object, never checked as one (a string is fine).
	return Arg{Name: name, Description: desc, Type: "object", SkipValidation: true, Extra: map[string]any{"properties": props},
		Sanitize: func(_ *Request, v any) (any, error) { return v, nil }}
}

// postWriteArgs are the arguments of create and update: the schema's
// writable fields, in its order.
func (s *Server) postWriteArgs(pt *postType) []Arg {
	args := []Arg{
		{Name: "date", Description: "The date the post was published, in the site's timezone.", Types: []string{"string", "null"}, Format: "date-time"},
		{Name: "date_gmt", Description: "The date the post was published, as GMT.", Types: []string{"string", "null"}, Format: "date-time"},
		{Name: "slug", Description: "An alphanumeric identifier for the post unique to its type.", Type: "string"},
		{Name: "status", Description: "A named status for the post.", Type: "string", Enum: []any{"publish", "future", "draft", "pending", "private"}},
		{Name: "password", Description: "A password to protect access to the content and excerpt.", Type: "string"},
		{Name: "parent", Description: "The ID for the parent of the post.", Type: "integer"},
		rawOrObjectArg("title", "The title for the post.", "Title for the post, as it exists in the database.", "HTML title for the post, transformed for display.", ctxAll, nil),
		rawOrObjectArg("content", "The content for the post.", "Content for the post, as it exists in the database.", "HTML content for the post, transformed for display.", ctxViewEdit, Obj(
			"block_version", Obj("description", "Version of the content block format used by the post.", "type", "integer", "context", []any{"edit"}, "readonly", true),
			"protected", Obj("description", "Whether the content is protected with a password.", "type", "boolean", "context", []any{"view", "edit", "embed"}, "readonly", true),
		)),
		{Name: "author", Description: "The ID for the author of the post.", Type: "integer"},
		rawOrObjectArg("excerpt", "The excerpt for the post.", "Excerpt for the post, as it exists in the database.", "HTML excerpt for the post, transformed for display.", ctxAll, Obj(
			"protected", Obj("description", "Whether the excerpt is protected with a password.", "type", "boolean", "context", []any{"view", "edit", "embed"}, "readonly", true),
		)),
		{Name: "featured_media", Description: "The ID of the featured media for the post.", Type: "integer"},
		{Name: "comment_status", Description: "Whether or not comments are open on the post.", Type: "string", Enum: []any{"open", "closed"}},
		{Name: "ping_status", Description: "Whether or not the post can be pinged.", Type: "string", Enum: []any{"open", "closed"}},
		{Name: "menu_order", Description: "The order of the post in relation to other posts.", Type: "integer"},
		{Name: "format", Description: "The format for the post.", Type: "string", Enum: postFormats},
		{Name: "meta", Description: "Meta fields.", Type: "object", Properties: postMetaArgs(pt),
			PropertyOrder: []string{"wp_pattern_sync_status", "footnotes"}},
		{Name: "sticky", Description: "Whether or not the post should be treated as sticky.", Type: "boolean"},
		{Name: "template", Description: "The theme file to use to display the post.", Type: "string", Validate: checkTemplate},
	}
	for _, t := range pt.Taxonomies {
		args = append(args, Arg{Name: t.RestBase, Description: "The terms assigned to the post in the " + t.Slug + " taxonomy.", Type: "array", Items: &Arg{Type: "integer"}})
	}
	out := args[:0]
	for _, a := range args {
		if pt.hasField(a.Name) {
			out = append(out, a)
		}
	}
	if pt.Name == "wp_block" {
		for _, a := range out {
			if a.Name == "title" || a.Name == "content" {
				props := a.Extra["properties"].(*Object)
				props.Delete("rendered")
				props.Object("raw").Set("context", ctxViewEdit)
			}
		}
	}
	return out
}

// postMetaArgs are the registered meta keys of a post type.
func postMetaArgs(pt *postType) map[string]*Arg {
	meta := map[string]*Arg{"footnotes": {Type: "string", Default: "", Extra: map[string]any{"title": "", "description": ""}, Keywords: kwMeta}}
	if pt.Name == "wp_block" {
		meta["wp_pattern_sync_status"] = &Arg{Type: "string", Default: "", Enum: []any{"partial", "unsynced"}, Extra: map[string]any{"title": "", "description": ""}, Keywords: kwMeta}
	}
	return meta
}

// checkTemplate is the template argument's validate_callback: PressPass
// offers no page templates, so only "" (the default) or the post's current
// template is accepted.
func checkTemplate(r *Request, v any) error {
	t, _ := v.(string)
	if t == "" {
		return nil
	}
	if id, err := parseID(r.URLParam("id")); err == nil && id != 0 {
		if p, err := r.Store().PostByID(r.Ctx(), id); err == nil && p.Template == t {
			return nil
		}
	}
	return Errf(http.StatusBadRequest, "rest_invalid_param", languages.Mark("Invalid parameter(s): %s"), "template")
}
