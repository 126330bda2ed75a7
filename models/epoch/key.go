package epoch

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"hash"
	"sync"
)

// Key files an answer in a Cache.
type Key [32]byte

// A Keyer makes keys of what tells one answer from another — the caller's
// address, its credentials, the request — without keeping any of it: a key
// is an HMAC-SHA256 under a random per-process key, so only the same caller
// with the same password can hit an entry, and no password is kept.
type Keyer struct {
	key  [32]byte
	macs sync.Pool // of *keyHasher
}

// keyHasher is reused across requests: a key is computed on every cached
// request, so its allocations were a visible part of the hot path.
type keyHasher struct {
	mac     hash.Hash
	scratch []byte
}

// NewKeyer returns a Keyer with a fresh random key.
func NewKeyer() *Keyer {
	k := &Keyer{}
	if _, err := rand.Read(k.key[:]); err != nil {
		panic("crypto/rand failed: " + err.Error())
	}
	k.macs.New = func() any { return &keyHasher{mac: hmac.New(sha256.New, k.key[:])} }
	return k
}

// Key is the key of parts, each ended by a zero byte.
func (k *Keyer) Key(parts ...string) Key { return k.sum(nil, parts) }

// KeyWithBody is the key of parts, each ended by a zero byte, and then of
// body (a whole request).
func (k *Keyer) KeyWithBody(body []byte, parts ...string) Key { return k.sum(body, parts) }

func (k *Keyer) sum(body []byte, parts []string) (out Key) {
	h := k.macs.Get().(*keyHasher)
	h.scratch = h.scratch[:0]
	for _, p := range parts {
		h.scratch = append(append(h.scratch, p...), 0)
	}
	h.mac.Reset()
	h.mac.Write(h.scratch)
	if body != nil {
		h.mac.Write(body)
	}
	h.mac.Sum(out[:0])
	if cap(h.scratch) <= 16<<10 { // an outsized URL's buffer is not kept
		k.macs.Put(h)
	}
	return out
}
