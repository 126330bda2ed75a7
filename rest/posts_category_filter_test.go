package rest

import (
	"fmt"
	"testing"
)

// A post created with only unknown category ids has no category at all, as
// in WordPress (conformance case 307); filtering by the default category
// must not list it, while a post created without a categories field is
// filed under the default category and is listed.
func TestPostWithoutCategoryIsNotInTheDefaultCategory(t *testing.T) {
	ts := newTestSite(t)
	create := func(body string) int {
		r := ts.do(req{method: "POST", path: "/wp-json/wp/v2/posts", as: "editor", body: body})
		if r.status != 201 {
			t.Fatalf("create %s: %d %s", body, r.status, r.raw)
		}
		return int(r.mustObj(t)["id"].(float64))
	}
	none := create(`{"title":"No category","status":"publish","categories":[999]}`)
	filed := create(`{"title":"Default category","status":"publish"}`)

	got := postIDsOf(t, ts.do(req{path: "/wp-json/wp/v2/posts?categories=1&per_page=100"}))
	if contains(intsToStrings(got), fmt.Sprint(none)) {
		t.Errorf("categories=1 lists post %d, which has no category: %v", none, got)
	}
	if !contains(intsToStrings(got), fmt.Sprint(filed)) {
		t.Errorf("categories=1 does not list post %d, filed under the default category: %v", filed, got)
	}
	got = postIDsOf(t, ts.do(req{path: "/wp-json/wp/v2/posts?categories_exclude=1&per_page=100"}))
	if !contains(intsToStrings(got), fmt.Sprint(none)) {
		t.Errorf("categories_exclude=1 does not list post %d, which has no category: %v", none, got)
	}
}

func intsToStrings(ids []int) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = fmt.Sprint(id)
	}
	return out
}
