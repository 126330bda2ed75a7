package rest

import (
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"testing"

	"github.com/presspass/presspass/storage"
)

// TestUpdatesAreStored guards against an answer that echoes a field the
// store never kept (issue 17: a media item set to private answered
// "status":"private" while nothing was stored). For every resource, every
// writable field is updated in one request; then a fresh request reads the
// object back in the edit context. The update's answer and the read-back
// must agree member for member, and each field must read back as sent.
func TestUpdatesAreStored(t *testing.T) {
	ts := newTestSite(t)
	ts.store.Config.Media.Storage = storage.NewLocal(t.TempDir())
	authorID := int(ts.user("author").ID)
	editorID := int(ts.user("editor").ID)

	create := func(t *testing.T, path, body string) int {
		t.Helper()
		res := ts.with(t).expect(req{method: "POST", path: path, body: body, as: "admin"}, 201, "")
		return int(res.mustObj(t)["id"].(float64))
	}
	category := func(t *testing.T, name string) int {
		return create(t, "/wp-json/wp/v2/categories", fmt.Sprintf(`{"name":%q}`, name))
	}
	tag := func(t *testing.T, name string) int {
		return create(t, "/wp-json/wp/v2/tags", fmt.Sprintf(`{"name":%q}`, name))
	}
	page := func(t *testing.T, title string) int {
		return create(t, "/wp-json/wp/v2/pages", fmt.Sprintf(`{"title":%q,"status":"publish"}`, title))
	}
	media := func(t *testing.T) int {
		return int(ts.with(t).upload("admin", "readback.png", pngImage(t, 2, 2))["id"].(float64))
	}

	cases := []struct {
		name string
		// setup creates the object and returns the item's path.
		setup func(t *testing.T) string
		// update returns the JSON body that sets every writable field.
		update func(t *testing.T) map[string]any
	}{
		{"post", func(t *testing.T) string {
			return "/wp-json/wp/v2/posts/" + strconv.Itoa(create(t, "/wp-json/wp/v2/posts", `{"title":"Before","status":"draft"}`))
		}, func(t *testing.T) map[string]any {
			return map[string]any{
				"title": "After", "content": "<p>New body</p>", "excerpt": "New excerpt", "status": "pending",
				"slug": "after-slug", "date": "2026-03-04T05:06:07", "author": authorID, "password": "",
				"comment_status": "closed", "ping_status": "closed", "format": "aside", "sticky": true,
				"categories": []any{category(t, "Read back")}, "tags": []any{tag(t, "read-back")},
				"featured_media": media(t), "template": "",
			}
		}},
		{"private post", func(t *testing.T) string {
			return "/wp-json/wp/v2/posts/" + strconv.Itoa(create(t, "/wp-json/wp/v2/posts", `{"title":"Secret","status":"publish"}`))
		}, func(t *testing.T) map[string]any {
			return map[string]any{"status": "private", "sticky": false, "password": "open sesame"}
		}},
		{"page", func(t *testing.T) string {
			return "/wp-json/wp/v2/pages/" + strconv.Itoa(create(t, "/wp-json/wp/v2/pages", `{"title":"Before","status":"draft"}`))
		}, func(t *testing.T) map[string]any {
			return map[string]any{
				"title": "After", "content": "<p>New body</p>", "excerpt": "New excerpt", "status": "publish",
				"slug": "after-page", "date": "2026-03-04T05:06:07", "author": editorID, "parent": page(t, "Parent page"),
				"menu_order": 7, "comment_status": "open", "ping_status": "open", "password": "pw",
				"featured_media": media(t), "template": "",
			}
		}},
		{"media", func(t *testing.T) string {
			return "/wp-json/wp/v2/media/" + strconv.Itoa(media(t))
		}, func(t *testing.T) map[string]any {
			return map[string]any{
				"title": "Renamed", "caption": "A caption", "description": "A description", "alt_text": "Alt words",
				"status": "private", "slug": "renamed-media", "author": authorID, "date": "2026-03-04T05:06:07",
				"comment_status": "closed", "ping_status": "closed", "post": page(t, "Media parent"),
			}
		}},
		{"user", func(t *testing.T) string {
			return "/wp-json/wp/v2/users/" + strconv.Itoa(create(t, "/wp-json/wp/v2/users",
				`{"username":"readback","email":"readback@example.com","password":"a long password 1"}`))
		}, func(t *testing.T) map[string]any {
			return map[string]any{
				"name": "Read Back", "first_name": "Read", "last_name": "Back", "email": "rb@example.org",
				"url": "https://example.org/rb", "description": "About me", "nickname": "rb", "slug": "read-back",
				"locale": "ja", "roles": []any{"editor"},
			}
		}},
		{"comment", func(t *testing.T) string {
			post := create(t, "/wp-json/wp/v2/posts", `{"title":"Commented","status":"publish"}`)
			return "/wp-json/wp/v2/comments/" + strconv.Itoa(create(t, "/wp-json/wp/v2/comments",
				fmt.Sprintf(`{"post":%d,"content":"First words"}`, post)))
		}, func(t *testing.T) map[string]any {
			other := create(t, "/wp-json/wp/v2/posts", `{"title":"Other post","status":"publish"}`)
			return map[string]any{
				"content": "Second words", "author_name": "Somebody", "author_email": "somebody@example.org",
				"author_url": "https://example.org/somebody", "status": "hold", "date": "2026-03-04T05:06:07",
				"post": other, "author": authorID, "author_user_agent": "Agent/1.0", "author_ip": "192.0.2.7",
			}
		}},
		{"category", func(t *testing.T) string {
			return "/wp-json/wp/v2/categories/" + strconv.Itoa(category(t, "Before cat"))
		}, func(t *testing.T) map[string]any {
			return map[string]any{"name": "After cat", "description": "Described", "slug": "after-cat", "parent": category(t, "Parent cat")}
		}},
		{"tag", func(t *testing.T) string {
			return "/wp-json/wp/v2/tags/" + strconv.Itoa(tag(t, "before-tag"))
		}, func(t *testing.T) map[string]any {
			return map[string]any{"name": "after-tag", "description": "Described tag", "slug": "after-tag-slug"}
		}},
		{"reusable block", func(t *testing.T) string {
			return "/wp-json/wp/v2/blocks/" + strconv.Itoa(create(t, "/wp-json/wp/v2/blocks", `{"title":"Block","status":"publish","content":"<!-- wp:paragraph --><p>a</p><!-- /wp:paragraph -->"}`))
		}, func(t *testing.T) map[string]any {
			return map[string]any{"title": "Block after", "content": "<!-- wp:paragraph --><p>b</p><!-- /wp:paragraph -->",
				"status": "draft", "slug": "block-after"}
		}},
		{"application password", func(t *testing.T) string {
			res := ts.with(t).expect(req{method: "POST", path: "/wp-json/wp/v2/users/me/application-passwords", body: `{"name":"Before app"}`, as: "admin"}, 201, "")
			return "/wp-json/wp/v2/users/me/application-passwords/" + res.mustObj(t)["uuid"].(string)
		}, func(t *testing.T) map[string]any {
			return map[string]any{"name": "After app"}
		}},
		{"settings", func(t *testing.T) string { return "/wp-json/wp/v2/settings" }, func(t *testing.T) map[string]any {
			front, posts := page(t, "Front"), page(t, "Posts")
			return map[string]any{
				"title": "Read-back site", "description": "Stored, not echoed", "email": "owner@example.org",
				"timezone": "Europe/Paris", "date_format": "Y-m-d", "time_format": "H:i", "start_of_week": 3,
				"use_smilies": false, "default_category": category(t, "Default cat"), "default_post_format": "link",
				"posts_per_page": 7, "show_on_front": "page", "page_on_front": front, "page_for_posts": posts,
				"default_ping_status": "closed", "default_comment_status": "closed",
			}
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := c.setup(t)
			fields := c.update(t)
			body, _ := json.Marshal(fields)
			echoed := ts.with(t).expect(req{method: "POST", path: path, body: string(body), as: "admin"}, 200, "").mustObj(t)
			stored := ts.with(t).expect(req{path: path + "?context=edit", as: "admin"}, 200, "").mustObj(t)
			for _, k := range unionKeys(echoed, stored) {
				if !reflect.DeepEqual(echoed[k], stored[k]) {
					t.Errorf("%s: the update answered %v, a fresh read gives %v", k, echoed[k], stored[k])
				}
			}
			for k, sent := range fields {
				if got := readBackValue(stored[k]); !sameJSON(got, sent) {
					t.Errorf("%s: sent %v, read back %v", k, sent, got)
				}
			}
		})
	}
}

// readBackValue is the stored form of a field: the raw member of a
// rendered/raw object, the value itself otherwise.
func readBackValue(v any) any {
	if m, ok := v.(map[string]any); ok {
		if raw, ok := m["raw"]; ok {
			return raw
		}
	}
	return v
}

// sameJSON compares a value as sent with its decoded read-back (numbers
// decode as float64).
func sameJSON(got, sent any) bool {
	a, _ := json.Marshal(sent)
	var norm any
	_ = json.Unmarshal(a, &norm)
	return reflect.DeepEqual(got, norm)
}

func unionKeys(a, b map[string]any) []string {
	seen := map[string]bool{}
	var out []string
	for _, m := range []map[string]any{a, b} {
		for k := range m {
			if !seen[k] {
				seen[k] = true
				out = append(out, k)
			}
		}
	}
	sort.Strings(out)
	return out
}
