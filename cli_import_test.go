package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/presspass/presspass/fixtures/fixturestest"
	"github.com/presspass/presspass/models/wpimport/wpimporttest"
)

func TestCLIImportWordPress(t *testing.T) {
	src := wpimporttest.Load(t)
	db := fixturestest.DatabaseURL(t)

	out := mustCLI(t, db, "import", "wordpress", "--from", src.URL, "--dry-run")
	if !strings.Contains(out, "Dry run: nothing was written") || strings.Contains(out, "Success:") {
		t.Fatalf("dry run printed:\n%s", out)
	}
	if got := strings.TrimSpace(mustCLI(t, db, "user", "list", "--format=count")); got != "0" {
		t.Fatalf("a dry run created %s users", got)
	}

	out = mustCLI(t, db, "import", "wordpress", "--from="+src.URL, "--prefix=wp_")
	for _, want := range []string{"Imported from", "users                         5", "1 wp_navigation: PressPass imports posts and pages only", "Success: imported from WordPress."} {
		if !strings.Contains(out, want) {
			t.Errorf("import output lacks %q:\n%s", want, out)
		}
	}
	if got := strings.TrimSpace(mustCLI(t, db, "user", "list", "--format=ids")); got != "1 2 3 4 5" {
		t.Fatalf("user ids after the import: %q", got)
	}
	if got := strings.TrimSpace(mustCLI(t, db, "app-password", "list", "admin", "--format=ids")); got == "" {
		t.Fatal("admin has no application password after the import")
	}

	var report struct {
		DryRun bool `json:"dry_run"`
		Counts map[string]struct {
			Created, Unchanged int
		} `json:"counts"`
	}
	out = mustCLI(t, db, "import", "wordpress", "--from", src.URL, "--format=json")
	if err := json.Unmarshal([]byte(out), &report); err != nil {
		t.Fatalf("--format=json printed something else: %v\n%s", err, out)
	}
	if report.DryRun || report.Counts["users"].Unchanged != 5 || report.Counts["app_passwords"].Unchanged != 4 || report.Counts["posts"].Created != 0 {
		t.Fatalf("second run report: %+v", report)
	}

	passwordURL := strings.Replace(src.URL, "mysql://root@", "mysql://root:wrong-secret@", 1)
	for _, tt := range []struct {
		name string
		argv []string
		want string
	}{
		{"no --from", []string{"import", "wordpress"}, "--from is required"},
		{"unknown source", []string{"import", "drupal", "--from", src.URL}, `unknown import source "drupal"`},
		{"bad prefix", []string{"import", "wordpress", "--from", src.URL, "--prefix", "wp_;DROP"}, "table prefix"},
		{"wrong prefix", []string{"import", "wordpress", "--from", src.URL, "--prefix", "nope_"}, "no readable table nope_users"},
		{"not a mysql url", []string{"import", "wordpress", "--from", "sqlite:/tmp/x.db"}, "want mysql://"},
		{"bad format", []string{"import", "wordpress", "--from", src.URL, "--format=xml"}, "--format=xml"},
		{"wrong password is not echoed", []string{"import", "wordpress", "--from", passwordURL}, "cannot reach the WordPress database"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, errOut, code := cli(t, db, tt.argv...)
			if code != 1 || !strings.Contains(errOut, tt.want) {
				t.Fatalf("exit %d, stderr %q; want 1 and %q", code, errOut, tt.want)
			}
			if strings.Contains(errOut, "wrong-secret") {
				t.Fatalf("the error shows the password: %q", errOut)
			}
		})
	}
}
