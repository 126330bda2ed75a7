package main

import (
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/kolo/xmlrpc"
	"github.com/presspass/presspass/fixtures/fixturestest"
	"github.com/presspass/presspass/models"
)

// startServe runs the real `serve` wiring on a free loopback port and returns
// its base URL; the server stops when the test ends.
func startServe(t *testing.T, db string, extra ...string) string {
	t.Helper()
	return startServeLogging(t, db, io.Discard, extra...)
}

// startServeLogging is startServe with the server's log lines, in the
// format its flags say, written to logs.
func startServeLogging(t *testing.T, db string, logs io.Writer, extra ...string) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	return startServeListener(t, ln, db, logs, extra...)
}

// startServeListener is startServeLogging on a listener the caller opened
// (to pass its address in a flag, such as --site-url).
func startServeListener(t *testing.T, ln net.Listener, db string, logs io.Writer, extra ...string) string {
	t.Helper()
	base := "http://" + ln.Addr().String()
	a, err := parseArgs(append([]string{"--database", db, "--addr", ln.Addr().String()}, extra...), flagSpec{})
	if err != nil {
		t.Fatal(err)
	}
	c, err := loadConfig(a)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	s, err := openStore(ctx, c)
	if err != nil {
		t.Fatal(err)
	}
	s.Config.BcryptCost = 4
	done := make(chan error, 1)
	go func() { done <- serveOn(ctx, ln, s, c, newLogger(logs, c.LogLevel, c.LogFormat)) }()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("serve: %v", err)
			}
		case <-time.After(10 * time.Second):
			t.Error("serve did not shut down")
		}
		s.Close()
	})
	return base
}

// TestEndToEndApplicationPassword: start serve, create an application
// password, use it on REST and XML-RPC, revoke it, see both refuse it.
func TestEndToEndApplicationPassword(t *testing.T) {
	db := fixturestest.DatabaseURL(t)
	mustCLI(t, db, "user", "create", "e2e", "e2e@example.com", "--role=editor", "--user_pass=main-pass")
	pw := strings.TrimSpace(mustCLI(t, db, "app-password", "create", "e2e", "E2E", "--porcelain"))
	base := startServe(t, db)

	rest := func(method, path, password string) (int, map[string]any) {
		t.Helper()
		req, _ := http.NewRequest(method, base+path, nil)
		req.SetBasicAuth("e2e", password)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var body map[string]any
		_ = json.NewDecoder(resp.Body).Decode(&body)
		return resp.StatusCode, body
	}
	profile := func(password string) (map[string]any, error) {
		client, err := xmlrpc.NewClient(base+"/xmlrpc.php", nil)
		if err != nil {
			t.Fatal(err)
		}
		defer client.Close()
		var out map[string]any
		err = client.Call("wp.getProfile", []any{1, "e2e", password}, &out)
		return out, err
	}

	resp, err := http.Get(base + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if len(resp.Header.Get("X-Request-Id")) != 16 {
		t.Fatalf("X-Request-Id = %q", resp.Header.Get("X-Request-Id"))
	}
	status, me := rest("GET", "/wp-json/wp/v2/users/me", models.ChunkAppPassword(pw))
	if status != 200 || me["slug"] != "e2e" {
		t.Fatalf("REST users/me: %d %v", status, me)
	}
	if p, err := profile(pw); err != nil || p["username"] != "e2e" {
		t.Fatalf("XML-RPC wp.getProfile: %v %v", err, p)
	}
	// The main password works for XML-RPC (as in WordPress) but not for REST.
	if _, err := profile("main-pass"); err != nil {
		t.Fatalf("XML-RPC with the main password: %v", err)
	}
	if status, body := rest("GET", "/wp-json/wp/v2/users/me", "main-pass"); status != 401 || body["code"] != "incorrect_password" {
		t.Fatalf("REST with the main password: %d %v", status, body)
	}

	status, list := rest("DELETE", "/wp-json/wp/v2/users/me/application-passwords", pw)
	if status != 200 || list["deleted"] != true || list["count"] != float64(1) {
		t.Fatalf("revoke all: %d %v", status, list)
	}
	if status, body := rest("GET", "/wp-json/wp/v2/users/me", pw); status != 401 || body["code"] != "incorrect_password" {
		t.Fatalf("REST after revoke: %d %v", status, body)
	}
	if _, err := profile(pw); err == nil || err.Error() != "Fault(403): Incorrect username or password." {
		t.Fatalf("XML-RPC after revoke: %v", err)
	}
}
