package loadtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"time"
)

// child is a server process started by the load test.
type child struct {
	cmd     *exec.Cmd
	pid     int
	base    string
	startup time.Duration
}

func (c *child) stop() {
	if c == nil || c.cmd == nil || c.cmd.Process == nil {
		return
	}
	_ = c.cmd.Process.Signal(os.Interrupt)
	done := make(chan struct{})
	go func() { _ = c.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		_ = c.cmd.Process.Kill()
	}
	c.cmd = nil
}

// startChild runs `presspass args… --addr 127.0.0.1:PORT` and waits for
// /healthz. The child's log goes to o.Progress.
func startChild(ctx context.Context, o Options, args ...string) (*child, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	addr := ln.Addr().String()
	ln.Close()
	cmd := exec.CommandContext(ctx, o.Executable, append(args, "--addr", addr)...)
	cmd.Env = append(os.Environ(), "PRESSPASS_ADMIN_PASSWORD=unused-"+randomHex(8))
	cmd.Stdout, cmd.Stderr = io.Discard, o.Progress
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	c := &child{cmd: cmd, pid: cmd.Process.Pid, base: "http://" + addr}
	for i := 0; i < 300; i++ {
		resp, err := http.Get(c.base + "/healthz")
		if err == nil {
			resp.Body.Close()
			c.startup = time.Since(start)
			return c, nil
		}
		time.Sleep(10 * time.Millisecond)
	}
	c.stop()
	return nil, fmt.Errorf("%s did not start", strings.Join(args[:1], " "))
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
