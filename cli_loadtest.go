package main

import (
	"cmp"
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	_ "github.com/go-sql-driver/mysql" // CREATE/DROP DATABASE for MySQL runs
	"github.com/labstack/echo/v4"
	"github.com/presspass/presspass/fixtures"
	"github.com/presspass/presspass/models"
)

// presspass loadtest: the performance table of the README. It starts
// PressPass (and a bare Echo "ceiling" server) as child processes on
// loopback, on a fresh database loaded with fixtures, drives each scenario
// like `wrk -c16`, and prints req/s, latency, errors and peak RSS, each also
// as a ratio to the ceiling. Bounded in time and request count.

var loadtestFlags = flagSpec{
	"duration": true, "connections": true, "max-requests": true, "large": false, "scenarios": true,
	"mix": true, "keep": false,
}

type scenario struct {
	Name, Description string
	Requests          []loadRequest
}

func cmdLoadtest(ctx context.Context, raw []string, out io.Writer) error {
	a, err := parseArgs(raw, loadtestFlags)
	if err != nil {
		return err
	}
	dur, err := time.ParseDuration(a.str("duration", "", "10s"))
	if err != nil || dur <= 0 || dur > 10*time.Minute {
		return fmt.Errorf("--duration: want a duration up to 10m")
	}
	conns := 16
	if v := a.str("connections", "", ""); v != "" {
		if _, err := fmt.Sscan(v, &conns); err != nil || conns < 1 || conns > 512 {
			return fmt.Errorf("--connections: want 1 to 512")
		}
	}
	var maxReq int64 = 5_000_000
	if v := a.str("max-requests", "", ""); v != "" {
		if _, err := fmt.Sscan(v, &maxReq); err != nil || maxReq < 1 {
			return fmt.Errorf("--max-requests: want a positive number")
		}
	}
	dbURL, cleanup, err := loadtestDatabase(a.str("database", "PRESSPASS_LOADTEST_DATABASE_URL", ""))
	if err != nil {
		return err
	}
	du, _ := models.ParseDatabaseURL(dbURL)
	fmt.Fprintf(out, "Database: %s\n", du.Display)
	if a.has("keep") {
		// --keep leaves the loaded database for a closer look (presspass
		// serve --database … with PRESSPASS_PPROF_ADDR, for instance).
		defer fmt.Fprintf(out, "\nThe database was kept: %s\n", du.Display)
	} else {
		defer cleanup()
	}

	creds, err := prepareLoadtestSite(ctx, dbURL)
	if err != nil {
		return err
	}
	self, err := os.Executable()
	if err != nil {
		return err
	}
	ceiling, err := startChild(ctx, self, "loadtest-ceiling")
	if err != nil {
		return err
	}
	defer ceiling.stop()
	server, err := startChild(ctx, self, "serve", "--database", dbURL, "--environment", "local", "--log-level", "warn",
		"--trusted-proxies", "127.0.0.1")
	if err != nil {
		return err
	}
	defer func() { server.stop() }()
	fmt.Fprintf(out, "Start-up to first answer (migrated database): %s\n", server.startup.Round(time.Millisecond))

	scenarios := loadtestScenarios(creds)
	if sel := a.str("scenarios", "", ""); sel != "" {
		scenarios = filterScenarios(scenarios, sel)
	}
	type row struct {
		name, size string
		res        loadResult
		rss        int64
		cpu        time.Duration // server CPU time used by the run
		ceiling    float64       // req/s of the ceiling run just before this one
	}
	var rows, ceilings []row
	measure := func(name, size string, base string, pid int, reqs []loadRequest) (row, error) {
		resetPeakRSS(pid)
		cpu := processCPU(pid)
		res, err := runLoad(ctx, base, reqs, conns, dur, maxReq)
		if err != nil {
			return row{}, err
		}
		fmt.Fprintf(os.Stderr, "  %s %s: %.0f req/s\n", name, size, res.RPS())
		return row{name: name, size: size, res: res, rss: peakRSS(pid), cpu: processCPU(pid) - cpu}, nil
	}
	// The machine's speed drifts (a VM's host takes CPU back now and then),
	// so each scenario is compared with a ceiling run made just before it,
	// not with one made minutes earlier.
	run := func(name, size string, base string, pid int, reqs []loadRequest) error {
		c, err := measure("ceiling", "-", ceiling.base, ceiling.pid, []loadRequest{{Method: "GET", Path: "/ceiling", Expect: 200}})
		if err != nil {
			return err
		}
		ceilings = append(ceilings, c)
		r, err := measure(name, size, base, pid, reqs)
		if err != nil {
			return err
		}
		r.ceiling = c.res.RPS()
		rows = append(rows, r)
		return nil
	}
	for _, sc := range scenarios {
		if err := run(sc.Name, "small", server.base, server.pid, sc.Requests); err != nil {
			return err
		}
	}
	if a.has("large") {
		server.stop()
		fmt.Fprintln(os.Stderr, "loading 10,000 users × 10 application passwords and 100,000 posts …")
		if err := loadLargeSite(ctx, dbURL); err != nil {
			return err
		}
		if server, err = startChild(ctx, self, "serve", "--database", dbURL, "--environment", "local", "--log-level", "warn",
			"--trusted-proxies", "127.0.0.1"); err != nil {
			return err
		}
		for _, sc := range scenarios {
			if sc.Name == "D" {
				continue
			}
			if err := run(sc.Name, "large", server.base, server.pid, sc.Requests); err != nil {
				return err
			}
		}
	}
	if v := a.str("mix", "", ""); v != "" {
		mixDur, err := time.ParseDuration(v)
		if err != nil || mixDur <= 0 || mixDur > 10*time.Minute {
			return fmt.Errorf("--mix: want a duration up to 10m")
		}
		before := currentRSS(server.pid)
		resetPeakRSS(server.pid)
		res, err := runLoad(ctx, server.base, mixedTraffic(creds), conns, mixDur, maxReq)
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "\nMixed REST + XML-RPC traffic, valid and invalid credentials, %s at c%d:\n", mixDur, conns)
		fmt.Fprintf(out, "  %d requests, %.0f req/s, p50 %s, p99 %s, 5xx %d, failed valid requests %d, refused by design %d\n",
			res.Requests, res.RPS(), res.P50, res.P99, res.Status5xx, res.Errors, res.Refused)
		fmt.Fprintf(out, "  RSS before %s, peak %s, after %s\n", mib(before), mib(peakRSS(server.pid)), mib(currentRSS(server.pid)))
	}

	if len(ceilings) == 0 {
		return fmt.Errorf("--scenarios: no scenario to run")
	}
	// The ceiling row is the median of its runs.
	slices.SortFunc(ceilings, func(a, b row) int { return cmp.Compare(a.res.RPS(), b.res.RPS()) })
	med := ceilings[len(ceilings)/2]
	med.ceiling = med.res.RPS()
	fmt.Fprintf(out, "\n%d connections, %s per scenario; each scenario right after a ceiling run of its own (%d ceiling runs: %.0f to %.0f req/s)\n",
		conns, dur, len(ceilings), ceilings[0].res.RPS(), ceilings[len(ceilings)-1].res.RPS())
	tw := tabwriter.NewWriter(out, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "scenario\tdata\treq/s\tceiling\t× ceiling\tp50\tp99\terrors\tpeak RSS\tserver CPU/req\t")
	for _, r := range append([]row{med}, rows...) {
		cpuPerReq := "-"
		if r.res.Requests > 0 && r.cpu > 0 {
			cpuPerReq = fmt.Sprintf("%.0f µs", float64(r.cpu.Microseconds())/float64(r.res.Requests))
		}
		fmt.Fprintf(tw, "%s\t%s\t%.0f\t%.0f\t%.0f%%\t%s\t%s\t%d\t%s\t%s\t\n", r.name, r.size, r.res.RPS(), r.ceiling, 100*r.res.RPS()/r.ceiling,
			r.res.P50.Round(time.Microsecond), r.res.P99.Round(time.Microsecond), r.res.Errors, mib(r.rss), cpuPerReq)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(out, "\nA: GET /wp-json/wp/v2/users/me, Basic application password   B: XML-RPC wp.getUsers, application password")
	fmt.Fprintln(out, "C: GET /wp-json/wp/v2/posts (10 posts), anonymous               D: XML-RPC wp.getProfile, main password")
	fmt.Fprintln(out, "E: GET /feed/ (RSS 2.0), anonymous                               F: GET /wp-sitemap-posts-post-1.xml, anonymous")
	return nil
}

func mib(b int64) string { return fmt.Sprintf("%.1f MiB", float64(b)/(1<<20)) }

type loadtestCreds struct {
	login, appPassword, mainPassword string
}

// prepareLoadtestSite migrates and loads the demo site plus enough posts for
// a 10-post list, and creates the application password the scenarios use.
func prepareLoadtestSite(ctx context.Context, dbURL string) (loadtestCreds, error) {
	s, err := models.Open(ctx, dbURL)
	if err != nil {
		return loadtestCreds{}, err
	}
	defer s.Close()
	if _, err := s.Migrate(ctx); err != nil {
		return loadtestCreds{}, err
	}
	site, err := fixtures.Read("demo")
	if err != nil {
		return loadtestCreds{}, err
	}
	if _, err := fixtures.Load(ctx, s, site); err != nil {
		return loadtestCreds{}, err
	}
	admin, err := s.UserByLogin(ctx, "admin")
	if err != nil {
		return loadtestCreds{}, err
	}
	for i := 0; i < 5; i++ {
		title, status := fmt.Sprintf("Load test post %d", i+1), "publish"
		if _, err := s.CreatePost(ctx, admin, models.PostInput{Title: &title, Status: &status}); err != nil {
			return loadtestCreds{}, err
		}
	}
	// Fifty users whose logins sort first fill wp.getUsers' default page
	// (50 by login), so that B answers the same 50 users on the small and
	// the large site and the two figures compare like with like.
	hash, err := models.HashPassword("load-test-user-pass", 4)
	if err != nil {
		return loadtestCreds{}, err
	}
	for i := 1; i <= 50; i++ {
		login, role := fmt.Sprintf("a-load-%02d", i), "subscriber"
		email := login + "@example.com"
		if _, err := s.CreateUser(ctx, models.UserInput{Login: &login, Email: &email, Role: &role, PasswordHash: &hash}); err != nil {
			return loadtestCreds{}, err
		}
	}
	ap, err := s.CreateAppPassword(ctx, admin.ID, "load test", "")
	if err != nil {
		return loadtestCreds{}, err
	}
	return loadtestCreds{login: "admin", appPassword: ap.Password, mainPassword: "admin-demo-pass"}, nil
}

func loadLargeSite(ctx context.Context, dbURL string) error {
	s, err := models.Open(ctx, dbURL)
	if err != nil {
		return err
	}
	defer s.Close()
	// The bulk posts are older than the small site's, so that C lists the
	// same ten posts on both: only the size of the tables differs.
	return fixtures.LoadLarge(ctx, s, fixtures.LargeSite{Users: 10_000, AppPasswordsPerUser: 10, Posts: 100_000,
		FirstUserID: 1000, FirstID: 100_000, PostsBefore: time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)},
		func(m string) { fmt.Fprintln(os.Stderr, "  "+m) })
}

func xmlrpcCall(method string, params ...string) []byte {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0"?><methodCall><methodName>` + method + `</methodName><params>`)
	for _, p := range params {
		b.WriteString("<param><value><string>" + p + "</string></value></param>")
	}
	b.WriteString("</params></methodCall>")
	return []byte(b.String())
}

func loadtestScenarios(c loadtestCreds) []scenario {
	basic := "Basic " + base64.StdEncoding.EncodeToString([]byte(c.login+":"+c.appPassword))
	xml := http.Header{"Content-Type": {"text/xml"}}
	return []scenario{
		{"A", "users/me, Basic application password", []loadRequest{{Method: "GET", Path: "/wp-json/wp/v2/users/me",
			Header: http.Header{"Authorization": {basic}}, Expect: 200, Contains: []byte(`"slug":"admin"`)}}},
		{"B", "XML-RPC wp.getUsers, application password", []loadRequest{{Method: "POST", Path: "/xmlrpc.php", Header: xml,
			Body: xmlrpcCall("wp.getUsers", "1", c.login, c.appPassword), Expect: 200, Contains: []byte("<name>user_id</name>")}}},
		{"C", "GET posts, anonymous", []loadRequest{{Method: "GET", Path: "/wp-json/wp/v2/posts", Expect: 200, Contains: []byte(`"id"`)}}},
		{"D", "XML-RPC wp.getProfile, main password", []loadRequest{{Method: "POST", Path: "/xmlrpc.php", Header: xml,
			Body: xmlrpcCall("wp.getProfile", "1", c.login, c.mainPassword), Expect: 200, Contains: []byte("<name>username</name>")}}},
		{"E", "the RSS feed, anonymous", []loadRequest{{Method: "GET", Path: "/feed/", Expect: 200, Contains: []byte("<item>")}}},
		{"F", "the posts sitemap, anonymous", []loadRequest{{Method: "GET", Path: "/wp-sitemap-posts-post-1.xml", Expect: 200, Contains: []byte("<url><loc>")}}},
	}
}

// mixedTraffic interleaves valid requests from one address with guessing
// from others (X-Forwarded-For through the trusted loopback proxy): the
// guessers get locked out by design; valid requests must never fail.
func mixedTraffic(c loadtestCreds) []loadRequest {
	var reqs []loadRequest
	for _, sc := range loadtestScenarios(c) {
		for _, r := range sc.Requests {
			r.Header = r.Header.Clone()
			if r.Header == nil {
				r.Header = http.Header{}
			}
			r.Header.Set("X-Forwarded-For", "198.51.100.10")
			// The guessers below also lock the account's MAIN password (by
			// design: see the throttling policy); application passwords
			// stay unaffected.
			r.RefusedBody = []byte("<int>429</int>")
			reqs = append(reqs, r)
		}
	}
	refused := func(status int) bool { return status == 401 || status == 429 }
	for i := 0; i < 4; i++ {
		ip := fmt.Sprintf("203.0.113.%d", i+1)
		bad := "Basic " + base64.StdEncoding.EncodeToString([]byte(c.login+":wrong-password-"+fmt.Sprint(i)))
		reqs = append(reqs,
			loadRequest{Method: "GET", Path: "/wp-json/wp/v2/users/me", Header: http.Header{"Authorization": {bad}, "X-Forwarded-For": {ip}},
				Expect: 401, Refused: refused},
			loadRequest{Method: "POST", Path: "/xmlrpc.php", Header: http.Header{"Content-Type": {"text/xml"}, "X-Forwarded-For": {ip}},
				Body: xmlrpcCall("wp.getUsers", "1", c.login, "nope"), Expect: 200, Contains: []byte("faultCode")})
	}
	return reqs
}

func filterScenarios(all []scenario, sel string) []scenario {
	var out []scenario
	for _, s := range all {
		if strings.Contains(","+strings.ToUpper(sel)+",", ","+s.Name+",") {
			out = append(out, s)
		}
	}
	return out
}

// child is a server process started by the load test.
type child struct {
	cmd     *exec.Cmd
	pid     int
	base    string
	startup time.Duration
}

func (c *child) stop() {
	if c == nil || c.cmd == nil || c.cmd.Process == nil {
		return
	}
	_ = c.cmd.Process.Signal(os.Interrupt)
	done := make(chan struct{})
	go func() { _ = c.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		_ = c.cmd.Process.Kill()
	}
	c.cmd = nil
}

// startChild runs `self args… --addr 127.0.0.1:PORT` and waits for /healthz.
func startChild(ctx context.Context, self string, args ...string) (*child, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	addr := ln.Addr().String()
	ln.Close()
	cmd := exec.CommandContext(ctx, self, append(args, "--addr", addr)...)
	cmd.Env = append(os.Environ(), "PRESSPASS_ADMIN_PASSWORD=unused-"+randomHex(8))
	cmd.Stdout, cmd.Stderr = io.Discard, os.Stderr
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	c := &child{cmd: cmd, pid: cmd.Process.Pid, base: "http://" + addr}
	for i := 0; i < 300; i++ {
		resp, err := http.Get(c.base + "/healthz")
		if err == nil {
			resp.Body.Close()
			c.startup = time.Since(start)
			return c, nil
		}
		time.Sleep(10 * time.Millisecond)
	}
	c.stop()
	return nil, fmt.Errorf("%s did not start", strings.Join(args[:1], " "))
}

// cmdLoadtestCeiling serves the ceiling: a bare Echo handler returning a
// small JSON document, no authentication, no database.
func cmdLoadtestCeiling(ctx context.Context, raw []string) error {
	a, err := parseArgs(raw, flagSpec{})
	if err != nil {
		return err
	}
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	e.GET("/ceiling", func(c echo.Context) error {
		return c.JSON(http.StatusOK, map[string]any{"id": 1, "name": "admin", "slug": "admin"})
	})
	srv := &http.Server{Addr: a.str("addr", "", "127.0.0.1:0"), Handler: e}
	go func() { <-ctx.Done(); _ = srv.Close() }()
	if err := srv.ListenAndServe(); err != http.ErrServerClosed {
		return err
	}
	return nil
}

// loadtestDatabase returns a fresh database URL and its cleanup: a SQLite file
// in a temporary folder by default, or a new database on the MySQL server of
// a mysql:// URL (created here and dropped afterwards).
func loadtestDatabase(raw string) (string, func(), error) {
	if raw == "" || strings.HasPrefix(raw, "sqlite:") {
		dir, err := os.MkdirTemp("", "presspass-loadtest-")
		if err != nil {
			return "", nil, err
		}
		return "sqlite:" + filepath.Join(dir, "load.db"), func() { os.RemoveAll(dir) }, nil
	}
	du, err := models.ParseDatabaseURL(raw)
	if err != nil {
		return "", nil, err
	}
	if du.Dialect != models.DialectMySQL {
		return "", nil, fmt.Errorf("--database: sqlite: or mysql://")
	}
	name := "presspass_load_" + randomHex(4)
	server := du.DSN[:strings.Index(du.DSN, ")/")+2]
	db, err := sql.Open("mysql", server)
	if err != nil {
		return "", nil, err
	}
	if _, err := db.Exec("CREATE DATABASE `" + name + "` CHARACTER SET utf8mb4"); err != nil {
		db.Close()
		return "", nil, fmt.Errorf("create load-test database: %w", err)
	}
	slash := strings.LastIndex(raw, "/")
	q := ""
	if i := strings.Index(raw[slash:], "?"); i >= 0 {
		q = raw[slash+i:]
	}
	url := raw[:slash+1] + name + q
	return url, func() { _, _ = db.Exec("DROP DATABASE IF EXISTS `" + name + "`"); db.Close() }, nil
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
