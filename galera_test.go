package main

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	_ "github.com/go-sql-driver/mysql"
)

// galeraEnv turns the Galera test on: it starts a three-node MariaDB Galera
// cluster on loopback with scripts/galera-cluster.sh (Debian's mariadb-server,
// galera-4 and rsync), one PressPass process per node, and checks what the
// README promises of several primaries.
const galeraEnv = "PRESSPASS_TEST_GALERA"

// galeraPortEnv moves the cluster's ports (default 3311..3313, and the group
// communication and state transfer ports above them).
const galeraPortEnv = "PRESSPASS_TEST_GALERA_PORT"

// galeraCluster is a running cluster and the directory the script keeps it in.
type galeraCluster struct {
	dir   string
	ports [3]int
	// owner is the whole test, which outlives the subtests that start
	// processes and open connections.
	owner *testing.T
	conns map[string]*sql.DB
}

// startGalera starts a fresh cluster for the test and stops it at the end.
func startGalera(t *testing.T) *galeraCluster {
	t.Helper()
	base := 3311
	if v := os.Getenv(galeraPortEnv); v != "" {
		var err error
		if base, err = strconv.Atoi(v); err != nil {
			t.Fatalf("%s=%q: %v", galeraPortEnv, v, err)
		}
	}
	// Not t.TempDir: its parents are private, and the joiners' rsync daemon
	// runs as nobody.
	dir, err := os.MkdirTemp("", "presspass-galera-")
	if err != nil {
		t.Fatal(err)
	}
	c := &galeraCluster{dir: dir, ports: [3]int{base, base + 1, base + 2}, owner: t}
	t.Cleanup(func() {
		c.script(t, "stop")
		if !t.Failed() {
			os.RemoveAll(dir)
		} else {
			t.Logf("cluster files kept in %s", dir)
		}
	})
	c.script(t, "start")
	return c
}

// script runs scripts/galera-cluster.sh with the cluster's directory.
func (c *galeraCluster) script(t *testing.T, cmd string, node ...int) {
	t.Helper()
	argv := []string{"scripts/galera-cluster.sh", cmd, c.dir}
	for _, n := range node {
		argv = append(argv, strconv.Itoa(n))
	}
	run := exec.Command("bash", argv...)
	run.Env = append(os.Environ(), "GALERA_PORT="+strconv.Itoa(c.ports[0]))
	if out, err := run.CombinedOutput(); err != nil {
		t.Fatalf("galera-cluster.sh %s: %v\n%s", cmd, err, out)
	}
}

// url is PressPass's database URL for database name on node n (0-based).
func (c *galeraCluster) url(n int, name string) string {
	return fmt.Sprintf("mysql://root@127.0.0.1:%d/%s", c.ports[n], name)
}

// sql opens a plain connection to node n, for checks behind PressPass's back.
func (c *galeraCluster) sql(t *testing.T, n int, name string) *sql.DB {
	t.Helper()
	dsn := fmt.Sprintf("root@tcp(127.0.0.1:%d)/%s?wsrep_sync_wait=1", c.ports[n], name)
	if db := c.conns[dsn]; db != nil {
		return db
	}
	db, err := sql.Open("mysql", dsn)
	if err != nil {
		t.Fatal(err)
	}
	if c.conns == nil {
		c.conns = map[string]*sql.DB{}
	}
	c.conns[dsn] = db
	c.owner.Cleanup(func() { db.Close() })
	return db
}

// galeraProc is one `presspass serve` and what it printed.
type galeraProc struct {
	node   int
	base   string
	cmd    *exec.Cmd
	stdout *lockedBuffer
	log    string // its stderr, in a file
	exited chan struct{}
}

// startProc starts `presspass serve` on node n's database, without waiting
// for it to answer.
func (c *galeraCluster) startProc(t *testing.T, n int, name string, env []string, extra ...string) *galeraProc {
	t.Helper()
	addr := freeAddr(t)
	logFile, err := os.CreateTemp(c.dir, fmt.Sprintf("presspass-n%d-*.log", n+1))
	if err != nil {
		t.Fatal(err)
	}
	args := append([]string{"serve", "--addr", addr, "--database", c.url(n, name), "--log-level", "info",
		"--trusted-proxies", "127.0.0.1/32", "--throttle-ip-failures", "3"}, extra...)
	p := &galeraProc{node: n, base: "http://" + addr, stdout: &lockedBuffer{}, log: logFile.Name(), exited: make(chan struct{})}
	p.cmd = exec.Command(os.Args[0], args...)
	p.cmd.Env = append(append(os.Environ(), "PRESSPASS_TEST_RUN_MAIN=1"), env...)
	p.cmd.Stdout, p.cmd.Stderr = p.stdout, logFile
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		_ = p.cmd.Wait()
		logFile.Close()
		close(p.exited)
	}()
	c.owner.Cleanup(p.stop)
	return p
}

// waitReady waits until the process answers /readyz with 200.
func (p *galeraProc) waitReady(t *testing.T, within time.Duration) {
	t.Helper()
	deadline := time.Now().Add(within)
	for time.Now().Before(deadline) {
		select {
		case <-p.exited:
			t.Fatalf("process %d exited: %s\n%s", p.node+1, p.stdout.String(), p.logTail())
		default:
		}
		if resp, err := http.Get(p.base + "/readyz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("process %d not ready after %s:\n%s", p.node+1, within, p.logTail())
}

func (p *galeraProc) stop() {
	select {
	case <-p.exited:
	default:
		_ = p.cmd.Process.Kill()
		<-p.exited
	}
}

// logTail is the end of the process's log, for failure messages.
func (p *galeraProc) logTail() string {
	b, _ := os.ReadFile(p.log)
	if len(b) > 4000 {
		b = b[len(b)-4000:]
	}
	return string(b)
}

// xmlrpcFault calls method with the blog id, login and password and
// returns the fault it answered, or "".
func (p *galeraProc) xmlrpcFault(t *testing.T, method, login, pw string) string {
	t.Helper()
	var body bytes.Buffer
	body.WriteString("<?xml version=\"1.0\"?><methodCall><methodName>" + method + "</methodName><params>" +
		"<param><value><int>1</int></value></param><param><value><string>")
	_ = xml.EscapeText(&body, []byte(login))
	body.WriteString("</string></value></param><param><value><string>")
	_ = xml.EscapeText(&body, []byte(pw))
	body.WriteString("</string></value></param></params></methodCall>")
	resp, err := galeraClient.Post(p.base+"/xmlrpc.php", "text/xml", &body)
	if err != nil {
		t.Fatalf("process %d: %s: %v", p.node+1, method, err)
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 || bytes.Contains(out, []byte("<fault>")) {
		return fmt.Sprintf("%d %s", resp.StatusCode, out)
	}
	return ""
}

// galeraClient keeps connections to the processes open between requests.
var galeraClient = &http.Client{
	Timeout:   30 * time.Second,
	Transport: &http.Transport{MaxIdleConnsPerHost: 64, MaxConnsPerHost: 64},
}

// call is one request: basic credentials when login is set, a client
// address for trusted-proxy throttling when from is set, JSON in and out.
type call struct {
	method, path string
	login, pw    string
	from         string
	body         any
}

// do sends c to p and returns the status and the decoded JSON answer.
func (p *galeraProc) do(t *testing.T, c call) (int, any) {
	t.Helper()
	var body io.Reader
	if c.body != nil {
		b, _ := json.Marshal(c.body)
		body = bytes.NewReader(b)
	}
	method := c.method
	if method == "" {
		method = "GET"
	}
	req, err := http.NewRequest(method, p.base+c.path, body)
	if err != nil {
		t.Fatal(err)
	}
	if c.body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if c.login != "" {
		req.SetBasicAuth(c.login, c.pw)
	}
	if c.from != "" {
		req.Header.Set("X-Forwarded-For", c.from)
	}
	resp, err := galeraClient.Do(req)
	if err != nil {
		t.Fatalf("process %d: %s %s: %v", p.node+1, method, c.path, err)
	}
	defer resp.Body.Close()
	var out any
	_ = json.NewDecoder(resp.Body).Decode(&out)
	return resp.StatusCode, out
}

// must sends c and fails the test unless the status is want.
func (p *galeraProc) must(t *testing.T, want int, c call) map[string]any {
	t.Helper()
	status, out := p.do(t, c)
	if status != want {
		t.Fatalf("process %d: %s %s: %d, want %d: %v", p.node+1, c.method, c.path, status, want, out)
	}
	m, _ := out.(map[string]any)
	return m
}

// TestGaleraCluster: one PressPass per node of a three-node Galera cluster.
// What one process writes, every other refuses or hides on its very next
// request; concurrent writers on all three nodes lose nothing and see no
// server error; a node that dies takes only its own process down (503) and
// it recovers; and three processes starting together on an empty cluster
// migrate it once and create one administrator.
func TestGaleraCluster(t *testing.T) {
	if os.Getenv(galeraEnv) == "" {
		t.Skip("needs " + galeraEnv + "=1 (starts a Galera cluster with scripts/galera-cluster.sh)")
	}
	if _, err := os.Stat("/usr/lib/galera/libgalera_smm.so"); err != nil {
		t.Fatalf("%s is set but galera-4 is not installed (apt-get install mariadb-server galera-4 rsync)", galeraEnv)
	}
	start := time.Now()
	c := startGalera(t)
	t.Logf("cluster up in %s", time.Since(start).Round(time.Millisecond))
	var site *galeraSite
	t.Run("first start", func(t *testing.T) { site = checkFirstStart(t, c) })
	if site == nil {
		t.FailNow()
	}
	t.Run("revoke", func(t *testing.T) { checkRevoke(t, site) })
	t.Run("role change", func(t *testing.T) { checkRoleChange(t, site) })
	t.Run("lockout", func(t *testing.T) { checkLockout(t, site) })
	t.Run("unpublished post", func(t *testing.T) { checkUnpublish(t, site) })
	t.Run("writes on every node", func(t *testing.T) { checkConcurrentWrites(t, site) })
	t.Run("a node lost and back", func(t *testing.T) { checkNodeLoss(t, site) })
}

// galeraSite is a migrated site with one process per node.
type galeraSite struct {
	c       *galeraCluster
	db      string
	procs   [3]*galeraProc
	adminPw string // the administrator's application password
}

// others are the processes other than p.
func (s *galeraSite) others(p *galeraProc) []*galeraProc {
	var o []*galeraProc
	for _, q := range s.procs {
		if q != p {
			o = append(o, q)
		}
	}
	return o
}

// firstStarts is how many empty databases the first-start check starts
// three processes on at once.
const firstStarts = 3

// checkFirstStart starts three processes at once on an empty database, one
// per node, several times: each time all three come up, every migration is
// recorded once, there is one administrator, its configured password works,
// and exactly one process says it created it. The last site is kept.
func checkFirstStart(t *testing.T, c *galeraCluster) *galeraSite {
	const adminPass = "galera-admin-pass"
	var site *galeraSite
	for round := 0; round < firstStarts; round++ {
		name := fmt.Sprintf("presspass_galera_%d", round)
		root := c.sql(t, 0, "")
		if _, err := root.Exec("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"); err != nil {
			t.Fatal(err)
		}
		if round < firstStarts-1 {
			defer root.Exec("DROP DATABASE " + name)
		}
		s := &galeraSite{c: c, db: name}
		for n := range s.procs {
			s.procs[n] = c.startProc(t, n, name, []string{"PRESSPASS_ADMIN_PASSWORD=" + adminPass})
		}
		for _, p := range s.procs {
			p.waitReady(t, 60*time.Second)
		}
		created := 0
		for _, p := range s.procs {
			if strings.Contains(p.stdout.String(), "Created administrator") {
				created++
			}
			log, _ := os.ReadFile(p.log)
			if !strings.Contains(string(log), "epoch mode") || !strings.Contains(string(log), "per-request") || !strings.Contains(string(log), "Galera") {
				t.Errorf("process %d does not log the per-request epoch mode and why:\n%s", p.node+1, p.logTail())
			}
		}
		if created != 1 {
			t.Errorf("round %d: %d processes say they created the administrator, want 1", round, created)
		}
		for n := range s.procs {
			db := c.sql(t, n, name)
			var admins, dup int
			if err := db.QueryRow("SELECT COUNT(*) FROM users").Scan(&admins); err != nil {
				t.Fatal(err)
			}
			if err := db.QueryRow("SELECT COUNT(*) FROM (SELECT version FROM schema_migrations GROUP BY version HAVING COUNT(*) > 1) d").Scan(&dup); err != nil {
				t.Fatal(err)
			}
			if admins != 1 || dup != 0 {
				t.Errorf("round %d node %d: %d users (want the one administrator), %d migrations recorded twice", round, n+1, admins, dup)
			}
		}
		// The configured password is the administrator's, on every process.
		for _, p := range s.procs {
			if fault := p.xmlrpcFault(t, "wp.getProfile", "admin", adminPass); fault != "" {
				t.Errorf("round %d: the configured password on process %d: %s", round, p.node+1, fault)
			}
		}
		if round < firstStarts-1 {
			for _, p := range s.procs {
				p.stop()
			}
			continue
		}
		s.adminPw = strings.TrimSpace(mustCLI(t, c.url(0, name), "app-password", "create", "admin", "galera test", "--porcelain"))
		site = s
	}
	return site
}

// newUser creates a user through process p as the administrator and
// returns its id and a new application password of its own.
func (s *galeraSite) newUser(t *testing.T, p *galeraProc, login, role string) (uint64, string) {
	t.Helper()
	u := p.must(t, 201, call{method: "POST", path: "/wp-json/wp/v2/users", login: "admin", pw: s.adminPw,
		body: map[string]any{"username": login, "email": login + "@example.com", "password": "main-" + login, "roles": []string{role}}})
	id := uint64(u["id"].(float64))
	ap := p.must(t, 201, call{method: "POST", path: fmt.Sprintf("/wp-json/wp/v2/users/%d/application-passwords", id),
		login: "admin", pw: s.adminPw, body: map[string]any{"name": "galera"}})
	return id, ap["password"].(string)
}

// staleCount counts answers that should have been refused.
type staleCount struct {
	tries, stale int
	first        string
}

func (s *staleCount) check(t *testing.T, ok bool, what string) {
	t.Helper()
	if !ok {
		s.stale++
		if s.first == "" {
			s.first = what
		}
	}
}

func (s *staleCount) report(t *testing.T, what string) {
	t.Helper()
	t.Logf("%s: %d tries, %d stale answers", what, s.tries, s.stale)
	if s.stale > 0 {
		t.Errorf("%s: %d stale answers in %d tries; first: %s", what, s.stale, s.tries, s.first)
	}
}
