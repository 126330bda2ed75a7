package rest

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
)

// A post larger than --max-post-size (title, content and excerpt
// together) is refused with 413 rest_post_too_large on create, update and
// autosave; one at the limit is stored.
func TestPostSizeLimit(t *testing.T) {
	ts := newTestSite(t)
	ts.store.Config.MaxPostSize = 4096
	body := func(fields map[string]string) string {
		b, _ := json.Marshal(fields)
		return string(b)
	}
	atLimit := strings.Repeat("a", 4096-len("T"))
	over := strings.Repeat("a", 4096)
	created := ts.expect(req{method: "POST", path: "/wp-json/wp/v2/posts", as: "admin",
		body: body(map[string]string{"title": "T", "content": atLimit, "status": "publish"})}, http.StatusCreated, "")
	path := "/wp-json/wp/v2/posts/" + toJSON(jsonAt(created.json, "id"))
	for _, c := range []struct {
		name, method, path string
		fields             map[string]string
	}{
		{"create", "POST", "/wp-json/wp/v2/posts", map[string]string{"title": "T", "content": over}},
		{"create, the excerpt tips it over", "POST", "/wp-json/wp/v2/posts", map[string]string{"title": "T", "content": atLimit, "excerpt": "e"}},
		{"update", "POST", path, map[string]string{"content": over}},
		{"update, the stored content tips it over", "POST", path, map[string]string{"excerpt": "e"}},
		{"autosave", "POST", path + "/autosaves", map[string]string{"title": "T", "content": over}},
	} {
		t.Run(c.name, func(t *testing.T) {
			res := ts.with(t).expect(req{method: c.method, path: c.path, as: "admin", body: body(c.fields)}, http.StatusRequestEntityTooLarge, "rest_post_too_large")
			if msg, _ := res.obj()["message"].(string); !strings.Contains(msg, "4 KB") {
				t.Errorf("message %q does not name the limit", msg)
			}
		})
	}
}

func toJSON(v any) string { b, _ := json.Marshal(v); return string(b) }
