package wpimport_test

import (
	"context"
	"testing"

	"github.com/presspass/presspass/fixtures/fixturestest"
	"github.com/presspass/presspass/models"
	"github.com/presspass/presspass/models/wpimport"
	"github.com/presspass/presspass/models/wpimport/wpimporttest"
)

// An import into a PressPass site that already has users: the first
// administrator that `serve` creates on an empty database is taken over by
// WordPress's user of the same id and login, while a different PressPass user
// holding a WordPress id is never overwritten.
func TestImportIntoSiteWithUsers(t *testing.T) {
	ctx := context.Background()
	src := wpimporttest.Load(t)
	creds := wpimporttest.ReadCredentials(t)
	dst := fixturestest.Open(t)
	str := func(s string) *string { return &s }
	admin, err := dst.CreateUser(ctx, models.UserInput{ID: 1, Login: str("admin"), Email: str("root@localhost.example"), Password: str("bootstrap-pass"), Role: str("administrator")})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := dst.CreateUser(ctx, models.UserInput{ID: 2, Login: str("bob"), Email: str("bob@example.com"), Password: str("bob-pass"), Role: str("editor")}); err != nil {
		t.Fatal(err)
	}

	r := runImport(t, src, dst, wpimport.Options{})
	wantCount(t, r, wpimport.KindUsers, wpimport.Count{Created: 3, Updated: 1, Skipped: 1})
	if !hasSkip(r, wpimport.KindUsers, "2 (editor1)", `id 2 already belongs to the PressPass user "bob"`) {
		t.Errorf("skipped: %+v", r.Skipped)
	}
	// editor1 was skipped whole: no application password either.
	wantCount(t, r, wpimport.KindAppPasswords, wpimport.Count{Created: 3})

	if _, err := dst.AuthenticatePassword(ctx, "bob", "bob-pass"); err != nil {
		t.Errorf("bob was disturbed: %v", err)
	}
	if _, err := dst.AuthenticatePassword(ctx, "admin", "bootstrap-pass"); err == nil {
		t.Error("the bootstrap password still works after WordPress's admin was imported")
	}
	u, err := dst.AuthenticatePassword(ctx, "admin", creds.Users["admin"].Password)
	if err != nil {
		t.Fatalf("WordPress's admin password: %v", err)
	}
	if u.Email != "admin@example.com" || u.PasswordVersion == admin.PasswordVersion {
		t.Errorf("admin after the import: email %q, password version %d (was %d)", u.Email, u.PasswordVersion, admin.PasswordVersion)
	}
}

func TestImportPostFormatAndTemplate(t *testing.T) {
	ctx := context.Background()
	src := wpimporttest.Load(t)
	dst := fixturestest.Open(t)
	execSource(t, src, "INSERT INTO wp_terms (term_id, name, slug, term_group) VALUES (50, 'Aside', 'post-format-aside', 0)")
	execSource(t, src, "INSERT INTO wp_term_taxonomy (term_taxonomy_id, term_id, taxonomy, description, parent, count) VALUES (50, 50, 'post_format', '', 0, 1)")
	execSource(t, src, "INSERT INTO wp_term_relationships (object_id, term_taxonomy_id, term_order) VALUES (5, 50, 0)")
	execSource(t, src, "UPDATE wp_postmeta SET meta_value = 'templates/wide.php' WHERE post_id = 2 AND meta_key = '_wp_page_template'")
	execSource(t, src, "UPDATE wp_posts SET post_parent = 2, menu_order = 3, post_password = 'letmein', post_status = 'private' WHERE ID = 3")

	runImport(t, src, dst, wpimport.Options{})
	if p, err := dst.PostByID(ctx, 5); err != nil || p.Format != "aside" {
		t.Errorf("post 5: %+v %v, want format aside", p, err)
	}
	if p, err := dst.PostByID(ctx, 6); err != nil || p.Format != "" {
		t.Errorf("post 6: %+v %v, want the standard format", p, err)
	}
	if p, err := dst.PostByID(ctx, 2); err != nil || p.Template != "templates/wide.php" {
		t.Errorf("page 2: %+v %v, want its template", p, err)
	}
	if p, err := dst.PostByID(ctx, 3); err != nil || p.ParentID != 2 || p.MenuOrder != 3 || p.Password != "letmein" || p.Status != "private" {
		t.Errorf("page 3: %+v %v, want parent 2, menu order 3, its password, private", p, err)
	}
}

// A user renamed in WordPress is updated; a different PressPass user that
// has come to hold an imported id (the imported user was deleted and the id
// reused) is left alone.
func TestImportTellsRenamesFromReusedIDs(t *testing.T) {
	ctx := context.Background()
	src := wpimporttest.Load(t)
	creds := wpimporttest.ReadCredentials(t)
	dst := fixturestest.Open(t)
	runImport(t, src, dst, wpimport.Options{})

	execSource(t, src, "UPDATE wp_users SET user_login = 'author-one' WHERE ID = 3")
	if _, err := dst.DeleteUser(ctx, 5, 0); err != nil {
		t.Fatal(err)
	}
	str := func(s string) *string { return &s }
	if _, err := dst.CreateUser(ctx, models.UserInput{ID: 5, Login: str("carol"), Email: str("carol@example.com"), Password: str("carol-pass")}); err != nil {
		t.Fatal(err)
	}

	r := runImport(t, src, dst, wpimport.Options{})
	wantCount(t, r, wpimport.KindUsers, wpimport.Count{Updated: 1, Unchanged: 3, Skipped: 1})
	if !hasSkip(r, wpimport.KindUsers, "5 (throwaway1)", `already belongs to the PressPass user "carol"`) {
		t.Errorf("skipped: %+v", r.Skipped)
	}
	if _, err := dst.AuthenticatePassword(ctx, "carol", "carol-pass"); err != nil {
		t.Errorf("carol was disturbed: %v", err)
	}
	u, err := dst.AuthenticatePassword(ctx, "author-one", creds.Users["author1"].Password)
	if err != nil || u.ID != 3 {
		t.Fatalf("the renamed author: %+v %v", u, err)
	}
	// The rename is remembered: the next run changes nothing.
	r = runImport(t, src, dst, wpimport.Options{})
	wantCount(t, r, wpimport.KindUsers, wpimport.Count{Unchanged: 4, Skipped: 1})
}
