package main

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/presspass/presspass/fixtures/fixturestest"
)

// cli runs one command line against db and returns stdout, stderr and the
// exit status.
func cli(t *testing.T, db string, argv ...string) (string, string, int) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(context.Background(), append(argv, "--database", db), &out, &errOut)
	return out.String(), errOut.String(), code
}

func mustCLI(t *testing.T, db string, argv ...string) string {
	t.Helper()
	out, errOut, code := cli(t, db, argv...)
	if code != 0 {
		t.Fatalf("presspass %s: exit %d: %s", strings.Join(argv, " "), code, errOut)
	}
	return out
}

func TestCLIUserCommands(t *testing.T) {
	db := fixturestest.DatabaseURL(t)
	t.Setenv("PRESSPASS_ADMIN_PASSWORD", "")
	id := strings.TrimSpace(mustCLI(t, db, "user", "create", "writer", "writer@example.com", "--role=author", "--user_pass=s3cret", "--porcelain"))
	if id != "1" {
		t.Fatalf("--porcelain printed %q, want the id", id)
	}
	out := mustCLI(t, db, "user", "create", "reader", "reader@example.com")
	if !strings.Contains(out, "Success: Created user 2.") || !strings.Contains(out, "Password: ") {
		t.Fatalf("create without --user_pass: %q", out)
	}
	var list []map[string]any
	if err := json.Unmarshal([]byte(mustCLI(t, db, "user", "list", "--format=json")), &list); err != nil || len(list) != 2 {
		t.Fatalf("user list json: %v %v", err, list)
	}
	if got := strings.TrimSpace(mustCLI(t, db, "user", "list", "--format=ids")); got != "1 2" {
		t.Fatalf("ids = %q", got)
	}
	if got := strings.TrimSpace(mustCLI(t, db, "user", "list", "--role=author", "--format=count")); got != "1" {
		t.Fatalf("count = %q", got)
	}
	if got := strings.TrimSpace(mustCLI(t, db, "user", "get", "writer@example.com", "--field=roles")); got != "author" {
		t.Fatalf("get --field = %q", got)
	}
	mustCLI(t, db, "user", "update", "writer", "--role=editor", "--display_name=The Writer")
	if got := strings.TrimSpace(mustCLI(t, db, "user", "get", "1", "--field=display_name")); got != "The Writer" {
		t.Fatalf("display name = %q", got)
	}
	tests := []struct {
		name string
		argv []string
		want string
	}{
		{"duplicate login", []string{"user", "create", "writer", "w2@example.com"}, "Sorry, that username already exists!"},
		{"bad role", []string{"user", "update", "writer", "--role=king"}, `"king" is not a role; choose one of: administrator, editor, author, contributor, subscriber.`},
		{"unknown user", []string{"user", "get", "nobody"}, "Invalid user ID, email or login: 'nobody'"},
		{"missing args", []string{"user", "create", "x"}, "usage: presspass user create"},
		{"unknown flag", []string{"user", "list", "--formt=json"}, `unknown flag --formt. Did you mean "--format"?`},
		{"unknown subcommand", []string{"user", "frobnicate"}, `"frobnicate" is not a user command; choose one of: create, list, get, update, delete, unlock.`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, errOut, code := cli(t, db, tt.argv...)
			if code == 0 || !strings.Contains(errOut, tt.want) || strings.Count(errOut, "\n") != 1 {
				t.Fatalf("exit %d, stderr %q; want a one-line error containing %q", code, errOut, tt.want)
			}
		})
	}
	mustCLI(t, db, "user", "delete", "reader", "--reassign=writer")
	if got := strings.TrimSpace(mustCLI(t, db, "user", "list", "--format=count")); got != "1" {
		t.Fatalf("after delete count = %q", got)
	}
}

func TestCLIAppPasswordCommands(t *testing.T) {
	db := fixturestest.DatabaseURL(t)
	mustCLI(t, db, "user", "create", "owner", "owner@example.com", "--user_pass=pw")
	pw := strings.TrimSpace(mustCLI(t, db, "app-password", "create", "owner", "My App", "--porcelain"))
	if len(pw) != 24 {
		t.Fatalf("--porcelain printed %q, want the 24-character password", pw)
	}
	out := mustCLI(t, db, "app-password", "create", "owner", "Second", "--app-id=6f5d6a9e-2c2c-4a1a-9b1e-0d3c5a7e9f11")
	if !strings.Contains(out, "Password: ") || len(strings.Fields(strings.SplitN(out, "Password: ", 2)[1])) != 6 {
		t.Fatalf("create should show the chunked password: %q", out)
	}
	var list []map[string]any
	if err := json.Unmarshal([]byte(mustCLI(t, db, "app-password", "list", "owner", "--format=json")), &list); err != nil || len(list) != 2 {
		t.Fatalf("list: %v %v", err, list)
	}
	for _, row := range list {
		for k := range row {
			if k == "password" || k == "hash" {
				t.Fatalf("list shows a secret column %q", k)
			}
		}
	}
	uuid := list[0]["uuid"].(string)
	if got := strings.TrimSpace(mustCLI(t, db, "app-password", "get", "owner", uuid, "--field=name")); got != "My App" {
		t.Fatalf("get name = %q", got)
	}
	mustCLI(t, db, "app-password", "update", "owner", uuid, "--name=Renamed")
	if _, _, code := cli(t, db, "app-password", "exists", "owner", "Renamed"); code != 0 {
		t.Fatal("exists: want exit 0")
	}
	if out, errOut, code := cli(t, db, "app-password", "exists", "owner", "Nope"); code != 1 || out != "" || errOut != "" {
		t.Fatalf("exists on a missing name: exit %d %q %q; want a silent exit 1", code, out, errOut)
	}
	mustCLI(t, db, "app-password", "record-usage", "owner", uuid)
	if got := strings.TrimSpace(mustCLI(t, db, "app-password", "get", "owner", uuid, "--field=last_ip")); got != "127.0.0.1" {
		t.Fatalf("last_ip = %q", got)
	}
	// A typo among several uuids deletes nothing.
	if _, _, code := cli(t, db, "app-password", "delete", "owner", uuid, "00000000-0000-4000-8000-000000000000"); code == 0 {
		t.Fatal("delete with an unknown uuid succeeded")
	}
	if got := strings.TrimSpace(mustCLI(t, db, "app-password", "list", "owner", "--format=count")); got != "2" {
		t.Fatalf("after a failed delete count = %q, want 2", got)
	}
	mustCLI(t, db, "app-password", "delete", "owner", uuid)
	out = mustCLI(t, db, "app-password", "delete", "owner", "--all")
	if !strings.Contains(out, "Success: Deleted 1 application password.\n") {
		t.Fatalf("delete --all: %q", out)
	}
}

func TestCLIFixturesLoadIsIdempotent(t *testing.T) {
	db := fixturestest.DatabaseURL(t)
	for i := 0; i < 2; i++ {
		out := mustCLI(t, db, "fixtures", "load", "demo")
		if !strings.Contains(out, "5 users, 12 posts") {
			t.Fatalf("load: %q", out)
		}
	}
	if got := strings.TrimSpace(mustCLI(t, db, "user", "list", "--format=count")); got != "5" {
		t.Fatalf("users after loading twice: %s", got)
	}
	if _, errOut, code := cli(t, db, "fixtures", "load", "nonexistent"); code == 0 || !strings.Contains(errOut, "no fixture set") {
		t.Fatalf("unknown set: %d %q", code, errOut)
	}
}

func TestCLIBadDatabase(t *testing.T) {
	tests := []struct{ url, want string }{
		{"postgres://x", "want sqlite:PATH or mysql://"},
		{"mysql://root@127.0.0.1:1/nodb", "cannot reach database"},
		{"sqlite:/nonexistent-dir/x.db", ""},
	}
	for _, tt := range tests {
		_, errOut, code := cli(t, tt.url, "migrate")
		if code == 0 || !strings.HasPrefix(errOut, "Error: ") || !strings.Contains(errOut, tt.want) {
			t.Errorf("%s: exit %d, %q", tt.url, code, errOut)
		}
	}
}

func TestCLIAuditList(t *testing.T) {
	db := fixturestest.DatabaseURL(t)
	mustCLI(t, db, "user", "create", "audited", "audited@example.com", "--user_pass=pw")
	mustCLI(t, db, "app-password", "create", "audited", "Phone")
	var events []map[string]any
	if err := json.Unmarshal([]byte(mustCLI(t, db, "audit", "list", "--user=audited", "--format=json")), &events); err != nil {
		t.Fatal(err)
	}
	if len(events) != 1 || events[0]["event"] != "app_password_created" || events[0]["detail"] != "Phone" {
		t.Fatalf("events = %v", events)
	}
	if _, errOut, code := cli(t, db, "audit", "list", "--since=yesterday"); code == 0 || !strings.Contains(errOut, "RFC 3339") {
		t.Fatalf("bad --since: %d %q", code, errOut)
	}
}

func TestCLIAppPasswordExtensions(t *testing.T) {
	db := fixturestest.DatabaseURL(t)
	mustCLI(t, db, "user", "create", "ext", "ext@example.com", "--user_pass=pw")
	mustCLI(t, db, "user", "create", "ext2", "ext2@example.com", "--user_pass=pw")
	const app = "6f5d6a9e-2c2c-4a1a-9b1e-0d3c5a7e9f11"
	mustCLI(t, db, "app-password", "create", "ext", "Reader", "--scope=read", "--expires-in=30")
	mustCLI(t, db, "app-password", "create", "ext", "Phone", "--app-id="+app)
	mustCLI(t, db, "app-password", "create", "ext2", "Phone", "--app-id="+app)
	var all []map[string]any
	if err := json.Unmarshal([]byte(mustCLI(t, db, "app-password", "list", "--all-users", "--format=json")), &all); err != nil || len(all) != 3 {
		t.Fatalf("--all-users: %v %v", err, all)
	}
	if all[0]["user"] != "ext" || all[0]["scope"] != "read" || all[0]["expires"] == nil {
		t.Fatalf("first row %v", all[0])
	}
	if got := strings.TrimSpace(mustCLI(t, db, "app-password", "list", "--all-users", "--app-id="+app, "--format=count")); got != "2" {
		t.Fatalf("filtered by app: %s", got)
	}
	out := mustCLI(t, db, "app-password", "delete", "ext", "--app-id="+app)
	if !strings.Contains(out, "Deleted 1 application password of app") {
		t.Fatalf("delete --app-id: %q", out)
	}
	if _, errOut, code := cli(t, db, "app-password", "create", "ext", "x", "--scope=root"); code == 0 || !strings.Contains(errOut, "scope") {
		t.Fatalf("bad scope: %d %q", code, errOut)
	}
	if _, errOut, code := cli(t, db, "app-password", "create", "ext", "x", "--expires=2001-01-01T00:00:00Z"); code == 0 || !strings.Contains(errOut, "future") {
		t.Fatalf("past expiry: %d %q", code, errOut)
	}
}
