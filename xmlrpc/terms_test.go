package xmlrpc_test

import (
	"context"
	"strconv"
	"testing"

	"github.com/presspass/presspass/models"
)

// newCategory creates a category through the store and returns its id.
func (ts *testSite) newCategory(name string, parent uint64) uint64 {
	ts.t.Helper()
	in := models.TermInput{Taxonomy: "category", Name: &name}
	if parent != 0 {
		in.ParentID = &parent
	}
	term, err := ts.store.CreateTerm(context.Background(), nil, in)
	if err != nil {
		ts.t.Fatal(err)
	}
	return term.ID
}

func TestTermMethodsRoleMatrix(t *testing.T) {
	ts := newSite(t, true)
	news := ts.newCategory("News", 0)
	newsID := strconv.FormatUint(news, 10)
	with := func(login string, more ...any) []any { return append(ts.creds(login), more...) }
	ts.expectFaults(t, []callCase{
		{"editor creates a category", "wp.newTerm", with("editor", map[string]any{"taxonomy": "category", "name": "Sport", "parent": news}), ""},
		{"author cannot create a category", "wp.newTerm", with("author", map[string]any{"taxonomy": "category", "name": "x"}), faultText(401, "Sorry, you are not allowed to create terms in this taxonomy.")},
		{"author cannot create a tag either", "wp.newTerm", with("author", map[string]any{"taxonomy": "post_tag", "name": "x"}), faultText(401, "Sorry, you are not allowed to create terms in this taxonomy.")},
		{"unknown taxonomy", "wp.newTerm", with("editor", map[string]any{"taxonomy": "nope", "name": "x"}), faultText(403, "Invalid taxonomy.")},
		{"empty name", "wp.newTerm", with("editor", map[string]any{"taxonomy": "category", "name": "  "}), faultText(403, "The term name cannot be empty.")},
		{"tag with a parent", "wp.newTerm", with("editor", map[string]any{"taxonomy": "post_tag", "name": "t", "parent": 1}), faultText(403, "This taxonomy is not hierarchical.")},
		{"missing parent", "wp.newTerm", with("editor", map[string]any{"taxonomy": "category", "name": "o", "parent": 99999}), faultText(403, "Parent term does not exist.")},
		{"existing name", "wp.newTerm", with("editor", map[string]any{"taxonomy": "category", "name": "News"}), faultText(500, "A term with the name provided already exists with this parent.")},
		{"too few arguments", "wp.getTerm", with("editor", "category"), faultText(400, "Insufficient arguments passed to this XML-RPC method.")},
		{"term zero", "wp.getTerm", with("editor", "category", 0), faultText(500, "Empty Term.")},
		{"term of another taxonomy", "wp.getTerm", with("editor", "post_tag", news), faultText(404, "Invalid term ID.")},
		{"subscriber cannot read a term", "wp.getTerm", with("subscriber", "category", news), faultText(401, "Sorry, you are not allowed to assign this term.")},
		{"contributor reads a term", "wp.getTerm", with("contributor", "category", news), ""},
		{"subscriber cannot list terms", "wp.getTerms", with("subscriber", "category"), faultText(401, "Sorry, you are not allowed to assign terms in this taxonomy.")},
		{"author cannot edit a term", "wp.editTerm", with("author", news, map[string]any{"taxonomy": "category", "name": "x"}), faultText(401, "Sorry, you are not allowed to edit this term.")},
		{"edit an unknown term", "wp.editTerm", with("editor", 99999, map[string]any{"taxonomy": "category", "name": "x"}), faultText(404, "Invalid term ID.")},
		{"editTerm needs a taxonomy", "wp.editTerm", with("editor", news, map[string]any{"name": "x"}), faultText(403, "Invalid taxonomy.")},
		{"default category cannot be deleted", "wp.deleteTerm", with("admin", "category", 1), faultText(401, "Sorry, you are not allowed to delete this term.")},
		{"author cannot add a category", "wp.newCategory", with("author", map[string]any{"name": "Nope"}), faultText(401, "Sorry, you are not allowed to add a category.")},
		{"deleteCategory of a missing id", "wp.deleteCategory", with("editor", 99999), faultText(401, "Sorry, you are not allowed to delete this category.")},
		{"deleteCategory of the default", "wp.deleteCategory", with("admin", 1), faultText(401, "Sorry, you are not allowed to delete this category.")},
		{"subscriber cannot see categories", "metaWeblog.getCategories", with("subscriber"), faultText(401, "Sorry, you must be able to edit posts on this site in order to view categories.")},
		{"subscriber cannot see tags", "wp.getTags", with("subscriber"), faultText(401, "Sorry, you must be able to edit posts on this site in order to view tags.")},
		{"subscriber cannot see the taxonomy", "wp.getTaxonomy", with("subscriber", "category"), faultText(401, "Sorry, you are not allowed to assign terms in this taxonomy.")},
		{"unknown taxonomy description", "wp.getTaxonomy", with("author", "nope"), faultText(403, "Invalid taxonomy.")},
		{"author sets categories of another's post", "mt.setPostCategories", []any{1, "author", ts.appPasswords["author"], []any{map[string]any{"categoryId": news}}}, faultText(401, "Sorry, you are not allowed to edit this post.")},
		{"categories of an unknown post", "mt.getPostCategories", []any{99999, "editor", ts.appPasswords["editor"]}, faultText(404, "Invalid post ID.")},
	})

	t.Run("getTerm shape", func(t *testing.T) {
		v, err := ts.call("wp.getTerm", with("editor", "category", news))
		if err != nil {
			t.Fatal(err)
		}
		m := mustStruct(t, v)
		eq(t, m["term_id"], newsID)
		eq(t, m["term_taxonomy_id"], newsID)
		eq(t, m["name"], "News")
		eq(t, m["parent"], "0")
		eq(t, m["count"], int64(0))
		eq(t, m["filter"], "raw")
	})
	t.Run("newTerm answers a string id, newCategory an int, twice the same", func(t *testing.T) {
		v, err := ts.call("wp.newTerm", with("editor", map[string]any{"taxonomy": "post_tag", "name": "Go"}))
		if err != nil {
			t.Fatal(err)
		}
		parseID(t, v.(string))
		cat := map[string]any{"name": "XML Cat", "slug": "xml-cat", "parent_id": news, "description": "d"}
		a, err := ts.call("wp.newCategory", with("editor", cat))
		if err != nil {
			t.Fatal(err)
		}
		b, err := ts.call("wp.newCategory", with("editor", map[string]any{"name": "XML Cat", "parent_id": news}))
		if err != nil || a != b {
			t.Fatalf("got %v and %v, %v", a, b, err)
		}
		v, err = ts.call("wp.deleteCategory", with("editor", a))
		if err != nil || v != true {
			t.Fatalf("got %v, %v", v, err)
		}
	})
	t.Run("edit, list and delete", func(t *testing.T) {
		v, err := ts.call("wp.editTerm", with("editor", news, map[string]any{"taxonomy": "category", "name": "Headlines", "description": "All"}))
		if err != nil || v != true {
			t.Fatalf("got %v, %v", v, err)
		}
		v, err = ts.call("wp.editTerm", with("editor", news, map[string]any{"taxonomy": "post_tag", "parent": 1}))
		if errString(err) != faultText(404, "Invalid term ID.") {
			t.Fatalf("got %v, %v", v, err)
		}
		v, err = ts.call("wp.getTerms", with("author", "category", map[string]any{"orderby": "name", "order": "DESC", "number": 2}))
		if err != nil {
			t.Fatal(err)
		}
		list := v.([]any)
		eq(t, len(list), 2)
		eq(t, mustStruct(t, list[0])["name"], "Uncategorized")
		eq(t, mustStruct(t, list[1])["name"], "Sport")
		v, err = ts.call("mt.getCategoryList", with("author"))
		if err != nil {
			t.Fatal(err)
		}
		eq(t, mustStruct(t, v.([]any)[0])["categoryName"], "Headlines")
		v, err = ts.call("metaWeblog.getCategories", with("author"))
		if err != nil {
			t.Fatal(err)
		}
		sport := mustStruct(t, v.([]any)[1])
		eq(t, sport["htmlUrl"], ts.url+"/category/news/sport/")
		eq(t, sport["rssUrl"], ts.url+"/category/news/sport/feed/")
		eq(t, sport["parentId"], int64(news))
		// models' get_term_link: a front goes before the default base, not
		// before a base the site set.
		for _, c := range []struct{ structure, base, want string }{
			{"/blog/%postname%/", "", "/blog/category/news/sport/"},
			{"/blog/%postname%/", "/topics", "/topics/news/sport/"},
			{"/%postname%/", "", "/category/news/sport/"},
		} {
			for k, val := range map[string]string{"permalink_structure": c.structure, "category_base": c.base} {
				if err := ts.store.SetOption(context.Background(), k, val); err != nil {
					t.Fatal(err)
				}
			}
			v, err = ts.call("metaWeblog.getCategories", with("author"))
			if err != nil {
				t.Fatal(err)
			}
			sport := mustStruct(t, v.([]any)[1])
			eq(t, sport["htmlUrl"], ts.url+c.want)
			eq(t, sport["rssUrl"], ts.url+c.want+"feed/")
		}
		// Plain permalinks: get_term_feed_link puts the feed first, and
		// esc_html words the & as &amp;.
		if err := ts.store.SetOption(context.Background(), "permalink_structure", ""); err != nil {
			t.Fatal(err)
		}
		v, err = ts.call("metaWeblog.getCategories", with("author"))
		if err != nil {
			t.Fatal(err)
		}
		sport = mustStruct(t, v.([]any)[1])
		sportID := strconv.FormatInt(sport["categoryId"].(int64), 10)
		eq(t, sport["htmlUrl"], ts.url+"/?cat="+sportID)
		eq(t, sport["rssUrl"], ts.url+"/?feed=rss2&amp;cat="+sportID)
		v, err = ts.call("wp.suggestCategories", with("author", "port", 5))
		if err != nil {
			t.Fatal(err)
		}
		eq(t, mustStruct(t, v.([]any)[0])["category_name"], "Sport")
		v, err = ts.call("wp.deleteTerm", with("editor", "category", news))
		if err != nil || v != true {
			t.Fatalf("got %v, %v", v, err)
		}
		_, err = ts.call("wp.deleteTerm", with("editor", "category", news))
		eq(t, errString(err), faultText(404, "Invalid term ID."))
	})
	t.Run("taxonomies for an author and a subscriber", func(t *testing.T) {
		v, err := ts.call("wp.getTaxonomies", with("author"))
		if err != nil {
			t.Fatal(err)
		}
		list := v.([]any)
		eq(t, len(list), 3)
		cat := mustStruct(t, list[0])
		eq(t, cat["name"], "category")
		eq(t, cat["hierarchical"], true)
		eq(t, mustStruct(t, cat["cap"])["assign_terms"], "assign_categories")
		if _, ok := cat["show_in_menu"]; ok {
			t.Fatalf("show_in_menu without the menu field: %v", cat)
		}
		v, err = ts.call("wp.getTaxonomies", with("subscriber"))
		if err != nil || len(v.([]any)) != 0 {
			t.Fatalf("got %v, %v", v, err)
		}
		v, err = ts.call("wp.getTaxonomy", with("author", "post_tag", []any{"menu"}))
		if err != nil {
			t.Fatal(err)
		}
		m := mustStruct(t, v)
		eq(t, m["show_in_menu"], true)
		if _, ok := m["labels"]; ok {
			t.Fatalf("labels not asked for: %v", m)
		}
	})
}

func TestPostsCarryTerms(t *testing.T) {
	ts := newSite(t, true)
	news := ts.newCategory("News", 0)
	with := func(login string, more ...any) []any { return append(ts.creds(login), more...) }

	v, err := ts.call("wp.newPost", with("editor", map[string]any{
		"post_title": "Terms by name", "post_content": "c", "post_status": "publish",
		"terms_names": map[string]any{"category": []any{"News", "Brand New Cat"}, "post_tag": []any{"Go", "fresh-tag"}},
	}))
	if err != nil {
		t.Fatal(err)
	}
	id := parseID(t, v.(string))
	names := func(field string) []string {
		t.Helper()
		v, err := ts.call("wp.getPost", with("editor", id, []any{"terms"}))
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, term := range mustStruct(t, v)["terms"].([]any) {
			m := mustStruct(t, term)
			out = append(out, m["taxonomy"].(string)+":"+m[field].(string))
		}
		return out
	}
	eq(t, names("name"), []string{"category:Brand New Cat", "post_tag:fresh-tag", "post_tag:Go", "category:News"})

	t.Run("clearing tags keeps categories", func(t *testing.T) {
		if _, err := ts.call("wp.editPost", with("editor", id, map[string]any{"terms": map[string]any{"post_tag": []any{}}})); err != nil {
			t.Fatal(err)
		}
		eq(t, names("name"), []string{"category:Brand New Cat", "category:News"})
	})
	t.Run("an unknown term id is refused", func(t *testing.T) {
		_, err := ts.call("wp.newPost", with("editor", map[string]any{"post_title": "x", "terms": map[string]any{"category": []any{99999}}}))
		eq(t, errString(err), faultText(403, "Invalid term ID."))
	})
	t.Run("an author cannot create categories by name", func(t *testing.T) {
		_, err := ts.call("wp.newPost", with("author", map[string]any{"post_title": "x", "terms_names": map[string]any{"category": []any{"Brand New Author Cat"}}}))
		eq(t, errString(err), faultText(401, "Sorry, you are not allowed to add a term to one of the given taxonomies."))
	})
	t.Run("pages have no categories", func(t *testing.T) {
		_, err := ts.call("wp.newPost", with("editor", map[string]any{"post_type": "page", "post_title": "x", "terms": map[string]any{"category": []any{1}}}))
		eq(t, errString(err), faultText(401, "Sorry, one of the given taxonomies is not supported by the post type."))
	})
	t.Run("mt category methods", func(t *testing.T) {
		v, err := ts.call("mt.getPostCategories", []any{id, "editor", ts.appPasswords["editor"]})
		if err != nil {
			t.Fatal(err)
		}
		first := mustStruct(t, v.([]any)[0])
		eq(t, first["categoryName"], "Brand New Cat")
		eq(t, first["isPrimary"], true)
		v, err = ts.call("mt.setPostCategories", []any{id, "editor", ts.appPasswords["editor"],
			[]any{map[string]any{"categoryId": strconv.FormatUint(news, 10)}, map[string]any{"categoryId": 1, "isPrimary": true}, map[string]any{"categoryId": 99999}}})
		if err != nil || v != true {
			t.Fatalf("got %v, %v", v, err)
		}
		eq(t, names("name"), []string{"category:News", "category:Uncategorized"})
	})
	t.Run("metaWeblog categories and keywords", func(t *testing.T) {
		v, err := ts.call("metaWeblog.newPost", []any{1, "author", ts.appPasswords["author"],
			map[string]any{"title": "Tagged", "description": "Body.", "mt_keywords": "Go, mw-tag", "categories": []any{"News", "Nope"}}, true})
		if err != nil {
			t.Fatal(err)
		}
		mw := parseID(t, v.(string))
		get := func() map[string]any {
			v, err := ts.call("metaWeblog.getPost", []any{mw, "author", ts.appPasswords["author"]})
			if err != nil {
				t.Fatal(err)
			}
			return mustStruct(t, v)
		}
		p := get()
		eq(t, p["categories"], []any{"News"})
		eq(t, p["mt_keywords"], "Go, mw-tag")
		if _, err := ts.call("metaWeblog.editPost", []any{mw, "author", ts.appPasswords["author"], map[string]any{"title": "Edited"}}); err != nil {
			t.Fatal(err)
		}
		p = get()
		eq(t, p["categories"], []any{"News"})
		if kw, ok := p["mt_keywords"]; !ok || kw != nil && kw != "" {
			t.Fatalf("mt_keywords %#v after an edit without it", kw)
		}
		v, err = ts.call("wp.getTags", with("author"))
		if err != nil {
			t.Fatal(err)
		}
		tags := v.([]any)
		eq(t, len(tags), 0)
	})
	t.Run("blogger category ids", func(t *testing.T) {
		content := "<title>Blogger</title><category>" + strconv.FormatUint(news, 10) + "</category>Body"
		v, err := ts.call("blogger.newPost", []any{"k", 1, "author", ts.appPasswords["author"], content, true})
		if err != nil {
			t.Fatal(err)
		}
		v, err = ts.call("blogger.getPost", []any{"k", v, "author", ts.appPasswords["author"]})
		if err != nil {
			t.Fatal(err)
		}
		eq(t, mustStruct(t, v)["content"], content)
	})
}
