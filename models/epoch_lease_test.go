package models_test

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/presspass/presspass/fixtures/fixturestest"
	"github.com/presspass/presspass/models"
	"gorm.io/gorm"
)

// Two stores on one MySQL database stand for two PressPass processes. The
// epoch lease (epoch_lease.go) lets one of them skip its epoch reads; these
// tests check that a write on either is still seen by the very next read on
// the other, whatever happens to the lease holder.

// twoProcesses opens two migrated stores on one fresh MySQL database.
func twoProcesses(t *testing.T) (a, b *models.Store) {
	t.Helper()
	if fixturestest.Dialect() != models.DialectMySQL {
		t.Skip("the epoch lease is MySQL's (PRESSPASS_TEST_MYSQL_DSN); SQLite watches its WAL header")
	}
	return storesOnOneDatabase(t)
}

// storedEpochs reads the epochs straight from the table.
func storedEpochs(t *testing.T, s *models.Store) (auth, content int64) {
	t.Helper()
	if err := s.DB().Raw("SELECT version FROM auth_epochs WHERE id = 1").Scan(&auth).Error; err != nil {
		t.Fatal(err)
	}
	if err := s.DB().Raw("SELECT version FROM auth_epochs WHERE id = 2").Scan(&content).Error; err != nil {
		t.Fatal(err)
	}
	return auth, content
}

// holdLease makes requests on s until it trusts its epochs.
func holdLease(t *testing.T, s *models.Store) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !models.EpochLeaseValidForTest(s) {
		if time.Now().After(deadline) {
			t.Fatal("the store never took the epoch lease")
		}
		if _, _, err := s.Epochs(context.Background()); err != nil {
			t.Fatal(err)
		}
		time.Sleep(2 * time.Millisecond)
	}
	// One read under the lease, which later ones reuse.
	if _, _, err := s.Epochs(context.Background()); err != nil {
		t.Fatal(err)
	}
}

// wantCurrent checks that s's next read returns what the table holds.
func wantCurrent(t *testing.T, s, direct *models.Store, what string) {
	t.Helper()
	wantAuth, wantContent := storedEpochs(t, direct)
	auth, content, err := s.Epochs(context.Background())
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	if auth != wantAuth || content != wantContent {
		t.Fatalf("%s: read epochs %d/%d, the table holds %d/%d", what, auth, content, wantAuth, wantContent)
	}
}

func TestEpochLeaseSkipsReadsAndSeesOtherProcesses(t *testing.T) {
	a, b := twoProcesses(t)
	ctx := context.Background()
	holdLease(t, a)
	before := models.EpochReadsForTest(a)
	for range 200 {
		if _, _, err := a.Epochs(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if n := models.EpochReadsForTest(a) - before; n > 1 {
		t.Errorf("under the lease 200 requests ran %d epoch queries, want at most 1", n)
	}

	writes := []struct {
		name  string
		write func(s *models.Store, i int) error
	}{
		{"new user", func(s *models.Store, i int) error {
			login, email, pw, role := fmt.Sprintf("lease%d", i), fmt.Sprintf("lease%d@example.com", i), "pw-lease", "author"
			_, err := s.CreateUser(ctx, models.UserInput{Login: &login, Email: &email, Password: &pw, Role: &role})
			return err
		}},
		{"option", func(s *models.Store, i int) error {
			return s.SetOption(ctx, "blogdescription", fmt.Sprintf("tagline %d", i))
		}},
	}
	// Writes alternate between the processes, so the lock changes hands
	// every time; each is seen by the other's very next read.
	for i := range 12 {
		w := writes[i%len(writes)]
		writer, reader := a, b
		if i%2 == 1 {
			writer, reader = b, a
		}
		holdLease(t, reader)
		if err := w.write(writer, i); err != nil {
			t.Fatalf("write %d (%s): %v", i, w.name, err)
		}
		wantCurrent(t, reader, writer, fmt.Sprintf("write %d (%s), read on the other process", i, w.name))
		wantCurrent(t, writer, writer, fmt.Sprintf("write %d (%s), read on the writer", i, w.name))
	}
}

// A holder whose lock connection dies goes on believing it holds the lock
// until its next poll — here it polls no more, as if its poll were late; a
// write elsewhere must still be seen by its very next read.
func TestEpochLeaseHolderLosesItsConnection(t *testing.T) {
	a, b := twoProcesses(t)
	ctx := context.Background()
	holdLease(t, a)
	conn := models.EpochLockConnForTest(a)
	if conn == 0 {
		t.Fatal("holder has no lock connection")
	}
	resume := models.PauseEpochLeaseForTest(a)
	if err := b.DB().Exec(fmt.Sprintf("KILL CONNECTION %d", conn)).Error; err != nil {
		t.Fatal(err)
	}
	if err := b.SetOption(ctx, "blogname", "after the kill"); err != nil {
		t.Fatal(err)
	}
	wantCurrent(t, a, b, "read on the former holder, unaware")
	resume()
	// The former holder writes again: it takes the lock back.
	if err := a.SetOption(ctx, "blogname", "written by the former holder"); err != nil {
		t.Fatal(err)
	}
	wantCurrent(t, b, a, "read on the other process")
}

// A former holder that has not noticed it lost the lock cannot bump while
// another process trusts its epochs: the bump's own fence refuses it, and it
// waits until it holds the lock again.
func TestEpochLeaseFencesAFormerHolder(t *testing.T) {
	a, b := twoProcesses(t)
	ctx := context.Background()
	holdLease(t, a)
	resume := models.PauseEpochLeaseForTest(a)
	if err := b.DB().Exec(fmt.Sprintf("KILL CONNECTION %d", models.EpochLockConnForTest(a))).Error; err != nil {
		t.Fatal(err)
	}
	holdLease(t, b)
	written := make(chan error, 1)
	go func() { written <- a.SetOption(ctx, "blogname", "by the former holder") }()
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
func TestEpochLeaseOwnUncommittedWrite(t *testing.T) {
	a, _ := twoProcesses(t)
	ctx := context.Background()
	if err := a.SetOption(ctx, "blogname", "before"); err != nil {
		t.Fatal(err)
	}
	holdLease(t, a)
	_, before := storedEpochs(t, a)
	err := a.DB().Transaction(func(tx *gorm.DB) error {
		if err := tx.Table("options").Where("name = ?", "blogname").Update("value", "in a transaction").Error; err != nil {
			return err
		}
		read := make(chan int64, 1)
		go func() {
			_, content, _ := a.Epochs(ctx)
			read <- content
		}()
		select {
		case v := <-read:
			if v != before {
				t.Errorf("read during the transaction: content epoch %d, want the committed %d", v, before)
			}
		case <-time.After(100 * time.Millisecond): // waiting for the commit, as it should
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, after := storedEpochs(t, a); after == before {
		t.Fatal("the transaction bumped no epoch")
	}
	wantCurrent(t, a, a, "read after the commit")
}

// A holder that stops answering (a stopped process) cannot block writes
// elsewhere: its lock connection is killed, and its lease has run out.
func TestEpochLeaseFrozenHolder(t *testing.T) {
	defer models.SetEpochLeaseTimingForTest(300*time.Millisecond, 2*time.Second)()
	a, b := twoProcesses(t)
	ctx := context.Background()
	holdLease(t, a)
	resume := models.PauseEpochLeaseForTest(a)
	defer resume()
	start := time.Now()
	if err := b.SetOption(ctx, "blogname", "while A is frozen"); err != nil {
		t.Fatal(err)
	}
	t.Logf("write waited %s for the frozen holder", time.Since(start).Round(time.Millisecond))
	wantCurrent(t, a, b, "read on the frozen holder")
}

// An unused lease is let go: an idle process holds no lock and sends no
// queries.
func TestEpochLeaseIdleRelease(t *testing.T) {
	defer models.SetEpochLeaseTimingForTest(3*time.Second, 100*time.Millisecond)()
	a, b := twoProcesses(t)
	holdLease(t, a)
	deadline := time.Now().Add(3 * time.Second)
	for models.EpochLockConnForTest(a) != 0 {
		if time.Now().After(deadline) {
			t.Fatal("an idle holder kept the epoch lock")
		}
		time.Sleep(20 * time.Millisecond)
	}
	var free int
	if err := b.DB().Raw("SELECT IS_FREE_LOCK(CONCAT('presspass-epochs:', SHA1(DATABASE())))").Scan(&free).Error; err != nil {
		t.Fatal(err)
	}
	if free != 1 {
		t.Error("the epoch lock is still taken after the holder went idle")
	}
}

// Both processes write and read at once; every read that starts after a
// write returned sees it, on either process.
func TestEpochLeaseConcurrentWritersAndReaders(t *testing.T) {
	a, b := twoProcesses(t)
	ctx := context.Background()
	stores := []*models.Store{a, b}
	var stop atomic.Bool
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for _, s := range stores { // readers keep both leases wanted
		for range 4 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for !stop.Load() {
					if _, _, err := s.Epochs(ctx); err != nil {
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
			writer, other := stores[w], stores[1-w]
			for i := 0; !stop.Load(); i++ {
				if err := writer.SetOption(ctx, fmt.Sprintf("presspass_lease_test_%d", w), fmt.Sprint(i)); err != nil {
					errs <- err
					return
				}
				var content int64
				if err := writer.DB().Raw("SELECT version FROM auth_epochs WHERE id = 2").Scan(&content).Error; err != nil {
					errs <- err
					return
				}
				for _, s := range []*models.Store{writer, other} {
					_, got, err := s.Epochs(ctx)
					if err != nil {
						errs <- err
						return
					}
					if got < content {
						errs <- fmt.Errorf("writer %d, write %d: a read after it returned content epoch %d, the table had %d", w, i, got, content)
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
func TestEpochLeaseWithoutNamedLocks(t *testing.T) {
	a, b := twoProcesses(t)
	ctx := context.Background()
	models.WithoutNamedLocksForTest(a)
	models.WithoutNamedLocksForTest(b)
	for i := range 4 {
		writer, reader := a, b
		if i%2 == 1 {
			writer, reader = b, a
		}
		if _, _, err := reader.Epochs(ctx); err != nil {
			t.Fatal(err)
		}
		if err := writer.SetOption(ctx, "blogname", fmt.Sprint("no locks ", i)); err != nil {
			t.Fatal(err)
		}
		wantCurrent(t, reader, writer, fmt.Sprint("write ", i))
		if models.EpochLeaseValidForTest(reader) {
			t.Fatal("a lease is trusted without named locks")
		}
	}
}
