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

func prop(desc string, typ any, ctxs []any, extra ...any) map[string]any {
	m := map[string]any{"description": desc, "type": typ, "context": ctxs}
	for i := 0; i+1 < len(extra); i += 2 {
		m[extra[i].(string)] = extra[i+1]
	}
	return m
}

var (
	ctxAll      = ctxList("view", "edit", "embed")
	ctxViewEdit = ctxList("view", "edit")
	ctxEdit     = ctxList("edit")
)

func postSchema(pt *postType, itemURL string) map[string]any {
	props := map[string]any{
		"date":     prop("The date the post was published, in the site's timezone.", []any{"string", "null"}, ctxAll, "format", "date-time"),
		"date_gmt": prop("The date the post was published, as GMT.", []any{"string", "null"}, ctxViewEdit, "format", "date-time"),
		"guid": prop("The globally unique identifier for the post.", "object", ctxViewEdit, "readonly", true, "properties", map[string]any{
			"raw":      prop("GUID for the post, as it exists in the database.", "string", ctxEdit, "readonly", true),
			"rendered": prop("GUID for the post, transformed for display.", "string", ctxViewEdit, "readonly", true),
		}),
		"id":                 prop("Unique identifier for the post.", "integer", ctxAll, "readonly", true),
		"link":               prop("URL to the post.", "string", ctxAll, "format", "uri", "readonly", true),
		"modified":           prop("The date the post was last modified, in the site's timezone.", "string", ctxViewEdit, "format", "date-time", "readonly", true),
		"modified_gmt":       prop("The date the post was last modified, as GMT.", "string", ctxViewEdit, "format", "date-time", "readonly", true),
		"slug":               prop("An alphanumeric identifier for the post unique to its type.", "string", ctxAll),
		"status":             prop("A named status for the post.", "string", ctxViewEdit, "enum", []any{"publish", "future", "draft", "pending", "private"}),
		"type":               prop("Type of post.", "string", ctxAll, "readonly", true),
		"password":           prop("A password to protect access to the content and excerpt.", "string", ctxEdit),
		"permalink_template": prop("Permalink template for the post.", "string", ctxEdit, "readonly", true),
		"generated_slug":     prop("Slug automatically generated from the post title.", "string", ctxEdit, "readonly", true),
		"class_list":         prop("An array of the class names for the post container element.", "array", ctxViewEdit, "readonly", true, "items", map[string]any{"type": "string"}),
		"title": prop("The title for the post.", "object", ctxAll, "properties", map[string]any{
			"raw":      prop("Title for the post, as it exists in the database.", "string", ctxEdit),
			"rendered": prop("HTML title for the post, transformed for display.", "string", ctxAll, "readonly", true),
		}),
		"content": prop("The content for the post.", "object", ctxViewEdit, "properties", map[string]any{
			"raw":           prop("Content for the post, as it exists in the database.", "string", ctxEdit),
			"rendered":      prop("HTML content for the post, transformed for display.", "string", ctxViewEdit, "readonly", true),
			"block_version": prop("Version of the content block format used by the post.", "integer", ctxEdit, "readonly", true),
			"protected":     prop("Whether the content is protected with a password.", "boolean", ctxAll, "readonly", true),
		}),
		"author": prop("The ID for the author of the post.", "integer", ctxAll),
		"excerpt": prop("The excerpt for the post.", "object", ctxAll, "properties", map[string]any{
			"raw":       prop("Excerpt for the post, as it exists in the database.", "string", ctxEdit),
			"rendered":  prop("HTML excerpt for the post, transformed for display.", "string", ctxAll, "readonly", true),
			"protected": prop("Whether the excerpt is protected with a password.", "boolean", ctxAll, "readonly", true),
		}),
		"featured_media": prop("The ID of the featured media for the post.", "integer", ctxAll),
		"comment_status": prop("Whether or not comments are open on the post.", "string", ctxViewEdit, "enum", []any{"open", "closed"}),
		"ping_status":    prop("Whether or not the post can be pinged.", "string", ctxViewEdit, "enum", []any{"open", "closed"}),
		"meta": prop("Meta fields.", "object", ctxViewEdit, "properties", map[string]any{
			"footnotes": map[string]any{"type": "string", "title": "", "description": "", "default": ""},
		}),
		"template": prop("The theme file to use to display the post.", "string", ctxViewEdit),
	}
	if pt.Hierarchical {
		props["parent"] = prop("The ID for the parent of the post.", "integer", ctxViewEdit)
	}
	if pt.supports("page-attributes") {
		props["menu_order"] = prop("The order of the post in relation to other posts.", "integer", ctxViewEdit)
	}
	if pt.supports("post-formats") {
		props["format"] = prop("The format for the post.", "string", ctxViewEdit, "enum", postFormats)
	}
	if pt.sticky() {
		props["sticky"] = prop("Whether or not the post should be treated as sticky.", "boolean", ctxViewEdit)
	}
	for _, t := range pt.Taxonomies {
		props[t.RestBase] = prop("The terms assigned to the post in the "+t.Slug+" taxonomy.", "array", ctxViewEdit, "items", map[string]any{"type": "integer"})
	}
	if pt.Name == "wp_block" {
		blockSchemaFields(props)
	}
	for name := range props {
		if !pt.hasField(name) {
			delete(props, name)
		}
	}
	return map[string]any{
		"$schema":    "http://json-schema.org/draft-04/schema#",
		"title":      pt.Name,
		"type":       "object",
		"properties": props,
		"links":      postSchemaLinks(pt, itemURL),
	}
}

// postSchemaLinks describes the action links (get_schema_links).
func postSchemaLinks(pt *postType, href string) []any {
	link := func(rel, title string, target map[string]any) map[string]any {
		return map[string]any{"rel": wpRelPrefix + rel, "title": title, "href": href,
			"targetSchema": map[string]any{"type": "object", "properties": target}}
	}
	ids := map[string]any{"type": "array", "items": map[string]any{"type": "integer"}}
	var out []any
	// Attachments are never published (they inherit their parent's status).
	if pt != postTypeAttachment {
		out = append(out, link("action-publish", "The current user can publish this post.", map[string]any{"status": map[string]any{"type": "string", "enum": []any{"publish", "future"}}}))
	}
	out = append(out, link("action-unfiltered-html", "The current user can post unfiltered HTML markup and JavaScript.", map[string]any{"content": map[string]any{"raw": map[string]any{"type": "string"}}}))
	if pt.sticky() {
		out = append(out, link("action-sticky", "The current user can sticky this post.", map[string]any{"sticky": map[string]any{"type": "boolean"}}))
	}
	if pt.supports("author") {
		out = append(out, link("action-assign-author", "The current user can change the author on this post.", map[string]any{"author": map[string]any{"type": "integer"}}))
	}
	for _, t := range pt.Taxonomies {
		target := map[string]any{t.RestBase: ids}
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
func blockSchemaFields(props map[string]any) {
	for _, f := range []string{"title", "content"} {
		sub := props[f].(map[string]any)["properties"].(map[string]any)
		delete(sub, "rendered")
		sub["raw"].(map[string]any)["context"] = ctxViewEdit
	}
	meta := props["meta"].(map[string]any)["properties"].(map[string]any)
	meta["wp_pattern_sync_status"] = map[string]any{"type": "string", "title": "", "description": "", "default": "",
		"enum": []any{"partial", "unsynced"}}
}
