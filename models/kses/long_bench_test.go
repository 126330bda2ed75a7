package kses

import (
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/presspass/presspass/fixtures/longtext"
)

// kses on long posts at 1 MiB and 4 MiB of realistic HTML: linear when
// cpu-ns/B (the process's CPU time, GC included, per input byte) is about
// the same at both sizes.
func BenchmarkLongText(b *testing.B) {
	for _, f := range []struct {
		name string
		f    func(string) string
	}{
		{"filter_post", FilterPost},
		{"filter_comment", FilterComment},
		{"rel_ugc", func(s string) string { return RelUGC(s, "example.com") }},
	} {
		for _, size := range []int{1 << 20, 4 << 20} {
			in := longtext.Classic(size)
			b.Run(f.name+"/"+strconv.Itoa(size>>20)+"MiB", func(b *testing.B) {
				b.ReportAllocs()
				b.SetBytes(int64(len(in)))
				start := processCPU()
				for i := 0; i < b.N; i++ {
					f.f(in)
				}
				b.ReportMetric(float64(processCPU()-start)/float64(b.N)/float64(len(in)), "cpu-ns/B")
			})
		}
	}
}

func processCPU() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
