package epoch

import (
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	mysqldriver "github.com/go-sql-driver/mysql"
)

// On MySQL nothing like SQLite's WAL header (wal_watch.go) tells a process
// that another one committed, so every request's epoch read was a round trip
// to the server — most of a cached request's cost. The epoch lease removes it
// while one process is the only one changing the epochs, which is the usual
// deployment, and keeps the promise that a write on any process is seen by
// the very next request everywhere:
//
//   - Bumping an epoch needs the database's epoch lock, a MySQL named lock
//     (GET_LOCK) held on a connection of its own. The UPDATE that bumps checks
//     it itself (IS_USED_LOCK(lock) = the holder's connection id), so a
//     process that lost the lock without knowing — its connection dropped or
//     was killed — bumps nothing, whatever it believes.
//   - So while a process holds the lock, the epochs change only by its own
//     bumps, and it may answer from the epochs it last read, without a query,
//     until its next bump. Its reads while holding are locking reads, which
//     wait for any transaction that has bumped and not yet committed.
//   - It proves it still holds the lock with a query on the lock's
//     connection every leasePoll, and trusts its epochs only until leaseTime
//     after that query was sent. A process that takes the lock waits
//     leaseTakeoverWait (more than leaseTime) before its first bump, so a
//     former holder that lost the lock unawares has stopped trusting by then.
//   - A process that must bump while another holds the lock takes the ask
//     lock and then waits for the epoch lock. The holder sees the ask at its
//     next poll, stops trusting, and releases. A holder that does not answer
//     (a stopped process) has its lock connection killed after
//     leaseYieldTimeout; the lease rules above make that safe.
//
// A process takes the lock when requests want it and nobody holds it, and
// lets it go after leaseIdle without requests, so an idle server sends no
// queries at all.

var (
	leasePoll         = 10 * time.Millisecond
	leaseTime         = 40 * time.Millisecond
	leaseTakeoverWait = 60 * time.Millisecond
	leaseIdle         = 2 * time.Second
	leaseRetry        = time.Second // after a failed attempt to take an unwanted lock
	leaseYieldTimeout = 3 * time.Second
)

var (
	errLeaseClosed = errors.New("epoch lease: closed")
	errLeaseOff    = errors.New("epoch lease: off (bumps go unfenced)")
)

type lease struct {
	db    *sql.DB
	start time.Time // monotonic origin of the nanosecond fields below
	// yieldTimeout and idle are leaseYieldTimeout and leaseIdle when the
	// lease was made (tests shorten them).
	yieldTimeout, idle time.Duration

	// Read on every request, without a lock.
	validUntil atomic.Int64  // trust the epochs until then; 0 while not holding
	term       atomic.Uint64 // one more at each taking of the lock
	handovers  atomic.Uint64 // one more each time we let it go to a process that asked
	gen        atomic.Uint64 // one more after each bump of our own
	lastWanted atomic.Int64  // when a request last asked for the epochs

	// trust: requests may answer from the epochs last read while holding
	// the lock (lease mode); otherwise every request reads them.
	trust atomic.Bool
	// unfenced: bumps take no lock, because the server has no named locks
	// (some MySQL-compatible databases) or its named locks are not shared
	// by every writer (a cluster node; mysql_mode.go). Nobody trusts then.
	unfenced atomic.Bool

	// For bumps: the lock connection's id while holding, else 0, and when
	// the lock was taken.
	holderID   atomic.Int64
	acquiredAt atomic.Int64

	wake   chan struct{}   // a request found no valid lease
	need   chan chan error // a bump needs the lock
	ctx    context.Context // the manager's; cancelled by close
	cancel context.CancelFunc
	done   sync.WaitGroup

	// Owned by the manager goroutine.
	conn      *sql.Conn
	connID    int64
	lockName  string
	askName   string
	holding   bool
	notBefore int64 // no unwanted taking before then (nanos)

	// pause stops the manager until the channel it receives is closed: a
	// frozen process, for tests.
	pause chan chan struct{}

	// identity is the server the source was opened on; a reconnect that
	// reaches another, or a cluster node, or a server without named locks,
	// turns the lease off and tells offTold (mysql_mode.go).
	identity string
	offTold  func(server, string)
}

func newLease(db *sql.DB, identity string, offTold func(server, string)) *lease {
	ctx, cancel := context.WithCancel(context.Background())
	l := &lease{
		db: db, start: time.Now(), ctx: ctx, cancel: cancel, yieldTimeout: leaseYieldTimeout, idle: leaseIdle,
		wake: make(chan struct{}, 1), need: make(chan chan error), pause: make(chan chan struct{}),
		identity: identity, offTold: offTold,
	}
	l.done.Add(1)
	go l.manage()
	return l
}

func (l *lease) nanos() int64 { return int64(time.Since(l.start)) }

// stamp implements changeWatch: ok while the lease is valid; the stamp
// changes with every taking of the lock and every bump of our own.
func (l *lease) stamp() (s changeStamp, ok bool) {
	if !l.trust.Load() {
		return s, false
	}
	now := l.nanos()
	if now-l.lastWanted.Load() > int64(50*time.Millisecond) {
		l.lastWanted.Store(now)
	}
	if now >= l.validUntil.Load() {
		select {
		case l.wake <- struct{}{}:
		default:
		}
		return s, false
	}
	binary.LittleEndian.PutUint64(s[0:8], l.term.Load())
	binary.LittleEndian.PutUint64(s[8:16], l.gen.Load())
	return s, true
}

// lockingReads implements changeWatch: reads made under the lease must wait
// for our own bumps that are not committed yet.
func (l *lease) lockingReads() bool { return true }

func (l *lease) close() {
	if l == nil {
		return
	}
	l.cancel()
	l.done.Wait()
}

// holder returns the id of the connection holding the epoch lock for this
// process, taking the lock first when it must; 0 when bumps go unfenced.
func (l *lease) holder(ctx context.Context) (int64, error) {
	for {
		if l.unfenced.Load() {
			return 0, nil
		}
		// A bump wants the lock as much as a request does: the manager
		// must not let it go as idle in between.
		l.lastWanted.Store(l.nanos())
		if id := l.holderID.Load(); id != 0 {
			if wait := l.acquiredAt.Load() + int64(leaseTakeoverWait) - l.nanos(); wait > 0 {
				t := time.NewTimer(time.Duration(wait))
				select {
				case <-t.C:
				case <-ctx.Done():
					t.Stop()
					return 0, ctx.Err()
				}
			}
			return id, nil
		}
		reply := make(chan error, 1)
		select {
		case l.need <- reply:
		case <-ctx.Done():
			return 0, ctx.Err()
		case <-l.ctx.Done():
			return 0, errLeaseClosed
		}
		select {
		case err := <-reply:
			if err != nil && !l.unfenced.Load() {
				return 0, err
			}
		case <-ctx.Done():
			return 0, ctx.Err()
		}
	}
}

// LeaseStats is what an operator watches of the epoch lease: whether this
// process holds it now, how often it took it, and how often it let another
// process that asked have it. Many hand-overs mean several processes write
// by turns, each paying for the lock; per-request mode may then suit better.
type LeaseStats struct {
	Held             bool
	Takes, Handovers uint64
}

func (l *lease) stats() LeaseStats {
	return LeaseStats{Held: l.holderID.Load() != 0, Takes: l.term.Load(), Handovers: l.handovers.Load()}
}

// bumped records a bump of our own.
func (l *lease) bumped() { l.gen.Add(1) }

// lost is called by a bump whose fence failed: the lock is not ours any more.
func (l *lease) lost(id int64) { l.holderID.CompareAndSwap(id, 0) }

func (l *lease) manage() {
	defer l.done.Done()
	defer l.release()
	var poll *time.Ticker
	defer func() {
		if poll != nil {
			poll.Stop()
		}
	}()
	for {
		// The ticker runs only while holding: an idle process wakes for
		// nothing.
		var tick <-chan time.Time
		switch {
		case l.holding && poll == nil:
			poll = time.NewTicker(leasePoll)
			tick = poll.C
		case l.holding:
			tick = poll.C
		case poll != nil:
			poll.Stop()
			poll = nil
		}
		select {
		case <-l.ctx.Done():
			return
		case resume := <-l.pause:
			select {
			case <-resume:
			case <-l.ctx.Done():
				return
			}
		case reply := <-l.need:
			if l.holding && l.prove() {
				reply <- nil
				continue
			}
			reply <- l.take(true)
		case <-l.wake:
			if !l.holding && l.nanos() >= l.notBefore {
				if err := l.take(false); err != nil {
					l.notBefore = l.nanos() + int64(leaseRetry)
				}
			}
		case <-tick:
			if l.nanos()-l.lastWanted.Load() > int64(l.idle) {
				l.release()
				continue
			}
			l.prove()
		}
	}
}

// prove checks, on the lock's connection, that we still hold the lock and
// nobody asks for it, and extends the lease; otherwise it lets the lock go.
func (l *lease) prove() bool {
	sent := l.nanos()
	var ours, asked sql.NullBool
	err := l.conn.QueryRowContext(l.ctx,
		"SELECT IS_USED_LOCK(?) = CONNECTION_ID(), COALESCE(IS_USED_LOCK(?), CONNECTION_ID()) <> CONNECTION_ID()",
		l.lockName, l.askName).Scan(&ours, &asked)
	switch {
	case err != nil || !ours.Bool:
		l.dropConn()
		return false
	case asked.Bool && l.nanos() >= l.acquiredAt.Load()+2*int64(leaseTakeoverWait):
		// A fresh holder keeps the lock long enough for the bump it was
		// taken for; then whoever asks gets it.
		l.handovers.Add(1)
		l.release()
		l.notBefore = l.nanos() + int64(leaseRetry)
		return false
	}
	l.holderID.Store(l.connID)
	l.validUntil.Store(sent + int64(leaseTime))
	return true
}

// take takes the epoch lock: at once or not at all for a request that merely
// wants the lease, asking the holder to let it go for a bump that needs it.
func (l *lease) take(needed bool) error {
	if err := l.ensureConn(); err != nil {
		return err
	}
	if l.unfenced.Load() {
		return errLeaseOff
	}
	var got sql.NullInt64
	if !needed {
		if err := l.conn.QueryRowContext(l.ctx, "SELECT GET_LOCK(?, 0)", l.lockName).Scan(&got); err != nil {
			l.dropConn()
			return err
		}
		if got.Int64 != 1 {
			return errors.New("epoch lock held elsewhere")
		}
	} else if err := l.askAndWait(); err != nil {
		return err
	}
	l.holding = true
	l.lastWanted.Store(l.nanos())
	l.term.Add(1)
	l.acquiredAt.Store(l.nanos())
	if !l.prove() {
		return errors.New("epoch lock lost at once")
	}
	return nil
}

// askAndWait takes the ask lock, waits for the holder to let the epoch lock
// go, and lets the ask lock go. Another asker holds the ask lock for at most
// two of its own waits.
func (l *lease) askAndWait() error {
	if err := l.lockOrStopHolder(l.askName, 3*l.yieldTimeout); err != nil {
		return err
	}
	defer l.conn.ExecContext(l.ctx, "DO RELEASE_LOCK(?)", l.askName)
	return l.lockOrStopHolder(l.lockName, l.yieldTimeout)
}

// lockOrStopHolder waits up to wait for a named lock; a holder that keeps it
// longer is a stopped process, whose connection it kills to free the lock.
// For the epoch lock that is safe: that holder's lease has run out by then,
// and its bumps are fenced.
func (l *lease) lockOrStopHolder(name string, wait time.Duration) error {
	for attempt := 0; attempt < 2; attempt++ {
		var got sql.NullInt64
		if err := l.conn.QueryRowContext(l.ctx, "SELECT GET_LOCK(?, ?)", name, wait.Seconds()).Scan(&got); err != nil {
			l.dropConn()
			return err
		}
		if got.Int64 == 1 {
			return nil
		}
		var holder sql.NullInt64
		if err := l.conn.QueryRowContext(l.ctx, "SELECT IS_USED_LOCK(?)", name).Scan(&holder); err != nil {
			l.dropConn()
			return err
		}
		if holder.Valid {
			if _, err := l.conn.ExecContext(l.ctx, fmt.Sprintf("KILL CONNECTION %d", holder.Int64)); err != nil {
				return fmt.Errorf("%s: the holder (connection %d) does not let go and cannot be stopped: %w", name, holder.Int64, err)
			}
		}
	}
	return fmt.Errorf("%s: timed out waiting for it", name)
}

// release stops trusting, then lets the lock go.
func (l *lease) release() {
	l.validUntil.Store(0)
	l.holderID.Store(0)
	if l.holding && l.conn != nil {
		l.holding = false
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		if _, err := l.conn.ExecContext(ctx, "DO RELEASE_LOCK(?)", l.lockName); err != nil {
			l.dropConn()
		}
	}
	l.holding = false
	if l.ctx.Err() != nil && l.conn != nil {
		_ = l.conn.Close()
		l.conn = nil
	}
}

// dropConn forgets a connection that failed: the server frees its locks.
func (l *lease) dropConn() {
	l.validUntil.Store(0)
	l.holderID.Store(0)
	l.holding = false
	if l.conn != nil {
		_ = l.conn.Close()
		l.conn = nil
	}
}

func (l *lease) ensureConn() error {
	if l.conn != nil {
		return nil
	}
	conn, err := l.db.Conn(l.ctx)
	if err != nil {
		return err
	}
	// Named locks are server-wide: the names carry the database's (hashed,
	// to stay within MySQL's 64 characters).
	err = conn.QueryRowContext(l.ctx,
		"SELECT CONNECTION_ID(), CONCAT('presspass-epochs:', SHA1(DATABASE())), CONCAT('presspass-ask:', SHA1(DATABASE()))").
		Scan(&l.connID, &l.lockName, &l.askName)
	if err == nil {
		var free, used sql.NullInt64
		err = conn.QueryRowContext(l.ctx, "SELECT IS_FREE_LOCK(?), IS_USED_LOCK(?)", l.lockName, l.lockName).Scan(&free, &used)
		var serverSaid *mysqldriver.MySQLError
		if errors.As(err, &serverSaid) {
			// The server answered, and has no named locks.
			srv, _ := detect(l.ctx, conn)
			l.turnOff(srv, "the server has no named locks: every request reads the epochs")
			err = nil
		}
	}
	if err == nil && !l.unfenced.Load() {
		err = l.checkServer(conn)
	}
	if err != nil {
		_ = conn.Close()
		return err
	}
	l.conn = conn
	return nil
}

// checkServer asks a new lock connection's server what it is: still the
// server the source was opened on, and not a cluster node, or the lease is
// turned off.
func (l *lease) checkServer(conn *sql.Conn) error {
	srv, err := detect(l.ctx, conn)
	if err != nil {
		return err
	}
	switch {
	case srv.cluster() != "" && !l.trust.Load():
		l.turnOff(srv, srv.cluster()+": every request reads the epochs"+causalNote(srv))
	case srv.cluster() != "":
		// Forced into lease mode on a cluster node: the operator's choice.
	case srv.identity != l.identity:
		l.turnOff(srv, fmt.Sprintf("the database connection now reaches another server (%s, was %s), as behind a proxy or after a fail-over: "+
			"named locks may not be shared by every writer, so every request reads the epochs", srv.identity, l.identity))
	}
	return nil
}

// turnOff stops trusting and fencing for good, and tells the source.
func (l *lease) turnOff(srv server, why string) {
	l.trust.Store(false)
	l.validUntil.Store(0)
	l.unfenced.Store(true)
	l.offTold(srv, why)
}
