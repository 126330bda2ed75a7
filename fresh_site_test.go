package main

import (
	"bytes"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/presspass/presspass/fixtures/fixturestest"
)

// freshServe is `presspass serve` in a child process on an empty database,
// as a new user starts it: no administrator password configured.
type freshServe struct {
	cmd            *exec.Cmd
	base           string
	stdout, stderr *lockedBuffer
}

// serveCommand is the child `presspass serve` with PressPass's variables
// taken out of the environment, so that only args and env configure it.
func serveCommand(args []string, env ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], append([]string{"serve"}, args...)...)
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "PRESSPASS_") || strings.HasPrefix(kv, "PRESSPASS_TEST_") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	cmd.Env = append(cmd.Env, "PRESSPASS_TEST_RUN_MAIN=1")
	cmd.Env = append(cmd.Env, env...)
	return cmd
}

// startFresh starts serve on addr (a free port) and waits until it answers.
func startFresh(t *testing.T, db, addr string, args []string, env ...string) *freshServe {
	t.Helper()
	cmd := serveCommand(append([]string{"--database", db, "--addr", addr}, args...), env...)
	f := &freshServe{cmd: cmd, base: "http://" + strings.Replace(addr, "0.0.0.0", "127.0.0.1", 1), stdout: &lockedBuffer{}, stderr: &lockedBuffer{}}
	cmd.Stdout, cmd.Stderr = f.stdout, f.stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Signal(os.Interrupt)
		_ = cmd.Wait()
	})
	for i := 0; i < 1000; i++ {
		if resp, err := http.Get(f.base + "/readyz"); err == nil {
			resp.Body.Close()
			return f
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("serve did not start: %s", f.stderr.String())
	return nil
}

// waitLog waits a while for the child's log to contain want, which the
// pipe carries over a moment after the child wrote it; it returns "" when
// it came, else the log so far.
func (f *freshServe) waitLog(want string) string {
	for i := 0; i < 300; i++ {
		if strings.Contains(f.stderr.String(), want) {
			return ""
		}
		time.Sleep(10 * time.Millisecond)
	}
	return f.stderr.String()
}

// request sends a request the way curl does and returns the status and body.
func request(t *testing.T, method, url, user, pass, ctype, body string) (int, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if user != "" {
		req.SetBasicAuth(user, pass)
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, b
}

// getUsersCall is the wp.getUsers call as a person types it for curl -d.
func getUsersCall(user, pass string) string {
	return `<?xml version="1.0"?><methodCall><methodName>wp.getUsers</methodName><params>` +
		`<param><value><int>1</int></value></param><param><value><string>` + user + `</string></value></param>` +
		`<param><value><string>` + pass + `</string></value></param></params></methodCall>`
}

// TestFreshServeAnswersTheREADMEExamples starts serve on an empty database
// and sends the README's requests verbatim: curl -d "title=New Title" to
// post 1 and wp.getUsers over XML-RPC, each with an application password
// made with the CLI.
func TestFreshServeAnswersTheREADMEExamples(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a server process")
	}
	db := fixturestest.DatabaseURL(t)
	f := startFresh(t, db, freeAddr(t), nil)
	printed := regexp.MustCompile(`Created administrator "admin" with password: (\S{24})`).FindStringSubmatch(f.stdout.String())
	if printed == nil {
		t.Fatalf("no one-time password printed: %q", f.stdout.String())
	}
	if logs := f.waitLog("application passwords are on: local environment"); logs != "" {
		t.Errorf("no start-up line about application passwords: %s", logs)
	}
	pw := strings.TrimSpace(mustCLI(t, db, "app-password", "create", "admin", "curl", "--porcelain"))

	status, body := request(t, "POST", f.base+"/wp-json/wp/v2/posts/1", "admin", pw, "application/x-www-form-urlencoded", "title=New Title")
	var post struct {
		ID     int    `json:"id"`
		Status string `json:"status"`
		Title  struct {
			Raw string `json:"raw"`
		} `json:"title"`
		Categories []int `json:"categories"`
	}
	if err := json.Unmarshal(body, &post); status != http.StatusOK || err != nil || post.ID != 1 || post.Title.Raw != "New Title" ||
		post.Status != "publish" || len(post.Categories) != 1 || post.Categories[0] != 1 {
		t.Fatalf("README's curl: %d %s", status, body)
	}
	status, body = request(t, "POST", f.base+"/xmlrpc.php", "", "", "application/x-www-form-urlencoded", getUsersCall("admin", pw))
	if status != http.StatusOK || !strings.Contains(string(body), "<name>username</name><value><string>admin</string>") || strings.Contains(string(body), "faultCode") {
		t.Fatalf("wp.getUsers: %d %s", status, body)
	}

	// What else WordPress's installer writes: comment 1 on post 1, the
	// sample page 2 and the draft privacy policy page 3.
	for _, tt := range []struct{ path, want string }{
		{"/wp-json/wp/v2/comments/1", `"author_name":"A WordPress Commenter"`},
		{"/wp-json/wp/v2/pages/2", `"title":{"rendered":"Sample Page"}`},
		{"/wp-json/wp/v2/pages/3?context=edit", `"status":"draft"`},
	} {
		status, body := request(t, "GET", f.base+tt.path, "admin", pw, "", "")
		if status != http.StatusOK || !bytes.Contains(body, []byte(tt.want)) {
			t.Errorf("GET %s: %d %.300s", tt.path, status, body)
		}
	}
	if got := strings.TrimSpace(mustCLI(t, db, "option", "get", "wp_page_for_privacy_policy")); got != "3" {
		t.Errorf("wp_page_for_privacy_policy = %q", got)
	}
}

// TestNoSampleContent: the flag and its variable start an empty site.
func TestNoSampleContent(t *testing.T) {
	if testing.Short() {
		t.Skip("starts server processes")
	}
	for _, tt := range []struct {
		name string
		args []string
		env  []string
	}{
		{"flag", []string{"--no-sample-content"}, nil},
		{"variable", nil, []string{"PRESSPASS_NO_SAMPLE_CONTENT=true"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f := startFresh(t, fixturestest.DatabaseURL(t), freeAddr(t), tt.args, tt.env...)
			for _, path := range []string{"/wp-json/wp/v2/posts", "/wp-json/wp/v2/pages", "/wp-json/wp/v2/comments"} {
				if status, body := request(t, "GET", f.base+path, "", "", "", ""); status != http.StatusOK || string(body) != "[]" {
					t.Errorf("GET %s: %d %.200s", path, status, body)
				}
			}
			if !strings.Contains(f.stdout.String(), "with password:") {
				t.Errorf("the administrator is still created: %q", f.stdout.String())
			}
		})
	}
}

// TestServeOnAPortInUse creates no administrator and prints no password.
func TestServeOnAPortInUse(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a server process")
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	db := fixturestest.DatabaseURL(t)
	cmd := serveCommand([]string{"--database", db, "--addr", ln.Addr().String()})
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err == nil {
		t.Fatal("serve on a port in use exited 0")
	}
	if stdout.Len() != 0 || strings.Contains(stderr.String(), "password:") {
		t.Errorf("printed %q / %q", stdout.String(), stderr.String())
	}
	if !strings.Contains(stderr.String(), "listen on "+ln.Addr().String()) {
		t.Errorf("the error does not name the address: %q", stderr.String())
	}
	if got := strings.TrimSpace(mustCLI(t, db, "user", "list", "--format=count")); got != "0" {
		t.Errorf("%s users after the failed start", got)
	}
}

// TestServeOnEveryAddress: on 0.0.0.0 links use localhost, and the start-up
// line says that application passwords are off over plain http and how to
// turn them on.
func TestServeOnEveryAddress(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a server process")
	}
	_, port, _ := net.SplitHostPort(freeAddr(t))
	f := startFresh(t, fixturestest.DatabaseURL(t), "0.0.0.0:"+port, nil)
	status, body := request(t, "GET", f.base+"/wp-json/", "", "", "", "")
	var index struct{ URL, Home string }
	if err := json.Unmarshal(body, &index); status != http.StatusOK || err != nil || index.URL != "http://localhost:"+port {
		t.Errorf("site URL on 0.0.0.0: %d %q (%v)", status, index.URL, err)
	}
	_ = f.waitLog("--environment local")
	logs := f.stderr.String()
	for _, want := range []string{"application passwords are off: production environment over plain http",
		"--tls-cert and --tls-key", "--trusted-proxies that sends X-Forwarded-Proto: https", "--environment local"} {
		if !strings.Contains(logs, want) {
			t.Errorf("start-up log lacks %q:\n%s", want, logs)
		}
	}
}

func TestSiteURLAndAppPasswordLine(t *testing.T) {
	for _, tt := range []struct {
		args    []string
		siteURL string
		on      bool
		line    string
	}{
		{[]string{"--addr", "127.0.0.1:8080"}, "http://127.0.0.1:8080", true, "local environment"},
		{[]string{"--addr", "0.0.0.0:8080"}, "http://localhost:8080", false, "production environment over plain http"},
		{[]string{"--addr", "[::]:8080"}, "http://localhost:8080", false, "production environment over plain http"},
		{[]string{"--addr", ":8080"}, "http://localhost:8080", false, "production environment over plain http"},
		{[]string{"--addr", ":8080", "--site-url", "https://example.com/"}, "https://example.com", false, "--environment local"},
		{[]string{"--addr", ":8080", "--environment", "local"}, "http://localhost:8080", true, "local environment"},
		{[]string{"--addr", ":8080", "--trusted-proxies", "10.0.0.1"}, "http://localhost:8080", true, "X-Forwarded-Proto: https"},
	} {
		a, err := parseArgs(tt.args, flagSpec{})
		if err != nil {
			t.Fatal(err)
		}
		t.Setenv("PRESSPASS_SITE_URL", "")
		os.Unsetenv("PRESSPASS_SITE_URL")
		c, err := loadConfig(a)
		if err != nil {
			t.Fatalf("%v: %v", tt.args, err)
		}
		on, line := appPasswordAvailability(c)
		if c.SiteURL != tt.siteURL || on != tt.on || !strings.Contains(line, tt.line) {
			t.Errorf("%v: site URL %q, on %v, %q", tt.args, c.SiteURL, on, line)
		}
	}
}

// TestUploadsFolderNotWritable: a file where the uploads folder should be
// (permissions do not stop root) makes uploads fail with WordPress's 500
// and fault, and the log names the path and the cause.
func TestUploadsFolderNotWritable(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a server process")
	}
	db := fixturestest.DatabaseURL(t)
	blocker := filepath.Join(t.TempDir(), "uploads")
	if err := os.WriteFile(blocker, []byte("not a folder"), 0o644); err != nil {
		t.Fatal(err)
	}
	f := startFresh(t, db, freeAddr(t), []string{"--uploads-dir", blocker})
	pw := strings.TrimSpace(mustCLI(t, db, "app-password", "create", "admin", "camera", "--porcelain"))
	month := time.Now().UTC().Format("2006/01")

	req, _ := http.NewRequest("POST", f.base+"/wp-json/wp/v2/media", bytes.NewReader(testPNG(t, 2, 2)))
	req.SetBasicAuth("admin", pw)
	req.Header.Set("Content-Type", "image/png")
	req.Header.Set("Content-Disposition", `attachment; filename="photo.png"`)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	var e struct{ Code, Message string }
	_ = json.Unmarshal(body, &e)
	if resp.StatusCode != http.StatusInternalServerError || e.Code != "rest_upload_unknown_error" ||
		e.Message != "The uploaded file could not be moved to wp-content/uploads/"+month+"." {
		t.Errorf("REST upload: %d %s", resp.StatusCode, body)
	}

	call := `<?xml version="1.0"?><methodCall><methodName>wp.uploadFile</methodName><params>` +
		`<param><value><int>1</int></value></param><param><value><string>admin</string></value></param>` +
		`<param><value><string>` + pw + `</string></value></param><param><value><struct>` +
		`<member><name>name</name><value><string>photo.png</string></value></member>` +
		`<member><name>type</name><value><string>image/png</string></value></member>` +
		`<member><name>bits</name><value><base64>` + string(pngBits(testPNG(t, 2, 2))) + `</base64></value></member>` +
		`</struct></value></param></params></methodCall>`
	_, xbody := request(t, "POST", f.base+"/xmlrpc.php", "", "", "text/xml", call)
	if !strings.Contains(string(xbody), "<int>500</int>") ||
		!strings.Contains(string(xbody), "Could not write file photo.png (The uploaded file could not be moved to wp-content/uploads/"+month+".).") {
		t.Errorf("wp.uploadFile: %s", xbody)
	}
	_ = f.waitLog("xmlrpc upload failed")
	logs := f.stderr.String()
	for _, want := range []string{"level=ERROR msg=\"REST request failed\"", "level=ERROR msg=\"xmlrpc upload failed\"", blocker, "not a directory"} {
		if !strings.Contains(logs, want) {
			t.Errorf("log lacks %q:\n%s", want, logs)
		}
	}
}

// TestFaviconAndNotFound: browsers get an icon and "Page not found" pages,
// with the public site on and off; REST clients get rest_no_route.
func TestFaviconAndNotFound(t *testing.T) {
	icon, err := staticIcon()
	if err != nil {
		t.Fatal(err)
	}
	for _, site := range []string{"on", "off"} {
		base := startServe(t, fixturestest.DatabaseURL(t), "--public-site", site)
		for _, tt := range []struct {
			path, accept string
			status       int
			ctype, want  string
		}{
			{"/favicon.ico", "image/*", 200, "image/vnd.microsoft.icon", icon},
			{"/wp-admin/foo.php", "text/html", 404, "text/html; charset=UTF-8", "Page not found</h1>"},
			{"/no/such/page", "text/html", 404, "text/html; charset=UTF-8", "Page not found</h1>"},
			{"/no/such/page", "", 404, "text/html; charset=UTF-8", "Page not found"},
			{"/wp-json/no/such/route", "", 404, "application/json; charset=UTF-8", `"code":"rest_no_route"`},
		} {
			req, _ := http.NewRequest("GET", base+tt.path, nil)
			if tt.accept != "" {
				req.Header.Set("Accept", tt.accept)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != tt.status || resp.Header.Get("Content-Type") != tt.ctype || !strings.Contains(string(body), tt.want) {
				t.Errorf("public site %s, GET %s: %d %s %.200q", site, tt.path, resp.StatusCode, resp.Header.Get("Content-Type"), body)
			}
		}
	}
}

// staticIcon is the embedded favicon's bytes, read from the source tree.
func staticIcon() (string, error) {
	b, err := os.ReadFile("handlers/static/favicon.ico")
	return string(b), err
}
