package wptext

import (
	"strings"
	"testing"
)

func TestTextMemo(t *testing.T) {
	calls := 0
	upper := func(s string) string { calls++; return strings.ToUpper(s) }
	m := newTextMemo(40)
	for range 3 {
		if got := m.do("hello", upper); got != "HELLO" {
			t.Fatalf("got %q", got)
		}
	}
	if calls != 1 {
		t.Errorf("the filter ran %d times for one input, want 1", calls)
	}
	// Over the budget the memo starts afresh, and answers stay right.
	for _, in := range []string{"aaaaaaaaaa", "bbbbbbbbbb", "cccccccccc", "hello"} {
		if got := m.do(in, upper); got != strings.ToUpper(in) {
			t.Errorf("%q: got %q", in, got)
		}
	}
	if m.bytes > m.budget {
		t.Errorf("memo holds %d bytes, budget %d", m.bytes, m.budget)
	}
	// A text over memoMaxInput is filtered every time and not kept.
	long := strings.Repeat("x", memoMaxInput+1)
	before := calls
	m.do(long, upper)
	m.do(long, upper)
	if calls != before+2 || len(m.m[long]) != 0 {
		t.Errorf("a long text was remembered")
	}
}

// The memoised filters answer as the uncached ones do, on repeated calls.
func TestMemoisedFiltersMatch(t *testing.T) {
	for _, in := range []string{"", "It's \"quoted\" -- isn't it...", "<p>a</p>\n\nb\nc", "<pre>\"x\"</pre> 'y'"} {
		for range 2 {
			if got, want := Texturize(in), texturizeUncached(in); got != want {
				t.Errorf("Texturize(%q) = %q, want %q", in, got, want)
			}
			if got, want := Autop(in, true), autopUncached(in, true); got != want {
				t.Errorf("Autop(%q) = %q, want %q", in, got, want)
			}
		}
	}
}
