package main

import (
	"errors"
	"io"
	"net/http"
	"os"
	"sync"
	"time"
)

// A request body must keep arriving: after a grace period it must have
// come at least at a minimum average rate, or the server gives up on it,
// answers 408 and closes the connection. A client trickling a byte a
// second (slow loris) then holds a connection for the grace period, not for
// the whole read timeout. Each Read sets the connection's read deadline to
// the moment the body falls behind (http.ResponseController), so a stalled
// client is cut off by the network read itself, whichever handler reads.

// bodyRate is the minimum rate and its grace period.
type bodyRate struct {
	grace       time.Duration // no rate is asked before this
	bytesPerSec int64         // the average rate asked after it
	limit       time.Duration // the longest any body may take (the server's read timeout)
}

// defaultBodyRate asks 4 KiB/s after 10 s: a phone on a poor link uploads
// far faster; a 64 MiB upload needs 1 MiB/s within the 60 s read timeout.
var defaultBodyRate = bodyRate{grace: 10 * time.Second, bytesPerSec: 4 << 10, limit: 60 * time.Second}

// minBodyRate wraps every request body of next with the rate check.
func minBodyRate(next http.Handler, rate bodyRate) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Body == nil || r.Body == http.NoBody {
			next.ServeHTTP(w, r)
			return
		}
		body := &rateBody{r: r.Body, rc: http.NewResponseController(w), rate: rate, start: time.Now()}
		r.Body = body
		next.ServeHTTP(&slowBodyWriter{ResponseWriter: w, body: body}, r)
		// The next request on this connection gets the server's own
		// deadlines back.
		_ = body.rc.SetReadDeadline(time.Time{})
	})
}

// rateBody is a request body read under the rate's deadlines.
type rateBody struct {
	r     io.ReadCloser
	rc    *http.ResponseController
	rate  bodyRate
	start time.Time
	mu    sync.Mutex
	n     int64
	slow  bool
}

func (b *rateBody) Read(p []byte) (int, error) {
	b.mu.Lock()
	// The body is behind once fewer than rate×(elapsed−grace) bytes came.
	deadline := b.start.Add(b.rate.grace + time.Duration((b.n+1)*int64(time.Second)/b.rate.bytesPerSec))
	if end := b.start.Add(b.rate.limit); deadline.After(end) {
		deadline = end
	}
	b.mu.Unlock()
	_ = b.rc.SetReadDeadline(deadline)
	n, err := b.r.Read(p)
	b.mu.Lock()
	b.n += int64(n)
	if err != nil && errors.Is(err, os.ErrDeadlineExceeded) {
		b.slow = true
	}
	b.mu.Unlock()
	return n, err
}

func (b *rateBody) Close() error { return b.r.Close() }

func (b *rateBody) tooSlow() bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.slow
}

// slowBodyWriter answers 408 instead of whatever the handler says about a
// body that came too slowly (each adapter words a read error its own way).
type slowBodyWriter struct {
	http.ResponseWriter
	body            *rateBody
	wrote, replaced bool
}

func (w *slowBodyWriter) WriteHeader(status int) {
	if w.wrote {
		return
	}
	w.wrote = true
	if !w.body.tooSlow() {
		w.ResponseWriter.WriteHeader(status)
		return
	}
	w.replaced = true
	h := w.ResponseWriter.Header()
	for k := range h {
		delete(h, k)
	}
	h.Set("Content-Type", "text/plain; charset=utf-8")
	h.Set("Connection", "close")
	w.ResponseWriter.WriteHeader(http.StatusRequestTimeout)
	_, _ = io.WriteString(w.ResponseWriter, "The request body came too slowly.\n")
}

func (w *slowBodyWriter) Write(p []byte) (int, error) {
	if !w.wrote {
		w.WriteHeader(http.StatusOK)
	}
	if w.replaced {
		return len(p), nil
	}
	return w.ResponseWriter.Write(p)
}

// Unwrap lets http.ResponseController reach the connection.
func (w *slowBodyWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
