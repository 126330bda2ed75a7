package handlers

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/presspass/presspass/models"
)

// rowCells returns the Scope and Expires cells of the table row of the
// password with that uuid, as text.
func rowCells(t *testing.T, body, uuid string) (scope, expires string, markedExpired bool) {
	t.Helper()
	re := regexp.MustCompile(`(?s)<tr data-uuid="` + uuid + `"([^>]*)>.*?</tr>`)
	m := re.FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no row for %s", uuid)
	}
	cell := func(class string) string {
		c := regexp.MustCompile(`(?s)<td class="` + class + `"[^>]*>(.*?)</td>`).FindStringSubmatch(m[0])
		if c == nil {
			t.Fatalf("row %s has no %s", uuid, class)
		}
		return text(c[1])
	}
	return cell("column-scope"), cell("column-expires"), strings.Contains(m[1], "expired")
}

func TestProfileAppPasswordScopeAndExpiryColumns(t *testing.T) {
	ts := newTestSite(t, models.EnvironmentLocal)
	ctx := context.Background()
	author, err := ts.store.UserByLogin(ctx, "author")
	if err != nil {
		t.Fatal(err)
	}
	create := func(o models.AppPasswordOptions) string {
		np, err := ts.store.CreateAppPasswordWith(ctx, author.ID, o)
		if err != nil {
			t.Fatal(err)
		}
		return np.UUID
	}
	now := ts.store.Now()
	in10 := now.Add(10 * 24 * time.Hour)
	soon := now.Add(time.Hour)
	plain := create(models.AppPasswordOptions{Name: "plain"})
	reader := create(models.AppPasswordOptions{Name: "reader", Scope: models.ScopeRead, Expires: &in10})
	gone := create(models.AppPasswordOptions{Name: "gone", Expires: &soon})
	ts.store.Clock = func() time.Time { return time.Now().UTC().Add(2 * time.Hour) }

	b := ts.browser()
	b.login("author", "author-test-pass")
	p := b.get("/wp-admin/profile.php")
	mustContain(t, p, `<th scope="col" class="column-scope">Scope</th>`, `<th scope="col" class="column-expires">Expires</th>`)
	tests := []struct {
		uuid, scope, expires string
		expired              bool
	}{
		{plain, "Full", "Never", false},
		{reader, "Read only", formatDate(in10), false},
		{gone, "Full", "Expired " + formatDate(soon), true},
	}
	for _, tt := range tests {
		scope, expires, expired := rowCells(t, p.Body, tt.uuid)
		if scope != tt.scope || expires != tt.expires || expired != tt.expired {
			t.Errorf("row %s: %q %q expired=%v, want %q %q %v", tt.uuid, scope, expires, expired, tt.scope, tt.expires, tt.expired)
		}
	}
	if strings.Contains(p.Body, `id="max-lifetime"`) {
		t.Error("a maximum lifetime is announced without one")
	}
	ts.store.Config.AppPasswordMaxLifetime = 90 * 24 * time.Hour
	mustContain(t, b.get("/wp-admin/profile.php"), "after at most 90 days")
}

// A create that fails (empty name) comes back with the error and with the
// scope and expiry that were chosen.
func TestProfileCreateErrorKeepsChoices(t *testing.T) {
	ts := newTestSite(t, models.EnvironmentLocal)
	b := ts.browser()
	b.login("author", "author-test-pass")
	p := b.get("/wp-admin/profile.php")
	f := appPasswordForm(t, p.Body, "   ")
	f.Set("scope", "read")
	f.Set("expires_in", "90")
	r := b.post("/wp-admin/profile.php", f)
	wantStatus(t, r, 200)
	mustContain(t, r, "An application name is required to create an application password.",
		`<option value="read" selected>`, `<option value="90" selected>`)
	if strings.Contains(r.Body, `<option value="full" selected>`) || strings.Contains(r.Body, `<option value="never" selected>`) {
		t.Error("the defaults are selected too")
	}
}
