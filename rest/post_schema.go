package rest

// postSchema is the item schema of a post type that OPTIONS shows
// (WP_REST_Posts_Controller::get_item_schema): every field with its type and
// the contexts it appears in, and the action links of the edit context.

func ctxList(ctxs ...string) []any {
	out := make([]any, len(ctxs))
	for i, c := range ctxs {
		out[i] = c
	}
	return out
}

// prop is a schema property: description and type, then format and enum,
// the contexts, then the other keywords in the order given, the order of
// WordPress's get_item_schema declarations.
func prop(desc string, typ any, ctxs []any, extra ...any) *Object {
	m := &Object{members: make([]member, 0, 4+len(extra)/2)}
	m.Set("description", desc)
	m.Set("type", typ)
	for i := 0; i+1 < len(extra); i += 2 {
		if k := extra[i].(string); k == "format" || k == "enum" {
			m.Set(k, extra[i+1])
		}
	}
	m.Set("context", ctxs)
	for i := 0; i+1 < len(extra); i += 2 {
		if k := extra[i].(string); k != "format" && k != "enum" {
			m.Set(k, extra[i+1])
		}
	}
	return m
}

var (
	ctxAll      = ctxList("view", "edit", "embed")
	ctxViewEdit = ctxList("view", "edit")
	ctxEdit     = ctxList("edit")
)

// postSchemaOrder is the order of the posts schema's properties in
// WordPress's get_item_schema (the type's taxonomies come last).
var postSchemaOrder = []string{
	"date", "date_gmt", "guid", "id", "link", "modified", "modified_gmt", "slug", "status", "type", "password",
	"permalink_template", "generated_slug", "class_list", "parent", "title", "content", "author", "excerpt",
	"featured_media", "comment_status", "ping_status", "menu_order", "format", "meta", "sticky", "template",
}

func postSchema(pt *postType, itemURL string) *Object {
	props := NewObject(postSchemaOrder)
	for k, v := range Obj(
		"date", prop("The date the post was published, in the site's timezone.", []any{"string", "null"}, ctxAll, "format", "date-time"),
		"date_gmt", prop("The date the post was published, as GMT.", []any{"string", "null"}, ctxViewEdit, "format", "date-time"),
		"guid", prop("The globally unique identifier for the post.", "object", ctxViewEdit, "readonly", true, "properties", Obj(
			"raw", prop("GUID for the post, as it exists in the database.", "string", ctxEdit, "readonly", true),
			"rendered", prop("GUID for the post, transformed for display.", "string", ctxViewEdit, "readonly", true),
		)),
		"id", prop("Unique identifier for the post.", "integer", ctxAll, "readonly", true),
		"link", prop("URL to the post.", "string", ctxAll, "format", "uri", "readonly", true),
		"modified", prop("The date the post was last modified, in the site's timezone.", "string", ctxViewEdit, "format", "date-time", "readonly", true),
		"modified_gmt", prop("The date the post was last modified, as GMT.", "string", ctxViewEdit, "format", "date-time", "readonly", true),
		"slug", prop("An alphanumeric identifier for the post unique to its type.", "string", ctxAll),
		"status", prop("A named status for the post.", "string", ctxViewEdit, "enum", []any{"publish", "future", "draft", "pending", "private"}),
		"type", prop("Type of post.", "string", ctxAll, "readonly", true),
		"password", prop("A password to protect access to the content and excerpt.", "string", ctxEdit),
		"permalink_template", prop("Permalink template for the post.", "string", ctxEdit, "readonly", true),
		"generated_slug", prop("Slug automatically generated from the post title.", "string", ctxEdit, "readonly", true),
		"class_list", prop("An array of the class names for the post container element.", "array", ctxViewEdit, "readonly", true, "items", Obj("type", "string")),
		"title", prop("The title for the post.", "object", ctxAll, "properties", Obj(
			"raw", prop("Title for the post, as it exists in the database.", "string", ctxEdit),
			"rendered", prop("HTML title for the post, transformed for display.", "string", ctxAll, "readonly", true),
		)),
		"content", prop("The content for the post.", "object", ctxViewEdit, "properties", Obj(
			"raw", prop("Content for the post, as it exists in the database.", "string", ctxEdit),
			"rendered", prop("HTML content for the post, transformed for display.", "string", ctxViewEdit, "readonly", true),
			"block_version", prop("Version of the content block format used by the post.", "integer", ctxEdit, "readonly", true),
			"protected", prop("Whether the content is protected with a password.", "boolean", ctxAll, "readonly", true),
		)),
		"author", prop("The ID for the author of the post.", "integer", ctxAll),
		"excerpt", prop("The excerpt for the post.", "object", ctxAll, "properties", Obj(
			"raw", prop("Excerpt for the post, as it exists in the database.", "string", ctxEdit),
			"rendered", prop("HTML excerpt for the post, transformed for display.", "string", ctxAll, "readonly", true),
			"protected", prop("Whether the excerpt is protected with a password.", "boolean", ctxAll, "readonly", true),
		)),
		"featured_media", prop("The ID of the featured media for the post.", "integer", ctxAll),
		"comment_status", prop("Whether or not comments are open on the post.", "string", ctxViewEdit, "enum", []any{"open", "closed"}),
		"ping_status", prop("Whether or not the post can be pinged.", "string", ctxViewEdit, "enum", []any{"open", "closed"}),
		"meta", prop("Meta fields.", "object", ctxViewEdit, "properties", Obj(
			"footnotes", Obj("type", "string", "title", "", "description", "", "default", ""),
		)),
		"template", prop("The theme file to use to display the post.", "string", ctxViewEdit),
	).All() {
		props.Set(k, v)
	}
	if pt.Hierarchical {
		props.Set("parent", prop("The ID for the parent of the post.", "integer", ctxViewEdit))
	}
	if pt.supports("page-attributes") {
		props.Set("menu_order", prop("The order of the post in relation to other posts.", "integer", ctxViewEdit))
	}
	if pt.supports("post-formats") {
		props.Set("format", prop("The format for the post.", "string", ctxViewEdit, "enum", postFormats))
	}
	if pt.sticky() {
		props.Set("sticky", prop("Whether or not the post should be treated as sticky.", "boolean", ctxViewEdit))
	}
	for _, t := range pt.Taxonomies {
		props.Set(t.RestBase, Obj("description", "The terms assigned to the post in the "+t.Slug+" taxonomy.", "type", "array",
			"items", Obj("type", "integer"), "context", ctxViewEdit))
	}
	if pt.Name == "wp_block" {
		blockSchemaFields(props)
	}
	for _, name := range props.Keys() {
		if !pt.hasField(name) {
			props.Delete(name)
		}
	}
	return Obj(
		"$schema", "http://json-schema.org/draft-04/schema#",
		"title", pt.Name,
		"type", "object",
		"properties", props,
		"links", postSchemaLinks(pt, itemURL),
	)
}

// postSchemaLinks describes the action links (get_schema_links).
func postSchemaLinks(pt *postType, href string) []any {
	link := func(rel, title string, target *Object) *Object {
		return Obj("rel", wpRelPrefix+rel, "title", title, "href", href,
			"targetSchema", Obj("type", "object", "properties", target))
	}
	ids := Obj("type", "array", "items", Obj("type", "integer"))
	var out []any
	// Attachments are never published (they inherit their parent's status).
	if pt != postTypeAttachment {
		out = append(out, link("action-publish", "The current user can publish this post.", Obj("status", Obj("type", "string", "enum", []any{"publish", "future"}))))
	}
	out = append(out, link("action-unfiltered-html", "The current user can post unfiltered HTML markup and JavaScript.", Obj("content", Obj("raw", Obj("type", "string")))))
	if pt.sticky() {
		out = append(out, link("action-sticky", "The current user can sticky this post.", Obj("sticky", Obj("type", "boolean"))))
	}
	if pt.supports("author") {
		out = append(out, link("action-assign-author", "The current user can change the author on this post.", Obj("author", Obj("type", "integer"))))
	}
	for _, t := range pt.Taxonomies {
		target := Obj(t.RestBase, ids)
		out = append(out,
			link("action-assign-"+t.RestBase, "The current user can assign terms in the "+t.Slug+" taxonomy.", target),
			link("action-create-"+t.RestBase, "The current user can create terms in the "+t.Slug+" taxonomy.", target),
		)
	}
	return out
}

// blockSchemaFields is WP_REST_Blocks_Controller's change to the schema: a
// pattern's title and content have no rendered form (rendering blocks needs
// a post around them), and their raw markup is in the view context too.
// The wp_pattern_sync_status meta is registered for the type.
func blockSchemaFields(props *Object) {
	for _, f := range []string{"title", "content"} {
		sub := props.Object(f).Object("properties")
		sub.Delete("rendered")
		sub.Object("raw").Set("context", ctxViewEdit)
	}
	meta := props.Object("meta")
	meta.Set("properties", Obj("wp_pattern_sync_status", Obj("type", "string", "title", "", "description", "", "default", "",
		"enum", []any{"partial", "unsynced"}), "footnotes", meta.Object("properties").Value("footnotes")))
}
