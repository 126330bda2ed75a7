package main

import (
	"os/exec"
	"strings"
	"testing"
)

// TestImportDirections keeps the layering of ../shared/ARCHITECTURE.md true:
// the protocol adapters never import each other, and models knows nothing of
// HTTP or Echo.
func TestImportDirections(t *testing.T) {
	const mod = "github.com/presspass/presspass/"
	forbidden := map[string][]string{
		"models":   {"net/http", "github.com/labstack/echo/v4", mod + "rest", mod + "xmlrpc", mod + "handlers", mod + "fixtures"},
		"rest":     {mod + "xmlrpc", mod + "handlers"},
		"xmlrpc":   {mod + "rest", mod + "handlers", "github.com/labstack/echo/v4"},
		"handlers": {mod + "rest", mod + "xmlrpc"},
		"fixtures": {mod + "rest", mod + "xmlrpc", mod + "handlers"},
		// WordPress's text formatting is pure: kses below it, nothing above.
		"models/wptext": {"net/http", "github.com/labstack/echo/v4", mod + "models", mod + "rest", mod + "xmlrpc", mod + "handlers", mod + "fixtures"},
	}
	for pkg, bad := range forbidden {
		out, err := exec.Command("go", "list", "-deps", "./"+pkg).Output()
		if err != nil {
			t.Fatalf("go list %s: %v", pkg, err)
		}
		deps := map[string]bool{}
		for _, d := range strings.Fields(string(out)) {
			deps[d] = true
		}
		for _, b := range bad {
			if deps[b] {
				t.Errorf("%s depends on %s", pkg, b)
			}
		}
	}
}
