package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/presspass/presspass/fixtures/fixturestest"
	"github.com/presspass/presspass/models"
)

// TestCLIErrorWords: each error is one line in words, with the valid
// choices, and no kind prefix, REST code or reason unless --format=json
// (which adds the store's reason).
func TestCLIErrorWords(t *testing.T) {
	db := fixturestest.DatabaseURL(t)
	mustCLI(t, db, "user", "create", "ann", "ann@example.com", "--role=administrator", "--porcelain")
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		argv []string
		want string
	}{
		{[]string{"user", "update", "ann", "--role=bogus"}, `Error: "bogus" is not a role; choose one of: administrator, editor, author, contributor, subscriber.` + "\n"},
		{[]string{"app-password", "get", "ann", "00000000-0000-4000-8000-000000000000"}, "Error: The user has no application password with that UUID ('presspass app-password list USER' shows them).\n"},
		{[]string{"app-password", "create", "ann", "x", "--scope=root"}, `Error: "root" is not a scope; choose one of: full, read.` + "\n"},
		{[]string{"user", "list", "--fields=ID,bogus"}, `Error: "bogus" is not a field; choose from: ID, user_login,`},
		{[]string{"user", "get", "ann", "--field=nope"}, `Error: "nope" is not a field; choose from: ID, user_login,`},
		{[]string{"app-password", "list", "ann", "--fields=uuid,bogus"}, `Error: "bogus" is not a field; choose from: uuid, app_id, name, scope, created, expires, last_used, last_ip, user_id.` + "\n"},
		{[]string{"user", "list", "--porcelain"}, "Error: presspass user list takes no --porcelain; its flags are --role, --format, --fields.\n"},
		{[]string{"app-password", "list", "ann", "--porcelain"}, "Error: presspass app-password list takes no --porcelain;"},
		{[]string{"user", "list", "--format=yaml"}, `Error: "yaml" is not a format here; choose one of: table, json, csv, ids, count.` + "\n"},
		{[]string{"user", "list", "--log-level=loud"}, `Error: --log-level "loud" is not a level; choose one of: debug, info, warn, error.` + "\n"},
		{[]string{"app-password", "get", "ann", "00000000-0000-4000-8000-000000000000", "--format=json"}, "[no such application password]\n"},
	}
	for _, tt := range tests {
		_, errOut, code := cli(t, db, tt.argv...)
		if code == 0 || !strings.HasPrefix(errOut, "Error: ") || !strings.Contains(errOut, tt.want) || strings.Count(errOut, "\n") != 1 {
			t.Errorf("%v: exit %d, stderr %q; want one line with %q", tt.argv, code, errOut, tt.want)
		}
		if !strings.Contains(strings.Join(tt.argv, " "), "json") && (strings.Contains(errOut, "invalid:") || strings.Contains(errOut, "not_found:") || strings.Contains(errOut, "rest_")) {
			t.Errorf("%v: internals in %q", tt.argv, errOut)
		}
	}
	missing := filepath.Join(t.TempDir(), "missing")
	for name, want := range map[string]string{
		"sqlite:" + filepath.Join(missing, "x.db"): "Error: cannot open database sqlite:" + filepath.Join(missing, "x.db") + ": the folder " + missing + " does not exist\n",
		"sqlite:" + filepath.Join(file, "x.db"):    "Error: cannot open database sqlite:" + filepath.Join(file, "x.db") + ": " + file + " is not a folder\n",
	} {
		var out, errOut bytes.Buffer
		if code := run(context.Background(), []string{"--database", name, "user", "list"}, &out, &errOut); code == 0 || errOut.String() != want {
			t.Errorf("%s: exit %d, %q; want %q", name, code, errOut.String(), want)
		}
	}
}

// TestCLIAppPasswordDeletePlurals: one, several, none.
func TestCLIAppPasswordDeletePlurals(t *testing.T) {
	db := fixturestest.DatabaseURL(t)
	mustCLI(t, db, "user", "create", "ann", "ann@example.com", "--porcelain")
	var uuids []string
	for _, name := range []string{"a", "b", "c", "d"} {
		mustCLI(t, db, "app-password", "create", "ann", name, "--porcelain")
		var list []map[string]any
		if err := json.Unmarshal([]byte(mustCLI(t, db, "app-password", "list", "ann", "--format=json")), &list); err != nil {
			t.Fatal(err)
		}
		uuids = append(uuids, list[len(list)-1]["uuid"].(string))
	}
	for _, tt := range []struct {
		argv []string
		want string
	}{
		{[]string{"app-password", "delete", "ann", uuids[0]}, "Success: Deleted 1 application password.\n"},
		{[]string{"app-password", "delete", "ann", uuids[1], uuids[2]}, "Success: Deleted 2 application passwords.\n"},
		{[]string{"app-password", "delete", "ann", "--all"}, "Success: Deleted 1 application password.\n"},
		{[]string{"app-password", "delete", "ann", "--all"}, "Success: No application passwords to delete.\n"},
	} {
		if got := mustCLI(t, db, tt.argv...); got != tt.want {
			t.Errorf("%v: %q, want %q", tt.argv, got, tt.want)
		}
	}
}

// TestCLIAppPasswordScopeAndExpiryColumns: the columns appear when a
// password is read-only or expires, in table, csv and json.
func TestCLIAppPasswordScopeAndExpiryColumns(t *testing.T) {
	db := fixturestest.DatabaseURL(t)
	mustCLI(t, db, "user", "create", "ann", "ann@example.com", "--porcelain")
	mustCLI(t, db, "app-password", "create", "ann", "plain", "--porcelain")
	if head, _, _ := strings.Cut(mustCLI(t, db, "app-password", "list", "ann"), "\n"); strings.Contains(head, "scope") || strings.Contains(head, "expires") {
		t.Fatalf("a plain password shows limits: %q", head)
	}
	mustCLI(t, db, "app-password", "create", "ann", "reader", "--scope=read", "--expires=2099-01-02T03:04:05Z", "--porcelain")
	head, _, _ := strings.Cut(mustCLI(t, db, "app-password", "list", "ann"), "\n")
	if strings.Join(strings.Fields(head), " ") != "uuid app_id name scope created expires last_used last_ip" {
		t.Fatalf("table header %q", head)
	}
	csv := mustCLI(t, db, "app-password", "list", "ann", "--format=csv")
	if !strings.HasPrefix(csv, "uuid,app_id,name,scope,created,expires,last_used,last_ip\n") || !strings.Contains(csv, ",read,") || !strings.Contains(csv, "2099-01-02T03:04:05Z") {
		t.Fatalf("csv %q", csv)
	}
	var list []map[string]any
	if err := json.Unmarshal([]byte(mustCLI(t, db, "app-password", "list", "ann", "--format=json")), &list); err != nil || len(list) != 2 {
		t.Fatal(err, list)
	}
	if list[1]["scope"] != "read" || list[1]["expires"] != "2099-01-02T03:04:05Z" || list[0]["scope"] != "full" {
		t.Fatalf("json %v", list)
	}
	uuid := list[1]["uuid"].(string)
	get := mustCLI(t, db, "app-password", "get", "ann", uuid)
	if !strings.Contains(get, "scope") || !strings.Contains(get, "2099-01-02T03:04:05Z") {
		t.Fatalf("get %q", get)
	}
	var one map[string]any
	if err := json.Unmarshal([]byte(mustCLI(t, db, "app-password", "get", "ann", uuid, "--format=json")), &one); err != nil || one["scope"] != "read" || one["expires"] != "2099-01-02T03:04:05Z" {
		t.Fatalf("get json %v %v", err, one)
	}
}

// TestCLIUserDeleteAsks: without --reassign a person at a terminal is
// asked; a script must say --yes; the last administrator stays.
func TestCLIUserDeleteAsks(t *testing.T) {
	db := fixturestest.DatabaseURL(t)
	mustCLI(t, db, "user", "create", "boss", "boss@example.com", "--role=administrator", "--porcelain")
	for _, login := range []string{"bob", "cat", "dan", "eve"} {
		mustCLI(t, db, "user", "create", login, login+"@example.com", "--role=author", "--porcelain")
	}
	site, err := models.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	for _, login := range []string{"bob", "bob", "cat", "eve"} {
		u, err := site.UserByLogin(context.Background(), login)
		if err != nil {
			t.Fatal(err)
		}
		title := "A post by " + login
		if _, err := site.CreatePost(context.Background(), u, models.PostInput{Title: &title, Content: &title}); err != nil {
			t.Fatal(err)
		}
	}
	site.Close()
	atTerminal := func(answer string, argv ...string) (string, string, int) {
		var out, errOut bytes.Buffer
		code := runOn(context.Background(), append(argv, "--database", db), console{in: strings.NewReader(answer), terminal: true}, &out, &errOut)
		return out.String(), errOut.String(), code
	}
	if out, errOut, code := atTerminal("n\n", "user", "delete", "bob"); code == 0 || out != "Delete 2 posts by bob? [y/N] " || errOut != "Error: nothing deleted: bob and their posts are kept.\n" {
		t.Fatalf("answered no: %d %q %q", code, out, errOut)
	}
	if out, _, code := atTerminal("y\n", "user", "delete", "bob"); code != 0 || out != "Delete 2 posts by bob? [y/N] Success: Removed user 2 (bob) and 2 posts.\n" {
		t.Fatalf("answered yes: %d %q", code, out)
	}
	if _, errOut, code := cli(t, db, "user", "delete", "cat"); code == 0 || errOut != "Error: cat has 1 post; give --reassign=USER to keep them, or --yes to delete them too.\n" {
		t.Fatalf("no terminal: %d %q", code, errOut)
	}
	if out := mustCLI(t, db, "user", "delete", "cat", "--yes"); out != "Success: Removed user 3 (cat) and 1 post.\n" {
		t.Fatalf("--yes: %q", out)
	}
	if out := mustCLI(t, db, "user", "delete", "dan"); out != "Success: Removed user 4 (dan); they had no posts.\n" {
		t.Fatalf("no posts: %q", out)
	}
	if out := mustCLI(t, db, "user", "delete", "eve", "--reassign=boss"); out != "Success: Removed user 5 (eve); their posts now belong to boss.\n" {
		t.Fatalf("--reassign: %q", out)
	}
	if _, errOut, code := cli(t, db, "user", "delete", "boss", "--yes"); code == 0 || errOut != "Error: boss: This is the site's last administrator; make another user an administrator first.\n" {
		t.Fatalf("last administrator: %d %q", code, errOut)
	}
	if got := strings.TrimSpace(mustCLI(t, db, "user", "list", "--format=ids")); got != "1" {
		t.Fatalf("users left: %q", got)
	}
}
