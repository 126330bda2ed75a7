package models

import (
	"context"
	"net/url"

	"github.com/presspass/presspass/models/kses"
)

// WordPress filters HTML on the way in (kses_init): users without the
// unfiltered_html capability (authors, contributors, subscribers; visitors
// always) have post titles, content and excerpts and comment content run
// through kses before they are stored. The stored text is the filtered
// one, so every later read (content.raw included) shows it.

// mayPostUnfilteredHTML reports whether u's HTML is stored as sent.
func mayPostUnfilteredHTML(u *User) bool { return u != nil && CanPostUnfilteredHTML(u) }

// ksesPostInput filters the title (wp_filter_kses on title_save_pre, the
// small list) and the content and excerpt (wp_filter_post_kses) that in
// carries, unless actor may post unfiltered HTML.
func ksesPostInput(actor *User, in *PostInput) {
	if mayPostUnfilteredHTML(actor) {
		return
	}
	for _, f := range []struct {
		field  **string
		filter func(string) string
	}{{&in.Title, kses.FilterTitle}, {&in.Content, kses.FilterPost}, {&in.Excerpt, kses.FilterPost}} {
		if *f.field != nil {
			v := f.filter(**f.field)
			*f.field = &v
		}
	}
}

// ksesComment filters comment content (wp_filter_kses on
// pre_comment_content) unless actor may post unfiltered HTML.
func ksesComment(actor *User, content string) string {
	if mayPostUnfilteredHTML(actor) {
		return content
	}
	return kses.FilterComment(content)
}

// preCommentContent is the pre_comment_content chain for new comments:
// kses unless actor may post unfiltered HTML (ksesComment), then, for
// everyone, rel="nofollow ugc" on every link that leaves the site
// (wp_rel_ugc).
func (s *Store) preCommentContent(actor *User, content string) string {
	return kses.RelUGC(ksesComment(actor, content), s.siteHost())
}

// siteHost is the host of the site's address.
func (s *Store) siteHost() string {
	u, err := url.Parse(s.Config.SiteURL)
	if err != nil {
		return ""
	}
	return u.Hostname()
}

// ksesCommentUpdate filters edited comment content as wp_update_comment
// does (pre_comment_content): when actor lacks unfiltered_html, and also when the comment's
// author (authorID, 0 for a visitor) lacks it, so that an administrator's
// edit cannot slip markup into a visitor's comment.
func (s *Store) ksesCommentUpdate(ctx context.Context, actor *User, authorID uint64, content string) (string, error) {
	filtered := !mayPostUnfilteredHTML(actor) || authorID == 0
	if !filtered {
		author, err := s.UserByID(ctx, authorID)
		if err != nil && !IsNotFound(err) {
			return "", err
		}
		filtered = err != nil || !mayPostUnfilteredHTML(author)
	}
	if filtered {
		content = kses.FilterComment(content)
	}
	// wp_rel_ugc is on pre_comment_content too, for every edit.
	return kses.RelUGC(content, s.siteHost()), nil
}

// cleanCommentAuthorName is the pre_comment_author_name chain WordPress runs
// for everyone: sanitize_text_field, then kses with the comment list (which
// leaves no tag and escapes a stray & or >).
func cleanCommentAuthorName(name string) string {
	return kses.FilterComment(SanitizeTextField(name))
}

// cleanCommentAuthorURL is pre_comment_author_url: esc_url_raw, so that no
// javascript: or data: link is stored for anyone to click.
func cleanCommentAuthorURL(u string) string { return kses.CleanURL(u) }
