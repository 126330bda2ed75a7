package main

import (
	"fmt"
	"net/http"
	"sync"
	"testing"
	"time"
)

// prober asks one process for the same authenticated answer over and over
// and keeps what it got, with when.
type prober struct {
	p       *galeraProc
	pw      string
	mu      sync.Mutex
	answers []probeAnswer
	slowest time.Duration
	stop    chan struct{}
	stopped sync.Once
	done    sync.WaitGroup
}

type probeAnswer struct {
	at     time.Time
	status int // -1: no answer
}

func newProber(p *galeraProc, pw string) *prober {
	pr := &prober{p: p, pw: pw, stop: make(chan struct{})}
	pr.done.Add(1)
	go pr.run()
	return pr
}

func (pr *prober) run() {
	defer pr.done.Done()
	for {
		select {
		case <-pr.stop:
			return
		default:
		}
		req, _ := http.NewRequest("GET", pr.p.base+"/wp-json/wp/v2/users/me", nil)
		req.SetBasicAuth("admin", pr.pw)
		began := time.Now()
		status := -1
		if resp, err := galeraClient.Do(req); err == nil {
			status = resp.StatusCode
			resp.Body.Close()
		}
		took := time.Since(began)
		pr.mu.Lock()
		pr.answers = append(pr.answers, probeAnswer{at: began, status: status})
		if took > pr.slowest {
			pr.slowest = took
		}
		pr.mu.Unlock()
		time.Sleep(5 * time.Millisecond)
	}
}

// since returns the statuses of the requests sent at or after t.
func (pr *prober) since(t time.Time) map[int]int {
	pr.mu.Lock()
	defer pr.mu.Unlock()
	m := map[int]int{}
	for _, a := range pr.answers {
		if !a.at.Before(t) {
			m[a.status]++
		}
	}
	return m
}

// firstAfter is when the first request sent after t got want.
func (pr *prober) firstAfter(t time.Time, want int) (time.Time, bool) {
	pr.mu.Lock()
	defer pr.mu.Unlock()
	for _, a := range pr.answers {
		if !a.at.Before(t) && a.status == want {
			return a.at, true
		}
	}
	return time.Time{}, false
}

// end stops the prober; a second call does nothing.
func (pr *prober) end() {
	pr.stopped.Do(func() {
		close(pr.stop)
		pr.done.Wait()
	})
}

// checkNodeLoss kills node 2's database server and starts it again: process
// 2 answers 503 meanwhile — never 500, never a stale 200 — and serves again
// once its node has rejoined; processes 1 and 3 answer every request; and
// what they changed while node 2 was away is seen by process 2 after.
func checkNodeLoss(t *testing.T, s *galeraSite) {
	lost := s.procs[1]
	probes := make([]*prober, len(s.procs))
	for i, p := range s.procs {
		probes[i] = newProber(p, s.adminPw)
	}
	defer func() {
		for _, pr := range probes {
			pr.end()
		}
	}()
	time.Sleep(300 * time.Millisecond)

	_, pw := s.newUser(t, s.procs[0], "away", "author")
	lost.must(t, 200, call{path: "/wp-json/wp/v2/users/me", login: "away", pw: pw})

	s.c.script(t, "kill", 2) // returns once the server process is gone
	killed := time.Now()
	down, ok := probes[1].firstAfter(killed, 503)
	for deadline := time.Now().Add(10 * time.Second); !ok && time.Now().Before(deadline); down, ok = probes[1].firstAfter(killed, 503) {
		time.Sleep(10 * time.Millisecond)
	}
	if !ok {
		t.Fatalf("process 2 never answered 503 after its node was killed: %v", probes[1].since(killed))
	}
	t.Logf("process 2 answered 503 %s after its node was killed", down.Sub(killed).Round(time.Millisecond))

	// While node 2 is away, the others write: a revoke and a new post.
	s.procs[0].must(t, 200, call{method: "DELETE", path: "/wp-json/wp/v2/users/me/application-passwords", login: "away", pw: pw})
	post := s.procs[2].must(t, 201, call{method: "POST", path: "/wp-json/wp/v2/posts", login: "admin", pw: s.adminPw,
		body: map[string]any{"title": "Written while node 2 was away", "status": "publish"}})
	time.Sleep(time.Second)

	restarted := time.Now()
	s.c.script(t, "restart", 2)
	up, ok := probes[1].firstAfter(restarted, 200)
	for deadline := time.Now().Add(120 * time.Second); !ok && time.Now().Before(deadline); up, ok = probes[1].firstAfter(restarted, 200) {
		time.Sleep(20 * time.Millisecond)
	}
	if !ok {
		t.Fatalf("process 2 did not recover within 120 s of its node's restart: %v\n%s", probes[1].since(restarted), lost.logTail())
	}
	t.Logf("process 2 answered 200 again %s after its node was restarted", up.Sub(restarted).Round(time.Millisecond))
	for _, pr := range probes {
		pr.end()
	}

	// Process 2, between the kill and its recovery: 503 only.
	between := map[int]int{}
	for _, a := range probes[1].answers {
		if a.at.After(killed) && a.at.Before(up) {
			between[a.status]++
		}
	}
	if len(between) != 1 || between[503] == 0 {
		t.Errorf("process 2 while its node was away or rejoining: %v, want 503 only", between)
	}
	for _, i := range []int{0, 2} {
		got := probes[i].since(killed)
		if len(got) != 1 || got[200] == 0 {
			t.Errorf("process %d while node 2 was away: %v, want 200 only", i+1, got)
		}
		t.Logf("process %d while node 2 was away: %v, slowest answer %s", i+1, got, probes[i].slowest.Round(time.Millisecond))
	}

	// What changed while it was away holds on process 2 now.
	if status, body := lost.do(t, call{path: "/wp-json/wp/v2/users/me", login: "away", pw: pw}); status != 401 {
		t.Errorf("process 2 accepts a password revoked while its node was away: %d %v", status, body)
	}
	lost.must(t, 200, call{path: fmt.Sprintf("/wp-json/wp/v2/posts/%d", uint64(post["id"].(float64)))})
}
