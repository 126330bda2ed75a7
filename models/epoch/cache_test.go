package epoch

import (
	"testing"
	"time"
)

// An answer is served only under the epochs it was filed under and before
// its time limit; a stale answer is dropped.
func TestCacheServesOnlyUnderItsEpochs(t *testing.T) {
	t0 := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	filed := Epochs{Auth: 3, Content: 7}
	for _, tc := range []struct {
		name  string
		until time.Time
		now   Epochs
		at    time.Time
		want  bool
	}{
		{"same epochs", time.Time{}, filed, t0, true},
		{"auth moved", time.Time{}, Epochs{4, 7}, t0, false},
		{"content moved", time.Time{}, Epochs{3, 8}, t0, false},
		{"both moved", time.Time{}, Epochs{4, 8}, t0, false},
		{"an epoch went back", time.Time{}, Epochs{3, 6}, t0, false},
		{"no time limit, years later", time.Time{}, filed, t0.AddDate(5, 0, 0), true},
		{"just before its time limit", t0.Add(time.Minute), filed, t0.Add(time.Minute - time.Nanosecond), true},
		// A limit is a credential's expiry, which has passed at its instant.
		{"at its time limit", t0.Add(time.Minute), filed, t0.Add(time.Minute), false},
		{"past its time limit", t0.Add(time.Minute), filed, t0.Add(time.Minute + time.Nanosecond), false},
		{"past its time limit, epochs moved", t0.Add(time.Minute), Epochs{4, 7}, t0.Add(2 * time.Minute), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := NewCache[string, string](10)
			c.Put("k", "answer", filed, tc.until)
			v, ok := c.Get("k", tc.now, tc.at)
			if ok != tc.want || (ok && v != "answer") {
				t.Fatalf("Get = %q, %v; want served %v", v, ok, tc.want)
			}
			if c.Has("k") != tc.want {
				t.Errorf("after the Get, Has = %v: a stale answer must be dropped, a current one kept", !tc.want)
			}
			if _, ok := c.Get("other", tc.now, tc.at); ok {
				t.Error("an answer served under another key")
			}
		})
	}
}

// What a caller does not depend on it leaves zero, when filing and when
// asking: an answer that depends on the content epoch alone outlives a move
// of the auth epoch, one that depends on both does not.
func TestCacheDependsOnlyOnWhatIsFiled(t *testing.T) {
	c := NewCache[string, int](10)
	c.Put("anonymous", 1, Epochs{Content: 7}, time.Time{})
	c.Put("signed in", 2, Epochs{Auth: 3, Content: 7}, time.Time{})
	for _, now := range []Epochs{{Auth: 3, Content: 7}, {Auth: 4, Content: 7}} {
		if _, ok := c.Get("anonymous", Epochs{Content: now.Content}, time.Time{}); !ok {
			t.Errorf("epochs %+v: the content-only answer was not served", now)
		}
	}
	if _, ok := c.Get("signed in", Epochs{Auth: 4, Content: 7}, time.Time{}); ok {
		t.Error("an answer that depends on the auth epoch was served after it moved")
	}
}

// The cache never holds more than its bound; a full cache forgets a quarter.
func TestCacheIsBounded(t *testing.T) {
	const max = 100
	c := NewCache[int, int](max)
	for i := range 10 * max {
		c.Put(i, i, Epochs{}, time.Time{})
		if n := len(c.entries); n > max {
			t.Fatalf("after %d answers the cache holds %d, more than %d", i+1, n, max)
		}
	}
	if _, ok := c.Get(10*max-1, Epochs{}, time.Time{}); !ok {
		t.Error("the answer just filed is missing")
	}
	if n := len(c.entries); n < max*3/4 {
		t.Errorf("the cache holds %d answers, it should forget only down to %d", n, max*3/4)
	}
	c.Clear()
	if c.Has(10*max - 1) {
		t.Error("an answer survived Clear")
	}
}

// BenchmarkCacheGet is a hit, as every cached request makes one.
func BenchmarkCacheGet(b *testing.B) {
	c := NewCache[Key, []byte](2048)
	k := NewKeyer().Key("127.0.0.1", "http", "", "/wp/v2/posts", "/wp-json/wp/v2/posts", "")
	at := Epochs{Auth: 3, Content: 7}
	c.Put(k, []byte("answer"), at, time.Time{})
	b.ReportAllocs()
	for b.Loop() {
		if _, ok := c.Get(k, at, time.Time{}); !ok {
			b.Fatal("miss")
		}
	}
}

// Until is the earlier of two limits, a zero limit being none.
func TestUntil(t *testing.T) {
	t0 := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	t1 := t0.Add(time.Second)
	for _, tc := range []struct{ a, b, want time.Time }{
		{t0, t1, t0}, {t1, t0, t0}, {t0, time.Time{}, t0}, {time.Time{}, t1, t1}, {time.Time{}, time.Time{}, time.Time{}},
	} {
		if got := Until(tc.a, tc.b); !got.Equal(tc.want) {
			t.Errorf("Until(%v, %v) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
}
