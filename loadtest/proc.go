package loadtest

import (
	"os"
	"strconv"
	"strings"
	"time"
)

// The table's memory and CPU figures come from Linux's /proc; elsewhere
// they read 0.

// peakRSS reads a process's peak resident set size (VmHWM) in bytes from
// /proc; 0 where /proc is not available.
func peakRSS(pid int) int64 { return procStatusBytes(pid, "VmHWM:") }

// currentRSS reads a process's resident set size (VmRSS) in bytes.
func currentRSS(pid int) int64 { return procStatusBytes(pid, "VmRSS:") }

// resetPeakRSS starts a new VmHWM measurement (Linux's clear_refs "5").
func resetPeakRSS(pid int) {
	_ = os.WriteFile("/proc/"+strconv.Itoa(pid)+"/clear_refs", []byte("5"), 0)
}

func procStatusBytes(pid int, field string) int64 {
	raw, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(raw), "\n") {
		if strings.HasPrefix(line, field) {
			if f := strings.Fields(line); len(f) >= 2 {
				kb, _ := strconv.ParseInt(f[1], 10, 64)
				return kb * 1024
			}
		}
	}
	return 0
}

// processCPU reads the CPU time (user + system) a process has used, from
// /proc/PID/stat; 0 where /proc is not available. The server's CPU time per
// request is the figure that a busy machine disturbs least, so the table
// shows it next to the throughput.
func processCPU(pid int) time.Duration {
	raw, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return 0
	}
	// The command name (field 2) may hold spaces; fields after it are
	// counted from its closing parenthesis. utime and stime are fields 14
	// and 15, in clock ticks (100 per second on Linux).
	s := string(raw)
	i := strings.LastIndexByte(s, ')')
	if i < 0 {
		return 0
	}
	f := strings.Fields(s[i+1:])
	if len(f) < 13 {
		return 0
	}
	utime, _ := strconv.ParseInt(f[11], 10, 64)
	stime, _ := strconv.ParseInt(f[12], 10, 64)
	return time.Duration(utime+stime) * (time.Second / 100)
}
