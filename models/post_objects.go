package models

import (
	"context"
	"slices"
	"time"

	"github.com/presspass/presspass/models/epoch"
)

// The object cache. WordPress keeps posts, the terms they are filed under
// and their latest revisions in its object cache (the groups "posts",
// "<taxonomy>_relationships", "post_revisions"), and WP_Query asks the
// database for the ids of a page only, then loads just the rows the cache
// lacks ("split the query"). PressPass does the same in memory: a list
// whose answer is not cached runs its id and count queries and takes the
// rows, terms and revision counts of posts read before from here.
//
// Every entry is filed under the content epoch read before its row was, and
// is served only while that epoch is current: any write that a visitor
// could see, by any process, moves the epoch, so no entry outlives a change
// (docs/internals.md). As with the other caches, a minute bounds how long a
// change typed into the database by hand, which moves no epoch, goes unseen.
// A transaction's Store has no object cache: it must read its own writes.
type postObjects struct {
	// queries holds the ids (and count) a posts query found, under its
	// statement, as WP_Query's cache_results keeps them under the query
	// and the posts' last_changed.
	queries   *epoch.Cache[string, postQueryResult]
	rows      *epoch.Cache[uint64, Post]
	terms     *epoch.Cache[uint64, perPost[[]Term]]
	revisions *epoch.Cache[uint64, perPost[RevisionStat]]
}

const (
	// objectCacheEntries bounds each of the three caches.
	objectCacheEntries = 2048
	// objectCacheMaxPostBytes keeps long posts out of the row cache, so that
	// it holds at most objectCacheEntries × 64 KiB of text; a long post's
	// row is read from the database each time, which its rendering dwarfs.
	objectCacheMaxPostBytes = 64 << 10
	// objectCacheMaxQueryIDs keeps the ids of longer lists (a page holds
	// at most 100) out of the query cache.
	objectCacheMaxQueryIDs = 100
	// objectCacheLifetime bounds how long a change made behind PressPass's
	// back goes unseen.
	objectCacheLifetime = time.Minute
)

// postQueryResult is what one posts query found: the ids of its page and,
// when it counted, the number of all matches (-1 when it did not).
type postQueryResult struct {
	ids   []uint64
	total int64
}

func newPostObjects() *postObjects {
	return &postObjects{
		queries:   epoch.NewCache[string, postQueryResult](objectCacheEntries),
		rows:      epoch.NewCache[uint64, Post](objectCacheEntries),
		terms:     epoch.NewCache[uint64, perPost[[]Term]](objectCacheEntries),
		revisions: epoch.NewCache[uint64, perPost[RevisionStat]](objectCacheEntries),
	}
}

// readEpochsKey carries a read-only request's epochs (WithReadEpochs).
type readEpochsKey struct{}

// WithReadEpochs tells the object cache the epochs a request that writes
// nothing read on arrival (an adapter reads them for its answer cache), so
// that its reads do not ask for them again: on a cluster node every ask is
// a query. A request that writes must not carry them: its reads after its
// own write need the newer epoch.
func WithReadEpochs(ctx context.Context, e epoch.Epochs) context.Context {
	return context.WithValue(ctx, readEpochsKey{}, e)
}

// objectEpochs returns the epochs object cache entries are filed under now
// (the content epoch alone), or false when this Store keeps no object cache
// or the epochs cannot be read: then every read goes to the database.
func (s *Store) objectEpochs(ctx context.Context) (epoch.Epochs, time.Time, bool) {
	if s.objects == nil || s.inTx {
		return epoch.Epochs{}, time.Time{}, false
	}
	e, ok := ctx.Value(readEpochsKey{}).(epoch.Epochs)
	if !ok {
		var err error
		if e, err = s.Epochs(ctx); err != nil {
			return epoch.Epochs{}, time.Time{}, false
		}
	}
	return epoch.Epochs{Content: e.Content}, s.now(), true
}

// cachePostRows files posts read under the epochs at, leaving out long ones.
func (s *Store) cachePostRows(posts []Post, at epoch.Epochs, now time.Time) {
	until := now.Add(objectCacheLifetime)
	for i := range posts {
		p := &posts[i]
		if len(p.Content)+len(p.Excerpt)+len(p.Title) > objectCacheMaxPostBytes {
			continue
		}
		s.objects.rows.Put(p.ID, *p, at, until)
	}
}

// postsByIDsInOrder returns the posts of ids in that order, from the object
// cache where it has them and from one query for the others; an id whose row
// is gone (deleted since the ids were read) is left out.
func (s *Store) postsByIDsInOrder(ctx context.Context, ids []uint64, at epoch.Epochs, now time.Time) ([]Post, error) {
	posts := make([]Post, len(ids))
	var missing []uint64
	for i, id := range ids {
		if p, ok := s.objects.rows.Get(id, at, now); ok {
			posts[i] = p
		} else {
			missing = append(missing, id)
		}
	}
	if len(missing) == 0 {
		return posts, nil
	}
	var rows []Post
	if err := s.withContext(ctx).Where("id IN ?", missing).Find(&rows).Error; err != nil {
		return nil, Internal(err)
	}
	s.cachePostRows(rows, at, now)
	byID := make(map[uint64]int, len(rows))
	for i := range rows {
		byID[rows[i].ID] = i
	}
	out := posts[:0]
	for i, id := range ids {
		switch {
		case posts[i].ID != 0:
			out = append(out, posts[i])
		default:
			if j, ok := byID[id]; ok {
				out = append(out, rows[j])
			}
		}
	}
	return out, nil
}

// cachedPostTerms is PostTermsUncounted through the object cache: the terms
// of every taxonomy each post is filed under, uncounted. Callers get copies,
// which they may sort or change.
func (s *Store) cachedPostTerms(ctx context.Context, postIDs []uint64) (map[uint64][]Term, error) {
	load := func(ids []uint64) (map[uint64][]Term, error) {
		return s.postTerms(ctx, ids, "", "terms.*, rel.post_id AS post_id")
	}
	at, now, ok := s.objectEpochs(ctx)
	if !ok {
		return load(postIDs)
	}
	return perPostCached(s.objects.terms, postIDs, at, now, load, slices.Clone[[]Term])
}

// cachedRevisionStats is RevisionStats through the object cache.
func (s *Store) cachedRevisionStats(ctx context.Context, postIDs []uint64) (map[uint64]RevisionStat, error) {
	load := func(ids []uint64) (map[uint64]RevisionStat, error) { return s.revisionStats(ctx, ids) }
	at, now, ok := s.objectEpochs(ctx)
	if !ok {
		return load(postIDs)
	}
	return perPostCached(s.objects.revisions, postIDs, at, now, load, func(st RevisionStat) RevisionStat { return st })
}

// perPost is one post's answer to a per-post load, which leaves the posts
// that have nothing out of its map: has tells the two apart, so that
// "nothing" is cached too.
type perPost[V any] struct {
	value V
	has   bool
}

// perPostCached answers a per-post load from cache c where it can, and loads
// the others in one call, filing their answers under at. clone copies a
// value on its way in and out, so that no caller shares one.
func perPostCached[V any](c *epoch.Cache[uint64, perPost[V]], postIDs []uint64, at epoch.Epochs, now time.Time,
	load func([]uint64) (map[uint64]V, error), clone func(V) V) (map[uint64]V, error) {
	out := make(map[uint64]V, len(postIDs))
	var missing []uint64
	for _, id := range postIDs {
		e, ok := c.Get(id, at, now)
		switch {
		case !ok:
			missing = append(missing, id)
		case e.has:
			out[id] = clone(e.value)
		}
	}
	if len(missing) == 0 {
		return out, nil
	}
	loaded, err := load(missing)
	if err != nil {
		return nil, err
	}
	until := now.Add(objectCacheLifetime)
	for _, id := range missing {
		v, has := loaded[id]
		c.Put(id, perPost[V]{value: clone(v), has: has}, at, until)
		if has {
			out[id] = v
		}
	}
	return out, nil
}

// ObjectCacheStats reports the object cache's hits and misses (queries,
// rows, terms and revision counts together), for the operator's metrics.
func (s *Store) ObjectCacheStats() epoch.CacheStats {
	if s.objects == nil {
		return epoch.CacheStats{}
	}
	var total epoch.CacheStats
	for _, st := range []epoch.CacheStats{s.objects.queries.Stats(), s.objects.rows.Stats(), s.objects.terms.Stats(), s.objects.revisions.Stats()} {
		total.Hits += st.Hits
		total.Misses += st.Misses
		total.Entries += st.Entries
	}
	return total
}
