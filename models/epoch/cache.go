package epoch

import (
	"sync"
	"sync/atomic"
	"time"
)

// A Cache remembers answers — logins, REST and XML-RPC responses — each
// under a key and the epochs it was made under, and serves one only while
// those epochs are the current ones: a write on any process moves an epoch,
// so no answer outlives a change it depends on. What a caller does not
// depend on it leaves zero, both when it files an answer and when it asks
// (an anonymous REST answer depends on the content epoch alone; a verified
// main password, whose key is its own check, on none). An answer may also
// carry a time limit. The cache holds at most a fixed number of
// answers; a full cache forgets a random quarter of them.
//
// What is cached, under which key, and for how long is the caller's policy;
// the cache keeps no secret as long as its keys hold none (Keyer).
type Cache[K comparable, V any] struct {
	max     int
	mu      sync.Mutex
	entries map[K]entry[V]
	// hits and misses count Get's answers (and Missed's), for the
	// operator's hit ratio; atomics, so that reading them takes no lock.
	hits, misses atomic.Uint64
}

// CacheStats is how often a cache answered, and how full it is.
type CacheStats struct {
	Hits, Misses uint64
	Entries      int
}

type entry[V any] struct {
	value V
	at    Epochs
	until time.Time // zero: no time limit
}

// NewCache returns a cache of at most max answers.
func NewCache[K comparable, V any](max int) *Cache[K, V] {
	return &Cache[K, V]{max: max, entries: make(map[K]entry[V])}
}

// Get returns the answer filed under k if it was made under the epochs now
// current and t is before its time limit (a limit is often a credential's
// expiry, which has passed at its very instant); a stale answer is dropped.
func (c *Cache[K, V]) Get(k K, now Epochs, t time.Time) (v V, ok bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[k]
	if !ok {
		c.misses.Add(1)
		return v, false
	}
	if e.at != now || (!e.until.IsZero() && !t.Before(e.until)) {
		delete(c.entries, k)
		c.misses.Add(1)
		return v, false
	}
	c.hits.Add(1)
	return e.value, true
}

// Missed counts a miss that a caller decided without Get: Has said no entry
// could hit, and the request then turned out to be one the cache serves.
func (c *Cache[K, V]) Missed() { c.misses.Add(1) }

// Stats returns the counts since the cache was made, and its size now.
func (c *Cache[K, V]) Stats() CacheStats {
	c.mu.Lock()
	n := len(c.entries)
	c.mu.Unlock()
	return CacheStats{Hits: c.hits.Load(), Misses: c.misses.Load(), Entries: n}
}

// Until is the earlier of two time limits, a zero limit being none: an
// answer's own lifetime and the expiry of the credentials it was made for.
func Until(a, b time.Time) time.Time {
	if a.IsZero() || (!b.IsZero() && b.Before(a)) {
		return b
	}
	return a
}

// Has reports whether an answer is filed under k, current or not: a request
// that cannot hit need not read the epochs.
func (c *Cache[K, V]) Has(k K) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	_, ok := c.entries[k]
	return ok
}

// Put files v under k, made under the epochs at, to be served until the
// time until (zero: no time limit).
func (c *Cache[K, V]) Put(k K, v V, at Epochs, until time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.entries) >= c.max {
		for old := range c.entries { // map order is random: random eviction
			delete(c.entries, old)
			if len(c.entries) < c.max*3/4 {
				break
			}
		}
	}
	c.entries[k] = entry[V]{value: v, at: at, until: until}
}

// Clear forgets every answer.
func (c *Cache[K, V]) Clear() {
	c.mu.Lock()
	clear(c.entries)
	c.mu.Unlock()
}
