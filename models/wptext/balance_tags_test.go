package wptext

import (
	"strings"
	"testing"
)

// The expectations below are WordPress's own: its data providers and
// cases in tests/phpunit/tests/formatting/balanceTags.php, then a few
// more on the edges of the tag pattern, worked out from
// force_balance_tags itself.

func checkBalance(t *testing.T, name, in, want string) {
	t.Helper()
	if got := BalanceTags(in); got != want {
		t.Errorf("%s: BalanceTags(%q)\n got %q\nwant %q", name, in, got, want)
	}
}

var (
	balanceTestNestable = []string{"article", "aside", "blockquote", "details", "div", "figure", "object", "q", "section", "span"}
	balanceTestSingle   = []string{"area", "base", "basefont", "br", "col", "command", "embed", "frame", "hr", "img",
		"input", "isindex", "link", "meta", "param", "source", "track", "wbr"}
)

func TestBalanceTagsTagNames(t *testing.T) {
	// supported_traditional_tag_names: names are case-insensitive and come
	// out lowercased.
	for _, tag := range []string{"a", "div", "blockquote", "A", "dIv", "BLOCKQUOTE"} {
		n := strings.ToLower(tag)
		checkBalance(t, "traditional "+tag, "<"+tag+">inside", "<"+n+">inside</"+n+">")
	}
	// supported_custom_element_tag_names, and supported_invalid_tag_names
	// (names reserved by the custom-element spec, accepted all the same).
	for _, tag := range []string{"custom-element", "my-custom-element", "weekday-5-item", "a-big-old-tag-name",
		"with_underscores-and_the_dash", "a-.", "a._-.-_",
		"annotation-xml", "color-profile", "font-face", "font-face-src", "font-face-uri", "font-face-format",
		"font-face-name", "missing-glyph"} {
		checkBalance(t, "custom "+tag, "<"+tag+">inside", "<"+tag+">inside</"+tag+">")
	}
	// invalid_tag_names.
	checkBalance(t, "starts with a digit", "<0-day>inside", "&lt;0-day>inside")
	checkBalance(t, "uppercase custom", "<UPPERCASE-TAG>inside", "<UPPERCASE-TAG>inside")
	// unsupported_valid_tag_names: valid custom-element names the pattern
	// does not take (non-ASCII, or ending in a dash) are left alone.
	for _, tag := range []string{"<what->inside", "math-α", "emotion-😍", "b-·", "a-À-Ó-Ý", "a-ͳ", "a-Ფ",
		"a-\u200cto-my-left-is-a-zero-width-non-joiner-do-not-delete-it",
		"a-\u200dto-my-left-is-a-zero-width-joiner-do-not-delete-it",
		"under-‿-tie", "over-⁀-tie", "a-⁰", "a-⅀", "tag-ↀ-it", "a-Ⰰ", "b-ⴓ-c", "d-⽗", "a-、", "z-态",
		"a-送-䠺-ퟱ-퟿", "a-豈", "my-切", "aﴀ-tag", "my-﷌", "a-ﷰ", "a-\ufff0-\ufff8-\ufffd", "a-𐀀", "my-𝀀", "a𞀀-𜿐"} {
		checkBalance(t, "unsupported "+tag, "<"+tag+">inside", "<"+tag+">inside")
	}
}

func TestBalanceTagsSingleAndNestable(t *testing.T) {
	for _, tag := range balanceTestSingle {
		checkBalance(t, "unclosed single", "<"+tag+">", "<"+tag+" />")
		checkBalance(t, "single with close tag", "<"+tag+"></"+tag+">", "<"+tag+" />")
	}
	for _, tag := range balanceTestNestable {
		checkBalance(t, "nestable", "<"+tag+">Test<"+tag+">Test</"+tag+">", "<"+tag+">Test<"+tag+">Test</"+tag+"></"+tag+">")
		checkBalance(t, "nestable", "<"+tag+"><"+tag+">Test", "<"+tag+"><"+tag+">Test</"+tag+"></"+tag+">")
		checkBalance(t, "nestable", "<"+tag+">Test</"+tag+"></"+tag+">", "<"+tag+">Test</"+tag+">")
	}
}

func TestBalanceTagsWordPressCases(t *testing.T) {
	cases := []struct{ name, in, want string }{
		// test_closes_unknown_single_tags_with_closing_tag
		{"unknown single", "<strong/>", "<strong></strong>"},
		{"unknown single", "<em />", "<em></em>"},
		{"unknown single", `<p class="main1"/>`, `<p class="main1"></p>`},
		{"unknown single", `<p class="main2" />`, `<p class="main2"></p>`},
		{"unknown single", "<STRONG/>", "<strong></strong>"},
		// test_closes_unclosed_single_tags_having_attributes
		{"single with attributes", `<img src="/images/example.png">`, `<img src="/images/example.png"/>`},
		{"single with attributes", `<input type="text" name="example">`, `<input type="text" name="example"/>`},
		// test_allows_validly_closed_single_tags
		{"closed single", "<br />", "<br />"},
		{"closed single", "<hr />", "<hr />"},
		{"closed single", `<img src="/images/example.png" />`, `<img src="/images/example.png" />`},
		{"closed single", `<input type="text" name="example" />`, `<input type="text" name="example" />`},
		// test_allows_adjacent_nestable_tags
		{"adjacent nestable", "<blockquote><blockquote>Example quote</blockquote></blockquote>", "<blockquote><blockquote>Example quote</blockquote></blockquote>"},
		{"adjacent nestable", `<div class="container"><div>This is allowed></div></div>`, `<div class="container"><div>This is allowed></div></div>`},
		{"adjacent nestable", "<span><span><span>Example in spans</span></span></span>", "<span><span><span>Example in spans</span></span></span>"},
		{"adjacent nestable", "<blockquote>Main quote<blockquote>Example quote</blockquote> more text</blockquote>", "<blockquote>Main quote<blockquote>Example quote</blockquote> more text</blockquote>"},
		{"adjacent nestable", `<q><q class="inner-q">Inline quote</q></q>`, `<q><q class="inner-q">Inline quote</q></q>`},
		// test_allows_immediately_nested_object_tags (#20401)
		{"nested objects", `<object id="obj1"><param name="param1"/><object id="obj2"><param name="param2"/></object></object>`,
			`<object id="obj1"><param name="param1"/><object id="obj2"><param name="param2"/></object></object>`},
		// test_balances_nested_non_nestable_tags
		{"non-nestable", "<b><b>This is bold</b></b>", "<b></b><b>This is bold</b>"},
		{"non-nestable", "<b>Some text here <b>This is bold</b></b>", "<b>Some text here </b><b>This is bold</b>"},
		// test_fixes_improper_closing_tag_sequence
		{"closing order", `<p>Here is a <strong class="part">bold <em>and emphasis</p></em></strong>`,
			`<p>Here is a <strong class="part">bold <em>and emphasis</em></strong></p>`},
		{"closing order", "<ul><li>Aaa</li><li>Bbb</ul></li>", "<ul><li>Aaa</li><li>Bbb</li></ul>"},
		// test_adds_missing_closing_tags
		{"missing close", "<b><i>Test</b>", "<b><i>Test</i></b>"},
		{"missing close", "<p>Test", "<p>Test</p>"},
		{"missing close", "<p>Test test</em> test</p>", "<p>Test test test</p>"},
		{"missing close", "</p>Test", "Test"},
		{"missing close", `<p>We are <strong class="wp">#WordPressStrong</p>`, `<p>We are <strong class="wp">#WordPressStrong</strong></p>`},
		// test_removes_extraneous_closing_tags
		{"extra close", "<b>Test</b></b>", "<b>Test</b>"},
		{"extra close", "<div>Test</div></div><div>Test", "<div>Test</div><div>Test</div>"},
		// data_custom_elements (#47014)
		{"custom", `<my-custom-element data-attribute="value"/>`, `<my-custom-element data-attribute="value"></my-custom-element>`},
		{"custom", "<my-custom-element>Test</my-custom-element>", "<my-custom-element>Test</my-custom-element>"},
		{"custom", "<my-custom-element>Test", "<my-custom-element>Test</my-custom-element>"},
		{"custom", "Test</my-custom-element>", "Test"},
		{"custom", "</my-custom-element>Test", "Test"},
		{"custom", "<my-custom-element/>", "<my-custom-element></my-custom-element>"},
		{"custom", "<my-custom-element />", "<my-custom-element></my-custom-element>"},
		{"custom", "<MY-CUSTOM-ELEMENT>Test", "<MY-CUSTOM-ELEMENT>Test"},
		{"custom", "<my->Test", "<my->Test"},
		{"custom", "<--->Test", "<--->Test"},
	}
	for _, c := range cases {
		checkBalance(t, c.name, c.in, c.want)
	}
}

// Cases of PressPass's own, following force_balance_tags step by step.
func TestBalanceTagsEdges(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"empty", "", ""},
		{"plain text", "no tags here > or < there", "no tags here > or < there"},
		{"<3", "I <3 it <b>so", "I &lt;3 it <b>so</b>"},
		{"comment kept", "<!-- a <b> -->x", "<!-- a <b> -->x</b>"},
		{"spaced comment opener kept", "< !-- not a comment", "< !-- not a comment"},
		{"four spaces come out as one", "<    !--", "< !--"},
		{"space after < is no tag", "< b>x", "< b>x"},
		{"space after </ is no close tag", "<b>x</ b>", "<b>x</ b></b>"},
		{"close tag attributes ignored", `<b>x</b class="y">`, "<b>x</b>"},
		{"void close tag dropped", "<p>a</br>b", "<p>ab</p>"},
		{"no closing bracket", "<b class='x'", "<b class='x'"},
		{"attributes run to the first >", "<b <i>x", "<b <i>x</b>"},
		{"trailing space dropped without attributes", "<div >x</div >", "<div>x</div>"},
		{"attribute spacing kept, trailing trimmed", "<div   class=\"a\"  >x", "<div   class=\"a\">x</div>"},
		{"space before self-closer", "<br/>", "<br />"},
		{"void with spaced self-closer", "<br  />", "<br />"},
		{"slash then space", "<div / >x", "<div ></div>x"},
		{"form feed is \\s but not trimmed", "<p a\f>x", "<p a\f>x</p>"},
		{"vertical tab is \\s", "<p\v>x", "<p>x</p>"},
		{"namespaced name", "<svg:rect>x", "<svg:rect>x</svg:rect>"},
		{"uppercase in custom name", "<my-Elem>x", "<my-Elem>x"},
		{"mixed case close", "<EM>x</Em>", "<em>x</em>"},
		{"deep close pops above", "<div><p><b>x</div>y", "<div><p><b>x</b></p></div>y"},
		{"unknown close with open stack", "<p>a</i>b", "<p>ab</p>"},
		{"non-nestable after close queue", "<b><i>x</b><b>y", "<b><i>x</i></b><b>y</b>"},
		{"unclosed tags closed innermost first", "<ul><li><em>x", "<ul><li><em>x</em></li></ul>"},
		{"many < and no >", strings.Repeat("<a ", 3), strings.Repeat("<a ", 3)},
	}
	for _, c := range cases {
		checkBalance(t, c.name, c.in, c.want)
	}
}

// force_balance_tags runs on comment_text between convert_smilies (20) and
// wpautop (30).
func TestRenderCommentTextBalancesTags(t *testing.T) {
	got := CommentText("<b>Bold, never closed\n\nnext <em>one</strong>", Options{})
	want := "<p><b>Bold, never closed</p>\n<p>next <em>one</em></b></p>\n"
	if got != want {
		t.Errorf("CommentText\n got %q\nwant %q", got, want)
	}
}

// A text of many unterminated tags stays linear.
func TestBalanceTagsLongInput(t *testing.T) {
	in := strings.Repeat("<b class=x ", 20000)
	if got := BalanceTags(in); got != in {
		t.Errorf("changed a text without '>'")
	}
}
