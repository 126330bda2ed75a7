package epoch

import (
	"context"
	"errors"
)

// lockFence, added to a bump on MySQL, makes it change nothing unless the
// given connection holds the epoch lock (lease.go).
const lockFence = " AND IS_USED_LOCK(CONCAT('presspass-epochs:', SHA1(DATABASE()))) = ?"

// bumps are the statements that move each set of epochs, and how many rows
// each changes.
var bumps = [...]struct {
	query string
	rows  int64
}{
	Auth:           {"UPDATE auth_epochs SET version = version + 1 WHERE id = 1", 1},
	Content:        {"UPDATE auth_epochs SET version = version + 1 WHERE id = 2", 1},
	Auth | Content: {"UPDATE auth_epochs SET version = version + 1 WHERE id IN (1, 2)", 2},
}

// Bump increments the named epochs through tx. On MySQL the bump is fenced
// by the epoch lock, taken first if another process holds it.
func (s *source) Bump(ctx context.Context, tx Execer, which Which) error {
	if which == 0 {
		return nil
	}
	b := bumps[which&(Auth|Content)]
	if s.lease == nil {
		_, err := tx.ExecContext(ctx, b.query)
		return err
	}
	// A try fails only when the lock moved between taking it and the
	// UPDATE; a few tries are plenty.
	for try := 0; try < 5; try++ {
		id, err := s.lease.holder(ctx)
		if err != nil {
			return err
		}
		if id == 0 { // no named locks on this server: nobody trusts a lease
			_, err := tx.ExecContext(ctx, b.query)
			return err
		}
		res, err := tx.ExecContext(ctx, b.query+lockFence, id)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err == nil && n == b.rows {
			s.lease.bumped()
			return nil
		}
		s.lease.lost(id)
	}
	return errors.New("epoch lock: lost it on every try")
}
