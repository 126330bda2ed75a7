package models

import (
	"context"
	"errors"
	"runtime"
	"testing"
	"time"
)

// queued waits until n writers wait in q.
func queued(q *writeQueue, n int) {
	for {
		q.mu.Lock()
		k := len(q.waiters)
		q.mu.Unlock()
		if k == n {
			return
		}
		runtime.Gosched()
	}
}

// Writers get the writer in the order they asked for it; one whose context
// ends leaves the line without the turn, and the others keep their order.
func TestWriteQueueFIFO(t *testing.T) {
	var q writeQueue
	if err := q.acquire(context.Background(), time.Hour); err != nil {
		t.Fatal(err)
	}
	const n = 6
	const leaver = 2 // gives up before its turn
	leave, cancel := context.WithCancel(context.Background())
	order := make(chan int, n)
	refused := make(chan error, 1)
	for i := 0; i < n; i++ {
		ctx := context.Background()
		if i == leaver {
			ctx = leave
		}
		go func(i int, ctx context.Context) {
			if err := q.acquire(ctx, time.Hour); err != nil {
				refused <- err
				return
			}
			order <- i
			q.release()
		}(i, ctx)
		queued(&q, i+1)
	}
	cancel()
	var me *Error
	if err := <-refused; !errors.As(err, &me) || me.Kind != KindUnavailable || me.Reason != ReasonWriteConflict {
		t.Fatalf("the writer that gave up: %v", err)
	}
	queued(&q, n-1)
	q.release()
	for _, want := range []int{0, 1, 3, 4, 5} {
		if got := <-order; got != want {
			t.Fatalf("turn went to writer %d, want %d", got, want)
		}
	}
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.held || len(q.waiters) != 0 {
		t.Errorf("after the last writer: held %v, %d waiting", q.held, len(q.waiters))
	}
}
