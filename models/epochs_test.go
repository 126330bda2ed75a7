package models_test

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"

	"github.com/presspass/presspass/fixtures/fixturestest"
	"github.com/presspass/presspass/models"
	"gorm.io/gorm"
)

// BenchmarkEpochsParallel measures the shared epoch read under the load
// tool's concurrency (16 goroutines on 2 cores) and reports how many
// database reads each call cost.
func BenchmarkEpochsParallel(b *testing.B) {
	s := fixturestest.Open(b)
	ctx := context.Background()
	b.SetParallelism(8)
	start := models.EpochReadsForTest(s)
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := s.Epochs(ctx); err != nil {
				b.Error(err)
				return
			}
		}
	})
	b.ReportMetric(float64(models.EpochReadsForTest(s)-start)/float64(b.N), "reads/op")
}

// storesOnOneDatabase opens two migrated stores on one fresh database: two
// PressPass processes, as far as the epochs go.
func storesOnOneDatabase(t *testing.T) (a, b *models.Store) {
	t.Helper()
	ctx := context.Background()
	url := fixturestest.DatabaseURL(t)
	open := func() *models.Store {
		s, err := models.Open(ctx, url)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		s.Config.BcryptCost = 4
		if _, err := s.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
		return s
	}
	return open(), open()
}

// Two stores on one database behave as two PressPass processes: a write
// through one is seen by the very next read of the other — on SQLite through
// the shared WAL header, on MySQL through the epoch lease or a query — and
// reads with nothing committed in between cost no query on SQLite. The
// sources themselves are tested in package epoch; this checks that the
// store's writes bump them.
func TestEpochsAcrossStores(t *testing.T) {
	ctx := context.Background()
	first, second := storesOnOneDatabase(t)
	u := newUser(t, first, "across", "author")

	e, err := second.Epochs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	before := e.Auth
	reads := models.EpochReadsForTest(second)
	for range 100 {
		if e, err := second.Epochs(ctx); err != nil || e.Auth != before {
			t.Fatalf("epoch moved to %d (err %v) with nothing written", e.Auth, err)
		}
	}
	if first.Dialect() == models.DialectSQLite {
		if n := models.EpochReadsForTest(second) - reads; n != 0 {
			t.Errorf("100 reads with nothing written ran %d queries on SQLite, want 0", n)
		}
	}
	for i := range 20 {
		name := "Across " + string(rune('A'+i))
		if _, err := first.UpdateUser(ctx, u.ID, models.UserInput{DisplayName: &name}); err != nil {
			t.Fatal(err)
		}
		after, err := second.Epochs(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if after.Auth <= before {
			t.Fatalf("write %d through one store: the other still reads epoch %d", i, after.Auth)
		}
		before = after.Auth
	}
}

// The option cache follows an option another process writes, however many
// writes of its own this process made around it, and is not reloaded for
// its own writes alone (which touch no option): the content epoch they
// move is counted as the process's own (epochs_pending.go).
func TestOptionCacheAcrossStores(t *testing.T) {
	ctx := context.Background()
	first, second := storesOnOneDatabase(t)
	admin := newUser(t, first, "optionadmin", "administrator")
	var loads atomic.Int64
	err := first.DB().Callback().Query().After("gorm:query").Register("test:option_loads", func(db *gorm.DB) {
		if db.Statement.Table == "options" {
			loads.Add(1)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	write := func() {
		t.Helper()
		title := "Own write"
		if _, err := first.CreatePost(ctx, admin, models.PostInput{Title: &title}); err != nil {
			t.Fatal(err)
		}
	}
	// A request reads the epochs, then options.
	request := func() string {
		t.Helper()
		if _, err := first.Epochs(ctx); err != nil {
			t.Fatal(err)
		}
		return first.Option(ctx, "blogname")
	}
	request()
	start := loads.Load()
	for range 5 {
		write()
		request()
	}
	if n := loads.Load() - start; n != 0 {
		t.Errorf("5 writes of the store's own reloaded its options %d times, want 0", n)
	}
	for i, between := range []int{0, 1, 3} {
		want := fmt.Sprintf("Written elsewhere %d", i)
		if err := second.SetOption(ctx, "blogname", want); err != nil {
			t.Fatal(err)
		}
		for range between {
			write()
		}
		if got := request(); got != want {
			t.Errorf("after another store's option and %d own writes: blogname %q, want %q", between, got, want)
		}
		write()
		if got := request(); got != want {
			t.Errorf("one more own write: blogname %q, want %q", got, want)
		}
	}
}

// A load of the option cache that read the options before another store's
// write, and is overtaken by the read of the epochs that drops the cache
// for that write, must not put its old rows back: nothing would drop them
// again, as the epoch no longer moves.
func TestOptionLoadOvertakenByDrop(t *testing.T) {
	ctx := context.Background()
	first, second := storesOnOneDatabase(t)
	if _, err := first.Epochs(ctx); err != nil {
		t.Fatal(err)
	}
	// Another store's write drops the first one's cache: its next option
	// read loads it.
	if err := second.SetOption(ctx, "blogdescription", "Elsewhere"); err != nil {
		t.Fatal(err)
	}
	if _, err := first.Epochs(ctx); err != nil {
		t.Fatal(err)
	}
	const want = "Written during the load"
	var once atomic.Bool
	err := first.DB().Callback().Query().After("gorm:query").Register("test:overtaken_load", func(db *gorm.DB) {
		if db.Statement.Table != "options" || !once.CompareAndSwap(false, true) {
			return
		}
		// The rows are read; another process writes, and a concurrent
		// request of this one reads the epochs before the load stores.
		if err := second.SetOption(ctx, "blogname", want); err != nil {
			t.Error(err)
		}
		if _, err := first.Epochs(ctx); err != nil {
			t.Error(err)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	first.Option(ctx, "blogname") // the overtaken load; its answer may be old
	if !once.Load() {
		t.Fatal("the option cache was not loaded")
	}
	for range 2 {
		if _, err := first.Epochs(ctx); err != nil {
			t.Fatal(err)
		}
		if got := first.Option(ctx, "blogname"); got != want {
			t.Fatalf("blogname %q after the overtaken load, want %q", got, want)
		}
	}
}

// A write transaction moves the content epoch once, however many of its
// statements wrote: creating a post inserts it, files it under the default
// category (raw SQL) and sets its GUID, and each used to bump.
func TestWriteTransactionBumpsContentOnce(t *testing.T) {
	ctx := context.Background()
	s := fixturestest.Open(t)
	admin := newUser(t, s, "bumpadmin", "administrator")
	before, err := s.Epochs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	title := "Filed under the default category"
	p, err := s.CreatePost(ctx, admin, models.PostInput{Title: &title})
	if err != nil {
		t.Fatal(err)
	}
	after, err := s.Epochs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	rel, err := s.CreatedPostRelations(ctx, []*models.Post{p})
	if err != nil || len(rel.Terms[p.ID]) != 1 || len(rel.Revisions) != 0 {
		t.Fatalf("the new post's relations: %+v (%v), want the default category and no revisions", rel, err)
	}
	if d := after.Content - before.Content; d != 1 {
		t.Errorf("creating a post moved the content epoch by %d, want 1", d)
	}
}
