package models

import (
	"context"
	"strings"
)

// PostFormat is one of WordPress's post formats (get_post_format_strings).
type PostFormat struct {
	Slug, Label string
}

// postFormats are the formats in WordPress's order; "standard" is the
// absence of a format.
var postFormats = []PostFormat{
	{"standard", "Standard"}, {"aside", "Aside"}, {"chat", "Chat"}, {"gallery", "Gallery"}, {"link", "Link"},
	{"image", "Image"}, {"quote", "Quote"}, {"status", "Status"}, {"video", "Video"}, {"audio", "Audio"},
}

// PostFormats lists the post formats in WordPress's order.
func PostFormats() []PostFormat { return append([]PostFormat(nil), postFormats...) }

// PostFormatSlugs lists the formats' slugs in order.
func PostFormatSlugs() []string {
	out := make([]string, len(postFormats))
	for i, f := range postFormats {
		out[i] = f.Slug
	}
	return out
}

// IsPostFormat reports whether slug names a post format.
func IsPostFormat(slug string) bool {
	for _, f := range postFormats {
		if f.Slug == slug {
			return true
		}
	}
	return false
}

// PostFormatLink is get_post_format_link: the archive of a format's posts.
func (s *Store) PostFormatLink(ctx context.Context, slug string) string {
	if !s.UsingPermalinks(ctx) {
		return s.siteBase() + "/?post_format=" + slug
	}
	return s.siteBase() + s.trailing(ctx, permastructFront(s.Option(ctx, "permalink_structure"))+"type/"+slug)
}

// usedPostFormats are the formats some post has, in WordPress's order:
// those WordPress has a post_format term for (it keeps the term once made;
// PressPass keeps the format on the post, so a format counts while a post
// has it).
func (s *Store) usedPostFormats(ctx context.Context) ([]PostFormat, error) {
	var used []string
	err := s.withContext(ctx).Model(&Post{}).Distinct("format").
		Where("type = ? AND format <> '' AND format <> ?", "post", "standard").Pluck("format", &used).Error
	if err != nil {
		return nil, Internal(err)
	}
	var out []PostFormat
	for _, f := range postFormats {
		for _, u := range used {
			if strings.EqualFold(u, f.Slug) {
				out = append(out, f)
				break
			}
		}
	}
	return out, nil
}
