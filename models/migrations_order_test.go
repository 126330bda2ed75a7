package models

import "testing"

// Migrate runs the steps in list order, and every database records them by
// version: the versions must rise strictly, so that a new step can only be
// added at the end and no two steps share a version.
func TestMigrationVersionsRiseStrictly(t *testing.T) {
	for i, m := range migrations {
		if m.Name == "" || m.Up == nil {
			t.Errorf("step %d has no name or no function", m.Version)
		}
		if i > 0 && m.Version <= migrations[i-1].Version {
			t.Errorf("step %d (%s) follows step %d", m.Version, m.Name, migrations[i-1].Version)
		}
	}
}
