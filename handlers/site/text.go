package site

import (
	"context"
	"html"
	"regexp"
	"strconv"
	"strings"

	"github.com/presspass/presspass/models"
	"github.com/presspass/presspass/models/wptext"
)

// A page shows a post's title, content and excerpt exactly as the REST
// API's title.rendered, content.rendered and excerpt.rendered do: the same
// filter chains of models/wptext, with the same site settings.

// textOptions are the settings the filter chains read.
func (st *Site) textOptions(ctx context.Context) wptext.Options {
	return wptext.Options{
		Smilies: wptext.UseSmilies(st.store.Option(ctx, "use_smilies")),
		HomeURL: st.cfg.SiteURL,
		Layout:  wptext.ThemeLayout(models.BlockLayout),
	}
}

// renderTitle is the_title.
func renderTitle(title string) string { return wptext.TheTitle(title) }

// renderContent is the_content (for attachments, the description).
func (st *Site) renderContent(ctx context.Context, p *models.Post) string {
	return wptext.TheContent(p.Content, st.textOptions(ctx))
}

// renderExcerpt is the_excerpt.
func (st *Site) renderExcerpt(ctx context.Context, p *models.Post) string {
	return wptext.TheExcerpt(p.Excerpt, p.Content, st.textOptions(ctx))
}

// plainExcerpt is get_the_excerpt as feeds use it: the post's own excerpt,
// or wp_trim_excerpt of the rendered content (text, no paragraphs).
func (st *Site) plainExcerpt(ctx context.Context, p *models.Post, renderedContent string) string {
	if p.Excerpt != "" {
		return p.Excerpt
	}
	return wptext.TrimExcerpt(renderedContent, wptext.ExcerptLength)
}

// renderComment is comment_text.
func (st *Site) renderComment(ctx context.Context, cm *models.Comment) string {
	return wptext.CommentText(cm.Content, st.textOptions(ctx))
}

// stripTags is wp_strip_all_tags.
func stripTags(s string) string { return wptext.StripAllTags(s) }

// namedEntity finds the named character references ent2ncr replaces.
var namedEntity = regexp.MustCompile(`&([a-zA-Z][a-zA-Z0-9]*);`)

// ent2ncr is WordPress's ent2ncr: named entities become numeric ones, which
// every XML reader understands.
func ent2ncr(s string) string {
	if !strings.Contains(s, "&") {
		return s
	}
	return namedEntity.ReplaceAllStringFunc(s, func(m string) string {
		r := []rune(html.UnescapeString(m))
		if len(r) != 1 || string(r) == m {
			return m
		}
		return "&#" + strconv.Itoa(int(r[0])) + ";"
	})
}

// escHTML is esc_html.
func escHTML(s string) string { return wptext.EscHTML(s) }

// cdata keeps text inside a CDATA section whatever it holds, as
// get_the_content_feed does by breaking "]]>".
func cdata(s string) string { return strings.ReplaceAll(s, "]]>", "]]&gt;") }
