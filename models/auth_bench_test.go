package models_test

import (
	"context"
	"testing"

	"github.com/presspass/presspass/fixtures/fixturestest"
	"github.com/presspass/presspass/models"
)

// The hot path's pieces, with -benchmem: the keyed fast hash an application
// password is checked with, a login answered from the login cache (one
// shared epoch read, no query on SQLite), a login that verifies the password
// against the database (the first request of a client), and permission
// resolution.

func BenchmarkFastHash(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		_ = models.FastHash("abcdEFGHijklMNOPqrstUVWX")
	}
}

func benchAppPassword(b *testing.B) (*models.Store, string) {
	b.Helper()
	s := fixturestest.Open(b)
	login, email, pw, role := "bench", "bench@example.com", "bench password 123", "editor"
	u, err := s.CreateUser(context.Background(), models.UserInput{Login: &login, Email: &email, Password: &pw, Role: &role})
	if err != nil {
		b.Fatal(err)
	}
	ap, err := s.CreateAppPassword(context.Background(), u.ID, "bench", "")
	if err != nil {
		b.Fatal(err)
	}
	return s, ap.Password
}

func BenchmarkAuthenticateAppPasswordCached(b *testing.B) {
	s, pw := benchAppPassword(b)
	ctx := context.Background()
	client := models.DirectClient("127.0.0.1:5000", "bench", false)
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := s.AuthenticateAppPassword(ctx, "bench", pw, client); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAuthenticateAppPasswordVerify forgets the cached login before
// every call: lock check, user and password lookups by index, and the fast
// hash — what a client's first request costs.
func BenchmarkAuthenticateAppPasswordVerify(b *testing.B) {
	s, pw := benchAppPassword(b)
	ctx := context.Background()
	client := models.DirectClient("127.0.0.1:5000", "bench", false)
	b.ReportAllocs()
	for b.Loop() {
		models.ForgetLoginsForTest(s)
		if _, _, err := s.AuthenticateAppPassword(ctx, "bench", pw, client); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkPostPredicates(b *testing.B) {
	author := &models.User{ID: 7, Role: "author"}
	editor := &models.User{ID: 8, Role: "editor"}
	post := &models.Post{ID: 1, AuthorID: 7, Type: "post", Status: "publish"}
	draft := &models.Post{ID: 2, AuthorID: 8, Type: "post", Status: "draft"}
	b.ReportAllocs()
	for b.Loop() {
		if !models.CanEditPost(author, post) || models.CanEditPost(author, draft) ||
			!models.CanDeletePost(editor, draft) {
			b.Fatal("wrong answer")
		}
	}
}
