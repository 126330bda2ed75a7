package main

import (
	"io"
	"net"
	"net/http"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/presspass/presspass/fixtures/fixturestest"
)

// tcpProxy forwards a local port to the database so that a test can take the
// database away and bring it back.
type tcpProxy struct {
	addr, target string
	mu           sync.Mutex
	ln           net.Listener
	conns        []net.Conn
}

func (p *tcpProxy) start(t *testing.T) {
	t.Helper()
	var ln net.Listener
	var err error
	for i := 0; i < 50; i++ { // the port may linger briefly after stop
		if ln, err = net.Listen("tcp", p.addr); err == nil {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if err != nil {
		t.Fatal(err)
	}
	p.mu.Lock()
	p.ln, p.addr = ln, ln.Addr().String()
	p.mu.Unlock()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			up, err := net.Dial("tcp", p.target)
			if err != nil {
				c.Close()
				continue
			}
			p.mu.Lock()
			p.conns = append(p.conns, c, up)
			p.mu.Unlock()
			go func() { _, _ = io.Copy(up, c); up.Close() }()
			go func() { _, _ = io.Copy(c, up); c.Close() }()
		}
	}()
}

func (p *tcpProxy) stop() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.ln.Close()
	for _, c := range p.conns {
		c.Close()
	}
	p.conns = nil
}

// TestDatabaseGoesAwayAndComesBack: with the database unreachable every
// protocol answers 503 (after the epoch lease has run out, 40 ms at most), /readyz says so, and the server recovers by
// itself when the database is back.
func TestDatabaseGoesAwayAndComesBack(t *testing.T) {
	dsn := os.Getenv(fixturestest.MySQLDSNEnv)
	if dsn == "" {
		t.Skip("needs MySQL (PRESSPASS_TEST_MYSQL_DSN): SQLite cannot go away")
	}
	db := fixturestest.DatabaseURL(t) // mysql://user@host:port/name
	at := strings.LastIndex(db, "@")
	slash := strings.Index(db[at:], "/") + at
	proxy := &tcpProxy{addr: "127.0.0.1:0", target: db[at+1 : slash]}
	proxy.start(t)
	defer proxy.stop()
	viaProxy := db[:at+1] + proxy.addr + db[slash:]
	mustCLI(t, viaProxy, "user", "create", "down", "down@example.com", "--user_pass=main-pass")
	pw := strings.TrimSpace(mustCLI(t, viaProxy, "app-password", "create", "down", "x", "--porcelain"))
	base := startServe(t, viaProxy)

	var lastHeader http.Header
	get := func(path string, auth bool) (int, string) {
		req, _ := http.NewRequest("GET", base+path, nil)
		if auth {
			req.SetBasicAuth("down", pw)
		}
		client := &http.Client{Timeout: 10 * time.Second}
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		lastHeader = resp.Header
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	xmlrpcCallStatus := func() (int, string) {
		call := `<?xml version="1.0"?><methodCall><methodName>wp.getProfile</methodName><params>` +
			`<param><value><string>1</string></value></param><param><value><string>down</string></value></param>` +
			`<param><value><string>` + pw + `</string></value></param></params></methodCall>`
		resp, err := http.Post(base+"/xmlrpc.php", "text/xml", strings.NewReader(call))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	if status, _ := get("/wp-json/wp/v2/users/me", true); status != 200 {
		t.Fatalf("before: %d", status)
	}

	proxy.stop()
	// The epoch lease (models/epoch/lease.go) lets the server answer from its
	// cache for up to 40 ms after its last proof that it holds the epoch
	// lock — rightly, as nothing can change without that lock. From then on
	// every request needs the database.
	time.Sleep(100 * time.Millisecond)
	start := time.Now()
	if status, body := get("/wp-json/wp/v2/users/me", true); status != 503 || !strings.Contains(body, "database_unavailable") {
		t.Fatalf("REST with the database away: %d %s", status, body)
	}
	if lastHeader.Get("Retry-After") == "" {
		t.Fatalf("REST with the database away says not when to retry: %v", lastHeader)
	}
	if status, body := xmlrpcCallStatus(); status != 503 || !strings.Contains(body, "<int>503</int>") {
		t.Fatalf("XML-RPC with the database away: %d %s", status, body)
	}
	if status, _ := get("/wp-login.php?action=logout", false); status < 500 && status != 200 && status != 302 {
		t.Fatalf("page with the database away: %d", status)
	}
	if status, _ := get("/readyz", false); status != 503 {
		t.Fatalf("/readyz with the database away: %d", status)
	}
	if status, _ := get("/healthz", false); status != 200 {
		t.Fatalf("/healthz with the database away: %d", status)
	}
	if d := time.Since(start); d > 15*time.Second {
		t.Fatalf("failing took %s; it should be fast", d)
	}

	proxy.start(t)
	var status int
	for i := 0; i < 50; i++ {
		if status, _ = get("/wp-json/wp/v2/users/me", true); status == 200 {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if status != 200 {
		t.Fatalf("no recovery after the database came back: %d", status)
	}
	if status, _ := get("/readyz", false); status != 200 {
		t.Fatalf("/readyz after recovery: %d", status)
	}
}
