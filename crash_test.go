package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/presspass/presspass/fixtures/fixturestest"
	"github.com/presspass/presspass/models"
)

// TestMain lets a test start this very binary as `presspass …` in a child
// process (PRESSPASS_TEST_RUN_MAIN=1), so that crash tests can SIGKILL a
// real server.
func TestMain(m *testing.M) {
	if os.Getenv("PRESSPASS_TEST_RUN_MAIN") == "1" {
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
		stop()
		os.Exit(code)
	}
	os.Exit(m.Run())
}

// freeAddr is a loopback address whose port was free a moment ago, for a
// child server to listen on.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// startChildServer runs `serve` in a child process on a free port.
func startChildServer(t *testing.T, db string, extra ...string) (*exec.Cmd, string) {
	t.Helper()
	addr := freeAddr(t)
	cmd := exec.Command(os.Args[0], append([]string{"serve", "--addr", addr, "--database", db, "--log-level", "error"}, extra...)...)
	cmd.Env = append(os.Environ(), "PRESSPASS_TEST_RUN_MAIN=1", "PRESSPASS_ADMIN_PASSWORD=unused-admin-pass")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	base := "http://" + addr
	for i := 0; i < 500; i++ {
		if resp, err := http.Get(base + "/healthz"); err == nil {
			resp.Body.Close()
			return cmd, base
		}
		time.Sleep(10 * time.Millisecond)
	}
	cmd.Process.Kill()
	t.Fatalf("child server did not start: %s", stderr.String())
	return nil, ""
}

// TestSIGKILLDuringCreatesAndRevokes kills the server in the middle of a load
// of creates and revokes and checks that the database is consistent: every
// acknowledged revoke holds after the restart, every acknowledged create
// works, and no row is half-written.
func TestSIGKILLDuringCreatesAndRevokes(t *testing.T) {
	if testing.Short() {
		t.Skip("starts and kills server processes")
	}
	db := fixturestest.DatabaseURL(t)
	mustCLI(t, db, "user", "create", "crash", "crash@example.com", "--role=administrator", "--user_pass=main-pass")
	master := strings.TrimSpace(mustCLI(t, db, "app-password", "create", "crash", "master", "--porcelain"))
	cmd, base := startChildServer(t, db)

	type created struct{ uuid, password string }
	var mu sync.Mutex
	var acked []created
	revoked := map[string]bool{}   // revoke acknowledged
	attempted := map[string]bool{} // revoke sent (its outcome may be either)
	ctx, cancel := context.WithCancel(context.Background())
	client := &http.Client{Timeout: 5 * time.Second}
	call := func(method, path string) (int, map[string]any, error) {
		req, _ := http.NewRequestWithContext(ctx, method, base+path, nil)
		req.SetBasicAuth("crash", master)
		resp, err := client.Do(req)
		if err != nil {
			return 0, nil, err
		}
		defer resp.Body.Close()
		var body map[string]any
		err = json.NewDecoder(resp.Body).Decode(&body)
		return resp.StatusCode, body, err
	}
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := 0; ctx.Err() == nil; i++ {
				status, body, err := call("POST", fmt.Sprintf("/wp-json/wp/v2/users/me/application-passwords?name=w%d-%d", w, i))
				if err != nil || status != 201 {
					continue
				}
				c := created{body["uuid"].(string), body["password"].(string)}
				mu.Lock()
				acked = append(acked, c)
				mu.Unlock()
				if i%2 == 0 {
					mu.Lock()
					attempted[c.uuid] = true
					mu.Unlock()
					status, _, err := call("DELETE", "/wp-json/wp/v2/users/me/application-passwords/"+c.uuid)
					if err == nil && status == 200 {
						mu.Lock()
						revoked[c.uuid] = true
						mu.Unlock()
					}
				}
			}
		}(w)
	}
	time.Sleep(1500 * time.Millisecond)
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()
	cancel()
	wg.Wait()
	if len(acked) < 10 {
		t.Fatalf("only %d creates were acknowledged before the kill", len(acked))
	}

	s, err := models.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	s.Config.Environment = models.EnvironmentLocal
	s.Config.Throttle.Disabled = true
	var rows []models.AppPassword
	if err := s.DB().Find(&rows).Error; err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if !models.IsUUID(r.UUID) || !strings.HasPrefix(r.Hash, "$generic$") || r.Name == "" || r.Created.IsZero() {
			t.Fatalf("half-written row: %+v", r)
		}
	}
	for _, c := range acked {
		_, _, err := s.AuthenticateAppPassword(context.Background(), "crash", c.password, models.ClientInfo{IP: "127.0.0.1"})
		if revoked[c.uuid] && err == nil {
			t.Fatalf("password %s works after its revoke was acknowledged", c.uuid)
		}
		if !attempted[c.uuid] && err != nil {
			// Created and acknowledged, never revoked: it must work.
			t.Fatalf("acknowledged password %s lost: %v", c.uuid, err)
		}
	}
	t.Logf("%d creates and %d revokes acknowledged before SIGKILL; %d rows consistent", len(acked), len(revoked), len(rows))
}
