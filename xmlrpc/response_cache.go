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
	mu      sync.Mutex
	entries map[[32]byte]*cachedAnswer
}

func newAnswerCache() *answerCache {
	c := &answerCache{entries: make(map[[32]byte]*cachedAnswer)}
	if _, err := rand.Read(c.key[:]); err != nil {
		panic("crypto/rand failed: " + err.Error())
	}
	return c
}

// hasher starts the key of one request: the client address, then the body
// as it is read.
func (c *answerCache) hasher(ip string) hash.Hash {
	m := hmac.New(sha256.New, c.key[:])
	m.Write([]byte(ip))
	m.Write([]byte{0})
	return m
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
