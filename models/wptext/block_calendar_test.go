package wptext

import "testing"

// TestCalendarBlockWithoutPosts: a site without published posts shows
// the note WordPress gives a logged-in user, without the wrapper.
func TestCalendarBlockWithoutPosts(t *testing.T) {
	got := RenderCalendarBlock(CalendarBlock{Year: 1999, Month: 3, Wrapper: BlockWrapper{Align: "wide"}})
	if want := "<div>The calendar block is hidden because there are no published posts.</div>"; got != want {
		t.Errorf("got %q", got)
	}
}

// TestCalendarTableColors: the block's colours go on the table as the
// style engine words them, presets as class names.
func TestCalendarTableColors(t *testing.T) {
	for _, c := range []struct {
		name           string
		colors         CalendarColors
		style, classes string
	}{
		{"none", CalendarColors{}, "", ""},
		{"presets", CalendarColors{HasTextPreset: true, TextPreset: "vivid-red", HasBackgroundPreset: true, BackgroundPreset: "accent3"},
			"", " has-text-color has-vivid-red-color has-background has-accent-3-background-color"},
		{"custom, preset wins", CalendarColors{HasTextPreset: true, TextPreset: "primary", CustomText: "#f00", CustomBackground: "#fff"},
			` style="background-color:#fff;"`, " has-text-color has-primary-color has-background"},
		{"custom and link", CalendarColors{CustomText: "#123456", LinkColor: true}, ` style="color:#123456;"`, " has-text-color has-link-color"},
	} {
		style, classes := c.colors.tableStyle()
		if style != c.style || classes != c.classes {
			t.Errorf("%s: %q %q", c.name, style, classes)
		}
	}
	for in, want := range map[string]string{"vivid-red": "vivid-red", "accent3": "accent-3", "fooBar": "foo-bar", "HTMLColor": "html-color", "a_b c": "a-b-c"} {
		if got := kebabCase(in); got != want {
			t.Errorf("kebabCase(%q) = %q, want %q", in, got, want)
		}
	}
}
