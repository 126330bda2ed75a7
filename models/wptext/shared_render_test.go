package wptext

import (
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

func newTestShared(budget int) *sharedRenders {
	return &sharedRenders{seed1: shared.seed1, seed2: shared.seed2,
		inflight: map[sharedKey]*sharedCall{}, kept: map[sharedKey]string{}, budget: budget}
}

// Readers asking for a text that is being rendered wait for that render
// and share its result: the filter runs once.
func TestSharedRenderOnceForConcurrentReaders(t *testing.T) {
	s := newTestShared(1 << 20)
	k := s.key("the_content", "text", Options{}, 0)
	var calls atomic.Int32
	started, release := make(chan struct{}), make(chan struct{})
	render := func() string {
		calls.Add(1)
		close(started)
		<-release
		return "rendered"
	}
	var wg sync.WaitGroup
	outs := make([]string, 8)
	wg.Add(1)
	go func() { defer wg.Done(); outs[0] = s.do(k, render) }()
	<-started // the first render is in flight: every other reader finds it
	for i := 1; i < len(outs); i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			outs[i] = s.do(k, func() string { calls.Add(1); return "again" })
		}()
	}
	close(release)
	wg.Wait()
	if n := calls.Load(); n != 1 {
		t.Errorf("the filter ran %d times, want once", n)
	}
	for i, out := range outs {
		if out != "rendered" {
			t.Errorf("reader %d got %q", i, out)
		}
	}
}

// Results are kept for later readers within the byte budget, the oldest
// forgotten first; another text, other settings or another excerpt
// length are other results.
func TestSharedRenderKeepsWithinBudget(t *testing.T) {
	s := newTestShared(10)
	calls := 0
	f := func(out string) func() string { return func() string { calls++; return out } }
	a := s.key("the_content", "a", Options{}, 0)
	s.do(a, f("aaaa"))
	s.do(a, f("aaaa"))
	if calls != 1 {
		t.Fatalf("a kept result was rendered again (%d calls)", calls)
	}
	for _, other := range []sharedKey{
		s.key("the_content", "b", Options{}, 0),
		s.key("the_content", "a", Options{Smilies: true}, 0),
		s.key("excerpt", "a", Options{}, 55),
	} {
		if other == a {
			t.Fatalf("key %+v equals %+v", other, a)
		}
	}
	s.do(s.key("the_content", "b", Options{}, 0), f("bbbb"))
	s.do(s.key("the_content", "c", Options{}, 0), f("cccc")) // 12 bytes: a goes
	calls = 0
	s.do(a, f("aaaa"))
	if calls != 1 || s.bytes > 10 {
		t.Errorf("after the budget was spent: %d calls for the oldest, %d bytes kept", calls, s.bytes)
	}
	s.do(s.key("the_content", "d", Options{}, 0), f(strings.Repeat("d", 11)))
	if _, ok := s.kept[s.key("the_content", "d", Options{}, 0)]; ok {
		t.Error("a result larger than the budget was kept")
	}
}
