package xmlrpc_test

import (
	"context"
	"testing"

	"github.com/presspass/presspass/models"
)

// Read-only answers come from the cache only while nothing they depend on
// changed: a new user shows at once, a revoked password fails at once.
func TestAnswerCacheFollowsWrites(t *testing.T) {
	ts := newSite(t, true)
	ctx := context.Background()
	count := func() int {
		t.Helper()
		v, err := ts.call("wp.getUsers", ts.creds("admin"))
		if err != nil {
			t.Fatal(err)
		}
		return len(v.([]any))
	}
	before := count()
	if count() != before {
		t.Fatal("repeated call differs")
	}
	login, email, pw, role := "newcomer", "newcomer@example.com", "pw", "author"
	if _, err := ts.store.CreateUser(ctx, models.UserInput{Login: &login, Email: &email, Password: &pw, Role: &role}); err != nil {
		t.Fatal(err)
	}
	if after := count(); after != before+1 {
		t.Fatalf("after a new user: %d, want %d", after, before+1)
	}
	// Revoke the admin's password: the very same request now fails.
	list, err := ts.store.AppPasswords(ctx, ts.ids["admin"])
	if err != nil {
		t.Fatal(err)
	}
	for _, ap := range list {
		if _, err := ts.store.DeleteAppPassword(ctx, ts.ids["admin"], ap.UUID); err != nil {
			t.Fatal(err)
		}
	}
	_, err = ts.call("wp.getUsers", ts.creds("admin"))
	eq(t, errString(err), faultText(403, "Incorrect username or password."))
	// A wrong password never hits another caller's entry.
	_, err = ts.call("wp.getUsers", []any{1, "editor", "wrong"})
	eq(t, errString(err), faultText(403, "Incorrect username or password."))
}
