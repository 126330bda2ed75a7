package handlers

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/presspass/presspass/models"
)

const adminPagePath = "/wp-admin/application-passwords.php"

// seedAppPasswords gives users passwords through the model: n per user,
// named "<login>-<i>", the app app for even i, read-only for odd i.
func seedAppPasswords(t *testing.T, ts *testSite, n int, app string, logins ...string) {
	t.Helper()
	ctx := context.Background()
	for _, login := range logins {
		u, err := ts.store.UserByLogin(ctx, login)
		if err != nil {
			t.Fatal(err)
		}
		for i := 0; i < n; i++ {
			o := models.AppPasswordOptions{Name: login + "-" + strconv.Itoa(i)}
			if i%2 == 0 {
				o.AppID = app
			} else {
				o.Scope = models.ScopeRead
			}
			if _, err := ts.store.CreateAppPasswordWith(ctx, u.ID, o); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// rowCount is the number of password rows in the page's table.
func rowCount(p *page) int { return strings.Count(p.Body, `<tr data-uuid=`) }

func TestAdminAppPasswordsAccess(t *testing.T) {
	ts := newTestSite(t, models.EnvironmentLocal)
	anon := ts.browser()
	p := anon.get(adminPagePath)
	wantStatus(t, p, http.StatusFound)
	if !strings.Contains(p.Header.Get("Location"), "/wp-login.php?redirect_to=") {
		t.Errorf("logged out: Location %q", p.Header.Get("Location"))
	}
	tests := []struct {
		login, pass string
		status      int
		dashLink    bool
	}{
		{"admin", adminPass, http.StatusOK, true},
		{"editor", editorPass, http.StatusForbidden, false},
		{"author", "author-test-pass", http.StatusForbidden, false},
	}
	for _, tt := range tests {
		t.Run(tt.login, func(t *testing.T) {
			b := ts.browser()
			b.login(tt.login, tt.pass)
			wantStatus(t, b.get(adminPagePath), tt.status)
			if got := strings.Contains(b.get("/wp-admin/").Body, adminPagePath); got != tt.dashLink {
				t.Errorf("dashboard links the page: %v, want %v", got, tt.dashLink)
			}
			if tt.status != http.StatusOK {
				wantStatus(t, b.post(adminPagePath, url.Values{"action": {"revoke-filtered"}, "filter": {"scope=read"}}), http.StatusForbidden)
			}
		})
	}
}

func TestAdminAppPasswordsFilters(t *testing.T) {
	ts := newTestSite(t, models.EnvironmentLocal)
	const app = "6f5d6a9e-2c2c-4a1a-9b1e-0d3c5a7e9f11"
	seedAppPasswords(t, ts, 3, app, "author", "editor") // per user: 0 and 2 with the app, 1 read-only
	ctx := context.Background()
	author, _ := ts.store.UserByLogin(ctx, "author")
	// One expired password: created, then the clock moves past its expiry.
	exp := ts.store.Now().Add(time.Hour)
	if _, err := ts.store.CreateAppPasswordWith(ctx, author.ID, models.AppPasswordOptions{Name: "short-lived", Expires: &exp}); err != nil {
		t.Fatal(err)
	}
	ts.store.Clock = func() time.Time { return time.Now().UTC().Add(2 * time.Hour) }
	b := ts.browser()
	b.login("admin", adminPass)

	tests := []struct {
		query string
		rows  int
		want  []string
		error string
	}{
		{"", 7, []string{"author-0", "editor-2", "short-lived"}, ""},
		{"user=author", 4, []string{"author-1"}, ""},
		{"user=" + strconv.FormatUint(author.ID, 10), 4, nil, ""},
		{"user=author@example.com", 4, nil, ""},
		{"app_id=" + app, 4, []string{app}, ""},
		{"app_id=" + strings.ToUpper(app), 4, nil, ""},
		{"scope=read", 2, []string{"Read only"}, ""},
		{"scope=full&user=editor", 2, nil, ""},
		{"expired=yes", 1, []string{"short-lived", "Expired"}, ""},
		{"expired=no", 6, nil, ""},
		{"unused_since=2999-01-01", 7, nil, ""},
		{"user=nobody", 0, nil, "No user has the ID, login or email"},
		{"app_id=not-a-uuid", 0, nil, "The application ID must be a UUID."},
		{"scope=admin", 0, nil, "The scope must be full or read."},
		{"expired=maybe", 0, nil, "Expired must be yes or no."},
		{"unused_since=yesterday", 0, nil, "must be a date such as"},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			p := b.get(adminPagePath + "?" + tt.query)
			wantStatus(t, p, http.StatusOK)
			if got := rowCount(p); got != tt.rows {
				t.Errorf("%d rows, want %d", got, tt.rows)
			}
			mustContain(t, p, tt.want...)
			if tt.error != "" {
				if !strings.Contains(p.Body, `class="notice notice-error error"`) {
					t.Error("no error notice")
				}
				mustContain(t, p, tt.error)
			}
		})
	}
	// The author's user-edit link sits in the user column.
	mustContain(t, b.get(adminPagePath+"?user=author"), "user-edit.php?user_id="+strconv.FormatUint(author.ID, 10))
}

func TestAdminAppPasswordsPagination(t *testing.T) {
	ts := newTestSite(t, models.EnvironmentLocal)
	seedAppPasswords(t, ts, 25, "", "author")
	seedAppPasswords(t, ts, 1, "", "editor")
	b := ts.browser()
	b.login("admin", adminPass)
	tests := []struct {
		query      string
		rows       int
		prev, next bool
	}{
		{"", 20, false, true},
		{"paged=2", 6, true, false},
		{"paged=3", 0, true, false},
		{"paged=bogus", 20, false, true},
		{"user=author&paged=2", 5, true, false},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			p := b.get(adminPagePath + "?" + tt.query)
			wantStatus(t, p, http.StatusOK)
			if got := rowCount(p); got != tt.rows {
				t.Errorf("%d rows, want %d", got, tt.rows)
			}
			if got := strings.Contains(p.Body, `class="button prev-page"`); got != tt.prev {
				t.Errorf("previous link %v, want %v", got, tt.prev)
			}
			if got := strings.Contains(p.Body, `class="button next-page"`); got != tt.next {
				t.Errorf("next link %v, want %v", got, tt.next)
			}
		})
	}
	// The next link keeps the filter.
	p := b.get(adminPagePath + "?user=author")
	if !strings.Contains(p.Body, `href="`+ts.url+adminPagePath+`?paged=2&amp;user=author"`) {
		t.Errorf("next link lacks the filter: %s", text(p.Body))
	}
}

func TestAdminAppPasswordsRevokeOne(t *testing.T) {
	ts := newTestSite(t, models.EnvironmentLocal)
	ctx := context.Background()
	seedAppPasswords(t, ts, 2, "", "author")
	author, _ := ts.store.UserByLogin(ctx, "author")
	list, _ := ts.store.AppPasswords(ctx, author.ID)
	target := list[0]
	b := ts.browser()
	b.login("admin", adminPass)
	p := b.get(adminPagePath + "?user=author")
	form := url.Values{
		"_wpnonce": {inputValue(t, p.Body, "_wpnonce", `data-uuid="`+target.UUID+`"`)},
		"action":   {"revoke"},
		"filter":   {"user=author"},
		"uuid":     {target.UUID},
		"user_id":  {strconv.FormatUint(author.ID, 10)},
	}
	// A bad nonce changes nothing.
	bad := cloneValues(form)
	bad.Set("_wpnonce", "0000000000")
	wantStatus(t, b.post(adminPagePath, bad), http.StatusForbidden)

	// First the confirmation step, which revokes nothing.
	c := b.post(adminPagePath, form)
	wantStatus(t, c, http.StatusOK)
	mustContain(t, c, "Please confirm", target.Name)
	if n, _ := ts.store.AppPasswords(ctx, author.ID); len(n) != 2 {
		t.Fatalf("the confirmation step revoked: %d left", len(n))
	}
	confirm := cloneValues(form)
	confirm.Set("_wpnonce", inputValue(t, c.Body, "_wpnonce", "Please confirm"))
	confirm.Set("confirm", "1")
	done := b.post(adminPagePath, confirm)
	wantStatus(t, done, http.StatusSeeOther)
	if loc := done.Header.Get("Location"); !strings.Contains(loc, "user=author") || !strings.Contains(loc, "revoked=1") {
		t.Errorf("Location %q", loc)
	}
	mustContain(t, b.get(done.Header.Get("Location")[len(ts.url):]), "1 application password revoked.")
	left, _ := ts.store.AppPasswords(ctx, author.ID)
	if len(left) != 1 || left[0].UUID == target.UUID {
		t.Fatalf("after revoke: %+v", left)
	}
	// Again: it is gone, said in the page.
	again := b.post(adminPagePath, confirm)
	wantStatus(t, again, http.StatusOK)
	mustContain(t, again, "Application password not found.")
	// A uuid that belongs to another user is not found either.
	other := cloneValues(confirm)
	other.Set("uuid", left[0].UUID)
	other.Set("user_id", "1")
	mustContain(t, b.post(adminPagePath, other), "Application password not found.")
}

func TestAdminAppPasswordsBulkRevoke(t *testing.T) {
	ts := newTestSite(t, models.EnvironmentLocal)
	ctx := context.Background()
	const app = "6f5d6a9e-2c2c-4a1a-9b1e-0d3c5a7e9f11"
	seedAppPasswords(t, ts, 3, app, "author", "editor")
	b := ts.browser()
	b.login("admin", adminPass)
	p := b.get(adminPagePath)
	nonce := inputValue(t, p.Body, "_wpnonce", "app-password-filters")
	if strings.Contains(p.Body, `id="revoke-filtered"`) {
		t.Error("bulk revoke offered without a filter")
	}
	post := func(filter, confirm string) *page {
		return b.post(adminPagePath, url.Values{"_wpnonce": {nonce}, "action": {"revoke-filtered"}, "filter": {filter}, "confirm": {confirm}})
	}
	count := func() int {
		_, n, err := ts.store.AllAppPasswords(ctx, models.AppPasswordFilter{})
		if err != nil {
			t.Fatal(err)
		}
		return int(n)
	}
	tests := []struct {
		name, filter, confirm string
		status                int
		want                  string
		left                  int
	}{
		{"no filter", "", "1", http.StatusOK, "Choose at least one filter", 6},
		{"bad filter", "app_id=nope", "1", http.StatusOK, "The application ID must be a UUID.", 6},
		{"nothing matches", "user=admin", "", http.StatusOK, "No application passwords match the filters.", 6},
		{"asks first", "app_id=" + app, "", http.StatusOK, "revoke the 4 application passwords that match", 6},
		{"unknown keys ignored", "bogus=1", "1", http.StatusOK, "Choose at least one filter", 6},
		{"revokes the set", "app_id=" + app + "&user=editor", "1", http.StatusSeeOther, "", 4},
		{"read-only of everyone", "scope=read", "1", http.StatusSeeOther, "", 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := post(tt.filter, tt.confirm)
			wantStatus(t, r, tt.status)
			if tt.want != "" {
				mustContain(t, r, tt.want)
			}
			if got := count(); got != tt.left {
				t.Errorf("%d passwords left, want %d", got, tt.left)
			}
		})
	}
	// The filtered view offers the bulk form with the count, and its
	// confirmation goes through.
	p = b.get(adminPagePath + "?user=author")
	mustContain(t, p, "Revoke all 2 matching application passwords")
	f := url.Values{"_wpnonce": {inputValue(t, p.Body, "_wpnonce", "revoke-filtered")}, "action": {"revoke-filtered"},
		"filter": {inputValue(t, p.Body, "filter", "revoke-filtered")}}
	c := b.post(adminPagePath, f)
	mustContain(t, c, "Please confirm", "revoke the 2 application passwords")
	f.Set("confirm", "1")
	done := b.post(adminPagePath, f)
	wantStatus(t, done, http.StatusSeeOther)
	mustContain(t, b.get(done.Header.Get("Location")[len(ts.url):]), "2 application passwords revoked.")
	if got := count(); got != 0 {
		t.Errorf("%d left", got)
	}
}
