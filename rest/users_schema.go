package rest

// userSchema is the users controller's public item schema (OPTIONS).
func userSchema() *Object {
	prop := func(desc, typ string, contexts []any, extra *Object) *Object {
		m := Obj("description", desc, "type", typ)
		if f, ok := extra.Get("format"); ok {
			m.Set("format", f)
		}
		m.Set("context", contexts)
		for k, v := range extra.All() {
			m.Set(k, v)
		}
		return m
	}
	all := []any{"embed", "view", "edit"}
	edit := []any{"edit"}
	ro := Obj("readonly", true)
	avatarProps := &Object{}
	for _, n := range []string{"24", "48", "96"} {
		avatarProps.Set(n, Obj("description", "Avatar URL with image size of "+n+" pixels.", "type", "string", "format", "uri", "context", all))
	}
	return Obj(
		"$schema", "http://json-schema.org/draft-04/schema#",
		"title", "user",
		"type", "object",
		"properties", Obj(
			"id", prop("Unique identifier for the user.", "integer", all, ro),
			"username", prop("Login name for the user.", "string", edit, Obj("required", true)),
			"name", prop("Display name for the user.", "string", all, nil),
			"first_name", prop("First name for the user.", "string", edit, nil),
			"last_name", prop("Last name for the user.", "string", edit, nil),
			"email", prop("The email address for the user.", "string", edit, Obj("format", "email", "required", true)),
			"url", prop("URL of the user.", "string", all, Obj("format", "uri")),
			"description", prop("Description of the user.", "string", all, nil),
			"link", prop("Author URL of the user.", "string", all, Obj("format", "uri", "readonly", true)),
			"locale", prop("Locale for the user.", "string", edit, Obj("enum", userLocaleEnum())),
			"nickname", prop("The nickname for the user.", "string", edit, nil),
			"slug", prop("An alphanumeric identifier for the user.", "string", all, nil),
			"registered_date", prop("Registration date for the user.", "string", edit, Obj("format", "date-time", "readonly", true)),
			"roles", prop("Roles assigned to the user.", "array", edit, Obj("items", Obj("type", "string"))),
			"password", prop("Password for the user (never included).", "string", []any{}, Obj("required", true)),
			"capabilities", prop("All capabilities assigned to the user.", "object", edit, ro),
			"extra_capabilities", prop("Any extra capabilities assigned to the user.", "object", edit, ro),
			"avatar_urls", prop("Avatar URLs for the user.", "object", all, Obj("readonly", true, "properties", avatarProps)),
			"meta", Obj(
				"description", "Meta fields.",
				"type", "object",
				"context", []any{"view", "edit"},
				"properties", Obj(
					"persisted_preferences", Obj(
						"type", "object", "title", "", "description", "", "default", []any{}, "context", edit,
						"properties", Obj(
							"_modified", Obj("description", "The date and time the preferences were updated.", "type", "string", "format", "date-time", "readonly", false),
						),
						"additionalProperties", true,
					),
				),
			),
		),
	)
}
