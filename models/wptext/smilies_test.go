package wptext

import "testing"

// The expectations are WordPress's own (tests/phpunit/tests/formatting/
// Smilies.php, use_smilies on) except where a case says otherwise.
func TestConvertSmilies(t *testing.T) {
	const nbsp = "\u00a0"
	cases := []struct{ name, in, want string }{
		{"standard set",
			"Lorem ipsum dolor sit amet mauris ;-) Praesent gravida sodales. :lol: Vivamus nec diam in faucibus eu, bibendum varius nec, imperdiet purus est, at augue at lacus malesuada elit dapibus a, :eek: mauris. Cras mauris viverra elit. Nam laoreet viverra. Pellentesque tortor. Nam libero ante, porta urna ut turpis. Nullam wisi magna, :mrgreen: tincidunt nec, sagittis non, fringilla enim. Nam consectetuer nec, ullamcorper pede eu dui odio consequat vel, vehicula tortor quis pede turpis cursus quis, egestas ipsum ultricies ut, eleifend velit. Mauris vestibulum iaculis. Sed in nunc. Vivamus elit porttitor egestas. Mauris purus :?:",
			// WordPress shows :mrgreen: as <img src=".../wp-includes/images/smilies/mrgreen.png" …>;
			// PressPass serves no such image and keeps the text.
			"Lorem ipsum dolor sit amet mauris \xf0\x9f\x98\x89 Praesent gravida sodales. \xf0\x9f\x98\x86 Vivamus nec diam in faucibus eu, bibendum varius nec, imperdiet purus est, at augue at lacus malesuada elit dapibus a, \xf0\x9f\x98\xae mauris. Cras mauris viverra elit. Nam laoreet viverra. Pellentesque tortor. Nam libero ante, porta urna ut turpis. Nullam wisi magna, :mrgreen: tincidunt nec, sagittis non, fringilla enim. Nam consectetuer nec, ullamcorper pede eu dui odio consequat vel, vehicula tortor quis pede turpis cursus quis, egestas ipsum ultricies ut, eleifend velit. Mauris vestibulum iaculis. Sed in nunc. Vivamus elit porttitor egestas. Mauris purus \xe2\x9d\x93"},
		{"inside and between tags",
			"<strong>Welcome to the jungle!</strong> We got fun n games! :) We got everything you want 8-) <em>Honey we know the names :)</em>",
			"<strong>Welcome to the jungle!</strong> We got fun n games! \xf0\x9f\x99\x82 We got everything you want \xf0\x9f\x98\x8e <em>Honey we know the names \xf0\x9f\x99\x82</em>"},
		{"line breaks",
			"<strong;)>a little bit of this\na little bit:other: of that :D\n:D a little bit of good\nyeah with a little bit of bad8O",
			"<strong;)>a little bit of this\na little bit:other: of that \xf0\x9f\x98\x80\n\xf0\x9f\x98\x80 a little bit of good\nyeah with a little bit of bad8O"},
		{"attribute and glued",
			`<strong style="here comes the sun :-D">and I say it's alright:D:D`,
			`<strong style="here comes the sun :-D">and I say it's alright:D:D`},
		{"comment", "<!-- Woo-hoo, I'm a comment, baby! :x > -->", "<!-- Woo-hoo, I'm a comment, baby! :x > -->"},
		{"run together", ":?:P:?::-x:mrgreen:::", ":?:P:?::-x:mrgreen:::"},
		{"8-O :-(", "8-O :-(", "\xf0\x9f\x98\xaf \xf0\x9f\x99\x81"},
		{"8-) 8-O", "8-) 8-O", "\xf0\x9f\x98\x8e \xf0\x9f\x98\xaf"},
		{"8-) 8O", "8-) 8O", "\xf0\x9f\x98\x8e \xf0\x9f\x98\xaf"},
		{"8-) :-(", "8-) :-(", "\xf0\x9f\x98\x8e \xf0\x9f\x99\x81"},
		{"8-) :twisted:", "8-) :twisted:", "\xf0\x9f\x98\x8e \xf0\x9f\x98\x88"},
		{"six in a row", "8O :twisted: :( :? :roll: :mrgreen:",
			"\xf0\x9f\x98\xaf \xf0\x9f\x98\x88 \xf0\x9f\x99\x81 \xf0\x9f\x98\x95 \xf0\x9f\x99\x84 :mrgreen:"},
		{"spaces", "test :) smile", "test \xf0\x9f\x99\x82 smile"},
		{"&nbsp;", "test &nbsp;:)&nbsp;smile", "test &nbsp;\xf0\x9f\x99\x82&nbsp;smile"},
		{"U+00A0", "test " + nbsp + ":)" + nbsp + "smile", "test " + nbsp + "\xf0\x9f\x99\x82" + nbsp + "smile"},
		{"oops", ":oops: I did it again", "\xf0\x9f\x98\xb3 I did it again"},
		{"no smiley", "8) is not one, nor a:b", "8) is not one, nor a:b"},
	}
	for _, el := range []string{"pre", "code", "script", "style", "textarea"} {
		cases = append(cases, struct{ name, in, want string }{"ignored in " + el,
			"Do we ignore smilies ;-) in " + el + " tags <" + el + ` class="foo">My Content Here :?: </` + el + ">",
			"Do we ignore smilies \xf0\x9f\x98\x89 in " + el + " tags <" + el + ` class="foo">My Content Here :?: </` + el + ">"})
	}
	cases = append(cases,
		struct{ name, in, want string }{"after the ignored block", "<pre>:)</pre> :)", "<pre>:)</pre> \xf0\x9f\x99\x82"},
		// WordPress matches the opening tag case-sensitively and waits for
		// exactly "</pre>".
		struct{ name, in, want string }{"upper-case PRE is not ignored", "<PRE>:)</PRE>", "<PRE>\xf0\x9f\x99\x82</PRE>"},
		struct{ name, in, want string }{"unclosed ignore block", "<code>:) </code > :)", "<code>:) </code > :)"},
		struct{ name, in, want string }{"tags are boundaries", "<em>:)</em><b>;-)</b>", "<em>\U0001F642</em><b>\U0001F609</b>"},
		struct{ name, in, want string }{"< that is no tag is no boundary", "x :)< y", "x :)< y"},
		struct{ name, in, want string }{"text starting with < is skipped", "<b><d :) e", "<b><d :) e"},
	)
	for _, c := range cases {
		if got := ConvertSmilies(c.in); got != c.want {
			t.Errorf("%s:\n got  %q\n want %q", c.name, got, c.want)
		}
	}
}

// TestSmiliesFilterOrder checks where convert_smilies sits in the_content,
// the_excerpt and comment_text.
func TestSmiliesFilterOrder(t *testing.T) {
	cases := []struct{ name, got, want string }{
		{"content: after wpautop", TheContent("Hi :)\n\nBye ;-)", Options{Smilies: true}), "<p>Hi \U0001F642</p>\n<p>Bye \U0001F609</p>\n"},
		{"content: blocks", TheContent("<!-- wp:paragraph -->\n<p>Hi :)</p>\n<!-- /wp:paragraph -->", Options{Smilies: true}), "\n<p>Hi \U0001F642</p>\n"},
		{"content: code left alone", TheContent("<code>:)</code> :)", Options{Smilies: true}), "<p><code>:)</code> \U0001F642</p>\n"},
		{"own excerpt", TheExcerpt("Short :D", "", Options{Smilies: true}), "<p>Short \U0001F600</p>\n"},
		{"automatic excerpt", TheExcerpt("", "<code>:P</code> end", Options{Smilies: true}), "<p>\U0001F61B end</p>\n"},
		{"comment", CommentText("Thanks :) see www.example.com", Options{Smilies: true, HomeURL: "http://example.org"}),
			"<p>Thanks \U0001F642 see <a href=\"http://www.example.com\" rel=\"nofollow ugc\">http://www.example.com</a></p>\n"},
		{"comment: quotes texturized, link kept", CommentText(`"Look" http://example.com/a--b`, Options{Smilies: true, HomeURL: "http://example.org"}),
			"<p>&#8220;Look&#8221; <a href=\"http://example.com/a--b\" rel=\"nofollow ugc\">http://example.com/a&#8211;b</a></p>\n"},
	}
	for _, c := range cases {
		if c.got != c.want {
			t.Errorf("%s:\n got  %q\n want %q", c.name, c.got, c.want)
		}
	}
}

// TestCapitalPDangit: WordPress's name is corrected where capital_P_dangit
// corrects it — everywhere in a title, only after a space, an opening
// quote, ">" or "(" in content and comments, so that URLs keep theirs.
func TestCapitalPDangit(t *testing.T) {
	cases := []struct{ name, got, want string }{
		{"title", TheTitle("Wordpress tips for wordpress.org/Wordpress"), "WordPress tips for wordpress.org/WordPress"},
		{"content", TheContent(`I love Wordpress (Wordpress!) "Wordpress" <b>Wordpress</b> http://x.example/Wordpress`, Options{Smilies: true}),
			"<p>I love WordPress (WordPress!) &#8220;WordPress&#8221; <b>WordPress</b> http://x.example/Wordpress</p>\n"},
		{"comment", CommentText("Wordpress rocks, says a Wordpress fan of my-Wordpress-site", Options{Smilies: true}),
			"<p>WordPress rocks, says a WordPress fan of my-Wordpress-site</p>\n"},
	}
	for _, c := range cases {
		if c.got != c.want {
			t.Errorf("%s:\n got  %q\n want %q", c.name, c.got, c.want)
		}
	}
}
