package xmlrpc

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"hash"
	"sync"
	"time"
)

// Answers to read-only methods are cached in memory, keyed by an HMAC (with a
// random per-process key) over the client address and the whole request
// body — credentials included, so only the same caller with the same
// password from the same address can hit an entry, and no password is kept.
// An entry is served only while the store's auth epoch (credentials, users,
// lockouts) and content epoch (anything visible) are both unchanged, on any
// process; faults are never cached. Legacy clients that poll wp.getUsers or
// wp.getPosts then cost one query per call.

const (
	xmlrpcCacheEntries = 2048
	xmlrpcCacheMaxBody = 1 << 20
	xmlrpcCacheTTL     = time.Minute
)

// uncachedReadMethods change nothing but read the clock or settings that
// are not content.
var uncachedReadMethods = map[string]bool{"wp.getOptions": true}

type cachedAnswer struct {
	authEpoch, contentEpoch int64
	until                   time.Time
	body                    []byte
}

type answerCache struct {
	key     [32]byte
	macs    sync.Pool // of HMAC-SHA256 under key
	mu      sync.Mutex
	entries map[[32]byte]*cachedAnswer
}

func newAnswerCache() *answerCache {
	c := &answerCache{entries: make(map[[32]byte]*cachedAnswer)}
	if _, err := rand.Read(c.key[:]); err != nil {
		panic("crypto/rand failed: " + err.Error())
	}
	c.macs.New = func() any { return hmac.New(sha256.New, c.key[:]) }
	return c
}

// keyOf is the key of one request: an HMAC of the client address and the
// whole body.
func (c *answerCache) keyOf(ip string, body []byte) (k [32]byte) {
	m := c.macs.Get().(hash.Hash)
	m.Reset()
	m.Write([]byte(ip))
	m.Write([]byte{0})
	m.Write(body)
	m.Sum(k[:0])
	c.macs.Put(m)
	return k
}

// has reports whether an entry exists, so that a request that cannot hit
// costs no epoch read.
func (c *answerCache) has(k [32]byte) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.entries[k] != nil
}

func (c *answerCache) get(k [32]byte, authEpoch, contentEpoch int64, now time.Time) []byte {
	c.mu.Lock()
	defer c.mu.Unlock()
	e := c.entries[k]
	if e == nil {
		return nil
	}
	if e.authEpoch != authEpoch || e.contentEpoch != contentEpoch || now.After(e.until) {
		delete(c.entries, k)
		return nil
	}
	return e.body
}

func (c *answerCache) put(k [32]byte, e *cachedAnswer) {
	if len(e.body) > xmlrpcCacheMaxBody {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.entries) >= xmlrpcCacheEntries {
		for key := range c.entries { // random eviction
			delete(c.entries, key)
			if len(c.entries) < xmlrpcCacheEntries*3/4 {
				break
			}
		}
	}
	c.entries[k] = e
}
