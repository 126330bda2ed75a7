package rest

import (
	"context"
	"testing"
)

func TestBatch(t *testing.T) {
	ts := newTestSite(t)
	body := `{"requests":[
		{"path":"/wp/v2/users","body":{"username":"batch1","email":"batch1@example.com","password":"pw-batch1"}},
		{"method":"PATCH","path":"/wp/v2/users/2?context=edit","body":{"description":"from a batch"}},
		{"method":"POST","path":"/wp/v2/users/me","body":{"description":"x"}},
		{"path":"/wp/v2/nope"},
		{"method":"DELETE","path":"/wp/v2/users/4?force=true&reassign=1"}
	]}`
	res := ts.expect(req{method: "POST", path: "/wp-json/batch/v1", body: body, as: "editor"}, 207, "")
	rs := res.obj()["responses"].([]any)
	want := []struct {
		status float64
		code   string
	}{{403, "rest_cannot_create_user"}, {200, ""}, {400, "rest_batch_not_allowed"}, {404, "rest_no_route"}, {403, "rest_user_cannot_delete"}}
	if len(rs) != len(want) {
		t.Fatalf("%d responses, want %d", len(rs), len(want))
	}
	for i, w := range want {
		env := rs[i].(map[string]any)
		b, _ := env["body"].(map[string]any)
		if env["status"] != w.status || (w.code != "" && b["code"] != w.code) {
			t.Errorf("response %d: %v, want %v %s", i, env, w.status, w.code)
		}
	}
	if d := rs[1].(map[string]any)["body"].(map[string]any)["description"]; d != "from a batch" {
		t.Errorf("update in batch: description %v", d)
	}

	// require-all-validate: one invalid request stops every one of them.
	body = `{"validation":"require-all-validate","requests":[
		{"path":"/wp/v2/users","body":{"username":"batch2","email":"batch2@example.com","password":"pw-batch2"}},
		{"path":"/wp/v2/users","body":{"username":"batch3","email":"not-an-email","password":"pw"}}
	]}`
	res = ts.expect(req{method: "POST", path: "/wp-json/batch/v1", body: body, as: "admin"}, 207, "")
	if res.obj()["failed"] != "validation" {
		t.Fatalf("answer %v", res.obj())
	}
	rs = res.obj()["responses"].([]any)
	if rs[0] != nil || rs[1].(map[string]any)["status"] != float64(400) {
		t.Errorf("validation responses %v", rs)
	}
	if _, err := ts.store.UserByLogin(context.Background(), "batch2"); err == nil {
		t.Error("a request of a failed batch ran")
	}
	ts.expect(req{method: "POST", path: "/wp-json/batch/v1", body: `{"requests":[{"method":"GET","path":"/wp/v2/users"}]}`, as: "admin"}, 400, "rest_invalid_param")
	ts.expect(req{method: "POST", path: "/wp-json/batch/v1", body: `{"requests":[{"body":{}}]}`, as: "admin"}, 400, "rest_invalid_param")
}
