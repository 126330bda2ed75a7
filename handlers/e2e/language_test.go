package e2e

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/presspass/presspass/models"
)

// A Japanese administrator's Application Passwords section in a real
// browser: the one-time password notice and the revoke confirmation are in
// Japanese, with WordPress's Japanese terms. Screenshots are kept with
// -update (a Japanese font must be installed, e.g. fonts-ipafont-gothic).
func TestProfileApplicationPasswordsJapanese(t *testing.T) {
	s := startSite(t)
	admin, err := s.store.UserByLogin(context.Background(), "admin")
	if err != nil {
		t.Fatal(err)
	}
	ja := "ja"
	if _, err := s.store.UpdateUser(context.Background(), admin.ID, models.UserInput{Locale: &ja}); err != nil {
		t.Fatal(err)
	}
	ctx := newBrowser(t)
	run(t, ctx, "open login", chromedp.Navigate(s.url+"/wp-login.php"))
	login(t, ctx, "admin", adminPass)
	var dashboard string
	run(t, ctx, "dashboard", chromedp.WaitVisible(`body.index-php h1`, chromedp.ByQuery), chromedp.Text(`body.index-php h1`, &dashboard, chromedp.ByQuery))
	if dashboard != "ダッシュボード" {
		t.Fatalf("after login: %q", dashboard)
	}

	var heading, notice, password string
	run(t, ctx, "create an application password",
		chromedp.Navigate(s.url+"/wp-admin/profile.php"),
		chromedp.WaitVisible(`#application-passwords-section h2`, chromedp.ByQuery),
		chromedp.Text(`#application-passwords-section h2`, &heading, chromedp.ByQuery),
		chromedp.SendKeys(`#new_application_password_name`, "モバイルアプリ", chromedp.ByQuery),
		chromedp.Click(`#do_new_application_password`, chromedp.ByQuery),
		chromedp.WaitVisible(`#new-application-password-value`, chromedp.ByQuery),
		chromedp.Value(`#new-application-password-value`, &password, chromedp.ByQuery),
		chromedp.Text(`.new-application-password-notice`, &notice, chromedp.ByQuery),
	)
	screenshot(t, ctx, "profile-new-application-password-ja")
	if heading != "アプリケーションパスワード" {
		t.Errorf("section heading %q", heading)
	}
	for _, want := range []string{"モバイルアプリ の新しいパスワード:", "必ず安全な場所に保存してください。あとから確認することはできません。"} {
		if !strings.Contains(notice, want) {
			t.Errorf("notice %q lacks %q", notice, want)
		}
	}
	if len(strings.Fields(password)) != 6 {
		t.Fatalf("password read off the page: %q", password)
	}

	var question, button, done string
	run(t, ctx, "revoke it",
		chromedp.Navigate(s.url+"/wp-admin/profile.php"),
		chromedp.WaitVisible(`tr[data-uuid] input[value="取り消し"]`, chromedp.ByQuery),
		chromedp.Click(`tr[data-uuid] input[value="取り消し"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`.confirm input[type="submit"]`, chromedp.ByQuery),
		chromedp.Text(`.confirm p`, &question, chromedp.ByQuery),
		chromedp.Value(`.confirm input[type="submit"]`, &button, chromedp.ByQuery),
	)
	screenshot(t, ctx, "profile-revoke-confirmation-ja")
	if question != "アプリケーションパスワード「モバイルアプリ」を取り消してもよいですか ? この操作は取り消せません。" || button != "取り消し" {
		t.Errorf("confirmation %q, button %q", question, button)
	}
	run(t, ctx, "confirm",
		chromedp.Click(`.confirm input[type="submit"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`.notice-success`, chromedp.ByQuery),
		chromedp.Text(`.notice-success`, &done, chromedp.ByQuery),
	)
	if !strings.Contains(done, "アプリケーションパスワードを取り消しました。") {
		t.Errorf("after revoking: %q", done)
	}
}
