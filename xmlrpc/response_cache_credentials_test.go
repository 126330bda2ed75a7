package xmlrpc_test

import (
	"context"
	"testing"
	"time"

	"github.com/presspass/presspass/models"
)

// A cached answer never outlives a credential it was made for: the very same
// wp.getProfile body, answered from the cache a moment before, is refused
// (or answered afresh) once the application password expired, was revoked,
// its user's role changed, or the address was locked.
func TestAnswerCacheEndsWithTheCredential(t *testing.T) {
	ctx := context.Background()
	for _, tt := range []struct {
		name string
		// change ends or changes the credential; it may move the clock.
		change    func(ts *testSite, ap *models.NewAppPassword, clock *time.Time)
		wantFault string
		wantRole  string
	}{
		{"expiry", func(ts *testSite, ap *models.NewAppPassword, clock *time.Time) {
			*clock = clock.Add(31 * time.Second)
		}, faultText(403, "Incorrect username or password."), ""},
		{"revocation", func(ts *testSite, ap *models.NewAppPassword, clock *time.Time) {
			if _, err := ts.store.DeleteAppPassword(ctx, ts.ids["editor"], ap.UUID); err != nil {
				t.Fatal(err)
			}
		}, faultText(403, "Incorrect username or password."), ""},
		{"role", func(ts *testSite, ap *models.NewAppPassword, clock *time.Time) {
			role := "author"
			if _, err := ts.store.UpdateUser(ctx, ts.ids["editor"], models.UserInput{Role: &role}); err != nil {
				t.Fatal(err)
			}
		}, "", "author"},
		{"address lock", func(ts *testSite, ap *models.NewAppPassword, clock *time.Time) {
			ts.store.Config.Throttle = models.ThrottleConfig{IPThreshold: 2}
			for range 2 {
				_, _ = ts.call("wp.getProfile", []any{1, "editor", "wrong"})
			}
		}, faultText(429, "Too many failed login attempts. Try again in 60 seconds."), ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ts := newSite(t, true)
			clock := time.Now().UTC()
			ts.store.Clock = func() time.Time { return clock }
			expires := clock.Add(30 * time.Second)
			ap, err := ts.store.CreateAppPasswordWith(ctx, ts.ids["editor"], models.AppPasswordOptions{Name: "short", Expires: &expires})
			if err != nil {
				t.Fatal(err)
			}
			args := []any{1, "editor", ap.Password}
			for range 2 { // the second answer comes from the cache
				v, err := ts.call("wp.getProfile", args)
				if err != nil {
					t.Fatal(err)
				}
				eq(t, mustStruct(t, v)["roles"], []any{"editor"})
			}
			tt.change(ts, ap, &clock)
			v, err := ts.call("wp.getProfile", args)
			if tt.wantFault != "" {
				eq(t, errString(err), tt.wantFault)
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			eq(t, mustStruct(t, v)["roles"], []any{tt.wantRole})
		})
	}
}
