package loadtest

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"
)

// The generator speaks HTTP/1.1 itself over one keep-alive connection per
// worker, with every request serialised once up front, as wrk does: on a
// two-core machine the generator shares the CPU with the server, and Go's
// full HTTP client cost several times what the server spends on a cached
// answer, which hid the server's speed behind the client's.

// wireRequest is a request serialised for one host.
type wireRequest struct {
	lr  request
	raw []byte
	// varyAt is where the number of a Vary request is (0: none).
	varyAt int
}

func serialise(u *url.URL, reqs []request) []wireRequest {
	out := make([]wireRequest, len(reqs))
	for i, lr := range reqs {
		var b bytes.Buffer
		path, varyAt := lr.Path, 0
		if lr.Vary {
			path = varyPath(path)
			varyAt = len(lr.Method) + 1 + len(path) - varyDigits
		}
		fmt.Fprintf(&b, "%s %s HTTP/1.1\r\nHost: %s\r\nUser-Agent: presspass-loadtest\r\n", lr.Method, path, u.Host)
		keys := make([]string, 0, len(lr.Header))
		for k := range lr.Header {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			for _, v := range lr.Header[k] {
				fmt.Fprintf(&b, "%s: %s\r\n", k, v)
			}
		}
		if lr.Body != nil || lr.Method == "POST" {
			fmt.Fprintf(&b, "Content-Length: %d\r\n", len(lr.Body))
		}
		b.WriteString("\r\n")
		b.Write(lr.Body)
		out[i] = wireRequest{lr: lr, raw: b.Bytes(), varyAt: varyAt}
	}
	return out
}

// wireConn is one worker's connection.
type wireConn struct {
	addr string
	conn net.Conn
	r    *bufio.Reader
	body []byte
}

var errConnClosed = errors.New("server closed the connection")

// roundTrip sends one request and reads the whole answer; it redials once
// when a kept-alive connection turns out to be closed.
func (c *wireConn) roundTrip(req []byte, deadline time.Time) (status int, body []byte, err error) {
	for attempt := 0; ; attempt++ {
		if c.conn == nil {
			conn, err := net.DialTimeout("tcp", c.addr, 5*time.Second)
			if err != nil {
				return 0, nil, err
			}
			c.conn, c.r = conn, bufio.NewReaderSize(conn, 16<<10)
		}
		_ = c.conn.SetDeadline(deadline)
		status, body, keep, err := c.exchange(req)
		if err == nil {
			if !keep {
				c.close()
			}
			return status, body, nil
		}
		c.close()
		if attempt > 0 || !errors.Is(err, errConnClosed) {
			return 0, nil, err
		}
	}
}

func (c *wireConn) close() {
	if c.conn != nil {
		_ = c.conn.Close()
		c.conn = nil
	}
}

func (c *wireConn) exchange(req []byte) (status int, body []byte, keep bool, err error) {
	if _, err := c.conn.Write(req); err != nil {
		return 0, nil, false, errConnClosed
	}
	line, err := c.r.ReadSlice('\n')
	if err != nil {
		if err == io.EOF {
			err = errConnClosed
		}
		return 0, nil, false, err
	}
	// "HTTP/1.1 200 OK"
	if len(line) < 12 || !bytes.HasPrefix(line, []byte("HTTP/1.")) {
		return 0, nil, false, fmt.Errorf("bad status line %q", line)
	}
	status, err = strconv.Atoi(string(line[9:12]))
	if err != nil {
		return 0, nil, false, fmt.Errorf("bad status line %q", line)
	}
	length, chunked, keep := -1, false, true
	for {
		h, err := c.r.ReadSlice('\n')
		if err != nil {
			return 0, nil, false, err
		}
		if len(h) <= 2 {
			break
		}
		name, value, _ := strings.Cut(string(h), ":")
		value = strings.TrimSpace(value)
		switch strings.ToLower(name) {
		case "content-length":
			if length, err = strconv.Atoi(value); err != nil {
				return 0, nil, false, fmt.Errorf("bad Content-Length %q", value)
			}
		case "transfer-encoding":
			chunked = strings.EqualFold(value, "chunked")
		case "connection":
			keep = !strings.EqualFold(value, "close")
		}
	}
	c.body = c.body[:0]
	switch {
	case chunked:
		for {
			sz, err := c.r.ReadSlice('\n')
			if err != nil {
				return 0, nil, false, err
			}
			n, err := strconv.ParseInt(strings.TrimSpace(strings.SplitN(string(sz), ";", 2)[0]), 16, 64)
			if err != nil {
				return 0, nil, false, fmt.Errorf("bad chunk size %q", sz)
			}
			if n == 0 {
				if _, err := c.r.ReadSlice('\n'); err != nil { // the empty trailer
					return 0, nil, false, err
				}
				break
			}
			if c.body, err = appendN(c.body, c.r, int(n)); err != nil {
				return 0, nil, false, err
			}
			if _, err := c.r.Discard(2); err != nil {
				return 0, nil, false, err
			}
		}
	case length >= 0:
		if c.body, err = appendN(c.body, c.r, length); err != nil {
			return 0, nil, false, err
		}
	default: // no length: the body runs to the end of the connection
		rest, err := io.ReadAll(c.r)
		if err != nil {
			return 0, nil, false, err
		}
		c.body, keep = append(c.body, rest...), false
	}
	return status, c.body, keep, nil
}

func appendN(dst []byte, r io.Reader, n int) ([]byte, error) {
	start := len(dst)
	dst = append(dst, make([]byte, n)...)
	_, err := io.ReadFull(r, dst[start:])
	return dst, err
}
