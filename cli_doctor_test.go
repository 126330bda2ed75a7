package main

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/presspass/presspass/fixtures/fixturestest"
	"github.com/presspass/presspass/models"
)

// TestDoctor runs `presspass doctor` against a local server directly, where
// every check passes, and through a reverse proxy that drops the
// Authorization header, where exactly that check fails.
func TestDoctor(t *testing.T) {
	db := fixturestest.DatabaseURL(t)
	mustCLI(t, db, "user", "create", "boss", "boss@example.com", "--role=administrator", "--user_pass=main-pass")
	pw := strings.TrimSpace(mustCLI(t, db, "app-password", "create", "boss", "doctor", "--porcelain"))
	base := startServe(t, db)
	target, _ := url.Parse(base)
	dropping := &httputil.ReverseProxy{Rewrite: func(r *httputil.ProxyRequest) {
		r.SetURL(target)
		r.Out.Host = r.In.Host // as a proxy that passes the Host header on
		r.Out.Header.Del("Authorization")
	}}
	proxy := httptest.NewServer(dropping)
	defer proxy.Close()

	failed := regexp.MustCompile(`(?m)^\[FAIL\] ([^:]+):`)
	for _, tc := range []struct {
		name   string
		argv   []string
		failed []string
	}{
		{"direct, token minted from the database", []string{base, "--database", db}, nil},
		{"direct, administrator's application password", []string{base, "--user", "boss:" + pw}, nil},
		{"direct, token and application password", []string{base, "--database", db, "--user", "boss:" + pw}, nil},
		{"through a proxy that drops Authorization", []string{proxy.URL, "--database", db}, []string{"Authorization header reaches PressPass"}},
		{"no token, no user", []string{base}, []string{"Server-side checks"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, errOut, code := cliRaw(t, append([]string{"doctor"}, tc.argv...)...)
			var got []string
			for _, m := range failed.FindAllStringSubmatch(out, -1) {
				got = append(got, m[1])
			}
			if strings.Join(got, "|") != strings.Join(tc.failed, "|") {
				t.Fatalf("failed checks %q, want %q:\n%s%s", got, tc.failed, out, errOut)
			}
			if wantCode := map[bool]int{true: 0, false: 1}[len(tc.failed) == 0]; code != wantCode {
				t.Errorf("exit %d, want %d", code, wantCode)
			}
			if len(tc.failed) > 0 && !strings.Contains(out, "fix: ") {
				t.Errorf("no fix printed:\n%s", out)
			}
			if strings.Contains(out, pw) {
				t.Error("the doctor printed the application password")
			}
		})
	}
}

// TestDoctorTokenIsSingleUseAndHashed: a token opens the doctor endpoint
// once; the database holds its hash only.
func TestDoctorTokenIsSingleUseAndHashed(t *testing.T) {
	db := fixturestest.DatabaseURL(t)
	out := mustCLI(t, db, "doctor", "token")
	token := strings.Fields(out)[0]
	base := startServe(t, db)
	s, err := models.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var values []models.Option
	if err := s.DB().Find(&values).Error; err != nil {
		t.Fatal(err)
	}
	for _, o := range values {
		if strings.Contains(o.Name+o.Value, token) {
			t.Fatalf("option %s holds the token itself", o.Name)
		}
	}
	for i, want := range []int{http.StatusOK, http.StatusUnauthorized} {
		req, _ := http.NewRequest("GET", base+"/wp-json/presspass/v1/doctor", nil)
		req.Header.Set("X-PressPass-Doctor-Token", token)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Errorf("use %d: status %d, want %d", i+1, resp.StatusCode, want)
		}
	}
	if resp, err := http.Get(base + "/wp-json/presspass/v1/doctor"); err != nil || resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("anonymous: %v %v", resp, err)
	}
}

// cliRaw runs a command line as given (no --database appended).
func cliRaw(t *testing.T, argv ...string) (string, string, int) {
	t.Helper()
	var out, errOut strings.Builder
	code := run(context.Background(), argv, &out, &errOut)
	return out.String(), errOut.String(), code
}
