package rest

import (
	"reflect"
	"regexp"
	"testing"

	"github.com/presspass/presspass/models"
)

var chunkedPassword = regexp.MustCompile(`^[A-Za-z0-9]{4}( [A-Za-z0-9]{4}){5}$`)

func TestAppPasswordsPermissionMatrix(t *testing.T) {
	ts := newTestSite(t)
	editorUUID := func() string {
		list, err := ts.store.AppPasswords(t.Context(), ts.user("editor").ID)
		if err != nil || len(list) == 0 {
			t.Fatalf("editor passwords: %v %v", list, err)
		}
		return list[0].UUID
	}()
	base := "/wp-json/wp/v2/users/2/application-passwords"
	one := base + "/" + editorUUID
	cases := []struct {
		name   string
		q      req
		status int
		code   string
	}{
		{"self lists own", req{path: base, as: "editor"}, 200, ""},
		{"admin lists other's", req{path: base, as: "admin"}, 200, ""},
		{"author lists other's", req{path: base, as: "author"}, 403, "rest_cannot_list_application_passwords"},
		{"subscriber lists other's", req{path: base, as: "subscriber"}, 403, "rest_cannot_list_application_passwords"},
		{"anonymous lists", req{path: base}, 401, "rest_cannot_list_application_passwords"},
		{"anonymous lists me", req{path: "/wp-json/wp/v2/users/me/application-passwords"}, 401, "rest_not_logged_in"},
		{"subscriber lists own", req{path: "/wp-json/wp/v2/users/me/application-passwords", as: "subscriber"}, 200, ""},
		{"unknown user", req{path: "/wp-json/wp/v2/users/999/application-passwords", as: "admin"}, 404, "rest_user_invalid_id"},
		{"author creates for other", req{method: "POST", path: base, body: "name=evil", as: "author"}, 403, "rest_cannot_create_application_passwords"},
		{"editor may not manage the admin's", req{path: "/wp-json/wp/v2/users/1/application-passwords", as: "editor"}, 403, "rest_cannot_list_application_passwords"},
		{"author reads other's one", req{path: one, as: "author"}, 403, "rest_cannot_read_application_password"},
		{"author renames other's", req{method: "POST", path: one, body: "name=x", as: "author"}, 403, "rest_cannot_edit_application_password"},
		{"author deletes other's", req{method: "DELETE", path: one, as: "author"}, 403, "rest_cannot_delete_application_password"},
		{"author deletes all of other's", req{method: "DELETE", path: base, as: "author"}, 403, "rest_cannot_delete_application_passwords"},
		{"admin reads other's one", req{path: one, as: "admin"}, 200, ""},
		{"unknown uuid", req{path: base + "/00000000-0000-4000-8000-000000000000", as: "admin"}, 404, "rest_application_password_not_found"},
		{"introspect other user", req{path: base + "/introspect", as: "admin"}, 403, "rest_cannot_introspect_app_password_for_non_authenticated_user"},
		{"introspect anonymous", req{path: "/wp-json/wp/v2/users/me/application-passwords/introspect"}, 401, "rest_not_logged_in"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { ts.with(t).expect(c.q, c.status, c.code) })
	}
}

func TestAppPasswordsLifecycle(t *testing.T) {
	ts := newTestSite(t)
	coll := "/wp-json/wp/v2/users/me/application-passwords"

	ts.expect(req{method: "POST", path: coll, body: "", as: "author"}, 400, "rest_missing_callback_param")
	ts.expect(req{method: "POST", path: coll, body: "name=", as: "author"}, 400, "rest_invalid_param")
	ts.expect(req{method: "POST", path: coll, body: "name=+++", as: "author"}, 400, "rest_invalid_param")
	res := ts.expect(req{method: "POST", path: coll, body: "name=x&app_id=not-a-uuid", as: "author"}, 400, "rest_invalid_param")
	if d := res.obj()["data"].(map[string]any)["details"].(map[string]any)["app_id"].(map[string]any); d["code"] != "rest_no_matching_schema" {
		t.Errorf("app_id details %v", d)
	}

	appID := "6f5d6a9e-2c2c-4a1a-9b1e-0d3c5a7e9f11"
	res = ts.expect(req{method: "POST", path: coll, body: `{"name":"<b>Tagged</b> App","app_id":"` + appID + `"}`, as: "author"}, 201, "")
	created := res.obj()
	uuid := created["uuid"].(string)
	if !models.IsUUID(uuid) || created["name"] != "Tagged App" || created["app_id"] != appID || created["last_used"] != nil || created["last_ip"] != nil {
		t.Errorf("created %v", created)
	}
	pw, _ := created["password"].(string)
	if !chunkedPassword.MatchString(pw) {
		t.Errorf("password %q is not chunked", pw)
	}
	self := ts.url + "/wp-json/wp/v2/users/3/application-passwords/" + uuid
	if res.header.Get("Location") != self {
		t.Errorf("Location %q, want %q", res.header.Get("Location"), self)
	}
	link := created["_links"].(map[string]any)["self"].([]any)[0].(map[string]any)
	if link["href"] != self || !reflect.DeepEqual(link["targetHints"], map[string]any{"allow": []any{"GET", "POST", "PUT", "PATCH", "DELETE"}}) {
		t.Errorf("self link %v", link)
	}
	// Both the chunked and the plain form authenticate.
	plain := models.NormalizeAppPassword(pw)
	ts.expect(req{path: "/wp-json/wp/v2/users/me", headers: map[string]string{"Authorization": basic("author", pw)}}, 200, "")
	ts.expect(req{path: "/wp-json/wp/v2/users/me", headers: map[string]string{"Authorization": basic("author", plain)}}, 200, "")

	// The list never shows a password.
	res = ts.expect(req{path: coll, as: "author"}, 200, "")
	if len(res.list()) != 2 {
		t.Fatalf("list has %d items", len(res.list()))
	}
	for _, item := range res.list() {
		if _, has := item.(map[string]any)["password"]; has {
			t.Errorf("list shows a password: %v", item)
		}
	}

	// Renaming keeps app_id: it can never change.
	res = ts.expect(req{method: "PUT", path: coll + "/" + uuid, body: `{"name":"Renamed","app_id":"11111111-2222-4333-8444-555555555555"}`, as: "author"}, 200, "")
	if res.obj()["name"] != "Renamed" || res.obj()["app_id"] != appID {
		t.Errorf("after update %v", res.obj())
	}
	res = ts.expect(req{method: "PATCH", path: coll + "/" + uuid, body: "app_id=", as: "author"}, 200, "")
	if res.obj()["name"] != "Renamed" || res.obj()["app_id"] != appID {
		t.Errorf("after app_id-only update %v", res.obj())
	}

	// Introspection shows the password that authenticated the request.
	res = ts.expect(req{path: coll + "/introspect", headers: map[string]string{"Authorization": basic("author", pw)}}, 200, "")
	if res.obj()["uuid"] != uuid || res.obj()["last_ip"] != "127.0.0.1" || res.obj()["last_used"] == nil {
		t.Errorf("introspect %v", res.obj())
	}

	res = ts.expect(req{method: "DELETE", path: coll + "/" + uuid, as: "author"}, 200, "")
	prev := res.obj()["previous"].(map[string]any)
	if res.obj()["deleted"] != true || prev["uuid"] != uuid || prev["_links"] != nil {
		t.Errorf("delete %v", res.obj())
	}
	ts.expect(req{method: "DELETE", path: coll + "/" + uuid, as: "author"}, 404, "rest_application_password_not_found")

	// Admin creates for another user; delete-all reports the count.
	ts.expect(req{method: "POST", path: "/wp-json/wp/v2/users/5/application-passwords", body: "name=tw-one", as: "admin"}, 201, "")
	res = ts.expect(req{method: "DELETE", path: "/wp-json/wp/v2/users/5/application-passwords", as: "admin"}, 200, "")
	if !reflect.DeepEqual(res.json, map[string]any{"deleted": true, "count": float64(2)}) {
		t.Errorf("delete all %v", res.json)
	}
}
