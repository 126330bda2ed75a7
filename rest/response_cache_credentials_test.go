package rest

import (
	"context"
	"testing"
	"time"

	"github.com/presspass/presspass/models"
)

// A cached answer never outlives a credential it was made for: the very same
// GET, answered from the cache a moment before, is refused (or answered
// afresh) once the application password expired, was revoked, its user's
// role changed, or the address was locked.
func TestResponseCacheEndsWithTheCredential(t *testing.T) {
	ctx := context.Background()
	for _, tt := range []struct {
		name       string
		change     func(ts *testSite, ap *models.NewAppPassword, clock *time.Time)
		wantStatus int
		wantCode   string
		wantRole   string
	}{
		{"expiry", func(ts *testSite, ap *models.NewAppPassword, clock *time.Time) {
			*clock = clock.Add(31 * time.Second)
		}, 401, "application_password_expired", ""},
		{"revocation", func(ts *testSite, ap *models.NewAppPassword, clock *time.Time) {
			if _, err := ts.store.DeleteAppPassword(ctx, ap.UserID, ap.UUID); err != nil {
				t.Fatal(err)
			}
		}, 401, "incorrect_password", ""},
		{"role", func(ts *testSite, ap *models.NewAppPassword, clock *time.Time) {
			role := "author"
			if _, err := ts.store.UpdateUser(ctx, ap.UserID, models.UserInput{Role: &role}); err != nil {
				t.Fatal(err)
			}
		}, 200, "", "author"},
		{"address lock", func(ts *testSite, ap *models.NewAppPassword, clock *time.Time) {
			ts.store.Config.Throttle = models.ThrottleConfig{IPThreshold: 2}
			for range 2 {
				ts.expect(req{path: "/wp-json/wp/v2/users/me", headers: map[string]string{"Authorization": basic("editor", "AAAABBBBCCCCDDDDEEEEFFFF")}}, 401, "incorrect_password")
			}
		}, 429, "too_many_login_attempts", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ts := newTestSite(t)
			clock := time.Now().UTC()
			ts.store.Clock = func() time.Time { return clock }
			u, err := ts.store.UserByLogin(ctx, "editor")
			if err != nil {
				t.Fatal(err)
			}
			expires := clock.Add(30 * time.Second)
			ap, err := ts.store.CreateAppPasswordWith(ctx, u.ID, models.AppPasswordOptions{Name: "short", Expires: &expires})
			if err != nil {
				t.Fatal(err)
			}
			me := req{path: "/wp-json/wp/v2/users/me?context=edit", headers: map[string]string{"Authorization": basic("editor", ap.Password)}}
			for range 2 { // the second answer comes from the cache
				roles := ts.expect(me, 200, "").obj()["roles"].([]any)
				if len(roles) != 1 || roles[0] != "editor" {
					t.Fatalf("roles %v", roles)
				}
			}
			tt.change(ts, ap, &clock)
			res := ts.expect(me, tt.wantStatus, tt.wantCode)
			if tt.wantRole != "" {
				if roles := res.obj()["roles"].([]any); len(roles) != 1 || roles[0] != tt.wantRole {
					t.Fatalf("roles %v, want [%s]", roles, tt.wantRole)
				}
			}
		})
	}
}
