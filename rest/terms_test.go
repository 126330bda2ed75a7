package rest

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// TestTermsREST walks categories and tags through create, read, list,
// update and delete, checking codes and statuses of WordPress's terms
// controller for each role.
func TestTermsREST(t *testing.T) {
	ts := newTestSite(t)
	news := ts.expect(req{method: "POST", path: "/wp-json/wp/v2/categories", as: "editor",
		body: "name=News&description=All+the+news&slug=news"}, http.StatusCreated, "")
	newsID := int(news.obj()["id"].(float64))
	if loc := news.header.Get("Location"); loc != fmt.Sprintf("%s/wp-json/wp/v2/categories/%d", ts.url, newsID) {
		t.Errorf("Location %q", loc)
	}
	if got := strings.Join(keys(news.obj()), ","); got != "_links,count,description,id,link,meta,name,parent,slug,taxonomy" {
		t.Errorf("category keys %s", got)
	}
	child := ts.expect(req{method: "POST", path: "/wp-json/wp/v2/categories", as: "editor",
		body: fmt.Sprintf(`{"name":"Local Events","parent":%d}`, newsID)}, http.StatusCreated, "").obj()
	childID := int(child["id"].(float64))
	if child["slug"] != "local-events" || child["parent"] != float64(newsID) {
		t.Errorf("child %v", child)
	}
	if up, _ := child["_links"].(map[string]any)["up"].([]any); len(up) != 1 {
		t.Errorf("child _links.up %v", child["_links"])
	}
	golang := ts.expect(req{method: "POST", path: "/wp-json/wp/v2/tags", as: "editor", body: "name=Golang"}, http.StatusCreated, "").obj()
	tagID := int(golang["id"].(float64))
	if _, has := golang["parent"]; has {
		t.Errorf("a tag has parent: %v", golang)
	}
	cat := func(id int) string { return fmt.Sprintf("/wp-json/wp/v2/categories/%d", id) }
	tag := func(id int) string { return fmt.Sprintf("/wp-json/wp/v2/tags/%d", id) }

	cases := []struct {
		name   string
		q      req
		status int
		code   string
	}{
		{"create anonymous", req{method: "POST", path: "/wp-json/wp/v2/categories", body: "name=Anon"}, 401, "rest_cannot_create"},
		{"create category as author", req{method: "POST", path: "/wp-json/wp/v2/categories", as: "author", body: "name=Mine"}, 403, "rest_cannot_create"},
		{"create without name", req{method: "POST", path: "/wp-json/wp/v2/categories", as: "editor", body: "description=x"}, 400, "rest_missing_callback_param"},
		{"create missing parent", req{method: "POST", path: "/wp-json/wp/v2/categories", as: "editor", body: "name=Orphan&parent=999"}, 400, "rest_term_invalid"},
		{"create duplicate tag", req{method: "POST", path: "/wp-json/wp/v2/tags", as: "editor", body: "name=Golang"}, 400, "term_exists"},
		{"create tag with parent", req{method: "POST", path: "/wp-json/wp/v2/tags", as: "editor", body: fmt.Sprintf(`{"name":"Child","parent":%d}`, tagID)}, 400, "rest_taxonomy_not_hierarchical"},
		{"create tag as author", req{method: "POST", path: "/wp-json/wp/v2/tags", as: "author", body: "name=Tutorial"}, 201, ""},
		{"create tag as subscriber", req{method: "POST", path: "/wp-json/wp/v2/tags", as: "subscriber", body: "name=Nope"}, 403, "rest_cannot_create"},
		{"get category", req{path: cat(childID)}, 200, ""},
		{"get missing", req{path: cat(999)}, 404, "rest_term_invalid"},
		{"get tag under categories", req{path: cat(tagID)}, 404, "rest_term_invalid"},
		{"get edit context anonymous", req{path: cat(childID) + "?context=edit"}, 401, "rest_forbidden_context"},
		{"list edit context as author", req{path: "/wp-json/wp/v2/tags?context=edit", as: "author"}, 403, "rest_forbidden_context"},
		{"list bad per_page", req{path: "/wp-json/wp/v2/tags?per_page=0"}, 400, "rest_invalid_param"},
		{"list missing post", req{path: "/wp-json/wp/v2/tags?post=99999"}, 400, "rest_post_invalid_id"},
		{"update tag as author", req{method: "POST", path: tag(tagID), as: "author", body: "name=Hijack"}, 403, "rest_cannot_update"},
		{"update empty name", req{method: "PUT", path: tag(tagID), as: "editor", body: `{"name":""}`}, 400, "empty_term_name"},
		{"delete without force", req{method: "DELETE", path: cat(childID), as: "admin"}, 501, "rest_trash_not_supported"},
		{"delete default category", req{method: "DELETE", path: cat(1) + "?force=true", as: "admin"}, 403, "rest_cannot_delete"},
		{"delete tag as author", req{method: "DELETE", path: tag(tagID) + "?force=true", as: "author"}, 403, "rest_cannot_delete"},
		{"delete missing", req{method: "DELETE", path: cat(999) + "?force=true", as: "admin"}, 404, "rest_term_invalid"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { ts.with(t).expect(c.q, c.status, c.code) })
	}

	t.Run("term_exists names the term", func(t *testing.T) {
		res := ts.with(t).expect(req{method: "POST", path: "/wp-json/wp/v2/tags", as: "editor", body: "name=Golang"}, 400, "term_exists")
		if data, _ := res.obj()["data"].(map[string]any); data["term_id"] != float64(tagID) {
			t.Errorf("data %v, want term_id %d", res.obj()["data"], tagID)
		}
	})
	t.Run("list parent filter and pagination", func(t *testing.T) {
		res := ts.with(t).expect(req{path: fmt.Sprintf("/wp-json/wp/v2/categories?parent=%d&_fields=id,name,parent", newsID)}, 200, "")
		if l := res.list(); len(l) != 1 || l[0].(map[string]any)["id"] != float64(childID) {
			t.Errorf("parent filter %s", res.raw)
		}
		if res.header.Get("X-WP-Total") != "1" || res.header.Get("X-WP-TotalPages") != "1" {
			t.Errorf("headers %v", res.header)
		}
		all := ts.with(t).expect(req{path: "/wp-json/wp/v2/categories?per_page=1&orderby=id&order=desc"}, 200, "")
		if all.header.Get("X-WP-Total") != "3" || len(all.list()) != 1 || all.list()[0].(map[string]any)["id"] != float64(childID) {
			t.Errorf("paged list %s %v", all.raw, all.header)
		}
		ordered := ts.with(t).expect(req{path: fmt.Sprintf("/wp-json/wp/v2/categories?include=%d,%d,1&orderby=include&per_page=2&_fields=id", childID, newsID)}, 200, "")
		if l := ordered.list(); len(l) != 2 || l[0].(map[string]any)["id"] != float64(childID) || l[1].(map[string]any)["id"] != float64(newsID) ||
			ordered.header.Get("X-WP-Total") != "3" {
			t.Errorf("orderby=include %s", ordered.raw)
		}
		bySlug := ts.with(t).expect(req{path: "/wp-json/wp/v2/categories?slug=uncategorized,news&orderby=include_slugs&_fields=slug"}, 200, "")
		if l := bySlug.list(); len(l) != 2 || l[0].(map[string]any)["slug"] != "uncategorized" {
			t.Errorf("orderby=include_slugs %s", bySlug.raw)
		}
		empty := ts.with(t).expect(req{path: "/wp-json/wp/v2/tags?hide_empty=true"}, 200, "")
		if len(empty.list()) != 0 || empty.header.Get("X-WP-Total") != "0" {
			t.Errorf("hide_empty %s", empty.raw)
		}
	})
	t.Run("update keeps slug, nested link", func(t *testing.T) {
		res := ts.with(t).expect(req{method: "POST", path: cat(childID), as: "editor", body: "name=Local&description=Around+town"}, 200, "").obj()
		if res["name"] != "Local" || res["slug"] != "local-events" || res["description"] != "Around town" {
			t.Errorf("updated %v", res)
		}
		if !strings.HasSuffix(res["link"].(string), "/local-events/") {
			t.Errorf("link %v", res["link"])
		}
		// An anonymous read after the write sees it (no stale cached answer).
		if got := ts.with(t).expect(req{path: cat(childID)}, 200, "").obj(); got["name"] != "Local" {
			t.Errorf("anonymous read after update %v", got["name"])
		}
	})
	t.Run("embed context and OPTIONS schema", func(t *testing.T) {
		emb := ts.with(t).expect(req{path: cat(childID) + "?context=embed"}, 200, "").obj()
		if got := strings.Join(keys(emb), ","); got != "_links,id,link,name,slug,taxonomy" {
			t.Errorf("embed keys %s", got)
		}
		opt := ts.with(t).expect(req{method: "OPTIONS", path: "/wp-json/wp/v2/tags"}, 200, "").obj()
		schema, _ := opt["schema"].(map[string]any)
		props, _ := schema["properties"].(map[string]any)
		if schema["title"] != "post_tag" || props["name"] == nil || props["parent"] != nil {
			t.Errorf("tags schema %v", schema)
		}
	})
	t.Run("delete force returns previous", func(t *testing.T) {
		res := ts.with(t).expect(req{method: "POST", path: tag(tagID) + "?force=true", as: "admin",
			headers: map[string]string{"X-HTTP-Method-Override": "DELETE"}}, 200, "").obj()
		prev, _ := res["previous"].(map[string]any)
		if res["deleted"] != true || prev["id"] != float64(tagID) || prev["_links"] != nil {
			t.Errorf("delete %v", res)
		}
		ts.with(t).expect(req{path: tag(tagID)}, 404, "rest_term_invalid")
	})
}

// TestTaxonomiesREST checks the taxonomy descriptions and their edit
// context permissions.
func TestTaxonomiesREST(t *testing.T) {
	ts := newTestSite(t)
	list := ts.expect(req{path: "/wp-json/wp/v2/taxonomies"}, 200, "").obj()
	if got := strings.Join(keys(list), ","); got != "category,nav_menu,post_tag,wp_pattern_category" {
		t.Errorf("taxonomies %s", got)
	}
	if c, _ := list["category"].(map[string]any); c["rest_base"] != "categories" || c["hierarchical"] != true || c["labels"] != nil {
		t.Errorf("category view %v", c)
	}
	cases := []struct {
		name   string
		q      req
		status int
		code   string
	}{
		{"edit list as subscriber", req{path: "/wp-json/wp/v2/taxonomies?context=edit", as: "subscriber"}, 403, "rest_cannot_view"},
		{"edit list anonymous", req{path: "/wp-json/wp/v2/taxonomies?context=edit"}, 401, "rest_cannot_view"},
		{"edit item as subscriber", req{path: "/wp-json/wp/v2/taxonomies/category?context=edit", as: "subscriber"}, 403, "rest_forbidden_context"},
		{"unknown taxonomy", req{path: "/wp-json/wp/v2/taxonomies/post_format"}, 404, "rest_taxonomy_invalid"},
		{"edit item as author", req{path: "/wp-json/wp/v2/taxonomies/post_tag?context=edit", as: "author"}, 200, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { ts.with(t).expect(c.q, c.status, c.code) })
	}
	// The route matched and its permission passed: WordPress's Allow header
	// goes with the handler's 404.
	for _, slug := range []string{"post_format", "nope"} {
		if got := ts.expect(req{path: "/wp-json/wp/v2/taxonomies/" + slug}, 404, "rest_taxonomy_invalid").header.Get("Allow"); got != "GET" {
			t.Errorf("taxonomies/%s: Allow %q, want GET", slug, got)
		}
	}
	tag := ts.expect(req{path: "/wp-json/wp/v2/taxonomies/post_tag?context=edit", as: "author"}, 200, "").obj()
	caps, _ := tag["capabilities"].(map[string]any)
	if caps["assign_terms"] != "assign_post_tags" || tag["show_cloud"] != true {
		t.Errorf("post_tag edit %v", tag)
	}
	// An author may assign categories and tags but not navigation menus.
	edit := ts.expect(req{path: "/wp-json/wp/v2/taxonomies?context=edit", as: "author"}, 200, "").obj()
	if _, has := edit["nav_menu"]; has || edit["category"] == nil {
		t.Errorf("edit list as author: %v", keys(edit))
	}
	byType := ts.expect(req{path: "/wp-json/wp/v2/taxonomies?type=wp_block"}, 200, "").obj()
	if got := strings.Join(keys(byType), ","); got != "wp_pattern_category" {
		t.Errorf("type filter %s", got)
	}
}

// A term's link is models' get_term_link: the structure's front before the
// default bases, not before a base the site set, user_trailingslashit from
// the structure, and the query forms with plain permalinks.
func TestTermLinkFollowsBasesAndFront(t *testing.T) {
	ts := newTestSite(t)
	news := toJSON(jsonAt(ts.expect(req{method: "POST", path: "/wp-json/wp/v2/categories", as: "admin", body: `{"name":"News"}`}, http.StatusCreated, "").json, "id"))
	sport := toJSON(jsonAt(ts.expect(req{method: "POST", path: "/wp-json/wp/v2/categories", as: "admin", body: `{"name":"Sport","parent":` + news + `}`}, http.StatusCreated, "").json, "id"))
	tag := toJSON(jsonAt(ts.expect(req{method: "POST", path: "/wp-json/wp/v2/tags", as: "admin", body: `{"name":"Go"}`}, http.StatusCreated, "").json, "id"))
	for _, c := range []struct{ structure, categoryBase, tagBase, category, tag string }{
		{"", "", "", "/?cat=" + sport, "/?tag=go"},
		{"/%postname%/", "", "", "/category/news/sport/", "/tag/go/"},
		{"/blog/%postname%/", "", "", "/blog/category/news/sport/", "/blog/tag/go/"},
		{"/blog/%postname%/", "/topics", "/labels", "/topics/news/sport/", "/labels/go/"},
		{"/archives/%post_id%", "", "", "/archives/category/news/sport", "/archives/tag/go"},
	} {
		t.Run(c.structure+" "+c.categoryBase, func(t *testing.T) {
			for k, v := range map[string]string{"permalink_structure": c.structure, "category_base": c.categoryBase, "tag_base": c.tagBase} {
				if err := ts.store.SetOption(context.Background(), k, v); err != nil {
					t.Fatal(err)
				}
			}
			r := ts.with(t).expect(req{path: "/wp-json/wp/v2/categories/" + sport}, http.StatusOK, "")
			if got := jsonAt(r.json, "link"); got != ts.url+c.category {
				t.Errorf("category link %v, want %s", got, ts.url+c.category)
			}
			r = ts.with(t).expect(req{path: "/wp-json/wp/v2/tags?include=" + tag}, http.StatusOK, "")
			if got := toJSON(r.json); !strings.Contains(got, `"link":"`+ts.url+c.tag+`"`) {
				t.Errorf("tag list %s, want link %s", got, ts.url+c.tag)
			}
		})
	}
}
