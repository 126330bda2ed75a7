package wpimport_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/presspass/presspass/fixtures"
	"github.com/presspass/presspass/fixtures/fixturestest"
	"github.com/presspass/presspass/models"
	"github.com/presspass/presspass/models/wpimport"
	"github.com/presspass/presspass/models/wpimport/wpimporttest"
)

// The acceptance tests load the real WordPress 6.9.7 database from
// shared/wordpress-db into a fresh MariaDB database, import it into a fresh
// PressPass store (SQLite, or MySQL with PRESSPASS_TEST_MYSQL_DSN), and check
// the result against the plain passwords that belong to the dump and
// against the site as WordPress served it (conformance/wp/reference-site.json).

var local = models.ClientInfo{IP: "127.0.0.1", UserAgent: "import-test"}

func runImport(t *testing.T, src *wpimporttest.SQLDB, dst *models.Store, opt wpimport.Options) *wpimport.Report {
	t.Helper()
	ctx := context.Background()
	source, err := wpimport.OpenSource(ctx, src.URL, "wp_")
	if err != nil {
		t.Fatalf("OpenSource: %v", err)
	}
	defer source.Close()
	r, err := wpimport.Import(ctx, source, dst, opt)
	if err != nil {
		t.Fatalf("Import: %v", err)
	}
	return r
}

func wantCount(t *testing.T, r *wpimport.Report, kind string, want wpimport.Count) {
	t.Helper()
	if got := *r.Counts[kind]; got != want {
		t.Errorf("%s: got %+v, want %+v", kind, got, want)
	}
}

func hasSkip(r *wpimport.Report, kind, ref, reason string) bool {
	for _, s := range r.Skipped {
		if s.Kind == kind && strings.Contains(s.Ref, ref) && strings.Contains(s.Reason, reason) {
			return true
		}
	}
	return false
}

func TestImportBaselineAcceptance(t *testing.T) {
	ctx := context.Background()
	src := wpimporttest.Load(t)
	creds := wpimporttest.ReadCredentials(t)
	dst := fixturestest.Open(t)

	before := sourceChecksums(t, src)
	r := runImport(t, src, dst, wpimport.Options{})
	if after := sourceChecksums(t, src); after != before {
		t.Errorf("the import changed the WordPress database:\n before %s\n after  %s", before, after)
	}
	wantCount(t, r, wpimport.KindUsers, wpimport.Count{Created: 5})
	wantCount(t, r, wpimport.KindAppPasswords, wpimport.Count{Created: 4})
	// Posts 1, 5–9 and pages 2, 3; the navigation post (4) is not imported.
	wantCount(t, r, wpimport.KindPosts, wpimport.Count{Created: 8, Skipped: 1})
	if !hasSkip(r, wpimport.KindPosts, "1 wp_navigation", "posts and pages only") {
		t.Errorf("skipped = %+v, want the wp_navigation post listed", r.Skipped)
	}
	if c := r.Counts[wpimport.KindOptions]; c.Skipped != 0 || c.Created+c.Updated+c.Unchanged == 0 {
		t.Errorf("options: %+v", c)
	}

	t.Run("every main password verifies and is upgraded", func(t *testing.T) {
		for login, cu := range creds.Users {
			t.Run(login, func(t *testing.T) {
				before, err := dst.UserByLogin(ctx, login)
				if err != nil {
					t.Fatal(err)
				}
				if !strings.HasPrefix(before.PasswordHash, "$wp$2y$10$") {
					t.Fatalf("hash %q… was not carried over as WordPress stored it", before.PasswordHash[:10])
				}
				if _, err := dst.AuthenticatePassword(ctx, login, cu.Password+"x"); models.ErrorKind(err) != models.KindUnauthenticated {
					t.Fatalf("a wrong password: err = %v, want unauthenticated", err)
				}
				u, err := dst.AuthenticatePassword(ctx, login, cu.Password)
				if err != nil {
					t.Fatalf("AuthenticatePassword: %v", err)
				}
				if u.ID != cu.ID || u.Role != cu.Role {
					t.Fatalf("got user %d (%s), want %d (%s)", u.ID, u.Role, cu.ID, cu.Role)
				}
				// The test store writes cost-4 hashes, so WordPress's cost-10
				// hash needs a rehash, which the login must have done.
				after, err := dst.UserByID(ctx, cu.ID)
				if err != nil {
					t.Fatal(err)
				}
				if !strings.HasPrefix(after.PasswordHash, "$wp$2y$04$") || models.PasswordNeedsRehash(after.PasswordHash, dst.Config.BcryptCost) {
					t.Fatalf("hash not upgraded: %q…", after.PasswordHash[:10])
				}
				if _, err := dst.AuthenticatePassword(ctx, login, cu.Password); err != nil {
					t.Fatalf("the upgraded hash does not verify: %v", err)
				}
				if _, _, err := dst.AuthenticateAPI(ctx, login, cu.Password, local); err != nil {
					t.Fatalf("AuthenticateAPI with the main password: %v", err)
				}
			})
		}
	})

	t.Run("every application password works", func(t *testing.T) {
		for login, ca := range creds.AppPasswords {
			t.Run(login, func(t *testing.T) {
				for _, pw := range []string{ca.Password, ca.PasswordChunked} {
					u, ap, err := dst.AuthenticateAppPassword(ctx, login, pw, local)
					if err != nil {
						t.Fatalf("AuthenticateAppPassword(%q): %v", pw, err)
					}
					if u.ID != creds.Users[login].ID || ap.UUID != ca.UUID || ap.Name != ca.Name {
						t.Fatalf("got user %d password %s %q", u.ID, ap.UUID, ap.Name)
					}
					u, ap, err = dst.AuthenticateAPI(ctx, login, pw, local)
					if err != nil || ap == nil || ap.UUID != ca.UUID || u.Login != login {
						t.Fatalf("AuthenticateAPI(%q): %v, %+v", pw, err, ap)
					}
				}
				wrong := []byte(ca.Password)
				wrong[0] ^= 1
				if _, _, err := dst.AuthenticateAppPassword(ctx, login, string(wrong), local); models.ErrorKind(err) != models.KindUnauthenticated {
					t.Fatalf("a wrong application password: err = %v", err)
				}
			})
		}
	})

	site, err := fixtures.Read(filepath.Join(wpimporttest.Dir(t), "..", "conformance", "wp", "reference-site.json"))
	if err != nil {
		t.Fatalf("reference site: %v", err)
	}

	t.Run("users match what WordPress served", func(t *testing.T) {
		for _, want := range site.Users {
			u, err := dst.UserByID(ctx, want.ID)
			if err != nil {
				t.Fatalf("user %d: %v", want.ID, err)
			}
			got := []string{u.Login, u.Email, u.Role, u.DisplayName, u.FirstName, u.LastName, u.Nickname, u.Nicename, u.URL, u.Description, u.Locale, u.Registered.Format("2006-01-02T15:04:05")}
			exp := []string{want.Login, want.Email, want.Role, want.DisplayName, want.FirstName, want.LastName, want.Nickname, want.Slug, want.URL, want.Description, want.Locale, want.Registered}
			if strings.Join(got, "|") != strings.Join(exp, "|") {
				t.Errorf("user %d:\n got  %q\n want %q", want.ID, got, exp)
			}
			aps, err := dst.AppPasswords(ctx, u.ID)
			if err != nil {
				t.Fatal(err)
			}
			if ca, ok := creds.AppPasswords[u.Login]; ok {
				if len(aps) != 1 || aps[0].UUID != ca.UUID || aps[0].Created.Unix() != 1795877398 || aps[0].LastUsed != nil && aps[0].LastIP != "127.0.0.1" {
					t.Errorf("user %s application passwords: %+v", u.Login, aps)
				}
			} else if len(aps) != 0 {
				t.Errorf("user %s has %d application passwords, want none", u.Login, len(aps))
			}
		}
	})

	t.Run("posts match what WordPress served", func(t *testing.T) {
		logins := map[string]uint64{}
		for _, u := range site.Users {
			logins[u.Login] = u.ID
		}
		for _, want := range site.Posts {
			p, err := dst.PostByID(ctx, want.ID)
			if want.Type != "post" && want.Type != "page" {
				if !models.IsNotFound(err) {
					t.Errorf("post %d of type %s: err = %v, want not imported", want.ID, want.Type, err)
				}
				continue
			}
			if err != nil {
				t.Fatalf("post %d: %v", want.ID, err)
			}
			var author uint64
			if want.Author != nil {
				author = logins[*want.Author]
			}
			format := want.Format
			if format == "standard" {
				format = ""
			}
			tmpl := want.PageTemplate
			if tmpl == "default" {
				tmpl = ""
			}
			const layout = "2006-01-02T15:04:05"
			got := []any{p.Type, p.AuthorID, p.Title, p.Slug, p.Status, p.Content, p.Excerpt, p.Date.Format(layout), p.DateGMT.Format(layout),
				p.Modified.Format(layout), p.ModifiedGMT.Format(layout), p.GUID, p.CommentStatus, p.PingStatus, p.Password, p.ParentID,
				p.MenuOrder, p.CommentCount, p.Sticky, p.Format, p.Template}
			exp := []any{want.Type, author, want.Title, want.Slug, want.Status, want.Content, want.Excerpt, want.Date, want.DateGMT,
				want.Modified, want.ModifiedGMT, want.GUID, want.CommentStatus, want.PingStatus, want.Password, want.Parent,
				want.MenuOrder, want.CommentCount, want.Sticky, format, tmpl}
			for i := range got {
				if got[i] != exp[i] {
					t.Errorf("post %d field %d: got %#v, want %#v", want.ID, i, got[i], exp[i])
				}
			}
		}
	})

	t.Run("posts are filed under the categories and tags WordPress served", func(t *testing.T) {
		raw, err := os.ReadFile(filepath.Join(wpimporttest.Dir(t), "..", "conformance", "wp", "reference-site.json"))
		if err != nil {
			t.Fatal(err)
		}
		var ref struct {
			Posts []struct {
				ID         uint64   `json:"id"`
				Type       string   `json:"type"`
				Categories []string `json:"categories"`
				Tags       []string `json:"tags"`
			} `json:"posts"`
		}
		if err := json.Unmarshal(raw, &ref); err != nil {
			t.Fatal(err)
		}
		for _, want := range ref.Posts {
			if want.Type != "post" {
				continue
			}
			for taxonomy, slugs := range map[string][]string{"category": want.Categories, "post_tag": want.Tags} {
				terms, err := dst.PostTerms(ctx, []uint64{want.ID}, taxonomy)
				if err != nil {
					t.Fatal(err)
				}
				got := []string{}
				for _, term := range terms[want.ID] {
					got = append(got, term.Slug)
				}
				if strings.Join(got, ",") != strings.Join(slugs, ",") {
					t.Errorf("post %d %s: got %q, want %q", want.ID, taxonomy, got, slugs)
				}
			}
		}
		// The filing is stored, not inferred: Uncategorized counts its six
		// published posts as WordPress served it.
		if term, err := dst.TermByID(ctx, 1); err != nil || term.Count != 6 {
			t.Errorf("Uncategorized: %+v %v, want a count of 6", term, err)
		}
	})

	t.Run("new records continue after the imported ids", func(t *testing.T) {
		login, email := "newcomer", "newcomer@example.com"
		u, err := dst.CreateUser(ctx, models.UserInput{Login: &login, Email: &email})
		if err != nil {
			t.Fatal(err)
		}
		if u.ID != 6 {
			t.Fatalf("a user created after the import got id %d, want 6", u.ID)
		}
	})

	t.Run("options match what WordPress served", func(t *testing.T) {
		want := map[string]string{
			"blogname": "Ref", "blogdescription": "", "siteurl": "http://127.0.0.1:8081", "home": "http://127.0.0.1:8081",
			"admin_email": "admin@example.com", "timezone_string": "", "gmt_offset": "0", "date_format": "F j, Y",
			"time_format": "g:i a", "posts_per_page": "10", "start_of_week": "1", "default_role": "subscriber",
			"permalink_structure": "/%postname%/", "blog_public": "0", "users_can_register": "0",
			"wp_page_for_privacy_policy": "3", "show_on_front": "posts",
		}
		for name, v := range want {
			if got := dst.Option(ctx, name); got != v {
				t.Errorf("option %s = %q, want %q", name, got, v)
			}
		}
	})
}

// sourceChecksums fingerprints the WordPress tables the import reads, to
// prove it wrote nothing there.
func sourceChecksums(t *testing.T, src *wpimporttest.SQLDB) string {
	t.Helper()
	rows, err := src.DB.Query("CHECKSUM TABLE wp_users, wp_usermeta, wp_posts, wp_postmeta, wp_options, wp_terms, wp_term_taxonomy, wp_term_relationships")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var b strings.Builder
	for rows.Next() {
		var table string
		var sum sql.NullInt64
		if err := rows.Scan(&table, &sum); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "%s=%d ", table, sum.Int64)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return b.String()
}
