package main

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/presspass/presspass/fixtures/fixturestest"
	"github.com/presspass/presspass/models"
)

// TestSIGTERMFinishesTheWriteInFlight stops a server process with SIGTERM
// while a client is still sending a post: the server stops accepting new
// connections, the write is answered 201 and is in the database afterwards,
// and the process exits 0.
func TestSIGTERMFinishesTheWriteInFlight(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a server process")
	}
	db := fixturestest.DatabaseURL(t)
	mustCLI(t, db, "user", "create", "writer", "writer@example.com", "--role=editor", "--user_pass=main-pass")
	pw := strings.TrimSpace(mustCLI(t, db, "app-password", "create", "writer", "stop", "--porcelain"))
	cmd, base := startChildServer(t, db, "--shutdown-timeout", "30s")
	defer cmd.Process.Kill()
	exited := make(chan error, 1)

	// A slow client: the headers and half the body now, the rest after the
	// signal.
	body := `{"title":"Written while stopping","status":"publish","content":"` + strings.Repeat("x", 2048) + `"}`
	pr, pw2 := io.Pipe()
	req, _ := http.NewRequest("POST", base+"/wp-json/wp/v2/posts", pr)
	req.ContentLength = int64(len(body))
	req.Header.Set("Content-Type", "application/json")
	req.SetBasicAuth("writer", pw)
	type answer struct {
		status int
		post   map[string]any
		err    error
	}
	answered := make(chan answer, 1)
	go func() {
		resp, err := (&http.Client{Transport: &http.Transport{}}).Do(req)
		if err != nil {
			answered <- answer{err: err}
			return
		}
		defer resp.Body.Close()
		var post map[string]any
		_ = json.NewDecoder(resp.Body).Decode(&post)
		answered <- answer{status: resp.StatusCode, post: post}
	}()
	if _, err := pw2.Write([]byte(body[:len(body)/2])); err != nil {
		t.Fatal(err)
	}
	time.Sleep(200 * time.Millisecond) // the server is reading the body
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	go func() { exited <- cmd.Wait() }()

	// New connections are refused while the write is still open.
	refused := false
	for i := 0; i < 200 && !refused; i++ {
		resp, err := (&http.Client{Transport: &http.Transport{}, Timeout: time.Second}).Get(base + "/healthz")
		if err != nil {
			refused = true
			break
		}
		resp.Body.Close()
		time.Sleep(10 * time.Millisecond)
	}
	if !refused {
		t.Fatal("the server still accepts connections after SIGTERM")
	}
	select {
	case err := <-exited:
		t.Fatalf("the process exited (%v) with a request in flight", err)
	default:
	}

	if _, err := pw2.Write([]byte(body[len(body)/2:])); err != nil {
		t.Fatal(err)
	}
	pw2.Close()
	a := <-answered
	if a.err != nil || a.status != http.StatusCreated {
		t.Fatalf("the write in flight: %d %v %v", a.status, a.err, a.post)
	}
	select {
	case err := <-exited:
		if err != nil {
			t.Fatalf("exit: %v, want status 0", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("the server did not exit after its last request")
	}

	s, err := models.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	id := uint64(a.post["id"].(float64))
	p, err := s.PostByID(context.Background(), id)
	if err != nil || p.Title != "Written while stopping" {
		t.Fatalf("post %d after the stop: %+v %v", id, p, err)
	}
}
