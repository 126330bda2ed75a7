package main

import (
	"strings"
	"testing"

	"github.com/presspass/presspass/fixtures/fixturestest"
)

func TestCLIOptionCommands(t *testing.T) {
	db := fixturestest.DatabaseURL(t)
	mustCLI(t, db, "user", "create", "writer", "writer@example.com", "--user_pass=s3cret")
	steps := []struct {
		argv       []string
		code       int
		out, errOf string
	}{
		{argv: []string{"option", "get", "WPLANG"}, out: "\n"},
		{argv: []string{"option", "update", "WPLANG", "ja"}, out: "Success: Updated 'WPLANG' option.\n"},
		{argv: []string{"option", "get", "WPLANG"}, out: "ja\n"},
		{argv: []string{"option", "update", "WPLANG", "ja"}, out: "Success: Value passed for 'WPLANG' option is unchanged.\n"},
		{argv: []string{"option", "update", "WPLANG", "fr_FR"}, code: 1, errOf: `"fr_FR" is not an accepted value (installed languages: ["ja"]`},
		{argv: []string{"option", "get", "WPLANG"}, out: "ja\n"},
		{argv: []string{"option", "update", "WPLANG", ""}, out: "Success: Updated 'WPLANG' option.\n"},
		{argv: []string{"option", "update", "blogname", "<b>My</b> Site"}, out: "Success: Updated 'blogname' option.\n"},
		{argv: []string{"option", "get", "blogname"}, out: "My Site\n"},
		{argv: []string{"option", "update", "blogname"}, code: 1, errOf: "option update NAME VALUE"},
		{argv: []string{"option", "delete", "blogname"}, code: 1, errOf: `unknown option command "delete"`},
		{argv: []string{"user", "update", "writer", "--locale=ja"}, out: "Success: Updated user 1.\n"},
		{argv: []string{"user", "update", "writer", "--locale=xx"}, code: 1, errOf: "--locale must be one of"},
	}
	for _, st := range steps {
		out, errOut, code := cli(t, db, st.argv...)
		if code != st.code || (st.code == 0 && out != st.out) || !strings.Contains(errOut, st.errOf) {
			t.Errorf("presspass %s: exit %d, out %q, err %q; want exit %d, out %q, err with %q",
				strings.Join(st.argv, " "), code, out, errOut, st.code, st.out, st.errOf)
		}
	}
}
