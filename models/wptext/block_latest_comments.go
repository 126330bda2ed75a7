package wptext

import (
	"fmt"
	"strings"
	"time"

	"github.com/presspass/presspass/models/kses"
)

// LatestCommentsBlock is what the core/latest-comments block shows: its
// attributes, the site's options it reads and the comments get_comments
// gave it.
type LatestCommentsBlock struct {
	DisplayAvatar, DisplayDate, DisplayExcerpt bool
	// DateFormat is the date_format option, a PHP date() format.
	DateFormat string
	Comments   []LatestCommentsEntry
	Wrapper    BlockWrapper
	// Words are the block's strings in the reader's language.
	Words Words
}

// LatestCommentsEntry is one comment as the block shows it.
type LatestCommentsEntry struct {
	ID uint64
	// AuthorName is the comment's author (already filtered when stored, so
	// shown as is, as WordPress does), "" for none, which shows as
	// get_comment_author's "Anonymous"; AuthorURL the link on it, "" for none.
	AuthorName, AuthorURL string
	// AvatarURL and AvatarURL2x are the 48 and 96 pixel images, "" when
	// get_avatar gives none (avatars off, or a ping); AvatarFound is false
	// when there was no address to hash (the image is then the default).
	AvatarURL, AvatarURL2x string
	AvatarFound            bool
	// PostTitle is the raw title of the comment's post; PostProtected that
	// the post has a password.
	PostTitle     string
	PostProtected bool
	Link          string
	// Date is the comment's local time in the site's time zone.
	Date    time.Time
	Content string
}

// RenderLatestCommentsBlock is render_block_core_latest_comments: an
// ordered list of the comments, or a note when there are none.
func RenderLatestCommentsBlock(b LatestCommentsBlock) string {
	var classes []string
	if b.DisplayAvatar {
		classes = append(classes, "has-avatars")
	}
	if b.DisplayDate {
		classes = append(classes, "has-dates")
	}
	if b.DisplayExcerpt {
		classes = append(classes, "has-excerpts")
	}
	if len(b.Comments) == 0 {
		classes = append(classes, "no-comments")
		return "<div " + b.Wrapper.Attributes("wp-block-latest-comments", strings.Join(classes, " ")) + ">" + b.Words.T("No comments to show.") + "</div>"
	}
	var out strings.Builder
	out.WriteString("<ol " + b.Wrapper.Attributes("wp-block-latest-comments", strings.Join(classes, " ")) + ">")
	for _, c := range b.Comments {
		out.WriteString(`<li class="wp-block-latest-comments__comment">`)
		if b.DisplayAvatar && c.AvatarURL != "" {
			out.WriteString(latestCommentAvatar(c))
		}
		out.WriteString(`<article><footer class="wp-block-latest-comments__comment-meta">`)
		name := c.AuthorName
		if name == "" {
			name = b.Words.T("Anonymous")
		}
		author := `<span class="wp-block-latest-comments__comment-author">` + name + `</span>`
		if c.AuthorURL != "" {
			author = `<a class="wp-block-latest-comments__comment-author" href="` + kses.EscURL(c.AuthorURL) + `">` + name + `</a>`
		}
		post := `<a class="wp-block-latest-comments__comment-link" href="` + kses.EscURL(c.Link) + `">` + b.postTitle(c) + "</a>"
		out.WriteString(fmt.Sprintf(b.Words.T("%[1]s on %[2]s"), author, post))
		if b.DisplayDate {
			out.WriteString(`<time datetime="` + EscHTML(PHPDate("c", c.Date)) + `" class="wp-block-latest-comments__comment-date">` +
				b.Words.Date(b.DateFormat, c.Date) + "</time>")
		}
		out.WriteString("</footer>")
		if b.DisplayExcerpt {
			out.WriteString(`<div class="wp-block-latest-comments__comment-excerpt">` + Autop(CommentExcerpt(c.Content, c.PostProtected, b.Words), true) + "</div>")
		}
		out.WriteString("</article></li>")
	}
	out.WriteString("</ol>")
	return out.String()
}

// latestCommentAvatar is get_avatar at 48 pixels with the block's class,
// lazy-loaded and decoded asynchronously as outside the main loop.
func latestCommentAvatar(c LatestCommentsEntry) string {
	class := "avatar avatar-48 photo"
	if !c.AvatarFound {
		class += " avatar-default"
	}
	class += " wp-block-latest-comments__comment-avatar"
	return "<img alt='' src='" + kses.EscURL(c.AvatarURL) + "' srcset='" + kses.EscURL(c.AvatarURL2x) + " 2x' class='" + EscHTML(class) +
		"' height='48' width='48' loading='lazy' decoding='async'/>"
}

// postTitle is get_the_title through the_title's filters ("Protected: "
// before a password-protected post's title), or "(no title)" when that
// leaves nothing.
func (b LatestCommentsBlock) postTitle(c LatestCommentsEntry) string {
	title := c.PostTitle
	if c.PostProtected {
		title = fmt.Sprintf(b.Words.T("Protected: %s"), title)
	}
	if title = TheTitle(title); title == "" {
		return b.Words.T("(no title)")
	}
	return title
}

// CommentExcerpt is get_comment_excerpt: the content on one line, its tags
// removed, cut to 20 words with an ellipsis; "Password protected" for a
// comment on a post with a password.
func CommentExcerpt(content string, protected bool, w Words) string {
	text := w.T("Password protected")
	if !protected {
		text = stripTags.ReplaceAllString(strings.NewReplacer("\n", " ", "\r", " ").Replace(content), "")
	}
	return TrimWords(text, 20, "&hellip;")
}
