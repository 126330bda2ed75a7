package wptext

import "strings"

// RenderBlocks is do_blocks for the blocks PressPass renders: the content
// parsed into blocks (ParseBlocks), each block's HTML put together from
// its own chunks and its inner blocks' output, then what WordPress's
// render step changes in saved markup applied block by block — the
// layout support's classes (wp_render_layout_support_flag) and
// core/heading's wp-block-heading class. Dynamic blocks keep their saved
// HTML: PressPass has no render callbacks for them in content.
func RenderBlocks(content string, theme ThemeLayout) string {
	var b strings.Builder
	b.Grow(len(content))
	for _, block := range ParseBlocks(content) {
		b.WriteString(renderBlock(&block, theme))
	}
	return b.String()
}

func renderBlock(b *Block, theme ThemeLayout) string {
	var out string
	if len(b.InnerBlocks) == 0 && len(b.InnerContent) == 1 {
		out = *b.InnerContent[0]
	} else {
		var sb strings.Builder
		inner := 0
		for _, chunk := range b.InnerContent {
			if chunk != nil {
				sb.WriteString(*chunk)
				continue
			}
			sb.WriteString(renderBlock(&b.InnerBlocks[inner], theme))
			inner++
		}
		out = sb.String()
	}
	if b.Name == "core/heading" {
		out = headingClass(out)
	}
	if support, ok := layoutBlocks[b.Name]; ok {
		out = renderLayoutSupport(out, b, support, theme)
	}
	return out
}

// headingClass is core/heading's render callback: its first h1-h6 tag
// carries the wp-block-heading class.
func headingClass(content string) string {
	if phpEmpty(content) {
		return content
	}
	s := tagScanner{html: content}
	for s.next() {
		if len(s.tag.name) == 2 && s.tag.name[0] == 'H' && s.tag.name[1] >= '1' && s.tag.name[1] <= '6' {
			return addClasses(content, s.tag, []string{"wp-block-heading"})
		}
	}
	return content
}
