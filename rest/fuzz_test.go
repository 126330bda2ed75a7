package rest

import (
	"encoding/base64"
	"net/http/httptest"
	"strings"
	"testing"
)

// FuzzBasicCredentials: the Authorization parser never panics, and what it
// accepts splits at the first colon into a non-empty name and password.
func FuzzBasicCredentials(f *testing.F) {
	for _, seed := range []string{
		"Basic " + base64.StdEncoding.EncodeToString([]byte("admin:abcd efgh")),
		"basic " + base64.StdEncoding.EncodeToString([]byte("a:b:c")),
		"Basic", "Basic !!!", "Bearer x", "Basic " + base64.RawStdEncoding.EncodeToString([]byte("x:y")), "",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, h string) {
		name, pw, ok := basicCredentials(h)
		if !ok {
			return
		}
		if name == "" || pw == "" || strings.Contains(name, ":") {
			t.Fatalf("accepted %q as %q / %q", h, name, pw)
		}
	})
}

// FuzzRequestParams: query strings, form bodies, JSON bodies and _fields in
// any shape parse without panicking.
func FuzzRequestParams(f *testing.F) {
	for _, seed := range []struct{ query, body string }{
		{"a[b][c]=1&a[]=2&_fields=id,title.rendered", `{"title":{"raw":"x"},"tags":[1,2]}`},
		{"per_page=100&page=2&context=edit", `[[[[[[[[1]]]]]]]]`},
		{"%zz=%&a[=1&[]=x", `{"a":"\ud800"}`},
	} {
		f.Add(seed.query, seed.body)
	}
	f.Fuzz(func(t *testing.T, query, body string) {
		params := phpParams(orderedQuery(query))
		if f, ok := params["_fields"]; ok {
			if list, ok := toList(f); ok {
				parseFields(list)
			}
		}
		req := httptest.NewRequest("POST", "/wp-json/wp/v2/posts", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		r := &Request{HTTP: req, ctx: req.Context(), Path: "/wp/v2/posts"}
		_ = r.readBody()
		req = httptest.NewRequest("POST", "/wp-json/wp/v2/posts", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		r = &Request{HTTP: req, ctx: req.Context(), Path: "/wp/v2/posts"}
		_ = r.readBody()
	})
}

func TestJSONDepthLimit(t *testing.T) {
	deep := strings.Repeat("[", 600) + strings.Repeat("]", 600)
	if !jsonTooDeep([]byte(deep), maxJSONDepth) {
		t.Fatal("600 levels accepted")
	}
	if jsonTooDeep([]byte(`{"a":"[[[[[[[[[[","b":[1,[2,[3]]]}`), 4) {
		t.Fatal("brackets inside strings counted")
	}
	ts := newTestSite(t)
	res := ts.expect(req{method: "POST", path: "/wp-json/wp/v2/posts", body: `{"title":` + deep + `}`, ctype: "application/json", as: "admin"}, 400, "rest_invalid_json")
	if d, _ := res.obj()["data"].(map[string]any); d["json_error_code"] != float64(1) {
		t.Fatalf("depth error: %s", res.raw)
	}
}
