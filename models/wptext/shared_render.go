package wptext

import (
	"hash/maphash"
	"strconv"
	"sync"
)

// A long post costs its readers seconds of filtering (wpautop alone is a
// few hundred nanoseconds a byte), and the answer caches do not keep
// answers that large: without help every concurrent reader of a 20 MiB
// post would render it again, each holding a copy of every intermediate
// text. So the long texts' results are computed once and shared: a reader
// that finds the same text being rendered waits for that render instead
// of starting its own, and the last few results are kept, within a byte
// budget, for the next readers. Texts are known by two 64-bit hashes
// with seeds of this process (no input is kept, and a text made to
// collide would have to guess the seeds) and their length.

// sharedKey names one filter chain's result for one text and settings.
type sharedKey struct {
	chain  string
	h1, h2 uint64
	n      int
	opts   Options
	words  int
}

type sharedCall struct {
	done chan struct{}
	out  string
}

type sharedRenders struct {
	seed1, seed2 maphash.Seed
	mu           sync.Mutex
	inflight     map[sharedKey]*sharedCall
	kept         map[sharedKey]string
	order        []sharedKey // oldest first
	bytes        int
	budget       int
}

// sharedMinInput is the length from which texts are shared: shorter ones
// are cheap, and the small memos (memo.go) already cover them.
const sharedMinInput = memoMaxInput

var shared = &sharedRenders{
	seed1: maphash.MakeSeed(), seed2: maphash.MakeSeed(),
	inflight: map[sharedKey]*sharedCall{}, kept: map[sharedKey]string{},
	budget: 64 << 20,
}

func (s *sharedRenders) key(chain, in string, opts Options, words int) sharedKey {
	return sharedKey{chain: chain, h1: maphash.String(s.seed1, in), h2: maphash.String(s.seed2, in), n: len(in), opts: opts, words: words}
}

// do returns f(in), computing it once for all callers that ask at the
// same time and keeping it while the budget allows.
func (s *sharedRenders) do(k sharedKey, f func() string) string {
	s.mu.Lock()
	if out, ok := s.kept[k]; ok {
		s.mu.Unlock()
		return out
	}
	if c, ok := s.inflight[k]; ok {
		s.mu.Unlock()
		<-c.done
		return c.out
	}
	c := &sharedCall{done: make(chan struct{})}
	s.inflight[k] = c
	s.mu.Unlock()
	finished := false
	defer func() {
		// Also when f panics: the waiters go on (and render for
		// themselves next time), nothing is kept.
		s.mu.Lock()
		delete(s.inflight, k)
		if finished {
			s.keep(k, c.out)
		}
		s.mu.Unlock()
		close(c.done)
	}()
	c.out = f()
	finished = true
	return c.out
}

// keep files out under k, forgetting the oldest results beyond the
// budget. A result larger than the whole budget is not kept.
func (s *sharedRenders) keep(k sharedKey, out string) {
	if len(out) > s.budget {
		return
	}
	for s.bytes+len(out) > s.budget && len(s.order) > 0 {
		old := s.order[0]
		s.order = s.order[1:]
		s.bytes -= len(s.kept[old])
		delete(s.kept, old)
	}
	s.kept[k] = out
	s.order = append(s.order, k)
	s.bytes += len(out)
}

// sharedIfLong runs f on in through the shared renders when in is long,
// and through chainMemo when it is short: a list's posts are mostly the
// ones the previous list showed.
func sharedIfLong(chain, in string, opts Options, words int, f func() string) string {
	if len(in) < sharedMinInput {
		key := chain + "\x00" + strconv.Itoa(words) + "\x00" + strconv.FormatBool(opts.Smilies) + "\x00" + opts.HomeURL +
			"\x00" + strconv.FormatBool(opts.Layout.RootPaddingAware) + strconv.FormatBool(opts.Layout.BlockGap) + "\x00" + in
		return chainMemo.do(key, func(string) string { return f() })
	}
	return shared.do(shared.key(chain, in, opts, words), f)
}
