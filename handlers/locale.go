package handlers

import (
	"fmt"
	"html/template"
	"strings"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/presspass/presspass/languages"
	"github.com/presspass/presspass/models"
)

// Pages speak the language WordPress's determine_locale picks: the login
// page's switcher (wp_lang, then its cookie), the user's own locale on the
// admin screens, the site's everywhere else. Strings are written in English
// and marked with a.T, a.Tn, a.Tx here and T, Tn, Tx in the templates.

const (
	localeKey = "presspass.locale"
	// loginLanguageCookie remembers the login page's language switcher.
	loginLanguageCookie = "wp_lang"
)

// locale is the request's language, decided once per request. It is
// decided after the session middleware, so admin screens know their user.
func (a *app) locale(c echo.Context) string {
	if l, ok := c.Get(localeKey).(string); ok {
		return l
	}
	r := c.Request()
	var h models.LocaleHints
	switch {
	case r.URL.Path == "/wp-login.php":
		h.LoginPage = true
		h.LoginLanguage = r.URL.Query().Get("wp_lang")
		if ck, err := r.Cookie(loginLanguageCookie); h.LoginLanguage == "" && err == nil {
			h.LoginLanguage = ck.Value
		}
	case strings.HasPrefix(r.URL.Path, "/wp-admin/"):
		h.UserLocale = true
	}
	l := models.DetermineLocale(a.store.Option(r.Context(), "WPLANG"), currentUser(c), h)
	if !languages.Installed(l) {
		l = languages.Default
	}
	c.Set(localeKey, l)
	return l
}

// T translates msgid into the request's language (WordPress's __()).
func (a *app) T(c echo.Context, msgid string) string { return languages.T(a.locale(c), msgid) }

// Tn is _n() in the request's language.
func (a *app) Tn(c echo.Context, singular, plural string, n int) string {
	return languages.Tn(a.locale(c), singular, plural, n)
}

// Tx is _x() in the request's language.
func (a *app) Tx(c echo.Context, msgid, context string) string {
	return languages.Tx(a.locale(c), msgid, context)
}

// localeFuncs are the template functions bound to one locale: T, Tn and
// Tx, and numbers in that locale's format.
func localeFuncs(locale string) template.FuncMap {
	funcs := template.FuncMap(languages.TemplateFuncs(locale))
	// Counts in the pages are ints and int64s alike.
	funcs["Tn"] = func(s, p string, n any) string { return languages.Tn(locale, s, p, toInt(n)) }
	funcs["number"] = func(n any) string { return languages.Number(locale, toInt(n)) }
	funcs["markup"] = markup
	funcs["installedLanguages"] = installedLanguages
	return funcs
}

// date shows a date in the request's language ("January 2, 2006",
// "2006年1月2日"), in UTC as the rest of the pages.
func (a *app) date(c echo.Context, t time.Time) string { return languages.Date(a.locale(c), t.UTC()) }

// dateTime shows a date and time of day in the request's language.
func (a *app) dateTime(c echo.Context, t time.Time) string {
	return languages.DateTime(a.locale(c), t.UTC())
}

// markup fills a translated format that carries its own markup (our
// catalogs, never user input) with escaped values.
func markup(format string, args ...any) template.HTML {
	esc := make([]any, len(args))
	for i, a := range args {
		esc[i] = template.HTMLEscapeString(fmt.Sprint(a))
	}
	if len(esc) == 0 {
		return template.HTML(format)
	}
	return template.HTML(fmt.Sprintf(format, esc...))
}

// languageChoice is one entry of a language menu, named in its own language.
type languageChoice struct{ Locale, Lang, Name string }

// installedLanguages is WordPress's wp_dropdown_languages with en_US
// explicit: English and every installed translation.
func installedLanguages() []languageChoice {
	var out []languageChoice
	for _, l := range languages.Locales() {
		out = append(out, languageChoice{Locale: l, Lang: languages.Tag(l), Name: languages.Name(l)})
	}
	return out
}

// toInt lets templates count with any integer field.
func toInt(n any) int {
	switch v := n.(type) {
	case int:
		return v
	case int64:
		return int(v)
	case uint64:
		return int(v)
	case uint:
		return int(v)
	case int32:
		return int(v)
	}
	return 0
}
