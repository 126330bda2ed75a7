package models

import "gorm.io/gorm"

// WordPress compares logins and e-mail addresses in MySQL's case-insensitive
// collations: "EDITOR" logs in as "editor", and "Editor" cannot be created
// beside it. MySQL's columns compare so by themselves; SQLite's compare
// bytes, so there the comparison asks for NOCASE (ASCII letters fold, as
// most logins and addresses are), and an index in the same collation keeps
// the lookup indexed — without it SQLite would scan the table.

// sameName is the condition "column equals ?" in that comparison, for the
// users' login and email columns.
func (s *Store) sameName(column string) string {
	if s.dialect == DialectSQLite {
		return column + " = ? COLLATE NOCASE"
	}
	return column + " = ?"
}

// addCaseInsensitiveUserIndexes creates the NOCASE indexes on SQLite; MySQL's
// existing indexes already compare case-insensitively.
func addCaseInsensitiveUserIndexes(tx *gorm.DB) error {
	if tx.Dialector.Name() != "sqlite" {
		return nil
	}
	for _, stmt := range []string{
		"CREATE INDEX IF NOT EXISTS idx_users_login_nocase ON users (login COLLATE NOCASE)",
		"CREATE INDEX IF NOT EXISTS idx_users_email_nocase ON users (email COLLATE NOCASE)",
	} {
		if err := tx.Exec(stmt).Error; err != nil {
			return err
		}
	}
	return nil
}
