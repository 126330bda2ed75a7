package xmlrpc_test

import (
	"strings"
	"testing"
)

// WordPress strips every character that is not a letter or a digit from an
// application password before comparing it, on REST and XML-RPC alike, so a
// password grouped with dashes or tabs logs in as it does through REST.
func TestAppPasswordAnyGrouping(t *testing.T) {
	ts := newSite(t, true)
	pw := ts.appPasswords["editor"]
	group := func(sep string) string {
		var parts []string
		for i := 0; i < len(pw); i += 4 {
			parts = append(parts, pw[i:i+4])
		}
		return strings.Join(parts, sep)
	}
	for _, tt := range []struct{ name, password string }{
		{"plain", pw},
		{"spaces", group(" ")},
		{"dashes", group("-")},
		{"tabs", group("\t")},
		{"mixed", pw[:4] + "-" + pw[4:8] + " " + pw[8:12] + "\t" + pw[12:16] + "_." + pw[16:20] + " - " + pw[20:]},
		{"surrounded", " " + group("-") + "\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := ts.call("wp.getProfile", []any{1, "editor", tt.password}); err != nil {
				t.Fatalf("%q: %v", tt.password, err)
			}
		})
	}
	_, err := ts.call("wp.getProfile", []any{1, "editor", group("-")[:28] + "-XXXX"})
	eq(t, errString(err), faultText(403, "Incorrect username or password."))
}
