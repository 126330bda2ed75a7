package handlers

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/presspass/presspass/models"
)

// setLocale stores a user's own language as the profile or users/me would.
func setLocale(t *testing.T, ts *testSite, login, locale string) {
	t.Helper()
	u, err := ts.store.UserByLogin(context.Background(), login)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ts.store.UpdateUser(context.Background(), u.ID, models.UserInput{Locale: &locale}); err != nil {
		t.Fatal(err)
	}
}

func TestLoginPageLanguage(t *testing.T) {
	cases := []struct {
		name, wplang, path string
		cookie             string
		lang               string
		want, absent       []string
	}{
		{name: "English site", path: "/wp-login.php", lang: "en-US",
			want:   []string{"Username or Email Address", "Remember Me", `value="Log In"`, `id="language-switcher"`, `<option value="ja" lang="ja">日本語</option>`},
			absent: []string{"ユーザー名"}},
		{name: "Japanese site", wplang: "ja", path: "/wp-login.php", lang: "ja",
			want:   []string{"ユーザー名またはメールアドレス", "パスワード", "ログイン状態を保存する", `value="ログイン"`, "パスワードをお忘れですか ?", `value="変更"`, `<option value="ja" lang="ja" selected>日本語</option>`},
			absent: []string{"Username or Email Address", "Remember Me"}},
		{name: "switcher on an English site", path: "/wp-login.php?wp_lang=ja&redirect_to=%2Fwp-admin%2Fprofile.php", lang: "ja",
			want: []string{"ユーザー名またはメールアドレス", `<option value="ja" lang="ja" selected>日本語</option>`, `name="redirect_to" value="/wp-admin/profile.php"`}},
		{name: "switcher back to English on a Japanese site", wplang: "ja", path: "/wp-login.php?wp_lang=en_US", lang: "en-US",
			want: []string{"Username or Email Address", `<option value="en_US" lang="en-US" selected>English (United States)</option>`}},
		{name: "the switcher's cookie", path: "/wp-login.php", cookie: "ja", lang: "ja",
			want: []string{"ユーザー名またはメールアドレス"}},
		{name: "lost password in Japanese", path: "/wp-login.php?action=lostpassword&wp_lang=ja", lang: "ja",
			want: []string{"PressPass はパスワードリセットのメールを送信しません。", `name="action" value="lostpassword"`}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ts := newTestSite(t, models.EnvironmentLocal)
			if tc.wplang != "" {
				if err := ts.store.SetOption(context.Background(), "WPLANG", tc.wplang); err != nil {
					t.Fatal(err)
				}
			}
			req, _ := http.NewRequest(http.MethodGet, ts.url+tc.path, nil)
			if tc.cookie != "" {
				req.AddCookie(&http.Cookie{Name: "wp_lang", Value: tc.cookie})
			}
			p := ts.browser().do(req)
			wantStatus(t, p, http.StatusOK)
			mustContain(t, p, append(tc.want, `<html lang="`+tc.lang+`">`)...)
			for _, s := range tc.absent {
				if strings.Contains(p.Body, s) {
					t.Errorf("page has %q", s)
				}
			}
		})
	}
}

func TestLoginSwitcherRemembersLanguage(t *testing.T) {
	ts := newTestSite(t, models.EnvironmentLocal)
	b := ts.browser()
	p := b.get("/wp-login.php?wp_lang=ja")
	mustContain(t, p, "ユーザー名またはメールアドレス")
	if got := b.cookie("wp_lang"); got != "ja" {
		t.Fatalf("wp_lang cookie %q, want ja", got)
	}
	// The failed login that follows, posted without wp_lang, stays Japanese.
	p = b.post("/wp-login.php", url.Values{"log": {"author"}, "pwd": {"wrong"}, "testcookie": {"1"}})
	mustContain(t, p, "<strong>エラー:</strong> ユーザー名 <strong>author</strong> に対して入力されたパスワードが間違っています。")
}

func TestProfileLanguagePerUser(t *testing.T) {
	ts := newTestSite(t, models.EnvironmentLocal)
	setLocale(t, ts, "author", "ja")
	ja, en := ts.browser(), ts.browser()
	ja.login("author", "author-test-pass")
	en.login("admin", "admin-test-pass")

	p := ja.get("/wp-admin/profile.php")
	wantStatus(t, p, http.StatusOK)
	created := ja.post("/wp-admin/profile.php", appPasswordForm(t, p.Body, "Mobile"))
	mustContain(t, created, `<html lang="ja">`, "<h1>プロフィール</h1>", "アプリケーションパスワード",
		"<strong>Mobile</strong> の新しいパスワード:", "必ず安全な場所に保存してください。あとから確認することはできません。",
		`value="新しいアプリケーションパスワードを追加"`, `value="取り消し"`, "こんにちは、",
		// Dates as Japanese WordPress shows them.
		dateJA(ts.store.Now()))

	p = en.get("/wp-admin/profile.php")
	mustContain(t, p, `<html lang="en-US">`, "<h1>Profile</h1>", "Application Passwords", `value="Add Application Password"`)
	if strings.Contains(p.Body, "アプリケーションパスワード") {
		t.Error("the English user's profile shows Japanese")
	}

	// The store's refusals are worded in each user's language too.
	refusedJA := ja.post("/wp-admin/profile.php", appPasswordForm(t, ja.get("/wp-admin/profile.php").Body, ""))
	mustContain(t, refusedJA, "アプリケーションパスワードを作成するにはアプリケーション名が必要です。")
	refusedEN := en.post("/wp-admin/profile.php", appPasswordForm(t, p.Body, ""))
	mustContain(t, refusedEN, "An application name is required to create an application password.")

	// The revoke confirmation, in Japanese.
	p = ja.get("/wp-admin/profile.php")
	confirm := ja.post("/wp-admin/profile.php", url.Values{
		"_wpnonce": {inputValue(t, p.Body, "_wpnonce", "revoke-application-password")},
		"action":   {"revoke-application-password"}, "user_id": {inputValue(t, p.Body, "user_id", "revoke-application-password")},
		"uuid": {inputValue(t, p.Body, "uuid", "revoke-application-password")},
	})
	mustContain(t, confirm, "確認してください", "アプリケーションパスワード「Mobile」を取り消してもよいですか ? この操作は取り消せません。",
		`value="取り消し"`, ">キャンセル</a>")

	// The author's own choice back to the site's language, from the menu.
	f := profileForm(t, p.Body)
	f.Set("display_name", "author")
	f.Set("locale", "site-default")
	wantStatus(t, ja.post("/wp-admin/profile.php", f), http.StatusSeeOther)
	mustContain(t, ja.get("/wp-admin/profile.php"), "<h1>Profile</h1>", `<option value="site-default" selected>Site Default</option>`)
}

// dateJA is a date as Japanese pages show it.
func dateJA(t time.Time) string {
	t = t.UTC()
	return t.Format("2006") + "年" + strings.TrimLeft(t.Format("01"), "0") + "月" + strings.TrimLeft(t.Format("02"), "0") + "日"
}
