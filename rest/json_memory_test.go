package rest

import (
	"bytes"
	"net/http"
	"runtime"
	"strings"
	"testing"
)

// A JSON body of many small values costs about its own size in memory, not
// twenty times it: it is refused (413) before a generic decode builds a
// value for each element, and the allocations the whole request makes stay
// within a small multiple of the body. An over-large JSON body is refused
// before it is read.
func TestBigJSONBodyMemoryBounded(t *testing.T) {
	ts := newTestSite(t)
	for _, tt := range []struct {
		name   string
		body   []byte
		status int
	}{
		{"30 MiB of small values", append(append([]byte("["), bytes.Repeat([]byte("0,"), 15<<20)...), '0', ']'), http.StatusRequestEntityTooLarge},
		{"40 MiB, over the JSON limit", append(append([]byte(`{"content":"`), bytes.Repeat([]byte("a"), 40<<20)...), '"', '}'), http.StatusRequestEntityTooLarge},
	} {
		t.Run(tt.name, func(t *testing.T) {
			runtime.GC()
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			res := ts.with(t).do(req{method: "POST", path: "/wp-json/wp/v2/posts", as: "admin",
				headers: map[string]string{"Content-Type": "application/json"}, body: string(tt.body)})
			runtime.ReadMemStats(&after)
			// The client's copy of the body is allocated in this process too
			// (the string and its request): four times the body covers both
			// sides; a generic decode alone would take twenty.
			if grew := after.TotalAlloc - before.TotalAlloc; grew > 4*uint64(len(tt.body)) {
				t.Errorf("the request allocated %d MiB for a %d MiB body", grew>>20, len(tt.body)>>20)
			}
			if res.status != tt.status {
				t.Errorf("status %d, want %d: %.200s", res.status, tt.status, res.raw)
			}
			if !strings.Contains(string(res.raw), "rest_request_too_large") {
				t.Errorf("answer %.200s", res.raw)
			}
		})
	}
}
