package languages

import (
	"embed"
	"sort"
	"strings"

	"github.com/leonelquinteros/gotext"
)

// TextDomain is the gettext domain of every PressPass string.
const TextDomain = "presspass"

// Default is the locale the strings are written in, WordPress's en_US.
const Default = "en_US"

//go:embed *.po presspass.pot
var catalogFS embed.FS

// catalogs maps a locale to its parsed catalog. They are parsed once at
// start-up and only read afterwards (gotext's reads take a read lock).
var catalogs = func() map[string]*gotext.Po {
	names, err := catalogFS.ReadDir(".")
	if err != nil {
		panic(err)
	}
	out := map[string]*gotext.Po{}
	for _, e := range names {
		locale, ok := strings.CutSuffix(e.Name(), ".po")
		if !ok {
			continue
		}
		b, err := catalogFS.ReadFile(e.Name())
		if err != nil {
			panic(err)
		}
		po := gotext.NewPo()
		po.Parse(b)
		out[locale] = po
	}
	return out
}()

// Available lists the installed translations, WordPress's
// get_available_languages(): every locale with a catalog, en_US not among them.
func Available() []string {
	out := make([]string, 0, len(catalogs))
	for l := range catalogs {
		out = append(out, l)
	}
	sort.Strings(out)
	return out
}

// Locales lists every locale pages may be shown in: en_US first, then the
// installed translations.
func Locales() []string { return append([]string{Default}, Available()...) }

// Installed reports whether locale is en_US or has a catalog.
func Installed(locale string) bool {
	_, ok := catalogs[locale]
	return ok || locale == Default
}

// Name is a locale's name in its own language, as the language menus show it.
func Name(locale string) string {
	switch locale {
	case Default:
		return "English (United States)"
	case "ja":
		return "日本語"
	}
	return locale
}

// Tag is the locale as an HTML lang attribute (BCP 47), e.g. en-US, ja.
func Tag(locale string) string {
	if !Installed(locale) {
		locale = Default
	}
	return strings.ReplaceAll(locale, "_", "-")
}

// noArgs keeps gotext from formatting: a translation is returned as
// written, its verbs filled in by the caller as WordPress's printf( __() ).
var noArgs []any

// T is WordPress's __(): msgid in locale, or msgid itself when the locale
// has no catalog or the catalog no translation.
func T(locale, msgid string) string {
	if po, ok := catalogs[locale]; ok {
		return po.Get(msgid, noArgs...)
	}
	return msgid
}

// Tn is _n(): the singular or plural form for n in locale.
func Tn(locale, singular, plural string, n int) string {
	if po, ok := catalogs[locale]; ok && po.IsTranslatedN(singular, n) {
		return po.GetN(singular, plural, n, noArgs...)
	}
	if n == 1 {
		return singular
	}
	return plural
}

// Tx is _x(): msgid in locale where the context tells translators which
// sense is meant (e.g. "Revoke" a button, not a heading).
func Tx(locale, msgid, context string) string {
	if po, ok := catalogs[locale]; ok {
		return po.GetC(msgid, context, noArgs...)
	}
	return msgid
}

// Mark marks msgid for the catalog and returns it unchanged: for strings
// kept in tables and translated later with T, WordPress's __( 'x' ) kept
// untranslated until shown (its _n_noop and friends).
func Mark(msgid string) string { return msgid }

// Plural is a message's singular and plural forms, kept in a table and
// shown later with Tn.
type Plural struct{ Singular, Plural string }

// MarkN marks a singular and plural pair for the catalog as _n_noop does.
func MarkN(singular, plural string) Plural { return Plural{singular, plural} }
