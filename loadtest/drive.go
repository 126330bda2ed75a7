package loadtest

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"sync"
	"sync/atomic"
	"time"
)

// drive is a small closed-loop HTTP load generator, like wrk -cN: N workers
// each send the next request as soon as the previous answer is read, over
// keep-alive connections, for a fixed time and at most a fixed number of
// requests. It only talks to loopback addresses.

// request is one request template and what a correct answer looks like.
type request struct {
	Method string
	Path   string
	Header http.Header
	Body   []byte
	// Expect is the status a correct answer has; answers with another status
	// count as errors unless Refused says they are refused by design.
	Expect  int
	Refused func(status int) bool
	// RefusedBody marks answers refused by design by their content (XML-RPC
	// faults come with HTTP 200).
	RefusedBody []byte
	// Contains, when set, must appear in the body of a correct answer.
	Contains []byte
	// Vary gives every request a new query string (scenarios_reads.go),
	// so that no answer comes from a cache.
	Vary bool
}

// result summarises one scenario run.
type result struct {
	Requests  int64
	Errors    int64
	Refused   int64
	Status5xx int64
	Duration  time.Duration
	P50, P99  time.Duration
}

// RPS is the throughput of a run.
func (r result) RPS() float64 {
	if r.Duration <= 0 {
		return 0
	}
	return float64(r.Requests) / r.Duration.Seconds()
}

// drive loads base with the requests (round robin per worker) using
// `workers` connections for d or until maxRequests answers.
func drive(ctx context.Context, base string, reqs []request, workers int, d time.Duration, maxRequests int64) (result, error) {
	u, err := url.Parse(base)
	if err != nil {
		return result{}, err
	}
	if h := u.Hostname(); h != "127.0.0.1" && h != "localhost" && h != "::1" {
		return result{}, fmt.Errorf("load is sent to loopback addresses only, not %q", h)
	}
	wire := serialise(u, reqs)
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	end, _ := ctx.Deadline()
	var sent, errs, refused, s5xx atomic.Int64
	lat := make([][]time.Duration, workers)
	var wg sync.WaitGroup
	start := time.Now()
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			c := &wireConn{addr: u.Host}
			defer c.close()
			samples := make([]time.Duration, 0, 4096)
			var varied []byte
			for i := w; ; i++ {
				if ctx.Err() != nil || (maxRequests > 0 && sent.Add(1) > maxRequests) {
					break
				}
				if maxRequests <= 0 {
					sent.Add(1)
				}
				wr := wire[i%len(wire)]
				raw := wr.raw
				if wr.varyAt > 0 {
					varied = varyRequest(varied, raw, wr.varyAt)
					raw = varied
				}
				t0 := time.Now()
				status, body, err := c.roundTrip(raw, end.Add(30*time.Second))
				if err != nil {
					if ctx.Err() == nil {
						errs.Add(1)
					}
					continue
				}
				samples = append(samples, time.Since(t0))
				lr := wr.lr
				switch {
				case status >= 500:
					s5xx.Add(1)
					errs.Add(1)
				case status == lr.Expect && (lr.Contains == nil || bytes.Contains(body, lr.Contains)):
				case lr.Refused != nil && lr.Refused(status),
					lr.RefusedBody != nil && bytes.Contains(body, lr.RefusedBody):
					refused.Add(1)
				default:
					errs.Add(1)
				}
			}
			lat[w] = samples
		}(w)
	}
	wg.Wait()
	elapsed := time.Since(start)
	var all []time.Duration
	for _, s := range lat {
		all = append(all, s...)
	}
	sort.Slice(all, func(i, j int) bool { return all[i] < all[j] })
	r := result{Requests: int64(len(all)), Errors: errs.Load(), Refused: refused.Load(), Status5xx: s5xx.Load(), Duration: elapsed}
	if n := len(all); n > 0 {
		r.P50 = all[n*50/100]
		r.P99 = all[min(n-1, n*99/100)]
	}
	return r, nil
}
