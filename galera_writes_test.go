package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// writeLoad is how long, and with how many connections per process, the
// concurrent-write check publishes posts.
const (
	writeLoadFor   = 10 * time.Second
	writeLoadConns = 8
)

// writeResult is what a write load saw.
type writeResult struct {
	acked    []uint64 // ids of the posts answered 201
	statuses map[int]int
	elapsed  time.Duration
}

// publishFor publishes posts through procs, conns connections each, for d,
// and collects every acknowledged id.
func (s *galeraSite) publishFor(t *testing.T, procs []*galeraProc, conns int, d time.Duration) writeResult {
	t.Helper()
	var mu sync.Mutex
	res := writeResult{statuses: map[int]int{}}
	var seq atomic.Int64
	stop := time.Now().Add(d)
	start := time.Now()
	var wg sync.WaitGroup
	for _, p := range procs {
		for w := 0; w < conns; w++ {
			wg.Add(1)
			go func(p *galeraProc) {
				defer wg.Done()
				for time.Now().Before(stop) {
					n := seq.Add(1)
					body, _ := json.Marshal(map[string]any{"title": fmt.Sprintf("Load %d", n), "content": "written under load", "status": "publish"})
					req, _ := http.NewRequest("POST", p.base+"/wp-json/wp/v2/posts", bytes.NewReader(body))
					req.Header.Set("Content-Type", "application/json")
					req.SetBasicAuth("admin", s.adminPw)
					resp, err := galeraClient.Do(req)
					if err != nil {
						mu.Lock()
						res.statuses[-1]++
						mu.Unlock()
						continue
					}
					var out struct {
						ID uint64 `json:"id"`
					}
					_ = json.NewDecoder(resp.Body).Decode(&out)
					resp.Body.Close()
					mu.Lock()
					res.statuses[resp.StatusCode]++
					if resp.StatusCode == 201 {
						res.acked = append(res.acked, out.ID)
					}
					mu.Unlock()
				}
			}(p)
		}
	}
	wg.Wait()
	res.elapsed = time.Since(start)
	return res
}

// checkConcurrentWrites: three processes publishing at eight connections
// each for ten seconds answer every request with 201, and every
// acknowledged post is on every node afterwards. With
// PRESSPASS_TEST_GALERA_COMPARE=1 the same load first runs through one
// process alone, for the README's three-against-one figure.
func checkConcurrentWrites(t *testing.T, s *galeraSite) {
	if os.Getenv("PRESSPASS_TEST_GALERA_COMPARE") != "" {
		one := s.publishFor(t, s.procs[:1], writeLoadConns, writeLoadFor)
		t.Logf("one process, %d connections: %d posts in %s (%.0f/s), statuses %v", writeLoadConns, len(one.acked),
			one.elapsed.Round(time.Millisecond), float64(len(one.acked))/one.elapsed.Seconds(), one.statuses)
	}
	conflictsBefore := s.certificationConflicts(t)
	res := s.publishFor(t, s.procs[:], writeLoadConns, writeLoadFor)
	t.Logf("three processes, %d connections each: %d posts in %s (%.0f/s), statuses %v; %d transactions failed certification or were aborted by a replicated one (and retried)",
		writeLoadConns, len(res.acked), res.elapsed.Round(time.Millisecond), float64(len(res.acked))/res.elapsed.Seconds(), res.statuses,
		s.certificationConflicts(t)-conflictsBefore)
	for status, n := range res.statuses {
		if status != 201 {
			t.Errorf("%d answers were %d (want every one 201)", n, status)
		}
	}
	for n := range s.procs {
		have := map[uint64]bool{}
		rows, err := s.c.sql(t, n, s.db).Query("SELECT id FROM posts")
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var id uint64
			if err := rows.Scan(&id); err != nil {
				t.Fatal(err)
			}
			have[id] = true
		}
		rows.Close()
		missing := 0
		for _, id := range res.acked {
			if !have[id] {
				missing++
			}
		}
		if missing > 0 {
			t.Errorf("node %d lacks %d of the %d acknowledged posts", n+1, missing, len(res.acked))
		}
	}
}

// certificationConflicts adds up, over the nodes, the local transactions
// that failed certification or were aborted by a replicated write.
func (s *galeraSite) certificationConflicts(t *testing.T) int64 {
	t.Helper()
	var sum int64
	for n := range s.procs {
		rows, err := s.c.sql(t, n, "").Query("SHOW GLOBAL STATUS WHERE Variable_name IN ('wsrep_local_cert_failures', 'wsrep_local_bf_aborts')")
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var name string
			var v int64
			if err := rows.Scan(&name, &v); err != nil {
				t.Fatal(err)
			}
			sum += v
		}
		rows.Close()
	}
	return sum
}
