package wptext

import "testing"

func TestTagCloudHelpers(t *testing.T) {
	for _, c := range []struct{ a, b string }{{"a2", "a10"}, {"Apple", "banana"}, {"x", "x1"}, {"tag 9", "Tag 10"}} {
		if !naturalLessFold(c.a, c.b) || naturalLessFold(c.b, c.a) {
			t.Errorf("strnatcasecmp order of %q and %q", c.a, c.b)
		}
	}
	for _, c := range []struct {
		in   string
		n    float64
		unit string
	}{{"8pt", 8, "pt"}, {"1.5em", 1.5, "em"}, {"120%", 120, "%"}, {"12", 12, "pt"}, {"big", 0, "pt"}} {
		if n, unit := TagCloudFontSize(c.in); n != c.n || unit != c.unit {
			t.Errorf("%q: %v %q, want %v %q", c.in, n, unit, c.n, c.unit)
		}
	}
	for f, want := range map[float64]string{8: "8", 22: "22", 15.5: "15.5", 8 + 14.0/3: "12.666666666667"} {
		if got := FloatString(f); got != want {
			t.Errorf("%v: %s, want %s", f, got, want)
		}
	}
}
