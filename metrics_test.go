package main

import (
	"bytes"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/kolo/xmlrpc"
	"github.com/presspass/presspass/fixtures/fixturestest"
	"github.com/presspass/presspass/models"
	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
)

// metricsSite is a running server with --metrics-addr, and a client that
// sends every request over one connection: the server reads a request only
// after the previous one's handler (and so its counting) has finished, so
// that a scrape after a last request sees every earlier one counted.
type metricsSite struct {
	t                           *testing.T
	base, metrics, db           string
	client                      *http.Client
	user, appPw, readPw, mainPw string
}

func startMetricsSite(t *testing.T, extra ...string) *metricsSite {
	t.Helper()
	db := fixturestest.DatabaseURL(t)
	const user, mainPw = "zelda-metrics", "main-secret-pass"
	mustCLI(t, db, "user", "create", user, "zelda@example.com", "--role=author", "--user_pass="+mainPw)
	appPw := strings.TrimSpace(mustCLI(t, db, "app-password", "create", user, "Camera", "--porcelain"))
	readPw := strings.TrimSpace(mustCLI(t, db, "app-password", "create", user, "Reader", "--scope=read", "--porcelain"))
	// A free loopback port for the metrics listener.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	maddr := ln.Addr().String()
	ln.Close()
	flags := append([]string{"--metrics-addr", maddr, "--uploads-dir", t.TempDir()}, extra...)
	base := startServe(t, db, flags...)
	tr := &http.Transport{MaxConnsPerHost: 1}
	t.Cleanup(tr.CloseIdleConnections)
	return &metricsSite{t: t, base: base, db: db, metrics: "http://" + maddr + "/metrics",
		client: &http.Client{Transport: tr}, user: user, appPw: appPw, readPw: readPw, mainPw: mainPw}
}

// do sends a request with Basic credentials when password is set, and
// returns the status.
func (m *metricsSite) do(method, path, password string, headers map[string]string, body []byte) int {
	m.t.Helper()
	req, err := http.NewRequest(method, m.base+path, bytes.NewReader(body))
	if err != nil {
		m.t.Fatal(err)
	}
	if password != "" {
		req.SetBasicAuth(m.user, password)
	}
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	resp, err := m.client.Do(req)
	if err != nil {
		m.t.Fatal(err)
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode
}

// call makes an XML-RPC call over the same connection.
func (m *metricsSite) call(method string, args ...any) error {
	m.t.Helper()
	c, err := xmlrpc.NewClient(m.base+"/xmlrpc.php", m.client.Transport)
	if err != nil {
		m.t.Fatal(err)
	}
	var reply any
	return c.Call(method, args, &reply)
}

// scrape reads /metrics after a last request on the site's connection.
func (m *metricsSite) scrape() map[string]*dto.MetricFamily {
	m.t.Helper()
	m.do("GET", "/healthz", "", nil, nil)
	resp, err := http.Get(m.metrics)
	if err != nil {
		m.t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		m.t.Fatalf("GET /metrics: %s", resp.Status)
	}
	p := expfmt.NewTextParser(model.UTF8Validation)
	fams, err := p.TextToMetricFamilies(resp.Body)
	if err != nil {
		m.t.Fatalf("parse /metrics: %v", err)
	}
	return fams
}

// value is the sample of family name whose labels include want (a
// histogram's sample count); ok is false when there is none.
func value(fams map[string]*dto.MetricFamily, name string, want map[string]string) (v float64, ok bool) {
	f := fams[name]
	if f == nil {
		return 0, false
	}
next:
	for _, m := range f.Metric {
		got := map[string]string{}
		for _, l := range m.Label {
			got[l.GetName()] = l.GetValue()
		}
		for k, w := range want {
			if got[k] != w {
				continue next
			}
		}
		switch {
		case m.Counter != nil:
			v += m.Counter.GetValue()
		case m.Gauge != nil:
			v += m.Gauge.GetValue()
		case m.Histogram != nil:
			v += float64(m.Histogram.GetSampleCount())
		case m.Untyped != nil:
			v += m.Untyped.GetValue()
		}
		ok = true
	}
	return v, ok
}

// TestMetricsAfterMixedLoad runs a short mixed load against a real server —
// anonymous and authenticated REST reads, an upload, XML-RPC calls, wrong
// logins through REST, the login page and XML-RPC until the address is
// locked, unknown routes with query strings — and checks the series it
// leaves, and that no label value holds the user name, a password, the
// client's address, a path nobody routes or a query string.
func TestMetricsAfterMixedLoad(t *testing.T) {
	m := startMetricsSite(t, "--throttle-ip-failures", "3")
	png := testPNG(t, 3, 2)

	for i := 0; i < 3; i++ {
		if st := m.do("GET", "/wp-json/wp/v2/posts?per_page=5", "", nil, nil); st != 200 {
			t.Fatalf("GET posts: %d", st)
		}
	}
	if st := m.do("GET", "/wp-json/wp/v2/users/me?context=edit", m.appPw, nil, nil); st != 200 {
		t.Fatalf("GET users/me: %d", st)
	}
	if st := m.do("POST", "/wp-json/wp/v2/media", m.appPw, map[string]string{
		"Content-Type": "image/png", "Content-Disposition": `attachment; filename="pic.png"`}, png); st != 201 {
		t.Fatalf("upload: %d", st)
	}
	if err := m.call("wp.getProfile", 1, m.user, m.appPw); err != nil {
		t.Fatalf("wp.getProfile: %v", err)
	}
	// A read-only password is verified, then refused for a write.
	if st := m.do("POST", "/wp-json/wp/v2/posts", m.readPw, map[string]string{"Content-Type": "application/json"}, []byte(`{"title":"x"}`)); st != 403 {
		t.Fatalf("write with a read-only password: %d", st)
	}
	if err := m.call("zelda.secretMethod", 1, m.user, m.appPw); err == nil {
		t.Fatal("a made-up method answered")
	}
	m.do("POST", "/xmlrpc.php", "", map[string]string{"Content-Type": "text/xml"}, []byte("<methodCall><zelda"))
	if st := m.do("GET", "/wp-json/zelda/secret-route?token=querysecret", "", nil, nil); st != 404 {
		t.Fatalf("unknown REST route: %d", st)
	}
	if st := m.do("GET", "/no-such-page-zelda?q=querysecret", "", nil, nil); st != 404 {
		t.Fatalf("unknown page: %d", st)
	}
	// Three failures lock the address; the next right password is refused.
	if st := m.do("GET", "/wp-json/wp/v2/users/me", "wrong-secret-pass", nil, nil); st != 401 {
		t.Fatalf("wrong REST password: %d", st)
	}
	form := url.Values{"log": {m.user}, "pwd": {"wrong-secret-pass"}}.Encode()
	m.do("POST", "/wp-login.php", "", map[string]string{"Content-Type": "application/x-www-form-urlencoded"}, []byte(form))
	if err := m.call("wp.getProfile", 1, m.user, "wrong-secret-pass"); err == nil {
		t.Fatal("XML-RPC took a wrong password")
	}
	if st := m.do("GET", "/wp-json/wp/v2/users/me", m.appPw, nil, nil); st != 429 {
		t.Fatalf("REST from a locked address: %d", st)
	}

	fams := m.scrape()
	checks := []struct {
		name   string
		labels map[string]string
		want   float64
	}{
		{"presspass_http_requests_total", map[string]string{"protocol": "rest", "method": "GET", "route": "/wp/v2/posts", "status": "200"}, 3},
		{"presspass_http_requests_total", map[string]string{"protocol": "rest", "method": "POST", "route": "/wp/v2/media", "status": "201"}, 1},
		{"presspass_http_requests_total", map[string]string{"protocol": "rest", "route": unmatchedRoute, "status": "404"}, 1},
		{"presspass_http_requests_total", map[string]string{"protocol": "xmlrpc", "route": "wp.getProfile", "status": "200", "fault": ""}, 1},
		{"presspass_http_requests_total", map[string]string{"protocol": "xmlrpc", "route": "wp.getProfile", "fault": "403"}, 1},
		{"presspass_http_requests_total", map[string]string{"protocol": "xmlrpc", "route": unmatchedRoute, "fault": "-32601"}, 1},
		{"presspass_http_requests_total", map[string]string{"protocol": "xmlrpc", "route": unmatchedRoute, "fault": "-32700"}, 1},
		{"presspass_http_requests_total", map[string]string{"protocol": "page", "method": "POST", "route": "/wp-login.php"}, 1},
		{"presspass_http_request_duration_seconds", map[string]string{"protocol": "rest", "route": "/wp/v2/posts"}, 3},
		{"presspass_logins_total", map[string]string{"channel": "rest_basic", "credential": "application_password", "result": "ok"}, 2},
		{"presspass_logins_total", map[string]string{"channel": "rest_basic", "credential": "application_password", "result": "wrong"}, 1},
		{"presspass_logins_total", map[string]string{"channel": "rest_basic", "credential": "application_password", "result": "locked"}, 1},
		{"presspass_logins_total", map[string]string{"channel": "rest_basic", "credential": "application_password", "result": "scope_refused"}, 1},
		{"presspass_logins_total", map[string]string{"channel": "login_page", "credential": "main_password", "result": "wrong"}, 1},
		{"presspass_logins_total", map[string]string{"channel": "xmlrpc", "credential": "application_password", "result": "ok"}, 1},
		{"presspass_logins_total", map[string]string{"channel": "xmlrpc", "credential": "main_password", "result": "wrong"}, 1},
		{"presspass_lockouts_total", map[string]string{"scope": "ip"}, 1},
		{"presspass_lockout_duration_seconds", map[string]string{"scope": "ip"}, 1},
		{"presspass_cache_lookups_total", map[string]string{"cache": "rest", "result": "hit"}, 2},
		{"presspass_uploads_total", nil, 1},
		{"presspass_upload_bytes_total", nil, float64(len(png))},
	}
	for _, c := range checks {
		got, ok := value(fams, c.name, c.labels)
		if !ok || got != c.want {
			t.Errorf("%s%v = %v (present %v), want %v", c.name, c.labels, got, ok, c.want)
		}
	}
	if got, _ := value(fams, "presspass_logins_total", nil); got != 8 {
		t.Errorf("presspass_logins_total sums to %v, want the 8 attempts made", got)
	}
	if got, ok := value(fams, "presspass_cache_lookups_total", map[string]string{"cache": "rest", "result": "miss"}); !ok || got < 1 {
		t.Errorf("REST cache misses = %v, want the first read's", got)
	}
	if _, ok := value(fams, "go_sql_open_connections", map[string]string{"db_name": "presspass"}); !ok {
		t.Error("no database pool statistics (go_sql_open_connections)")
	}
	if _, ok := value(fams, "go_sql_open_connections", map[string]string{"db_name": "presspass_read"}); ok != !strings.HasPrefix(m.db, "mysql:") {
		t.Errorf("SQLite's read-only pool statistics present %v on %s", ok, m.db)
	}
	for _, cache := range []string{"xmlrpc", "login", "page", "objects"} {
		if _, ok := value(fams, "presspass_cache_lookups_total", map[string]string{"cache": cache}); !ok {
			t.Errorf("no lookups series for the %s cache", cache)
		}
	}

	// On MySQL (lease mode) the writes above took the epoch lease; SQLite
	// has none.
	takes, ok := value(fams, "presspass_epoch_lease_takes_total", nil)
	if _, held := value(fams, "presspass_epoch_lease_held", nil); !ok || !held {
		t.Error("no epoch lease series")
	}
	if mysql := strings.HasPrefix(m.db, "mysql:"); mysql != (takes >= 1) {
		t.Errorf("epoch lease taken %v times on %s", takes, m.db)
	}
	checkDocumentedSeries(t, fams)

	secrets := []string{m.user, "zelda", m.appPw, models.ChunkAppPassword(m.appPw), m.readPw, m.mainPw, "wrong-secret-pass",
		"127.0.0.1", "querysecret", "secret-route", "secretMethod", "no-such-page", "?", "zelda@example.com"}
	for name, f := range fams {
		for _, s := range f.Metric {
			for _, l := range s.Label {
				for _, secret := range secrets {
					if strings.Contains(l.GetValue(), secret) {
						t.Errorf("%s{%s=%q} holds %q", name, l.GetName(), l.GetValue(), secret)
					}
				}
			}
		}
	}
}

// TestMetricsCardinalityIsBounded sends many requests to routes, methods
// and pages nobody serves, each with its own name: the request series do
// not multiply, their one unmatched series counts them all.
func TestMetricsCardinalityIsBounded(t *testing.T) {
	m := startMetricsSite(t)
	unknown := func(i int) {
		m.do("GET", fmt.Sprintf("/wp-json/nowhere/r%d?x=%d", i, i), "", nil, nil)
		m.do("GET", fmt.Sprintf("/nowhere-%d/?x=%d", i, i), "", nil, nil)
		_ = m.call(fmt.Sprintf("made.up%d", i))
	}
	unknown(0)
	series := func(fams map[string]*dto.MetricFamily) int {
		return len(fams["presspass_http_requests_total"].GetMetric()) + len(fams["presspass_http_request_duration_seconds"].GetMetric())
	}
	before := m.scrape()
	const n = 40
	for i := 1; i <= n; i++ {
		unknown(i)
	}
	after := m.scrape()
	if b, a := series(before), series(after); a != b {
		t.Errorf("%d distinct unknown routes, methods and pages grew the request series from %d to %d", n, b, a)
	}
	for _, protocol := range []string{"rest", "xmlrpc"} {
		b, _ := value(before, "presspass_http_requests_total", map[string]string{"protocol": protocol, "route": unmatchedRoute})
		a, _ := value(after, "presspass_http_requests_total", map[string]string{"protocol": protocol, "route": unmatchedRoute})
		if a-b != n {
			t.Errorf("%s: the unmatched series counted %v of the %d unknown requests", protocol, a-b, n)
		}
	}
}

// checkDocumentedSeries fails when docs/metrics.md or the Grafana dashboard
// names a PressPass or database-pool series that the server does not serve.
func checkDocumentedSeries(t *testing.T, fams map[string]*dto.MetricFamily) {
	t.Helper()
	name := regexp.MustCompile(`\b(presspass|go_sql)_[a-z_]*[a-z]`)
	for _, doc := range []string{"docs/metrics.md", "docs/grafana-presspass.json"} {
		b, err := os.ReadFile(doc)
		if err != nil {
			t.Fatal(err)
		}
		for _, at := range name.FindAllIndex(b, -1) {
			n := string(b[at[0]:at[1]])
			if bytes.HasSuffix(b[:at[0]], []byte(`="`)) {
				continue // a label's value, such as db_name="presspass_read"
			}
			base := n
			for _, suffix := range []string{"_bucket", "_sum", "_count"} {
				if f := fams[strings.TrimSuffix(n, suffix)]; f != nil && f.GetType() == dto.MetricType_HISTOGRAM {
					base = strings.TrimSuffix(n, suffix)
				}
			}
			if fams[base] == nil && n != "go_sql_" {
				t.Errorf("%s names %s, which /metrics does not serve", doc, n)
			}
		}
	}
}

// BenchmarkRequestMetrics measures what counting costs a cached REST read,
// the cheapest request there is: the whole wiring with metrics off and on.
func BenchmarkRequestMetrics(b *testing.B) {
	for _, on := range []bool{false, true} {
		b.Run(map[bool]string{false: "off", true: "on"}[on], func(b *testing.B) {
			s := fixturestest.Open(b)
			a, err := parseArgs([]string{"--database", fixturestest.DatabaseURL(b)}, flagSpec{})
			if err != nil {
				b.Fatal(err)
			}
			c, err := loadConfig(a)
			if err != nil {
				b.Fatal(err)
			}
			var m *serverMetrics
			if on {
				m = newServerMetrics()
			}
			e, err := newServer(s, c, newLogger(io.Discard, "warn", "text"), m)
			if err != nil {
				b.Fatal(err)
			}
			req := httptest.NewRequest("GET", "/wp-json/wp/v2/posts?per_page=1", nil)
			e.ServeHTTP(httptest.NewRecorder(), req)
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				w := httptest.NewRecorder()
				e.ServeHTTP(w, req)
				if w.Code != 200 {
					b.Fatalf("status %d", w.Code)
				}
			}
		})
	}
}
