package wpimport_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/presspass/presspass/fixtures/fixturestest"
	"github.com/presspass/presspass/models"
	"github.com/presspass/presspass/models/wpimport"
	"github.com/presspass/presspass/models/wpimport/wpimporttest"
)

func execSource(t *testing.T, src *wpimporttest.SQLDB, query string, args ...any) {
	t.Helper()
	if _, err := src.DB.Exec(query, args...); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
}

func countRows(t *testing.T, dst *models.Store, model any) int64 {
	t.Helper()
	var n int64
	if err := dst.DB().Model(model).Count(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

func TestImportTwiceDuplicatesNothing(t *testing.T) {
	ctx := context.Background()
	src := wpimporttest.Load(t)
	creds := wpimporttest.ReadCredentials(t)
	dst := fixturestest.Open(t)
	runImport(t, src, dst, wpimport.Options{})

	// A login upgrades admin's hash to PressPass's (cost 4 in tests); using
	// an application password stamps its last use.
	if _, err := dst.AuthenticatePassword(ctx, "admin", creds.Users["admin"].Password); err != nil {
		t.Fatal(err)
	}
	if _, _, err := dst.AuthenticateAppPassword(ctx, "author1", creds.AppPasswords["author1"].Password, local); err != nil {
		t.Fatal(err)
	}
	admin, _ := dst.UserByLogin(ctx, "admin")

	// PressPass-only settings of an imported password: read-only, expiring.
	expires := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	if err := dst.DB().Model(&models.AppPassword{}).Where("uuid = ?", creds.AppPasswords["editor1"].UUID).
		Updates(map[string]any{"scope": models.ScopeRead, "expires": expires}).Error; err != nil {
		t.Fatal(err)
	}

	r := runImport(t, src, dst, wpimport.Options{})
	wantCount(t, r, wpimport.KindUsers, wpimport.Count{Unchanged: 5})
	wantCount(t, r, wpimport.KindAppPasswords, wpimport.Count{Unchanged: 4})
	wantCount(t, r, wpimport.KindPosts, wpimport.Count{Unchanged: 8, Skipped: 1})
	if c := r.Counts[wpimport.KindOptions]; c.Created+c.Updated != 0 {
		t.Errorf("options changed on a re-run: %+v", c)
	}
	for model, want := range map[any]int64{&models.User{}: 5, &models.AppPassword{}: 4, &models.Post{}: 8} {
		if n := countRows(t, dst, model); n != want {
			t.Errorf("%T: %d rows after two imports, want %d", model, n, want)
		}
	}
	again, _ := dst.UserByLogin(ctx, "admin")
	if again.PasswordHash != admin.PasswordHash || again.PasswordVersion != admin.PasswordVersion {
		t.Errorf("the re-run replaced admin's upgraded hash (version %d → %d)", admin.PasswordVersion, again.PasswordVersion)
	}
	aps, _ := dst.AppPasswords(ctx, creds.Users["author1"].ID)
	if len(aps) != 1 || aps[0].LastUsed == nil || aps[0].LastIP != "127.0.0.1" || aps[0].Scope != models.ScopeFull {
		t.Errorf("the re-run lost author1's last use: %+v", aps)
	}
	if ap, err := dst.AppPasswordByUUID(ctx, creds.Users["editor1"].ID, creds.AppPasswords["editor1"].UUID); err != nil ||
		ap.Scope != models.ScopeRead || ap.Expires == nil || !ap.Expires.Equal(expires) {
		t.Errorf("the re-run reset editor1's scope or expiry: %+v %v", ap, err)
	}
	// A change at the source (a rename) must not reset them either.
	execSource(t, src, "UPDATE wp_usermeta SET meta_value = REPLACE(meta_value, 's:4:\"name\";s:4:\"tool\"', 's:4:\"name\";s:5:\"tools\"') WHERE user_id = 2 AND meta_key = '_application_passwords'")
	r = runImport(t, src, dst, wpimport.Options{})
	wantCount(t, r, wpimport.KindAppPasswords, wpimport.Count{Updated: 1, Unchanged: 3})
	if ap, err := dst.AppPasswordByUUID(ctx, creds.Users["editor1"].ID, creds.AppPasswords["editor1"].UUID); err != nil ||
		ap.Name != "tools" || ap.Scope != models.ScopeRead || ap.Expires == nil {
		t.Errorf("after a rename at the source: %+v %v", ap, err)
	}
}

func TestImportFollowsSourceChanges(t *testing.T) {
	ctx := context.Background()
	src := wpimporttest.Load(t)
	creds := wpimporttest.ReadCredentials(t)
	dst := fixturestest.Open(t)
	runImport(t, src, dst, wpimport.Options{})
	// editor1 turns on two-factor in PressPass, which WordPress knows
	// nothing of.
	if err := dst.DB().Model(&models.User{}).Where("id = ?", 2).
		Updates(map[string]any{"two_factor_secret": "JBSWY3DPEHPK3PXP", "two_factor_enabled": true}).Error; err != nil {
		t.Fatal(err)
	}
	editorBefore, _ := dst.UserByLogin(ctx, "editor1")

	// What an administrator might do in WordPress between two runs.
	execSource(t, src, "UPDATE wp_options SET option_value = 'Renamed' WHERE option_name = 'blogname'")
	execSource(t, src, "UPDATE wp_options SET option_value = 'a:1:{i:0;i:6;}' WHERE option_name = 'sticky_posts'")
	execSource(t, src, "UPDATE wp_posts SET post_title = 'Edited title' WHERE ID = 5")
	// editor1 changes password (to "test12345"; an old-style phpass hash).
	execSource(t, src, "UPDATE wp_users SET user_pass = ? WHERE ID = 2", phpassTest12345)
	// subscriber1 revokes their application password; admin renames theirs.
	execSource(t, src, "UPDATE wp_usermeta SET meta_value = 'a:0:{}' WHERE user_id = 4 AND meta_key = '_application_passwords'")
	execSource(t, src, "UPDATE wp_usermeta SET meta_value = REPLACE(meta_value, 's:4:\"name\";s:5:\"bench\"', 's:4:\"name\";s:5:\"bunch\"') WHERE user_id = 1 AND meta_key = '_application_passwords'")
	// author1 becomes an editor.
	execSource(t, src, "UPDATE wp_usermeta SET meta_value = 'a:1:{s:6:\"editor\";b:1;}' WHERE user_id = 3 AND meta_key = 'wp_capabilities'")

	r := runImport(t, src, dst, wpimport.Options{})
	wantCount(t, r, wpimport.KindUsers, wpimport.Count{Updated: 2, Unchanged: 3})
	wantCount(t, r, wpimport.KindAppPasswords, wpimport.Count{Updated: 1, Unchanged: 2, Removed: 1})
	wantCount(t, r, wpimport.KindPosts, wpimport.Count{Updated: 2, Unchanged: 6, Skipped: 1})

	if got := dst.Option(ctx, "blogname"); got != "Renamed" {
		t.Errorf("blogname = %q", got)
	}
	if p, _ := dst.PostByID(ctx, 5); p == nil || p.Title != "Edited title" {
		t.Errorf("post 5 = %+v", p)
	}
	if p, _ := dst.PostByID(ctx, 6); p == nil || !p.Sticky {
		t.Errorf("post 6 is not sticky")
	}
	if _, err := dst.AuthenticatePassword(ctx, "editor1", creds.Users["editor1"].Password); err == nil {
		t.Error("editor1's old password still works")
	}
	if _, err := dst.AuthenticatePassword(ctx, "editor1", "test12345"); err != nil {
		t.Errorf("editor1's new password: %v", err)
	}
	editorAfter, _ := dst.UserByLogin(ctx, "editor1")
	if editorAfter.PasswordVersion == editorBefore.PasswordVersion {
		t.Error("a changed password kept its password version")
	}
	if !editorAfter.TwoFactorEnabled || editorAfter.TwoFactorSecret != "JBSWY3DPEHPK3PXP" {
		t.Error("the import reset editor1's two-factor settings")
	}
	if _, _, err := dst.AuthenticateAppPassword(ctx, "subscriber1", creds.AppPasswords["subscriber1"].Password, local); err == nil {
		t.Error("an application password revoked in WordPress still works")
	}
	if _, ap, err := dst.AuthenticateAppPassword(ctx, "admin", creds.AppPasswords["admin"].Password, local); err != nil || ap.Name != "bunch" {
		t.Errorf("admin's renamed password: %v %+v", err, ap)
	}
	if u, _ := dst.UserByLogin(ctx, "author1"); u.Role != "editor" {
		t.Errorf("author1's role = %q, want editor", u.Role)
	}
}

func TestImportKeepsPasswordsCreatedInPressPass(t *testing.T) {
	ctx := context.Background()
	src := wpimporttest.Load(t)
	dst := fixturestest.Open(t)
	runImport(t, src, dst, wpimport.Options{})
	created, err := dst.CreateAppPassword(ctx, 4, "made here", "")
	if err != nil {
		t.Fatal(err)
	}
	execSource(t, src, "UPDATE wp_usermeta SET meta_value = 'a:0:{}' WHERE user_id = 4 AND meta_key = '_application_passwords'")
	runImport(t, src, dst, wpimport.Options{})
	aps, err := dst.AppPasswords(ctx, 4)
	if err != nil {
		t.Fatal(err)
	}
	if len(aps) != 1 || aps[0].UUID != created.UUID {
		t.Fatalf("after the source revoked its password, subscriber1 has %+v; want only the one created in PressPass", aps)
	}
}

func TestImportDryRunWritesNothing(t *testing.T) {
	ctx := context.Background()
	src := wpimporttest.Load(t)
	dst := fixturestest.Open(t)
	dry := runImport(t, src, dst, wpimport.Options{DryRun: true})
	if !dry.DryRun {
		t.Error("the report does not say it was a dry run")
	}
	for model, name := range map[any]string{&models.User{}: "users", &models.AppPassword{}: "application passwords", &models.Post{}: "posts", &models.ImportedUser{}: "import records"} {
		if n := countRows(t, dst, model); n != 0 {
			t.Errorf("a dry run wrote %d %s", n, name)
		}
	}
	if got := dst.Option(ctx, "blogname"); got == "Ref" {
		t.Error("a dry run changed blogname")
	}
	var b strings.Builder
	if err := dry.WriteText(&b); err != nil || !strings.Contains(b.String(), "Dry run: nothing was written") {
		t.Errorf("report text: %v\n%s", err, b.String())
	}

	real := runImport(t, src, dst, wpimport.Options{})
	for _, kind := range []string{wpimport.KindOptions, wpimport.KindUsers, wpimport.KindAppPasswords, wpimport.KindPosts} {
		if *dry.Counts[kind] != *real.Counts[kind] {
			t.Errorf("%s: the dry run predicted %+v, the import did %+v", kind, *dry.Counts[kind], *real.Counts[kind])
		}
	}
}

func TestImportSmallBatches(t *testing.T) {
	src := wpimporttest.Load(t)
	dst := fixturestest.Open(t)
	r := runImport(t, src, dst, wpimport.Options{BatchSize: 2})
	wantCount(t, r, wpimport.KindUsers, wpimport.Count{Created: 5})
	wantCount(t, r, wpimport.KindPosts, wpimport.Count{Created: 8, Skipped: 1})
	if n := countRows(t, dst, &models.Post{}); n != 8 {
		t.Errorf("%d posts, want 8", n)
	}
}

func TestImportStopsCleanlyWhenTheDestinationFails(t *testing.T) {
	ctx := context.Background()
	src := wpimporttest.Load(t)
	dst := fixturestest.Open(t)
	// A destination whose posts table is gone fails in the posts batch,
	// after the options and users batches have committed.
	if err := dst.DB().Migrator().DropTable(&models.Post{}); err != nil {
		t.Fatal(err)
	}
	source, err := wpimport.OpenSource(ctx, src.URL, "wp_")
	if err != nil {
		t.Fatal(err)
	}
	defer source.Close()
	r, err := wpimport.Import(ctx, source, dst, wpimport.Options{})
	if err == nil {
		t.Fatal("Import succeeded without a posts table")
	}
	if r == nil {
		t.Fatal("no report for the batches that committed")
	}
	wantCount(t, r, wpimport.KindUsers, wpimport.Count{Created: 5})
	if c := r.Counts[wpimport.KindPosts]; c.Created+c.Updated+c.Unchanged != 0 {
		t.Errorf("the failed posts batch was counted: %+v", c)
	}
	if n := countRows(t, dst, &models.User{}); n != 5 {
		t.Errorf("%d users after the failure, want the 5 committed", n)
	}
}

func TestImportRollsBackAFailedUserBatch(t *testing.T) {
	ctx := context.Background()
	src := wpimporttest.Load(t)
	dst := fixturestest.Open(t)
	// Without an application-passwords table the first user with one (admin,
	// id 1) fails after being written; the whole users batch must go.
	if err := dst.DB().Migrator().DropTable(&models.AppPassword{}); err != nil {
		t.Fatal(err)
	}
	source, err := wpimport.OpenSource(ctx, src.URL, "wp_")
	if err != nil {
		t.Fatal(err)
	}
	defer source.Close()
	r, err := wpimport.Import(ctx, source, dst, wpimport.Options{})
	if err == nil || !strings.Contains(err.Error(), "user 1 (admin)") {
		t.Fatalf("err = %v, want the failure named", err)
	}
	if c := r.Counts[wpimport.KindUsers]; c.Created != 0 {
		t.Errorf("the rolled-back users were counted: %+v", c)
	}
	if n := countRows(t, dst, &models.User{}); n != 0 {
		t.Errorf("%d users survived the failed batch", n)
	}
}
