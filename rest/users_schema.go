package rest

// userSchema is the users controller's public item schema (OPTIONS).
func userSchema() map[string]any {
	prop := func(desc, typ string, contexts []any, extra map[string]any) map[string]any {
		m := map[string]any{"description": desc, "type": typ, "context": contexts}
		for k, v := range extra {
			m[k] = v
		}
		return m
	}
	all := []any{"embed", "view", "edit"}
	edit := []any{"edit"}
	ro := map[string]any{"readonly": true}
	avatarProps := map[string]any{}
	for _, n := range []string{"24", "48", "96"} {
		avatarProps[n] = map[string]any{"description": "Avatar URL with image size of " + n + " pixels.", "type": "string", "format": "uri", "context": all}
	}
	return map[string]any{
		"$schema": "http://json-schema.org/draft-04/schema#",
		"title":   "user",
		"type":    "object",
		"properties": map[string]any{
			"id":                 prop("Unique identifier for the user.", "integer", all, ro),
			"username":           prop("Login name for the user.", "string", edit, map[string]any{"required": true}),
			"name":               prop("Display name for the user.", "string", all, nil),
			"first_name":         prop("First name for the user.", "string", edit, nil),
			"last_name":          prop("Last name for the user.", "string", edit, nil),
			"email":              prop("The email address for the user.", "string", edit, map[string]any{"format": "email", "required": true}),
			"url":                prop("URL of the user.", "string", all, map[string]any{"format": "uri"}),
			"description":        prop("Description of the user.", "string", all, nil),
			"link":               prop("Author URL of the user.", "string", all, map[string]any{"format": "uri", "readonly": true}),
			"locale":             prop("Locale for the user.", "string", edit, map[string]any{"enum": userLocaleEnum()}),
			"nickname":           prop("The nickname for the user.", "string", edit, nil),
			"slug":               prop("An alphanumeric identifier for the user.", "string", all, nil),
			"registered_date":    prop("Registration date for the user.", "string", edit, map[string]any{"format": "date-time", "readonly": true}),
			"roles":              prop("Roles assigned to the user.", "array", edit, map[string]any{"items": map[string]any{"type": "string"}}),
			"password":           prop("Password for the user (never included).", "string", []any{}, map[string]any{"required": true}),
			"capabilities":       prop("All capabilities assigned to the user.", "object", edit, ro),
			"extra_capabilities": prop("Any extra capabilities assigned to the user.", "object", edit, ro),
			"avatar_urls":        prop("Avatar URLs for the user.", "object", all, map[string]any{"readonly": true, "properties": avatarProps}),
			"meta": map[string]any{
				"description": "Meta fields.",
				"type":        "object",
				"context":     []any{"view", "edit"},
				"properties": map[string]any{
					"persisted_preferences": map[string]any{
						"type": "object", "title": "", "description": "", "default": []any{}, "context": edit,
						"properties": map[string]any{
							"_modified": map[string]any{"description": "The date and time the preferences were updated.", "type": "string", "format": "date-time", "readonly": false},
						},
						"additionalProperties": true,
					},
				},
			},
		},
	}
}
