// Package sqlite stands in for github.com/glebarez/go-sqlite (PressPass's
// go.mod replaces that module with this directory) so that the GORM
// dialector PressPass uses, github.com/glebarez/sqlite, runs on
// modernc.org/sqlite instead.
//
// Why: glebarez/go-sqlite (a fork of modernc.org/sqlite v1.23) prepares
// every statement again each time it runs, even one database/sql and GORM
// hold prepared, and SQLite's parser took a fifth of the server's CPU on an
// uncached read (issue #22). modernc.org/sqlite keeps the prepared handle in
// its statement and only resets it between runs.
//
// The dialector needs two things from this module: that importing it
// registers a database/sql driver named "sqlite", which modernc.org/sqlite's
// own init does (linking both drivers would panic on the duplicate name),
// and the driver's error type, whose Code its Translate reads to turn
// constraint violations into gorm.ErrDuplicatedKey and
// gorm.ErrForeignKeyViolated. Both drivers' errors are the same struct:
// the message, and SQLite's extended result code.
package sqlite

import modernc "modernc.org/sqlite"

// Error is the error modernc.org/sqlite returns for a failed SQLite call.
type Error = modernc.Error
