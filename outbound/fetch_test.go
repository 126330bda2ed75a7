package outbound_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/presspass/presspass/outbound"
)

func TestPublic(t *testing.T) {
	tests := []struct {
		ip   string
		want bool
	}{
		{"8.8.8.8", true},
		{"93.184.216.34", true},
		{"2606:4700:4700::1111", true},
		{"127.0.0.1", false},
		{"127.8.9.10", false},
		{"10.1.2.3", false},
		{"172.16.0.1", false},
		{"192.168.1.1", false},
		{"169.254.169.254", false},
		{"100.64.0.1", false},
		{"0.0.0.0", false},
		{"255.255.255.255", false},
		{"224.0.0.1", false},
		{"198.18.0.1", false},
		{"::1", false},
		{"::", false},
		{"::ffff:127.0.0.1", false},
		{"::ffff:10.0.0.1", false},
		{"fe80::1", false},
		{"fc00::1", false},
		{"fd12:3456::1", false},
		{"ff02::1", false},
		{"64:ff9b::7f00:1", false},
		{"2002:7f00:1::", false},
	}
	for _, tt := range tests {
		t.Run(tt.ip, func(t *testing.T) {
			if got := outbound.Public(netip.MustParseAddr(tt.ip)); got != tt.want {
				t.Fatalf("Public(%s) = %v, want %v", tt.ip, got, tt.want)
			}
		})
	}
}

func TestFetchRefusesInternalAddresses(t *testing.T) {
	hit := false
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { hit = true }))
	defer srv.Close()
	f := outbound.New(outbound.Options{Timeout: 2 * time.Second})
	for _, u := range []string{
		srv.URL + "/page",                // loopback, on its own port
		"http://localhost/page",          // a name that resolves to loopback
		"http://127.0.0.1:8080/page",     // loopback on a web port
		"http://[::1]/page",              // IPv6 loopback
		"http://169.254.169.254/latest/", // cloud metadata
		"http://[::ffff:127.0.0.1]/",     // IPv4-mapped loopback
		"https://example.com:22/",        // not a web port
		"ftp://example.com/file",         // not HTTP
		"http://user:pw@example.com/",    // credentials
		"not a url",
	} {
		t.Run(u, func(t *testing.T) {
			_, err := f.Get(context.Background(), u, nil)
			if !errors.Is(err, outbound.ErrRefused) {
				t.Fatalf("got %v, want ErrRefused", err)
			}
		})
	}
	if hit {
		t.Fatal("a refused address was contacted")
	}
}

func TestFetchLimits(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/big", func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(strings.Repeat("x", 400_000)))
	})
	mux.HandleFunc("/redirect", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/secret", http.StatusFound)
	})
	mux.HandleFunc("/secret", func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte("the secret"))
	})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(3 * time.Second):
		case <-r.Context().Done():
		}
	})
	mux.HandleFunc("/headers", func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(r.Header.Get("User-Agent") + "|" + r.Header.Get("X-Pingback-Forwarded-For")))
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	// Only a test may reach its own loopback server.
	f := outbound.New(outbound.Options{Timeout: 300 * time.Millisecond, AllowInternal: true, UserAgent: "PressPass; http://site"})

	t.Run("the body is cut at 150 KB", func(t *testing.T) {
		r, err := f.Get(context.Background(), srv.URL+"/big", nil)
		if err != nil || len(r.Body) != outbound.DefaultMaxBytes {
			t.Fatalf("got %v, %v", r, err)
		}
	})
	t.Run("redirects are not followed", func(t *testing.T) {
		r, err := f.Get(context.Background(), srv.URL+"/redirect", nil)
		if err != nil || r.Status != http.StatusFound || strings.Contains(string(r.Body), "the secret") {
			t.Fatalf("got %v, %v", r, err)
		}
	})
	t.Run("a slow page times out", func(t *testing.T) {
		start := time.Now()
		if _, err := f.Get(context.Background(), srv.URL+"/slow", nil); err == nil {
			t.Fatal("no error")
		}
		if d := time.Since(start); d > 2*time.Second {
			t.Fatalf("took %v", d)
		}
	})
	t.Run("the site is named", func(t *testing.T) {
		r, err := f.Get(context.Background(), srv.URL+"/headers", nil)
		if err != nil || string(r.Body) != "PressPass; http://site|" {
			t.Fatalf("got %v, %v", r, err)
		}
	})
	t.Run("headers are passed on", func(t *testing.T) {
		h := http.Header{"User-Agent": {"PressPass; http://site; verifying pingback from 203.0.113.9"}, "X-Pingback-Forwarded-For": {"203.0.113.9"}}
		r, err := f.Get(context.Background(), srv.URL+"/headers", h)
		if err != nil || string(r.Body) != "PressPass; http://site; verifying pingback from 203.0.113.9|203.0.113.9" {
			t.Fatalf("got %v, %v", r, err)
		}
	})
}
