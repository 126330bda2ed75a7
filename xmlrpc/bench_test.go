package xmlrpc_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/presspass/presspass/fixtures/fixturestest"
	"github.com/presspass/presspass/models"
	"github.com/presspass/presspass/xmlrpc"
)

// benchSite is the fixture site plus 50 extra published posts, with an
// application password for admin (the fast, bcrypt-free login path).
func benchSite(b *testing.B) (http.Handler, string) {
	b.Helper()
	ctx := context.Background()
	s := fixturestest.Loaded(b, "test")
	admin, err := s.UserByLogin(ctx, "admin")
	if err != nil {
		b.Fatal(err)
	}
	for i := 0; i < 50; i++ {
		title, body, status := fmt.Sprintf("Bench post %d", i), strings.Repeat("Lorem ipsum dolor sit amet. ", 40), "publish"
		if _, err := s.CreatePost(ctx, admin, models.PostInput{Title: &title, Content: &body, Status: &status}); err != nil {
			b.Fatal(err)
		}
	}
	ap, err := s.CreateAppPassword(ctx, admin.ID, "bench", "")
	if err != nil {
		b.Fatal(err)
	}
	return xmlrpc.NewServer(s, xmlrpc.Config{SiteURL: "http://bench.example", Enabled: true}), ap.Password
}

func benchBody(method, password, extra string) string {
	return `<?xml version="1.0"?><methodCall><methodName>` + method + `</methodName><params>` +
		`<param><value><int>1</int></value></param><param><value><string>admin</string></value></param>` +
		`<param><value><string>` + password + `</string></value></param>` + extra + `</params></methodCall>`
}

func benchHandler(b *testing.B, h http.Handler, body string) {
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("POST", "/xmlrpc.php", strings.NewReader(body)))
		if rec.Code != 200 || strings.Contains(rec.Body.String(), "<fault>") {
			b.Fatalf("unexpected response %d: %.300s", rec.Code, rec.Body.String())
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "req/s")
}

// BenchmarkGetUsers measures decode + login + dispatch + encode of
// wp.getUsers in process.
func BenchmarkGetUsers(b *testing.B) {
	h, pw := benchSite(b)
	benchHandler(b, h, benchBody("wp.getUsers", pw, ""))
}

// BenchmarkGetPosts50 measures a 50-post wp.getPosts with every field.
func BenchmarkGetPosts50(b *testing.B) {
	h, pw := benchSite(b)
	benchHandler(b, h, benchBody("wp.getPosts", pw, `<param><value><struct><member><name>number</name><value><int>50</int></value></member></struct></value></param>`))
}

// BenchmarkLoopbackGetPosts50 is the same call end to end over loopback
// HTTP with keep-alive connections, several clients in parallel.
func BenchmarkLoopbackGetPosts50(b *testing.B) {
	h, pw := benchSite(b)
	srv := httptest.NewServer(h)
	defer srv.Close()
	body := benchBody("wp.getPosts", pw, `<param><value><struct><member><name>number</name><value><int>50</int></value></member></struct></value></param>`)
	client := srv.Client()
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			resp, err := client.Post(srv.URL+"/xmlrpc.php", "text/xml", strings.NewReader(body))
			if err != nil {
				b.Error(err)
				return
			}
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode != 200 {
				b.Errorf("status %d", resp.StatusCode)
				return
			}
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "req/s")
}
