package models_test

import (
	"context"
	"net/url"
	"testing"

	"github.com/presspass/presspass/fixtures/fixturestest"
	"github.com/presspass/presspass/models"
)

// WP::parse_request's answers for WordPress's rewrite rules, checked
// against what WordPress's rules give for the same structure.
func TestParseRequest(t *testing.T) {
	s := fixturestest.Open(t)
	ctx := context.Background()
	login, email, pw, role := "admin", "admin@example.com", "admin-pass-123", "administrator"
	admin, err := s.CreateUser(ctx, models.UserInput{Login: &login, Email: &email, Password: &pw, Role: &role})
	if err != nil {
		t.Fatal(err)
	}
	str := func(v string) *string { return &v }
	pub := "publish"
	parent, err := s.CreatePost(ctx, admin, models.PostInput{Type: "page", Title: str("About"), Status: &pub})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreatePost(ctx, admin, models.PostInput{Type: "page", Title: str("Team"), Status: &pub, ParentID: &parent.ID}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		structure, path, query string
		want                   map[string]string
	}{
		{"/%postname%/", "/hello-world/", "", map[string]string{"name": "hello-world", "page": ""}},
		{"/%postname%/", "/hello-world/2/", "", map[string]string{"name": "hello-world", "page": "2"}},
		{"/%postname%/", "/hello-world/feed/", "", map[string]string{"name": "hello-world", "feed": "feed"}},
		{"/%postname%/", "/hello-world/embed/", "", map[string]string{"name": "hello-world", "embed": "true"}},
		{"/%postname%/", "/about/", "", map[string]string{"pagename": "about", "page": ""}},
		{"/%postname%/", "/about/team/", "", map[string]string{"pagename": "about/team", "page": ""}},
		{"/%postname%/", "/about/team/feed/atom/", "", map[string]string{"pagename": "about/team", "feed": "atom"}},
		{"/%postname%/", "/feed/", "", map[string]string{"feed": "feed"}},
		{"/%postname%/", "/comments/feed/", "", map[string]string{"feed": "feed", "withcomments": "1"}},
		{"/%postname%/", "/page/3/", "", map[string]string{"paged": "3"}},
		{"/%postname%/", "/category/news/sport/page/2/", "", map[string]string{"category_name": "news/sport", "paged": "2"}},
		{"/%postname%/", "/tag/go/feed/rss2/", "", map[string]string{"tag": "go", "feed": "rss2"}},
		{"/%postname%/", "/author/admin/", "", map[string]string{"author_name": "admin"}},
		{"/%postname%/", "/search/hello world/feed/rss2/", "", map[string]string{"s": "hello world", "feed": "rss2"}},
		{"/%postname%/", "/2024/01/", "", map[string]string{"year": "2024", "monthnum": "01"}},
		{"/%postname%/", "/2024/01/15/page/2/", "", map[string]string{"year": "2024", "monthnum": "01", "day": "15", "paged": "2"}},
		{"/%postname%/", "/wp-sitemap-posts-post-3.xml", "", map[string]string{"sitemap": "posts", "sitemap-subtype": "post", "paged": "3"}},
		{"/%postname%/", "/wp-sitemap-users-1.xml", "", map[string]string{"sitemap": "users", "paged": "1"}},
		{"/%postname%/", "/robots.txt", "", map[string]string{"robots": "1"}},
		{"/%postname%/", "/", "p=5&preview=true", map[string]string{"p": "5", "preview": "true"}},
		{"/%postname%/", "/hello-world/", "name=other", map[string]string{"name": "other", "page": ""}},
		{"/%year%/%monthnum%/%postname%/", "/2024/01/hello-world/", "", map[string]string{"year": "2024", "monthnum": "01", "name": "hello-world", "page": ""}},
		{"/%year%/%monthnum%/%postname%/", "/2024/01/", "", map[string]string{"year": "2024", "monthnum": "01"}},
		{"/%year%/%monthnum%/%postname%/", "/about/team/", "", map[string]string{"pagename": "about/team", "page": ""}},
		{"/archives/%post_id%", "/archives/12", "", map[string]string{"p": "12", "page": ""}},
		{"/archives/%post_id%", "/archives/date/2024/01", "", map[string]string{"year": "2024", "monthnum": "01"}},
		{"/archives/%post_id%", "/archives/author/admin", "", map[string]string{"author_name": "admin"}},
		{"", "/", "p=7", map[string]string{"p": "7"}},
		{"", "/index.php", "feed=rss2", map[string]string{"feed": "rss2"}},
		{"", "/anything/", "", map[string]string{"error": "404"}},
		{"", "/robots.txt", "", map[string]string{"robots": "1"}},
		{"/%postname%/", "/a/b/c/d/", "", map[string]string{"error": "404"}},
	}
	for _, tt := range tests {
		t.Run(tt.structure+" "+tt.path+"?"+tt.query, func(t *testing.T) {
			if err := s.SetOption(ctx, "permalink_structure", tt.structure); err != nil {
				t.Fatal(err)
			}
			q, _ := url.ParseQuery(tt.query)
			got := s.ParseRequest(ctx, tt.path, q)
			if len(got) != len(tt.want) {
				t.Fatalf("got %v, want %v", got, tt.want)
			}
			for k, v := range tt.want {
				if g, ok := got[k]; !ok || g != v {
					t.Fatalf("got %v, want %v", got, tt.want)
				}
			}
		})
	}
}

func TestOEmbedSize(t *testing.T) {
	for _, tt := range []struct{ max, w, h int }{{600, 600, 338}, {300, 300, 200}, {0, 200, 200}, {480, 480, 270}, {9999, 600, 338}} {
		if w, h := models.OEmbedSize(tt.max); w != tt.w || h != tt.h {
			t.Errorf("OEmbedSize(%d) = %d, %d; want %d, %d", tt.max, w, h, tt.w, tt.h)
		}
	}
}

func TestPostPasswordCookie(t *testing.T) {
	p := &models.Post{Password: "open sesame"}
	v := models.PostPasswordCookieValue("open sesame")
	if len(v) != 34 || v[:4] != "$P$B" {
		t.Fatalf("cookie %q is not a portable phpass hash", v)
	}
	if models.PostPasswordRequired(p, v) {
		t.Error("the right password's cookie is refused")
	}
	for _, c := range []string{"", models.PostPasswordCookieValue("wrong"), "$P$Bgarbage", "open sesame"} {
		if !models.PostPasswordRequired(p, c) {
			t.Errorf("cookie %q lets the visitor in", c)
		}
	}
	if models.PostPasswordRequired(&models.Post{}, "") {
		t.Error("a post without a password asks for one")
	}
}
