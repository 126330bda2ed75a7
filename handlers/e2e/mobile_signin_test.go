package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// The WordPress apps' sign-in to a self-hosted site, step by step as their
// source does it (../shared/conformance/wp3, cases 702-717): discovery from
// the home page, the authorize page in an in-app browser on a phone, the
// custom-scheme callback the app catches, then the API with the password it
// received.

// discovered is what an app knows about a site after discovery.
type discovered struct {
	restRoot  string // the REST index, ending in "/"
	xmlrpc    string // the XML-RPC endpoint
	authorize string // authorize-application.php
}

// The home page's tags as the apps match them: the iOS app reads the RSD
// link with a regular expression that wants exactly this attribute order
// and double quotes.
var (
	linkHeaderAPI = regexp.MustCompile(`<([^>]+)>;\s*rel="https://api\.w\.org/"`)
	linkTagAPI    = regexp.MustCompile(`<link rel="https://api\.w\.org/" href="([^"]+)"`)
	linkTagRSD    = regexp.MustCompile(`<link rel="EditURI" type="application/rsd\+xml" title="RSD" href="([^"]+)"`)
)

// rsdDoc is the part of xmlrpc.php?rsd the apps read.
type rsdDoc struct {
	APIs []struct {
		Name    string `xml:"name,attr"`
		APILink string `xml:"apiLink,attr"`
	} `xml:"service>apis>api"`
}

// discover finds the APIs from the address a user types, as the apps do:
// the home page's Link header (wordpress-rs), its <link> tags and the RSD
// document they point to (the iOS and Android XML-RPC discovery), then the
// REST index's application-passwords authorization endpoint.
func discover(t *testing.T, home string) discovered {
	t.Helper()
	resp, body := httpGet(t, home+"/", nil)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("home page: %d", resp.StatusCode)
	}
	var d discovered
	m := linkHeaderAPI.FindStringSubmatch(strings.Join(resp.Header.Values("Link"), ", "))
	if m == nil {
		t.Fatalf("home page Link header %q names no REST API", resp.Header.Values("Link"))
	}
	d.restRoot = m[1]
	if m := linkTagAPI.FindStringSubmatch(body); m == nil || m[1] != d.restRoot {
		t.Errorf("home page <link rel=\"https://api.w.org/\">: %v, want %s", m, d.restRoot)
	}
	m = linkTagRSD.FindStringSubmatch(body)
	if m == nil {
		t.Fatal("home page has no EditURI link the iOS app's pattern matches")
	}
	resp, rsdBody := httpGet(t, m[1], nil)
	var rsd rsdDoc
	if err := xml.Unmarshal([]byte(rsdBody), &rsd); resp.StatusCode != http.StatusOK || err != nil {
		t.Fatalf("RSD %s: %d %v", m[1], resp.StatusCode, err)
	}
	for _, api := range rsd.APIs {
		switch api.Name {
		case "WordPress":
			d.xmlrpc = api.APILink
		case "WP-API":
			if api.APILink != d.restRoot {
				t.Errorf("RSD WP-API %s, Link header %s", api.APILink, d.restRoot)
			}
		}
	}
	if d.xmlrpc == "" {
		t.Fatalf("RSD names no WordPress API: %s", rsdBody)
	}
	// Android's request for the index, with its _fields.
	resp, idx := httpGet(t, d.restRoot+"?_fields=name%2Cdescription%2Cgmt_offset%2Curl%2Cauthentication%2Cnamespaces", nil)
	var index struct {
		URL            string
		Authentication map[string]struct {
			Endpoints struct{ Authorization string }
		}
	}
	if err := json.Unmarshal([]byte(idx), &index); resp.StatusCode != http.StatusOK || err != nil {
		t.Fatalf("REST index: %d %v", resp.StatusCode, err)
	}
	d.authorize = index.Authentication["application-passwords"].Endpoints.Authorization
	if d.authorize == "" || index.URL != home {
		t.Fatalf("REST index: url %q, authorization endpoint %q", index.URL, d.authorize)
	}
	return d
}

// httpGet fetches url with the given Basic credentials (user, password) or
// none, and returns the answer and its body.
func httpGet(t *testing.T, u string, basic []string) (*http.Response, string) {
	t.Helper()
	return httpDo(t, http.MethodGet, u, "", nil, basic)
}

func httpDo(t *testing.T, method, u, contentType string, body []byte, basic []string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(method, u, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if basic != nil {
		req.SetBasicAuth(basic[0], basic[1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, string(b)
}

// inAppBrowser opens authorizeURL in a new tab of the browser, phone-sized,
// as an app opens each sign-in in a fresh in-app browser session sharing
// the browser's cookies. It returns the tab and the custom-scheme URLs the
// tab is sent to. A fresh tab each time also matters to Chromium: some
// seconds after a tab was sent to a scheme nothing handles, that tab stops
// acting on clicks.
func inAppBrowser(t *testing.T, browser context.Context, authorizeURL, scheme string) (context.Context, <-chan string) {
	t.Helper()
	tab, cancel := chromedp.NewContext(browser)
	t.Cleanup(cancel)
	callback := catchScheme(tab, scheme)
	run(t, tab, "open "+authorizeURL+" in an in-app browser",
		network.Enable(),
		chromedp.EmulateViewport(phoneWidth, 844),
		chromedp.Navigate(authorizeURL))
	return tab, callback
}

// catchScheme reports each navigation the page attempts to a URL starting
// with prefix: the redirect an app's in-app browser hands back to the app.
// Chromium cannot open the scheme itself and aborts the load, but it
// announces the request first.
func catchScheme(ctx context.Context, prefix string) <-chan string {
	got := make(chan string, 1)
	chromedp.ListenTarget(ctx, func(ev interface{}) {
		if e, ok := ev.(*network.EventRequestWillBeSent); ok && strings.HasPrefix(e.Request.URL, prefix) {
			select {
			case got <- e.Request.URL:
			default:
			}
		}
	})
	return got
}

// next waits for the next custom-scheme navigation.
func next(t *testing.T, ctx context.Context, callback <-chan string, when string) string {
	t.Helper()
	select {
	case u := <-callback:
		return u
	case <-ctx.Done():
		t.Fatalf("no navigation to the app %s", when)
		return ""
	}
}

func TestMobileAppSignIn(t *testing.T) {
	tests := []struct {
		app string
		// query is the authorize URL's query exactly as the app builds it
		// (Android: android.net.Uri, %20; iOS: form encoding, +).
		query      string
		appName    string
		appID      string
		callback   string // success_url
		rejected   string // where rejecting sends the browser
		login, pwd string
	}{
		{
			app:      "Android",
			query:    "app_name=WordPress%20Android%20app%20on%20Pixel%208&success_url=wordpress%3A%2F%2Fapp-pass-authorize",
			appName:  "WordPress Android app on Pixel 8",
			callback: "wordpress://app-pass-authorize",
			// No reject_url: WordPress adds success=false to success_url.
			rejected: "wordpress://app-pass-authorize?success=false",
			login:    "author", pwd: "author-test-pass",
		},
		{
			app:      "iOS",
			query:    "app_name=WordPress+iOS+app+on+iPhone&app_id=a9cb72ed-311b-4f01-a0ac-a7af563d103e&success_url=x-wordpress-app%3A%2F%2Flogin-callback&reject_url=x-wordpress-app%3A%2F%2Flogin-callback",
			appName:  "WordPress iOS app on iPhone",
			appID:    "a9cb72ed-311b-4f01-a0ac-a7af563d103e",
			callback: "x-wordpress-app://login-callback",
			rejected: "x-wordpress-app://login-callback",
			login:    "admin", pwd: adminPass,
		},
	}
	for _, tt := range tests {
		t.Run(tt.app, func(t *testing.T) {
			s := serveSite(t, true)
			d := discover(t, s.url)

			browser := newBrowser(t)
			// Logged out: the page sends the user to log in first.
			ctx, callback := inAppBrowser(t, browser, d.authorize+"?"+tt.query, tt.callback)
			login(t, ctx, tt.login, tt.pwd)
			var appName string
			run(t, ctx, "the approval page after logging in",
				chromedp.WaitVisible(`#approve`, chromedp.ByQuery),
				chromedp.Value(`#app_name`, &appName, chromedp.ByQuery))
			if appName != tt.appName {
				t.Fatalf("app name field %q, want %q", appName, tt.appName)
			}
			fitsWidth(t, ctx, "authorize-"+tt.app, phoneWidth)
			run(t, ctx, "approve", chromedp.Click(`#approve`, chromedp.ByQuery))
			raw := next(t, ctx, callback, "after approving")

			cb, err := url.Parse(raw)
			if err != nil || cb.Scheme+"://"+cb.Host+cb.Path != tt.callback {
				t.Fatalf("callback %q (%v), want %s?…", raw, err, tt.callback)
			}
			q := cb.Query()
			user, password := q.Get("user_login"), q.Get("password")
			if user != tt.login || q.Get("site_url") != s.url || len(password) != 24 {
				t.Fatalf("the app received user_login %q, site_url %q, a password of %d characters",
					user, q.Get("site_url"), len(password))
			}
			creds := []string{user, password}

			resp, body := httpGet(t, d.restRoot+"wp/v2/users/me?context=edit", creds)
			var me struct {
				Username     string
				Capabilities map[string]bool
			}
			if err := json.Unmarshal([]byte(body), &me); resp.StatusCode != http.StatusOK || err != nil ||
				me.Username != tt.login || !me.Capabilities["edit_posts"] {
				t.Fatalf("users/me?context=edit: %d %v %.300s", resp.StatusCode, err, body)
			}

			// The apps list the user's application passwords after login:
			// the new one carries the app's name and id.
			resp, body = httpGet(t, d.restRoot+"wp/v2/users/me/application-passwords?context=edit", creds)
			var passwords []struct {
				Name  string
				AppID string `json:"app_id"`
			}
			if err := json.Unmarshal([]byte(body), &passwords); resp.StatusCode != http.StatusOK || err != nil {
				t.Fatalf("users/me/application-passwords: %d %v %.300s", resp.StatusCode, err, body)
			}
			if len(passwords) != 1 || passwords[0].Name != tt.appName || passwords[0].AppID != tt.appID {
				t.Errorf("the user's application passwords: %+v, want one named %q with app_id %q", passwords, tt.appName, tt.appID)
			}

			title := "Written on the " + tt.app + " app"
			draft, _ := json.Marshal(map[string]string{"title": title, "content": "<!-- wp:paragraph -->\n<p>From the phone.</p>\n<!-- /wp:paragraph -->", "status": "draft"})
			resp, body = httpDo(t, http.MethodPost, d.restRoot+"wp/v2/posts", "application/json", draft, creds)
			var created struct {
				ID     uint64
				Status string
			}
			if err := json.Unmarshal([]byte(body), &created); resp.StatusCode != http.StatusCreated || err != nil || created.Status != "draft" {
				t.Fatalf("create a draft: %d %v %.300s", resp.StatusCode, err, body)
			}
			resp, body = httpGet(t, d.restRoot+"wp/v2/posts?status=draft&context=edit&per_page=100", creds)
			var drafts []struct {
				ID     uint64
				Status string
				Title  struct{ Raw string }
				Author uint64
			}
			if err := json.Unmarshal([]byte(body), &drafts); resp.StatusCode != http.StatusOK || err != nil {
				t.Fatalf("list drafts: %d %v %.300s", resp.StatusCode, err, body)
			}
			found := false
			for _, p := range drafts {
				if p.ID == created.ID {
					found = p.Status == "draft" && p.Title.Raw == title
				}
			}
			if !found {
				t.Errorf("draft %d (%q) not in the drafts list: %.500s", created.ID, title, body)
			}
			if resp, _ := httpGet(t, d.restRoot+"wp/v2/posts/"+strconv.FormatUint(created.ID, 10), nil); resp.StatusCode != http.StatusUnauthorized {
				t.Errorf("visitors read the draft: %d, want 401", resp.StatusCode)
			}

			// The discovered XML-RPC endpoint takes the same password (the
			// apps' wp.getUsersBlogs after login).
			call := `<?xml version="1.0"?><methodCall><methodName>wp.getUsersBlogs</methodName><params>` +
				`<param><value><string>` + user + `</string></value></param>` +
				`<param><value><string>` + password + `</string></value></param></params></methodCall>`
			resp, body = httpDo(t, http.MethodPost, d.xmlrpc, "text/xml", []byte(call), nil)
			if resp.StatusCode != http.StatusOK || strings.Contains(body, "<fault>") || !strings.Contains(body, d.xmlrpc) {
				t.Errorf("wp.getUsersBlogs with the new password: %d %.300s", resp.StatusCode, body)
			}

			// Signing in again (logged in now, so the approval page comes at
			// once), the user says no: the app learns it from the callback,
			// which carries no password.
			ctx, callback = inAppBrowser(t, browser, d.authorize+"?"+tt.query, tt.callback)
			run(t, ctx, "reject a second request",
				chromedp.WaitVisible(`#reject`, chromedp.ByQuery),
				chromedp.Click(`#reject`, chromedp.ByQuery))
			if got := next(t, ctx, callback, "after rejecting"); got != tt.rejected {
				t.Errorf("rejecting sent the browser to %q, want %q", got, tt.rejected)
			}
		})
	}
}
