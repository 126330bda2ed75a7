package languages

// TemplateFuncs are T, Tn and Tx bound to locale, for html/template and
// text/template: templates are parsed once per locale with these, so a
// page's strings are marked as {{T "Log In"}} and the catalog test finds them.
func TemplateFuncs(locale string) map[string]any {
	return map[string]any{
		"T":  func(msgid string) string { return T(locale, msgid) },
		"Tn": func(singular, plural string, n int) string { return Tn(locale, singular, plural, n) },
		"Tx": func(msgid, context string) string { return Tx(locale, msgid, context) },
	}
}
