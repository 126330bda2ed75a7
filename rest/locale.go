package rest

import "github.com/presspass/presspass/models"

// Locale is the language this request is answered in, determine_locale
// for a REST request: the authenticated user's own locale when the client
// asks _locale=user (the block editor and the apps do), the site's
// otherwise. Messages are written in English and translated with
// languages.T(r.Locale(), message) where they are worded.
func (r *Request) Locale() string {
	wplang := r.server.store.Option(r.Ctx(), "WPLANG")
	return models.DetermineLocale(wplang, r.User, models.LocaleHints{UserLocale: r.queryParams["_locale"] == "user"})
}
