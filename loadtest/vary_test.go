package loadtest

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"
)

// A Vary request reaches the server with a query string of its own every
// time (so that no answer cache can serve it), its other parameters kept.
func TestVaryRequestsAllDiffer(t *testing.T) {
	var mu sync.Mutex
	seen := map[string]int{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		seen[r.URL.RequestURI()]++
		mu.Unlock()
		if r.URL.Query().Get("per_page") != "10" || len(r.URL.Query().Get("_")) != varyDigits {
			w.WriteHeader(400)
		}
	}))
	defer srv.Close()
	res, err := drive(context.Background(), srv.URL, []request{{Method: "GET", Path: "/list?per_page=10", Vary: true, Expect: 200}}, 4, time.Minute, 200)
	if err != nil {
		t.Fatal(err)
	}
	if res.Errors != 0 || res.Requests != 200 {
		t.Fatalf("%d requests, %d errors", res.Requests, res.Errors)
	}
	for uri, n := range seen {
		if n > 1 {
			t.Errorf("%s was sent %d times", uri, n)
		}
	}
	if len(seen) != 200 {
		t.Errorf("%d distinct requests, want 200", len(seen))
	}
}
