package loadtest

import (
	"strconv"
	"sync/atomic"
)

// Scenarios I and J measure reads the answer caches do not help: I the
// anonymous 10-post list with a new query string on every request, so
// that every answer is made afresh (the query, the text filters, the
// JSON); J one long post (5 MiB of HTML, Credentials.LongPostID) read by
// 8 connections at once, for its p99 and the server's peak memory.

func readScenarios(c Credentials) []scenario {
	return []scenario{
		{Name: "I", Description: "GET posts (10), answer cache missed every time", Requests: []request{{Method: "GET",
			Path: "/wp-json/wp/v2/posts?per_page=10", Vary: true, Expect: 200, Contains: []byte(`"id"`)}}},
		{Name: "J", Description: "GET one 5 MiB post, 8 connections", Connections: []int{8}, Requests: []request{{Method: "GET",
			Path: "/wp-json/wp/v2/posts/" + strconv.FormatUint(c.LongPostID, 10), Expect: 200, Contains: []byte(`"rendered"`)}}},
	}
}

// warmsUp reports whether scenario name starts with one request of its
// own before it is measured: J's first reader renders the long post (once
// for every reader after it), which the table reports apart from the
// readers that find it rendered.
func warmsUp(name string) bool { return name == "J" }

// readLegend is the table's legend for I and J.
const readLegend = "I: GET /wp-json/wp/v2/posts?per_page=10&_=N, a new N each time   J: GET one 5 MiB post, 8 connections"

// varyDigits is the width of the number a Vary request carries.
const varyDigits = 12

// varyPath appends the query parameter "_" with a placeholder number to
// path, which each request then replaces (varyRequest).
func varyPath(path string) string {
	sep := "?"
	for i := 0; i < len(path); i++ {
		if path[i] == '?' {
			sep = "&"
		}
	}
	zeros := make([]byte, varyDigits)
	for i := range zeros {
		zeros[i] = '0'
	}
	return path + sep + "_=" + string(zeros)
}

// varyCounter numbers the Vary requests of the whole run, so that no two
// are alike.
var varyCounter atomic.Int64

// varyRequest writes the request raw into buf with the next number in
// place of the placeholder at at.
func varyRequest(buf, raw []byte, at int) []byte {
	buf = append(buf[:0], raw...)
	n := varyCounter.Add(1)
	for i := at + varyDigits - 1; i >= at; i-- {
		buf[i] = byte('0' + n%10)
		n /= 10
	}
	return buf
}
