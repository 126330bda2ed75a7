package wptext

import (
	"strings"
	"testing"
)

// The expectations below are WordPress's own (tests/phpunit/tests/
// formatting/MakeClickable.php), run outside comment_text (rel="nofollow"
// only) unless the case says otherwise.

func TestMakeClickableMailto(t *testing.T) {
	valid := []string{"foo@example.com", "foo.bar@example.com", "Foo.Bar@a.b.c.d.example.com", "0@example.com", "foo@example-example.com"}
	for _, email := range valid {
		want := `<a href="mailto:` + email + `">` + email + `</a>`
		if got := MakeClickable(email, LinkRel{}); got != want {
			t.Errorf("valid %q: got %q, want %q", email, got, want)
		}
	}
	invalid := []string{"foo", "foo@", "foo@@example.com", "@example.com", "foo @example.com", "foo@example",
		`testzzz@"STYLE="behavior:url('#default#time2')"onBegin="alert('refresh-XSS')"`}
	for _, in := range invalid {
		if got := MakeClickable(in, LinkRel{}); got != in {
			t.Errorf("invalid %q: got %q", in, got)
		}
	}
}

func TestMakeClickableURLs(t *testing.T) {
	const wiki = "http://en.wikipedia.org/wiki/PC_Tools_(Central_Point_Software)"
	wikiLink := `<a href="` + wiki + `" rel="nofollow">` + wiki + `</a>`
	const img = "<img src='http://trunk.domain/wp-includes/images/smilies/icon_smile.gif' alt=':)' class='wp-smiley'>"
	const embed = "<span style='text-align:center; display: block;'><object width='425' height='350'><param name='movie' value='https://www.youtube.com/watch?v=72xdCU__XCk&rel=1&fs=1&showsearch=0&showinfo=1&iv_load_policy=1' /> <param name='allowfullscreen' value='true' /> <param name='wmode' value='opaque' /> <embed src='https://www.youtube.com/watch?v=72xdCU__XCk&rel=1&fs=1&showsearch=0&showinfo=1&iv_load_policy=1' type='application/x-shockwave-flash' allowfullscreen='true' width='425' height='350' wmode='opaque'></embed> </object></span>"
	wp := `<a href="http://wordpress.org" rel="nofollow">http://wordpress.org</a>`
	www := `<a href="http://www.wordpress.org" rel="nofollow">http://www.wordpress.org</a>`
	ex := `<a href="http://example.com/" rel="nofollow">http://example.com/</a>`
	cases := []struct{ name, in, want string }{
		{"URL only", "http://wordpress.org/hello.html", `<a href="http://wordpress.org/hello.html" rel="nofollow">http://wordpress.org/hello.html</a>`},
		{"URL. more", "There was a spoon named http://wordpress.org. Alice!", "There was a spoon named " + wp + ". Alice!"},
		{"URL, more", "There was a spoon named http://wordpress.org, said Alice.", "There was a spoon named " + wp + ", said Alice."},
		{"URL; more", "There was a spoon named http://wordpress.org; said Alice.", "There was a spoon named " + wp + "; said Alice."},
		{"URL: more", "There was a spoon named http://wordpress.org: said Alice.", "There was a spoon named " + wp + ": said Alice."},
		{"(URL) more", "There was a spoon named (http://wordpress.org) said Alice.", "There was a spoon named (" + wp + ") said Alice."},
		{"URL.", "There was a spoon named http://wordpress.org.", "There was a spoon named " + wp + "."},
		{"URL,", "There was a spoon named http://wordpress.org,", "There was a spoon named " + wp + ","},
		{"URL;", "There was a spoon named http://wordpress.org;", "There was a spoon named " + wp + ";"},
		{"URL:", "There was a spoon named http://wordpress.org:", "There was a spoon named " + wp + ":"},
		{"(URL)", "There was a spoon named (http://wordpress.org)", "There was a spoon named (" + wp + ")"},
		{"(URL)x", "There was a spoon named (http://wordpress.org)x", "There was a spoon named (" + wp + ")x"},
		{"www. more", "There was a spoon named www.wordpress.org. Alice!", "There was a spoon named " + www + ". Alice!"},
		{"www, more", "There was a spoon named www.wordpress.org, said Alice.", "There was a spoon named " + www + ", said Alice."},
		{"www; more", "There was a spoon named www.wordpress.org; said Alice.", "There was a spoon named " + www + "; said Alice."},
		{"www: more", "There was a spoon named www.wordpress.org: said Alice.", "There was a spoon named " + www + ": said Alice."},
		{"www) more", "There was a spoon named www.wordpress.org) said Alice.", "There was a spoon named " + www + ") said Alice."},
		{"www only", "www.wordpress.org", www},
		{"www.", "There was a spoon named www.wordpress.org.", "There was a spoon named " + www + "."},
		{"www,", "There was a spoon named www.wordpress.org,", "There was a spoon named " + www + ","},
		{"www;", "There was a spoon named www.wordpress.org;", "There was a spoon named " + www + ";"},
		{"www:", "There was a spoon named www.wordpress.org:", "There was a spoon named " + www + ":"},
		{"www)", "There was a spoon named www.wordpress.org)", "There was a spoon named " + www + ")"},
		{"IRI in domain", "http://www.詹姆斯.com/", `<a href="http://www.詹姆斯.com/" rel="nofollow">http://www.詹姆斯.com/</a>`},
		{"IRI in path", "http://bg.wikipedia.org/Баба", `<a href="http://bg.wikipedia.org/Баба" rel="nofollow">http://bg.wikipedia.org/Баба</a>`},
		{"IRI in query", "http://example.com/?a=баба&b=дядо", `<a href="http://example.com/?a=баба&#038;b=дядо" rel="nofollow">http://example.com/?a=баба&#038;b=дядо</a>`},
		{"brackets in path", wiki, wikiLink},
		{"(brackets in path)", "(" + wiki + ")", "(" + wikiLink + ")"},
		{"brackets, words around", "blah " + wiki + " blah", "blah " + wikiLink + " blah"},
		{"brackets, trailing ) blah", "blah (" + wiki + ") blah", "blah (" + wikiLink + ") blah"},
		{"brackets within content", "blah blah blah " + wiki + " blah blah", "blah blah blah " + wikiLink + " blah blah"},
		{"brackets, trailing ) within content", "blah blah blah " + wiki + ") blah blah", "blah blah blah " + wikiLink + ") blah blah"},
		{"(brackets) within content", "blah blah (" + wiki + ") blah blah", "blah blah (" + wikiLink + ") blah blah"},
		{"brackets, trailing .)", "blah blah " + wiki + ".) blah blah", "blah blah " + wikiLink + ".) blah blah"},
		{"brackets, trailing .)moreurl", "blah blah " + wiki + ".)moreurl blah blah", "blah blah " + wikiLink + ".)moreurl blah blah"},
		{"multiline (here: URL)",
			"In his famous speech “You and Your research” (here:\n\t\t\t\t\t\t\t   http://www.cs.virginia.edu/~robins/YouAndYourResearch.html)\n\t\t\t\t\t\t\t   Richard Hamming wrote about people getting more done with their doors closed, but",
			"In his famous speech “You and Your research” (here:\n\t\t\t\t\t\t\t   <a href=\"http://www.cs.virginia.edu/~robins/YouAndYourResearch.html\" rel=\"nofollow\">http://www.cs.virginia.edu/~robins/YouAndYourResearch.html</a>)\n\t\t\t\t\t\t\t   Richard Hamming wrote about people getting more done with their doors closed, but"},
		// WordPress's test site is example.org, so there http://example.org
		// is internal and gets no rel; PressPass does not know the site's
		// address here and treats it as external.
		{"real world (.org URL)", "Example: WordPress, test (some text), I love example.com (http://example.org), it is brilliant",
			`Example: WordPress, test (some text), I love example.com (<a href="http://example.org" rel="nofollow">http://example.org</a>), it is brilliant`},
		{"real world (.com URL)", "Example: WordPress, test (some text), I love example.com (http://example.com), it is brilliant",
			`Example: WordPress, test (some text), I love example.com (<a href="http://example.com" rel="nofollow">http://example.com</a>), it is brilliant`},
		{"real world (URL)...", "Some text followed by a bracketed link with a trailing ellipsis (http://example.com)...",
			`Some text followed by a bracketed link with a trailing ellipsis (<a href="http://example.com" rel="nofollow">http://example.com</a>)...`},
		{"real world (here: URL)", "In his famous speech “You and Your research” (here: http://www.cs.virginia.edu/~robins/YouAndYourResearch.html) Richard Hamming wrote about people getting more done with their doors closed...",
			`In his famous speech “You and Your research” (here: <a href="http://www.cs.virginia.edu/~robins/YouAndYourResearch.html" rel="nofollow">http://www.cs.virginia.edu/~robins/YouAndYourResearch.html</a>) Richard Hamming wrote about people getting more done with their doors closed...`},
		{"hash bang", "http://twitter.com/#!/wordpress/status/25907440233",
			`<a href="http://twitter.com/#!/wordpress/status/25907440233" rel="nofollow">http://twitter.com/#!/wordpress/status/25907440233</a>`},
		{"hash bang in sentence", "This is a really good tweet http://twitter.com/#!/wordpress/status/25907440233 !",
			`This is a really good tweet <a href="http://twitter.com/#!/wordpress/status/25907440233" rel="nofollow">http://twitter.com/#!/wordpress/status/25907440233</a> !`},
		{"hash bang with trailing !", "This is a really good tweet http://twitter.com/#!/wordpress/status/25907440233!",
			`This is a really good tweet <a href="http://twitter.com/#!/wordpress/status/25907440233" rel="nofollow">http://twitter.com/#!/wordpress/status/25907440233</a>!`},
		{"<URL>", "URL wrapped in angle brackets <http://example.com/>", "URL wrapped in angle brackets <" + ex + ">"},
		{"< URL >", "URL wrapped in angle brackets with padding < http://example.com/ >", "URL wrapped in angle brackets with padding < " + ex + " >"},
		{"<email>", "mailto wrapped in angle brackets <foo@example.com>", "mailto wrapped in angle brackets <foo@example.com>"},
		{",URL", "Comma then URL,http://example.com/", "Comma then URL," + ex},
		{".URL", "Period then URL.http://example.com/", "Period then URL." + ex},
		{";URL", "Semi-colon then URL;http://example.com/", "Semi-colon then URL;" + ex},
		{":URL", "Colon then URL:http://example.com/", "Colon then URL:" + ex},
		{"!URL", "Exclamation mark then URL!http://example.com/", "Exclamation mark then URL!" + ex},
		{"?URL", "Question mark then URL?http://example.com/", "Question mark then URL?" + ex},
		{"<img src=URL>", img, img},
		{"(<img src=URL>)", "(" + img + ")", "(" + img + ")"},
		{"URL (<img src=URL>)", "http://trunk.domain/testing#something (" + img + ")",
			`<a href="http://trunk.domain/testing#something" rel="nofollow">http://trunk.domain/testing#something</a> (` + img + ")"},
		{"multiline URL (<img src=URL>)", "http://trunk.domain/testing#something\n\t\t\t\t\t\t  (" + img + ")",
			"<a href=\"http://trunk.domain/testing#something\" rel=\"nofollow\">http://trunk.domain/testing#something</a>\n\t\t\t\t\t\t  (" + img + ")"},
		{"<param value=URL><embed src=URL>", embed, embed},
		{"<a title=URL>", `<a href="http://example.com/example.gif" title="Image from http://example.com">Look at this image!</a>`,
			`<a href="http://example.com/example.gif" title="Image from http://example.com">Look at this image!</a>`},
		{"<pre>", "<pre>http://wordpress.org</pre>", "<pre>http://wordpress.org</pre>"},
		{"<code>", "<code>http://wordpress.org</code>", "<code>http://wordpress.org</code>"},
		{"<pre attrs>", `<pre class="foobar" id="foo">http://wordpress.org</pre>`, `<pre class="foobar" id="foo">http://wordpress.org</pre>`},
		{"<code attrs>", `<code class="foobar" id="foo">http://wordpress.org</code>`, `<code class="foobar" id="foo">http://wordpress.org</code>`},
		{"<precustomtag>", "<precustomtag>http://wordpress.org</precustomtag>", "<precustomtag>" + wp + "</precustomtag>"},
		{"<codecustomtag>", "<codecustomtag>http://wordpress.org</codecustomtag>", "<codecustomtag>" + wp + "</codecustomtag>"},
		{"before <pre>", "URL before pre http://wordpress.org<pre>http://wordpress.org</pre>", "URL before pre " + wp + "<pre>http://wordpress.org</pre>"},
		{"before <code>", "URL before code http://wordpress.org<code>http://wordpress.org</code>", "URL before code " + wp + "<code>http://wordpress.org</code>"},
		{"after <PRE>", "URL after pre <PRE>http://wordpress.org</PRE>http://wordpress.org", "URL after pre <PRE>http://wordpress.org</PRE>" + wp},
		{"after <code>", "URL after code <code>http://wordpress.org</code>http://wordpress.org", "URL after code <code>http://wordpress.org</code>" + wp},
		{"around <pre>", "URL before and after pre http://wordpress.org<pre>http://wordpress.org</pre>http://wordpress.org",
			"URL before and after pre " + wp + "<pre>http://wordpress.org</pre>" + wp},
		{"around <code>", "URL before and after code http://wordpress.org<code>http://wordpress.org</code>http://wordpress.org",
			"URL before and after code " + wp + "<code>http://wordpress.org</code>" + wp},
		{"nested <pre><code>", "code inside pre <pre>http://wordpress.org <code>http://wordpress.org</code> http://wordpress.org</pre>",
			"code inside pre <pre>http://wordpress.org <code>http://wordpress.org</code> http://wordpress.org</pre>"},
		{"<span>URL</span>", "<span>http://example.com</span>", `<span><a href="http://example.com" rel="nofollow">http://example.com</a></span>`},
		{"<p>URL</p>", "<p>http://example.com/</p>", "<p>" + ex + "</p>"},
		{"<a>URL</a>", `Some text with a link <a href="http://example.com">http://example.com</a>`, `Some text with a link <a href="http://example.com">http://example.com</a>`},
		// Ticket 19028.
		{"line break in a link", "<a\n\t\t\t\t  href='mailto:someone@example.com'>someone@example.com</a>", "<a\n\t\t\t\t  href='mailto:someone@example.com'>someone@example.com</a>"},
		// Ticket 30162.
		{"<script>", "<script>http://wordpress.org</script>", "<script>http://wordpress.org</script>"},
		{"<style>", "<style>http://wordpress.org</style>", "<style>http://wordpress.org</style>"},
		{"<script type>", `<script type="text/javascript">http://wordpress.org</script>`, `<script type="text/javascript">http://wordpress.org</script>`},
		{"<style type>", `<style type="text/css">http://wordpress.org</style>`, `<style type="text/css">http://wordpress.org</style>`},
		// Beyond WordPress's tests: what its patterns and esc_url give.
		{"scheme not allowed", "see javascript://alert(1) now", "see javascript://alert(1) now"},
		{"ftp scheme: no nofollow", "get ftp://ftp.example.com/file", `get <a href="ftp://ftp.example.com/file">ftp://ftp.example.com/file</a>`},
		{"ftp. host", "at ftp.example.com.", `at <a href="http://ftp.example.com" rel="nofollow">http://ftp.example.com</a>.`},
		{"upper-case scheme lowered", "HTTP://Example.com/", `<a href="http://Example.com/" rel="nofollow">http://Example.com/</a>`},
		{"quote escaped", "http://example.com/it's", `<a href="http://example.com/it&#039;s" rel="nofollow">http://example.com/it&#039;s</a>`},
		{"entity kept", "http://example.com/?a=1&amp;b=2&#38;c", `<a href="http://example.com/?a=1&#038;b=2&#038;c" rel="nofollow">http://example.com/?a=1&#038;b=2&#038;c</a>`},
		{"brackets after host", "http://example.com/a[1]", `<a href="http://example.com/a%5B1%5D" rel="nofollow">http://example.com/a%5B1%5D</a>`},
		{"newline stripped", "http://example.com/%0Ax", `<a href="http://example.com/x" rel="nofollow">http://example.com/x</a>`},
		{"two emails", "a@b.com c@d.org.", `<a href="mailto:a@b.com">a@b.com</a> <a href="mailto:c@d.org">c@d.org</a>.`},
		{"link inside link is unwrapped", `<a href="http://x.com">www.wordpress.org</a>`, `<a href="http://x.com">http://www.wordpress.org</a>`},
	}
	for _, c := range cases {
		if got := MakeClickable(c.in, LinkRel{}); got != c.want {
			t.Errorf("%s:\n got  %q\n want %q", c.name, got, c.want)
		}
	}
}

// TestMakeClickableInComments is data_add_rel_ugc_in_comments: in
// comment_text every link gets "ugc", external http(s) ones "nofollow" as
// well; CommentText puts the result in paragraphs. The site's home
// is http://example.org, as in WordPress's test suite.
func TestMakeClickableInComments(t *testing.T) {
	cases := []struct{ in, want string }{
		{"http://wordpress.org", `<a href="http://wordpress.org" rel="nofollow ugc">http://wordpress.org</a>`},
		{"www.wordpress.org", `<p><a href="http://www.wordpress.org" rel="nofollow ugc">http://www.wordpress.org</a>`},
		{"www.example.org", `<p><a href="http://www.example.org" rel="nofollow ugc">http://www.example.org</a>`},
		{"mail me: foo@example.com", `<a href="mailto:foo@example.com">foo@example.com</a>`},
		{"http://example.org/about", `<a href="http://example.org/about" rel="ugc">http://example.org/about</a>`},
		{"see HTTPS://Example.ORG:8080/x", `<a href="https://Example.ORG:8080/x" rel="ugc">`},
	}
	for _, c := range cases {
		if got := CommentText(c.in, Options{Smilies: true, HomeURL: "http://example.org"}); !strings.Contains(got, c.want) {
			t.Errorf("%q: got %q, want it to contain %q", c.in, got, c.want)
		}
	}
}

func TestMakeClickableNoSegfault(t *testing.T) {
	in := strings.Repeat("http://example.com/2011/03/18/post-title/", 256)
	if got := MakeClickable(in, LinkRel{}); got != in {
		t.Errorf("long URL run changed: %q…", got[:80])
	}
}

func TestMakeClickableLongText(t *testing.T) {
	// A run over 10000 bytes is linked in whitespace-cut chunks.
	words := strings.Repeat("lorem ipsum ", 1000)
	in := words + "http://example.com/x " + words
	want := words + `<a href="http://example.com/x" rel="nofollow">http://example.com/x</a> ` + words
	if got := MakeClickable(in, LinkRel{}); got != want {
		t.Errorf("long text: link not made")
	}
}

func TestSplitByWhitespace(t *testing.T) {
	got := splitByWhitespace("1234 67890 1234 67890a cd 1234   890 123456789 1234567890a    45678   1 3 5 7 90 ", 10)
	want := []string{"1234 67890 ", "1234 ", "67890a cd ", "1234   890 ", "123456789 ", "1234567890a ", "   45678   ", "1 3 5 7 90 "}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestMakeClickablePrecheck(t *testing.T) {
	for _, s := range []string{"", "plain words", "a.b.c", "3 < 4 > 2"} {
		if mayBeClickable(s) {
			t.Errorf("%q: precheck says maybe", s)
		}
	}
	for _, s := range []string{"x://", "a@b", "WWW.x", "ftp.x"} {
		if !mayBeClickable(s) {
			t.Errorf("%q: precheck says no", s)
		}
	}
}
