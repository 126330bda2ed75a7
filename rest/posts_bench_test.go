package rest

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/presspass/presspass/fixtures/longtext"
	"github.com/presspass/presspass/models"
)

// BenchmarkPostsList10 measures the REST JSON rendering of a 10-post list
// (GET /wp-json/wp/v2/posts?per_page=10, anonymous) through the whole
// adapter in-process, with the answer cache off: routing, validation, the
// query, rendering with links, and JSON encoding.
func BenchmarkPostsList10(b *testing.B) {
	ts := newTestSite(b)
	seedBenchPosts(b, ts.store)
	srv := NewServer(ts.store, Config{SiteURL: ts.url})
	srv.cache = nil // the query and the rendering, not the answer cache
	req := httptest.NewRequest(http.MethodGet, "/wp-json/wp/v2/posts?per_page=10", nil)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			b.Fatalf("status %d: %s", rec.Code, rec.Body)
		}
	}
}

// BenchmarkPostsList10AfterWrite is BenchmarkPostsList10 with the object
// cache missed too: a write before each request (not timed) moves the
// content epoch, so rows, terms and revision counts come from the
// database, as on the first read after every change.
func BenchmarkPostsList10AfterWrite(b *testing.B) {
	benchAfterWrite(b, "/wp-json/wp/v2/posts?per_page=10")
}

// BenchmarkPostSingleAfterWrite is one post's read with both the answer
// and the object cache missed.
func BenchmarkPostSingleAfterWrite(b *testing.B) {
	benchAfterWrite(b, "/wp-json/wp/v2/posts/%d")
}

// BenchmarkPostSingle is one post's read with the answer cache off.
func BenchmarkPostSingle(b *testing.B) {
	ts := newTestSite(b)
	id := seedBenchPosts(b, ts.store)
	srv := NewServer(ts.store, Config{SiteURL: ts.url})
	srv.cache = nil
	req := httptest.NewRequest(http.MethodGet, fmt.Sprintf("/wp-json/wp/v2/posts/%d", id), nil)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			b.Fatalf("status %d: %s", rec.Code, rec.Body)
		}
	}
}

// benchAfterWrite times GET path (with %d: a post's id) with a content
// write before each request, outside the timer.
func benchAfterWrite(b *testing.B, path string) {
	ts := newTestSite(b)
	id := seedBenchPosts(b, ts.store)
	if strings.Contains(path, "%d") {
		path = fmt.Sprintf(path, id)
	}
	srv := NewServer(ts.store, Config{SiteURL: ts.url})
	srv.cache = nil
	req := httptest.NewRequest(http.MethodGet, path, nil)
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	n := 0
	for b.Loop() {
		b.StopTimer()
		n++
		if err := ts.store.SetOption(ctx, "blogdescription", fmt.Sprint("moved ", n)); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			b.Fatalf("status %d: %s", rec.Code, rec.Body)
		}
	}
}

// BenchmarkPostsList10Loopback is scenario C of the load test in process:
// the anonymous 10-post list over loopback HTTP, answered from the cache.
func BenchmarkPostsList10Loopback(b *testing.B) {
	ts := newTestSite(b)
	seedBenchPosts(b, ts.store)
	runHTTPBench(b, ts.url+"/wp-json/wp/v2/posts", "")
}

// seedBenchPosts publishes the ten posts the list benchmarks render, as
// the admin, with block markup and characters texturize rewrites, and
// returns the last one's id.
func seedBenchPosts(b *testing.B, store *models.Store) (last uint64) {
	b.Helper()
	ctx := context.Background()
	admin, err := store.UserByLogin(ctx, "admin")
	if err != nil {
		b.Fatal(err)
	}
	for i := range 10 {
		title := fmt.Sprintf("Benchmark post %d", i)
		content := "<!-- wp:paragraph -->\n<p>Some \"quoted\" text -- with dashes... and it's long enough to matter.</p>\n<!-- /wp:paragraph -->"
		status := "publish"
		p, err := store.CreatePost(ctx, admin, models.PostInput{Title: &title, Content: &content, Status: &status})
		if err != nil {
			b.Fatal(err)
		}
		last = p.ID
	}
	return last
}

// BenchmarkLongPostRead is scenario H in process: one 5 MiB post of
// realistic HTML read again and again (the answer cache keeps no answer
// that large; the rendered text is shared).
func BenchmarkLongPostRead(b *testing.B) {
	ts := newTestSite(b)
	ctx := context.Background()
	admin, err := ts.store.UserByLogin(ctx, "admin")
	if err != nil {
		b.Fatal(err)
	}
	title, status, content := "Long", "publish", longtext.Classic(5<<20)
	p, err := ts.store.CreatePost(ctx, admin, models.PostInput{Title: &title, Content: &content, Status: &status})
	if err != nil {
		b.Fatal(err)
	}
	srv := NewServer(ts.store, Config{SiteURL: ts.url})
	req := httptest.NewRequest(http.MethodGet, fmt.Sprintf("/wp-json/wp/v2/posts/%d", p.ID), nil)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			b.Fatalf("status %d", rec.Code)
		}
	}
}
