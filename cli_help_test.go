package main

import (
	"bytes"
	"context"
	"flag"
	"os"
	"strings"
	"testing"
)

var updateREADME = flag.Bool("update-readme", false, "rewrite README.md's settings table from cli_flags.go")

// TestEveryCommandHelp walks every command and subcommand: --help, -h and
// help CMD print its usage, each of its flags and an example, and exit 0.
func TestEveryCommandHelp(t *testing.T) {
	for _, c := range commandDefs {
		words := strings.Fields(c.Path)
		for _, argv := range [][]string{
			append(append([]string{}, words...), "--help"),
			append(append([]string{}, words...), "-h"),
			append([]string{"help"}, words...),
		} {
			var out, errOut bytes.Buffer
			code := run(context.Background(), argv, &out, &errOut)
			if code != 0 || errOut.Len() != 0 {
				t.Fatalf("presspass %s: exit %d, stderr %q", strings.Join(argv, " "), code, errOut.String())
			}
			help := out.String()
			if !strings.Contains(help, "Usage:\n  presspass "+c.Path) || !strings.Contains(help, "Example:\n  "+c.Example) {
				t.Fatalf("presspass %s: no usage or example:\n%s", strings.Join(argv, " "), help)
			}
			for _, d := range commandFlags(c.Path) {
				if !strings.Contains(help, "--"+d.Name) {
					t.Fatalf("presspass %s does not mention --%s:\n%s", strings.Join(argv, " "), d.Name, help)
				}
			}
			for _, sub := range subcommands(c.Path) {
				for _, d := range commandFlags(sub.Path) {
					if !strings.Contains(help, d.usageForm()) {
						t.Fatalf("presspass %s does not mention %s of %s", strings.Join(argv, " "), d.usageForm(), sub.Path)
					}
				}
			}
		}
	}
	// A subcommand's -h after its arguments is help too, not a user named -h.
	out, errOut, code := cli(t, "sqlite::memory:", "app-password", "create", "-h")
	if code != 0 || errOut != "" || !strings.Contains(out, "--expires=RFC3339") || !strings.Contains(out, "--scope=full|read") || !strings.Contains(out, "--app-id=UUID") {
		t.Fatalf("app-password create -h: %d %q %q", code, out, errOut)
	}
}

// TestGeneralHelpListsEverything: presspass help names every top-level
// command and every setting with its variable.
func TestGeneralHelpListsEverything(t *testing.T) {
	for _, argv := range [][]string{{"help"}, {"--help"}, {"-h"}} {
		var out, errOut bytes.Buffer
		if code := run(context.Background(), argv, &out, &errOut); code != 0 {
			t.Fatalf("%v: exit %d", argv, code)
		}
		for _, name := range topCommands() {
			if !strings.Contains(out.String(), "  "+name+" ") {
				t.Fatalf("%v does not list %s", argv, name)
			}
		}
		for _, d := range settings() {
			if !strings.Contains(out.String(), d.Env) || d.Name != "" && !strings.Contains(out.String(), "--"+d.Name) {
				t.Fatalf("%v does not list %s / --%s", argv, d.Env, d.Name)
			}
		}
	}
}

// TestREADMESettingsTable keeps README.md's table equal to the flags'
// definitions.
func TestREADMESettingsTable(t *testing.T) {
	const begin, end = "-update-readme .` -->\n", "<!-- end of settings table -->"
	raw, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(raw)
	i, j := strings.Index(readme, begin), strings.Index(readme, end)
	if i < 0 || j < i {
		t.Fatal("README.md has no settings table markers")
	}
	i += len(begin)
	if *updateREADME {
		if err := os.WriteFile("README.md", []byte(readme[:i]+settingsTable()+readme[j:]), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if readme[i:j] != settingsTable() {
		t.Fatalf("README.md's settings table differs from cli_flags.go; run go test -run TestREADMESettingsTable -update-readme .\nwant:\n%s", settingsTable())
	}
}

// TestFlagDefinitions: no command sees one flag name twice, every flag
// names commands that exist, and every setting has a variable.
func TestFlagDefinitions(t *testing.T) {
	seen := map[string]bool{}
	for _, d := range flagDefs {
		if d.setting() {
			if d.Env == "" || seen[" "+d.Name+d.Env] {
				t.Fatalf("setting %q: no variable, or defined twice", d.Name+d.Env)
			}
			seen[" "+d.Name+d.Env] = true
			continue
		}
		for _, c := range d.Commands {
			if _, ok := commandDefFor(c); !ok {
				t.Fatalf("--%s names command %q, which does not exist", d.Name, c)
			}
			if _, global := globalFlags[d.Name]; global || seen[c+" "+d.Name] {
				t.Fatalf("--%s is defined twice for %s", d.Name, c)
			}
			seen[c+" "+d.Name] = true
		}
	}
}

func TestVersion(t *testing.T) {
	for _, argv := range [][]string{{"version"}, {"--version"}} {
		var out, errOut bytes.Buffer
		if code := run(context.Background(), argv, &out, &errOut); code != 0 {
			t.Fatalf("%v: exit %d %s", argv, code, errOut.String())
		}
		lines := strings.Split(strings.TrimSpace(out.String()), "\n")
		if len(lines) != 3 || !strings.HasPrefix(lines[0], "presspass ") || !strings.HasPrefix(lines[1], "commit ") || !strings.HasPrefix(lines[2], "go1.") {
			t.Fatalf("%v printed %q", argv, out.String())
		}
	}
}

func TestSuggestions(t *testing.T) {
	tests := []struct {
		argv []string
		want string
	}{
		{[]string{"usr", "list"}, `Error: "usr" is not a presspass command. Did you mean "user"? See 'presspass help'.`},
		{[]string{"app", "list"}, `Did you mean "app-password"?`},
		{[]string{"help", "sevre"}, `Error: "sevre" is not a presspass command. Did you mean "serve"?`},
		{[]string{"--databse", "x", "user", "list"}, `unknown flag --databse. Did you mean "--database"?`},
		{[]string{"user", "lst"}, `"lst" is not a user command; choose one of: create, list, get, update, delete, unlock. Did you mean "list"?`},
		{[]string{"app-password", "craete", "admin", "x"}, `Did you mean "create"?`},
		{[]string{"user", "list", "--rol=x"}, `unknown flag --rol. Did you mean "--role"?`},
		{[]string{"frobnicate"}, `Error: "frobnicate" is not a presspass command. See 'presspass help'.`},
	}
	db := "sqlite:" + t.TempDir() + "/s.db"
	for _, tt := range tests {
		_, errOut, code := cli(t, db, tt.argv...)
		if code == 0 || !strings.Contains(errOut, tt.want) || strings.Count(errOut, "\n") != 1 {
			t.Errorf("%v: exit %d, stderr %q; want %q", tt.argv, code, errOut, tt.want)
		}
	}
}

// TestSettingsBeforeTheCommand: presspass --database X user list.
func TestSettingsBeforeTheCommand(t *testing.T) {
	db := "sqlite:" + t.TempDir() + "/g.db"
	var out, errOut bytes.Buffer
	if code := run(context.Background(), []string{"--database", db, "user", "create", "ann", "ann@example.com", "--porcelain"}, &out, &errOut); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	out.Reset()
	if code := run(context.Background(), []string{"--database=" + db, "--log-level", "debug", "user", "list", "--format=ids"}, &out, &errOut); code != 0 || strings.TrimSpace(out.String()) != "1" {
		t.Fatalf("exit %d: %q %s", code, out.String(), errOut.String())
	}
}
