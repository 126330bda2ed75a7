package models

import (
	"context"
	"html"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/presspass/presspass/languages"
)

// Site settings are options that the site's administrators change through
// the REST settings endpoint (and XML-RPC's wp.setOptions). Values are
// cleaned as WordPress's sanitize_option() cleans them; a value WordPress
// would reject (a bad e-mail address or time zone) leaves the option as it
// was, as WordPress does.

var errCannotManageOptions = newError(KindForbidden, ReasonCannotManageOptions)

// UpdateOptions writes several options as actor, who needs manage_options.
// Errors: forbidden (ReasonCannotManageOptions), internal.
func (s *Store) UpdateOptions(ctx context.Context, actor *User, values map[string]string) error {
	if !CanManageOptions(actor) {
		return errCannotManageOptions
	}
	for name, v := range values {
		clean, ok := SanitizeOption(name, v)
		if !ok {
			continue
		}
		if err := s.SetOption(ctx, name, clean); err != nil {
			return err
		}
	}
	return nil
}

var entityStart = regexp.MustCompile(`&(#[0-9]+;|#[xX][0-9a-fA-F]+;|[A-Za-z][A-Za-z0-9]*;)?`)

// escHTML is WordPress's esc_html: <, >, ", ' and a bare & are encoded;
// existing entities are kept.
func escHTML(s string) string {
	s = entityStart.ReplaceAllStringFunc(s, func(m string) string {
		if len(m) > 1 {
			return m
		}
		return "&amp;"
	})
	return strings.NewReplacer("<", "&lt;", ">", "&gt;", `"`, "&quot;", "'", "&#039;").Replace(s)
}

// SanitizeOption is sanitize_option for the options PressPass exposes: it
// returns the value to store, or ok=false when the value must be refused
// and the option kept.
func SanitizeOption(name, value string) (clean string, ok bool) {
	switch name {
	case "blogname", "blogdescription":
		return escHTML(strings.TrimSpace(html.UnescapeString(stripTagsForOption(value)))), true
	case "admin_email":
		v := strings.TrimSpace(value)
		return v, IsEmail(v)
	case "timezone_string":
		if value == "" || value == "UTC" {
			return value, true
		}
		_, err := time.LoadLocation(value)
		return value, err == nil && strings.Contains(value, "/")
	case "posts_per_page":
		n, _ := strconv.Atoi(value)
		if n == 0 {
			n = 1
		}
		if n < -1 {
			n = -n
		}
		return strconv.Itoa(n), true
	case "start_of_week", "default_category", "page_on_front", "page_for_posts", "site_icon", "site_logo":
		n, _ := strconv.Atoi(value)
		if n < 0 {
			n = -n
		}
		return strconv.Itoa(n), true
	case "WPLANG":
		// Only an installed translation, or "" for English; anything else
		// keeps the language the site has, as WordPress does.
		return value, value == "" || slices.Contains(languages.Available(), value)
	case "siteurl", "home":
		return strings.TrimRight(strings.TrimSpace(value), "/"), true
	}
	return value, true
}

var optionTags = regexp.MustCompile(`<[^>]*>`)

// stripTagsForOption drops markup from a site title or tagline (WordPress
// runs them through wp_kses_post, which keeps only post markup; a title
// shows as text anyway).
func stripTagsForOption(s string) string { return optionTags.ReplaceAllString(s, "") }
