package rest

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestWPAPIClient drives the posts endpoints with the npm "wpapi" client, as
// a JavaScript application would: list with paging, create, update, read
// back, list pages, delete for good. wpapi is installed into a temporary
// folder; the test is skipped only when npm cannot reach its registry.
func TestWPAPIClient(t *testing.T) {
	if testing.Short() {
		t.Skip("installs an npm package")
	}
	if _, err := exec.LookPath("npm"); err != nil {
		t.Skip("npm is not installed")
	}
	dir := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	install := exec.CommandContext(ctx, "npm", "install", "--no-audit", "--no-fund", "--loglevel=error", "--prefix", dir, "wpapi@1")
	install.Dir = dir
	if out, err := install.CombinedOutput(); err != nil {
		msg := string(out)
		for _, netErr := range []string{"ENOTFOUND", "EAI_AGAIN", "ETIMEDOUT", "ECONNREFUSED", "ECONNRESET", "network"} {
			if strings.Contains(msg, netErr) {
				t.Skipf("npm cannot reach its registry: %s", strings.TrimSpace(msg))
			}
		}
		t.Fatalf("npm install wpapi: %v\n%s", err, msg)
	}
	ts := newTestSite(t)
	script := `
const WPAPI = require('wpapi');
const wp = new WPAPI({ endpoint: process.env.PP_URL + '/wp-json', username: 'admin', password: process.env.PP_PASS });
(async () => {
  const first = await wp.posts().perPage(1).get();
  const created = await wp.posts().auth().create({ title: 'From wpapi', content: 'Hello "world"', status: 'publish' });
  await wp.posts().auth().id(created.id).update({ title: 'Updated by wpapi' });
  const got = await wp.posts().auth().id(created.id).context('edit').get();
  const pages = await wp.pages().get();
  const del = await wp.posts().auth().id(created.id).param('force', true).delete();
  console.log(JSON.stringify({
    total: first._paging.total, totalPages: first._paging.totalPages, hasNext: !!first._paging.next,
    title: got.title.raw, content: got.content.rendered, pages: pages.length, deleted: del.deleted,
  }));
})().catch(e => { console.error(e && e.message ? e.message : e); process.exit(1); });
`
	scriptPath := filepath.Join(dir, "drive.js")
	if err := os.WriteFile(scriptPath, []byte(script), 0o600); err != nil {
		t.Fatal(err)
	}
	run := exec.CommandContext(ctx, "node", scriptPath)
	run.Dir = dir
	run.Env = append(os.Environ(), "PP_URL="+ts.url, "PP_PASS="+ts.appPw["admin"])
	out, err := run.Output()
	if err != nil {
		stderr := ""
		if ee, ok := err.(*exec.ExitError); ok {
			stderr = string(ee.Stderr)
		}
		t.Fatalf("node: %v\n%s%s", err, out, stderr)
	}
	var got struct {
		Total      int    `json:"total"`
		TotalPages int    `json:"totalPages"`
		HasNext    bool   `json:"hasNext"`
		Title      string `json:"title"`
		Content    string `json:"content"`
		Pages      int    `json:"pages"`
		Deleted    bool   `json:"deleted"`
	}
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("script output %q: %v", out, err)
	}
	if got.Total != 2 || got.TotalPages != 2 || !got.HasNext {
		t.Errorf("paging: %+v", got)
	}
	if got.Title != "Updated by wpapi" || got.Content != "<p>Hello &#8220;world&#8221;</p>\n" {
		t.Errorf("post: %+v", got)
	}
	if got.Pages != 1 || !got.Deleted {
		t.Errorf("pages/delete: %+v", got)
	}
}
