package main

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"testing"

	"github.com/kolo/xmlrpc"
	"github.com/presspass/presspass/fixtures/fixturestest"
	"github.com/presspass/presspass/models"
	"github.com/presspass/presspass/models/wpimport/wpimporttest"
)

// TestEndToEndImportThenServe moves the real WordPress database in with the
// CLI, serves it with the real wiring, and signs in as every WordPress user:
// REST users/me with their application password over Basic auth, XML-RPC
// wp.getProfile with the application password and with the main password,
// and the login page with the main password.
func TestEndToEndImportThenServe(t *testing.T) {
	src := wpimporttest.Load(t)
	creds := wpimporttest.ReadCredentials(t)
	db := fixturestest.DatabaseURL(t)
	mustCLI(t, db, "import", "wordpress", "--from", src.URL)
	base := startServe(t, db)

	restGet := func(path, login, password string) (int, map[string]any) {
		t.Helper()
		req, _ := http.NewRequest(http.MethodGet, base+path, nil)
		if login != "" {
			req.SetBasicAuth(login, password)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var body map[string]any
		_ = json.NewDecoder(resp.Body).Decode(&body)
		return resp.StatusCode, body
	}
	profile := func(login, password string) (map[string]any, error) {
		client, err := xmlrpc.NewClient(base+"/xmlrpc.php", nil)
		if err != nil {
			t.Fatal(err)
		}
		defer client.Close()
		var out map[string]any
		err = client.Call("wp.getProfile", []any{1, login, password}, &out)
		return out, err
	}

	for login, ca := range creds.AppPasswords {
		t.Run("application password of "+login, func(t *testing.T) {
			status, me := restGet("/wp-json/wp/v2/users/me", login, ca.PasswordChunked)
			if status != http.StatusOK || me["slug"] != login || me["id"] != float64(creds.Users[login].ID) {
				t.Fatalf("REST users/me: %d %v", status, me)
			}
			if status, body := restGet("/wp-json/wp/v2/users/me", login, strings.ToLower(ca.Password)); status != http.StatusUnauthorized || body["code"] != "incorrect_password" {
				t.Fatalf("REST with a wrong application password: %d %v", status, body)
			}
			if p, err := profile(login, ca.Password); err != nil || p["username"] != login {
				t.Fatalf("XML-RPC wp.getProfile: %v %v", err, p)
			}
		})
	}

	for login, cu := range creds.Users {
		t.Run("main password of "+login, func(t *testing.T) {
			if p, err := profile(login, cu.Password); err != nil || p["username"] != login {
				t.Fatalf("XML-RPC wp.getProfile with the main password: %v %v", err, p)
			}
			jar, _ := cookiejar.New(nil)
			browser := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
			resp, err := browser.Get(base + "/wp-login.php")
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			form := url.Values{"log": {login}, "pwd": {cu.Password}, "testcookie": {"1"}, "redirect_to": {base + "/wp-admin/"}}
			resp, err = browser.PostForm(base+"/wp-login.php", form)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusFound || !strings.HasSuffix(resp.Header.Get("Location"), "/wp-admin/") {
				t.Fatalf("login page: %d → %q, want 302 to the dashboard", resp.StatusCode, resp.Header.Get("Location"))
			}
		})
	}

	t.Run("posts are served with their WordPress ids", func(t *testing.T) {
		for slug, id := range creds.PostIDs {
			status, p := restGet("/wp-json/wp/v2/posts/"+jsonNumber(id), "", "")
			if status != http.StatusOK || p["slug"] != slug {
				t.Errorf("post %d: %d %v", id, status, p["slug"])
			}
		}
	})

	// The logins above upgraded WordPress's cost-10 hashes to the served
	// store's cost (4 in tests).
	s, err := models.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for login := range creds.Users {
		u, err := s.UserByLogin(context.Background(), login)
		if err != nil || !strings.HasPrefix(u.PasswordHash, "$wp$2y$04$") {
			t.Errorf("%s: hash not upgraded after login (%v)", login, err)
		}
	}
}

func jsonNumber(id uint64) string {
	b, _ := json.Marshal(id)
	return string(b)
}
