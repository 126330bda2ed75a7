package xmlrpc_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// pythonClient drives the server with Python's standard xmlrpc.client, the
// library behind many blogging scripts, and asserts from inside Python.
const pythonClient = `
import sys, xmlrpc.client, datetime
url, user, app_pw, main_pw = sys.argv[1:5]
s = xmlrpc.client.ServerProxy(url, use_builtin_types=True)
assert s.demo.sayHello() == "Hello!"
assert s.demo.addTwoNumbers(20, 22) == 42
blogs = s.wp.getUsersBlogs(user, app_pw)
assert blogs[0]["blogid"] == "1" and blogs[0]["isAdmin"] is False, blogs
profile = s.wp.getProfile(1, user, main_pw)
assert profile["username"] == user and isinstance(profile["registered"], datetime.datetime), profile
pid = s.wp.newPost(1, user, app_pw, {
    "post_title": "Python \u65e5\u672c & <friends>",
    "post_content": "Body from Python",
    "post_status": "publish",
    "post_date": datetime.datetime(2024, 5, 6, 7, 8, 9),
})
post = s.wp.getPost(1, user, app_pw, int(pid), ["post_title", "post_date", "sticky"])
assert post["post_title"] == "Python \u65e5\u672c & <friends>", post
assert post["post_date"] == datetime.datetime(2024, 5, 6, 7, 8, 9), post
assert post["sticky"] is False
assert s.metaWeblog.editPost(pid, user, app_pw, {"title": "Renamed"}, True) is True
assert s.metaWeblog.getPost(pid, user, app_pw)["title"] == "Renamed"
try:
    s.wp.getProfile(1, user, "wrong")
    raise SystemExit("a wrong password must fault")
except xmlrpc.client.Fault as f:
    assert f.faultCode == 403 and f.faultString == "Incorrect username or password.", f
mc = xmlrpc.client.MultiCall(s)
mc.demo.sayHello()
mc.wp.getProfile(1, user, app_pw)
results = list(mc())
assert results[0] == "Hello!" and results[1]["username"] == user, results
try:
    s.no.such.method()
    raise SystemExit("unknown method must fault")
except xmlrpc.client.Fault as f:
    assert f.faultCode == -32601, f
print("ok")
`

func TestPythonStdlibClient(t *testing.T) {
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 not installed")
	}
	ts := newSite(t, true)
	script := filepath.Join(t.TempDir(), "client.py")
	if err := os.WriteFile(script, []byte(pythonClient), 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(py, script, ts.url+"/xmlrpc.php", "editor", ts.appPasswords["editor"], passwords["editor"]).CombinedOutput()
	if err != nil || strings.TrimSpace(string(out)) != "ok" {
		t.Fatalf("python client: %v\n%s", err, out)
	}
}
