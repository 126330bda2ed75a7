package wptext

import "testing"

func TestUseSmilies(t *testing.T) {
	for option, want := range map[string]bool{"1": true, "yes": true, "0": false, "": false} {
		if got := UseSmilies(option); got != want {
			t.Errorf("UseSmilies(%q) = %t, want %t", option, got, want)
		}
	}
}

// prepend_attachment's markup comes after wptexturize and wpautop (so it
// is neither texturized nor put in paragraphs) and before convert_smilies.
func TestAttachmentContent(t *testing.T) {
	const markup = "<p class=\"attachment\"><a href='f.txt'>it's :)</a></p>\n"
	cases := []struct {
		name string
		opts Options
		want string
	}{
		{"smilies on", Options{Smilies: true}, "<p class=\"attachment\"><a href='f.txt'>it's \U0001F642</a></p>\n<p>Its &#8220;text&#8221; \U0001F642</p>\n"},
		{"smilies off", Options{}, markup + "<p>Its &#8220;text&#8221; :)</p>\n"},
	}
	for _, c := range cases {
		if got := AttachmentContent(markup, `Its "text" :)`, c.opts); got != c.want {
			t.Errorf("%s:\n got  %q\n want %q", c.name, got, c.want)
		}
	}
}
