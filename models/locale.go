package models

import (
	"regexp"

	"github.com/presspass/presspass/languages"
)

// Which language a request is answered in is WordPress's determine_locale:
// the login page follows its language switcher, admin screens and REST
// requests asking _locale=user follow the user's own locale, everything
// else the site's. The adapters read the hints from their protocol.

// LocaleHints is what a request says about the language it wants.
type LocaleHints struct {
	// LoginPage is wp-login.php; LoginLanguage its wp_lang (the query's, else
	// the cookie's), the language switcher's choice.
	LoginPage     bool
	LoginLanguage string
	// UserLocale is an admin screen (is_admin) or a REST request with
	// _locale=user: the user's own locale is wanted.
	UserLocale bool
}

// SiteLocale is get_locale: the WPLANG option, en_US when empty.
func SiteLocale(wplang string) string {
	if wplang == "" {
		return languages.Default
	}
	return wplang
}

// UserLocale is get_user_locale: the user's own locale, else the site's.
func UserLocale(wplang string, u *User) string {
	if u != nil && u.Locale != "" {
		return u.Locale
	}
	return SiteLocale(wplang)
}

// DetermineLocale is determine_locale for a request by user (nil when
// nobody is logged in) on a site whose WPLANG option is wplang.
func DetermineLocale(wplang string, user *User, h LocaleHints) string {
	if h.LoginPage && h.LoginLanguage != "" {
		if l := SanitizeLocaleName(h.LoginLanguage); l != "" {
			return l
		}
	}
	if h.UserLocale {
		return UserLocale(wplang, user)
	}
	return SiteLocale(wplang)
}

var localeNameJunk = regexp.MustCompile(`[^A-Za-z0-9_-]`)

// SanitizeLocaleName is sanitize_locale_name: letters, digits, - and _ only.
func SanitizeLocaleName(s string) string { return localeNameJunk.ReplaceAllString(s, "") }

// UserLocaleChoices are the values a user's locale may take, WordPress's
// enum for the REST field: "" (the site's), en_US and the installed
// translations.
func UserLocaleChoices() []string { return append([]string{""}, languages.Locales()...) }
