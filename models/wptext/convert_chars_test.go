package wptext

import (
	"strings"
	"testing"
)

func TestConvertChars(t *testing.T) {
	cases := []struct{ in, want string }{
		{"no ampersand", "no ampersand"},
		{"A & B", "A &#038; B"},
		{"A &amp; B &hellip; &#8217; &#x2019; &nbsp;", "A &amp; B &hellip; &#8217; &#x2019; &nbsp;"},
		{`<a href="?a=1&b=2">x</a>`, `<a href="?a=1&#038;b=2">x</a>`},
		{"&&x", "&#038;&x"},                   // the second "&" is taken with the first
		{"&x;", "&#038;x;"},                   // one letter before ";" is not a reference to this pattern
		{"&abcdefghij;", "&#038;abcdefghij;"}, // more than eight letters
		{"&sup2; &frac14;", "&sup2; &frac14;"},
		{"ends with &", "ends with &"},
	}
	for _, c := range cases {
		if got := ConvertChars(c.in); got != c.want {
			t.Errorf("%q: got %q, want %q", c.in, got, c.want)
		}
	}
}

// convert_chars runs on titles, excerpts and comments. (wptexturize
// already escapes a lone "&" in text and tags alike; convert_chars differs
// in the references it leaves, e.g. "&x;".)
func TestConvertCharsWhereWordPressRunsIt(t *testing.T) {
	// wptexturize leaves "&x;" alone (it looks like a reference to it);
	// convert_chars does not.
	const link = `Q&A &x; <a href="https://x.example/?a=1&b=2">x</a>`
	const want = `Q&#038;A &#038;x; <a href="https://x.example/?a=1&#038;b=2">x</a>`
	for name, got := range map[string]string{
		"comment": CommentText(link, Options{Smilies: true}),
		"excerpt": TheExcerpt(link, "", Options{Smilies: true}),
		"title":   TheTitle(link),
	} {
		if !strings.Contains(got, want) {
			t.Errorf("%s: %q, want it to contain %q", name, got, want)
		}
	}
}
