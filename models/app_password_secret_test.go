package models

import (
	"strings"
	"testing"
)

func TestFastHashMatchesWordPress(t *testing.T) {
	const want = "$generic$F6W18u0QEytvRVb59DemVWRxyTxU6vg_VK0s_f-h"
	if got := FastHash("abcdEFGH1234ijklMNOP5678"); got != want {
		t.Fatalf("FastHash = %q, want %q", got, want)
	}
}

func TestGenerateAppPassword(t *testing.T) {
	seen := map[string]bool{}
	counts := map[rune]int{}
	for i := 0; i < 2000; i++ {
		pw, err := GenerateAppPassword()
		if err != nil {
			t.Fatal(err)
		}
		if len(pw) != AppPasswordLength || NormalizeAppPassword(pw) != pw {
			t.Fatalf("bad password %q", pw)
		}
		if seen[pw] {
			t.Fatalf("duplicate password %q", pw)
		}
		seen[pw] = true
		for _, c := range pw {
			counts[c]++
		}
	}
	// 48,000 characters over 62 symbols: about 774 each. A biased generator
	// (modulo over 256) would give the first eight symbols ~25% more.
	if len(counts) != 62 {
		t.Fatalf("only %d distinct characters", len(counts))
	}
	for c, n := range counts {
		if n < 600 || n > 960 {
			t.Errorf("character %q drawn %d times, expected about 774", c, n)
		}
	}
}

func TestChunkAndNormalize(t *testing.T) {
	tests := []struct{ in, chunked string }{
		{"abcdEFGH1234ijklMNOP5678", "abcd EFGH 1234 ijkl MNOP 5678"},
		{"abcde", "abcd e"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := ChunkAppPassword(tt.in); got != tt.chunked {
			t.Errorf("ChunkAppPassword(%q) = %q, want %q", tt.in, got, tt.chunked)
		}
		if got := NormalizeAppPassword(tt.chunked); got != tt.in {
			t.Errorf("NormalizeAppPassword(%q) = %q, want %q", tt.chunked, got, tt.in)
		}
	}
	if got := NormalizeAppPassword(" ab-c\td_é "); got != "abcd" {
		t.Errorf("NormalizeAppPassword strips to %q", got)
	}
	if !strings.HasPrefix(FastHash("x"), "$generic$") {
		t.Error("missing prefix")
	}
}
