package wptext

import (
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/presspass/presspass/fixtures/longtext"
)

// The display filters on long posts, each at 1 MiB and 4 MiB of realistic
// HTML (fixtures/longtext): a filter is linear when its cpu-ns/B is about
// the same at both sizes. cpu-ns/B is the process's CPU time (GC included)
// per input byte, which other processes on the machine do not inflate as
// they do ns/op.
func BenchmarkLongText(b *testing.B) {
	filters := []struct {
		name   string
		blocks bool
		f      func(string) string
	}{
		{"texturize", false, texturizeUncached},
		{"autop", false, func(s string) string { return autopUncached(s, true) }},
		{"balance_tags", false, BalanceTags},
		{"smilies", false, ConvertSmilies},
		{"make_clickable", false, func(s string) string { return MakeClickable(s, LinkRel{HomeURL: "https://example.com"}) }},
		{"convert_chars", false, ConvertChars},
		{"capital_p_dangit", false, CapitalPDangit},
		{"render_blocks", true, func(s string) string { return RenderBlocks(s, ThemeLayout{}) }},
		{"trim_excerpt", false, func(s string) string { return TrimExcerpt(s, ExcerptLength) }},
		{"the_content", false, func(s string) string { return TheContent(s, Options{Smilies: true}) }},
		{"the_content_blocks", true, func(s string) string { return TheContent(s, Options{Smilies: true}) }},
		{"comment_text", false, func(s string) string { return CommentText(s, Options{Smilies: true}) }},
	}
	for _, f := range filters {
		for _, size := range []int{1 << 20, 4 << 20} {
			in := longtext.Classic(size)
			if f.blocks {
				in = longtext.Blocks(size)
			}
			b.Run(f.name+"/"+strconv.Itoa(size>>20)+"MiB", func(b *testing.B) { benchLinear(b, in, f.f) })
		}
	}
}

// benchLinear runs f on in b.N times and reports its CPU time per input
// byte.
func benchLinear(b *testing.B, in string, f func(string) string) {
	b.ReportAllocs()
	b.SetBytes(int64(len(in)))
	start := processCPU()
	for i := 0; i < b.N; i++ {
		f(in)
	}
	b.ReportMetric(float64(processCPU()-start)/float64(b.N)/float64(len(in)), "cpu-ns/B")
}

func processCPU() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
