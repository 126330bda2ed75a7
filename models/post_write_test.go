package models_test

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/presspass/presspass/fixtures/fixturestest"
	"github.com/presspass/presspass/models"
)

func strp(s string) *string { return &s }

func TestCreatePostPermissions(t *testing.T) {
	ctx := context.Background()
	s := fixturestest.Open(t)
	admin := newUser(t, s, "boss", "administrator")
	author := newUser(t, s, "writer", "author")
	contributor := newUser(t, s, "helper", "contributor")
	subscriber := newUser(t, s, "reader", "subscriber")
	yes := true
	other := admin.ID
	tests := []struct {
		name   string
		actor  *models.User
		in     models.PostInput
		kind   models.Kind
		reason models.Reason
	}{
		{"visitor cannot create", nil, models.PostInput{Title: strp("x")}, models.KindForbidden, models.ReasonCannotCreatePost},
		{"subscriber cannot create", subscriber, models.PostInput{Title: strp("x")}, models.KindForbidden, models.ReasonCannotCreatePost},
		{"subscriber cannot create pages", subscriber, models.PostInput{Type: "page", Title: strp("x")}, models.KindForbidden, models.ReasonCannotCreatePost},
		{"author cannot create pages", author, models.PostInput{Type: "page", Title: strp("x")}, models.KindForbidden, models.ReasonCannotCreatePost},
		{"contributor cannot publish", contributor, models.PostInput{Title: strp("x"), Status: strp("publish")}, models.KindForbidden, models.ReasonCannotPublish},
		{"author cannot write as another", author, models.PostInput{Title: strp("x"), AuthorID: &other}, models.KindForbidden, models.ReasonCannotCreateAsOtherAuthor},
		{"XML-RPC's sticky rule needs edit_others_posts", author, models.PostInput{Title: strp("x"), Sticky: &yes}, models.KindForbidden, models.ReasonCannotStick},
		{"empty post", author, models.PostInput{Status: strp("draft")}, models.KindInvalid, models.ReasonEmptyPostContent},
		{"unknown status", author, models.PostInput{Title: strp("x"), Status: strp("bogus")}, models.KindInvalid, models.ReasonInvalidPostStatus},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := s.CreatePost(ctx, tt.actor, tt.in)
			wantReason(t, err, tt.kind, tt.reason)
		})
	}
	t.Run("REST's sticky rule lets an author make a post sticky", func(t *testing.T) {
		p, err := s.CreatePost(ctx, author, models.PostInput{Title: strp("x"), Sticky: &yes, StickyRule: models.StickyByEditorsOrPublishers, Status: strp("publish")})
		if err != nil || !p.Sticky {
			t.Fatalf("got %v, %v", p, err)
		}
	})
}

func TestPostSlugsAndLinks(t *testing.T) {
	ctx := context.Background()
	s := fixturestest.Open(t)
	s.Config.SiteURL = "http://example.test"
	if err := s.SetOption(ctx, "permalink_structure", "/%postname%/"); err != nil {
		t.Fatal(err)
	}
	admin := newUser(t, s, "boss", "administrator")
	pub := strp("publish")
	a, err := s.CreatePost(ctx, admin, models.PostInput{Title: strp("Hello World"), Status: pub})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := s.CreatePost(ctx, admin, models.PostInput{Title: strp("Hello World"), Status: pub})
	if a.Slug != "hello-world" || b.Slug != "hello-world-2" {
		t.Errorf("slugs %q %q", a.Slug, b.Slug)
	}
	if a.GUID != "http://example.test/hello-world/" {
		t.Errorf("guid %q", a.GUID)
	}
	num, _ := s.CreatePost(ctx, admin, models.PostInput{Title: strp("2024"), Status: pub})
	if num.Slug != "2024-2" {
		t.Errorf("a numeric post slug would shadow a date archive: got %q", num.Slug)
	}
	feed, _ := s.CreatePost(ctx, admin, models.PostInput{Title: strp("Feed"), Status: pub})
	if feed.Slug != "feed-2" {
		t.Errorf("feed slug: %q", feed.Slug)
	}
	draft, _ := s.CreatePost(ctx, admin, models.PostInput{Title: strp("Draft one")})
	if draft.Slug != "" || draft.GUID != "http://example.test/?p="+strconv.FormatUint(draft.ID, 10) || !draft.HasFloatingDate() {
		t.Errorf("draft: slug %q guid %q floating %v", draft.Slug, draft.GUID, draft.HasFloatingDate())
	}
	if link := s.Permalink(ctx, draft, admin); link != draft.GUID {
		t.Errorf("draft link %q", link)
	}
	tmpl, gen := s.PermalinkTemplate(ctx, draft)
	if tmpl != "http://example.test/%postname%/" || gen != "draft-one" {
		t.Errorf("template %q %q", tmpl, gen)
	}
	parent, _ := s.CreatePost(ctx, admin, models.PostInput{Type: "page", Title: strp("About"), Status: pub})
	pid := parent.ID
	child, err := s.CreatePost(ctx, admin, models.PostInput{Type: "page", Title: strp("Team"), Status: pub, ParentID: &pid})
	if err != nil {
		t.Fatal(err)
	}
	if got := s.Permalink(ctx, child, nil); got != "http://example.test/about/team/" {
		t.Errorf("child page link %q", got)
	}
	grand, _ := s.CreatePost(ctx, admin, models.PostInput{Type: "page", Title: strp("Grandchild"), Status: pub, ParentID: &child.ID})
	if _, err := s.DeletePost(ctx, admin, child.ID); err != nil {
		t.Fatal(err)
	}
	if g, _ := s.PostByID(ctx, grand.ID); g.ParentID != parent.ID {
		t.Errorf("orphaned page points at %d, want %d", g.ParentID, parent.ID)
	}
	priv, _ := s.CreatePost(ctx, admin, models.PostInput{Title: strp("Secret"), Status: strp("private")})
	if got := s.Permalink(ctx, priv, nil); got != "http://example.test/?p="+strconv.FormatUint(priv.ID, 10) {
		t.Errorf("private link for a visitor %q", got)
	}
	if got := s.Permalink(ctx, priv, admin); got != "http://example.test/secret/" {
		t.Errorf("private link for its reader %q", got)
	}
	if err := s.SetOption(ctx, "permalink_structure", "/%year%/%monthnum%/%category%/%postname%/"); err != nil {
		t.Fatal(err)
	}
	y, m := a.Date.Year(), int(a.Date.Month())
	if got, want := s.Permalink(ctx, a, nil), "http://example.test/"+strconv.Itoa(y)+"/"+twoDigits(m)+"/uncategorized/hello-world/"; got != want {
		t.Errorf("structured link %q, want %q", got, want)
	}
	if err := s.SetOption(ctx, "permalink_structure", ""); err != nil {
		t.Fatal(err)
	}
	if got := s.Permalink(ctx, a, nil); got != "http://example.test/?p="+strconv.FormatUint(a.ID, 10) {
		t.Errorf("plain permalinks: %q", got)
	}
	trashed, err := s.TrashPost(ctx, admin, a.ID)
	if err != nil || trashed.Slug != "hello-world__trashed" || trashed.Status != "trash" {
		t.Fatalf("trash: %+v %v", trashed, err)
	}
	_, err = s.TrashPost(ctx, admin, a.ID)
	wantReason(t, err, models.KindGone, models.ReasonPostAlreadyTrashed)
}

func TestPostRevisions(t *testing.T) {
	ctx := context.Background()
	s := fixturestest.Open(t)
	admin := newUser(t, s, "boss", "administrator")
	editor := newUser(t, s, "ed", "editor")
	base := time.Date(2030, 1, 1, 12, 0, 0, 0, time.UTC)
	s.Clock = func() time.Time { return base }
	p, err := s.CreatePost(ctx, admin, models.PostInput{Title: strp("One"), Content: strp("v1"), Status: strp("publish")})
	if err != nil {
		t.Fatal(err)
	}
	stats := func() models.RevisionStat {
		m, err := s.RevisionStats(ctx, []uint64{p.ID})
		if err != nil {
			t.Fatal(err)
		}
		return m[p.ID]
	}
	if st := stats(); st.Count != 0 {
		t.Fatalf("creating recorded %d revisions", st.Count)
	}
	s.Clock = func() time.Time { return base.Add(time.Hour) }
	if _, err := s.UpdatePost(ctx, editor, p.ID, models.PostInput{Content: strp("v2")}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.UpdatePost(ctx, editor, p.ID, models.PostInput{CommentStatus: strp("closed")}); err != nil {
		t.Fatal(err)
	}
	st := stats()
	if st.Count != 1 {
		t.Fatalf("%d revisions, want 1 (an update that changes no text records none)", st.Count)
	}
	revs, err := s.Revisions(ctx, p.ID)
	if err != nil || len(revs) != 1 {
		t.Fatalf("revisions %v %v", revs, err)
	}
	r := revs[0]
	if r.ID != st.LatestID || r.Content != "v2" || r.AuthorID != editor.ID || r.Status != "inherit" || r.Slug != strconv.FormatUint(p.ID, 10)+"-revision-v1" || !r.Date.Equal(base.Add(time.Hour)) {
		t.Errorf("revision %+v", r)
	}
	if _, err := s.UpdatePost(ctx, editor, r.ID, models.PostInput{Title: strp("x")}); models.ErrorKind(err) != models.KindNotFound {
		t.Errorf("editing a revision as a post: %v", err)
	}
	if _, err := s.DeletePost(ctx, admin, p.ID); err != nil {
		t.Fatal(err)
	}
	if revs, _ := s.Revisions(ctx, p.ID); len(revs) != 0 {
		t.Errorf("revisions outlive their post: %d", len(revs))
	}
}

func TestPostsReadableFilter(t *testing.T) {
	ctx := context.Background()
	s := fixturestest.Open(t)
	admin := newUser(t, s, "boss", "administrator")
	author := newUser(t, s, "writer", "author")
	mk := func(u *models.User, status string) {
		if _, err := s.CreatePost(ctx, u, models.PostInput{Title: strp(status), Status: strp(status)}); err != nil {
			t.Fatal(err)
		}
	}
	mk(admin, "publish")
	mk(admin, "draft")
	mk(admin, "private")
	mk(author, "draft")
	all := []string{"publish", "draft", "private"}
	for _, c := range []struct {
		name string
		u    *models.User
		want int64
	}{{"visitor", nil, 1}, {"author", author, 2}, {"administrator", admin, 4}} {
		t.Run(c.name, func(t *testing.T) {
			_, total, err := s.Posts(ctx, models.PostFilter{Statuses: all, Readable: true, ReadableBy: c.u})
			if err != nil || total != c.want {
				t.Errorf("total %d, want %d (%v)", total, c.want, err)
			}
		})
	}
}

func TestPublishDuePosts(t *testing.T) {
	ctx := context.Background()
	s := fixturestest.Open(t)
	admin := newUser(t, s, "boss", "administrator")
	now := time.Date(2030, 1, 1, 12, 0, 0, 0, time.UTC)
	s.Clock = func() time.Time { return now }
	soon, later := now.Add(time.Hour), now.Add(48*time.Hour)
	a, _ := s.CreatePost(ctx, admin, models.PostInput{Title: strp("soon"), Status: strp("publish"), DateGMT: &soon})
	b, _ := s.CreatePost(ctx, admin, models.PostInput{Title: strp("later"), Status: strp("publish"), DateGMT: &later})
	if a.Status != "future" || b.Status != "future" {
		t.Fatalf("statuses %s %s, want future", a.Status, b.Status)
	}
	s.Clock = func() time.Time { return now.Add(2 * time.Hour) }
	n, err := s.PublishDuePosts(ctx)
	if err != nil || n != 1 {
		t.Fatalf("published %d (%v), want 1", n, err)
	}
	if p, _ := s.PostByID(ctx, a.ID); p.Status != "publish" {
		t.Errorf("due post is %s", p.Status)
	}
	if p, _ := s.PostByID(ctx, b.ID); p.Status != "future" {
		t.Errorf("later post is %s", p.Status)
	}
}

func twoDigits(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

func TestSanitizeOption(t *testing.T) {
	cases := []struct {
		name, in, want string
		ok             bool
	}{
		{"blogname", "Ref & Co <b>x</b>", "Ref &amp; Co x", true},
		{"blogname", "Fish &amp; Chips", "Fish &amp; Chips", true},
		{"admin_email", "not-an-email", "not-an-email", false},
		{"admin_email", " a@example.com ", "a@example.com", true},
		{"timezone_string", "Europe/Paris", "Europe/Paris", true},
		{"timezone_string", "Mars/Olympus", "Mars/Olympus", false},
		{"posts_per_page", "0", "1", true},
		{"start_of_week", "-3", "3", true},
		{"siteurl", "http://example.test/", "http://example.test", true},
	}
	for _, c := range cases {
		got, ok := models.SanitizeOption(c.name, c.in)
		if got != c.want || ok != c.ok {
			t.Errorf("SanitizeOption(%s, %q) = %q, %v; want %q, %v", c.name, c.in, got, ok, c.want, c.ok)
		}
	}
}
