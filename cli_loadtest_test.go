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
// its own, with its ratio to that run and no errors — the writes of G at
// each of its connection counts, H's reads with the writers behind them,
// I's uncached lists and J's long post after its first reader.
func TestLoadtestTable(t *testing.T) {
	if testing.Short() {
		t.Skip("starts server processes")
	}
	cmd := exec.Command(os.Args[0], "loadtest", "--duration", "300ms", "--scenarios", "A,d,g,H,i,J")
	cmd.Env = append(os.Environ(), "PRESSPASS_TEST_RUN_MAIN=1", "PRESSPASS_LOADTEST_DATABASE_URL=")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("loadtest: %v\n%s\n%s", err, stdout.String(), stderr.String())
	}
	out := stdout.String()
	if !strings.Contains(out, "8 ceiling runs") {
		t.Errorf("want one ceiling run per scenario:\n%s", out)
	}
	// scenario, data, req/s, ceiling, × ceiling, p50, p99, errors …
	line := regexp.MustCompile(`(?m)^\s+(ceiling|[A-D]|G c\d+|H|I|J c\d+)\s+(-|small)\s+(\d+)\s+(\d+)\s+(\d+)%\s+\S+\s+\S+\s+(\d+)\s`)
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
	for _, want := range []string{"ceiling", "A", "D", "G c1", "G c8", "G c32", "H", "I", "J c8"} {
		if !rows[want] {
			t.Errorf("no %s row in:\n%s", want, out)
		}
	}
	if rows["B"] || rows["C"] {
		t.Errorf("scenarios not asked for ran:\n%s", out)
	}
	if !regexp.MustCompile(`(?m)^  before J small: first request \S+ \(errors 0\), peak RSS `).MatchString(out) {
		t.Errorf("no line for J's first request:\n%s", out)
	}
	bg := regexp.MustCompile(`(?m)^H small: meanwhile the background writers got (\d+) answers \(\d+ req/s\), (\d+) errors, (\d+) 5xx$`).FindStringSubmatch(out)
	if bg == nil || bg[1] == "0" || bg[2] != "0" || bg[3] != "0" {
		t.Errorf("H's writers: want answers and no errors:\n%s", out)
	}
}
