package site_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/presspass/presspass/models"
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

// Every word of the public site that WordPress translates follows WPLANG:
// the layout, archives' and searches' titles, comments, feeds, embeds and
// the sitemap's stylesheet. The English site is checked on the same pages,
// so a string that stops being translated or stops being English fails.
func TestSiteWordsFollowTheSitesLanguage(t *testing.T) {
	ts := newTestSite(t, "")
	ctx := context.Background()
	body := "A first reply."
	if _, err := ts.store.CreateComment(ctx, ts.user("admin"), models.CommentInput{PostID: 1, Content: &body}); err != nil {
		t.Fatal(err)
	}
	// A visitor's comment left without a name.
	d := time.Date(2024, 2, 3, 10, 0, 0, 0, time.UTC)
	if err := ts.store.SaveCommentRecord(ctx, &models.Comment{PostID: ts.ids["child"], Approved: "1", Type: "comment", Content: "No name.", Date: d, DateGMT: d}); err != nil {
		t.Fatal(err)
	}
	if err := ts.store.SetOption(ctx, "posts_per_page", "1"); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, path string
		en, ja     []string
	}{
		{"the layout", "/",
			[]string{"Skip to content", `<label for="search-field">Search</label>`, `<button type="submit">Search</button>`, "Posts feed",
				` by <a href=`, "Comments Feed"},
			[]string{"コンテンツへスキップ", `<label for="search-field">検索</label>`, `<button type="submit">検索</button>`, "投稿フィード",
				` 投稿者: <a href=`, "コメントフィード"}},
		{"a search and its feed link", "/?s=locked",
			[]string{"Search Results for &#8220;locked&#8221;", "Search Results for “locked” Feed"},
			[]string{"&#8220;locked&#8221; の検索結果", "“locked” の検索結果のフィード"}},
		{"a protected post's excerpt in a list", "/?s=locked",
			[]string{"<p>There is no excerpt because this is a protected post.</p>"},
			[]string{"<p>保護された投稿のため抜粋はありません。</p>"}},
		{"a nameless comment in the comments feed", "/comments/feed/",
			[]string{"<dc:creator><![CDATA[Anonymous]]></dc:creator>"}, []string{"<dc:creator><![CDATA[匿名]]></dc:creator>"}},
		{"a search that finds nothing", "/?s=zzzzzz",
			[]string{"Sorry, but nothing matched your search terms."},
			[]string{"検索キーワードに一致するものが見つかりませんでした。"}},
		{"a month archive", "/2024/02/", []string{"February 2024"}, []string{"2024年2月"}},
		{"a category archive's feed link", "/category/uncategorized/", []string{"Uncategorized Category Feed"}, []string{"Uncategorized カテゴリー のフィード"}},
		{"a post's comments and its date", "/admin-published/",
			[]string{"One response to &#8220;", " at ", "Categories:"},
			[]string{"への1件の返信", "年", "カテゴリー:"}},
		{"a second page's title and its pagination", "/page/2/", []string{"<title>Page 2 &#8211; ", "Newer posts", "Older posts", `aria-label="Posts"`},
			[]string{"<title>2ページ目 &#8211; ", "新しい投稿", "古い投稿", `aria-label="投稿"`}},
		{"the feed", "/feed/", []string{"<language>en-US</language>", "There is no excerpt because this is a protected post."},
			[]string{"<language>ja</language>", "保護された投稿のため抜粋はありません。"}},
		{"a post's comments feed", "/admin-published/feed/", []string{"Comments on: ", "By: "}, []string{"へのコメント", "投稿者: "}},
		{"an embed that is not found", "/no-such-thing/embed/",
			[]string{"Oops! That embed cannot be found.", "Maybe try visiting <a href="},
			[]string{"埋め込みが見つかりませんでした。", "に直接アクセスしてみてはいかがでしょうか"}},
		{"the sitemap stylesheet", "/wp-sitemap.xsl",
			[]string{`<html lang="en-US">`, "<title>XML Sitemap</title>", "<th>Last Modified</th>", "Number of URLs in this XML Sitemap: <xsl:value-of"},
			[]string{`<html lang="ja">`, "<title>XML サイトマップ</title>", "<th>最終更新日</th>", "この XML サイトマップ内の URL 数: <xsl:value-of"}},
	}
	v := ts.visitor()
	for _, lang := range []string{"", "ja"} {
		if err := ts.store.SetOption(ctx, "WPLANG", lang); err != nil {
			t.Fatal(err)
		}
		for _, tt := range tests {
			want := tt.en
			if lang == "ja" {
				want = tt.ja
			}
			t.Run(lang+" "+tt.name, func(t *testing.T) {
				r := v.get(tt.path)
				for _, w := range want {
					if !strings.Contains(r.body, w) {
						t.Errorf("GET %s lacks %q:\n%.3000s", tt.path, w, r.body)
					}
				}
			})
		}
	}
}
