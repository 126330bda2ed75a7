package main

import (
	"fmt"
	"io"
	"runtime/debug"
)

// writeVersion prints the module version, the commit it was built from and
// the Go version, from the build information Go embeds in the binary.
func writeVersion(w io.Writer) {
	version, commit, modified, goVersion := "(unknown)", "unknown", false, "unknown"
	if bi, ok := debug.ReadBuildInfo(); ok {
		version, goVersion = bi.Main.Version, bi.GoVersion
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				commit = s.Value
			case "vcs.modified":
				modified = s.Value == "true"
			}
		}
	}
	if modified {
		commit += " (modified)"
	}
	fmt.Fprintf(w, "presspass %s\ncommit %s\n%s\n", version, commit, goVersion)
}
