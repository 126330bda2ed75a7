package rest

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/presspass/presspass/models"
)

// TestBlockRendererInTheReadersLanguage: the dynamic blocks' strings, month
// and weekday names are WordPress's Japanese ones for a Japanese reader (a
// user who chose Japanese asking with _locale=user, or anyone on a site in
// Japanese), and English for the same request otherwise.
func TestBlockRendererInTheReadersLanguage(t *testing.T) {
	ts := newTestSite(t)
	ctx := context.Background()
	ja := "ja"
	if _, err := ts.store.UpdateUser(ctx, ts.user("author").ID, models.UserInput{Locale: &ja}); err != nil {
		t.Fatal(err)
	}
	if err := ts.store.SetOption(ctx, "permalink_structure", "/%year%/%monthnum%/%postname%/"); err != nil {
		t.Fatal(err)
	}
	newPost := func(body string) int {
		return int(ts.expect(req{method: "POST", path: "/wp-json/wp/v2/posts", as: "admin", body: body}, 201, "").obj()["id"].(float64))
	}
	for _, date := range []string{"1999-03-04T10:00:00", "1999-03-20T10:00:00", "1998-12-31T23:00:00", "1999-05-02T08:00:00"} {
		newPost("title=Old&status=publish&date=" + date)
	}
	untitled := newPost("title=&content=x&status=publish&date=1999-05-02T09:00:00")
	locked := newPost("title=Locked&status=publish&password=secret&date=1999-05-02T10:00:00")
	comments := []struct {
		post int
		date time.Time
	}{{untitled, time.Date(1999, 5, 3, 10, 0, 0, 0, time.UTC)}, {locked, time.Date(1999, 5, 4, 10, 0, 0, 0, time.UTC)}}
	for _, c := range comments {
		if err := ts.store.SaveCommentRecord(ctx, &models.Comment{PostID: uint64(c.post), Approved: "1", Type: "comment",
			Content: "Hello there", Date: c.date, DateGMT: c.date}); err != nil {
			t.Fatal(err)
		}
	}

	const (
		archives = "/wp-json/wp/v2/block-renderer/core/archives?attributes%5BshowPostCounts%5D=false"
		calendar = "/wp-json/wp/v2/block-renderer/core/calendar?attributes%5Bmonth%5D=3&attributes%5Byear%5D=1999"
		latest   = "/wp-json/wp/v2/block-renderer/core/latest-comments?attributes%5BdisplayAvatar%5D=false"
		cloud    = "/wp-json/wp/v2/block-renderer/core/tag-cloud?attributes%5Btaxonomy%5D=no_such_taxonomy"
	)
	dropdown := archives + "&attributes%5BdisplayAsDropdown%5D=1"
	tests := []struct {
		name, path string
		wplang     string // the site's language
		en, ja     []string
	}{
		{"monthly archives", archives, "",
			[]string{">March 1999</a></li>", ">December 1998</a></li>"},
			[]string{">1999年3月</a></li>", ">1998年12月</a></li>"}},
		{"daily archives (the site's date_format, names translated)", archives + "&attributes%5Btype%5D=daily", "",
			[]string{">March 20, 1999</a></li>"}, []string{">3月 20, 1999</a></li>"}},
		{"the archives dropdown", dropdown, "",
			[]string{`class="wp-block-archives__label">Archives</label>`, `<option value="">Select Month</option>`, "> March 1999 </option>"},
			[]string{`class="wp-block-archives__label">アーカイブ</label>`, `<option value="">月を選択</option>`, "> 1999年3月 </option>"}},
		{"the yearly dropdown's first option", dropdown + "&attributes%5Btype%5D=yearly", "",
			[]string{`<option value="">Select Year</option>`}, []string{`<option value="">年を選択</option>`}},
		{"nothing to list", archives + "&attributes%5Btype%5D=weekly", "",
			[]string{">No archives to show.</div>"}, []string{">表示するアーカイブはありません。</div>"}},
		{"the calendar", calendar, "",
			[]string{"<caption>March 1999</caption>", `<th scope="col" aria-label="Monday">M</th>`, `<th scope="col" aria-label="Thursday">T</th>`,
				`aria-label="Posts published on March 4, 1999">4</a>`, `<nav aria-label="Previous and next months"`, "&laquo; Dec</a>", ">May &raquo;</a>"},
			[]string{"<caption>1999年3月</caption>", `<th scope="col" aria-label="月曜日">月</th>`, `<th scope="col" aria-label="木曜日">木</th>`,
				`aria-label="1999年3月4日 に投稿を公開">4</a>`, `<nav aria-label="前と次の月"`, "&laquo; 12月</a>", ">5月 &raquo;</a>"}},
		{"latest comments", latest, "",
			[]string{`<span class="wp-block-latest-comments__comment-author">Anonymous</span> on <a`, ">(no title)</a>", ">Protected: Locked</a>",
				">May 4, 1999</time>", "<p>Password protected</p>"},
			[]string{`>(タイトルなし)</a> に <span class="wp-block-latest-comments__comment-author">匿名</span> より`, ">保護中: Locked</a>",
				">5月 4, 1999</time>", "<p>パスワード保護</p>"}},
		{"an empty tag cloud", cloud, "",
			[]string{">There&#8217;s no content to show here yet.</p>"}, []string{">まだここに表示するコンテンツはありません。</p>"}},
		{"a site in Japanese", archives, "ja", nil, []string{">1999年3月</a></li>"}},
	}
	render := func(t *testing.T, path, as string) string {
		t.Helper()
		got, _ := ts.with(t).expect(req{path: path, as: as}, 200, "").obj()["rendered"].(string)
		return got
	}
	has := func(t *testing.T, got string, want []string) {
		t.Helper()
		checkRendered(t, got, want, nil)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := ts.store.SetOption(ctx, "WPLANG", tt.wplang); err != nil {
				t.Fatal(err)
			}
			if tt.wplang != "" {
				// The site's language, for a user who chose none.
				has(t, render(t, tt.path, "editor"), tt.ja)
				has(t, render(t, tt.path+"&_locale=user", "editor"), tt.ja)
				return
			}
			has(t, render(t, tt.path, "author"), tt.en)
			has(t, render(t, tt.path+"&_locale=user", "author"), tt.ja)
		})
	}
	// A user who keeps English reads English with _locale=user too.
	en := "en_US"
	if _, err := ts.store.UpdateUser(ctx, ts.user("author").ID, models.UserInput{Locale: &en}); err != nil {
		t.Fatal(err)
	}
	if got := render(t, archives+"&_locale=user", "author"); !strings.Contains(got, ">March 1999</a></li>") {
		t.Errorf("an English user with _locale=user:\n%s", got)
	}
}
