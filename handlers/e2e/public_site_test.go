package e2e

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/presspass/presspass/models"
)

// phoneWidth is the viewport every public page must fit without sideways
// scrolling: a common phone's CSS width.
const phoneWidth = 390

// startPublicSite serves REST, the browser pages and the public site, as
// presspass serve does, on the "test" fixtures plus a protected post and an
// author's draft.
func startPublicSite(t *testing.T) (*site, map[string]uint64) {
	t.Helper()
	st := serveSite(t, true)
	s := st.store
	ctx := context.Background()
	admin, _ := s.UserByLogin(ctx, "admin")
	author, _ := s.UserByLogin(ctx, "author")
	str := func(v string) *string { return &v }
	pubStatus, draft := "publish", "draft"
	ids := map[string]uint64{}
	long := "A line with a long address in it: https://example.com/" + strings.Repeat("very-long-segment-", 12) + " and more words."
	for name, in := range map[string]struct {
		actor *models.User
		in    models.PostInput
	}{
		"protected": {admin, models.PostInput{Title: str("Locked away"), Content: str("The secret recipe."), Status: &pubStatus, Password: str("open sesame")}},
		"draft":     {author, models.PostInput{Title: str("Work in progress"), Content: str("Not yet published.\n\n" + long), Status: &draft}},
		"long":      {admin, models.PostInput{Title: str("A post with a long line"), Content: str(long), Status: &pubStatus}},
	} {
		p, err := s.CreatePost(ctx, in.actor, in.in)
		if err != nil {
			t.Fatalf("create %s: %v", name, err)
		}
		ids[name] = p.ID
	}
	return st, ids
}

// restPost reads a post over REST as a visitor.
func (s *site) restPost(t *testing.T, id uint64) (link, title, content string) {
	t.Helper()
	resp, err := http.Get(s.url + "/wp-json/wp/v2/posts/" + strconv.FormatUint(id, 10))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var p struct {
		Link    string
		Title   struct{ Rendered string }
		Content struct{ Rendered string }
	}
	if err := json.NewDecoder(resp.Body).Decode(&p); err != nil || p.Link == "" {
		t.Fatalf("REST post %d: %v %+v", id, err, p)
	}
	return p.Link, p.Title.Rendered, p.Content.Rendered
}

// fitsPhone checks the page needs no sideways scrolling at phone width and
// keeps its screenshot with -update.
func fitsPhone(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	fitsWidth(t, ctx, name, phoneWidth)
	screenshot(t, ctx, "public-"+name)
}

func TestPublicSiteOnAPhone(t *testing.T) {
	s, ids := startPublicSite(t)
	ctx := newBrowser(t)
	run(t, ctx, "phone viewport", chromedp.EmulateViewport(phoneWidth, 844))

	t.Run("a post's link from a REST answer", func(t *testing.T) {
		link, title, content := s.restPost(t, ids["long"])
		var gotTitle, gotContent string
		run(t, ctx, "open "+link, chromedp.Navigate(link),
			chromedp.WaitVisible(`h1.entry-title`, chromedp.ByQuery),
			chromedp.Text(`h1.entry-title`, &gotTitle, chromedp.ByQuery),
			chromedp.InnerHTML(`.entry-content`, &gotContent, chromedp.ByQuery))
		if gotTitle != title || strings.TrimSpace(gotContent) != strings.TrimSpace(content) {
			t.Fatalf("the page shows %q / %q; REST says %q / %q", gotTitle, gotContent, title, content)
		}
		fitsPhone(t, ctx, "post")
	})
	t.Run("a page", func(t *testing.T) {
		run(t, ctx, "open the page", chromedp.Navigate(s.url+"/test-page/"), chromedp.WaitVisible(`h1.entry-title`, chromedp.ByQuery))
		fitsPhone(t, ctx, "page")
	})
	t.Run("an archive", func(t *testing.T) {
		var n int
		run(t, ctx, "open the category", chromedp.Navigate(s.url+"/category/uncategorized/"),
			chromedp.WaitVisible(`h1.page-title`, chromedp.ByQuery),
			chromedp.Evaluate(`document.querySelectorAll("article h2.entry-title a").length`, &n))
		if n < 3 {
			t.Fatalf("%d posts listed", n)
		}
		fitsPhone(t, ctx, "archive")
	})
	t.Run("a password-protected post and its form", func(t *testing.T) {
		var before, after string
		run(t, ctx, "open the protected post", chromedp.Navigate(s.url+"/locked-away/"),
			chromedp.WaitVisible(`.post-password-form input[name="post_password"]`, chromedp.ByQuery),
			chromedp.Text(`.entry-content`, &before, chromedp.ByQuery))
		if strings.Contains(before, "The secret recipe.") {
			t.Fatal("the content shows before the password")
		}
		fitsPhone(t, ctx, "password-form")
		run(t, ctx, "enter the password",
			chromedp.SendKeys(`input[name="post_password"]`, "open sesame", chromedp.ByQuery),
			chromedp.Click(`.post-password-form input[type="submit"]`, chromedp.ByQuery),
			chromedp.WaitNotPresent(`.post-password-form`, chromedp.ByQuery),
			chromedp.Text(`.entry-content`, &after, chromedp.ByQuery))
		if !strings.Contains(after, "The secret recipe.") {
			t.Fatalf("after the password: %q", after)
		}
	})
	t.Run("a draft's preview as its author", func(t *testing.T) {
		preview := s.url + "/?p=" + strconv.FormatUint(ids["draft"], 10) + "&preview=true"
		var body string
		run(t, ctx, "visitors get a 404", chromedp.Navigate(preview), chromedp.WaitVisible(`body.error404`, chromedp.ByQuery))
		run(t, ctx, "open login", chromedp.Navigate(s.url+"/wp-login.php?redirect_to="+url.QueryEscape(preview)))
		login(t, ctx, "author", "author-test-pass")
		run(t, ctx, "the preview", chromedp.WaitVisible(`h1.entry-title`, chromedp.ByQuery),
			chromedp.Text(`article`, &body, chromedp.ByQuery))
		if !strings.Contains(body, "Work in progress") || !strings.Contains(body, "Not yet published.") || !strings.Contains(body, "Preview") {
			t.Fatalf("the preview shows %q", body)
		}
		fitsPhone(t, ctx, "draft-preview")
	})
	t.Run("an embed", func(t *testing.T) {
		var heading string
		run(t, ctx, "open the embed", chromedp.Navigate(s.url+"/admin-published/embed/"),
			chromedp.WaitVisible(`.wp-embed-heading a`, chromedp.ByQuery),
			chromedp.Text(`.wp-embed-heading a`, &heading, chromedp.ByQuery))
		if heading != "Admin Published" {
			t.Fatalf("embed heading %q", heading)
		}
		fitsPhone(t, ctx, "embed")
	})
}
