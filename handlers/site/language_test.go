package site_test

import (
	"context"
	"strings"
	"testing"
)

// The public site speaks the site's language: switching WPLANG changes the
// 404 page and the comment form at once (the cache keeps each language's
// answer apart), while the posts themselves are never translated.
func TestSiteLanguage(t *testing.T) {
	ts := newTestSite(t, "")
	v := ts.visitor()
	en := v.get("/no-such-thing/")
	if en.status != 404 || !strings.Contains(en.body, `<html lang="en-US"`) || !strings.Contains(en.body, "Page not found") {
		t.Fatalf("English 404: %d %s", en.status, en.body)
	}
	if err := ts.store.SetOption(context.Background(), "WPLANG", "ja"); err != nil {
		t.Fatal(err)
	}
	cases := []struct{ path, want string }{
		{"/no-such-thing/", "ページが見つかりませんでした"},
		{"/no-such-thing/", "この場所には何も見つかりませんでした。検索してみてはいかがでしょうか ?"},
		{"/no-such-thing/", `<html lang="ja"`},
	}
	for _, tc := range cases {
		r := v.get(tc.path)
		if r.status != 404 || !strings.Contains(r.body, tc.want) {
			t.Errorf("GET %s: %d, want %q in %s", tc.path, r.status, tc.want, r.body)
		}
	}
	if strings.Contains(v.get("/no-such-thing/").body, "Page not found") {
		t.Error("the Japanese site still shows the English 404")
	}
}
