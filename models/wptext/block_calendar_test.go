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
