package site_test

import (
	"context"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/presspass/presspass/models"
)

func TestPagesAsAVisitorSeesThem(t *testing.T) {
	ts := newTestSite(t, "")
	id := func(name string) string { return strconv.FormatUint(ts.ids[name], 10) }
	tests := []struct {
		name     string
		path     string
		status   int
		location string   // a redirect's target (path and query)
		contains []string // in the body
		absent   []string
		links    []string // Link header values besides the API root
	}{
		{name: "a post by its permalink", path: "/admin-published/", status: 200,
			contains: []string{"<title>", "entry-title", `rel="EditURI" type="application/rsd+xml" title="RSD"`, `name="generator"`,
				`action="` + ts.url + `/wp-comments-post.php"`, `name="comment_post_ID" value="1"`, `application/json+oembed`},
			links: []string{`<` + ts.url + `/wp-json/wp/v2/posts/1>; rel="alternate"; title="JSON"; type="application/json"`, `<` + ts.url + `/?p=1>; rel=shortlink`}},
		{name: "the plain link moves to the permalink", path: "/?p=1", status: 301, location: "/admin-published/"},
		{name: "a missing trailing slash is added", path: "/admin-published", status: 301, location: "/admin-published/"},
		{name: "a page by its id moves to its path", path: "/?page_id=" + id("child"), status: 301, location: "/test-page/child-page/"},
		{name: "a page under its parent", path: "/test-page/child-page/", status: 200, contains: []string{"Below the parent."},
			links: []string{`<` + ts.url + `/wp-json/wp/v2/pages/` + id("child") + `>; rel="alternate"; title="JSON"; type="application/json"`}},
		{name: "a child page's bare slug is guessed, as redirect_guess_404_permalink does", path: "/child-page/", status: 301, location: "/test-page/child-page/"},
		{name: "a slug's beginning is guessed", path: "/admin-publ/", status: 301, location: "/admin-published/"},
		{name: "a private post is a 404 for visitors", path: "/admin-private/", status: 404, absent: []string{"admin-private"}},
		{name: "a draft's preview is a 404 for visitors", path: "/?p=" + id("draft") + "&preview=true", status: 404, absent: []string{"Not yet."}},
		{name: "a protected post asks for its password", path: "/locked-away/", status: 200,
			contains: []string{`action="` + ts.url + `/wp-login.php?action=postpass"`, `name="post_password"`, "This content is password-protected."},
			absent:   []string{"The secret recipe."}},
		{name: "the home page lists recent posts", path: "/", status: 200, contains: []string{"Locked away", "There is no excerpt because this is a protected post."},
			absent: []string{"admin-private", "Work in progress"}},
		{name: "an author's archive", path: "/author/author/", status: 200, contains: []string{"author-published"},
			links: []string{`<` + ts.url + `/wp-json/wp/v2/users/` + strconv.FormatUint(ts.user("author").ID, 10) + `>; rel="alternate"; title="JSON"; type="application/json"`}},
		{name: "an unknown author", path: "/author/nobody/", status: 404},
		{name: "a category archive", path: "/category/uncategorized/", status: 200, contains: []string{"Uncategorized"}},
		{name: "?cat= moves to the category's link", path: "/?cat=1", status: 301, location: "/category/uncategorized/"},
		{name: "?author= moves to the author's link", path: "/?author=" + strconv.FormatUint(ts.user("author").ID, 10), status: 301, location: "/author/author/"},
		{name: "a month archive", path: "/2024/02/", status: 200, contains: []string{"February 2024", "admin-published"}},
		{name: "?m= moves to the month's link", path: "/?m=202402", status: 301, location: "/2024/02/"},
		{name: "search results", path: "/?s=locked", status: 200, contains: []string{"Search Results for &#8220;locked&#8221;", "Locked away", `value="locked"`}},
		{name: "a search that finds nothing", path: "/?s=zzzzzz", status: 200, contains: []string{"nothing matched your search terms"}},
		{name: "an unknown path", path: "/no-such-thing/", status: 404, contains: []string{"Page not found", `name="s"`}},
		{name: "a page past the last", path: "/page/9/", status: 404},
		{name: "the feed's query form moves to its path", path: "/?feed=rss2", status: 301, location: "/feed/"},
		{name: "an old feed file moves to today's feed", path: "/wp-commentsrss2.php", status: 301, location: "/comments/feed/"},
		{name: "the Atom feed without its slash", path: "/feed/atom", status: 301, location: "/feed/atom/"},
		{name: "an embed", path: "/admin-published/embed/", status: 200, contains: []string{"wp-embed", "postMessage"},
			links: []string{`<` + ts.url + `/wp-json/wp/v2/posts/1>; rel="alternate"; title="JSON"; type="application/json"`, `<` + ts.url + `/?p=1>; rel=shortlink`}},
		{name: "robots.txt names the sitemap", path: "/robots.txt", status: 200,
			contains: []string{"User-agent: *\nDisallow: /wp-admin/\nAllow: /wp-admin/admin-ajax.php\n\nSitemap: " + ts.url + "/wp-sitemap.xml\n"}},
		{name: "the sitemap index", path: "/wp-sitemap.xml", status: 200,
			contains: []string{`<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`, "wp-sitemap-posts-post-1.xml",
				"wp-sitemap-posts-page-1.xml", "wp-sitemap-taxonomies-category-1.xml", "wp-sitemap-users-1.xml", "wp-sitemap-index.xsl"}},
		{name: "the posts sitemap", path: "/wp-sitemap-posts-post-1.xml", status: 200,
			contains: []string{"<loc>" + ts.url + "/admin-published/</loc><lastmod>"}, absent: []string{"admin-private", "locked-away"}},
		{name: "a sitemap page past the last", path: "/wp-sitemap-posts-post-2.xml", status: 404},
		{name: "the sitemap stylesheet", path: "/wp-sitemap.xsl", status: 200, contains: []string{"<xsl:stylesheet"}},
	}
	v := ts.visitor()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := v.get(tt.path)
			if r.status != tt.status {
				t.Fatalf("status %d, want %d (%.300s)", r.status, tt.status, r.body)
			}
			if tt.location != "" && r.header.Get("Location") != ts.url+tt.location {
				t.Errorf("Location %q, want %q", r.header.Get("Location"), ts.url+tt.location)
			}
			for _, s := range tt.contains {
				if !strings.Contains(r.body, s) {
					t.Errorf("body lacks %q", s)
				}
			}
			for _, s := range tt.absent {
				if strings.Contains(r.body, s) {
					t.Errorf("body shows %q", s)
				}
			}
			links := r.header.Values("Link")
			if len(links) == 0 || links[0] != `<`+ts.url+`/wp-json/>; rel="https://api.w.org/"` {
				t.Errorf("Link %q", links)
			}
			for _, l := range tt.links {
				found := false
				for _, got := range links {
					found = found || got == l
				}
				if !found {
					t.Errorf("Link %q lacks %q", links, l)
				}
			}
		})
	}
}

func TestPrivatePostsAndPreviewsForTheirReaders(t *testing.T) {
	ts := newTestSite(t, "")
	draft := "/?p=" + strconv.FormatUint(ts.ids["draft"], 10) + "&preview=true"
	tests := []struct {
		user, pass, path string
		status           int
		shows            string
	}{
		{"admin", adminPass, "/admin-private/", 200, "Private"},
		{"subscriber", "subscriber-test-pass", "/admin-private/", 404, ""},
		{"author", "author-test-pass", draft, 200, "Not yet."},
		{"editor", "editor-test-pass", draft, 200, "Not yet."},
		{"contributor", "contributor-test-pass", draft, 404, ""},
		{"author", "author-test-pass", "/?p=" + strconv.FormatUint(ts.ids["draft"], 10), 404, ""},
	}
	for _, tt := range tests {
		t.Run(tt.user+" "+tt.path, func(t *testing.T) {
			v := ts.visitor()
			v.login(tt.user, tt.pass)
			r := v.get(tt.path)
			if r.status != tt.status || !strings.Contains(r.body, tt.shows) {
				t.Fatalf("status %d (want %d), body %.400s", r.status, tt.status, r.body)
			}
			if r.header.Get("Cache-Control") == "" {
				t.Error("a logged-in answer may be kept by shared caches")
			}
		})
	}
}

func TestPasswordProtectedPost(t *testing.T) {
	ts := newTestSite(t, "")
	v := ts.visitor()
	link := ts.url + "/locked-away/"
	r := v.do(http.MethodPost, "/wp-login.php?action=postpass", url.Values{"post_password": {"wrong"}, "redirect_to": {link}}, nil)
	if r.status != http.StatusFound || r.header.Get("Location") != link {
		t.Fatalf("postpass: %d %q", r.status, r.header.Get("Location"))
	}
	r = v.do(http.MethodGet, "/locked-away/", nil, map[string]string{"Referer": link})
	if !strings.Contains(r.body, "Invalid password.") || strings.Contains(r.body, "The secret recipe.") {
		t.Fatalf("after a wrong password: %.500s", r.body)
	}
	v.do(http.MethodPost, "/wp-login.php?action=postpass", url.Values{"post_password": {"open sesame"}, "redirect_to": {link}}, nil)
	r = v.get("/locked-away/")
	if !strings.Contains(r.body, "The secret recipe.") || strings.Contains(r.body, "post_password") {
		t.Fatalf("after the right password: %.500s", r.body)
	}
	if r.header.Get("Cache-Control") == "" {
		t.Error("a protected post's answer may be kept by shared caches")
	}
	// Elsewhere: the redirect stays on the site.
	r = v.do(http.MethodPost, "/wp-login.php?action=postpass", url.Values{"post_password": {"x"}, "redirect_to": {"https://evil.example/"}}, nil)
	if loc := r.header.Get("Location"); !strings.HasPrefix(loc, ts.url+"/") {
		t.Fatalf("redirected off the site: %q", loc)
	}
}

func TestCommentForm(t *testing.T) {
	ts := newTestSite(t, "")
	v := ts.visitor()
	form := url.Values{"comment_post_ID": {"1"}, "comment_parent": {"0"}, "author": {"Reader"}, "email": {"reader@example.com"},
		"comment": {"Nice post, thanks."}, "wp-comment-cookies-consent": {"yes"}}
	r := v.do(http.MethodPost, "/wp-comments-post.php", form, nil)
	if r.status != http.StatusFound || !strings.HasPrefix(r.header.Get("Location"), ts.url+"/admin-published/#") {
		t.Fatalf("post a comment: %d %q %.300s", r.status, r.header.Get("Location"), r.body)
	}
	// A comment by a visitor waits for moderation unless the settings let
	// it through; approve it as the site's moderator would.
	ctx := context.Background()
	list, _, err := ts.store.Comments(ctx, models.CommentFilter{PostIDs: []uint64{1}, Status: "all"})
	if err != nil || len(list) == 0 {
		t.Fatalf("stored comments: %v %v", list, err)
	}
	tests := []struct {
		name   string
		form   url.Values
		status int
		says   string
	}{
		{"the same comment twice", form, http.StatusConflict, "Duplicate comment detected"},
		{"no comment", url.Values{"comment_post_ID": {"1"}, "author": {"A"}, "email": {"a@example.com"}}, http.StatusOK, "Comment is required."},
		{"no name or e-mail", url.Values{"comment_post_ID": {"1"}, "comment": {"Hello"}}, http.StatusOK, "Comment author name and email are required."},
		{"a private post", url.Values{"comment_post_ID": {"3"}, "author": {"A"}, "email": {"a@example.com"}, "comment": {"Hi"}}, http.StatusOK, "Invalid post ID."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := ts.visitor().do(http.MethodPost, "/wp-comments-post.php", tt.form, nil)
			if r.status != tt.status || !strings.Contains(r.body, tt.says) || !strings.Contains(r.body, "Comment Submission Failure") {
				t.Fatalf("%d %.600s", r.status, r.body)
			}
		})
	}
}

func TestAnswersFollowWrites(t *testing.T) {
	ts := newTestSite(t, "")
	v := ts.visitor()
	if r := v.get("/admin-published/"); r.status != 200 {
		t.Fatalf("first view: %d", r.status)
	}
	v.get("/feed/") // kept too
	title := "A brand new title"
	if _, err := ts.store.UpdatePost(context.Background(), ts.user("admin"), 1, models.PostInput{Title: &title}); err != nil {
		t.Fatal(err)
	}
	if r := v.get("/admin-published/"); !strings.Contains(r.body, title) {
		t.Fatalf("the page still shows the old title: %.400s", r.body)
	}
	if r := v.get("/feed/"); !strings.Contains(r.body, title) {
		t.Fatalf("the feed still shows the old title")
	}
}

func TestSitemapsFollowBlogPublic(t *testing.T) {
	ts := newTestSite(t, "")
	if err := ts.store.SetOption(context.Background(), "blog_public", "0"); err != nil {
		t.Fatal(err)
	}
	v := ts.visitor()
	for _, p := range []string{"/wp-sitemap.xml", "/wp-sitemap-posts-post-1.xml", "/wp-sitemap.xsl"} {
		if r := v.get(p); r.status != http.StatusNotFound || !strings.Contains(r.header.Get("Content-Type"), "text/html") {
			t.Errorf("%s: %d %s", p, r.status, r.header.Get("Content-Type"))
		}
	}
	r := v.get("/robots.txt")
	if r.body != "User-agent: *\nDisallow: /wp-admin/\nAllow: /wp-admin/admin-ajax.php\n" {
		t.Errorf("robots.txt %q", r.body)
	}
	if r := v.get("/admin-published/"); !strings.Contains(r.body, `content="noindex, nofollow"`) {
		t.Error("pages do not ask search engines to stay away")
	}
}

func TestTemplatesFolderReplacesATemplate(t *testing.T) {
	dir := t.TempDir()
	custom := `{{define "content"}}<p class="custom-404">Nothing here, try the archives.</p>{{end}}`
	if err := os.WriteFile(filepath.Join(dir, "404.html"), []byte(custom), 0o644); err != nil {
		t.Fatal(err)
	}
	ts := newTestSite(t, dir)
	r := ts.visitor().get("/nothing-here/")
	if r.status != 404 || !strings.Contains(r.body, "custom-404") || !strings.Contains(r.body, "<!DOCTYPE html>") {
		t.Fatalf("%d %.400s", r.status, r.body)
	}
	if r := ts.visitor().get("/admin-published/"); r.status != 200 || !strings.Contains(r.body, "entry-title") {
		t.Fatalf("the other templates: %d", r.status)
	}
}

func TestUnfilteredHTMLCommentsNeedTheFormsNonce(t *testing.T) {
	ts := newTestSite(t, "")
	v := ts.visitor()
	v.login("admin", adminPass)
	page := v.get("/admin-published/")
	m := regexp.MustCompile(`name="_wp_unfiltered_html_comment" value="([0-9a-f]+)"`).FindStringSubmatch(page.body)
	if m == nil {
		t.Fatalf("no unfiltered-html nonce in the form: %.300s", page.body)
	}
	tests := []struct {
		name, nonce, comment string
		kept                 bool
	}{
		{"without the nonce (another site's form)", "", `<em>one</em><script>alert(1)</script>`, false},
		{"with a wrong nonce", "0123456789", `<em>two</em><script>alert(2)</script>`, false},
		{"with the form's nonce", m[1], `<em>three</em><script>alert(3)</script>`, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := v.do(http.MethodPost, "/wp-comments-post.php", url.Values{"comment_post_ID": {"1"}, "comment": {tt.comment},
				"_wp_unfiltered_html_comment": {tt.nonce}}, nil)
			if r.status != http.StatusFound {
				t.Fatalf("%d %.300s", r.status, r.body)
			}
			list, _, err := ts.store.Comments(context.Background(), models.CommentFilter{PostIDs: []uint64{1}, Status: "all", Order: "desc", Limit: 1})
			if err != nil || len(list) != 1 {
				t.Fatal(err)
			}
			if got := strings.Contains(list[0].Content, "<script>"); got != tt.kept {
				t.Fatalf("stored %q", list[0].Content)
			}
		})
	}
}

func TestPlainPermalinks(t *testing.T) {
	ts := newTestSite(t, "")
	if err := ts.store.SetOption(context.Background(), "permalink_structure", ""); err != nil {
		t.Fatal(err)
	}
	v := ts.visitor()
	tests := []struct {
		path     string
		status   int
		contains string
	}{
		{"/?p=1", 200, `<link rel="canonical" href="` + ts.url + `/?p=1">`},
		{"/?page_id=8", 200, "entry-title"},
		{"/?feed=rss2", 200, "<link>" + ts.url + "/?p=1</link>"},
		{"/?cat=1", 200, "Uncategorized"},
		// get_term_feed_link's plain form: the feed first.
		{"/?cat=1", 200, `href="` + ts.url + `/?feed=rss2&amp;cat=1"`},
		{"/?sitemap=index", 200, "<loc>" + ts.url + "/?sitemap=posts&amp;sitemap-subtype=post&amp;paged=1</loc>"},
		{"/admin-published/", 404, "Page not found"},
		{"/robots.txt", 200, "Sitemap: " + ts.url + "/?sitemap=index"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			r := v.get(tt.path)
			if r.status != tt.status || !strings.Contains(r.body, tt.contains) {
				t.Fatalf("%d, want %d with %q: %.500s", r.status, tt.status, tt.contains, r.body)
			}
		})
	}
}
