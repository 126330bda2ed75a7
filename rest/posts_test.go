package rest

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
)

// The "test" fixture site: posts 1 (admin, publish), 2 (admin, draft),
// 3 (admin, private), 4 (author, publish), 5 (author, draft), 6 (author,
// pending), 7 (contributor, draft) and page 8 (admin, publish).

func TestPostsPermissionMatrix(t *testing.T) {
	ts := newTestSite(t)
	cases := []struct {
		name, method, path, login, body string
		status                          int
		code                            string
	}{
		{"anonymous reads a published post", "GET", "/wp-json/wp/v2/posts/1", "", "", 200, ""},
		{"anonymous cannot read a draft", "GET", "/wp-json/wp/v2/posts/2", "", "", 401, "rest_forbidden"},
		{"author cannot read another's draft", "GET", "/wp-json/wp/v2/posts/2", "author", "", 403, "rest_forbidden"},
		{"editor reads another's draft", "GET", "/wp-json/wp/v2/posts/2", "editor", "", 200, ""},
		{"anonymous cannot read a private post", "GET", "/wp-json/wp/v2/posts/3", "", "", 401, "rest_forbidden"},
		{"author cannot read another's private post", "GET", "/wp-json/wp/v2/posts/3", "author", "", 403, "rest_forbidden"},
		{"editor reads a private post", "GET", "/wp-json/wp/v2/posts/3", "editor", "", 200, ""},
		{"a page is not a post", "GET", "/wp-json/wp/v2/posts/8", "", "", 404, "rest_post_invalid_id"},
		{"unknown id", "GET", "/wp-json/wp/v2/posts/999", "admin", "", 404, "rest_post_invalid_id"},
		{"edit context needs edit_post (anonymous)", "GET", "/wp-json/wp/v2/posts/1?context=edit", "", "", 401, "rest_forbidden_context"},
		{"edit context needs edit_post (author)", "GET", "/wp-json/wp/v2/posts/1?context=edit", "author", "", 403, "rest_forbidden_context"},
		{"edit context for own post", "GET", "/wp-json/wp/v2/posts/4?context=edit", "author", "", 200, ""},
		{"bad context", "GET", "/wp-json/wp/v2/posts/1?context=bogus", "", "", 400, "rest_invalid_param"},
		{"list in edit context needs edit_posts", "GET", "/wp-json/wp/v2/posts?context=edit", "subscriber", "", 403, "rest_forbidden_context"},
		{"draft listing is forbidden to anonymous", "GET", "/wp-json/wp/v2/posts?status=draft", "", "", 400, "rest_invalid_param"},
		{"anonymous cannot create", "POST", "/wp-json/wp/v2/posts", "", "title=x", 401, "rest_cannot_create"},
		{"subscriber cannot create", "POST", "/wp-json/wp/v2/posts", "subscriber", "title=x&status=publish", 403, "rest_cannot_create"},
		{"contributor cannot publish", "POST", "/wp-json/wp/v2/posts", "contributor", "title=x&status=publish", 403, "rest_cannot_publish"},
		{"contributor cannot make a private post", "POST", "/wp-json/wp/v2/posts", "contributor", "title=x&status=private", 403, "rest_cannot_publish"},
		{"contributor writes a draft", "POST", "/wp-json/wp/v2/posts", "contributor", "title=x", 201, ""},
		{"contributor cannot make sticky", "POST", "/wp-json/wp/v2/posts", "contributor", "title=x&sticky=true", 403, "rest_cannot_assign_sticky"},
		{"author may make sticky over REST", "POST", "/wp-json/wp/v2/posts", "author", "title=s&sticky=true&status=publish", 201, ""},
		{"author cannot post as another", "POST", "/wp-json/wp/v2/posts", "author", "title=x&author=1", 403, "rest_cannot_edit_others"},
		{"editor posts as another", "POST", "/wp-json/wp/v2/posts", "editor", "title=x&author=3", 201, ""},
		{"editor cannot post as nobody", "POST", "/wp-json/wp/v2/posts", "editor", "title=x&author=999", 400, "rest_invalid_author"},
		{"empty post", "POST", "/wp-json/wp/v2/posts", "editor", "status=draft", 400, "empty_content"},
		{"id on create", "POST", "/wp-json/wp/v2/posts", "editor", "id=1&title=x", 400, "rest_post_exists"},
		{"author edits own published post", "POST", "/wp-json/wp/v2/posts/4", "author", "title=Mine", 200, ""},
		{"author cannot edit another's", "POST", "/wp-json/wp/v2/posts/1", "author", "title=x", 403, "rest_cannot_edit"},
		{"author cannot reassign", "PUT", "/wp-json/wp/v2/posts/4", "author", "author=1", 403, "rest_cannot_edit_others"},
		{"contributor edits own draft", "PATCH", "/wp-json/wp/v2/posts/7", "contributor", `{"title":"Better"}`, 200, ""},
		{"contributor cannot publish own draft", "PATCH", "/wp-json/wp/v2/posts/7", "contributor", `{"status":"publish"}`, 403, "rest_cannot_publish"},
		{"anonymous cannot edit", "POST", "/wp-json/wp/v2/posts/1", "", "title=x", 401, "rest_cannot_edit"},
		{"author cannot delete another's", "DELETE", "/wp-json/wp/v2/posts/1", "author", "", 403, "rest_cannot_delete"},
		{"subscriber cannot delete", "DELETE", "/wp-json/wp/v2/posts/4", "subscriber", "", 403, "rest_cannot_delete"},
		{"delete unknown", "DELETE", "/wp-json/wp/v2/posts/999", "admin", "", 404, "rest_post_invalid_id"},
		{"bad status value", "POST", "/wp-json/wp/v2/posts", "editor", `{"title":"x","status":"nonsense"}`, 400, "rest_invalid_param"},
		{"bad sticky and date", "POST", "/wp-json/wp/v2/posts", "editor", `{"title":"x","sticky":"maybe","date":"yesterday"}`, 400, "rest_invalid_param"},
		{"sticky with password", "POST", "/wp-json/wp/v2/posts", "editor", `{"title":"x","sticky":true,"password":"pw"}`, 400, "rest_invalid_field"},
		{"invalid JSON", "POST", "/wp-json/wp/v2/posts", "editor", `{"title":`, 400, "rest_invalid_json"},
		{"per_page too big", "GET", "/wp-json/wp/v2/posts?per_page=101", "", "", 400, "rest_invalid_param"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ts := ts.with(t)
			r := ts.do(req{method: c.method, path: c.path, as: c.login, body: c.body})
			if r.status != c.status || r.code() != c.code {
				t.Fatalf("%s %s as %q: got %d %q, want %d %q: %s", c.method, c.path, c.login, r.status, r.code(), c.status, c.code, r.raw)
			}
		})
	}
}

func TestPostsTrashAndDelete(t *testing.T) {
	ts := newTestSite(t)
	r := ts.do(req{method: "DELETE", path: "/wp-json/wp/v2/posts/4", as: "author"})
	if r.status != 200 || jsonAt(r.json, "status") != "trash" || jsonAt(r.json, "slug") != "author-published__trashed" {
		t.Fatalf("trash: %d %s", r.status, r.raw)
	}
	if got := jsonAt(r.json, "link"); !strings.HasSuffix(got.(string), "/?p=4") {
		t.Errorf("a trashed post's link is %v, want the ?p= form", got)
	}
	if r := ts.do(req{method: "DELETE", path: "/wp-json/wp/v2/posts/4", as: "author"}); r.status != 410 || r.code() != "rest_already_trashed" {
		t.Fatalf("trash twice: %d %s", r.status, r.raw)
	}
	// The method override header and ?_method= both reach DELETE.
	del := ts.do(req{method: "POST", path: "/wp-json/wp/v2/posts/4?force=true&_method=DELETE", as: "author"})
	if del.status != 200 || jsonAt(del.json, "deleted") != true || jsonAt(del.json, "previous", "id") != float64(4) {
		t.Fatalf("force delete: %d %s", del.status, del.raw)
	}
	if _, ok := del.mustObj(t)["previous"].(map[string]any)["_links"]; ok {
		t.Error("previous carries _links")
	}
	if r := ts.do(req{path: "/wp-json/wp/v2/posts/4", as: "admin"}); r.status != 404 {
		t.Fatalf("deleted post still there: %d", r.status)
	}
}

// TestSeedCurlUpdatesTitle is the example:
// curl --user "USER:APP_PASSWORD" -X POST -d "title=New Title" …/wp-json/wp/v2/posts/ID
func TestSeedCurlUpdatesTitle(t *testing.T) {
	ts := newTestSite(t)
	form := url.Values{"title": {"New Title"}}
	hr, err := http.NewRequest("POST", ts.url+"/wp-json/wp/v2/posts/1", strings.NewReader(form.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	hr.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	hr.SetBasicAuth("admin", ts.appPw["admin"])
	resp, err := http.DefaultClient.Do(hr)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("status %d", resp.StatusCode)
	}
	got := ts.do(req{path: "/wp-json/wp/v2/posts/1"})
	if title := jsonAt(got.json, "title", "rendered"); title != "New Title" {
		t.Fatalf("title after update = %v", title)
	}
	// The update recorded a revision.
	if n := jsonAt(got.json, "_links", "version-history"); n == nil {
		t.Fatal("no version-history link")
	}
	hist := got.mustObj(t)["_links"].(map[string]any)["version-history"].([]any)[0].(map[string]any)
	if hist["count"] != float64(1) {
		t.Fatalf("revision count %v, want 1", hist["count"])
	}
}

func TestPostsListParameters(t *testing.T) {
	ts := newTestSite(t)
	cases := []struct {
		name, path, login string
		want              []int
		total             string
	}{
		{"published only for anonymous", "/wp-json/wp/v2/posts", "", []int{4, 1}, "2"},
		{"by author", "/wp-json/wp/v2/posts?author=3", "", []int{4}, "1"},
		{"author_exclude", "/wp-json/wp/v2/posts?author_exclude=3", "", []int{1}, "1"},
		{"include keeps order with orderby=include", "/wp-json/wp/v2/posts?include=1,4&orderby=include", "", []int{1, 4}, "2"},
		{"exclude", "/wp-json/wp/v2/posts?exclude=4", "", []int{1}, "1"},
		{"order asc", "/wp-json/wp/v2/posts?order=asc", "", []int{1, 4}, "2"},
		{"orderby id", "/wp-json/wp/v2/posts?orderby=id", "", []int{4, 1}, "2"},
		{"slug", "/wp-json/wp/v2/posts?slug=author-published", "", []int{4}, "1"},
		{"search", "/wp-json/wp/v2/posts?search=nothing-matches-this", "", nil, "0"},
		{"per_page and page", "/wp-json/wp/v2/posts?per_page=1&page=2", "", []int{1}, "2"},
		{"offset", "/wp-json/wp/v2/posts?per_page=1&offset=1", "", []int{1}, "2"},
		{"status any as editor", "/wp-json/wp/v2/posts?status=any&orderby=id&order=asc", "editor", []int{1, 2, 3, 4, 5, 6, 7}, "7"},
		{"drafts of an author are theirs only", "/wp-json/wp/v2/posts?status=draft&orderby=id&order=asc", "author", []int{5}, "1"},
		{"private needs read_private_posts", "/wp-json/wp/v2/posts?status=private", "editor", []int{3}, "1"},
		{"sticky=false", "/wp-json/wp/v2/posts?sticky=false", "", []int{4, 1}, "2"},
		{"sticky=true", "/wp-json/wp/v2/posts?sticky=true", "", nil, "0"},
		{"before", "/wp-json/wp/v2/posts?before=1990-01-01T00:00:00", "", nil, "0"},
		{"after", "/wp-json/wp/v2/posts?after=1990-01-01T00:00:00", "", []int{4, 1}, "2"},
		{"default category filter", "/wp-json/wp/v2/posts?categories=1", "", []int{4, 1}, "2"},
		{"other category filter", "/wp-json/wp/v2/posts?categories=7", "", nil, "0"},
		{"format standard", "/wp-json/wp/v2/posts?format=standard", "", []int{4, 1}, "2"},
		{"format aside", "/wp-json/wp/v2/posts?format=aside", "", nil, "0"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ts := ts.with(t)
			r := ts.do(req{path: c.path, as: c.login})
			if r.status != 200 {
				t.Fatalf("status %d: %s", r.status, r.raw)
			}
			if got := postIDsOf(t, r); !sameIntList(got, c.want) {
				t.Errorf("ids %v, want %v", got, c.want)
			}
			if got := r.header.Get("X-WP-Total"); got != c.total {
				t.Errorf("X-WP-Total %s, want %s", got, c.total)
			}
		})
	}
	t.Run("pagination links", func(t *testing.T) {
		ts := ts.with(t)
		r := ts.do(req{path: "/wp-json/wp/v2/posts?per_page=1&page=1"})
		if r.header.Get("X-WP-TotalPages") != "2" || !strings.Contains(r.header.Get("Link"), `rel="next"`) {
			t.Fatalf("headers %v", r.header)
		}
	})
	t.Run("page past the end", func(t *testing.T) {
		ts := ts.with(t)
		r := ts.do(req{path: "/wp-json/wp/v2/posts?page=3"})
		if r.status != 400 || r.code() != "rest_post_invalid_page_number" {
			t.Fatalf("%d %s", r.status, r.raw)
		}
	})
	t.Run("fields", func(t *testing.T) {
		ts := ts.with(t)
		r := ts.do(req{path: "/wp-json/wp/v2/posts?_fields=id,title.rendered"})
		first := r.mustList(t)[0].(map[string]any)
		if len(first) != 2 || jsonAt(first, "title", "rendered") == nil {
			t.Fatalf("fields: %s", r.raw)
		}
	})
}

func TestPostJSONShape(t *testing.T) {
	ts := newTestSite(t)
	r := ts.do(req{method: "POST", path: "/wp-json/wp/v2/posts", as: "editor", body: `{"title":{"raw":"It's \"quoted\""},"content":"First line\nsecond line\n\nNext paragraph.","status":"publish","slug":"admin-published","date":"2024-02-02T10:00:00"}`})

	if r.status != 201 {
		t.Fatalf("create: %d %s", r.status, r.raw)
	}
	p := r.mustObj(t)
	checks := map[string]any{
		"slug":                  "admin-published-2", // the slug is taken by post 1
		"date":                  "2024-02-02T10:00:00",
		"date_gmt":              "2024-02-02T10:00:00",
		"modified":              "2024-02-02T10:00:00",
		"status":                "publish",
		"format":                "standard",
		"sticky":                false,
		"title.raw":             `It's "quoted"`,
		"title.rendered":        "It&#8217;s &#8220;quoted&#8221;",
		"content.rendered":      "<p>First line<br />\nsecond line</p>\n<p>Next paragraph.</p>\n",
		"excerpt.rendered":      "<p>First line second line Next paragraph.</p>\n",
		"content.protected":     false,
		"content.block_version": float64(0),
		"generated_slug":        "its-quoted",
		"link":                  ts.url + "/admin-published-2/",
		"guid.raw":              ts.url + "/admin-published-2/",
	}
	for k, want := range checks {
		if got := jsonAt(p, strings.Split(k, ".")...); got != want {
			t.Errorf("%s = %#v, want %#v", k, got, want)
		}
	}
	if loc := r.header.Get("Location"); !strings.HasPrefix(loc, ts.url+"/wp-json/wp/v2/posts/") {
		t.Errorf("Location %q", loc)
	}
	if cats, _ := p["categories"].([]any); len(cats) != 1 || cats[0] != float64(1) {
		t.Errorf("categories %v, want [1]", p["categories"])
	}
	for _, rel := range []string{"self", "collection", "about", "author", "replies", "version-history", "wp:attachment", "wp:term", "wp:action-publish", "curies"} {
		if jsonAt(p, "_links", rel) == nil {
			t.Errorf("missing link %s", rel)
		}
	}

	// A password hides content and excerpt from those without it.
	r = ts.do(req{method: "POST", path: "/wp-json/wp/v2/posts", as: "editor", body: `{"title":"Secret","content":"hidden words","status":"publish","password":"pw"}`})
	id := int(jsonAt(r.json, "id").(float64))
	path := "/wp-json/wp/v2/posts/" + strconv.Itoa(id)
	anon := ts.do(req{path: path})
	if jsonAt(anon.json, "content", "rendered") != "" || jsonAt(anon.json, "content", "protected") != true {
		t.Errorf("protected content shown: %s", anon.raw)
	}
	withPw := ts.do(req{path: path + "?password=pw"})
	if jsonAt(withPw.json, "content", "rendered") != "<p>hidden words</p>\n" {
		t.Errorf("content with the password: %s", withPw.raw)
	}
	if bad := ts.do(req{path: path + "?password=nope"}); bad.status != 403 || bad.code() != "rest_post_incorrect_password" {
		t.Errorf("wrong password: %d %s", bad.status, bad.raw)
	}

	// Embed context keeps only the embeddable fields.
	emb := ts.do(req{path: "/wp-json/wp/v2/posts/1?context=embed"})
	for _, k := range []string{"content", "status", "modified", "categories", "meta"} {
		if _, ok := emb.mustObj(t)[k]; ok {
			t.Errorf("embed context has %s", k)
		}
	}
	// excerpt_length shortens the automatic excerpt.
	short := ts.do(req{path: "/wp-json/wp/v2/posts/1?excerpt_length=1"})
	if got := jsonAt(short.json, "excerpt", "rendered"); got != "<p>Admin [&hellip;]</p>\n" {
		t.Errorf("excerpt_length=1: %q", got)
	}
	// _embed fetches the author through the embeddable link.
	embedded := ts.do(req{path: "/wp-json/wp/v2/posts/1?_embed=author"})
	if a, _ := jsonAt(embedded.json, "_embedded", "author").([]any); len(a) != 1 || jsonAt(a[0], "id") != float64(1) {
		t.Errorf("_embed author: %s", embedded.raw)
	}
	// The view context links a published post's permalink as alternate.
	if l := ts.do(req{path: "/wp-json/wp/v2/posts/1"}).header.Get("Link"); !strings.Contains(l, `rel="alternate"`) {
		t.Errorf("Link %q", l)
	}
}

func TestPagesEndpoints(t *testing.T) {
	ts := newTestSite(t)
	r := ts.do(req{method: "POST", path: "/wp-json/wp/v2/pages", as: "editor", body: `{"title":"Child","content":"c","status":"publish","parent":8,"menu_order":3}`})
	if r.status != 201 {
		t.Fatalf("create page: %d %s", r.status, r.raw)
	}
	p := r.mustObj(t)
	if p["link"] != ts.url+"/test-page/child/" || p["parent"] != float64(8) || p["menu_order"] != float64(3) {
		t.Fatalf("page: %s", r.raw)
	}
	if p["permalink_template"] != ts.url+"/test-page/%pagename%/" {
		t.Errorf("permalink_template %v", p["permalink_template"])
	}
	for _, k := range []string{"sticky", "format", "categories", "tags"} {
		if _, ok := p[k]; ok {
			t.Errorf("a page has %s", k)
		}
	}
	if jsonAt(p, "_links", "up") == nil {
		t.Error("no up link")
	}
	if r := ts.do(req{method: "POST", path: "/wp-json/wp/v2/pages", as: "author", body: "title=x"}); r.status != 403 || r.code() != "rest_cannot_create" {
		t.Errorf("author creates page: %d %s", r.status, r.raw)
	}
	if r := ts.do(req{method: "POST", path: "/wp-json/wp/v2/pages/8", as: "editor", body: "parent=999"}); r.status != 400 || r.code() != "rest_post_invalid_id" {
		t.Errorf("bad parent: %d %s", r.status, r.raw)
	}
	list := ts.do(req{path: "/wp-json/wp/v2/pages?parent=8"})
	if len(list.mustList(t)) != 1 {
		t.Errorf("children of 8: %s", list.raw)
	}
	if r := ts.do(req{path: "/wp-json/wp/v2/pages/1"}); r.status != 404 {
		t.Errorf("a post through pages: %d", r.status)
	}
}

func TestRevisionsEndpoints(t *testing.T) {
	ts := newTestSite(t)
	ts.do(req{method: "POST", path: "/wp-json/wp/v2/posts/4", as: "author", body: "content=v2"})
	ts.do(req{method: "POST", path: "/wp-json/wp/v2/posts/4", as: "author", body: "content=v3"})
	ts.do(req{method: "POST", path: "/wp-json/wp/v2/posts/4", as: "author", body: "comment_status=closed"}) // no text change: no revision
	r := ts.do(req{path: "/wp-json/wp/v2/posts/4/revisions", as: "author"})
	if r.status != 200 || len(r.mustList(t)) != 2 || r.header.Get("X-WP-Total") != "2" {
		t.Fatalf("revisions: %d %s", r.status, r.raw)
	}
	rid := int(jsonAt(r.mustList(t)[0], "id").(float64))
	one := ts.do(req{path: "/wp-json/wp/v2/posts/4/revisions/" + strconv.Itoa(rid), as: "author"})
	if one.status != 200 || jsonAt(one.json, "content", "rendered") != "<p>v3</p>\n" || jsonAt(one.json, "slug") != "4-revision-v1" {
		t.Fatalf("revision: %s", one.raw)
	}
	if r := ts.do(req{path: "/wp-json/wp/v2/posts/4/revisions", as: "contributor"}); r.status != 403 || r.code() != "rest_cannot_read" {
		t.Errorf("contributor: %d %s", r.status, r.raw)
	}
	if r := ts.do(req{path: "/wp-json/wp/v2/posts/1/revisions/" + strconv.Itoa(rid), as: "admin"}); r.status != 404 || r.code() != "rest_revision_parent_id_mismatch" {
		t.Errorf("mismatch: %d %s", r.status, r.raw)
	}
	if r := ts.do(req{path: "/wp-json/wp/v2/posts/4/revisions/9999", as: "admin"}); r.status != 404 || r.code() != "rest_post_invalid_id" {
		t.Errorf("unknown revision: %d %s", r.status, r.raw)
	}
	if r := ts.do(req{path: "/wp-json/wp/v2/posts/4/revisions?per_page=1&page=2", as: "author"}); len(r.mustList(t)) != 1 || r.header.Get("X-WP-TotalPages") != "2" {
		t.Errorf("paged revisions: %s %v", r.raw, r.header)
	}
	// No role may delete a revision (WordPress's map_meta_cap refuses
	// delete_post on revisions), whatever it may do to the post.
	revPath := "/wp-json/wp/v2/posts/4/revisions/" + strconv.Itoa(rid)
	for _, c := range []struct{ login, msg string }{
		{"contributor", "Sorry, you are not allowed to delete revisions of this post."},
		{"author", "Sorry, you are not allowed to delete this revision."},
		{"admin", "Sorry, you are not allowed to delete this revision."},
	} {
		r := ts.do(req{method: "DELETE", path: revPath + "?force=true", as: c.login})
		if r.status != 403 || r.code() != "rest_cannot_delete" || jsonAt(r.json, "message") != c.msg {
			t.Errorf("delete as %s: %d %s", c.login, r.status, r.raw)
		}
	}
	if allow := ts.do(req{path: revPath, as: "admin"}).header.Get("Allow"); allow != "GET" {
		t.Errorf("Allow %q, want GET", allow)
	}
}
