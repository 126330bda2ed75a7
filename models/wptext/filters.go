package wptext

import "strings"

// WordPress's display filter chains (the_title, the_content, the_excerpt,
// comment_text) as functions, each running its filters in WordPress's
// priority order, so that every page, feed and API that shows a text shows
// it the same way.

// Options are the site settings the filter chains read.
type Options struct {
	// Smilies is the use_smilies option (see UseSmilies): convert_smilies
	// does nothing while it is off.
	Smilies bool
	// HomeURL is the site's home URL: make_clickable does not mark links
	// to its host "nofollow".
	HomeURL string
	// Layout is what the active theme tells the blocks' layout support.
	Layout ThemeLayout
}

// UseSmilies reads the use_smilies option's value ("Convert emoticons like
// :-) and :-P to graphics on display"): on unless "0" or empty.
func UseSmilies(option string) bool {
	return option != "0" && option != ""
}

// TheTitle is the_title: texturized, lone "&" escaped (convert_chars),
// trimmed, and WordPress's name spelled right (capital_P_dangit, priority
// 11) everywhere.
func TheTitle(title string) string {
	return strings.ReplaceAll(strings.TrimSpace(ConvertChars(Texturize(title))), "Wordpress", "WordPress")
}

// capitalPDangit is capital_P_dangit's replacement on content and comments.
var capitalPDangit = strings.NewReplacer(
	" Wordpress", " WordPress", "&#8216;Wordpress", "&#8216;WordPress", "&#8220;Wordpress", "&#8220;WordPress",
	">Wordpress", ">WordPress", "(Wordpress", "(WordPress")

// CapitalPDangit is capital_P_dangit on content and comments (priority 11
// on the_content, 31 on comment_text): "Wordpress" becomes "WordPress"
// only after a space, an opening quote, ">" or "(", so that a URL or a
// file name keeps its spelling.
func CapitalPDangit(text string) string { return capitalPDangit.Replace(text) }

// TheContent is the_content: blocks rendered (RenderBlocks: their comment
// delimiters removed, their HTML kept but for what block supports add,
// do_blocks at priority 9); wptexturize (10);
// content without blocks gets paragraphs (wpautop, 10); capital_P_dangit
// (11); smilies last, as convert_smilies runs at priority 20.
func TheContent(raw string, opts Options) string {
	return sharedIfLong("the_content", raw, opts, 0, func() string { return theContent(raw, opts) })
}

func theContent(raw string, opts Options) string {
	if HasBlocks(raw) {
		return smiliesIf(opts.Smilies, CapitalPDangit(Texturize(RenderBlocks(raw, opts.Layout))))
	}
	return smiliesIf(opts.Smilies, CapitalPDangit(Autop(Texturize(raw), true)))
}

// AttachmentContent is the_content of an attachment (its description):
// prepend_attachment puts markup (the image or the link to the file)
// before the content after wpautop, and before convert_smilies.
func AttachmentContent(markup, raw string, opts Options) string {
	return smiliesIf(opts.Smilies, markup+TheContent(raw, Options{HomeURL: opts.HomeURL, Layout: opts.Layout}))
}

// smiliesIf is convert_smilies, which does nothing while the use_smilies
// option is off.
func smiliesIf(on bool, text string) string {
	if !on {
		return text
	}
	return ConvertSmilies(text)
}

// TheExcerpt is the_excerpt of a post: its own excerpt, or one made from
// the content (wp_trim_excerpt), texturized, with smilies, lone "&"
// escaped and in paragraphs (the order in which the_excerpt registers
// them, all at priority 10).
func TheExcerpt(excerpt, content string, opts Options) string {
	if excerpt == "" {
		return ExcerptFromRendered(TheContent(content, opts), ExcerptLength, opts)
	}
	return OwnExcerpt(excerpt, opts)
}

// OwnExcerpt is the_excerpt's filter chain on a stored excerpt alone, as
// revisions show it: an empty excerpt stays empty (nothing is made from
// the content).
func OwnExcerpt(excerpt string, opts Options) string {
	if excerpt == "" {
		return ""
	}
	return Autop(ConvertChars(smiliesIf(opts.Smilies, Texturize(excerpt))), true)
}

// ExcerptFromRendered is TheExcerpt for a post without its own excerpt
// whose content is already rendered by TheContent (so it is not rendered
// twice), cut to words words.
func ExcerptFromRendered(renderedContent string, words int, opts Options) string {
	return sharedIfLong("excerpt", renderedContent, opts, words, func() string { return excerptFromRendered(renderedContent, words, opts) })
}

func excerptFromRendered(renderedContent string, words int, opts Options) string {
	return Autop(ConvertChars(smiliesIf(opts.Smilies, Texturize(TrimExcerpt(renderedContent, words)))), true)
}

// CommentText is the comment_text filter chain for plain comments: links
// made of plain URLs and addresses (make_clickable, priority 9),
// typographic quotes and dashes (wptexturize, 10), lone "&" escaped
// (convert_chars, 10), smilies (convert_smilies, 20), tags balanced
// (force_balance_tags, 25), paragraphs and line breaks (wpautop, 30), then
// WordPress's name spelled right (capital_P_dangit, 31).
func CommentText(content string, opts Options) string {
	clickable := MakeClickable(content, LinkRel{InComment: true, HomeURL: opts.HomeURL})
	return CapitalPDangit(Autop(BalanceTags(smiliesIf(opts.Smilies, ConvertChars(Texturize(clickable)))), true))
}
