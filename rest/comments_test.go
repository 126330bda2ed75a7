package rest

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/presspass/presspass/models"
)

// The "test" fixture's posts the comment tests use.
const (
	cmPostPublic  = 1 // admin's, published, comments open
	cmPostDraft   = 2 // admin's draft
	cmPostPrivate = 3 // admin's private post
	cmPostAuthor  = 4 // author's, published
	cmPageClosed  = 8 // admin's page, comments closed
)

// commentSite is a test site with comments of every status:
// approved on the public post (a visitor's), held by the subscriber on
// the public post, held by a visitor on the author's post, approved on the
// private post, spam on the public post.
type commentSite struct {
	*testSite
	approved, heldBySubscriber, heldOnAuthorPost, onPrivate, spam uint64
}

func newCommentSite(t *testing.T) *commentSite {
	ts := newTestSite(t)
	cs := &commentSite{testSite: ts}
	add := func(post, user uint64, name, email, approved, content string, day int) uint64 {
		d := time.Date(2024, 1, day, 9, 0, 0, 0, time.UTC)
		c := &models.Comment{PostID: post, UserID: user, AuthorName: name, AuthorEmail: email, Approved: approved,
			Content: content, Date: d, DateGMT: d, AuthorIP: "192.0.2.1", Agent: "Fixture/1.0"}
		if err := ts.store.SaveCommentRecord(context.Background(), c); err != nil {
			t.Fatalf("save comment: %v", err)
		}
		return c.ID
	}
	cs.approved = add(cmPostPublic, 0, "Visitor", "visitor@example.com", "1", "Hello \"there\" -- friends.\nSecond line.", 1)
	cs.heldBySubscriber = add(cmPostPublic, ts.user("subscriber").ID, "Subscriber", "subscriber@example.com", "0", "Pending words", 2)
	cs.heldOnAuthorPost = add(cmPostAuthor, 0, "Stranger", "stranger@example.com", "0", "On the author's post", 3)
	cs.onPrivate = add(cmPostPrivate, ts.user("editor").ID, "Editor", "editor@example.com", "1", "Private talk", 4)
	cs.spam = add(cmPostPublic, 0, "Spammer", "spam@example.com", "spam", "Buy now", 5)
	return cs
}

func commentPath(id uint64) string { return fmt.Sprintf("/wp-json/wp/v2/comments/%d", id) }

// idsOf lists the ids of a list answer.
func idsOf(res result) []uint64 {
	var out []uint64
	for _, it := range res.list() {
		if m, ok := it.(map[string]any); ok {
			if id, ok := m["id"].(float64); ok {
				out = append(out, uint64(id))
			}
		}
	}
	return out
}

var commentRoles = []string{"admin", "editor", "author", "contributor", "subscriber", ""}

// roleCase is one role's expected answer.
type roleCase struct {
	status int
	code   string
}

// runRoleMatrix sends q as every role and checks each answer.
func runRoleMatrix(t *testing.T, ts *testSite, name string, q req, want map[string]roleCase) {
	t.Helper()
	for _, role := range commentRoles {
		w, ok := want[role]
		if !ok {
			continue
		}
		label := role
		if label == "" {
			label = "anonymous"
		}
		t.Run(name+"/"+label, func(t *testing.T) {
			q := q
			q.as = role
			ts.with(t).expect(q, w.status, w.code)
		})
	}
}

// TestCommentsReadRoleMatrix checks who may list and read which comments.
func TestCommentsReadRoleMatrix(t *testing.T) {
	cs := newCommentSite(t)
	ok := roleCase{200, ""}
	runRoleMatrix(t, cs.testSite, "list held", req{path: "/wp-json/wp/v2/comments?status=hold"}, map[string]roleCase{
		"admin": ok, "editor": ok, "author": ok, "contributor": ok,
		"subscriber": {403, "rest_forbidden_param"}, "": {401, "rest_forbidden_param"},
	})
	runRoleMatrix(t, cs.testSite, "list edit context", req{path: "/wp-json/wp/v2/comments?context=edit"}, map[string]roleCase{
		"admin": ok, "editor": ok, "author": {403, "rest_forbidden_context"}, "contributor": {403, "rest_forbidden_context"},
		"subscriber": {403, "rest_forbidden_context"}, "": {401, "rest_forbidden_context"},
	})
	runRoleMatrix(t, cs.testSite, "list private post", req{path: fmt.Sprintf("/wp-json/wp/v2/comments?post=%d", cmPostPrivate)}, map[string]roleCase{
		"admin": ok, "editor": ok, "author": {403, "rest_cannot_read_post"}, "contributor": {403, "rest_cannot_read_post"},
		"subscriber": {403, "rest_cannot_read_post"}, "": {401, "rest_cannot_read_post"},
	})
	runRoleMatrix(t, cs.testSite, "list author filter", req{path: "/wp-json/wp/v2/comments?author=1"}, map[string]roleCase{
		"admin": ok, "editor": ok, "author": ok, "contributor": ok,
		"subscriber": {403, "rest_forbidden_param"}, "": {401, "rest_forbidden_param"},
	})
	runRoleMatrix(t, cs.testSite, "get held", req{path: commentPath(cs.heldBySubscriber)}, map[string]roleCase{
		"admin": ok, "editor": ok, "author": {403, "rest_cannot_read"}, "contributor": {403, "rest_cannot_read"},
		"subscriber": ok, "": {401, "rest_cannot_read"},
	})
	runRoleMatrix(t, cs.testSite, "get held on own post", req{path: commentPath(cs.heldOnAuthorPost)}, map[string]roleCase{
		"admin": ok, "editor": ok, "author": ok, "contributor": {403, "rest_cannot_read"},
		"subscriber": {403, "rest_cannot_read"}, "": {401, "rest_cannot_read"},
	})
	runRoleMatrix(t, cs.testSite, "get on private post", req{path: commentPath(cs.onPrivate)}, map[string]roleCase{
		"admin": ok, "editor": ok, "author": {403, "rest_cannot_read"}, "contributor": {403, "rest_cannot_read"},
		"subscriber": {403, "rest_cannot_read"}, "": {401, "rest_cannot_read"},
	})
	runRoleMatrix(t, cs.testSite, "get edit context", req{path: commentPath(cs.approved) + "?context=edit"}, map[string]roleCase{
		"admin": ok, "editor": ok, "author": {403, "rest_forbidden_context"}, "contributor": {403, "rest_forbidden_context"},
		"subscriber": {403, "rest_forbidden_context"}, "": {401, "rest_forbidden_context"},
	})
	runRoleMatrix(t, cs.testSite, "get missing", req{path: commentPath(99999)}, map[string]roleCase{
		"admin": {404, "rest_comment_invalid_id"}, "": {404, "rest_comment_invalid_id"},
	})

	t.Run("anonymous list: approved only, totals before the read check", func(t *testing.T) {
		res := cs.with(t).expect(req{path: "/wp-json/wp/v2/comments"}, 200, "")
		if got := idsOf(res); len(got) != 1 || got[0] != cs.approved {
			t.Errorf("ids %v, want [%d]", got, cs.approved)
		}
		// WordPress counts what the query matched (the private post's
		// comment too), then drops what the caller may not read.
		if res.header.Get("X-WP-Total") != "2" || res.header.Get("Allow") != "GET" {
			t.Errorf("headers %v", res.header)
		}
		item := res.list()[0].(map[string]any)
		if got := strings.Join(keys(item), ","); got != "_links,author,author_avatar_urls,author_name,author_url,content,date,date_gmt,id,link,meta,parent,post,status,type" {
			t.Errorf("view keys %s", got)
		}
		content := item["content"].(map[string]any)
		if content["rendered"] != "<p>Hello &#8220;there&#8221; &#8212; friends.<br />\nSecond line.</p>\n" || content["raw"] != nil {
			t.Errorf("content %v", content)
		}
		if item["status"] != "approved" || item["link"] != cs.url+"/admin-published/#comment-"+fmt.Sprint(cs.approved) {
			t.Errorf("status/link %v %v", item["status"], item["link"])
		}
	})
	t.Run("held list as each role", func(t *testing.T) {
		for role, want := range map[string][]uint64{
			"editor":      {cs.heldOnAuthorPost, cs.heldBySubscriber},
			"author":      {cs.heldOnAuthorPost},
			"contributor": nil,
		} {
			res := cs.with(t).expect(req{path: "/wp-json/wp/v2/comments?status=hold", as: role}, 200, "")
			if got := idsOf(res); fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("%s: ids %v, want %v", role, got, want)
			}
		}
	})
	t.Run("filters and order", func(t *testing.T) {
		for _, c := range []struct {
			query string
			want  []uint64
		}{
			{"status=any&orderby=id&order=asc", []uint64{cs.approved, cs.heldBySubscriber, cs.heldOnAuthorPost, cs.onPrivate, cs.spam}},
			{"status=spam", []uint64{cs.spam}},
			{"status=all&post=1", []uint64{cs.heldBySubscriber, cs.approved}},
			{"status=any&exclude=" + fmt.Sprint(cs.spam) + "&post=1", []uint64{cs.heldBySubscriber, cs.approved}},
			{fmt.Sprintf("status=any&include=%d,%d&orderby=include&order=asc", cs.spam, cs.approved), []uint64{cs.spam, cs.approved}},
			{"status=any&search=author%27s", []uint64{cs.heldOnAuthorPost}},
			{"status=any&author_email=spam@example.com", []uint64{cs.spam}},
			{"status=any&author=" + fmt.Sprint(cs.user("subscriber").ID), []uint64{cs.heldBySubscriber}},
			{"status=any&post=1&author_exclude=" + fmt.Sprint(cs.user("subscriber").ID), []uint64{cs.spam, cs.approved}},
			{"status=any&before=2024-01-03T00:00:00&after=2024-01-01T12:00:00", []uint64{cs.heldBySubscriber}},
			{"status=any&per_page=2&page=2&orderby=id&order=asc", []uint64{cs.heldOnAuthorPost, cs.onPrivate}},
			{"status=any&per_page=2&offset=3&orderby=id&order=asc", []uint64{cs.onPrivate, cs.spam}},
			{"status=any&type=pingback", nil},
		} {
			res := cs.with(t).expect(req{path: "/wp-json/wp/v2/comments?" + c.query, as: "admin"}, 200, "")
			if got := idsOf(res); fmt.Sprint(got) != fmt.Sprint(c.want) {
				t.Errorf("%s: ids %v, want %v", c.query, got, c.want)
			}
		}
		paged := cs.with(t).expect(req{path: "/wp-json/wp/v2/comments?status=any&per_page=2&page=2", as: "admin"}, 200, "")
		if paged.header.Get("X-WP-Total") != "5" || paged.header.Get("X-WP-TotalPages") != "3" ||
			!strings.Contains(paged.header.Get("Link"), `rel="prev"`) || !strings.Contains(paged.header.Get("Link"), `rel="next"`) {
			t.Errorf("pagination headers %v", paged.header)
		}
		cs.with(t).expect(req{path: "/wp-json/wp/v2/comments?orderby=author"}, 400, "rest_invalid_param")
		cs.with(t).expect(req{path: "/wp-json/wp/v2/comments?before=yesterday"}, 400, "rest_invalid_param")
	})
	t.Run("edit context, embed context, links", func(t *testing.T) {
		edit := cs.with(t).expect(req{path: commentPath(cs.heldBySubscriber) + "?context=edit", as: "editor"}, 200, "").obj()
		if edit["author_email"] != "subscriber@example.com" || edit["author_ip"] != "192.0.2.1" || edit["author_user_agent"] != "Fixture/1.0" ||
			edit["content"].(map[string]any)["raw"] != "Pending words" || edit["status"] != "hold" {
			t.Errorf("edit context %v", edit)
		}
		links := edit["_links"].(map[string]any)
		if links["author"] == nil || links["up"] == nil || links["in-reply-to"] != nil {
			t.Errorf("links %v", links)
		}
		emb := cs.with(t).expect(req{path: commentPath(cs.approved) + "?context=embed"}, 200, "").obj()
		if got := strings.Join(keys(emb), ","); got != "_links,author,author_avatar_urls,author_name,author_url,content,date,id,link,parent,type" {
			t.Errorf("embed keys %s", got)
		}
	})
	t.Run("password-protected post", func(t *testing.T) {
		ctx := context.Background()
		p, err := cs.store.PostByID(ctx, cmPostAuthor)
		if err != nil {
			t.Fatal(err)
		}
		p.Password = "secret"
		if err := cs.store.SaveCommentRecord(ctx, &models.Comment{PostID: cmPostAuthor, AuthorName: "V", AuthorEmail: "v@example.com",
			Approved: "1", Content: "Behind a password", Date: time.Now().UTC(), DateGMT: time.Now().UTC()}); err != nil {
			t.Fatal(err)
		}
		if err := cs.store.SavePostRecord(ctx, p); err != nil {
			t.Fatal(err)
		}
		list := fmt.Sprintf("/wp-json/wp/v2/comments?post=%d", cmPostAuthor)
		cs.with(t).expect(req{path: list}, 401, "rest_cannot_read_post")
		cs.with(t).expect(req{path: list + "&password=wrong"}, 401, "rest_cannot_read_post")
		if got := cs.with(t).expect(req{path: list + "&password=secret"}, 200, "").list(); len(got) != 1 {
			t.Errorf("with the password: %d comments", len(got))
		}
		cs.with(t).expect(req{path: list, as: "author"}, 200, "")
	})
}

// TestCommentsCreateRoleMatrix walks comment creation through
// WordPress's REST rules for each role.
func TestCommentsCreateRoleMatrix(t *testing.T) {
	cs := newCommentSite(t)
	post := func(id int, extra string) string {
		return fmt.Sprintf("post=%d&content=Hello+from+a+test%s", id, extra)
	}
	create := req{method: "POST", path: "/wp-json/wp/v2/comments"}
	with := func(body string) req { q := create; q.body = body; return q }

	runRoleMatrix(t, cs.testSite, "closed page", with(post(cmPageClosed, "")), map[string]roleCase{
		"admin": {403, "rest_comment_closed"}, "editor": {403, "rest_comment_closed"}, "author": {403, "rest_comment_closed"},
		"contributor": {403, "rest_comment_closed"}, "subscriber": {403, "rest_comment_closed"}, "": {401, "rest_comment_login_required"},
	})
	runRoleMatrix(t, cs.testSite, "draft post", with(post(cmPostDraft, "")), map[string]roleCase{
		"admin": {403, "rest_comment_draft_post"}, "subscriber": {403, "rest_comment_draft_post"},
	})
	runRoleMatrix(t, cs.testSite, "private post", with(post(cmPostPrivate, "")), map[string]roleCase{
		"author": {403, "rest_cannot_read_post"}, "contributor": {403, "rest_cannot_read_post"}, "subscriber": {403, "rest_cannot_read_post"},
	})
	runRoleMatrix(t, cs.testSite, "no post", with("post=99999&content=x"), map[string]roleCase{
		"admin": {403, "rest_comment_invalid_post_id"}, "subscriber": {403, "rest_comment_invalid_post_id"},
	})
	runRoleMatrix(t, cs.testSite, "status by non-moderator", with(post(cmPostPublic, "&status=approved")), map[string]roleCase{
		"author": {403, "rest_comment_invalid_status"}, "contributor": {403, "rest_comment_invalid_status"}, "subscriber": {403, "rest_comment_invalid_status"},
	})
	runRoleMatrix(t, cs.testSite, "someone else as author", with(post(cmPostPublic, "&author=1")), map[string]roleCase{
		"author": {403, "rest_comment_invalid_author"}, "contributor": {403, "rest_comment_invalid_author"}, "subscriber": {403, "rest_comment_invalid_author"},
	})
	runRoleMatrix(t, cs.testSite, "empty content", with(fmt.Sprintf("post=%d&content=+", cmPostPublic)), map[string]roleCase{
		"admin": {400, "rest_comment_content_invalid"}, "subscriber": {400, "rest_comment_content_invalid"},
	})
	runRoleMatrix(t, cs.testSite, "bad author_email", with(post(cmPostPublic, "&author_name=X&author_email=nope")), map[string]roleCase{
		"admin": {400, "rest_invalid_param"},
	})

	// One comment per role (the flood check allows one per 15 seconds to
	// non-moderators): who is approved and which context answers.
	for _, c := range []struct {
		role, body, status, ctx string
	}{
		{"admin", post(cmPostPublic, "+admin&status=hold"), "hold", "edit"},
		{"editor", post(cmPostPublic, "+editor"), "approved", "edit"},
		{"author", post(cmPostAuthor, "+author"), "approved", "view"},
		{"contributor", post(cmPostPublic, "+contributor"), "hold", "view"},
		{"subscriber", post(cmPostPublic, "+subscriber"), "hold", "view"},
	} {
		t.Run("create as "+c.role, func(t *testing.T) {
			q := with(c.body)
			q.as = c.role
			q.headers = map[string]string{"User-Agent": "CommentTest/1.0"}
			res := cs.with(t).expect(q, http.StatusCreated, "")
			obj := res.obj()
			u := cs.user(c.role)
			if obj["status"] != c.status || obj["author"] != float64(u.ID) || obj["author_name"] != u.DisplayName {
				t.Errorf("created %v", obj)
			}
			if _, edit := obj["author_email"]; edit != (c.ctx == "edit") {
				t.Errorf("context: author_email present=%v, want context %s", edit, c.ctx)
			}
			if res.header.Get("Location") != fmt.Sprintf("%s/wp-json/wp/v2/comments/%v", cs.url, obj["id"]) {
				t.Errorf("Location %q", res.header.Get("Location"))
			}
			stored, err := cs.store.CommentByID(context.Background(), uint64(obj["id"].(float64)))
			if err != nil || stored.Agent != "CommentTest/1.0" || stored.AuthorIP != "127.0.0.1" {
				t.Errorf("stored %+v %v", stored, err)
			}
		})
	}
	t.Run("flood and duplicate", func(t *testing.T) {
		cs.with(t).expect(req{method: "POST", path: "/wp-json/wp/v2/comments", as: "subscriber", body: post(cmPostPublic, "+again")}, 400, "comment_flood")
		cs.with(t).expect(req{method: "POST", path: "/wp-json/wp/v2/comments", as: "editor", body: post(cmPostPublic, "+editor")}, 409, "comment_duplicate")
	})
	t.Run("allow header by role", func(t *testing.T) {
		res := cs.with(t).do(req{method: "POST", path: "/wp-json/wp/v2/comments", as: "contributor", body: post(cmPageClosed, "")})
		if res.header.Get("Allow") != "GET" {
			t.Errorf("closed as contributor: Allow %q", res.header.Get("Allow"))
		}
		res = cs.with(t).do(req{method: "POST", path: "/wp-json/wp/v2/comments", as: "subscriber", body: post(cmPageClosed, "")})
		if res.header.Get("Allow") != "" {
			t.Errorf("closed as subscriber: Allow %q", res.header.Get("Allow"))
		}
	})
	t.Run("moderator reply with date, author and ip", func(t *testing.T) {
		body := fmt.Sprintf(`{"post":%d,"parent":%d,"content":{"raw":"Dated reply"},"date":"2024-03-01T08:30:00","author":%d,"author_ip":"198.51.100.7"}`,
			cmPostPublic, cs.approved, cs.user("author").ID)
		obj := cs.with(t).expect(req{method: "POST", path: "/wp-json/wp/v2/comments", as: "admin", body: body}, 201, "").obj()
		if obj["date"] != "2024-03-01T08:30:00" || obj["author_name"] != cs.user("author").DisplayName || obj["author_ip"] != "198.51.100.7" ||
			obj["parent"] != float64(cs.approved) || obj["status"] != "approved" {
			t.Errorf("reply %v", obj)
		}
		if links := obj["_links"].(map[string]any); links["in-reply-to"] == nil {
			t.Errorf("no in-reply-to: %v", links)
		}
		parent := cs.with(t).expect(req{path: commentPath(cs.approved)}, 200, "").obj()
		if parent["_links"].(map[string]any)["children"] == nil {
			t.Errorf("parent without children link: %v", parent["_links"])
		}
		cs.with(t).expect(req{method: "POST", path: "/wp-json/wp/v2/comments", as: "admin",
			body: fmt.Sprintf(`{"post":%d,"content":"x","author":99999}`, cmPostPublic)}, 400, "rest_comment_author_invalid")
		cs.with(t).expect(req{method: "POST", path: "/wp-json/wp/v2/comments", as: "admin",
			body: fmt.Sprintf(`{"post":%d,"content":"x","parent":99999}`, cmPostPublic)}, 400, "comment_parent_invalid")
	})
}

// TestCommentsAnonymous checks visitors' comments: refused by default
// (rest_allow_anonymous_comments), then under the name-and-e-mail rule.
func TestCommentsAnonymous(t *testing.T) {
	cs := newCommentSite(t)
	post := func(id int, extra string) string {
		return fmt.Sprintf("post=%d&content=Hello+from+a+visitor%s", id, extra)
	}
	cs.expect(req{method: "POST", path: "/wp-json/wp/v2/comments", body: post(cmPostPublic, "&author_name=A&author_email=a@example.com")},
		401, "rest_comment_login_required")
	ctx := context.Background()
	if err := cs.store.SetOption(ctx, "rest_allow_anonymous_comments", "1"); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = cs.store.SetOption(ctx, "rest_allow_anonymous_comments", "0") }()
	cs.with(t).expect(req{method: "POST", path: "/wp-json/wp/v2/comments", body: post(cmPostPublic, "+anon")}, 400, "rest_comment_author_data_required")
	cs.with(t).expect(req{method: "POST", path: "/wp-json/wp/v2/comments", body: post(cmPostPublic, "+anon&author_ip=10.9.9.9&author_name=A&author_email=a@example.com")},
		401, "rest_comment_invalid_author_ip")
	obj := cs.with(t).expect(req{method: "POST", path: "/wp-json/wp/v2/comments",
		body: post(cmPostPublic, "+anon&author_name=Ann&author_email=ann@example.com&author_url=example.org")}, 201, "").obj()
	if obj["author"] != float64(0) || obj["author_name"] != "Ann" || obj["status"] != "hold" || obj["author_url"] != "http://example.org" {
		t.Errorf("anonymous comment %v", obj)
	}
	// Visitors are flood-checked by address as well as by e-mail.
	cs.expect(req{method: "POST", path: "/wp-json/wp/v2/comments",
		body: post(cmPostPublic, "+again&author_name=Bob&author_email=bob@example.com")}, 400, "comment_flood")
}

// TestCommentsUpdateDeleteRoleMatrix checks moderation, the post author's
// rights and deletion for each role.
func TestCommentsUpdateDeleteRoleMatrix(t *testing.T) {
	cs := newCommentSite(t)
	edit := func(id uint64, body string) req { return req{method: "POST", path: commentPath(id), body: body} }
	runRoleMatrix(t, cs.testSite, "edit held on author's post", edit(cs.heldOnAuthorPost, "content=Moderated"), map[string]roleCase{
		"admin": {200, ""}, "editor": {200, ""}, "author": {200, ""},
		"contributor": {403, "rest_cannot_edit"}, "subscriber": {403, "rest_cannot_edit"}, "": {401, "rest_cannot_edit"},
	})
	runRoleMatrix(t, cs.testSite, "edit own held comment", edit(cs.heldBySubscriber, "content=Mine"), map[string]roleCase{
		"author": {403, "rest_cannot_edit"}, "contributor": {403, "rest_cannot_edit"}, "subscriber": {403, "rest_cannot_edit"}, "editor": {200, ""},
	})
	runRoleMatrix(t, cs.testSite, "delete approved", req{method: "DELETE", path: commentPath(cs.approved)}, map[string]roleCase{
		"author": {403, "rest_cannot_delete"}, "contributor": {403, "rest_cannot_delete"}, "subscriber": {403, "rest_cannot_delete"}, "": {401, "rest_cannot_delete"},
	})
	runRoleMatrix(t, cs.testSite, "edit missing", edit(99999, "content=x"), map[string]roleCase{
		"admin": {404, "rest_comment_invalid_id"}, "": {404, "rest_comment_invalid_id"},
	})

	t.Run("post author's answer has no GET in Allow", func(t *testing.T) {
		res := cs.with(t).expect(req{method: "PUT", path: commentPath(cs.heldOnAuthorPost), as: "author", body: `{"content":"Fine"}`}, 200, "")
		if res.header.Get("Allow") != "POST, PUT, PATCH, DELETE" || res.obj()["author_email"] != "stranger@example.com" {
			t.Errorf("Allow %q body %s", res.header.Get("Allow"), res.raw)
		}
	})
	t.Run("status changes, unknown ignored, agent from the updater", func(t *testing.T) {
		q := edit(cs.heldBySubscriber, "status=approved&date=2024-02-20T10:00:00")
		q.as, q.headers = "editor", map[string]string{"User-Agent": "ModeratorApp/3.1"}
		obj := cs.with(t).expect(q, 200, "").obj()
		if obj["status"] != "approved" || obj["date"] != "2024-02-20T10:00:00" || obj["author_user_agent"] != "ModeratorApp/3.1" {
			t.Errorf("approved %v", obj)
		}
		q = edit(cs.heldBySubscriber, "status=nonsense")
		q.as = "editor"
		if obj := cs.with(t).expect(q, 200, "").obj(); obj["status"] != "approved" {
			t.Errorf("after nonsense status %v", obj["status"])
		}
		p, _ := cs.store.PostByID(context.Background(), cmPostPublic)
		if p.CommentCount != 2 {
			t.Errorf("comment_count %d, want 2", p.CommentCount)
		}
		for _, st := range []string{"spam", "unspam", "trash", "untrash", "hold"} {
			q = edit(cs.heldBySubscriber, "status="+st)
			q.as = "admin"
			obj := cs.with(t).expect(q, 200, "").obj()
			want := map[string]string{"spam": "spam", "unspam": "approved", "trash": "trash", "untrash": "approved", "hold": "hold"}[st]
			if obj["status"] != want {
				t.Errorf("status=%s: %v, want %s", st, obj["status"], want)
			}
		}
	})
	t.Run("bad updates", func(t *testing.T) {
		for _, c := range []struct {
			body   string
			status int
			code   string
		}{
			{`{"content":""}`, 400, "rest_comment_content_invalid"},
			{`{"type":"pingback"}`, 404, "rest_comment_invalid_type"},
			{`{"author":99999}`, 400, "rest_comment_author_invalid"},
			{`{"post":99999}`, 403, "rest_comment_invalid_post_id"},
			{`{"parent":99999}`, 400, "comment_parent_invalid"},
			{`{"author_name":"` + strings.Repeat("n", 246) + `"}`, 400, "comment_author_column_length"},
			{`{"date":"not a date"}`, 400, "rest_invalid_param"},
		} {
			cs.with(t).expect(req{method: "PATCH", path: commentPath(cs.approved), as: "admin", body: c.body}, c.status, c.code)
		}
	})
	t.Run("move to another post", func(t *testing.T) {
		obj := cs.with(t).expect(req{method: "PATCH", path: commentPath(cs.approved), as: "admin", body: fmt.Sprintf(`{"post":%d}`, cmPostAuthor)}, 200, "").obj()
		if obj["post"] != float64(cmPostAuthor) {
			t.Errorf("moved %v", obj["post"])
		}
		for id, want := range map[uint64]int64{cmPostPublic: 0, cmPostAuthor: 1} {
			if p, _ := cs.store.PostByID(context.Background(), id); p.CommentCount != want {
				t.Errorf("post %d comment_count %d, want %d", id, p.CommentCount, want)
			}
		}
	})
	t.Run("trash, already trashed, force", func(t *testing.T) {
		trashed := cs.with(t).expect(req{method: "DELETE", path: commentPath(cs.heldOnAuthorPost), as: "author"}, 200, "").obj()
		if trashed["status"] != "trash" || trashed["_links"] == nil {
			t.Errorf("trashed %v", trashed)
		}
		cs.with(t).expect(req{method: "DELETE", path: commentPath(cs.heldOnAuthorPost), as: "author"}, 410, "rest_already_trashed")
		res := cs.with(t).expect(req{method: "DELETE", path: commentPath(cs.heldOnAuthorPost) + "?force=true", as: "editor"}, 200, "")
		prev, _ := res.obj()["previous"].(map[string]any)
		if res.obj()["deleted"] != true || prev["status"] != "trash" || prev["_links"] != nil || res.header.Get("Allow") != "" {
			t.Errorf("force delete %s (Allow %q)", res.raw, res.header.Get("Allow"))
		}
		cs.with(t).expect(req{path: commentPath(cs.heldOnAuthorPost), as: "admin"}, 404, "rest_comment_invalid_id")
	})
}

// TestCommentsEmbedAndOptions checks _embed=up, the posts' replies
// embedding and the OPTIONS description.
func TestCommentsEmbedAndOptions(t *testing.T) {
	cs := newCommentSite(t)
	res := cs.expect(req{path: commentPath(cs.approved) + "?_embed=up&_fields=id,post,_links,_embedded"}, 200, "").obj()
	up, _ := res["_embedded"].(map[string]any)["up"].([]any)
	if len(up) != 1 || up[0].(map[string]any)["id"] != float64(cmPostPublic) {
		t.Errorf("embedded up %v", res["_embedded"])
	}
	if link := res["_links"].(map[string]any)["up"].([]any)[0].(map[string]any); link["post_type"] != "post" || link["embeddable"] != true {
		t.Errorf("up link %v", link)
	}
	postRes := cs.expect(req{path: fmt.Sprintf("/wp-json/wp/v2/posts/%d?_embed=replies&_fields=id,_embedded", cmPostPublic)}, 200, "").obj()
	replies, _ := postRes["_embedded"].(map[string]any)["replies"].([]any)
	if len(replies) != 1 {
		t.Fatalf("replies %v", postRes)
	}
	if list, _ := replies[0].([]any); len(list) != 1 || list[0].(map[string]any)["id"] != float64(cs.approved) {
		t.Errorf("embedded replies %v", replies[0])
	}
	opt := cs.expect(req{method: "OPTIONS", path: "/wp-json/wp/v2/comments"}, 200, "").obj()
	schema, _ := opt["schema"].(map[string]any)
	if schema["title"] != "comment" || len(opt["endpoints"].([]any)) != 2 {
		t.Errorf("OPTIONS %v", opt)
	}
	args := opt["endpoints"].([]any)[0].(map[string]any)["args"].(map[string]any)
	if st := args["status"].(map[string]any); st["default"] != "approve" {
		t.Errorf("status arg %v", st)
	}
}
