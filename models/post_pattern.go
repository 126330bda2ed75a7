package models

import "gorm.io/gorm"

// Patterns (wp_block posts) carry one meta value of their own,
// wp_pattern_sync_status, kept as a column of the post.

// addPatternSyncStatus is migration step 900.
func addPatternSyncStatus(tx *gorm.DB) error {
	if tx.Migrator().HasColumn(&Post{}, "PatternSyncStatus") {
		return nil
	}
	return tx.Migrator().AddColumn(&Post{}, "PatternSyncStatus")
}

// PatternSyncStatuses are the values register_meta allows for
// wp_pattern_sync_status besides "" (synced).
var PatternSyncStatuses = []string{"partial", "unsynced"}

// validPatternSyncStatus reports whether s is a sync status a pattern may
// have.
func validPatternSyncStatus(s string) bool {
	if s == "" {
		return true
	}
	for _, v := range PatternSyncStatuses {
		if v == s {
			return true
		}
	}
	return false
}
