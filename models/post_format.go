package models

import (
	"context"
	"strings"

	"gorm.io/gorm"
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
	return s.TermLink(ctx, &Term{Taxonomy: "post_format", Slug: slug})
}

// usedPostFormats are the formats some post has, in WordPress's order:
// those WordPress has a post_format term for (it keeps the term once made;
// PressPass keeps the format on the post, so a format counts while a post
// has it). One statement asks, for each format, whether a post has it: an
// index lookup each on idx_posts_type_format, however many posts there
// are (a DISTINCT over the posts' formats reads every post).
func (s *Store) usedPostFormats(ctx context.Context) ([]PostFormat, error) {
	var probes []string
	var vars []any
	var formats []PostFormat
	for _, f := range postFormats {
		if f.Slug == "standard" { // the absence of a format, never a term
			continue
		}
		probes = append(probes, "EXISTS (SELECT 1 FROM posts WHERE type = ? AND format = ?)")
		vars = append(vars, "post", f.Slug)
		formats = append(formats, f)
	}
	rows, err := s.withContext(ctx).Raw("SELECT "+strings.Join(probes, ", "), vars...).Rows()
	if err != nil {
		return nil, Internal(err)
	}
	defer rows.Close()
	has := make([]bool, len(formats))
	dest := make([]any, len(formats))
	for i := range has {
		dest[i] = &has[i]
	}
	if !rows.Next() { // one row always, unless the statement failed
		if err := rows.Err(); err != nil {
			return nil, Internal(err)
		}
		return nil, nil
	}
	if err := rows.Scan(dest...); err != nil {
		return nil, Internal(err)
	}
	var out []PostFormat
	for i, f := range formats {
		if has[i] {
			out = append(out, f)
		}
	}
	return out, nil
}

// addPostTypeFormatIndex indexes the posts' formats by type, for the
// format search's lookups (usedPostFormats).
func addPostTypeFormatIndex(tx *gorm.DB) error {
	if tx.Migrator().HasIndex(&Post{}, "idx_posts_type_format") {
		return nil
	}
	return tx.Migrator().CreateIndex(&Post{}, "idx_posts_type_format")
}
