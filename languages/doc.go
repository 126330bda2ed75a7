// Package languages holds PressPass's translations as WordPress keeps its
// own: gettext catalogs of the text domain "presspass" (presspass.pot, the
// template translators start from, and one LOCALE.po per language), read
// from the binary at start-up. Code marks a string by passing it as a
// literal to T, Tn, Tx or Mark; templates call T, Tn and Tx the same way.
// The catalog test extracts the marked strings and fails when the template
// is stale or a language misses or keeps a string.
//
// Locales are WordPress's codes: "en_US" is the language the strings are
// written in and needs no catalog; "ja" is Japanese. The package imports
// nothing of the project, so every adapter can use it.
package languages
