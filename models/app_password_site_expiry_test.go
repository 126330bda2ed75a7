package models_test

import (
	"context"
	"testing"
	"time"

	"github.com/presspass/presspass/fixtures/fixturestest"
	"github.com/presspass/presspass/models"
)

// SiteExpiry records that the site's maximum lifetime, not the client, gave
// a password its expiry (the REST adapter shows such an expiry only on
// request), and it survives a reload from the database.
func TestAppPasswordSiteExpiryFlag(t *testing.T) {
	ctx := context.Background()
	s := fixturestest.Open(t)
	now := time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)
	s.Clock = func() time.Time { return now }
	u := newUser(t, s, "sian", "author")
	in10 := now.Add(10 * 24 * time.Hour)
	in400 := now.Add(400 * 24 * time.Hour)
	tests := []struct {
		name     string
		max      time.Duration
		expires  *time.Time
		want     *time.Time
		wantSite bool
	}{
		{"no cap, none asked", 0, nil, nil, false},
		{"no cap, asked", 0, &in10, &in10, false},
		{"cap, none asked", 90 * 24 * time.Hour, nil, expiryAt(now.Add(90 * 24 * time.Hour)), true},
		{"cap, asked less", 90 * 24 * time.Hour, &in10, &in10, false},
		{"cap, asked more", 90 * 24 * time.Hour, &in400, expiryAt(now.Add(90 * 24 * time.Hour)), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s.Config.AppPasswordMaxLifetime = tt.max
			np, err := s.CreateAppPasswordWith(ctx, u.ID, models.AppPasswordOptions{Name: tt.name, Expires: tt.expires})
			if err != nil {
				t.Fatal(err)
			}
			got, err := s.AppPasswordByUUID(ctx, u.ID, np.UUID)
			if err != nil {
				t.Fatal(err)
			}
			if (got.Expires == nil) != (tt.want == nil) || (tt.want != nil && !got.Expires.Equal(*tt.want)) {
				t.Errorf("expires %v, want %v", got.Expires, tt.want)
			}
			if got.SiteExpiry != tt.wantSite || np.SiteExpiry != tt.wantSite {
				t.Errorf("site expiry stored %v, returned %v, want %v", got.SiteExpiry, np.SiteExpiry, tt.wantSite)
			}
		})
	}
}

func expiryAt(t time.Time) *time.Time { return &t }
