package wpimport_test

import (
	"context"
	"reflect"
	"sort"
	"testing"

	"github.com/presspass/presspass/fixtures/fixturestest"
	"github.com/presspass/presspass/models"
	"github.com/presspass/presspass/models/wpimport"
	"github.com/presspass/presspass/models/wpimport/wpimporttest"
)

// ttID is the term_taxonomy_id the tests give a term: unlike term_id, as on
// real sites, and distinct per taxonomy.
func ttID(termID int, taxonomy string) int {
	offset, ok := map[string]int{"category": 1000, "post_tag": 2000}[taxonomy]
	if !ok {
		offset = 3000
	}
	return termID + offset
}

// addSourceTerm inserts a term and its taxonomy row into the WordPress
// database.
func addSourceTerm(t *testing.T, src *wpimporttest.SQLDB, id int, taxonomy, name, slug string, parent int) {
	t.Helper()
	execSource(t, src, "INSERT IGNORE INTO wp_terms (term_id, name, slug, term_group) VALUES (?, ?, ?, 0)", id, name, slug)
	execSource(t, src, "INSERT INTO wp_term_taxonomy (term_taxonomy_id, term_id, taxonomy, description, parent, count) VALUES (?, ?, ?, '', ?, 0)",
		ttID(id, taxonomy), id, taxonomy, parent)
}

func fileSourcePost(t *testing.T, src *wpimporttest.SQLDB, postID, termID int, taxonomy string) {
	t.Helper()
	execSource(t, src, "INSERT INTO wp_term_relationships (object_id, term_taxonomy_id, term_order) VALUES (?, ?, 0)", postID, ttID(termID, taxonomy))
}

func postTermIDs(t *testing.T, dst *models.Store, postID uint64, taxonomy string) []uint64 {
	t.Helper()
	m, err := dst.PostTermIDs(context.Background(), []uint64{postID}, taxonomy)
	if err != nil {
		t.Fatal(err)
	}
	ids := append([]uint64{}, m[postID]...)
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	return ids
}

func TestImportCategoriesAndTags(t *testing.T) {
	ctx := context.Background()
	src := wpimporttest.Load(t)
	addSourceTerm(t, src, 60, "category", "News &amp; Views", "news", 1)
	addSourceTerm(t, src, 61, "post_tag", "golang", "golang", 0)
	addSourceTerm(t, src, 62, "product_cat", "Shoes", "shoes", 0)
	// A term shared between two taxonomies, as WordPress before 4.3 made them.
	addSourceTerm(t, src, 63, "category", "Shared", "shared", 0)
	addSourceTerm(t, src, 63, "post_tag", "Shared", "shared", 0)
	fileSourcePost(t, src, 5, 60, "category")
	fileSourcePost(t, src, 5, 61, "post_tag")
	fileSourcePost(t, src, 6, 61, "post_tag")
	fileSourcePost(t, src, 7, 62, "product_cat")
	fileSourcePost(t, src, 8, 63, "post_tag")

	dst := fixturestest.Open(t)
	dry := runImport(t, src, dst, wpimport.Options{DryRun: true})
	r := runImport(t, src, dst, wpimport.Options{})
	for _, kind := range []string{wpimport.KindTerms, wpimport.KindPosts} {
		if *dry.Counts[kind] != *r.Counts[kind] {
			t.Errorf("%s: the dry run predicted %+v, the import did %+v", kind, *dry.Counts[kind], *r.Counts[kind])
		}
	}
	// Uncategorized (1) was there already; 60, 61 and the category 63 are new.
	wantCount(t, r, wpimport.KindTerms, wpimport.Count{Created: 3, Unchanged: 1, Skipped: 2})
	if !hasSkip(r, wpimport.KindTerms, "1 product_cat", "categories and tags only") ||
		!hasSkip(r, wpimport.KindTerms, `63 (post_tag "shared")`, "already belongs to a PressPass category term") {
		t.Errorf("skipped: %+v", r.Skipped)
	}
	if term, err := dst.TermByID(ctx, 60); err != nil || term.Name != "News &amp; Views" || term.ParentID != 1 || term.Taxonomy != "category" {
		t.Errorf("term 60: %+v %v", term, err)
	}
	for _, tt := range []struct {
		post     uint64
		taxonomy string
		want     []uint64
	}{
		{5, "category", []uint64{1, 60}},
		{5, "post_tag", []uint64{61}},
		{6, "category", []uint64{1}},
		{6, "post_tag", []uint64{61}},
		{7, "category", []uint64{1}},
		{8, "post_tag", []uint64{}},
	} {
		if got := postTermIDs(t, dst, tt.post, tt.taxonomy); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("post %d %s = %v, want %v", tt.post, tt.taxonomy, got, tt.want)
		}
	}

	r = runImport(t, src, dst, wpimport.Options{})
	wantCount(t, r, wpimport.KindTerms, wpimport.Count{Unchanged: 4, Skipped: 2})
	wantCount(t, r, wpimport.KindPosts, wpimport.Count{Unchanged: 8, Skipped: 1})

	// Untag post 5 and rename the category in WordPress.
	execSource(t, src, "DELETE FROM wp_term_relationships WHERE object_id = 5 AND term_taxonomy_id = ?", ttID(61, "post_tag"))
	execSource(t, src, "UPDATE wp_terms SET name = 'News' WHERE term_id = 60")
	r = runImport(t, src, dst, wpimport.Options{})
	wantCount(t, r, wpimport.KindTerms, wpimport.Count{Updated: 1, Unchanged: 3, Skipped: 2})
	wantCount(t, r, wpimport.KindPosts, wpimport.Count{Updated: 1, Unchanged: 7, Skipped: 1})
	if got := postTermIDs(t, dst, 5, "post_tag"); len(got) != 0 {
		t.Errorf("post 5 tags after untagging: %v", got)
	}
	if term, _ := dst.TermByID(ctx, 60); term == nil || term.Name != "News" {
		t.Errorf("term 60 after the rename: %+v", term)
	}
}

func TestImportRefusesATermSlugTakenInPressPass(t *testing.T) {
	ctx := context.Background()
	src := wpimporttest.Load(t)
	addSourceTerm(t, src, 60, "category", "News", "news", 0)
	fileSourcePost(t, src, 5, 60, "category")
	dst := fixturestest.Open(t)
	if err := dst.SaveTermRecord(ctx, &models.Term{ID: 90, Taxonomy: "category", Name: "News", Slug: "news"}); err != nil {
		t.Fatal(err)
	}
	r := runImport(t, src, dst, wpimport.Options{})
	if !hasSkip(r, wpimport.KindTerms, `60 (category "news")`, `slug "news" already belongs to the PressPass category 90`) {
		t.Errorf("skipped: %+v", r.Skipped)
	}
	if got := postTermIDs(t, dst, 5, "category"); !reflect.DeepEqual(got, []uint64{1}) {
		t.Errorf("post 5 categories = %v, want only the imported Uncategorized", got)
	}
	if len(r.Notes) == 0 {
		t.Error("no note that post 5 lost a category")
	}
}
