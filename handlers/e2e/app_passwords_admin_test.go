package e2e

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/presspass/presspass/models"
)

// An administrator finds the site-wide list from the dashboard, filters it
// to one user, and revokes that user's passwords in bulk after confirming;
// the revoked password stops working over REST, another user's keeps working.
func TestAdminApplicationPasswordsPage(t *testing.T) {
	s := startSite(t)
	bg := context.Background()
	author, err := s.store.UserByLogin(bg, "author")
	if err != nil {
		t.Fatal(err)
	}
	editor, err := s.store.UserByLogin(bg, "editor")
	if err != nil {
		t.Fatal(err)
	}
	authorPW, err := s.store.CreateAppPasswordWith(bg, author.ID, models.AppPasswordOptions{Name: "Author phone", Scope: models.ScopeRead})
	if err != nil {
		t.Fatal(err)
	}
	editorPW, err := s.store.CreateAppPassword(bg, editor.ID, "Editor laptop", "")
	if err != nil {
		t.Fatal(err)
	}

	ctx := newBrowser(t)
	run(t, ctx, "open login", chromedp.Navigate(s.url+"/wp-login.php"))
	login(t, ctx, "admin", adminPass)
	var all string
	run(t, ctx, "dashboard link to every password",
		chromedp.WaitVisible(`#all-application-passwords`, chromedp.ByQuery),
		chromedp.Click(`#all-application-passwords`, chromedp.ByQuery),
		chromedp.WaitVisible(`table.application-passwords-all`, chromedp.ByQuery),
		chromedp.Text(`table.application-passwords-all tbody`, &all, chromedp.ByQuery),
	)
	if !strings.Contains(all, "Author phone") || !strings.Contains(all, "Editor laptop") || !strings.Contains(all, "Read only") {
		t.Fatalf("the list: %q", all)
	}
	screenshot(t, ctx, "application-passwords-admin")

	var filtered, question, notice string
	run(t, ctx, "filter to the author",
		chromedp.SendKeys(`#filter-user`, "author", chromedp.ByQuery),
		chromedp.Click(`#apply-filters`, chromedp.ByQuery),
		chromedp.WaitVisible(`#revoke-filtered`, chromedp.ByQuery),
		chromedp.Text(`table.application-passwords-all tbody`, &filtered, chromedp.ByQuery),
	)
	if !strings.Contains(filtered, "Author phone") || strings.Contains(filtered, "Editor laptop") {
		t.Fatalf("filtered list: %q", filtered)
	}
	run(t, ctx, "bulk revoke asks first",
		chromedp.Click(`#revoke-filtered`, chromedp.ByQuery),
		chromedp.WaitVisible(`#confirm-revoke`, chromedp.ByQuery),
		chromedp.Text(`.confirm`, &question, chromedp.ByQuery),
	)
	if !strings.Contains(question, "revoke the application password that matches the filters") {
		t.Errorf("confirmation: %q", question)
	}
	if status, _ := s.usersMe(t, "author", authorPW.Password); status != http.StatusOK {
		t.Fatalf("the confirmation step revoked already: %d", status)
	}
	run(t, ctx, "confirm",
		chromedp.Click(`#confirm-revoke`, chromedp.ByQuery),
		chromedp.WaitVisible(`.notice-success`, chromedp.ByQuery),
		chromedp.Text(`.notice-success`, &notice, chromedp.ByQuery),
	)
	if !strings.Contains(notice, "1 application password revoked.") {
		t.Errorf("after revoking: %q", notice)
	}
	if status, _ := s.usersMe(t, "author", authorPW.Password); status != http.StatusUnauthorized {
		t.Errorf("REST with the revoked password: %d, want 401", status)
	}
	if status, who := s.usersMe(t, "editor", editorPW.Password); status != http.StatusOK || who != "editor" {
		t.Errorf("REST with the editor's password: %d %q", status, who)
	}
}
