package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"encoding/xml"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/presspass/presspass/fixtures/fixturestest"
)

// lockedBuffer collects a server's log lines while its goroutines write.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// TestJSONRequestLog: with --log-format json every request is one JSON line
// naming its id, the REST route pattern, XML-RPC method and fault or page
// route, the status, the duration and the authenticated user, and no line
// carries a password or a query string.
func TestJSONRequestLog(t *testing.T) {
	db := fixturestest.DatabaseURL(t)
	mustCLI(t, db, "user", "create", "logged", "logged@example.com", "--role=editor", "--user_pass=main-secret-pass", "--porcelain")
	id := strings.TrimSpace(mustCLI(t, db, "user", "get", "logged", "--field=ID"))
	pw := strings.TrimSpace(mustCLI(t, db, "app-password", "create", "logged", "Logs", "--porcelain"))
	var logs lockedBuffer
	base := startServeLogging(t, db, &logs, "--log-format", "json")

	type call struct {
		name, method, path, body string
		user, pass               string
	}
	calls := []call{
		{"rest authenticated", "GET", "/wp-json/wp/v2/posts/1?context=edit&secret_query=q1", "", "logged", pw},
		{"rest anonymous", "GET", "/wp-json/wp/v2/users?search=q2", "", "", ""},
		{"rest through rest_route", "GET", "/?rest_route=/wp/v2/types/post", "", "", ""},
		{"xmlrpc ok", "POST", "/xmlrpc.php", xmlrpcLoginCall("wp.getProfile", "logged", pw), "", ""},
		{"xmlrpc fault", "POST", "/xmlrpc.php", xmlrpcLoginCall("wp.getProfile", "logged", "wrong-password-q3"), "", ""},
		{"page", "GET", "/wp-login.php?redirect_to=q4", "", "", ""},
	}
	ids := map[string]string{}
	for _, c := range calls {
		req, _ := http.NewRequest(c.method, base+c.path, strings.NewReader(c.body))
		if c.user != "" {
			req.SetBasicAuth(c.user, c.pass)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		ids[c.name] = resp.Header.Get("X-Request-Id")
	}

	lines := map[string]map[string]any{}
	sc := bufio.NewScanner(strings.NewReader(logs.String()))
	for sc.Scan() {
		var line map[string]any
		if err := json.Unmarshal(sc.Bytes(), &line); err != nil {
			t.Fatalf("not a JSON line: %q", sc.Text())
		}
		if line["msg"] == "request" {
			lines[line["request_id"].(string)] = line
		}
	}
	for _, tc := range []struct {
		name, protocol, route string
		status                float64
		fault                 float64
		userID                string
	}{
		{"rest authenticated", "rest", `/wp/v2/posts/(?P<id>[\d]+)`, 404, 0, id},
		{"rest anonymous", "rest", "/wp/v2/users", 200, 0, "0"},
		{"rest through rest_route", "rest", `/wp/v2/types/(?P<type>[\w-]+)`, 200, 0, "0"},
		{"xmlrpc ok", "xmlrpc", "wp.getProfile", 200, 0, id},
		{"xmlrpc fault", "xmlrpc", "wp.getProfile", 200, 403, "0"},
		{"page", "page", "/wp-login.php", 200, 0, "0"},
	} {
		line, ok := lines[ids[tc.name]]
		if !ok {
			t.Errorf("%s: no request line for id %q", tc.name, ids[tc.name])
			continue
		}
		fault, _ := line["fault"].(float64)
		if line["protocol"] != tc.protocol || line["route"] != tc.route || line["status"] != tc.status ||
			fault != tc.fault || loggedNumber(line["user_id"]) != tc.userID {
			t.Errorf("%s: logged %v, want protocol %s route %s status %v fault %v user %s",
				tc.name, line, tc.protocol, tc.route, tc.status, tc.fault, tc.userID)
		}
		if d, ok := line["duration"].(float64); !ok || d <= 0 {
			t.Errorf("%s: duration %v", tc.name, line["duration"])
		}
	}
	all := logs.String()
	for _, secret := range []string{pw, strings.ReplaceAll(pw, " ", ""), "wrong-password-q3", "main-secret-pass", "q1", "q2", "q4", "Basic "} {
		if strings.Contains(all, secret) {
			t.Errorf("the log holds %q", secret)
		}
	}
}

func loggedNumber(v any) string {
	f, ok := v.(float64)
	if !ok {
		return "missing"
	}
	return strconv.FormatInt(int64(f), 10)
}

// xmlrpcLoginCall is a method call with the usual blog id, user name and
// password arguments.
func xmlrpcLoginCall(method, user, pass string) string {
	var b strings.Builder
	b.WriteString("<?xml version=\"1.0\"?><methodCall><methodName>" + method + "</methodName><params>")
	for _, p := range []string{"1", user, pass} {
		b.WriteString("<param><value><string>")
		_ = xml.EscapeText(&b, []byte(p))
		b.WriteString("</string></value></param>")
	}
	b.WriteString("</params></methodCall>")
	return b.String()
}
