//go:build linux || darwin || freebsd

package models

import (
	"context"
	"database/sql"
	"os"
	"strings"
	"sync/atomic"
	"syscall"
	"unsafe"
)

// On SQLite, whether anything at all was committed since the epochs were last
// read can be told without a query: SQLite keeps, in the shared-memory file
// of a WAL database (PATH-shm, mapped by every process that has it open), a
// header that every commit rewrites — a change counter, the last frame, the
// checksums — before the commit becomes visible to any reader. PressPass
// maps that header read-only; while it is unchanged, the epochs read after
// it was last seen are still current, and a request needs no query at all.
// Any commit (by this process, another PressPass process or a sqlite3 shell)
// changes it, so the next request reads the epochs again, exactly as before.
// The layout is SQLite's documented WAL-index format (walformat.html): two
// copies of a 48-byte header, written second-copy-first, that a reader
// trusts only when both agree and the header is initialised.

const walIndexHeaderSize = 48

// walStamp is one consistent copy of the WAL-index header.
type walStamp [walIndexHeaderSize / 4]uint32

// walWatch is the read-only mapping of a database's -shm header.
type walWatch struct {
	mem []byte
	// pin holds one connection open for the store's lifetime: SQLite
	// deletes the -shm file when the last connection closes, and a mapping
	// of a deleted file would never see another change.
	pin *sql.Conn
}

// openWALWatch maps the -shm header of the SQLite database at path. It
// returns nil when that is not possible (not WAL, an in-memory database, a
// platform without mmap): the store then reads the epochs every time.
func openWALWatch(ctx context.Context, db *sql.DB, path string) *walWatch {
	if path == "" || strings.HasPrefix(path, ":memory:") || strings.HasPrefix(path, "file:") {
		return nil
	}
	pin, err := db.Conn(ctx)
	if err != nil {
		return nil
	}
	var mode string
	// Reading the schema opens the WAL index (and creates -shm) on the
	// pinned connection.
	if err := pin.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode); err != nil || !strings.EqualFold(mode, "wal") {
		_ = pin.Close()
		return nil
	}
	var n int
	if err := pin.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_master").Scan(&n); err != nil {
		_ = pin.Close()
		return nil
	}
	f, err := os.Open(path + "-shm")
	if err != nil {
		_ = pin.Close()
		return nil
	}
	defer f.Close()
	mem, err := syscall.Mmap(int(f.Fd()), 0, 2*walIndexHeaderSize, syscall.PROT_READ, syscall.MAP_SHARED)
	if err != nil {
		_ = pin.Close()
		return nil
	}
	return &walWatch{mem: mem, pin: pin}
}

// stamp reads the header; ok is false while a writer is between the two
// copies or the index is not initialised (the caller then queries).
func (w *walWatch) stamp() (s walStamp, ok bool) {
	var second walStamp
	// Read the first copy, then the second, as SQLite's readers do: a writer
	// writes them in the other order, so equal copies are a whole header.
	for i := range s {
		s[i] = atomic.LoadUint32((*uint32)(unsafe.Pointer(&w.mem[4*i])))
	}
	for i := range second {
		second[i] = atomic.LoadUint32((*uint32)(unsafe.Pointer(&w.mem[walIndexHeaderSize+4*i])))
	}
	// isInit is the first byte of the fourth word, in native byte order.
	isInit := (*[4]byte)(unsafe.Pointer(&s[3]))[0]
	return s, s == second && isInit != 0
}

func (w *walWatch) close() {
	_ = syscall.Munmap(w.mem)
	_ = w.pin.Close()
}
