package main

import (
	"bytes"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"
)

// TestLoadtestTable runs the load test briefly, as a user would, and reads
// its table: every scenario asked for is there, right after a ceiling run of
// its own, with its ratio to that run and no errors.
func TestLoadtestTable(t *testing.T) {
	if testing.Short() {
		t.Skip("starts server processes")
	}
	cmd := exec.Command(os.Args[0], "loadtest", "--duration", "300ms", "--scenarios", "A,d")
	cmd.Env = append(os.Environ(), "PRESSPASS_TEST_RUN_MAIN=1", "PRESSPASS_LOADTEST_DATABASE_URL=")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("loadtest: %v\n%s\n%s", err, stdout.String(), stderr.String())
	}
	out := stdout.String()
	if !strings.Contains(out, "2 ceiling runs") {
		t.Errorf("want one ceiling run per scenario:\n%s", out)
	}
	// scenario, data, req/s, ceiling, × ceiling, p50, p99, errors …
	line := regexp.MustCompile(`(?m)^\s+(ceiling|[A-D])\s+(-|small)\s+(\d+)\s+(\d+)\s+(\d+)%\s+\S+\s+\S+\s+(\d+)\s`)
	rows := map[string]bool{}
	for _, m := range line.FindAllStringSubmatch(out, -1) {
		rows[m[1]] = true
		if m[3] == "0" || m[4] == "0" {
			t.Errorf("%s: no requests served: %q", m[1], m[0])
		}
		if m[6] != "0" {
			t.Errorf("%s: %s errors", m[1], m[6])
		}
	}
	for _, want := range []string{"ceiling", "A", "D"} {
		if !rows[want] {
			t.Errorf("no %s row in:\n%s", want, out)
		}
	}
	if rows["B"] || rows["C"] {
		t.Errorf("scenarios not asked for ran:\n%s", out)
	}
}
