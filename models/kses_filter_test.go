package models_test

import (
	"context"
	"testing"
	"time"

	"github.com/presspass/presspass/fixtures/fixturestest"
	"github.com/presspass/presspass/models"
)

// Users without unfiltered_html (authors, contributors, subscribers,
// visitors) have their HTML filtered before it is stored; administrators
// and editors keep it as sent, as in single-site WordPress.
func TestPostHTMLFilteredWithoutUnfilteredHTML(t *testing.T) {
	ctx := context.Background()
	s := fixturestest.Open(t)
	admin := newUser(t, s, "boss", "administrator")
	editor := newUser(t, s, "ed", "editor")
	author := newUser(t, s, "au", "author")
	contributor := newUser(t, s, "co", "contributor")
	const (
		title   = `Hi <em>there</em><script>t()</script> <span>x</span>`
		content = `<p class="c" onclick="x()">Body</p><script>alert(1)</script><img src=x onerror=alert(2)><a href="javascript:alert(3)">l</a>`
		excerpt = `<iframe src="https://evil.example/"></iframe>Short`
	)
	tests := []struct {
		name                        string
		actor                       *models.User
		wantTitle, wantBody, wantEx string
	}{
		{"administrator keeps markup", admin, title, content, excerpt},
		{"editor keeps markup", editor, title, content, excerpt},
		{"author is filtered", author, `Hi <em>there</em>t() x`,
			`<p class="c">Body</p>alert(1)<img src="x"><a href="alert(3)">l</a>`, `Short`},
		{"contributor is filtered", contributor, `Hi <em>there</em>t() x`,
			`<p class="c">Body</p>alert(1)<img src="x"><a href="alert(3)">l</a>`, `Short`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := s.CreatePost(ctx, tt.actor, models.PostInput{Title: strp(title), Content: strp(content), Excerpt: strp(excerpt)})
			if err != nil {
				t.Fatal(err)
			}
			stored, err := s.PostByID(ctx, p.ID)
			if err != nil {
				t.Fatal(err)
			}
			if stored.Title != tt.wantTitle || stored.Content != tt.wantBody || stored.Excerpt != tt.wantEx {
				t.Errorf("stored\n title %q\n content %q\n excerpt %q\nwant\n title %q\n content %q\n excerpt %q",
					stored.Title, stored.Content, stored.Excerpt, tt.wantTitle, tt.wantBody, tt.wantEx)
			}
			// An update is filtered the same way.
			up, err := s.UpdatePost(ctx, tt.actor, p.ID, models.PostInput{Content: strp(`<svg onload=alert(1)>` + content)})
			if err != nil {
				t.Fatal(err)
			}
			want := tt.wantBody
			if tt.actor == admin || tt.actor == editor {
				want = `<svg onload=alert(1)>` + content
			}
			if up.Content != want {
				t.Errorf("updated content %q, want %q", up.Content, want)
			}
		})
	}
	t.Run("markup alone filtered away is empty content", func(t *testing.T) {
		_, err := s.CreatePost(ctx, author, models.PostInput{Title: strp("<script></script>")})
		wantReason(t, err, models.KindInvalid, models.ReasonEmptyPostContent)
	})
	t.Run("an author's autosave is filtered", func(t *testing.T) {
		p, err := s.CreatePost(ctx, author, models.PostInput{Title: strp("Pub"), Status: strp("publish")})
		if err != nil {
			t.Fatal(err)
		}
		auto, err := s.SaveAutosave(ctx, author, p.ID, models.PostInput{Content: strp(`<b onmouseover=x()>b</b><script>s</script>`)})
		if err != nil {
			t.Fatal(err)
		}
		if auto.Content != `<b>b</b>s` {
			t.Errorf("autosave content %q", auto.Content)
		}
	})
}

func TestCommentHTMLFilteredWithoutUnfilteredHTML(t *testing.T) {
	ctx := context.Background()
	s := fixturestest.Open(t)
	now := time.Date(2025, 5, 1, 12, 0, 0, 0, time.UTC)
	s.Clock = func() time.Time { now = now.Add(time.Minute); return now }
	admin := newUser(t, s, "boss", "administrator")
	editor := newUser(t, s, "ed", "editor")
	author := newUser(t, s, "au", "author")
	subscriber := newUser(t, s, "sub", "subscriber")
	post, err := s.CreatePost(ctx, admin, models.PostInput{Title: strp("Open"), Status: strp("publish")})
	if err != nil {
		t.Fatal(err)
	}
	client := models.ClientInfo{IP: "192.0.2.1", UserAgent: "test/1.0"}
	const body = `<p>Nice</p> <a href="javascript:alert(1)" onclick="x()">me</a><script>alert(2)</script>`
	// Every comment's links get rel="nofollow ugc" too (wp_rel_ugc), after
	// kses for those it applies to.
	const filtered = `Nice <a href="alert(1)" rel="nofollow ugc">me</a>alert(2)`
	const unfiltered = `<p>Nice</p> <a href="javascript:alert(1)" onclick="x()" rel="nofollow ugc">me</a><script>alert(2)</script>`
	tests := []struct {
		name  string
		actor *models.User
		rules models.CommentRules
		want  string
	}{
		{"visitor", nil, models.XMLRPCCommentRules, filtered},
		{"visitor over REST", nil, models.RESTCommentRules, filtered},
		{"subscriber", subscriber, models.XMLRPCCommentRules, filtered},
		{"author over REST", author, models.RESTCommentRules, filtered},
		{"editor keeps markup", editor, models.XMLRPCCommentRules, unfiltered},
		{"administrator keeps markup over REST", admin, models.RESTCommentRules, unfiltered},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := models.CommentInput{PostID: post.ID, Content: strp(body + string(rune('a'+i))), Client: client, Rules: tt.rules}
			if tt.actor == nil {
				in.AuthorName, in.AuthorEmail = strp("Visitor"), strp("visitor@example.com")
			}
			c, err := s.CreateComment(ctx, tt.actor, in)
			if err != nil {
				t.Fatal(err)
			}
			stored, err := s.CommentByID(ctx, c.ID)
			if err != nil {
				t.Fatal(err)
			}
			if want := tt.want + string(rune('a'+i)); stored.Content != want {
				t.Errorf("stored %q, want %q", stored.Content, want)
			}
		})
	}
	t.Run("links to the site itself keep no rel, on creation and on edit", func(t *testing.T) {
		defer func(old string) { s.Config.SiteURL = old }(s.Config.SiteURL)
		s.Config.SiteURL = "https://Blog.Example/wp"
		const links = `<a href="https://blog.example/about">us</a> <a href="https://elsewhere.example/">them</a>`
		const want = `<a href="https://blog.example/about">us</a> <a href="https://elsewhere.example/" rel="nofollow ugc">them</a>`
		c, err := s.CreateComment(ctx, nil, models.CommentInput{PostID: post.ID, Content: strp(links), AuthorName: strp("V"), AuthorEmail: strp("v@example.com"), Client: client})
		if err != nil {
			t.Fatal(err)
		}
		if c.Content != want {
			t.Errorf("created %q, want %q", c.Content, want)
		}
		up, err := s.UpdateComment(ctx, admin, c.ID, models.CommentInput{Content: strp(links + "!")})
		if err != nil || up.Content != want+"!" {
			t.Errorf("edited %q (%v), want %q", up.Content, err, want+"!")
		}
	})
	t.Run("an administrator's edit of a visitor's comment is filtered", func(t *testing.T) {
		c, err := s.CreateComment(ctx, nil, models.CommentInput{PostID: post.ID, Content: strp("plain"), AuthorName: strp("V"), AuthorEmail: strp("v@example.com"), Client: client})
		if err != nil {
			t.Fatal(err)
		}
		for _, rules := range []models.CommentRules{models.XMLRPCCommentRules, models.RESTCommentRules} {
			up, err := s.UpdateComment(ctx, admin, c.ID, models.CommentInput{Content: strp(`<img src=x onerror=alert(1)>edited`), Rules: rules})
			if err != nil {
				t.Fatal(err)
			}
			if up.Content != "edited" {
				t.Errorf("rules %v: content %q", rules, up.Content)
			}
		}
	})
	t.Run("an administrator's edit of an editor's comment is not", func(t *testing.T) {
		c, err := s.CreateComment(ctx, editor, models.CommentInput{PostID: post.ID, Content: strp("mine"), Client: client})
		if err != nil {
			t.Fatal(err)
		}
		up, err := s.UpdateComment(ctx, admin, c.ID, models.CommentInput{Content: strp(`<img src=x>edited`)})
		if err != nil || up.Content != `<img src=x>edited` {
			t.Errorf("content %q, %v", up.Content, err)
		}
	})
}

// A comment's author name and site are filtered for everyone, as
// WordPress's pre_comment_author_name and pre_comment_author_url filters
// do: no markup in the name, no javascript: or data: link as the site.
func TestCommentAuthorNameAndURLFiltered(t *testing.T) {
	ctx := context.Background()
	s := fixturestest.Open(t)
	now := time.Date(2025, 5, 1, 12, 0, 0, 0, time.UTC)
	s.Clock = func() time.Time { now = now.Add(time.Minute); return now }
	admin := newUser(t, s, "boss", "administrator")
	post, err := s.CreatePost(ctx, admin, models.PostInput{Title: strp("Open"), Status: strp("publish")})
	if err != nil {
		t.Fatal(err)
	}
	client := models.ClientInfo{IP: "192.0.2.1", UserAgent: "test/1.0"}
	tests := []struct {
		name, authorName, url, wantName, wantURL string
		rules                                    models.CommentRules
	}{
		{"markup in the name", `<b onclick="x()">Eve</b> & co`, "https://eve.example", "Eve &amp; co", "https://eve.example", models.XMLRPCCommentRules},
		{"javascript site", "Mallory", "javascript:alert(document.cookie)", "Mallory", "", models.XMLRPCCommentRules},
		{"data site over REST", "Trudy", "data:text/html,<script>alert(1)</script>", "Trudy", "", models.RESTCommentRules},
		{"bare host over REST", `Eve<img src=x onerror=alert(1)>`, "eve.example/blog", "Eve", "http://eve.example/blog", models.RESTCommentRules},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := s.CreateComment(ctx, nil, models.CommentInput{PostID: post.ID, Content: strp("hello " + string(rune('a'+i))),
				AuthorName: strp(tt.authorName), AuthorEmail: strp("visitor@example.com"), AuthorURL: strp(tt.url), Client: client, Rules: tt.rules})
			if err != nil {
				t.Fatal(err)
			}
			stored, err := s.CommentByID(ctx, c.ID)
			if err != nil {
				t.Fatal(err)
			}
			if stored.AuthorName != tt.wantName || stored.AuthorURL != tt.wantURL {
				t.Errorf("stored name %q url %q, want %q %q", stored.AuthorName, stored.AuthorURL, tt.wantName, tt.wantURL)
			}
		})
	}
	t.Run("an update is filtered too", func(t *testing.T) {
		c, err := s.CreateComment(ctx, admin, models.CommentInput{PostID: post.ID, Content: strp("mine"), Client: client})
		if err != nil {
			t.Fatal(err)
		}
		up, err := s.UpdateComment(ctx, admin, c.ID, models.CommentInput{AuthorName: strp("<i>Boss</i>"), AuthorURL: strp("vbscript:msgbox(1)")})
		if err != nil {
			t.Fatal(err)
		}
		if up.AuthorName != "Boss" || up.AuthorURL != "" {
			t.Errorf("updated name %q url %q", up.AuthorName, up.AuthorURL)
		}
	})
}
