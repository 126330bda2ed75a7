package main

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// A slow-loris client — real TCP, one byte a second — is answered 408 and
// cut off once the grace period is over, having sent a few bytes of its
// 1000; the same body sent briskly, or after a pause within the grace
// period, is read whole.
func TestSlowBodyCutOff(t *testing.T) {
	srv := httptest.NewServer(minBodyRate(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, err := io.ReadAll(r.Body)
		if err != nil {
			// As the adapters do: a body that could not be read is refused.
			http.Error(w, "unreadable body", http.StatusBadRequest)
			return
		}
		fmt.Fprintf(w, "read %d bytes", len(b))
	}), bodyRate{grace: time.Second, bytesPerSec: 1 << 10, limit: 30 * time.Second}))
	t.Cleanup(srv.Close)
	const size = 1000
	for _, tt := range []struct {
		name       string
		pause      time.Duration // before the body
		perByte    time.Duration // between bytes (0: all at once)
		wantStatus string
	}{
		{"brisk", 0, 0, "200"},
		{"a pause within the grace period", 500 * time.Millisecond, 0, "200"},
		{"a byte a second", 0, time.Second, "408"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			conn, err := net.Dial("tcp", srv.Listener.Addr().String())
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			fmt.Fprintf(conn, "POST /x HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: %d\r\n\r\n", size)
			sent := make(chan int, 1)
			go func() {
				time.Sleep(tt.pause)
				if tt.perByte == 0 {
					n, _ := conn.Write([]byte(strings.Repeat("x", size)))
					sent <- n
					return
				}
				n := 0
				for ; n < size; n++ {
					if _, err := conn.Write([]byte("x")); err != nil {
						break
					}
					time.Sleep(tt.perByte)
				}
				sent <- n
			}()
			resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			if got := fmt.Sprint(resp.StatusCode); got != tt.wantStatus {
				t.Fatalf("status %s (%s), want %s", got, body, tt.wantStatus)
			}
			if tt.wantStatus == "408" {
				conn.Close() // ends the trickle
				if n := <-sent; n > 10 {
					t.Errorf("the slow client sent %d bytes before it was cut off", n)
				}
				if !resp.Close {
					t.Error("the connection is kept open")
				}
				return
			}
			if string(body) != fmt.Sprintf("read %d bytes", size) {
				t.Errorf("answer %q", body)
			}
		})
	}
}
