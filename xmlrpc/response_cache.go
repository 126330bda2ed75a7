package xmlrpc

import (
	"time"

	"github.com/presspass/presspass/models/epoch"
)

// Answers to read-only methods are cached in memory (epoch.Cache), keyed by
// an HMAC (epoch.Keyer) over the client address and the whole request body —
// credentials included, so only the same caller with the same password from
// the same address can hit an entry, and no password is kept. An entry is
// served only while the store's auth epoch (credentials, users, lockouts)
// and content epoch (anything visible) are both unchanged, on any process;
// faults are never cached. Legacy clients that poll wp.getUsers or
// wp.getPosts then cost at most one query per call. This file is XML-RPC's
// policy: what is cacheable, the key, the epochs an answer depends on, the
// limits.

const (
	xmlrpcCacheEntries = 2048
	xmlrpcCacheMaxBody = 1 << 20
	xmlrpcCacheTTL     = time.Minute
)

// uncachedReadMethods change nothing but read the clock or settings that
// are not content.
var uncachedReadMethods = map[string]bool{"wp.getOptions": true}

// answerCache keeps encoded answers under the epochs they were made under.
type answerCache struct {
	*epoch.Cache[epoch.Key, []byte]
	keys *epoch.Keyer
}

func newAnswerCache() *answerCache {
	return &answerCache{Cache: epoch.NewCache[epoch.Key, []byte](xmlrpcCacheEntries), keys: epoch.NewKeyer()}
}

// keyOf is the key of one request: the client address and the whole body.
func (c *answerCache) keyOf(ip string, body []byte) epoch.Key { return c.keys.KeyWithBody(body, ip) }

// keep files a copy of an answer made under epochs, unless it is too large,
// for at most a minute and never past credentialsUntil, the expiry of the
// credentials it was made for (zero: they do not expire). Revocation, a
// role or scope change and a lock move the auth epoch instead.
func (c *answerCache) keep(k epoch.Key, body []byte, epochs epoch.Epochs, now, credentialsUntil time.Time) {
	if len(body) > xmlrpcCacheMaxBody {
		return
	}
	c.Put(k, append([]byte(nil), body...), epochs, epoch.Until(now.Add(xmlrpcCacheTTL), credentialsUntil))
}
