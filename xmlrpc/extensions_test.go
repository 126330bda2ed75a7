package xmlrpc_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/presspass/presspass/models"
)

// PressPass's extensions as XML-RPC sees them: a read-only password calls
// only methods that change nothing; an expired one fails like a wrong one;
// a locked-out address gets fault 429.
func TestApplicationPasswordExtensions(t *testing.T) {
	ts := newSite(t, true)
	ctx := context.Background()
	ro, err := ts.store.CreateAppPasswordWith(ctx, ts.ids["editor"], models.AppPasswordOptions{Name: "ro", Scope: models.ScopeRead})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ts.call("wp.getProfile", []any{1, "editor", ro.Password}); err != nil {
		t.Fatalf("read-only password refused on a read: %v", err)
	}
	_, err = ts.call("wp.newPost", []any{1, "editor", ro.Password, map[string]any{"post_title": "x"}})
	eq(t, errString(err), faultText(401, "This application password is read-only: it cannot be used to change anything."))
	// Inside system.multicall the sub-call decides.
	res, err := ts.call("system.multicall", []any{[]any{
		map[string]any{"methodName": "wp.getProfile", "params": []any{1, "editor", ro.Password}},
		map[string]any{"methodName": "wp.deletePost", "params": []any{1, "editor", ro.Password, 1}},
	}})
	if err != nil {
		t.Fatal(err)
	}
	list := res.([]any)
	if _, ok := list[0].([]any); !ok {
		t.Fatalf("read in multicall: %v", list[0])
	}
	if f := mustStruct(t, list[1]); f["faultCode"] != int64(401) {
		t.Fatalf("write in multicall: %v", f)
	}

	soon := time.Now().Add(2 * time.Second)
	exp, err := ts.store.CreateAppPasswordWith(ctx, ts.ids["editor"], models.AppPasswordOptions{Name: "short", Expires: &soon})
	if err != nil {
		t.Fatal(err)
	}
	ts.store.Clock = func() time.Time { return time.Now().Add(time.Hour) }
	_, err = ts.call("wp.getProfile", []any{1, "editor", exp.Password})
	eq(t, errString(err), faultText(403, "Incorrect username or password."))
	ts.store.Clock = func() time.Time { return time.Now().UTC() }

	ts.store.Config.Throttle = models.ThrottleConfig{IPThreshold: 2}
	for i := 0; i < 2; i++ {
		_, _ = ts.call("wp.getProfile", []any{1, "editor", "wrong"})
	}
	_, err = ts.call("wp.getProfile", []any{1, "editor", passwords["editor"]})
	if !strings.HasPrefix(errString(err), "Fault(429): Too many failed login attempts") {
		t.Fatalf("locked-out address: %v", err)
	}
}
