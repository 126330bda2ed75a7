package models

import (
	"context"

	"gorm.io/gorm"
)

// InTx runs fn with a Store bound to one database transaction: everything fn
// writes through that Store is committed together when fn returns nil and
// rolled back when it returns an error (which InTx returns). Store methods
// that open their own transaction nest inside it as savepoints, so a caller
// can also undo one row of a batch without losing the rest. Loaders and
// imports use it to write a table batch as one unit.
func (s *Store) InTx(ctx context.Context, fn func(tx *Store) error) error {
	err := s.db.WithContext(ctx).Transaction(func(db *gorm.DB) error {
		return fn(&Store{db: db, dialect: s.dialect, Clock: s.Clock, Config: s.Config, verified: s.verified, Notifier: s.Notifier, logins: s.logins,
			epochs: s.epochs, inTx: true})
	})
	if err != nil {
		return err
	}
	// Options written inside the transaction went to the transaction's own
	// Store; refresh this one's cache, when it has one, so it sees them.
	s.optionsMu.RLock()
	cached := s.optionsCache != nil
	s.optionsMu.RUnlock()
	if !cached {
		return nil
	}
	_, err = s.loadOptions(ctx)
	return err
}
