package xmlrpc_test

import (
	"flag"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/presspass/presspass/fixtures/fixturestest"
	"github.com/presspass/presspass/xmlrpc"
)

var update = flag.Bool("update", false, "rewrite the golden responses in testdata/golden")

// TestGolden replays every testdata/golden/NAME.request.xml against a fresh
// fixture site and compares the whole response document (layout included)
// with NAME.response.xml. Run with -update to accept new output.
func TestGolden(t *testing.T) {
	requests, err := filepath.Glob(filepath.Join("testdata", "golden", "*.request.xml"))
	if err != nil || len(requests) == 0 {
		t.Fatalf("no golden requests: %v", err)
	}
	s := fixturestest.Loaded(t, "test")
	s.Clock = func() time.Time { return time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC) }
	const siteURL = "http://golden.example"
	s.Config.SiteURL = siteURL
	h := xmlrpc.NewServer(s, xmlrpc.Config{SiteURL: siteURL, Enabled: true})
	for _, reqPath := range requests {
		name := strings.TrimSuffix(filepath.Base(reqPath), ".request.xml")
		t.Run(name, func(t *testing.T) {
			body, err := os.ReadFile(reqPath)
			if err != nil {
				t.Fatal(err)
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest("POST", "/xmlrpc.php", strings.NewReader(string(body))))
			if ct := rec.Header().Get("Content-Type"); ct != "text/xml; charset=UTF-8" {
				t.Fatalf("Content-Type %q", ct)
			}
			got := rec.Body.String()
			respPath := filepath.Join("testdata", "golden", name+".response.xml")
			if *update {
				if err := os.WriteFile(respPath, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(respPath)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if got != string(want) {
				t.Fatalf("response differs from %s:\n--- got\n%s\n--- want\n%s", respPath, got, want)
			}
		})
	}
}
