package epoch

import (
	"context"
	"database/sql"
	"sync"
	"testing"
)

// Each bump moves exactly the epochs it names.
func TestBumpMovesWhatItNames(t *testing.T) {
	p := freshDatabase(t).process()
	for _, tc := range []struct {
		which                 Which
		wantAuth, wantContent int64
	}{
		{Auth, 1, 0},
		{Content, 0, 1},
		{Auth | Content, 1, 1},
		{0, 0, 0},
	} {
		before := p.stored()
		p.mustWrite(tc.which)
		after := p.stored()
		if got := (Epochs{after.Auth - before.Auth, after.Content - before.Content}); got != (Epochs{tc.wantAuth, tc.wantContent}) {
			t.Errorf("bump %b moved the epochs by %+v, want %d/%d", tc.which, got, tc.wantAuth, tc.wantContent)
		}
		if got := p.current(); got != after {
			t.Errorf("bump %b: Current is %+v, the table holds %+v", tc.which, got, after)
		}
	}
}

// A read that coalesces must still see every write made before it began:
// after a write has returned, every read started afterwards — by any
// goroutine, however many are reading at once — returns at least its epoch.
func TestReadsSeeEveryEarlierWrite(t *testing.T) {
	p := freshDatabase(t).process()
	ctx := context.Background()
	var wg sync.WaitGroup
	stop := make(chan struct{})
	defer func() { close(stop); wg.Wait() }()
	for range 8 { // background readers keep rounds running and pending
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				if _, err := p.src.Current(ctx); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	for i := range 50 {
		before := p.current()
		p.mustWrite(Auth)
		if after := p.current(); after.Auth <= before.Auth {
			t.Fatalf("write %d: epoch read after the write is %d, before it was %d", i, after.Auth, before.Auth)
		}
	}
}

// Two processes on one database: a write through one is seen by the very
// next read of the other — on SQLite through the shared WAL header, on MySQL
// through the epoch lease or a query — and on SQLite reads with nothing
// committed in between cost no query, while a commit made behind
// PressPass's back (a sqlite3 shell) is seen all the same.
func TestWritesSeenAcrossProcesses(t *testing.T) {
	d := freshDatabase(t)
	first, second := d.process(), d.process()
	before := second.current()
	reads := second.src.Reads()
	for range 100 {
		if e := second.current(); e != before {
			t.Fatalf("epochs moved to %+v with nothing written", e)
		}
	}
	if n := second.src.Reads() - reads; !d.mysql() && n != 0 {
		t.Errorf("100 reads with nothing written ran %d queries on SQLite, want 0", n)
	}
	writes := []struct {
		name  string
		write func()
	}{
		{"auth", func() { first.mustWrite(Auth) }},
		{"content", func() { first.mustWrite(Content) }},
		{"both", func() { first.mustWrite(Auth | Content) }},
		{"by hand", func() {
			if _, err := first.db.Exec("UPDATE auth_epochs SET version = version + 1"); err != nil {
				t.Fatal(err)
			}
		}},
	}
	for i := range 20 {
		w := writes[i%len(writes)]
		if w.name == "by hand" && d.mysql() {
			continue // on MySQL only bumps under the epoch lock are seen at once
		}
		w.write()
		if got, want := second.current(), second.stored(); got != want {
			t.Fatalf("write %d (%s) through one process: the other reads %+v, the table holds %+v", i, w.name, got, want)
		}
	}
}

// A database without a WAL index (another journal mode) is read on every
// request, and still sees every write.
func TestSQLiteWithoutWALReadsEveryTime(t *testing.T) {
	d := freshDatabase(t)
	if d.mysql() {
		t.Skip("SQLite's journal modes")
	}
	db, err := sql.Open("sqlite", d.SQLitePath+"?_pragma=busy_timeout(10000)&_pragma=journal_mode(DELETE)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(4)
	src := OpenSQLite(context.Background(), db, d.SQLitePath).(*source)
	defer src.Close()
	if src.reader.watch != nil {
		t.Fatal("a WAL watch on a database in DELETE mode")
	}
	p := &process{t: t, db: db, src: src}
	for i := range 3 {
		reads := src.Reads()
		p.current()
		if n := src.Reads() - reads; n != 1 {
			t.Errorf("read %d ran %d queries, want 1", i, n)
		}
		p.mustWrite(Content)
		if got, want := p.current(), p.stored(); got != want {
			t.Fatalf("write %d: read %+v, the table holds %+v", i, got, want)
		}
	}
}

// ReadThrough, on the writing transaction, sees the transaction's own bump.
func TestReadThroughSeesItsTransaction(t *testing.T) {
	p := freshDatabase(t).process()
	ctx := context.Background()
	before := p.stored()
	tx, err := p.db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if err := p.src.Bump(ctx, tx, Content); err != nil {
		t.Fatal(err)
	}
	got, err := p.src.ReadThrough(ctx, tx)
	if err != nil {
		t.Fatal(err)
	}
	if want := (Epochs{before.Auth, before.Content + 1}); got != want {
		t.Errorf("read through the transaction: %+v, want %+v", got, want)
	}
}

// BenchmarkCurrentParallel measures the shared read under the load tool's
// concurrency (16 goroutines on 2 cores) and reports how many database reads
// each call cost.
func BenchmarkCurrentParallel(b *testing.B) {
	p := freshDatabase(b).process()
	ctx := context.Background()
	b.SetParallelism(8)
	start := p.src.Reads()
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := p.src.Current(ctx); err != nil {
				b.Error(err)
				return
			}
		}
	})
	b.ReportMetric(float64(p.src.Reads()-start)/float64(b.N), "reads/op")
}
