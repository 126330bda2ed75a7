package models_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/presspass/presspass/fixtures/fixturestest"
	"github.com/presspass/presspass/models"
)

// openUnmigrated opens a store on url, as a process starting up does,
// without migrating.
func openUnmigrated(t *testing.T, url string) *models.Store {
	t.Helper()
	s, err := models.Open(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	s.Config.BcryptCost = 4
	t.Cleanup(func() { s.Close() })
	return s
}

// Four processes starting at once on one empty database: every one
// migrates without an error, each step is applied once, and exactly one
// creates the first administrator, whose password is the one it was given.
func TestConcurrentStartMigratesOnceWithOneAdministrator(t *testing.T) {
	ctx := context.Background()
	url := fixturestest.DatabaseURL(t)
	const processes = 4
	stores := make([]*models.Store, processes)
	for i := range stores {
		stores[i] = openUnmigrated(t, url)
	}
	var wg sync.WaitGroup
	applied := make([]int, processes)
	created := make([]*models.User, processes)
	errs := make([]error, processes)
	for i, s := range stores {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if applied[i], errs[i] = s.Migrate(ctx); errs[i] != nil {
				return
			}
			login, email, pw := "admin", "admin@example.com", fmt.Sprintf("password-of-process-%d", i)
			created[i], errs[i] = s.CreateFirstAdministrator(ctx, models.UserInput{Login: &login, Email: &email, Password: &pw}, true)
		}()
	}
	wg.Wait()
	migrated, creator := 0, -1
	for i := range stores {
		if errs[i] != nil {
			t.Fatalf("process %d: %v", i, errs[i])
		}
		if applied[i] > 0 {
			migrated++
		}
		if created[i] != nil {
			if creator >= 0 {
				t.Fatalf("processes %d and %d both created the first administrator", creator, i)
			}
			creator = i
		}
	}
	if migrated != 1 || creator < 0 {
		t.Fatalf("%d processes applied migrations (want 1); creator %d", migrated, creator)
	}
	users, total, err := stores[0].Users(ctx, models.UserFilter{})
	if err != nil || total != 1 || users[0].Role != "administrator" {
		t.Fatalf("users after the start: %d %v %v", total, users, err)
	}
	if _, err := stores[1].AuthenticatePassword(ctx, "admin", fmt.Sprintf("password-of-process-%d", creator)); err != nil {
		t.Fatalf("the creator's password does not work: %v", err)
	}
	checkSampleContent(t, stores[3], created[creator].ID)
	// A later start finds the administrator and creates nobody.
	login, pw := "other", "other-password"
	if u, err := stores[2].CreateFirstAdministrator(ctx, models.UserInput{Login: &login, Password: &pw}, true); err != nil || u != nil {
		t.Fatalf("a second first administrator: %v %v", u, err)
	}
}

// On MySQL the setup lock is a claimed row: a process that finds it held
// waits for its release, and one whose holder died takes it over when the
// claim expires.
func TestSetupLockWaitsForTheHolder(t *testing.T) {
	if fixturestest.Dialect() != models.DialectMySQL {
		t.Skip("the claimed-row lock is MySQL's (PRESSPASS_TEST_MYSQL_DSN); SQLite's is its write lock")
	}
	ctx := context.Background()
	url := fixturestest.DatabaseURL(t)
	holder, waiter := openUnmigrated(t, url), openUnmigrated(t, url)

	release, _, err := models.HoldSetupLockForTest(holder, ctx)
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { _, err := waiter.Migrate(ctx); done <- err }()
	select {
	case err := <-done:
		t.Fatalf("migrated while another process held the setup lock (%v)", err)
	case <-time.After(500 * time.Millisecond):
	}
	release()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("still waiting after the holder let go")
	}

	defer models.ShortSetupClaimsForTest(time.Second)()
	_, crash, err := models.HoldSetupLockForTest(holder, ctx)
	if err != nil {
		t.Fatal(err)
	}
	crash()
	start := time.Now()
	if _, err := waiter.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if waited := time.Since(start); waited < 500*time.Millisecond || waited > 10*time.Second {
		t.Fatalf("took over a dead holder's claim after %s; want about its one-second life", waited)
	}
}

// checkSampleContent checks what WordPress's installer writes, with its ids:
// post 1 with comment 1, page 2 and the draft privacy policy page 3.
func checkSampleContent(t *testing.T, s *models.Store, adminID uint64) {
	t.Helper()
	ctx := context.Background()
	for _, want := range []struct {
		id                  uint64
		typ, status, title  string
		slug, contentPrefix string
		comments            int64
	}{
		{1, "post", "publish", "Hello world!", "hello-world", "<!-- wp:paragraph -->\n<p>Welcome to WordPress.", 1},
		{2, "page", "publish", "Sample Page", "sample-page", "<!-- wp:paragraph -->\n<p>This is an example page.", 0},
		{3, "page", "draft", "Privacy Policy", "privacy-policy", "<!-- wp:heading -->", 0},
	} {
		p, err := s.PostByID(ctx, want.id)
		if err != nil {
			t.Fatalf("post %d: %v", want.id, err)
		}
		if p.Type != want.typ || p.Status != want.status || p.Title != want.title || p.Slug != want.slug ||
			p.AuthorID != adminID || !strings.HasPrefix(p.Content, want.contentPrefix) || p.CommentCount != want.comments {
			t.Errorf("post %d: %s %s %q %q author %d comments %d %.60q", want.id, p.Type, p.Status, p.Title, p.Slug, p.AuthorID, p.CommentCount, p.Content)
		}
	}
	cats, err := s.PostTerms(ctx, []uint64{1}, "category")
	if err != nil || len(cats[1]) != 1 || cats[1][0].Name != "Uncategorized" {
		t.Errorf("post 1's categories: %v %v", cats, err)
	}
	c, err := s.CommentByID(ctx, 1)
	if err != nil || c.PostID != 1 || c.AuthorName != "A WordPress Commenter" || c.AuthorURL != "https://wordpress.org/" || c.Approved != "1" {
		t.Errorf("comment 1: %+v %v", c, err)
	}
	if err := s.ReloadOptions(ctx); err != nil {
		t.Fatal(err)
	}
	if got := s.Option(ctx, "wp_page_for_privacy_policy"); got != "3" {
		t.Errorf("wp_page_for_privacy_policy = %q", got)
	}
}
