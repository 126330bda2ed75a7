package epoch

import (
	"context"
	"database/sql"
	"os"
	"strings"
)

// On SQLite, whether anything at all was committed since the epochs were last
// read can be told without a query: SQLite keeps, in the shared-memory file
// of a WAL database (PATH-shm, shared by every process that has the database
// open), a header that every commit rewrites — a change counter, the last
// frame, the checksums — before the commit becomes visible to any reader.
// PressPass reads that header (96 bytes, one pread); while it is unchanged,
// the epochs read after it was last seen are still current, and a request
// needs no query at all. Any commit (by this process, another PressPass
// process or a sqlite3 shell) changes it, so the next request reads the
// epochs again, exactly as before. The layout is SQLite's documented
// WAL-index format (walformat.html): two copies of a 48-byte header, written
// second-copy-first, that a reader trusts only when both agree and the header
// is initialised. A pread, unlike a mapping, cannot fault if the file shrinks.

const walIndexHeaderSize = 48

// changeStamp is what a changeWatch compares: here one consistent copy of
// the WAL-index header.
type changeStamp [walIndexHeaderSize]byte

// walWatch reads a database's -shm header.
type walWatch struct {
	shm *os.File
	// pin holds one connection open for the source's lifetime: SQLite
	// deletes the -shm file when the last connection closes, and a handle on
	// a deleted file would never see another change.
	pin *sql.Conn
}

// openWALWatch opens the -shm file of the SQLite database at path. It
// returns nil when that is not possible (not WAL, an in-memory database, a
// URI file name): the source then reads the epochs every time.
func openWALWatch(ctx context.Context, db *sql.DB, path string) *walWatch {
	if path == "" || strings.HasPrefix(path, ":memory:") || strings.HasPrefix(path, "file:") {
		return nil
	}
	pin, err := db.Conn(ctx)
	if err != nil {
		return nil
	}
	var mode string
	if err := pin.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode); err != nil || !strings.EqualFold(mode, "wal") {
		_ = pin.Close()
		return nil
	}
	// Reading the schema opens the WAL index (and creates -shm) on the
	// pinned connection.
	var n int
	if err := pin.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_master").Scan(&n); err != nil {
		_ = pin.Close()
		return nil
	}
	shm, err := os.Open(path + "-shm")
	if err != nil {
		_ = pin.Close()
		return nil
	}
	return &walWatch{shm: shm, pin: pin}
}

// stamp reads the header; ok is false while a writer is between the two
// copies, the index is not initialised or the read fails (the caller then
// queries).
func (w *walWatch) stamp() (s changeStamp, ok bool) {
	var both [2 * walIndexHeaderSize]byte
	if n, _ := w.shm.ReadAt(both[:], 0); n != len(both) {
		return s, false
	}
	copy(s[:], both[:walIndexHeaderSize])
	// isInit is byte 12 of the header.
	return s, s == changeStamp(both[walIndexHeaderSize:]) && s[12] != 0
}

// lockingReads: SQLite's reads see every commit made before they began.
func (w *walWatch) lockingReads() bool { return false }

func (w *walWatch) close() {
	_ = w.shm.Close()
	_ = w.pin.Close()
}
