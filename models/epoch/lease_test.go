package epoch

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// Two processes on one MySQL database. The epoch lease (lease.go) lets one
// of them skip its epoch reads; these tests check that a write on either is
// still seen by the very next read on the other, whatever happens to the
// lease holder.

// twoProcesses opens two processes on one fresh MySQL database.
func twoProcesses(t *testing.T) (a, b *process) {
	t.Helper()
	d := freshDatabase(t)
	if !d.mysql() {
		t.Skip("the epoch lease is MySQL's (PRESSPASS_TEST_MYSQL_DSN); SQLite watches its WAL header")
	}
	return d.process(), d.process()
}

// leaseValid reports whether p now trusts its epochs without reading them.
func (p *process) leaseValid() bool {
	_, ok := p.src.lease.stamp()
	return ok
}

// lockConn is the id of the connection holding the epoch lock for p, or 0.
func (p *process) lockConn() int64 { return p.src.lease.holderID.Load() }

// pause freezes p's lease manager, as a stopped process would be, until
// resume is called.
func (p *process) pause() (resume func()) {
	ch := make(chan struct{})
	p.src.lease.pause <- ch
	return func() { close(ch) }
}

// leaseTiming shortens how long a holder may take to let the lock go and
// how long an unused lease is kept, for processes opened afterwards.
func leaseTiming(yieldTimeout, idle time.Duration) (restore func()) {
	oldYield, oldIdle := leaseYieldTimeout, leaseIdle
	leaseYieldTimeout, leaseIdle = yieldTimeout, idle
	return func() { leaseYieldTimeout, leaseIdle = oldYield, oldIdle }
}

// holdLease makes requests on p until it trusts its epochs.
func holdLease(t *testing.T, p *process) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !p.leaseValid() {
		if time.Now().After(deadline) {
			t.Fatal("the process never took the epoch lease")
		}
		p.current()
		time.Sleep(2 * time.Millisecond)
	}
	// One read under the lease, which later ones reuse.
	p.current()
}

// wantCurrent checks that p's next read returns what the table holds.
func wantCurrent(t *testing.T, p, direct *process, what string) {
	t.Helper()
	want := direct.stored()
	got, err := p.src.Current(context.Background())
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	if got != want {
		t.Fatalf("%s: read epochs %+v, the table holds %+v", what, got, want)
	}
}

func TestLeaseSkipsReadsAndSeesOtherProcesses(t *testing.T) {
	a, b := twoProcesses(t)
	holdLease(t, a)
	before := a.src.Reads()
	for range 200 {
		a.current()
	}
	if n := a.src.Reads() - before; n > 1 {
		t.Errorf("under the lease 200 requests ran %d epoch queries, want at most 1", n)
	}
	// Writes alternate between the processes, so the lock changes hands
	// every time; each is seen by the other's very next read.
	writes := []struct {
		name  string
		which Which
	}{{"new user", Auth | Content}, {"option", Content}}
	for i := range 12 {
		w := writes[i%len(writes)]
		writer, reader := a, b
		if i%2 == 1 {
			writer, reader = b, a
		}
		holdLease(t, reader)
		if err := writer.write(context.Background(), w.which); err != nil {
			t.Fatalf("write %d (%s): %v", i, w.name, err)
		}
		wantCurrent(t, reader, writer, fmt.Sprintf("write %d (%s), read on the other process", i, w.name))
		wantCurrent(t, writer, writer, fmt.Sprintf("write %d (%s), read on the writer", i, w.name))
	}
}

// A holder whose lock connection dies goes on believing it holds the lock
// until its next poll — here it polls no more, as if its poll were late; a
// write elsewhere must still be seen by its very next read.
func TestLeaseHolderLosesItsConnection(t *testing.T) {
	a, b := twoProcesses(t)
	holdLease(t, a)
	conn := a.lockConn()
	if conn == 0 {
		t.Fatal("holder has no lock connection")
	}
	resume := a.pause()
	if _, err := b.db.Exec(fmt.Sprintf("KILL CONNECTION %d", conn)); err != nil {
		t.Fatal(err)
	}
	b.mustWrite(Content)
	wantCurrent(t, a, b, "read on the former holder, unaware")
	resume()
	// The former holder writes again: it takes the lock back.
	a.mustWrite(Content)
	wantCurrent(t, b, a, "read on the other process")
}

// A former holder that has not noticed it lost the lock cannot bump while
// another process trusts its epochs: the bump's own fence refuses it, and it
// waits until it holds the lock again.
func TestLeaseFencesAFormerHolder(t *testing.T) {
	a, b := twoProcesses(t)
	holdLease(t, a)
	resume := a.pause()
	if _, err := b.db.Exec(fmt.Sprintf("KILL CONNECTION %d", a.lockConn())); err != nil {
		t.Fatal(err)
	}
	holdLease(t, b)
	written := make(chan error, 1)
	go func() { written <- a.write(context.Background(), Content) }()
	time.Sleep(200 * time.Millisecond)
	wantCurrent(t, b, b, "read on the new holder while the former one writes")
	resume()
	if err := <-written; err != nil {
		t.Fatal(err)
	}
	wantCurrent(t, b, b, "read on the new holder after the former one wrote")
}

// The holder's own write, read before it commits: the read waits for the
// commit (a locking read), so no snapshot of the old epochs outlives it.
func TestLeaseOwnUncommittedWrite(t *testing.T) {
	a, _ := twoProcesses(t)
	ctx := context.Background()
	a.mustWrite(Content)
	holdLease(t, a)
	before := a.stored()
	tx, err := a.db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "UPDATE notes SET body = 'in a transaction' WHERE id = 1"); err != nil {
		t.Fatal(err)
	}
	if err := a.src.Bump(ctx, tx, Content); err != nil {
		t.Fatal(err)
	}
	read := make(chan Epochs, 1)
	go func() {
		e, _ := a.src.Current(ctx)
		read <- e
	}()
	select {
	case e := <-read:
		if e != before {
			t.Errorf("read during the transaction: %+v, want the committed %+v", e, before)
		}
	case <-time.After(100 * time.Millisecond): // waiting for the commit, as it should
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	if after := a.stored(); after == before {
		t.Fatal("the transaction bumped no epoch")
	}
	wantCurrent(t, a, a, "read after the commit")
}

// A holder that stops answering (a stopped process) cannot block writes
// elsewhere: its lock connection is killed, and its lease has run out.
func TestLeaseFrozenHolder(t *testing.T) {
	defer leaseTiming(300*time.Millisecond, 2*time.Second)()
	a, b := twoProcesses(t)
	holdLease(t, a)
	resume := a.pause()
	defer resume()
	start := time.Now()
	b.mustWrite(Content)
	t.Logf("write waited %s for the frozen holder", time.Since(start).Round(time.Millisecond))
	wantCurrent(t, a, b, "read on the frozen holder")
}

// An unused lease is let go: an idle process holds no lock and sends no
// queries.
func TestLeaseIdleRelease(t *testing.T) {
	defer leaseTiming(3*time.Second, 100*time.Millisecond)()
	a, b := twoProcesses(t)
	holdLease(t, a)
	deadline := time.Now().Add(3 * time.Second)
	for a.lockConn() != 0 {
		if time.Now().After(deadline) {
			t.Fatal("an idle holder kept the epoch lock")
		}
		time.Sleep(20 * time.Millisecond)
	}
	var free int
	if err := b.db.QueryRow("SELECT IS_FREE_LOCK(CONCAT('presspass-epochs:', SHA1(DATABASE())))").Scan(&free); err != nil {
		t.Fatal(err)
	}
	if free != 1 {
		t.Error("the epoch lock is still taken after the holder went idle")
	}
}

// Both processes write and read at once; every read that starts after a
// write returned sees it, on either process.
func TestLeaseConcurrentWritersAndReaders(t *testing.T) {
	a, b := twoProcesses(t)
	ctx := context.Background()
	processes := []*process{a, b}
	var stop atomic.Bool
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for _, p := range processes { // readers keep both leases wanted
		for range 4 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for !stop.Load() {
					if _, err := p.src.Current(ctx); err != nil {
						errs <- err
						return
					}
				}
			}()
		}
	}
	for w := range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			writer, other := processes[w], processes[1-w]
			for i := 0; !stop.Load(); i++ {
				if err := writer.write(ctx, Content); err != nil {
					errs <- err
					return
				}
				content, err := writer.storedEpoch(ctx, ContentRow)
				if err != nil {
					errs <- err
					return
				}
				for _, p := range []*process{writer, other} {
					got, err := p.src.Current(ctx)
					if err != nil {
						errs <- err
						return
					}
					if got.Content < content {
						errs <- fmt.Errorf("writer %d, write %d: a read after it returned content epoch %d, the table had %d", w, i, got.Content, content)
						return
					}
				}
			}
		}()
	}
	time.Sleep(3 * time.Second)
	stop.Store(true)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// On a server without named locks nobody holds a lease: bumps go unfenced
// and every read queries, so writes are still seen at once.
func TestLeaseWithoutNamedLocks(t *testing.T) {
	a, b := twoProcesses(t)
	for _, p := range []*process{a, b} {
		p.src.lease.trust.Store(false)
		p.src.lease.unfenced.Store(true)
	}
	for i := range 4 {
		writer, reader := a, b
		if i%2 == 1 {
			writer, reader = b, a
		}
		reader.current()
		writer.mustWrite(Content)
		wantCurrent(t, reader, writer, fmt.Sprint("write ", i))
		if reader.leaseValid() {
			t.Fatal("a lease is trusted without named locks")
		}
	}
}
