package e2e

import (
	"context"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/presspass/presspass/models"
)

// The WordPress apps open authorize-application.php in an in-app browser on
// a phone, and people reach every other page from there. Each page must fit
// a phone's width without sideways scrolling, and still a desktop's.
var layoutWidths = []int{phoneWidth, 1280}

// fitsWidth checks that the page declares a device-width viewport and needs
// no sideways scrolling at the current viewport width, naming the elements
// that stick out when it does.
func fitsWidth(t *testing.T, ctx context.Context, name string, width int) {
	t.Helper()
	var m struct {
		ScrollWidth, InnerWidth int
		Viewport                string
		Wide                    []string
	}
	run(t, ctx, "measure "+name, chromedp.Evaluate(`(() => {
		const vp = document.querySelector('meta[name="viewport"]');
		const wide = [];
		for (const el of document.body.querySelectorAll('*')) {
			// Clicking may have scrolled the page sideways: measure from
			// the document's left edge.
			const right = el.getBoundingClientRect().right + window.scrollX;
			if (right > window.innerWidth + 0.5 && wide.length < 5) {
				wide.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
					(el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : '') +
					' right=' + Math.round(right));
			}
		}
		return {ScrollWidth: document.documentElement.scrollWidth, InnerWidth: window.innerWidth,
			Viewport: vp ? vp.content : '', Wide: wide};
	})()`, &m))
	if m.InnerWidth != width {
		t.Fatalf("%s: the viewport is %d px, not %d", name, m.InnerWidth, width)
	}
	if !strings.Contains(strings.ReplaceAll(m.Viewport, " ", ""), "width=device-width") {
		t.Errorf("%s: viewport meta tag %q, want width=device-width", name, m.Viewport)
	}
	if m.ScrollWidth > m.InnerWidth {
		t.Errorf("%s is %d px wide at a %d px viewport; sticking out: %s", name, m.ScrollWidth, m.InnerWidth, strings.Join(m.Wide, ", "))
	}
}

// layoutSites are the two servers the pages come from: presspass serve's
// default (with the public site) and --public-site=off (the API landing page
// and the pages' own 404).
type layoutSites struct {
	public, bare *site
	ids          map[string]uint64
	authorID     uint64
	longCallback string
}

// layoutPage is one page to measure: who looks at it, on which server, and
// the steps that bring it up (the last one waits for what the page shows).
type layoutPage struct {
	name string
	shot bool   // kept as a phone screenshot with -update
	user string // "" for a visitor
	bare bool   // on the server without the public site
	open func(s *layoutSites) []chromedp.Action
}

func (s *layoutSites) of(p layoutPage) *site {
	if p.bare {
		return s.bare
	}
	return s.public
}

// visit opens path and waits for sel.
func visit(path, sel string) func(s *layoutSites) []chromedp.Action {
	return func(s *layoutSites) []chromedp.Action {
		return []chromedp.Action{navigateFresh(s.public.url + path), chromedp.WaitVisible(sel, chromedp.ByQuery)}
	}
}

// authorizeQuery is an authorize URL's query with a very long https
// callback, as an application may send.
func (s *layoutSites) authorizeQuery(appName, successURL string) string {
	return url.Values{"app_name": {appName}, "app_id": {"0f9c7a9e-1111-4a1a-9b1e-0d3c5a7e9f11"}, "success_url": {successURL}}.Encode()
}

// longAppName has a word too long for any phone.
const longAppName = "PressPass phone test with an UnbrokenApplicationNameThatIsMuchWiderThanAPhoneScreenCanShowOnOneLine"

var layoutPages = []layoutPage{
	{name: "landing-page", bare: true, open: func(s *layoutSites) []chromedp.Action {
		return []chromedp.Action{navigateFresh(s.bare.url + "/"), chromedp.WaitVisible(`main`, chromedp.ByQuery)}
	}},
	{name: "not-found", bare: true, open: func(s *layoutSites) []chromedp.Action {
		return []chromedp.Action{navigateFresh(s.bare.url + "/" + strings.Repeat("no-such-page-", 20)), chromedp.WaitVisible(`.die`, chromedp.ByQuery)}
	}},
	{name: "login", open: visit("/wp-login.php", `#user_login`)},
	{name: "login-from-authorize", open: func(s *layoutSites) []chromedp.Action {
		return []chromedp.Action{navigateFresh(s.public.url + "/wp-admin/authorize-application.php?" + s.authorizeQuery(longAppName, s.longCallback)),
			chromedp.WaitVisible(`#user_login`, chromedp.ByQuery)}
	}},
	{name: "login-error", open: func(s *layoutSites) []chromedp.Action {
		return []chromedp.Action{navigateFresh(s.public.url + "/wp-login.php"), chromedp.WaitVisible(`#user_login`, chromedp.ByQuery),
			chromedp.SendKeys(`#user_login`, "admin", chromedp.ByQuery), chromedp.SendKeys(`#user_pass`, "wrong", chromedp.ByQuery),
			chromedp.Click(`#wp-submit`, chromedp.ByQuery), chromedp.WaitVisible(`#login_error`, chromedp.ByQuery)}
	}},
	{name: "lost-password", open: visit("/wp-login.php?action=lostpassword", `#login .message`)},
	{name: "two-factor", open: func(s *layoutSites) []chromedp.Action {
		return []chromedp.Action{navigateFresh(s.public.url + "/wp-login.php"), chromedp.WaitVisible(`#user_login`, chromedp.ByQuery),
			chromedp.SendKeys(`#user_login`, "editor", chromedp.ByQuery), chromedp.SendKeys(`#user_pass`, "editor-test-pass", chromedp.ByQuery),
			chromedp.Click(`#wp-submit`, chromedp.ByQuery), chromedp.WaitVisible(`#authcode`, chromedp.ByQuery)}
	}},
	{name: "public-home", open: visit("/", `.site-header`)},
	{name: "public-post", open: func(s *layoutSites) []chromedp.Action {
		return []chromedp.Action{navigateFresh(s.public.url + "/?p=" + strconv.FormatUint(s.ids["long"], 10)), chromedp.WaitVisible(`h1.entry-title`, chromedp.ByQuery)}
	}},
	{name: "public-page", open: visit("/test-page/", `h1.entry-title`)},
	{name: "public-archive", open: visit("/category/uncategorized/", `h1.page-title`)},
	{name: "public-search", open: visit("/?s=long", `h1.page-title`)},
	{name: "public-not-found", open: visit("/"+strings.Repeat("no-such-page-", 20)+"/", `body.error404`)},
	{name: "public-password-form", open: visit("/locked-away/", `.post-password-form`)},
	{name: "public-embed", open: visit("/admin-published/embed/", `.wp-embed-heading a`)},

	{name: "dashboard", user: "admin", open: visit("/wp-admin/", `body.index-php h1`)},
	{name: "profile", user: "admin", open: visit("/wp-admin/profile.php", `tr[data-uuid]`)},
	{name: "profile-new-password", shot: true, user: "admin", open: func(s *layoutSites) []chromedp.Action {
		return []chromedp.Action{navigateFresh(s.public.url + "/wp-admin/profile.php"), chromedp.WaitVisible(`#new_application_password_name`, chromedp.ByQuery),
			chromedp.SendKeys(`#new_application_password_name`, longAppName, chromedp.ByQuery),
			chromedp.Click(`#do_new_application_password`, chromedp.ByQuery), chromedp.WaitVisible(`#new-application-password-value`, chromedp.ByQuery)}
	}},
	{name: "profile-revoke-confirm", user: "admin", open: func(s *layoutSites) []chromedp.Action {
		return []chromedp.Action{navigateFresh(s.public.url + "/wp-admin/profile.php"), chromedp.WaitVisible(`tr[data-uuid] input.delete`, chromedp.ByQuery),
			chromedp.Click(`tr[data-uuid] input.delete`, chromedp.ByQuery), chromedp.WaitVisible(`.confirm`, chromedp.ByQuery)}
	}},
	{name: "user-edit", user: "admin", open: func(s *layoutSites) []chromedp.Action {
		return []chromedp.Action{navigateFresh(s.public.url + "/wp-admin/user-edit.php?user_id=" + strconv.FormatUint(s.authorID, 10)),
			chromedp.WaitVisible(`tr[data-uuid]`, chromedp.ByQuery)}
	}},
	{name: "profile-two-factor-setup", user: "author", open: visit("/wp-admin/profile.php", `#two-factor-secret`)},
	{name: "all-application-passwords", shot: true, user: "admin", open: visit("/wp-admin/application-passwords.php", `table.application-passwords-all`)},
	{name: "all-application-passwords-confirm", user: "admin", open: func(s *layoutSites) []chromedp.Action {
		return []chromedp.Action{navigateFresh(s.public.url + "/wp-admin/application-passwords.php?user=author"), chromedp.WaitVisible(`#revoke-filtered`, chromedp.ByQuery),
			chromedp.Click(`#revoke-filtered`, chromedp.ByQuery), chromedp.WaitVisible(`#confirm-revoke`, chromedp.ByQuery)}
	}},
	{name: "authorize-long-callback", shot: true, user: "admin", open: func(s *layoutSites) []chromedp.Action {
		return []chromedp.Action{navigateFresh(s.public.url + "/wp-admin/authorize-application.php?" + s.authorizeQuery(longAppName, s.longCallback)),
			chromedp.WaitVisible(`#approve`, chromedp.ByQuery)}
	}},
	{name: "authorize-custom-scheme", user: "admin", open: func(s *layoutSites) []chromedp.Action {
		cb := "wordpress://app-pass-authorize?state=" + strings.Repeat("0123456789abcdef", 16)
		return []chromedp.Action{navigateFresh(s.public.url + "/wp-admin/authorize-application.php?" + s.authorizeQuery("WordPress Android app on Pixel 8", cb)),
			chromedp.WaitVisible(`#approve`, chromedp.ByQuery)}
	}},
	{name: "authorize-approved", user: "admin", open: func(s *layoutSites) []chromedp.Action {
		return []chromedp.Action{navigateFresh(s.public.url + "/wp-admin/authorize-application.php?" + url.Values{"app_name": {longAppName}}.Encode()),
			chromedp.WaitVisible(`#approve`, chromedp.ByQuery), chromedp.Click(`#approve`, chromedp.ByQuery),
			chromedp.WaitVisible(`#new-application-password-value`, chromedp.ByQuery)}
	}},
	{name: "authorize-rejected", user: "admin", open: func(s *layoutSites) []chromedp.Action {
		return []chromedp.Action{navigateFresh(s.public.url + "/wp-admin/authorize-application.php?" + url.Values{"app_name": {longAppName}}.Encode()),
			chromedp.WaitVisible(`#reject`, chromedp.ByQuery), chromedp.Click(`#reject`, chromedp.ByQuery),
			chromedp.WaitVisible(`body.index-php h1`, chromedp.ByQuery)}
	}},
	{name: "authorize-refused", user: "admin", open: func(s *layoutSites) []chromedp.Action {
		cb := "https://user:secret@apps.example.com/" + strings.Repeat("callback-", 30)
		return []chromedp.Action{navigateFresh(s.public.url + "/wp-admin/authorize-application.php?" + s.authorizeQuery(longAppName, cb)),
			chromedp.WaitVisible(`.die`, chromedp.ByQuery)}
	}},
	{name: "logout-confirm", user: "admin", open: visit("/wp-login.php?action=logout", `.die`)},
	// Japanese words are longer on buttons and column labels.
	{name: "profile-ja", user: "contributor", open: visit("/wp-admin/profile.php", `tr[data-uuid]`)},
	{name: "authorize-long-callback-ja", user: "contributor", open: func(s *layoutSites) []chromedp.Action {
		return []chromedp.Action{navigateFresh(s.public.url + "/wp-admin/authorize-application.php?" + s.authorizeQuery(longAppName, s.longCallback)),
			chromedp.WaitVisible(`#approve`, chromedp.ByQuery)}
	}},
}

// startLayoutSites prepares both servers: application passwords with long
// names for the admin and the author (so that the tables have rows), the
// editor with two-factor on (the code page) and the author halfway through
// setting it up (the QR code), the contributor reading Japanese.
func startLayoutSites(t *testing.T) *layoutSites {
	t.Helper()
	pub, ids := startPublicSite(t)
	ls := &layoutSites{public: pub, bare: startSite(t), ids: ids,
		longCallback: "https://apps.example.com/oauth/callback/" + strings.Repeat("segment-", 30) + "?state=" + strings.Repeat("0123456789abcdef", 12)}
	ctx := context.Background()
	st := pub.store
	users := map[string]*models.User{}
	for _, login := range []string{"admin", "author", "editor", "contributor"} {
		u, err := st.UserByLogin(ctx, login)
		if err != nil {
			t.Fatal(err)
		}
		users[login] = u
	}
	ls.authorID = users["author"].ID
	for _, login := range []string{"admin", "author", "contributor"} {
		for _, name := range []string{"Phone", longAppName} {
			if _, err := st.CreateAppPasswordWith(ctx, users[login].ID, models.AppPasswordOptions{Name: name, AppID: "0f9c7a9e-1111-4a1a-9b1e-0d3c5a7e9f11"}); err != nil {
				t.Fatal(err)
			}
		}
	}
	ja := "ja"
	if _, err := st.UpdateUser(ctx, users["contributor"].ID, models.UserInput{Locale: &ja}); err != nil {
		t.Fatal(err)
	}
	secret, err := st.StartTwoFactorSetup(ctx, users["editor"], users["editor"])
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.ConfirmTwoFactor(ctx, users["editor"], users["editor"], models.TOTPCode(secret, st.Now())); err != nil {
		t.Fatal(err)
	}
	if _, err := st.StartTwoFactorSetup(ctx, users["author"], users["author"]); err != nil {
		t.Fatal(err)
	}
	return ls
}

func TestPagesFitPhoneAndDesktop(t *testing.T) {
	s := startLayoutSites(t)
	for _, width := range layoutWidths {
		t.Run(strconv.Itoa(width), func(t *testing.T) {
			ctx := newBrowser(t)
			run(t, ctx, "viewport", chromedp.EmulateViewport(int64(width), 900))
			var as, on string // who is logged in, on which server
			for _, p := range layoutPages {
				t.Run(p.name, func(t *testing.T) {
					srv := s.of(p)
					if p.user != as || (p.user != "" && srv.url != on) {
						run(t, ctx, "log out", network.ClearBrowserCookies())
						as, on = "", ""
						if p.user != "" {
							run(t, ctx, "open login", navigateFresh(srv.url+"/wp-login.php"))
							login(t, ctx, p.user, p.user+"-test-pass")
							run(t, ctx, "logged in", chromedp.WaitVisible(`body.index-php`, chromedp.ByQuery))
							as, on = p.user, srv.url
						}
					}
					run(t, ctx, "open "+p.name, p.open(s)...)
					fitsWidth(t, ctx, p.name, width)
					if p.shot && width == phoneWidth {
						screenshot(t, ctx, "phone-"+p.name)
					}
				})
			}
		})
	}
}
