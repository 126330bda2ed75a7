package wpimport_test

import (
	"context"
	"strings"
	"testing"

	"github.com/presspass/presspass/fixtures/fixturestest"
	"github.com/presspass/presspass/models"
	"github.com/presspass/presspass/models/wpimport"
	"github.com/presspass/presspass/models/wpimport/wpimporttest"
)

func TestImportSkipsBadRows(t *testing.T) {
	ctx := context.Background()
	src := wpimporttest.Load(t)
	dst := fixturestest.Open(t)

	goodPassword := "GoodGoodGoodGoodGoodGood"
	goodEntry := map[string]string{
		"uuid": phpString("aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee"), "app_id": phpString(""), "name": phpString("good"),
		"password": phpString(models.FastHash(goodPassword)), "created": "i:1700000000;", "last_used": "N;", "last_ip": "N;",
	}
	anotherEntry := func(uuid string) map[string]string {
		e := map[string]string{}
		for k, v := range goodEntry {
			e[k] = v
		}
		e["uuid"] = phpString(uuid)
		return e
	}
	badEntry := map[string]string{
		"uuid": phpString("not-a-uuid"), "name": phpString("bad"), "password": phpString(models.FastHash("x")), "created": "i:1;",
	}
	wpHash, err := models.HashPassword("pw", 4)
	if err != nil {
		t.Fatal(err)
	}
	subscriber := `a:1:{s:10:"subscriber";b:1;}`
	// Users that must be skipped whole, each also holding an application
	// password that must not appear in PressPass.
	addSourceUser(t, src, 20, "objcaps", wpHash, map[string]string{
		"wp_capabilities":        `O:8:"stdClass":1:{s:13:"administrator";b:1;}`,
		"_application_passwords": appPasswordsMeta(anotherEntry("20000000-0000-4000-8000-000000000000")),
	})
	addSourceUser(t, src, 21, "shopper", wpHash, map[string]string{
		"wp_capabilities":        `a:1:{s:12:"shop_manager";b:1;}`,
		"_application_passwords": appPasswordsMeta(anotherEntry("21000000-0000-4000-8000-000000000000")),
	})
	argon := "$argon2id$v=19$m=65536,t=4,p=1$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG"
	addSourceUser(t, src, 22, "argon", argon, map[string]string{"wp_capabilities": subscriber})
	execSource(t, src, "INSERT INTO wp_users (ID, user_login, user_pass, user_nicename, user_email, user_url, user_registered, user_activation_key, user_status, display_name) VALUES (23, 'dupemail', ?, 'dupemail', 'admin@example.com', '', '2024-01-01 00:00:00', '', 0, 'dupe')", wpHash)
	execSource(t, src, "INSERT INTO wp_usermeta (user_id, meta_key, meta_value) VALUES (23, '_application_passwords', ?)", appPasswordsMeta(anotherEntry("23000000-0000-4000-8000-000000000000")))
	addSourceUser(t, src, 24, "toolong", wpHash, map[string]string{"wp_capabilities": subscriber, "first_name": strings.Repeat("x", 251)})
	addSourceUser(t, src, 25, "longbio", wpHash, map[string]string{"wp_capabilities": subscriber, "description": strings.Repeat("x", 70000)})
	// Users imported with what is good about them.
	addSourceUser(t, src, 30, "halfgood", wpHash, map[string]string{
		"wp_capabilities":        subscriber,
		"_application_passwords": appPasswordsMeta(goodEntry, badEntry),
	})
	addSourceUser(t, src, 31, "extracaps", wpHash, map[string]string{"wp_capabilities": `a:2:{s:6:"author";b:1;s:10:"edit_pages";b:1;}`})
	addSourceUser(t, src, 32, "norole", wpHash, nil)
	addSourceUser(t, src, 33, "brokenaps", wpHash, map[string]string{"wp_capabilities": subscriber, "_application_passwords": "a:1:{i:0;"})
	// Posts and options WordPress would not have written itself.
	execSource(t, src, "INSERT INTO wp_posts (ID, post_author, post_date, post_date_gmt, post_content, post_title, post_excerpt, post_status, post_name, to_ping, pinged, post_modified, post_modified_gmt, post_content_filtered, post_type) VALUES (40, 1, '2024-03-01 00:00:00', '2024-03-01 00:00:00', '', 'Shop order', '', 'wc-pending', 'order', '', '', '2024-03-01 00:00:00', '2024-03-01 00:00:00', '', 'post')")
	execSource(t, src, "INSERT INTO wp_posts (ID, post_author, post_date, post_date_gmt, post_content, post_title, post_excerpt, post_status, post_name, to_ping, pinged, post_modified, post_modified_gmt, post_content_filtered, post_type) VALUES (41, 1, '2024-03-01 00:00:00', '2024-03-01 00:00:00', '', 'Image', '', 'inherit', 'image', '', '', '2024-03-01 00:00:00', '2024-03-01 00:00:00', '', 'attachment')")
	execSource(t, src, "INSERT INTO wp_posts (ID, post_author, post_date, post_date_gmt, post_content, post_title, post_excerpt, post_status, post_name, to_ping, pinged, post_modified, post_modified_gmt, post_content_filtered, post_type) VALUES (42, 99, '0000-00-00 00:00:00', '0000-00-00 00:00:00', '', 'Orphan draft', '', 'draft', '', '', '', '2024-03-01 00:00:00', '2024-03-01 00:00:00', '', 'post')")
	execSource(t, src, "UPDATE wp_options SET option_value = 'ten' WHERE option_name = 'posts_per_page'")
	execSource(t, src, "UPDATE wp_options SET option_value = 'shop_manager' WHERE option_name = 'default_role'")
	execSource(t, src, "UPDATE wp_options SET option_value = ? WHERE option_name = 'blogdescription'", strings.Repeat("y", 70000))
	execSource(t, src, `UPDATE wp_options SET option_value = 'a:1:{i:0;O:1:"x":0:{}}' WHERE option_name = 'sticky_posts'`)

	for run := 1; run <= 2; run++ {
		r := runImport(t, src, dst, wpimport.Options{})
		if run == 1 {
			wantCount(t, r, wpimport.KindUsers, wpimport.Count{Created: 9, Skipped: 6})
			wantCount(t, r, wpimport.KindAppPasswords, wpimport.Count{Created: 5, Skipped: 2})
			wantCount(t, r, wpimport.KindPosts, wpimport.Count{Created: 9, Skipped: 3})
		}
		for _, s := range []struct{ kind, ref, reason string }{
			{wpimport.KindUsers, "20 (objcaps)", "objects are refused"},
			{wpimport.KindUsers, "21 (shopper)", `role "shop_manager" is not one PressPass knows`},
			{wpimport.KindUsers, "22 (argon)", `format PressPass cannot verify ("$argon2id$" prefix`},
			{wpimport.KindUsers, "23 (dupemail)", "email address is already used"},
			{wpimport.KindUsers, "24 (toolong)", "first_name has 251 characters"},
			{wpimport.KindUsers, "25 (longbio)", "description has 70000 bytes"},
			{wpimport.KindOptions, "blogdescription", "70000 bytes"},
			{wpimport.KindAppPasswords, "#1 of user 30", "uuid is not a UUID"},
			{wpimport.KindAppPasswords, "of user 33", "_application_passwords cannot be read"},
			{wpimport.KindPosts, "40 (post", `post status "wc-pending"`},
			{wpimport.KindPosts, "1 attachment", "posts and pages only"},
			{wpimport.KindOptions, "posts_per_page", `"ten" is not an integer`},
			{wpimport.KindOptions, "default_role", "shop_manager"},
		} {
			if !hasSkip(r, s.kind, s.ref, s.reason) {
				t.Errorf("run %d: no skip %+v in %+v", run, s, r.Skipped)
			}
		}
		var text strings.Builder
		if err := r.WriteText(&text); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(text.String(), "RdescudvJ") || strings.Contains(text.String(), wpHash[10:]) {
			t.Errorf("the report shows a password hash:\n%s", text.String())
		}
		for _, note := range []string{"sticky_posts cannot be read", `user 31 (extracaps): kept role author; dropped the extra roles or capabilities "edit_pages"`, "author 99 does not exist"} {
			if !strings.Contains(text.String(), note) {
				t.Errorf("run %d: the report lacks the note %q:\n%s", run, note, text.String())
			}
		}
	}

	for _, id := range []uint64{20, 21, 22, 23, 24, 25} {
		if _, err := dst.UserByID(ctx, id); !models.IsNotFound(err) {
			t.Errorf("skipped user %d: err = %v, want not found", id, err)
		}
		if aps, _ := dst.AppPasswords(ctx, id); len(aps) != 0 {
			t.Errorf("skipped user %d left application passwords %+v", id, aps)
		}
		if _, err := dst.ImportedUserByID(ctx, id); !models.IsNotFound(err) {
			t.Errorf("skipped user %d left an import record", id)
		}
	}
	if u, err := dst.UserByID(ctx, 1); err != nil || u.Login != "admin" || u.Email != "admin@example.com" {
		t.Errorf("the duplicate e-mail disturbed admin: %+v %v", u, err)
	}
	if _, ap, err := dst.AuthenticateAppPassword(ctx, "halfgood", goodPassword, local); err != nil || ap.Name != "good" {
		t.Errorf("halfgood's good application password: %v", err)
	}
	for login, role := range map[string]string{"extracaps": "author", "norole": "", "brokenaps": "subscriber"} {
		if u, err := dst.UserByLogin(ctx, login); err != nil || u.Role != role {
			t.Errorf("%s: %+v %v, want role %q", login, u, err, role)
		}
	}
	if p, err := dst.PostByID(ctx, 42); err != nil || !p.HasFloatingDate() || p.AuthorID != 99 {
		t.Errorf("the orphan draft: %+v %v, want a floating date and author 99", p, err)
	}
	if got := dst.OptionInt(ctx, "posts_per_page"); got != 10 {
		t.Errorf("posts_per_page = %d, want the default kept", got)
	}
}
