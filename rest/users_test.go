package rest

import (
	"context"
	"reflect"
	"strconv"
	"testing"

	"github.com/presspass/presspass/models"
)

func ids(res result) []float64 {
	var out []float64
	for _, item := range res.list() {
		out = append(out, item.(map[string]any)["id"].(float64))
	}
	return out
}

func TestUsersList(t *testing.T) {
	ts := newTestSite(t)
	cases := []struct {
		name    string
		q       req
		status  int
		code    string
		wantIDs []float64
		total   string
	}{
		{"anonymous sees published authors only", req{path: "/wp-json/wp/v2/users"}, 200, "", []float64{1, 3}, "2"},
		{"admin sees everyone by name", req{path: "/wp-json/wp/v2/users", as: "admin"}, 200, "", []float64{1, 3, 4, 2, 5}, "5"},
		{"subscriber sees published authors only", req{path: "/wp-json/wp/v2/users", as: "subscriber"}, 200, "", []float64{1, 3}, "2"},
		{"order by id desc", req{path: "/wp-json/wp/v2/users?orderby=id&order=desc", as: "admin"}, 200, "", []float64{5, 4, 3, 2, 1}, "5"},
		{"page two", req{path: "/wp-json/wp/v2/users?orderby=id&per_page=2&page=2", as: "admin"}, 200, "", []float64{3, 4}, "5"},
		{"offset", req{path: "/wp-json/wp/v2/users?orderby=id&per_page=2&offset=3", as: "admin"}, 200, "", []float64{4, 5}, "5"},
		{"past the last page is empty", req{path: "/wp-json/wp/v2/users?per_page=2&page=9", as: "admin"}, 200, "", nil, "5"},
		{"include in given order", req{path: "/wp-json/wp/v2/users?include=4,2&orderby=include", as: "admin"}, 200, "", []float64{4, 2}, "2"},
		{"exclude", req{path: "/wp-json/wp/v2/users?exclude=1,2,3&orderby=id", as: "admin"}, 200, "", []float64{4, 5}, "2"},
		{"slug", req{path: "/wp-json/wp/v2/users?slug=editor,author&orderby=id", as: "admin"}, 200, "", []float64{2, 3}, "2"},
		{"roles", req{path: "/wp-json/wp/v2/users?roles=editor", as: "admin"}, 200, "", []float64{2}, "1"},
		{"capabilities", req{path: "/wp-json/wp/v2/users?capabilities=publish_posts&orderby=id", as: "admin"}, 200, "", []float64{1, 2, 3}, "3"},
		{"capability nobody has", req{path: "/wp-json/wp/v2/users?capabilities=fly", as: "admin"}, 200, "", nil, "0"},
		{"who=authors", req{path: "/wp-json/wp/v2/users?who=authors&orderby=id", as: "author"}, 200, "", []float64{1, 2, 3, 4}, "4"},
		{"search by admin looks at e-mail", req{path: "/wp-json/wp/v2/users?search=example.com&orderby=id", as: "admin"}, 200, "", []float64{1, 2, 3, 4, 5}, "5"},
		{"search by others never looks at e-mail", req{path: "/wp-json/wp/v2/users?search=example.com", as: "author"}, 200, "", nil, "0"},
		{"search by name", req{path: "/wp-json/wp/v2/users?search=edit", as: "admin"}, 200, "", []float64{2}, "1"},
		{"search_columns", req{path: "/wp-json/wp/v2/users?search=editor@&search_columns=email", as: "admin"}, 200, "", []float64{2}, "1"},
		{"has_published_posts", req{path: "/wp-json/wp/v2/users?has_published_posts=true&orderby=id", as: "admin"}, 200, "", []float64{1, 3}, "2"},
		{"edit context as author", req{path: "/wp-json/wp/v2/users?context=edit", as: "author"}, 403, "rest_forbidden_context", nil, ""},
		{"edit context anonymous", req{path: "/wp-json/wp/v2/users?context=edit"}, 401, "rest_forbidden_context", nil, ""},
		{"roles filter anonymous", req{path: "/wp-json/wp/v2/users?roles=editor"}, 401, "rest_user_cannot_view", nil, ""},
		{"orderby email anonymous", req{path: "/wp-json/wp/v2/users?orderby=email"}, 401, "rest_forbidden_orderby", nil, ""},
		{"who=authors as subscriber", req{path: "/wp-json/wp/v2/users?who=authors", as: "subscriber"}, 403, "rest_forbidden_who", nil, ""},
		{"per_page too big", req{path: "/wp-json/wp/v2/users?per_page=101"}, 400, "rest_invalid_param", nil, ""},
		{"page zero", req{path: "/wp-json/wp/v2/users?page=0"}, 400, "rest_invalid_param", nil, ""},
		{"bad orderby", req{path: "/wp-json/wp/v2/users?orderby=password"}, 400, "rest_invalid_param", nil, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := ts.with(t).expect(c.q, c.status, c.code)
			if c.status != 200 {
				return
			}
			if got := ids(res); !reflect.DeepEqual(got, c.wantIDs) {
				t.Errorf("ids %v, want %v", got, c.wantIDs)
			}
			if res.header.Get("X-WP-Total") != c.total {
				t.Errorf("X-WP-Total %q, want %q", res.header.Get("X-WP-Total"), c.total)
			}
		})
	}
}

func TestUsersGetAndShapes(t *testing.T) {
	ts := newTestSite(t)
	cases := []struct {
		name   string
		q      req
		status int
		code   string
		allow  string
	}{
		{"published author, anonymous", req{path: "/wp-json/wp/v2/users/3"}, 200, "", "GET"},
		{"user without posts, anonymous", req{path: "/wp-json/wp/v2/users/2"}, 401, "rest_user_cannot_view", ""},
		{"user without posts, subscriber", req{path: "/wp-json/wp/v2/users/2", as: "subscriber"}, 403, "rest_user_cannot_view", ""},
		{"oneself without posts", req{path: "/wp-json/wp/v2/users/5", as: "subscriber"}, 200, "", "GET, POST, PUT, PATCH"},
		{"other in edit context as author", req{path: "/wp-json/wp/v2/users/1?context=edit", as: "author"}, 403, "rest_user_cannot_view", ""},
		{"admin reads anyone", req{path: "/wp-json/wp/v2/users/2?context=edit", as: "admin"}, 200, "", "GET, POST, PUT, PATCH, DELETE"},
		{"unknown user", req{path: "/wp-json/wp/v2/users/999", as: "admin"}, 404, "rest_user_invalid_id", ""},
		{"me anonymous", req{path: "/wp-json/wp/v2/users/me"}, 401, "rest_not_logged_in", "GET"},
		{"me as subscriber", req{path: "/wp-json/wp/v2/users/me", as: "subscriber"}, 200, "", "GET, POST, PUT, PATCH"},
		{"me as admin", req{path: "/wp-json/wp/v2/users/me", as: "admin"}, 200, "", "GET, POST, PUT, PATCH, DELETE"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := ts.with(t).expect(c.q, c.status, c.code)
			if got := res.header.Get("Allow"); got != c.allow {
				t.Errorf("Allow %q, want %q", got, c.allow)
			}
		})
	}

	view := ts.expect(req{path: "/wp-json/wp/v2/users/me", as: "admin"}, 200, "").obj()
	if got, want := keys(view), []string{"_links", "avatar_urls", "description", "id", "link", "meta", "name", "slug", "url"}; !reflect.DeepEqual(got, want) {
		t.Errorf("view keys %v, want %v", got, want)
	}
	if !reflect.DeepEqual(view["meta"], []any{}) {
		t.Errorf("view meta %v", view["meta"])
	}
	if view["link"] != ts.url+"/author/admin/" {
		t.Errorf("link %v", view["link"])
	}
	// sha256("admin@example.com")
	if got := view["avatar_urls"].(map[string]any)["24"]; got != "https://secure.gravatar.com/avatar/258d8dc916db8cea2cafb6c3cd0cb0246efe061421dbd83ec3a350428cabda4f?s=24&d=mm&r=g" {
		t.Errorf("avatar %v", got)
	}
	self := view["_links"].(map[string]any)["self"].([]any)[0].(map[string]any)
	if !reflect.DeepEqual(self["targetHints"], map[string]any{"allow": []any{"GET", "POST", "PUT", "PATCH", "DELETE"}}) {
		t.Errorf("targetHints %v", self)
	}

	edit := ts.expect(req{path: "/wp-json/wp/v2/users/me?context=edit", as: "subscriber"}, 200, "").obj()
	if got, want := keys(edit), []string{"_links", "avatar_urls", "capabilities", "description", "email", "extra_capabilities", "first_name", "id", "last_name", "link", "locale", "meta", "name", "nickname", "registered_date", "roles", "slug", "url", "username"}; !reflect.DeepEqual(got, want) {
		t.Errorf("edit keys %v, want %v", got, want)
	}
	if !reflect.DeepEqual(edit["capabilities"], map[string]any{"read": true, "level_0": true, "subscriber": true}) ||
		!reflect.DeepEqual(edit["extra_capabilities"], map[string]any{"subscriber": true}) ||
		!reflect.DeepEqual(edit["roles"], []any{"subscriber"}) || edit["locale"] != "en_US" ||
		edit["registered_date"] != "2024-01-01T00:00:00+00:00" ||
		!reflect.DeepEqual(edit["meta"], map[string]any{"persisted_preferences": []any{}}) {
		t.Errorf("edit values %v", edit)
	}

	embed := ts.expect(req{path: "/wp-json/wp/v2/users/3?context=embed"}, 200, "").obj()
	if got, want := keys(embed), []string{"_links", "avatar_urls", "description", "id", "link", "name", "slug", "url"}; !reflect.DeepEqual(got, want) {
		t.Errorf("embed keys %v, want %v", got, want)
	}
	self = embed["_links"].(map[string]any)["self"].([]any)[0].(map[string]any)
	if !reflect.DeepEqual(self["targetHints"], map[string]any{"allow": []any{"GET"}}) {
		t.Errorf("anonymous targetHints %v", self)
	}

	fields := ts.expect(req{path: "/wp-json/wp/v2/users/me?_fields=id,name", as: "admin"}, 200, "").json
	if !reflect.DeepEqual(fields, map[string]any{"id": float64(1), "name": "Admin"}) {
		t.Errorf("_fields %v", fields)
	}
}

func TestUsersCreate(t *testing.T) {
	ts := newTestSite(t)
	cases := []struct {
		name   string
		q      req
		status int
		code   string
	}{
		{"editor may not create", req{method: "POST", path: "/wp-json/wp/v2/users", body: `{"username":"x1","email":"x1@example.com","password":"pw-x1"}`, as: "editor"}, 403, "rest_cannot_create_user"},
		{"anonymous may not create", req{method: "POST", path: "/wp-json/wp/v2/users", body: `{"username":"x1","email":"x1@example.com","password":"pw-x1"}`}, 401, "rest_cannot_create_user"},
		{"username required", req{method: "POST", path: "/wp-json/wp/v2/users", body: `{"email":"x1@example.com","password":"pw-x1"}`, as: "admin"}, 400, "rest_missing_callback_param"},
		{"e-mail must be valid", req{method: "POST", path: "/wp-json/wp/v2/users", body: `{"username":"x1","email":"nope","password":"pw-x1"}`, as: "admin"}, 400, "rest_invalid_param"},
		{"password may not hold a backslash", req{method: "POST", path: "/wp-json/wp/v2/users", body: `{"username":"x1","email":"x1@example.com","password":"a\\b"}`, as: "admin"}, 400, "rest_invalid_param"},
		{"unknown role", req{method: "POST", path: "/wp-json/wp/v2/users", body: `{"username":"x1","email":"x1@example.com","password":"pw-x1","roles":["nonsense"]}`, as: "admin"}, 400, "rest_user_invalid_role"},
		{"duplicate username", req{method: "POST", path: "/wp-json/wp/v2/users", body: `{"username":"editor","email":"x1@example.com","password":"pw-x1"}`, as: "admin"}, 400, "existing_user_login"},
		{"duplicate e-mail", req{method: "POST", path: "/wp-json/wp/v2/users", body: `{"username":"x1","email":"editor@example.com","password":"pw-x1"}`, as: "admin"}, 400, "existing_user_email"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { ts.with(t).expect(c.q, c.status, c.code) })
	}

	res := ts.expect(req{method: "POST", path: "/wp-json/wp/v2/users", as: "admin",
		body: "username=newbie&email=newbie%40example.com&password=newbie-pass&name=New+Bie&roles%5B%5D=author"}, 201, "")
	u := res.obj()
	id := u["id"].(float64)
	if res.header.Get("Location") != ts.url+"/wp-json/wp/v2/users/"+strconv.FormatFloat(id, 'f', -1, 64) {
		t.Errorf("Location %q", res.header.Get("Location"))
	}
	if u["username"] != "newbie" || u["name"] != "New Bie" || !reflect.DeepEqual(u["roles"], []any{"author"}) || u["email"] != "newbie@example.com" {
		t.Errorf("created %v", u)
	}
	if _, err := ts.store.AuthenticatePassword(context.Background(), "newbie", "newbie-pass"); err != nil {
		t.Errorf("the new user cannot log in: %v", err)
	}
}

func TestUsersUpdate(t *testing.T) {
	ts := newTestSite(t)
	cases := []struct {
		name   string
		q      req
		status int
		code   string
	}{
		{"own description as author", req{method: "POST", path: "/wp-json/wp/v2/users/me", body: "description=Writes+Go.", as: "author"}, 200, ""},
		{"other user as author", req{method: "POST", path: "/wp-json/wp/v2/users/2", body: "description=hijack", as: "author"}, 403, "rest_cannot_edit"},
		{"own roles as author", req{method: "POST", path: "/wp-json/wp/v2/users/me", body: `{"roles":["administrator"]}`, as: "author"}, 403, "rest_cannot_edit_roles"},
		{"editor may not edit the admin", req{method: "PUT", path: "/wp-json/wp/v2/users/1", body: "description=x", as: "editor"}, 403, "rest_cannot_edit"},
		{"anonymous", req{method: "POST", path: "/wp-json/wp/v2/users/2", body: "description=x"}, 401, "rest_cannot_edit"},
		{"e-mail of another user", req{method: "POST", path: "/wp-json/wp/v2/users/2", body: "email=author%40example.com", as: "admin"}, 400, "rest_user_invalid_email"},
		{"username is fixed", req{method: "POST", path: "/wp-json/wp/v2/users/2", body: "username=renamed", as: "admin"}, 400, "rest_user_invalid_argument"},
		{"slug of another user", req{method: "POST", path: "/wp-json/wp/v2/users/2", body: "slug=author", as: "admin"}, 400, "rest_user_invalid_slug"},
		{"admin may not demote themselves", req{method: "POST", path: "/wp-json/wp/v2/users/me", body: `{"roles":["editor"]}`, as: "admin"}, 403, "rest_user_invalid_role"},
		{"unknown user", req{method: "POST", path: "/wp-json/wp/v2/users/999", body: "description=x", as: "admin"}, 404, "rest_user_invalid_id"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { ts.with(t).expect(c.q, c.status, c.code) })
	}
	res := ts.expect(req{method: "PATCH", path: "/wp-json/wp/v2/users/2", body: `{"roles":["author"],"first_name":"<b>Ed</b>","url":"https://ed.example.com"}`, as: "admin"}, 200, "")
	if u := res.obj(); !reflect.DeepEqual(u["roles"], []any{"author"}) || u["first_name"] != "Ed" || u["url"] != "https://ed.example.com" {
		t.Errorf("updated %v", u)
	}
	res = ts.expect(req{method: "POST", path: "/wp-json/wp/v2/users/me", body: `{"url":"javascript:alert(1)"}`, as: "author"}, 200, "")
	if res.obj()["url"] != "" {
		t.Errorf("a javascript: URL was kept: %v", res.obj()["url"])
	}
	// A new main password works at once and leaves app passwords alone.
	ts.expect(req{method: "POST", path: "/wp-json/wp/v2/users/me", body: "password=brand-new-pass", as: "contributor"}, 200, "")
	if _, err := ts.store.AuthenticatePassword(context.Background(), "contributor", "brand-new-pass"); err != nil {
		t.Errorf("new password refused: %v", err)
	}
	ts.expect(req{path: "/wp-json/wp/v2/users/me", as: "contributor"}, 200, "")
}

func TestUsersDelete(t *testing.T) {
	ts := newTestSite(t)
	author := ts.user("author")
	cases := []struct {
		name   string
		q      req
		status int
		code   string
	}{
		{"force is required", req{method: "DELETE", path: "/wp-json/wp/v2/users/3?reassign=1", as: "admin"}, 501, "rest_trash_not_supported"},
		{"reassign is required", req{method: "DELETE", path: "/wp-json/wp/v2/users/3?force=true", as: "admin"}, 400, "rest_missing_callback_param"},
		{"reassign must exist", req{method: "DELETE", path: "/wp-json/wp/v2/users/3?force=true&reassign=999", as: "admin"}, 400, "rest_user_invalid_reassign"},
		{"reassign to oneself", req{method: "DELETE", path: "/wp-json/wp/v2/users/3?force=true&reassign=3", as: "admin"}, 400, "rest_user_invalid_reassign"},
		{"reassign must be an id", req{method: "DELETE", path: "/wp-json/wp/v2/users/3?force=true&reassign=bob", as: "admin"}, 400, "rest_invalid_param"},
		{"editor may not delete", req{method: "DELETE", path: "/wp-json/wp/v2/users/3?force=true&reassign=1", as: "editor"}, 403, "rest_user_cannot_delete"},
		{"nor delete themselves", req{method: "DELETE", path: "/wp-json/wp/v2/users/me?force=true&reassign=1", as: "editor"}, 403, "rest_user_cannot_delete"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { ts.with(t).expect(c.q, c.status, c.code) })
	}
	res := ts.expect(req{method: "DELETE", path: "/wp-json/wp/v2/users/3?force=true&reassign=1", as: "admin"}, 200, "")
	prev := res.obj()["previous"].(map[string]any)
	if res.obj()["deleted"] != true || prev["username"] != "author" || prev["_links"] != nil {
		t.Errorf("delete answer %v", res.obj())
	}
	ts.expect(req{path: "/wp-json/wp/v2/users/3", as: "admin"}, 404, "rest_user_invalid_id")
	posts, _, err := ts.store.Posts(context.Background(), models.PostFilter{Authors: []uint64{author.ID}, Statuses: []string{"publish", "draft", "pending", "private"}, Types: []string{"post", "page"}})
	if err != nil || len(posts) != 0 {
		t.Errorf("posts left with the deleted author: %d %v", len(posts), err)
	}
	// The deleted user's application passwords went with them.
	ts.expect(req{path: "/wp-json/wp/v2/users/me", as: "author"}, 401, "invalid_username")
	// reassign=false deletes the user's posts.
	ts.expect(req{method: "DELETE", path: "/wp-json/wp/v2/users/4?force=true&reassign=false", as: "admin"}, 200, "")
}
