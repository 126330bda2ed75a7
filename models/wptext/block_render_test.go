package wptext

import (
	"os"
	"strings"
	"testing"
)

var testThemeLayout = ThemeLayout{RootPaddingAware: true, BlockGap: true}

func TestRenderBlocks(t *testing.T) {
	tests := []struct {
		name, content, want string
		theme               ThemeLayout
	}{
		{"classic content is kept", "<p>a</p>", "<p>a</p>", testThemeLayout},
		{"delimiters go, HTML stays", "<!-- wp:paragraph -->\n<p>a</p>\n<!-- /wp:paragraph -->\n\n<!-- wp:separator /-->",
			"\n<p>a</p>\n\n\n", testThemeLayout},
		{"quote gets the flow layout on its wrapper",
			"<!-- wp:quote -->\n<blockquote class=\"wp-block-quote\"><!-- wp:paragraph --><p>a</p><!-- /wp:paragraph --></blockquote>\n<!-- /wp:quote -->",
			"\n<blockquote class=\"wp-block-quote is-layout-flow wp-block-quote-is-layout-flow\"><p>a</p></blockquote>\n", testThemeLayout},
		{"group with inherited width is constrained with global padding",
			`<!-- wp:group {"layout":{"inherit":true}} --><div class="wp-block-group"></div><!-- /wp:group -->`,
			`<div class="wp-block-group has-global-padding is-layout-constrained wp-block-group-is-layout-constrained"></div>`, testThemeLayout},
		{"constrained without root padding awareness",
			`<!-- wp:group {"layout":{"type":"constrained"}} --><div class="wp-block-group"></div><!-- /wp:group -->`,
			`<div class="wp-block-group is-layout-constrained wp-block-group-is-layout-constrained"></div>`, ThemeLayout{}},
		// The hash is the one WordPress 6.9 gave a columns block without
		// attributes in the captures (wp-container-core-columns-is-layout-28f84493).
		{"columns' default flex layout has a container style",
			`<!-- wp:columns --><div class="wp-block-columns"><!-- wp:column --><div class="wp-block-column"></div><!-- /wp:column --></div><!-- /wp:columns -->`,
			`<div class="wp-block-columns is-layout-flex wp-container-core-columns-is-layout-28f84493 wp-block-columns-is-layout-flex">` +
				`<div class="wp-block-column is-layout-flow wp-block-column-is-layout-flow"></div></div>`, testThemeLayout},
		{"flex layout keywords become classes",
			`<!-- wp:group {"layout":{"type":"flex","orientation":"vertical","justifyContent":"center","flexWrap":"nowrap"}} --><div class="wp-block-group"></div><!-- /wp:group -->`,
			`<div class="wp-block-group is-vertical is-content-justification-center is-nowrap is-layout-flex wp-container-core-group-is-layout-` +
				phpMD5Prefix(`[{"type":"flex","orientation":"vertical","justifyContent":"center","flexWrap":"nowrap"},true,null,false,"0.5em",null]`) +
				` wp-block-group-is-layout-flex"></div>`, testThemeLayout},
		{"the wrapper is the tag holding the inner blocks",
			"<!-- wp:cover --><div class=\"wp-block-cover\"><span></span><div class=\"wp-block-cover__inner-container\"><!-- wp:paragraph --><p>a</p><!-- /wp:paragraph --></div></div><!-- /wp:cover -->",
			"<div class=\"wp-block-cover\"><span></span><div class=\"wp-block-cover__inner-container is-layout-flow wp-block-cover-is-layout-flow\"><p>a</p></div></div>", testThemeLayout},
		{"a block without tags is left alone", "<!-- wp:group -->text<!-- /wp:group -->", "text", testThemeLayout},
		{"a wrapper without class gets one after its name",
			"<!-- wp:group --><div id=\"g\"></div><!-- /wp:group -->",
			"<div class=\"is-layout-flow wp-block-group-is-layout-flow\" id=\"g\"></div>", testThemeLayout},
		{"classes already there are not repeated",
			"<!-- wp:quote --><blockquote class=\"a  is-layout-flow\"></blockquote><!-- /wp:quote -->",
			"<blockquote class=\"a  is-layout-flow wp-block-quote-is-layout-flow\"></blockquote>", testThemeLayout},
		{"headings get wp-block-heading", "<!-- wp:heading --><h2>T</h2><!-- /wp:heading -->",
			"<h2 class=\"wp-block-heading\">T</h2>", testThemeLayout},
		{"paragraphs get no layout", "<!-- wp:paragraph {\"layout\":{\"type\":\"flex\"}} --><p>a</p><!-- /wp:paragraph -->",
			"<p>a</p>", testThemeLayout},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := RenderBlocks(tt.content, tt.theme); got != tt.want {
				t.Errorf("RenderBlocks(%q)\n got %q\nwant %q", tt.content, got, tt.want)
			}
		})
	}
}

// The sample page as WordPress 6.9.7 rendered it in the captures (case
// 766): quotes in the flow layout, texturized.
func TestTheContentSamplePage(t *testing.T) {
	raw, err := os.ReadFile("testdata/blocks/sample-page.raw.html")
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile("testdata/blocks/sample-page.rendered.html")
	if err != nil {
		t.Fatal(err)
	}
	if got := TheContent(string(raw), Options{Layout: testThemeLayout}); got != string(want) {
		t.Errorf("TheContent(sample page)\n got %q\nwant %q", got, want)
	}
}

// Blocks left open to the end of a post would each render the rest of
// the text (WordPress's parser gives every open block the text up to the
// end): past a bound the saved HTML is shown without its delimiters, so
// rendering stays linear.
func TestRenderBlocksUnclosedStaysLinear(t *testing.T) {
	in := strings.Repeat("<!-- wp:paragraph --><p>open</p>\n", 40000)
	out := RenderBlocks(in, ThemeLayout{})
	if want := StripBlockDelimiters(in); out != want {
		t.Fatalf("rendered %d bytes from %d, want the %d bytes of the saved HTML", len(out), len(in), len(want))
	}
}
