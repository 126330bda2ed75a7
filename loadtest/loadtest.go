// Package loadtest drives `presspass loadtest`, the performance table of the
// README: it starts PressPass (and a bare Echo "ceiling" server) as child
// processes on loopback, on a database the command has prepared, drives each
// scenario like `wrk -c16` with its own HTTP/1.1 client, and prints req/s,
// latency, errors, peak RSS and server CPU per request, each scenario also as
// a ratio to a ceiling run made just before it. Bounded in time and request
// count. It reaches the server only over HTTP, as any client would.
package loadtest

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"slices"
	"text/tabwriter"
	"time"
)

// Options are a load test's settings.
type Options struct {
	// Executable is the presspass binary: the test runs `Executable serve
	// --database DatabaseURL …` and `Executable loadtest-ceiling`.
	Executable  string
	DatabaseURL string
	// Credentials log in to the site in the database.
	Credentials Credentials
	Duration    time.Duration // per scenario
	Connections int
	MaxRequests int64  // per scenario
	Scenarios   string // comma-separated scenario names; "" runs all
	// Large, when set, makes the site large while no server runs (the
	// README's 10,000 users × 10 application passwords and 100,000 posts);
	// the scenarios then run again on it.
	Large func(ctx context.Context) error
	// Mix, when not 0, runs valid and invalid traffic together for so long.
	Mix time.Duration
	// Progress receives progress lines and the servers' own logs.
	Progress io.Writer
}

// Credentials are the logins the scenarios use: an administrator's login,
// one of its application passwords and its main password; and a published
// post that H reads.
type Credentials struct {
	Login, AppPassword, MainPassword string
	PostID                           uint64
	// LongPostID is the published post of 5 MiB that J reads.
	LongPostID uint64
}

// scenario is one row of the table: the requests it sends, round robin.
type scenario struct {
	Name, Description string
	Requests          []request
	// Connections, when set, runs the scenario once at each of these
	// connection counts instead of Options.Connections, one row each.
	Connections []int
	// Background is sent by BackgroundConnections more connections for as
	// long as the scenario is measured, and not counted in its row.
	Background            []request
	BackgroundConnections int
}

// Run runs the load test and writes its table to out.
func Run(ctx context.Context, o Options, out io.Writer) error {
	ceiling, err := startChild(ctx, o, "loadtest-ceiling")
	if err != nil {
		return err
	}
	defer ceiling.stop()
	serve := []string{"serve", "--database", o.DatabaseURL, "--environment", "local", "--log-level", "warn", "--trusted-proxies", "127.0.0.1"}
	server, err := startChild(ctx, o, serve...)
	if err != nil {
		return err
	}
	defer func() { server.stop() }()
	fmt.Fprintf(out, "Start-up to first answer (migrated database): %s\n", server.startup.Round(time.Millisecond))

	scenarios := append(scenariosFor(o.Credentials), readScenarios(o.Credentials)...)
	if o.Scenarios != "" {
		scenarios = filterScenarios(scenarios, o.Scenarios)
	}
	type row struct {
		name, size string
		res        result
		rss        int64
		cpu        time.Duration // server CPU time used by the run
		ceiling    float64       // req/s of the ceiling run just before this one
		background *result       // what the background connections got done meanwhile
	}
	var rows, ceilings []row
	var warmUps []string
	measure := func(name, size string, base string, pid int, reqs []request, conns int, bg []request, bgConns int) (row, error) {
		resetPeakRSS(pid)
		cpu := processCPU(pid)
		var bgRes *result
		var bgErr error
		bgDone := make(chan struct{})
		bgCtx, stopBG := context.WithCancel(ctx)
		if len(bg) > 0 {
			go func() {
				defer close(bgDone)
				r, err := drive(bgCtx, base, bg, bgConns, o.Duration+time.Minute, 0)
				bgRes, bgErr = &r, err
			}()
			// Let the background load build up before measuring.
			time.Sleep(min(o.Duration/4, time.Second))
		} else {
			close(bgDone)
		}
		res, err := drive(ctx, base, reqs, conns, o.Duration, o.MaxRequests)
		stopBG()
		<-bgDone
		if err == nil {
			err = bgErr
		}
		if err != nil {
			return row{}, err
		}
		fmt.Fprintf(o.Progress, "  %s %s: %.0f req/s\n", name, size, res.RPS())
		return row{name: name, size: size, res: res, rss: peakRSS(pid), cpu: processCPU(pid) - cpu, background: bgRes}, nil
	}
	// The machine's speed drifts (a VM's host takes CPU back now and then),
	// so each scenario is compared with a ceiling run made just before it,
	// at the same number of connections, not with one made minutes earlier.
	run := func(sc scenario, size string, base string, pid int) error {
		levels, name := sc.Connections, func(int) string { return sc.Name }
		if len(levels) == 0 {
			levels = []int{o.Connections}
		} else {
			name = func(c int) string { return fmt.Sprintf("%s c%d", sc.Name, c) }
		}
		for _, conns := range levels {
			c, err := measure("ceiling", "-", ceiling.base, ceiling.pid, []request{{Method: "GET", Path: "/ceiling", Expect: 200}}, conns, nil, 0)
			if err != nil {
				return err
			}
			ceilings = append(ceilings, c)
			if warmsUp(sc.Name) {
				resetPeakRSS(pid)
				w, err := drive(ctx, base, sc.Requests[:1], 1, time.Minute, 1)
				if err != nil {
					return err
				}
				warmUps = append(warmUps, fmt.Sprintf("%s %s: first request %s (errors %d), peak RSS %s", sc.Name, size,
					w.P50.Round(time.Millisecond), w.Errors, mib(peakRSS(pid))))
			}
			r, err := measure(name(conns), size, base, pid, sc.Requests, conns, sc.Background, sc.BackgroundConnections)
			if err != nil {
				return err
			}
			r.ceiling = c.res.RPS()
			rows = append(rows, r)
		}
		return nil
	}
	for _, sc := range scenarios {
		if err := run(sc, "small", server.base, server.pid); err != nil {
			return err
		}
	}
	if o.Large != nil {
		server.stop()
		if err := o.Large(ctx); err != nil {
			return err
		}
		if server, err = startChild(ctx, o, serve...); err != nil {
			return err
		}
		for _, sc := range scenarios {
			if sc.Name == "D" {
				continue
			}
			if err := run(sc, "large", server.base, server.pid); err != nil {
				return err
			}
		}
	}
	if o.Mix > 0 {
		before := currentRSS(server.pid)
		resetPeakRSS(server.pid)
		res, err := drive(ctx, server.base, mixedTraffic(o.Credentials), o.Connections, o.Mix, o.MaxRequests)
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "\nMixed REST + XML-RPC traffic, valid and invalid credentials, %s at c%d:\n", o.Mix, o.Connections)
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
	fmt.Fprintf(out, "\n%d connections (G: as named), %s per scenario; each scenario right after a ceiling run of its own at as many connections (%d ceiling runs: %.0f to %.0f req/s)\n",
		o.Connections, o.Duration, len(ceilings), ceilings[0].res.RPS(), ceilings[len(ceilings)-1].res.RPS())
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
	fmt.Fprintln(out, "G: POST /wp-json/wp/v2/posts (a draft), application password     H: GET /wp-json/wp/v2/posts/ID, anonymous, while 8 connections run G")
	fmt.Fprintln(out, readLegend)
	for _, w := range warmUps {
		fmt.Fprintln(out, "  before "+w)
	}
	for _, r := range rows {
		if b := r.background; b != nil {
			fmt.Fprintf(out, "%s %s: meanwhile the background writers got %d answers (%.0f req/s), %d errors, %d 5xx\n",
				r.name, r.size, b.Requests, b.RPS(), b.Errors, b.Status5xx)
		}
	}
	return nil
}

func mib(b int64) string { return fmt.Sprintf("%.1f MiB", float64(b)/(1<<20)) }
