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
	blocks := ParseBlocks(content)
	size := 0
	for i := range blocks {
		size += blocks[i].renderedSize()
	}
	if size > maxRenderedGrowth*len(content)+maxRenderedSlack {
		// Blocks left open repeat the rest of the text once per open
		// block (WordPress's parser gives each the text up to the end):
		// rendering them would cost the square of the text's length.
		return StripBlockDelimiters(content)
	}
	var b strings.Builder
	b.Grow(size)
	for i := range blocks {
		renderBlockTo(&b, &blocks[i], theme)
	}
	return b.String()
}

// maxRenderedGrowth and maxRenderedSlack bound what the saved HTML of
// a post's blocks may add up to before RenderBlocks gives up on them.
const (
	maxRenderedGrowth = 2
	maxRenderedSlack  = 1 << 20
)

// renderedSize is the length of a block's saved HTML, inner blocks
// included: what rendering writes before block supports add classes.
func (b *Block) renderedSize() int {
	n := 0
	for _, c := range b.InnerContent {
		if c != nil {
			n += len(*c)
		}
	}
	for i := range b.InnerBlocks {
		n += b.InnerBlocks[i].renderedSize()
	}
	return n
}

// renderBlockTo writes a block's output to w: straight through when
// nothing rewrites it, so that deep nesting costs its length once and
// not once per level.
func renderBlockTo(w *strings.Builder, b *Block, theme ThemeLayout) {
	_, layout := layoutBlocks[b.Name]
	if b.Name == "core/heading" || layout {
		w.WriteString(renderBlock(b, theme))
		return
	}
	writeBlockHTML(w, b, theme)
}

// writeBlockHTML writes a block's chunks with its inner blocks' output
// in their places.
func writeBlockHTML(w *strings.Builder, b *Block, theme ThemeLayout) {
	inner := 0
	for _, chunk := range b.InnerContent {
		if chunk != nil {
			w.WriteString(*chunk)
			continue
		}
		if inner < len(b.InnerBlocks) {
			renderBlockTo(w, &b.InnerBlocks[inner], theme)
		}
		inner++
	}
}

func renderBlock(b *Block, theme ThemeLayout) string {
	var out string
	if len(b.InnerBlocks) == 0 && len(b.InnerContent) == 1 {
		out = *b.InnerContent[0]
	} else {
		var sb strings.Builder
		writeBlockHTML(&sb, b, theme)
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
