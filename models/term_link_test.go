package models_test

import (
	"context"
	"net/url"
	"strconv"
	"testing"

	"github.com/presspass/presspass/fixtures/fixturestest"
	"github.com/presspass/presspass/models"
)

// get_term_link as WordPress builds it from WP_Rewrite's extra
// permastructs (create_initial_taxonomies' rewrite arguments,
// WP_Rewrite::add_permastruct): the structure's front only while the base
// option is empty or the structure starts with index.php, the base as the
// option holds it (slashes and all; home_url drops only the leading ones),
// a category's ancestors' slugs, user_trailingslashit from the structure,
// the taxonomies' query variables with plain permalinks. Each link also
// parses back to its archive through the same permastruct.
func TestTermLinks(t *testing.T) {
	s := fixturestest.Open(t)
	ctx := context.Background()
	login, email, pw, role := "admin", "admin@example.com", "admin-pass-123", "administrator"
	admin, err := s.CreateUser(ctx, models.UserInput{Login: &login, Email: &email, Password: &pw, Role: &role})
	if err != nil {
		t.Fatal(err)
	}
	mk := func(tax, name string, parent uint64) *models.Term {
		t.Helper()
		in := models.TermInput{Taxonomy: tax, Name: &name, CreateRule: models.FlatTermsByAssigners}
		if parent != 0 {
			in.ParentID = &parent
		}
		term, err := s.CreateTerm(ctx, admin, in)
		if err != nil {
			t.Fatal(err)
		}
		return term
	}
	news := mk("category", "News", 0)
	sport := mk("category", "Sport", news.ID)
	ball := mk("category", "Ball", sport.ID)
	tag := mk("post_tag", "Go Lang", 0)
	format := &models.Term{Taxonomy: "post_format", Slug: "post-format-aside"}
	pattern := &models.Term{ID: 99, Taxonomy: "wp_pattern_category", Slug: "hero"}
	site := s.Config.SiteURL
	newsID := strconv.FormatUint(news.ID, 10)

	tests := []struct {
		structure, categoryBase, tagBase string
		// want: news, ball, tag, format, pattern
		want [5]string
	}{
		{"", "", "", [5]string{"/?cat=" + newsID, "/?cat=" + strconv.FormatUint(ball.ID, 10), "/?tag=go-lang", "/?post_format=aside", "/?taxonomy=wp_pattern_category&term=hero"}},
		// A base changes nothing while the links are plain.
		{"", "/topics", "/labels", [5]string{"/?cat=" + newsID, "/?cat=" + strconv.FormatUint(ball.ID, 10), "/?tag=go-lang", "/?post_format=aside", "/?taxonomy=wp_pattern_category&term=hero"}},
		{"/%postname%/", "", "", [5]string{"/category/news/", "/category/news/sport/ball/", "/tag/go-lang/", "/type/aside/", "/?taxonomy=wp_pattern_category&term=hero"}},
		{"/%year%/%monthnum%/%postname%", "", "", [5]string{"/category/news", "/category/news/sport/ball", "/tag/go-lang", "/type/aside", "/?taxonomy=wp_pattern_category&term=hero"}},
		// The front goes before the default bases...
		{"/blog/%postname%/", "", "", [5]string{"/blog/category/news/", "/blog/category/news/sport/ball/", "/blog/tag/go-lang/", "/blog/type/aside/", "/?taxonomy=wp_pattern_category&term=hero"}},
		{"/archives/%post_id%", "", "", [5]string{"/archives/category/news", "/archives/category/news/sport/ball", "/archives/tag/go-lang", "/archives/type/aside", "/?taxonomy=wp_pattern_category&term=hero"}},
		// ...but not before a base the site set (with_front is false),
		// as the permalink settings screen saves it (a leading slash)...
		{"/blog/%postname%/", "/topics", "/labels", [5]string{"/topics/news/", "/topics/news/sport/ball/", "/labels/go-lang/", "/blog/type/aside/", "/?taxonomy=wp_pattern_category&term=hero"}},
		// ...or without one, or with a trailing one, kept as it is.
		{"/blog/%postname%/", "topics", "labels/", [5]string{"/topics/news/", "/topics/news/sport/ball/", "/labels//go-lang/", "/blog/type/aside/", "/?taxonomy=wp_pattern_category&term=hero"}},
		{"/%postname%/", "/a/b", "", [5]string{"/a/b/news/", "/a/b/news/sport/ball/", "/tag/go-lang/", "/type/aside/", "/?taxonomy=wp_pattern_category&term=hero"}},
		// "0" is no base to PHP.
		{"/blog/%postname%/", "0", "0", [5]string{"/blog/category/news/", "/blog/category/news/sport/ball/", "/blog/tag/go-lang/", "/blog/type/aside/", "/?taxonomy=wp_pattern_category&term=hero"}},
		// Index permalinks keep the front (index.php) even with a base.
		{"/index.php/%postname%/", "", "", [5]string{"/index.php/category/news/", "/index.php/category/news/sport/ball/", "/index.php/tag/go-lang/", "/index.php/type/aside/", "/?taxonomy=wp_pattern_category&term=hero"}},
		{"/index.php/%postname%/", "/topics", "", [5]string{"/index.php//topics/news/", "/index.php//topics/news/sport/ball/", "/index.php/tag/go-lang/", "/index.php/type/aside/", "/?taxonomy=wp_pattern_category&term=hero"}},
	}
	for _, tt := range tests {
		t.Run(tt.structure+" "+tt.categoryBase+" "+tt.tagBase, func(t *testing.T) {
			for k, v := range map[string]string{"permalink_structure": tt.structure, "category_base": tt.categoryBase, "tag_base": tt.tagBase} {
				if err := s.SetOption(ctx, k, v); err != nil {
					t.Fatal(err)
				}
			}
			got := s.TermLinks(ctx, []*models.Term{news, ball, tag, format, pattern})
			for i, w := range tt.want {
				if got[i] != site+w {
					t.Errorf("link %d = %q, want %q", i, got[i], site+w)
				}
			}
			if one := s.TermLink(ctx, ball); one != got[1] {
				t.Errorf("TermLink = %q, TermLinks gave %q", one, got[1])
			}
			if tt.structure == "" || tt.structure == "/index.php/%postname%/" {
				return
			}
			// The links lead back to their archives.
			for i, want := range []map[string]string{{"category_name": "news"}, {"category_name": "news/sport/ball"}, {"tag": "go-lang"}} {
				u, _ := url.Parse(got[i])
				q := s.ParseRequest(ctx, u.Path, nil)
				for k, v := range want {
					if q[k] != v {
						t.Errorf("%s parses to %v, want %s=%s", got[i], q, k, v)
					}
				}
			}
		})
	}
}
