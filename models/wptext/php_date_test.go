package wptext

import (
	"testing"
	"time"
)

func TestPHPDate(t *testing.T) {
	tokyo := time.FixedZone("JST", 9*3600)
	at := time.Date(1999, 3, 4, 15, 7, 9, 0, tokyo)
	for _, c := range []struct{ format, want string }{
		{"F j, Y", "March 4, 1999"},
		{"Y-m-d", "1999-03-04"},
		{"Y年n月j日", "1999年3月4日"},
		{"g:i a", "3:07 pm"},
		{"D, d M y H:i:s", "Thu, 04 Mar 99 15:07:09"},
		{"l jS \\o\\f F", "Thursday 4th of March"},
		{"c", "1999-03-04T15:07:09+09:00"},
		{"N w z t L", "4 4 62 31 0"},
		{"O P Z", "+0900 +09:00 32400"},
	} {
		if got := PHPDate(c.format, at); got != c.want {
			t.Errorf("PHPDate(%q) = %q, want %q", c.format, got, c.want)
		}
	}
	for day, want := range map[int]string{1: "st", 2: "nd", 3: "rd", 4: "th", 11: "th", 12: "th", 13: "th", 21: "st", 22: "nd", 23: "rd", 31: "st"} {
		if got := englishOrdinalSuffix(day); got != want {
			t.Errorf("suffix of %d = %q", day, got)
		}
	}
}
