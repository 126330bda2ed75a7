package epoch

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
)

// The mode follows from what was asked and what the server is.
func TestDecide(t *testing.T) {
	single := server{identity: "db:3306#1"}
	galera := server{galera: true, clusterSize: "3", node: "n1", identity: "db1:3306#1"}
	group := server{groupRepl: true, identity: "db2:3306#2"}
	for _, tc := range []struct {
		name     string
		want     Mode
		srv      server
		err      error
		mode     Mode
		whyHolds []string
	}{
		{"one server", ModeAuto, single, nil, ModeLease, []string{"one MySQL server", "server-wide"}},
		{"a Galera node", ModeAuto, galera, nil, ModePerRequest, []string{"Galera node", "wsrep_cluster_size=3", "wsrep_sync_wait=1"}},
		{"group replication", ModeAuto, group, nil, ModePerRequest, []string{"Group Replication", "group_replication_consistency=BEFORE"}},
		{"the server would not say", ModeAuto, server{}, errors.New("denied"), ModePerRequest, []string{"would not say", "denied"}},
		{"per-request forced on one server", ModePerRequest, single, nil, ModePerRequest, []string{"forced by --epoch-mode=per-request"}},
		{"per-request forced on a Galera node", ModePerRequest, galera, nil, ModePerRequest, []string{"forced", "Galera node", "wsrep_sync_wait"}},
		{"lease forced on one server", ModeLease, single, nil, ModeLease, []string{"forced by --epoch-mode=lease"}},
		{"lease forced on a Galera node", ModeLease, galera, nil, ModeLease, []string{"forced", "Galera node", "may go unseen"}},
	} {
		d := decide(tc.want, tc.srv, tc.err)
		if d.Mode != tc.mode {
			t.Errorf("%s: mode %s, want %s (%s)", tc.name, d.Mode, tc.mode, d.Why)
		}
		for _, w := range tc.whyHolds {
			if !strings.Contains(d.Why, w) {
				t.Errorf("%s: why %q does not say %q", tc.name, d.Why, w)
			}
		}
	}
}

func TestParseMode(t *testing.T) {
	for in, want := range map[string]Mode{"": ModeAuto, "auto": ModeAuto, "lease": ModeLease, "per-request": ModePerRequest} {
		if got, err := ParseMode(in); err != nil || got != want {
			t.Errorf("ParseMode(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"wal-watch", "Lease", "none"} {
		if _, err := ParseMode(bad); err == nil {
			t.Errorf("ParseMode(%q) accepted", bad)
		}
	}
}

// The server these tests run on is one MySQL server: auto mode takes the
// lease there, and says so.
func TestAutoModeOnOneServer(t *testing.T) {
	a, _ := twoProcesses(t)
	if d := a.src.Decision(); d.Mode != ModeLease || !strings.Contains(d.Why, "one MySQL server") {
		t.Fatalf("decision on one server: %+v", d)
	}
}

// A process forced into per-request mode never answers from a lease, reads
// the epochs on every call, and still fences its bumps, so that a process
// in lease mode on the same server sees its writes on the very next read.
func TestPerRequestModeBesideALease(t *testing.T) {
	d := freshDatabase(t)
	if !d.mysql() {
		t.Skip("epoch modes are MySQL's (PRESSPASS_TEST_MYSQL_DSN)")
	}
	leased, perRequest := d.processIn(ModeAuto), d.processIn(ModePerRequest)
	if got := perRequest.src.Decision().Mode; got != ModePerRequest {
		t.Fatalf("forced per-request, runs %s", got)
	}
	for i := range 6 {
		holdLease(t, leased)
		perRequest.mustWrite(Content)
		wantCurrent(t, leased, perRequest, fmt.Sprint("per-request write ", i, ", read under the lease"))
		leased.mustWrite(Auth)
		before := perRequest.src.Reads()
		wantCurrent(t, perRequest, leased, fmt.Sprint("leased write ", i, ", read per request"))
		perRequest.current()
		if perRequest.leaseValid() || perRequest.src.Reads()-before != 2 {
			t.Fatalf("round %d: the per-request process trusted a lease or skipped a read (%d reads for 2 calls)", i, perRequest.src.Reads()-before)
		}
	}
}

// Bumps spread over a node's stripes, and the epochs stay exact sums:
// concurrent transactions that bump several times each move the epochs by
// exactly their bumps, each transaction's bumps land on one stripe row per
// epoch, and the rows stay within the stripes.
func TestStripedBumpsKeepTheSum(t *testing.T) {
	d := freshDatabase(t)
	if !d.mysql() {
		t.Skip("striped epochs are MySQL's (PRESSPASS_TEST_MYSQL_DSN)")
	}
	p := d.processIn(ModePerRequest)
	ctx := context.Background()

	// One transaction, three bumps of the content epoch: one row, +3.
	tx, err := p.db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	for range 3 {
		if err := p.src.Bump(ctx, tx, Content); err != nil {
			t.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	var rows, top int64
	if err := p.db.QueryRow("SELECT COUNT(*), MAX(version) FROM epoch_stripes WHERE id = 2").Scan(&rows, &top); err != nil {
		t.Fatal(err)
	}
	if rows != 1 || top != 3 {
		t.Fatalf("three bumps in one transaction: %d rows, highest %d; want one row at 3", rows, top)
	}

	before := p.stored()
	const writers, each = 8, 25
	var wg sync.WaitGroup
	errs := make(chan error, writers)
	for range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range each {
				if err := p.bumpTwice(ctx); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	after := p.stored()
	if got, want := (Epochs{after.Auth - before.Auth, after.Content - before.Content}), (Epochs{writers * each, 2 * writers * each}); got != want {
		t.Fatalf("the epochs moved by %+v, want %+v", got, want)
	}
	if got := p.current(); got != after {
		t.Fatalf("Current %+v, the tables hold %+v", got, after)
	}
	if err := p.db.QueryRow("SELECT COUNT(*) FROM epoch_stripes").Scan(&rows); err != nil {
		t.Fatal(err)
	}
	if rows > 2*stripes {
		t.Fatalf("%d stripe rows for one node, want at most %d", rows, 2*stripes)
	}
}

// bumpTwice commits a transaction that bumps both epochs, then the content
// epoch again, retrying when InnoDB picks it as a deadlock victim (as
// models does).
func (p *process) bumpTwice(ctx context.Context) error {
	for {
		err := func() error {
			tx, err := p.db.BeginTx(ctx, nil)
			if err != nil {
				return err
			}
			defer tx.Rollback()
			if err := p.src.Bump(ctx, tx, Auth|Content); err != nil {
				return err
			}
			if err := p.src.Bump(ctx, tx, Content); err != nil {
				return err
			}
			return tx.Commit()
		}()
		if err == nil || !strings.Contains(err.Error(), "Deadlock") {
			return err
		}
	}
}

// A lease connection that reconnects to another server than the source
// was opened on (a proxy, a fail-over) turns the lease off for good: the
// process reads per request, bumps unfenced, and says why.
func TestLeaseOffWhenTheServerChanges(t *testing.T) {
	a, b := twoProcesses(t)
	holdLease(t, a)
	resume := a.pause()
	a.src.lease.identity = "another-server:3306#9" // what the source saw at start
	if _, err := b.db.Exec(fmt.Sprintf("KILL CONNECTION %d", a.lockConn())); err != nil {
		t.Fatal(err)
	}
	resume()
	a.mustWrite(Content)
	d := a.src.Decision()
	if d.Mode != ModePerRequest || !strings.Contains(d.Why, "another server") {
		t.Fatalf("after reconnecting elsewhere: %+v", d)
	}
	if a.leaseValid() || !a.src.lease.unfenced.Load() {
		t.Fatal("the lease is still trusted or fencing after the server changed")
	}
	wantCurrent(t, b, a, "a write after the lease went off, read by another process")
	b.mustWrite(Auth)
	wantCurrent(t, a, b, "another process's write, read per request")
}
