package epoch

import (
	"context"
	"errors"
)

// bump is one of SQLite's bump statements and how many rows it changes.
type bump struct {
	query string
	rows  int64
}

// sqliteBumps move each set of epochs on SQLite, where one writer at a time
// is all there is and one row per epoch costs nothing.
var sqliteBumps = &[Auth | Content + 1]bump{
	Auth:           {"UPDATE auth_epochs SET version = version + 1 WHERE id = 1", 1},
	Content:        {"UPDATE auth_epochs SET version = version + 1 WHERE id = 2", 1},
	Auth | Content: {"UPDATE auth_epochs SET version = version + 1 WHERE id IN (1, 2)", 2},
}

// Bump increments the named epochs through tx. On MySQL it adds to a stripe
// of this server's (stripes.go), fenced by the epoch lock where named locks
// are shared by every writer, taken first if another process holds it.
func (s *source) Bump(ctx context.Context, tx Execer, which Which) error {
	which &= Auth | Content
	if which == 0 {
		return nil
	}
	if s.lease == nil {
		_, err := tx.ExecContext(ctx, s.bumps[which].query)
		return err
	}
	stmt := stripeBumps[which]
	node, stripe := s.server.Load().node, stripeFor(tx)
	// A try fails only when the lock moved between taking it and the
	// statement; a few tries are plenty.
	for try := 0; try < 5; try++ {
		id, err := s.lease.holder(ctx)
		if err != nil {
			return err
		}
		if id == 0 { // unfenced: nobody trusts a lease here
			_, err := tx.ExecContext(ctx, stmt.unfenced, node, stripe)
			return err
		}
		res, err := tx.ExecContext(ctx, stmt.fenced, node, stripe, id)
		if err != nil {
			return err
		}
		// The fence is all or nothing: no row when the lock is not ours,
		// else one or two a row (inserted or updated).
		if n, err := res.RowsAffected(); err == nil && n > 0 {
			s.lease.bumped()
			return nil
		}
		s.lease.lost(id)
	}
	return errors.New("epoch lock: lost it on every try")
}
