package loadtest

import (
	"bytes"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"
)

// The load generator's own HTTP/1.1 client must read every framing Go's
// server uses — Content-Length, chunked bodies, Connection: close — and send
// each request's method, headers and body as they are.
func TestWireClientFramings(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var in bytes.Buffer
		_, _ = in.ReadFrom(r.Body)
		switch r.URL.Path {
		case "/length":
			w.Header().Set("Content-Length", "5")
			_, _ = w.Write([]byte("hello"))
		case "/chunked":
			w.WriteHeader(201)
			for i := range 3 {
				_, _ = fmt.Fprintf(w, "part%d-", i)
				w.(http.Flusher).Flush()
			}
		case "/close":
			w.Header().Set("Connection", "close")
			_, _ = w.Write([]byte("bye"))
		case "/echo":
			w.WriteHeader(202)
			_, _ = fmt.Fprintf(w, "%s %s %s", r.Method, r.Header.Get("X-Test"), in.String())
		}
	}))
	defer srv.Close()
	u, _ := url.Parse(srv.URL)
	wire := serialise(u, []request{
		{Method: "GET", Path: "/length"},
		{Method: "GET", Path: "/chunked"},
		{Method: "GET", Path: "/close"},
		{Method: "POST", Path: "/echo", Header: http.Header{"X-Test": {"yes"}}, Body: []byte("payload")},
	})
	tests := []struct {
		req    wireRequest
		status int
		body   string
	}{
		{wire[0], 200, "hello"},
		{wire[1], 201, "part0-part1-part2-"},
		{wire[2], 200, "bye"},
		{wire[3], 202, "POST yes payload"},
		{wire[0], 200, "hello"}, // after the close: a new connection
	}
	c := &wireConn{addr: u.Host}
	defer c.close()
	for i, tt := range tests {
		status, body, err := c.roundTrip(tt.req.raw, time.Now().Add(5*time.Second))
		if err != nil {
			t.Fatalf("%d %s: %v", i, tt.req.lr.Path, err)
		}
		if status != tt.status || string(body) != tt.body {
			t.Errorf("%d %s: %d %q, want %d %q", i, tt.req.lr.Path, status, body, tt.status, tt.body)
		}
	}
	if !strings.Contains(string(wire[3].raw), "Content-Length: 7\r\n") {
		t.Errorf("POST sent without its length: %q", wire[3].raw)
	}
}
