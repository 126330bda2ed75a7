package kses

import "testing"

// The cases are WordPress's Tests_Formatting_wpRelUgc (without wp_slash,
// which PressPass does not need), with the test site's home
// http://example.org.
func TestRelUGC(t *testing.T) {
	cases := []struct{ in, want string }{
		{`<p>This is some cool <a href="/">Code</a></p>`, `<p>This is some cool <a href="/" rel="nofollow ugc">Code</a></p>`},
		{`<p>This is some cool <a href="/" rel="weird">Code</a></p>`, `<p>This is some cool <a href="/" rel="weird nofollow ugc">Code</a></p>`},
		{`<a href="">Double Quotes</a>`, `<a href="" rel="nofollow ugc">Double Quotes</a>`},
		{`<a href="https://wordpress.org">Double Quotes</a>`, `<a href="https://wordpress.org" rel="nofollow ugc">Double Quotes</a>`},
		{`<a href='https://wordpress.org'>Single Quotes</a>`, `<a href='https://wordpress.org' rel="nofollow ugc">Single Quotes</a>`},
		{`<a href="https://wordpress.org" title="Title">Multiple attributes</a>`, `<a href="https://wordpress.org" title="Title" rel="nofollow ugc">Multiple attributes</a>`},
		{`<a title="Title" href="https://wordpress.org">Multiple attributes</a>`, `<a title="Title" href="https://wordpress.org" rel="nofollow ugc">Multiple attributes</a>`},
		{`<a data-someflag href="https://wordpress.org">Multiple attributes</a>`, `<a data-someflag href="https://wordpress.org" rel="nofollow ugc">Multiple attributes</a>`},
		{`<a  data-someflag  title="Title"  href="https://wordpress.org" onclick=""  >Everything at once</a>`,
			`<a  data-someflag  title="Title"  href="https://wordpress.org" onclick=""   rel="nofollow ugc">Everything at once</a>`},
		{`<a href="http://example.org/some-url">Home URL (http)</a>`, `<a href="http://example.org/some-url">Home URL (http)</a>`},
		{`<a href="https://example.org/some-url">Home URL (https)</a>`, `<a href="https://example.org/some-url">Home URL (https)</a>`},
		{`<p>This is some cool <a href="demo.com" download rel="hola">Code</a></p>`, `<p>This is some cool <a href="demo.com" download rel="hola nofollow ugc">Code</a></p>`},
		// PressPass's own: no link, a rel already complete, an upper-case tag.
		{`no links <abbr title="x">here</abbr>`, `no links <abbr title="x">here</abbr>`},
		{`<a href="https://wordpress.org" rel="ugc nofollow">x</a>`, `<a href="https://wordpress.org" rel="ugc nofollow">x</a>`},
		{`<A href="https://wordpress.org">x</A>`, `<a href="https://wordpress.org" rel="nofollow ugc">x</A>`},
	}
	for _, c := range cases {
		if got := RelUGC(c.in, "example.org"); got != c.want {
			t.Errorf("%s\n got  %s\n want %s", c.in, got, c.want)
		}
	}
}
