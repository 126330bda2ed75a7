package xmlrpc_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	kolo "github.com/kolo/xmlrpc"

	"github.com/presspass/presspass/fixtures/fixturestest"
	"github.com/presspass/presspass/models"
	"github.com/presspass/presspass/xmlrpc"
)

// testSite is a real XML-RPC server over loopback, backed by a fresh store
// loaded with the "test" fixture site.
type testSite struct {
	t     *testing.T
	store *models.Store
	url   string
	// appPasswords are fresh application passwords by login.
	appPasswords map[string]string
	ids          map[string]uint64
}

var passwords = map[string]string{
	"admin": "admin-test-pass", "editor": "editor-test-pass", "author": "author-test-pass",
	"contributor": "contributor-test-pass", "subscriber": "subscriber-test-pass",
}

func newSite(t *testing.T, enabled bool) *testSite {
	t.Helper()
	ctx := context.Background()
	s := fixturestest.Loaded(t, "test")
	var h http.Handler
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { h.ServeHTTP(w, r) }))
	t.Cleanup(srv.Close)
	s.Config.SiteURL = srv.URL
	h = xmlrpc.NewServer(s, xmlrpc.Config{SiteURL: srv.URL, Enabled: enabled})
	ts := &testSite{t: t, store: s, url: srv.URL, appPasswords: map[string]string{}, ids: map[string]uint64{}}
	for login := range passwords {
		u, err := s.UserByLogin(ctx, login)
		if err != nil {
			t.Fatal(err)
		}
		ts.ids[login] = u.ID
		ap, err := s.CreateAppPassword(ctx, u.ID, "xmlrpc-test", "")
		if err != nil {
			t.Fatal(err)
		}
		ts.appPasswords[login] = ap.Password
	}
	return ts
}

// call runs one method with kolo/xmlrpc, the Go client real tools use.
func (ts *testSite) call(method string, args []any) (any, error) {
	ts.t.Helper()
	c, err := kolo.NewClient(ts.url+"/xmlrpc.php", nil)
	if err != nil {
		ts.t.Fatal(err)
	}
	defer c.Close()
	var reply any
	err = c.Call(method, args, &reply)
	return reply, err
}

// creds returns blog id, login and application password.
func (ts *testSite) creds(login string) []any {
	return []any{1, login, ts.appPasswords[login]}
}

func faultText(code int, s string) string {
	return kolo.FaultError{Code: code, String: s}.Error()
}

func mustStruct(t *testing.T, v any) map[string]any {
	t.Helper()
	m, ok := v.(map[string]any)
	if !ok {
		t.Fatalf("want a struct, got %T %v", v, v)
	}
	return m
}

func TestEveryMethodEndToEnd(t *testing.T) {
	ts := newSite(t, true)
	admin := ts.creds("admin")
	author := ts.creds("author")
	with := func(base []any, more ...any) []any { return append(append([]any{}, base...), more...) }
	tests := []struct {
		method string
		args   []any
		check  func(t *testing.T, v any)
	}{
		{"demo.sayHello", nil, func(t *testing.T, v any) { eq(t, v, "Hello!") }},
		{"demo.addTwoNumbers", []any{3, 4}, func(t *testing.T, v any) { eq(t, v, int64(7)) }},
		{"system.getCapabilities", nil, func(t *testing.T, v any) {
			eq(t, mustStruct(t, mustStruct(t, v)["faults_interop"])["specVersion"], int64(20010516))
		}},
		{"system.listMethods", nil, func(t *testing.T, v any) {
			list := v.([]any)
			if list[0] != "system.multicall" || !contains(list, "wp.getPosts") || !contains(list, "wp.getTerms") || !contains(list, "wp.uploadFile") || contains(list, "pingback.ping") {
				t.Fatalf("unexpected method list %v", list)
			}
		}},
		{"mt.supportedMethods", nil, func(t *testing.T, v any) {
			if list := v.([]any); list[0] != "wp.getUsersBlogs" || contains(list, "system.multicall") {
				t.Fatalf("unexpected %v", list)
			}
		}},
		{"mt.supportedTextFilters", nil, func(t *testing.T, v any) { eq(t, len(v.([]any)), 0) }},
		{"wp.getUsersBlogs", []any{"admin", ts.appPasswords["admin"]}, func(t *testing.T, v any) {
			b := mustStruct(t, v.([]any)[0])
			eq(t, b["isAdmin"], true)
			eq(t, b["xmlrpc"], ts.url+"/xmlrpc.php")
		}},
		{"blogger.getUsersBlogs", []any{"key", "author", ts.appPasswords["author"]}, func(t *testing.T, v any) {
			eq(t, mustStruct(t, v.([]any)[0])["isAdmin"], false)
		}},
		{"metaWeblog.getUsersBlogs", []any{"key", "author", ts.appPasswords["author"]}, func(t *testing.T, v any) { eq(t, len(v.([]any)), 1) }},
		{"blogger.getUserInfo", []any{"key", "author", ts.appPasswords["author"]}, func(t *testing.T, v any) {
			eq(t, mustStruct(t, v)["nickname"], "author")
		}},
		{"wp.getUsers", admin, func(t *testing.T, v any) { eq(t, len(v.([]any)), 5) }},
		{"wp.getUsers", with(admin, map[string]any{"role": "author"}, []any{"basic"}), func(t *testing.T, v any) {
			u := mustStruct(t, v.([]any)[0])
			eq(t, u["username"], "author")
			if _, ok := u["bio"]; ok {
				t.Fatal("basic fields must not include bio")
			}
		}},
		{"wp.getUser", with(admin, int(ts.ids["editor"])), func(t *testing.T, v any) { eq(t, mustStruct(t, v)["username"], "editor") }},
		{"wp.getProfile", author, func(t *testing.T, v any) { eq(t, mustStruct(t, v)["roles"], []any{"author"}) }},
		{"wp.editProfile", with(author, map[string]any{"bio": "Writes things."}), func(t *testing.T, v any) {
			eq(t, v, true)
			u, _ := ts.store.UserByLogin(context.Background(), "author")
			eq(t, u.Description, "Writes things.")
		}},
		{"wp.getAuthors", author, func(t *testing.T, v any) { eq(t, len(v.([]any)), 5) }},
		{"wp.getPosts", with(admin, map[string]any{"number": 2, "orderby": "ID", "order": "ASC"}, []any{"post_title"}), func(t *testing.T, v any) {
			list := v.([]any)
			eq(t, len(list), 2)
			eq(t, len(mustStruct(t, list[0])), 2)
		}},
		{"wp.getPost", with(admin, 1), func(t *testing.T, v any) {
			p := mustStruct(t, v)
			eq(t, p["post_id"], "1")
			eq(t, p["post_type"], "post")
			if _, ok := p["post_date"].(time.Time); !ok {
				t.Fatalf("post_date is %T", p["post_date"])
			}
		}},
		{"wp.getPostStatusList", author, func(t *testing.T, v any) { eq(t, mustStruct(t, v)["pending"], "Pending Review") }},
		{"wp.getPageStatusList", admin, func(t *testing.T, v any) { eq(t, len(mustStruct(t, v)), 3) }},
		{"wp.getPostFormats", author, func(t *testing.T, v any) { eq(t, mustStruct(t, v)["aside"], "Aside") }},
		{"wp.getPostType", with(author, "post"), func(t *testing.T, v any) { eq(t, mustStruct(t, v)["name"], "post") }},
		{"wp.getPostType", with(author, "post", []any{"menu"}), func(t *testing.T, v any) {
			pt := mustStruct(t, v)
			eq(t, pt["menu_position"], int64(5))
			eq(t, pt["menu_icon"], "dashicons-admin-post")
			eq(t, pt["show_in_menu"], true)
			if _, ok := pt["labels"]; ok {
				t.Fatal("labels without the labels field")
			}
		}},
		{"wp.getPostTypes", with(admin, map[string]any{}, []any{"menu"}), func(t *testing.T, v any) {
			att := mustStruct(t, mustStruct(t, v)["attachment"])
			// WordPress leaves it unset: null, which its encoder sends as an
			// empty string (and kolo/xmlrpc decodes as nil).
			if v, ok := att["menu_position"]; !ok || (v != nil && v != "") {
				t.Fatalf("attachment menu_position %v (present %v)", v, ok)
			}
			eq(t, att["menu_icon"], "dashicons-admin-media")
		}},
		{"wp.getPostTypes", author, func(t *testing.T, v any) {
			if _, ok := mustStruct(t, v)["page"]; ok {
				t.Fatal("authors cannot edit pages")
			}
		}},
		{"wp.getOptions", with(admin, []any{"blog_title"}), func(t *testing.T, v any) {
			eq(t, mustStruct(t, mustStruct(t, v)["blog_title"])["value"], "PressPass Test")
		}},
		{"wp.setOptions", with(admin, map[string]any{"blog_tagline": "New tagline"}), func(t *testing.T, v any) {
			eq(t, mustStruct(t, mustStruct(t, v)["blog_tagline"])["value"], "New tagline")
		}},
		{"wp.getPages", admin, func(t *testing.T, v any) { eq(t, mustStruct(t, v.([]any)[0])["title"] != "", true) }},
		{"wp.getPage", []any{1, 8, "admin", ts.appPasswords["admin"]}, func(t *testing.T, v any) { eq(t, mustStruct(t, v)["page_id"], int64(8)) }},
		{"wp.getPageList", admin, func(t *testing.T, v any) { eq(t, mustStruct(t, v.([]any)[0])["page_id"], "8") }},
		{"metaWeblog.getPost", []any{4, "author", ts.appPasswords["author"]}, func(t *testing.T, v any) {
			eq(t, mustStruct(t, v)["postid"], int64(4))
		}},
		{"metaWeblog.getRecentPosts", with(author, 10), func(t *testing.T, v any) {
			for _, p := range v.([]any) {
				if mustStruct(t, p)["userid"] != "3" && mustStruct(t, p)["userid"] != "4" {
					t.Fatalf("authors only see posts they can edit: %v", p)
				}
			}
		}},
		{"blogger.getPost", []any{"key", 4, "author", ts.appPasswords["author"]}, func(t *testing.T, v any) {
			if c := mustStruct(t, v)["content"].(string); !strings.HasPrefix(c, "<title>") {
				t.Fatalf("content %q", c)
			}
		}},
		{"blogger.getRecentPosts", []any{"key", 1, "admin", ts.appPasswords["admin"], 3}, func(t *testing.T, v any) { eq(t, len(v.([]any)), 3) }},
		{"mt.getRecentPostTitles", with(admin, 2), func(t *testing.T, v any) { eq(t, len(v.([]any)), 2) }},
	}
	for _, tt := range tests {
		t.Run(tt.method, func(t *testing.T) {
			v, err := ts.call(tt.method, tt.args)
			if err != nil {
				t.Fatalf("%s: %v", tt.method, err)
			}
			tt.check(t, v)
		})
	}
}

func TestPostLifecycle(t *testing.T) {
	ts := newSite(t, true)
	author := ts.creds("author")
	ctx := context.Background()

	v, err := ts.call("wp.newPost", append(author, map[string]any{
		"post_title": "Via XML-RPC", "post_content": "Body", "post_status": "publish",
		"post_date": time.Date(2024, 3, 15, 8, 30, 0, 0, time.UTC),
	}))
	if err != nil {
		t.Fatal(err)
	}
	id := v.(string)
	got, err := ts.call("wp.getPost", append(author, id, []any{"post_title", "post_date", "link"}))
	if err != nil {
		t.Fatal(err)
	}
	p := mustStruct(t, got)
	eq(t, p["post_title"], "Via XML-RPC")
	eq(t, p["post_date"].(time.Time).Format("20060102T15:04:05"), "20240315T08:30:00")
	eq(t, p["link"], ts.url+"/via-xml-rpc/")
	// wp.newPost saves into an auto-draft, so WordPress treats the new post
	// as an update and closes its comments unless asked; pings stay open.
	created, _ := ts.store.PostByID(ctx, parseID(t, id))
	eq(t, created.CommentStatus, "closed")
	eq(t, created.PingStatus, "open")
	v, err = ts.call("wp.newPost", append(author, map[string]any{"post_title": "Open", "comment_status": "open"}))
	if err != nil {
		t.Fatal(err)
	}
	open, _ := ts.store.PostByID(ctx, parseID(t, v.(string)))
	eq(t, open.CommentStatus, "open")

	old := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	_, err = ts.call("wp.editPost", append(author, id, map[string]any{"post_title": "x", "if_not_modified_since": old}))
	eq(t, errString(err), faultText(409, "There is a revision of this post that is more recent."))
	if _, err := ts.call("wp.editPost", append(author, id, map[string]any{"post_title": "Edited"})); err != nil {
		t.Fatal(err)
	}
	_, err = ts.call("wp.editPost", append(author, id, map[string]any{"post_type": "page"}))
	eq(t, errString(err), faultText(401, "The post type may not be changed."))

	if _, err := ts.call("metaWeblog.editPost", []any{id, "author", ts.appPasswords["author"], map[string]any{"description": "MW body"}, true}); err != nil {
		t.Fatal(err)
	}
	if _, err := ts.call("blogger.editPost", []any{"key", id, "author", ts.appPasswords["author"], "<title>Blogger</title>Blogger body", true}); err != nil {
		t.Fatal(err)
	}
	post, _ := ts.store.PostByID(ctx, parseID(t, id))
	eq(t, post.Title, "Blogger")
	eq(t, post.Content, "Blogger body")

	if v, err := ts.call("wp.deletePost", append(author, id)); err != nil || v != true {
		t.Fatalf("delete: %v %v", v, err)
	}
	post, _ = ts.store.PostByID(ctx, parseID(t, id))
	eq(t, post.Status, "trash")
	if _, err := ts.call("wp.deletePost", append(author, id)); err != nil {
		t.Fatal(err)
	}
	if _, err := ts.store.PostByID(ctx, parseID(t, id)); !models.IsNotFound(err) {
		t.Fatalf("a trashed post is deleted for good: %v", err)
	}

	// metaWeblog, blogger and mt write paths.
	v, err = ts.call("metaWeblog.newPost", []any{1, "author", ts.appPasswords["author"], map[string]any{"title": "MW", "description": "Body", "mt_text_more": "More"}, false})
	if err != nil {
		t.Fatal(err)
	}
	mw := mustStruct(t, must(ts.call("metaWeblog.getPost", []any{v, "author", ts.appPasswords["author"]})))
	eq(t, mw["description"], "Body")
	eq(t, mw["mt_text_more"], "More")
	eq(t, mw["post_status"], "draft")
	pub, err := ts.call("mt.publishPost", []any{v, "admin", ts.appPasswords["admin"]})
	if err != nil {
		t.Fatal(err)
	}
	eq(t, pub, int64(parseID(t, v.(string))))
	if _, err := ts.call("metaWeblog.deletePost", []any{"key", v, "author", ts.appPasswords["author"], true}); err != nil {
		t.Fatal(err)
	}
	bid, err := ts.call("blogger.newPost", []any{"key", 1, "author", ts.appPasswords["author"], "<title>B</title><category>1</category>Text", true})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ts.call("blogger.deletePost", []any{"key", bid, "author", ts.appPasswords["author"], true}); err != nil {
		t.Fatal(err)
	}

	// Pages.
	editor := ts.creds("editor")
	pid, err := ts.call("wp.newPage", append(editor, map[string]any{"title": "Page", "description": "Page body", "wp_page_parent_id": 8}, true))
	if err != nil {
		t.Fatal(err)
	}
	page := mustStruct(t, must(ts.call("wp.getPage", []any{1, pid, "editor", ts.appPasswords["editor"]})))
	eq(t, page["link"], ts.url+"/test-page/page/")
	eq(t, page["wp_page_parent_title"] != "", true)
	// A list loads its pages' parents' titles at once (PostTitles), and
	// they are the ones a single page looks up.
	listed := false
	for _, item := range must(ts.call("wp.getPages", []any{1, "editor", ts.appPasswords["editor"], 50})).([]any) {
		if m := mustStruct(t, item); m["page_id"] == page["page_id"] {
			listed = true
			eq(t, m["wp_page_parent_title"], page["wp_page_parent_title"])
		}
	}
	eq(t, listed, true)
	if _, err := ts.call("wp.editPage", []any{1, pid, "editor", ts.appPasswords["editor"], map[string]any{"title": "Page 2"}, true}); err != nil {
		t.Fatal(err)
	}
	_, err = ts.call("wp.editPage", []any{1, 1, "editor", ts.appPasswords["editor"], map[string]any{"title": "x"}, true})
	eq(t, errString(err), faultText(404, "Sorry, no such page."))
	if _, err := ts.call("wp.deletePage", append(editor, pid)); err != nil {
		t.Fatal(err)
	}
}

// TestPermissionMatrix checks each role against methods whose capability
// rules differ by role.
func TestPermissionMatrix(t *testing.T) {
	ts := newSite(t, true)
	ok := ""
	type row struct {
		method string
		args   func(login string) []any
		want   map[string]string // login -> "" (allowed) or the fault
	}
	std := func(extra ...any) func(string) []any {
		return func(login string) []any { return append(ts.creds(login), extra...) }
	}
	listUsers := faultText(401, "Sorry, you are not allowed to list users.")
	editPosts := faultText(401, "Sorry, you are not allowed to edit posts in this post type.")
	siteDetails := faultText(403, "Sorry, you are not allowed to access details about this site.")
	postOnSite := faultText(401, "Sorry, you are not allowed to post on this site.")
	rows := []row{
		{"wp.getUsers", std(), map[string]string{"admin": ok, "editor": listUsers, "author": listUsers, "contributor": listUsers, "subscriber": listUsers}},
		{"wp.getPosts", std(), map[string]string{"admin": ok, "editor": ok, "author": ok, "contributor": ok, "subscriber": editPosts}},
		{"wp.getPostStatusList", std(), map[string]string{"admin": ok, "editor": ok, "author": ok, "contributor": ok, "subscriber": siteDetails}},
		{"wp.getPageStatusList", std(), map[string]string{"admin": ok, "editor": ok, "author": siteDetails, "contributor": siteDetails, "subscriber": siteDetails}},
		{"wp.getProfile", std(), map[string]string{"admin": ok, "editor": ok, "author": ok, "contributor": ok, "subscriber": ok}},
		{"wp.getPost", std(1), map[string]string{"admin": ok, "editor": ok, "author": faultText(401, "Sorry, you are not allowed to edit this post."), "subscriber": faultText(401, "Sorry, you are not allowed to edit this post.")}},
		{"wp.newPost", std(map[string]any{"post_title": "t", "post_status": "publish"}), map[string]string{"admin": ok, "editor": ok, "author": ok, "contributor": faultText(401, "Sorry, you are not allowed to publish posts in this post type."), "subscriber": postOnSite}},
		{"wp.newPost", std(map[string]any{"post_title": "t", "post_type": "page"}), map[string]string{"admin": ok, "editor": ok, "author": postOnSite, "contributor": postOnSite, "subscriber": postOnSite}},
		{"wp.newPost", std(map[string]any{"post_title": "t", "sticky": true, "post_status": "publish"}), map[string]string{"editor": ok, "author": faultText(401, "Sorry, you are not allowed to make posts sticky.")}},
		{"wp.setOptions", std(map[string]any{"blog_tagline": "x"}), map[string]string{"admin": ok, "editor": faultText(403, "Sorry, you are not allowed to update options.")}},
		{"wp.getPageList", std(), map[string]string{"editor": ok, "author": faultText(401, "Sorry, you are not allowed to edit pages.")}},
		{"wp.deletePost", std(1), map[string]string{"author": faultText(401, "Sorry, you are not allowed to delete this post.")}},
		{"blogger.getUserInfo", func(login string) []any { return []any{"k", login, ts.appPasswords[login]} }, map[string]string{"contributor": ok, "subscriber": faultText(401, "Sorry, you are not allowed to access user data on this site.")}},
	}
	for _, r := range rows {
		for login, want := range r.want {
			t.Run(r.method+"/"+login, func(t *testing.T) {
				_, err := ts.call(r.method, r.args(login))
				if got := errString(err); got != want {
					t.Fatalf("got %q, want %q", got, want)
				}
			})
		}
	}
}

func TestMulticall(t *testing.T) {
	ts := newSite(t, true)
	good := []any{1, "admin", ts.appPasswords["admin"]}
	bad := []any{1, "admin", "wrong"}
	calls := []any{
		map[string]any{"methodName": "wp.getProfile", "params": good},
		map[string]any{"methodName": "wp.getProfile", "params": bad},
		map[string]any{"methodName": "wp.getProfile", "params": good},
		map[string]any{"methodName": "system.multicall", "params": []any{}},
		map[string]any{"methodName": "demo.addTwoNumbers", "params": []any{1, 2}},
		map[string]any{"methodName": "no.such"},
	}
	v, err := ts.call("system.multicall", []any{calls})
	if err != nil {
		t.Fatal(err)
	}
	res := v.([]any)
	eq(t, mustStruct(t, res[0].([]any)[0])["username"], "admin")
	eq(t, mustStruct(t, res[1])["faultCode"], int64(403))
	// After one failed login, later logins in the same request fail untried.
	eq(t, mustStruct(t, res[2])["faultString"], "Incorrect username or password.")
	eq(t, mustStruct(t, res[3])["faultCode"], int64(-32600))
	eq(t, res[4], []any{int64(3)})
	eq(t, mustStruct(t, res[5])["faultString"], "server error. requested method no.such does not exist.")

	// A new request starts with a clean slate.
	if _, err := ts.call("wp.getProfile", good); err != nil {
		t.Fatal(err)
	}
}

func TestAppPasswordRevokedFails(t *testing.T) {
	ts := newSite(t, true)
	ctx := context.Background()
	ap, err := ts.store.CreateAppPassword(ctx, ts.ids["editor"], "revoke-me", "")
	if err != nil {
		t.Fatal(err)
	}
	for _, pw := range []string{ap.Password, ap.Chunked()} {
		if _, err := ts.call("wp.getProfile", []any{1, "editor", pw}); err != nil {
			t.Fatalf("fresh app password %q: %v", pw, err)
		}
	}
	if _, err := ts.store.DeleteAppPassword(ctx, ts.ids["editor"], ap.UUID); err != nil {
		t.Fatal(err)
	}
	_, err = ts.call("wp.getProfile", []any{1, "editor", ap.Password})
	eq(t, errString(err), faultText(403, "Incorrect username or password."))
	// The main password still works over XML-RPC, as in WordPress.
	if _, err := ts.call("wp.getProfile", []any{1, "editor", passwords["editor"]}); err != nil {
		t.Fatal(err)
	}
}

func TestHTTPEdges(t *testing.T) {
	ts := newSite(t, true)
	get := func(path string) (*http.Response, string) {
		resp, err := http.Get(ts.url + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp, string(b)
	}
	resp, body := get("/xmlrpc.php")
	eq(t, resp.StatusCode, 405)
	eq(t, resp.Header.Get("Allow"), "POST")
	eq(t, body, "XML-RPC server accepts POST requests only.")

	resp, body = get("/xmlrpc.php?rsd")
	eq(t, resp.StatusCode, 200)
	eq(t, resp.Header.Get("Content-Type"), "text/xml; charset=UTF-8")
	if !strings.Contains(body, `apiLink="`+ts.url+`/xmlrpc.php"`) {
		t.Fatalf("rsd: %s", body)
	}

	for _, tt := range []struct{ body, want string }{
		{"", "<int>-32700</int>"},
		{"<methodCall><methodName>x", "<int>-32700</int>"},
		{"<methodResponse/>", "<int>-32600</int>"},
		{strings.Repeat("<a>", 100000), "<int>-32700</int>"},
	} {
		resp, err := http.Post(ts.url+"/xmlrpc.php", "text/xml", strings.NewReader(tt.body))
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		eq(t, resp.StatusCode, 200)
		if !strings.Contains(string(b), tt.want) {
			t.Fatalf("%.40q: got %s", tt.body, b)
		}
	}
}

func TestBodyLimit(t *testing.T) {
	s := fixturestest.Open(t)
	h := xmlrpc.NewServer(s, xmlrpc.Config{SiteURL: "http://x", Enabled: true, Limits: xmlrpc.Limits{MaxBodyBytes: 100, MaxDepth: 8, MaxElements: 100, MaxStringBytes: 1000, MaxMulticall: 2}})
	rec := httptest.NewRecorder()
	body := `<methodCall><methodName>demo.sayHello</methodName><params><param><value>` + strings.Repeat("x", 200) + `</value></param></params></methodCall>`
	h.ServeHTTP(rec, httptest.NewRequest("POST", "/xmlrpc.php", strings.NewReader(body)))
	if !strings.Contains(rec.Body.String(), "<int>-32700</int>") {
		t.Fatalf("oversized body: %s", rec.Body.String())
	}
	rec = httptest.NewRecorder()
	calls := strings.Repeat(`<value><struct><member><name>methodName</name><value>demo.sayHello</value></member></struct></value>`, 3)
	body = `<methodCall><methodName>system.multicall</methodName><params><param><value><array><data>` + calls + `</data></array></value></param></params></methodCall>`
	h = xmlrpc.NewServer(s, xmlrpc.Config{SiteURL: "http://x", Enabled: true, Limits: xmlrpc.Limits{MaxBodyBytes: 1 << 20, MaxDepth: 8, MaxElements: 1000, MaxStringBytes: 1000, MaxMulticall: 2}})
	h.ServeHTTP(rec, httptest.NewRequest("POST", "/xmlrpc.php", strings.NewReader(body)))
	if !strings.Contains(rec.Body.String(), "<int>-32600</int>") {
		t.Fatalf("too many calls: %s", rec.Body.String())
	}
}

func TestDisabled(t *testing.T) {
	ts := newSite(t, false)
	resp, err := http.Post(ts.url+"/xmlrpc.php", "text/xml", strings.NewReader(`<methodCall><methodName>wp.getProfile</methodName><params><param><value><int>1</int></value></param><param><value>admin</value></param><param><value>admin-test-pass</value></param></params></methodCall>`))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	eq(t, resp.StatusCode, 405)
	if !strings.Contains(string(b), "XML-RPC services are disabled on this site.") {
		t.Fatalf("got %s", b)
	}
	// Methods without login still answer.
	if v, err := ts.call("demo.sayHello", nil); err != nil || v != "Hello!" {
		t.Fatalf("%v %v", v, err)
	}
}

// callCase is one XML-RPC call and the fault it must end in ("" for
// success).
type callCase struct {
	name, method string
	args         []any
	fault        string
}

// expectFaults makes each call as a subtest and checks its fault.
func (ts *testSite) expectFaults(t *testing.T, cases []callCase) {
	t.Helper()
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ts.call(tt.method, tt.args)
			if errString(err) != tt.fault {
				t.Fatalf("got %v, want %q", err, tt.fault)
			}
		})
	}
}
