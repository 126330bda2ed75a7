package wptext

import "sync"

// The text filters (wptexturize, wpautop) are pure functions of their input
// and cost most of an uncached post list: after any write the answer cache
// is cold, but nine of ten posts on the page have not changed. Their
// results are remembered by input, within a byte budget; when it is spent
// the memo starts afresh (simpler than an LRU, and a page's texts are back
// after one render).

type textMemo struct {
	mu     sync.Mutex
	m      map[string]string
	bytes  int
	budget int
}

// memoMaxInput leaves very long texts unremembered: they would crowd out
// many short ones.
const memoMaxInput = 64 << 10

func newTextMemo(budget int) *textMemo {
	return &textMemo{m: make(map[string]string), budget: budget}
}

func (c *textMemo) do(in string, f func(string) string) string {
	if len(in) > memoMaxInput {
		return f(in)
	}
	c.mu.Lock()
	out, ok := c.m[in]
	c.mu.Unlock()
	if ok {
		return out
	}
	out = f(in)
	c.mu.Lock()
	if c.bytes+len(in)+len(out) > c.budget {
		clear(c.m)
		c.bytes = 0
	}
	c.m[in] = out
	c.bytes += len(in) + len(out)
	c.mu.Unlock()
	return out
}

var (
	texturizeMemo = newTextMemo(8 << 20)
	autopMemo     = newTextMemo(8 << 20)
	// chainMemo remembers whole filter chains (the_content, automatic
	// excerpts) of short texts, keyed by the chain, its settings and the
	// text (sharedIfLong).
	chainMemo = newTextMemo(8 << 20)
)
