package models_test

import (
	"context"
	"testing"

	"github.com/presspass/presspass/fixtures/fixturestest"
	"github.com/presspass/presspass/models"
)

func TestCreateUserValidation(t *testing.T) {
	ctx := context.Background()
	s := fixturestest.Open(t)
	newUser(t, s, "taken", "author")
	str := func(s string) *string { return &s }
	tests := []struct {
		name   string
		in     models.UserInput
		kind   models.Kind
		reason models.Reason
	}{
		{"empty login", models.UserInput{Login: str("<>"), Email: str("a@example.com")}, models.KindInvalid, models.ReasonEmptyUserLogin},
		{"bad email", models.UserInput{Login: str("new"), Email: str("not-an-email")}, models.KindInvalid, models.ReasonInvalidEmail},
		{"bad role", models.UserInput{Login: str("new"), Email: str("n@example.com"), Role: str("root")}, models.KindInvalid, models.ReasonInvalidRole},
		{"login taken", models.UserInput{Login: str("taken"), Email: str("x@example.com")}, models.KindInvalid, models.ReasonExistingUserLogin},
		{"email taken", models.UserInput{Login: str("other"), Email: str("taken@example.com")}, models.KindInvalid, models.ReasonExistingUserEmail},
		// Compared case-insensitively, as MySQL's collations compare them.
		{"login taken in other case", models.UserInput{Login: str("Taken"), Email: str("y@example.com")}, models.KindInvalid, models.ReasonExistingUserLogin},
		{"email taken in other case", models.UserInput{Login: str("other"), Email: str("TAKEN@example.com")}, models.KindInvalid, models.ReasonExistingUserEmail},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := s.CreateUser(ctx, tt.in)
			wantReason(t, err, tt.kind, tt.reason)
		})
	}
}

func TestPasswordChangeAndLogin(t *testing.T) {
	ctx := context.Background()
	s := fixturestest.Open(t)
	u := newUser(t, s, "gina", "editor")
	ap, err := s.CreateAppPassword(ctx, u.ID, "x", "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.AuthenticatePassword(ctx, "gina", "gina-pass"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AuthenticatePassword(ctx, "gina", ap.Password); err == nil {
		t.Fatal("an application password logged in to the browser")
	}
	newPw := "new-secret"
	updated, err := s.UpdateUser(ctx, u.ID, models.UserInput{Password: &newPw})
	if err != nil {
		t.Fatal(err)
	}
	if updated.PasswordVersion == u.PasswordVersion {
		t.Fatal("password version did not change")
	}
	if _, err := s.AuthenticatePassword(ctx, "gina", "gina-pass"); err == nil {
		t.Fatal("the old main password still works")
	}
	if _, err := s.AuthenticatePassword(ctx, "gina@example.com", newPw); err != nil {
		t.Fatal(err)
	}
	// Application passwords stay, as in WordPress.
	if _, _, err := s.AuthenticateAppPassword(ctx, "gina", ap.Password, models.ClientInfo{}); err != nil {
		t.Fatal(err)
	}
}

func TestLegacyPasswordUpgradedOnLogin(t *testing.T) {
	ctx := context.Background()
	s := fixturestest.Open(t)
	u := newUser(t, s, "hank", "author")
	md5 := "5f4dcc3b5aa765d61d8327deb882cf99" // "password", as very old WordPress stored it
	if _, err := s.UpdateUser(ctx, u.ID, models.UserInput{PasswordHash: &md5}); err != nil {
		t.Fatal(err)
	}
	got, err := s.AuthenticatePassword(ctx, "hank", "password")
	if err != nil {
		t.Fatal(err)
	}
	if got.PasswordHash == md5 || models.PasswordNeedsRehash(got.PasswordHash, s.Config.BcryptCost) {
		t.Fatalf("hash not upgraded: %q", got.PasswordHash)
	}
	if _, err := s.AuthenticatePassword(ctx, "hank", "password"); err != nil {
		t.Fatal("the upgraded hash does not verify")
	}
}

func TestAuthenticateAPITwoFactor(t *testing.T) {
	ctx := context.Background()
	s := fixturestest.Open(t)
	u := newUser(t, s, "ivy", "author")
	ap, err := s.CreateAppPassword(ctx, u.ID, "x", "")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.DB().Model(&models.User{}).Where("id = ?", u.ID).Update("two_factor_enabled", true).Error; err != nil {
		t.Fatal(err)
	}
	_, _, err = s.AuthenticateAPI(ctx, "ivy", "ivy-pass", models.ClientInfo{})
	wantReason(t, err, models.KindUnauthenticated, models.ReasonIncorrectLogin)
	if _, gotAP, err := s.AuthenticateAPI(ctx, "ivy", ap.Chunked(), models.ClientInfo{}); err != nil || gotAP == nil {
		t.Fatalf("application password refused for a two-factor user: %v", err)
	}
	s.Config.TwoFactorAPILogin = true
	if _, gotAP, err := s.AuthenticateAPI(ctx, "ivy", "ivy-pass", models.ClientInfo{}); err != nil || gotAP != nil {
		t.Fatalf("main password refused with two_factor_user_api_login_enable: %v", err)
	}
}

func TestDeleteUserReassignsAndRemovesPasswords(t *testing.T) {
	ctx := context.Background()
	s := fixturestest.Open(t)
	admin := newUser(t, s, "root1", "administrator")
	victim := newUser(t, s, "jack", "author")
	title := "Jack's post"
	p, err := s.CreatePost(ctx, victim, models.PostInput{Title: &title})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateAppPassword(ctx, victim.ID, "x", ""); err != nil {
		t.Fatal(err)
	}
	_, err = s.DeleteUser(ctx, victim.ID, victim.ID)
	wantReason(t, err, models.KindInvalid, models.ReasonInvalidReassign)
	if _, err := s.DeleteUser(ctx, victim.ID, admin.ID); err != nil {
		t.Fatal(err)
	}
	got, err := s.PostByID(ctx, p.ID)
	if err != nil || got.AuthorID != admin.ID {
		t.Fatalf("post not reassigned: %v %+v", err, got)
	}
	list, _ := s.AppPasswords(ctx, victim.ID)
	if len(list) != 0 {
		t.Fatal("application passwords outlived their user")
	}
}

func TestMigrateTwiceIsANoOp(t *testing.T) {
	s := fixturestest.Open(t)
	n, err := s.Migrate(context.Background())
	if err != nil || n != 0 {
		t.Fatalf("second migrate applied %d steps (%v)", n, err)
	}
}

func TestVerifiedPasswordCacheFollowsPasswordChanges(t *testing.T) {
	ctx := context.Background()
	s := fixturestest.Open(t)
	u := newUser(t, s, "nora", "author")
	for i := 0; i < 3; i++ { // the second and third hit the cache
		if _, err := s.AuthenticatePassword(ctx, "nora", "nora-pass"); err != nil {
			t.Fatalf("login %d: %v", i, err)
		}
	}
	if _, err := s.AuthenticatePassword(ctx, "nora", "nora-pasS"); err == nil {
		t.Fatal("a wrong password passed after a cached success")
	}
	// A change written by another process (straight to the database) acts
	// at once.
	newPw := "changed"
	h, err := models.HashPassword(newPw, 4)
	if err != nil {
		t.Fatal(err)
	}
	err = s.DB().Model(&models.User{}).Where("id = ?", u.ID).
		Updates(map[string]any{"password_hash": h, "password_version": u.PasswordVersion + 1}).Error
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.AuthenticatePassword(ctx, "nora", "nora-pass"); err == nil {
		t.Fatal("the old password still works from the cache")
	}
	if _, err := s.AuthenticatePassword(ctx, "nora", newPw); err != nil {
		t.Fatal(err)
	}
}
