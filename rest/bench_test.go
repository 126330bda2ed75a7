package rest

import (
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/labstack/echo/v4"
)

// benchClient keeps enough idle loopback connections for RunParallel.
func benchClient() *http.Client {
	tr := &http.Transport{MaxIdleConns: 256, MaxIdleConnsPerHost: 256, IdleConnTimeout: time.Minute}
	return &http.Client{Transport: tr}
}

// runHTTPBench issues GET url with the given Authorization from parallel
// goroutines and reports requests per second.
func runHTTPBench(b *testing.B, url, auth string) {
	client := benchClient()
	defer client.CloseIdleConnections()
	b.ReportAllocs()
	b.ResetTimer()
	start := time.Now()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			req, _ := http.NewRequest(http.MethodGet, url, nil)
			if auth != "" {
				req.Header.Set("Authorization", auth)
			}
			resp, err := client.Do(req)
			if err != nil {
				b.Error(err)
				return
			}
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				b.Errorf("status %d", resp.StatusCode)
				return
			}
		}
	})
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "req/s")
}

// BenchmarkUsersMeBasicAuth is the hot path: GET /wp/v2/users/me with an
// application password over loopback HTTP (one fast hash, two indexed
// lookups, no writes).
func BenchmarkUsersMeBasicAuth(b *testing.B) {
	ts := newTestSite(b)
	runHTTPBench(b, ts.url+"/wp-json/wp/v2/users/me", basic("admin", ts.appPw["admin"]))
}

// BenchmarkBareEcho is the ceiling: an Echo handler that writes a small JSON
// object over the same loopback HTTP client.
func BenchmarkBareEcho(b *testing.B) {
	e := echo.New()
	e.GET("/x", func(c echo.Context) error {
		return c.JSON(http.StatusOK, map[string]any{"id": 1, "name": "admin"})
	})
	srv := httptest.NewServer(e)
	defer srv.Close()
	runHTTPBench(b, srv.URL+"/x", "")
}

// BenchmarkBasicCredentials is the Authorization header parse of every
// Basic-authenticated request.
func BenchmarkBasicCredentials(b *testing.B) {
	h := basic("admin", "abcd EFGH ijkl MNOP qrst UVWX")
	b.ReportAllocs()
	for b.Loop() {
		if _, _, ok := basicCredentials(h); !ok {
			b.Fatal("not parsed")
		}
	}
}
