// Package models decides: it holds PressPass's data in SQLite or MySQL
// (through GORM, with forward-only migrations) and every WordPress rule —
// who may do what, what a valid post, comment, term, user or application
// password is. Every write any caller can perform is one method here, so
// REST, XML-RPC, the pages and the commands cannot diverge. It knows no
// protocol: it never imports net/http or Echo, and its errors carry a kind
// that each adapter words in its own table.
package models
