package rest

// The item schemas OPTIONS shows for terms (WP_REST_Terms_Controller::
// get_item_schema) and taxonomies (WP_REST_Taxonomies_Controller).

func termSchema(tr termRoute) func() *Object {
	return func() *Object {
		props := NewObject(termFieldOrder) // the schema's order is the answers'
		for k, v := range Obj(
			"id", prop("Unique identifier for the term.", "integer", ctxAll, "readonly", true),
			"count", prop("Number of published posts for the term.", "integer", ctxViewEdit, "readonly", true),
			"description", prop("HTML description of the term.", "string", ctxViewEdit),
			"link", prop("URL of the term.", "string", ctxAll, "format", "uri", "readonly", true),
			"name", prop("HTML title for the term.", "string", ctxAll, "required", true),
			"slug", prop("An alphanumeric identifier for the term unique to its type.", "string", ctxAll),
			"taxonomy", prop("Type attribution for the term.", "string", ctxAll, "enum", []any{tr.Taxonomy.Name}, "readonly", true),
			"meta", prop("Meta fields.", "object", ctxViewEdit, "properties", []any{}),
		).All() {
			props.Set(k, v)
		}
		if tr.Taxonomy.Hierarchical {
			props.Set("parent", prop("The parent term ID.", "integer", ctxViewEdit))
		}
		return Obj(
			"$schema", "http://json-schema.org/draft-04/schema#", "title", tr.Taxonomy.Name, "type", "object",
			"properties", props,
		)
	}
}

func taxonomySchema() *Object {
	ro := func(desc string, typ any, ctxs []any, extra ...any) *Object {
		return prop(desc, typ, ctxs, append([]any{"readonly", true}, extra...)...)
	}
	flag := func(desc string) *Object { return Obj("description", desc, "type", "boolean") }
	return Obj(
		"$schema", "http://json-schema.org/draft-04/schema#", "title", "taxonomy", "type", "object",
		"properties", Obj(
			"capabilities", ro("All capabilities used by the taxonomy.", "object", ctxEdit),
			"description", ro("A human-readable description of the taxonomy.", "string", ctxViewEdit),
			"hierarchical", ro("Whether or not the taxonomy should have children.", "boolean", ctxViewEdit),
			"labels", ro("Human-readable labels for the taxonomy for various contexts.", "object", ctxEdit),
			"name", ro("The title for the taxonomy.", "string", ctxAll),
			"slug", ro("An alphanumeric identifier for the taxonomy.", "string", ctxAll),
			"show_cloud", ro("Whether or not the term cloud should be displayed.", "boolean", ctxEdit),
			"types", ro("Types associated with the taxonomy.", "array", ctxViewEdit, "items", Obj("type", "string")),
			"rest_base", ro("REST base route for the taxonomy.", "string", ctxAll),
			"rest_namespace", ro("REST namespace route for the taxonomy.", "string", ctxAll),
			"visibility", ro("The visibility settings for the taxonomy.", "object", ctxEdit, "properties", Obj(
				"public", flag("Whether a taxonomy is intended for use publicly either via the admin interface or by front-end users."),
				"publicly_queryable", flag("Whether the taxonomy is publicly queryable."),
				"show_ui", flag("Whether to generate a default UI for managing this taxonomy."),
				"show_admin_column", flag("Whether to allow automatic creation of taxonomy columns on associated post-types table."),
				"show_in_nav_menus", flag("Whether to make the taxonomy available for selection in navigation menus."),
				"show_in_quick_edit", flag("Whether to show the taxonomy in the quick/bulk edit panel."),
			)),
		),
	)
}
