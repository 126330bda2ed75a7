package models_test

import (
	"strings"
	"testing"

	"github.com/presspass/presspass/models"
)

func TestSanitizeTitle(t *testing.T) {
	cases := []struct{ in, want string }{
		{"Hello World", "hello-world"},
		{"  Admin Post One ", "admin-post-one"},
		{"It's \"quoted\"", "its-quoted"},
		{"Café crème brûlée", "cafe-creme-brulee"},
		{"Straße", "strasse"},
		{"日本語のタイトル 🎉✨", "%e6%97%a5%e6%9c%ac%e8%aa%9e%e3%81%ae%e3%82%bf%e3%82%a4%e3%83%88%e3%83%ab-%f0%9f%8e%89%e2%9c%a8"},
		{"“Smart” quotes…", "smart-quotes"},
		{"a – b — c", "a-b-c"},
		{"<b>Bold</b> text", "bold-text"},
		{"1.5 release", "1-5-release"},
		{"100% done", "100-done"},
		{"AT&amp;T", "att"},
		{"under_score", "under_score"},
		{"a/b", "a-b"},
		{"2×3", "2x3"},
		{"---", ""},
	}
	for _, c := range cases {
		if got := models.SanitizeTitle(c.in); got != c.want {
			t.Errorf("SanitizeTitle(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	long := models.SanitizeTitle(strings.Repeat("ab ", 100))
	if len(long) > 200 || strings.HasSuffix(long, "-") {
		t.Errorf("long title slug %q (%d)", long, len(long))
	}
}
