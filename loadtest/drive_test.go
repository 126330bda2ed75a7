package loadtest

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"testing"
	"time"
)

// drive sorts every answer into served, error (and 5xx) or refused by
// design, stops at its request budget and only loads loopback addresses.
func TestDriveCountsAnswers(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/ok":
			_, _ = w.Write([]byte(`{"slug":"admin"}`))
		case "/locked":
			w.WriteHeader(http.StatusTooManyRequests)
		case "/fault":
			_, _ = w.Write([]byte("<int>429</int>"))
		case "/broken":
			w.WriteHeader(http.StatusInternalServerError)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	refused := func(status int) bool { return status == http.StatusTooManyRequests }
	tests := []struct {
		name                       string
		req                        request
		errors, refused, status5xx bool
	}{
		{"expected status and body", request{Method: "GET", Path: "/ok", Expect: 200, Contains: []byte(`"slug":"admin"`)}, false, false, false},
		{"body without the expected text", request{Method: "GET", Path: "/ok", Expect: 200, Contains: []byte("nope")}, true, false, false},
		{"unexpected status", request{Method: "GET", Path: "/missing", Expect: 200}, true, false, false},
		{"refused by status", request{Method: "GET", Path: "/locked", Expect: 200, Refused: refused}, false, true, false},
		{"refused by body", request{Method: "POST", Path: "/fault", Expect: 200, Contains: []byte("x"), RefusedBody: []byte("<int>429</int>")}, false, true, false},
		{"server error", request{Method: "GET", Path: "/broken", Expect: 200, Refused: refused}, true, false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := drive(context.Background(), srv.URL, []request{tt.req}, 2, 10*time.Second, 20)
			if err != nil {
				t.Fatal(err)
			}
			if res.Requests != 20 {
				t.Errorf("%d answers, want the budget of 20", res.Requests)
			}
			all := func(b bool) int64 {
				if b {
					return 20
				}
				return 0
			}
			if res.Errors != all(tt.errors) || res.Refused != all(tt.refused) || res.Status5xx != all(tt.status5xx) {
				t.Errorf("errors %d, refused %d, 5xx %d of 20", res.Errors, res.Refused, res.Status5xx)
			}
			if res.P50 <= 0 || res.P99 < res.P50 || res.RPS() <= 0 {
				t.Errorf("latency p50 %s p99 %s, %.0f req/s", res.P50, res.P99, res.RPS())
			}
		})
	}
	if _, err := drive(context.Background(), "http://192.0.2.1:80", []request{{Method: "GET", Path: "/"}}, 1, time.Second, 1); err == nil {
		t.Error("a non-loopback address was loaded")
	}
}

// The /proc readers see this process (Linux only).
func TestProcReaders(t *testing.T) {
	if _, err := os.Stat("/proc/self/status"); err != nil {
		t.Skip("no /proc")
	}
	pid := os.Getpid()
	if peakRSS(pid) <= 0 || currentRSS(pid) <= 0 || peakRSS(pid) < currentRSS(pid)/2 {
		t.Errorf("peak RSS %d, RSS %d", peakRSS(pid), currentRSS(pid))
	}
	start := processCPU(pid)
	for deadline := time.Now().Add(2 * time.Second); processCPU(pid) == start && time.Now().Before(deadline); {
	}
	if processCPU(pid) <= start {
		t.Errorf("CPU time did not grow while spinning: %s", processCPU(pid))
	}
}
