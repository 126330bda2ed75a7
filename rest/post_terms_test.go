package rest

import (
	"context"
	"fmt"
	"testing"

	"github.com/presspass/presspass/models"
)

func TestPostTermsOverREST(t *testing.T) {
	ts := newTestSite(t)
	ctx := context.Background()
	admin, _ := ts.store.UserByLogin(ctx, "admin")
	mk := func(tax, name string, parent uint64) uint64 {
		in := models.TermInput{Taxonomy: tax, Name: &name}
		if parent != 0 {
			in.ParentID = &parent
		}
		term, err := ts.store.CreateTerm(ctx, admin, in)
		if err != nil {
			t.Fatal(err)
		}
		return term.ID
	}
	news := mk("category", "News", 0)
	local := mk("category", "Local Events", news)
	goTag := mk("post_tag", "Go", 0)

	body := fmt.Sprintf(`{"title":"Filed","status":"publish","categories":[%d,%d,999],"tags":[%d],"format":"aside"}`, news, local, goTag)
	r := ts.do(req{method: "POST", path: "/wp-json/wp/v2/posts", as: "editor", body: body})
	if r.status != 201 {
		t.Fatalf("create: %d %s", r.status, r.raw)
	}
	p := r.mustObj(t)
	cats, _ := p["categories"].([]any)
	if len(cats) != 2 || cats[0] != float64(local) || cats[1] != float64(news) {
		t.Errorf("categories %v, want [%d %d] (by name, the unknown id skipped)", cats, local, news)
	}
	if tags, _ := p["tags"].([]any); len(tags) != 1 || tags[0] != float64(goTag) {
		t.Errorf("tags %v", p["tags"])
	}
	want := []string{"category-local-events", "category-news", "tag-go", "post_format-post-format-aside"}
	classes := fmt.Sprint(p["class_list"])
	for _, c := range want {
		if !contains(toStrings(p["class_list"]), c) {
			t.Errorf("class_list %s lacks %s", classes, c)
		}
	}
	id := int(p["id"].(float64))

	list := func(q string) []int {
		return postIDsOf(t, ts.do(req{path: "/wp-json/wp/v2/posts?" + q}))
	}
	if got := list(fmt.Sprintf("categories=%d", news)); !sameIntList(got, []int{id}) {
		t.Errorf("categories=news: %v", got)
	}
	if got := list(fmt.Sprintf("tags=%d", goTag)); !sameIntList(got, []int{id}) {
		t.Errorf("tags=go: %v", got)
	}
	if got := list("categories=1"); !sameIntList(got, []int{4, 1}) {
		t.Errorf("default category: %v", got)
	}
	if got := list(fmt.Sprintf("categories_exclude=%d", news)); !sameIntList(got, []int{4, 1}) {
		t.Errorf("categories_exclude: %v", got)
	}
	if got := list(fmt.Sprintf("categories[terms]=%d&categories[operator]=AND&tags=%d", local, goTag)); !sameIntList(got, []int{id}) {
		t.Errorf("AND query: %v", got)
	}
	if got := list(fmt.Sprintf("categories[terms]=%d&categories[include_children]=1", news)); !sameIntList(got, []int{id}) {
		t.Errorf("include_children: %v", got)
	}

	// Moving the post to the default category by update.
	up := ts.do(req{method: "POST", path: fmt.Sprintf("/wp-json/wp/v2/posts/%d", id), as: "editor", body: "categories=1&tags="})
	if c, _ := up.mustObj(t)["categories"].([]any); len(c) != 1 || c[0] != float64(1) {
		t.Errorf("after update: %s", up.raw)
	}
	// Only unknown categories: the post ends up in none at all, and the
	// default category is not counted for it (wp_set_object_terms).
	ghost := ts.do(req{method: "POST", path: "/wp-json/wp/v2/posts", as: "editor", body: `{"title":"Ghost","status":"publish","categories":[999]}`})
	if c, ok := ghost.mustObj(t)["categories"].([]any); ghost.status != 201 || !ok || len(c) != 0 {
		t.Errorf("only unknown categories: %d %s", ghost.status, ghost.raw)
	}
	// Without categories a new post is filed under the default one.
	plain := ts.do(req{method: "POST", path: "/wp-json/wp/v2/posts", as: "editor", body: `{"title":"Plain","status":"publish"}`})
	if c, _ := plain.mustObj(t)["categories"].([]any); len(c) != 1 || c[0] != float64(1) {
		t.Errorf("no categories given: %s", plain.raw)
	}
	def := ts.do(req{path: "/wp-json/wp/v2/categories/1"})
	if n := jsonAt(def.json, "count"); n != float64(4) {
		t.Errorf("default category count %v, want 4 (posts 1 and 4, the moved post and Plain)", n)
	}
	// A subscriber may not assign terms (nor edit posts).
	if r := ts.do(req{method: "POST", path: "/wp-json/wp/v2/posts", as: "subscriber", body: fmt.Sprintf("title=x&categories=%d", news)}); r.status != 403 {
		t.Errorf("subscriber: %d %s", r.status, r.raw)
	}
}

func toStrings(v any) []string {
	list, _ := v.([]any)
	out := make([]string, 0, len(list))
	for _, x := range list {
		s, _ := x.(string)
		out = append(out, s)
	}
	return out
}

func TestFeaturedMedia(t *testing.T) {
	ts := newTestSite(t)
	ctx := context.Background()
	admin, _ := ts.store.UserByLogin(ctx, "admin")
	image := &models.Post{Type: "attachment", Status: "inherit", Title: "pixel", MimeType: "image/png", AuthorID: admin.ID}
	doc := &models.Post{Type: "attachment", Status: "inherit", Title: "doc", MimeType: "application/pdf", AuthorID: admin.ID}
	for _, p := range []*models.Post{image, doc} {
		if err := ts.store.SavePostRecord(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	// An unusable id is dropped on create, as WordPress does.
	r := ts.do(req{method: "POST", path: "/wp-json/wp/v2/posts", as: "editor", body: fmt.Sprintf(`{"title":"x","featured_media":%d}`, doc.ID)})
	if r.status != 201 || jsonAt(r.json, "featured_media") != float64(0) {
		t.Fatalf("create with a PDF: %d %s", r.status, r.raw)
	}
	id := int(jsonAt(r.json, "id").(float64))
	path := fmt.Sprintf("/wp-json/wp/v2/posts/%d", id)
	// ... and refused on update.
	if r := ts.do(req{method: "POST", path: path, as: "editor", body: fmt.Sprintf("featured_media=%d", doc.ID)}); r.status != 400 || r.code() != "rest_invalid_featured_media" {
		t.Errorf("update with a PDF: %d %s", r.status, r.raw)
	}
	r = ts.do(req{method: "POST", path: path, as: "editor", body: fmt.Sprintf("featured_media=%d", image.ID)})
	if r.status != 200 || jsonAt(r.json, "featured_media") != float64(image.ID) || jsonAt(r.json, "_links", "wp:featuredmedia") == nil ||
		!contains(toStrings(jsonAt(r.json, "class_list")), "has-post-thumbnail") {
		t.Errorf("update with an image: %d %s", r.status, r.raw)
	}
	if r := ts.do(req{method: "POST", path: path, as: "editor", body: "featured_media=0"}); jsonAt(r.json, "featured_media") != float64(0) {
		t.Errorf("remove: %s", r.raw)
	}
}
