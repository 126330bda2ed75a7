package wptext

import (
	"strings"
	"testing"
)

func TestAutop(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"empty", "  \n ", ""},
		{"one line", "Hello from REST", "<p>Hello from REST</p>\n"},
		{"already a paragraph", "<p>JSON body</p>", "<p>JSON body</p>\n"},
		{"single newline is a break", "a\nb", "<p>a<br />\nb</p>\n"},
		{"blank line is a paragraph", "a\n\nb", "<p>a</p>\n<p>b</p>\n"},
		{"windows newlines", "a\r\n\r\nb", "<p>a</p>\n<p>b</p>\n"},
		{"block element stays unwrapped", "<div>x</div>", "<div>x</div>\n"},
		{"pre is untouched", "<pre>a\n\nb</pre>", "<pre>a\n\nb</pre>\n"},
		{"two brs make a paragraph", "a<br><br>b", "<p>a</p>\n<p>b</p>\n"},
		{"list items", "<ul>\n<li>a</li>\n<li>b</li>\n</ul>", "<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n"},
		{"newline inside a tag is kept", "<a\nhref=\"x\">y</a>", "<p><a\nhref=\"x\">y</a></p>\n"},
		{"script newlines are kept", "<script>a\nb</script>", "<p><script>a\nb</script></p>\n"},
		{"blockquote", "<blockquote>q</blockquote>", "<blockquote><p>q</p></blockquote>\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := Autop(c.in, true); got != c.want {
				t.Errorf("Autop(%q) = %q, want %q", c.in, got, c.want)
			}
		})
	}
}

func TestTexturize(t *testing.T) {
	cases := []struct{ in, want string }{
		{"Editor's draft.", "Editor&#8217;s draft."},
		{`She said "hi" to me`, "She said &#8220;hi&#8221; to me"},
		{"'single'", "&#8216;single&#8217;"},
		{"a -- b", "a &#8212; b"},
		{"pages 1--2", "pages 1&#8211;2"},
		{"a - b", "a &#8211; b"},
		{"wait...", "wait&#8230;"},
		{"AT&T", "AT&#038;T"},
		{"fish &amp; chips", "fish &amp; chips"},
		{"<code>it's</code> it's", "<code>it's</code> it&#8217;s"},
		{`<a href="x">it's</a>`, `<a href="x">it&#8217;s</a>`},
		{"'twas", "&#8217;twas"},
		{"in the '90s", "in the &#8217;90s"},
		{"3x4", "3&#215;4"},
		{"xn--bcher-kva.example", "xn--bcher-kva.example"},
		{"Hello world!", "Hello world!"},
	}
	for _, c := range cases {
		if got := Texturize(c.in); got != c.want {
			t.Errorf("Texturize(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestRenderContentAndExcerpt(t *testing.T) {
	block := "<!-- wp:paragraph -->\n<p>First admin post body.</p>\n<!-- /wp:paragraph -->"
	if got := TheContent(block, Options{Smilies: true}); got != "\n<p>First admin post body.</p>\n" {
		t.Errorf("block content = %q", got)
	}
	if got := TheExcerpt("", block, Options{Smilies: true}); got != "<p>First admin post body.</p>\n" {
		t.Errorf("block excerpt = %q", got)
	}
	if BlockVersion(block) != 1 || BlockVersion("<p>x</p>") != 0 {
		t.Error("BlockVersion")
	}
	withAttrs := `<!-- wp:heading {"level":3} -->` + "\n<h3>T</h3>\n<!-- /wp:heading -->"
	// core/heading's render callback gives the heading its block class.
	if got := TheContent(withAttrs, Options{Smilies: true}); got != "\n<h3 class=\"wp-block-heading\">T</h3>\n" {
		t.Errorf("block with attributes = %q", got)
	}
	if got := TheExcerpt("Short", "ignored", Options{Smilies: true}); got != "<p>Short</p>\n" {
		t.Errorf("own excerpt = %q", got)
	}
	long := strings.Repeat("word ", 60)
	want := "<p>" + strings.TrimSpace(strings.Repeat("word ", 55)) + " [&hellip;]</p>\n"
	if got := TheExcerpt("", long, Options{Smilies: true}); got != want {
		t.Errorf("long excerpt = %q", got)
	}
	if got := TheExcerpt("", "<script>x()</script><b>bold</b> text", Options{Smilies: true}); got != "<p>bold text</p>\n" {
		t.Errorf("excerpt strips tags: %q", got)
	}
}
