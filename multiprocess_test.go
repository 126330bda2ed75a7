package main

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/presspass/presspass/fixtures/fixturestest"
	"github.com/presspass/presspass/models"
)

// TestTwoServersOneDatabase runs two PressPass processes on one database, as
// behind a load balancer: whatever one does, the other sees on its very next
// request.
func TestTwoServersOneDatabase(t *testing.T) {
	if testing.Short() {
		t.Skip("starts server processes")
	}
	db := fixturestest.DatabaseURL(t)
	mustCLI(t, db, "user", "create", "multi", "multi@example.com", "--role=editor", "--user_pass=main-pass")
	master := strings.TrimSpace(mustCLI(t, db, "app-password", "create", "multi", "master", "--porcelain"))
	throttle := []string{"--throttle-ip-failures", "4"}
	a, baseA := startChildServer(t, db, throttle...)
	defer a.Process.Kill()
	b, baseB := startChildServer(t, db, throttle...)
	defer b.Process.Kill()

	do := func(base, method, path, login, pw string) (int, map[string]any) {
		t.Helper()
		req, _ := http.NewRequest(method, base+path, nil)
		req.SetBasicAuth(login, pw)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var body map[string]any
		_ = json.NewDecoder(resp.Body).Decode(&body)
		return resp.StatusCode, body
	}

	// Created on A, works on B at once.
	status, created := do(baseA, "POST", "/wp-json/wp/v2/users/me/application-passwords?name=shared", "multi", master)
	if status != 201 {
		t.Fatalf("create on A: %d %v", status, created)
	}
	pw, uuid := created["password"].(string), created["uuid"].(string)
	if status, me := do(baseB, "GET", "/wp-json/wp/v2/users/me", "multi", pw); status != 200 || me["slug"] != "multi" {
		t.Fatalf("new password on B: %d %v", status, me)
	}

	// A visitor's answer cached by A changes as soon as B publishes a post.
	countPosts := func(base string) int {
		resp, err := http.Get(base + "/wp-json/wp/v2/posts?per_page=100")
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var list []any
		_ = json.NewDecoder(resp.Body).Decode(&list)
		return len(list)
	}
	before := countPosts(baseA)
	countPosts(baseA)
	if status, _ := do(baseB, "POST", "/wp-json/wp/v2/posts?title=From+B&status=publish", "multi", master); status != 201 {
		t.Fatalf("publish on B: %d", status)
	}
	if after := countPosts(baseA); after != before+1 {
		t.Fatalf("A still serves the old list: %d posts, want %d", after, before+1)
	}

	// A setting changed on B shows in A's answers at once (A's option cache
	// follows the content epoch).
	mustCLI(t, db, "user", "create", "boss", "boss@example.com", "--role=administrator", "--user_pass=boss-pass")
	bossPw := strings.TrimSpace(mustCLI(t, db, "app-password", "create", "boss", "settings", "--porcelain"))
	if status, body := do(baseB, "POST", "/wp-json/wp/v2/settings?title=Renamed+on+B", "boss", bossPw); status != 200 || body["title"] != "Renamed on B" {
		t.Fatalf("settings on B: %d %v", status, body)
	}
	resp, err := http.Get(baseA + "/wp-json/")
	if err != nil {
		t.Fatal(err)
	}
	var index map[string]any
	_ = json.NewDecoder(resp.Body).Decode(&index)
	resp.Body.Close()
	if index["name"] != "Renamed on B" {
		t.Fatalf("A's index still names the site %v", index["name"])
	}

	// Concurrent first uses on both: last_used is written, not lost.
	var wg sync.WaitGroup
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			base := baseA
			if i%2 == 1 {
				base = baseB
			}
			req, _ := http.NewRequest("GET", base+"/wp-json/wp/v2/users/me", nil)
			req.SetBasicAuth("multi", master)
			if resp, err := http.DefaultClient.Do(req); err == nil {
				resp.Body.Close()
			}
		}(i)
	}
	wg.Wait()
	s, err := models.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	u, err := s.UserByLogin(context.Background(), "multi")
	if err != nil {
		t.Fatal(err)
	}
	list, err := s.AppPasswords(context.Background(), u.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, ap := range list {
		if ap.Name == "master" && (ap.LastUsed == nil || ap.LastIP != "127.0.0.1") {
			t.Fatalf("usage of the master password lost under concurrent use: %+v", ap)
		}
	}

	// A remembers the login now (its auth cache); the revoke on B must still
	// reach it on the very next request.
	for i := 0; i < 3; i++ {
		if status, _ := do(baseA, "GET", "/wp-json/wp/v2/users/me", "multi", pw); status != 200 {
			t.Fatalf("use on A before the revoke: %d", status)
		}
	}
	// A role change made elsewhere (the CLI) is seen at once too.
	mustCLI(t, db, "user", "update", "multi", "--role=subscriber")
	if status, me := do(baseA, "GET", "/wp-json/wp/v2/users/me?context=edit", "multi", pw); status != 200 || !strings.Contains(strings.Join(toStrings(me["roles"]), ","), "subscriber") {
		t.Fatalf("role change not seen by A: %d %v", status, me["roles"])
	}

	// Revoked on B, refused on A on the very next request.
	if status, _ := do(baseB, "DELETE", "/wp-json/wp/v2/users/me/application-passwords/"+uuid, "multi", master); status != 200 {
		t.Fatalf("revoke on B: %d", status)
	}
	if status, body := do(baseA, "GET", "/wp-json/wp/v2/users/me", "multi", pw); status != 401 || body["code"] != "incorrect_password" {
		t.Fatalf("revoked password on A: %d %v", status, body)
	}

	// Lockout counts add up across both: the revoke above was the first
	// failure; three more (two on B, one on A) reach the threshold of 4.
	do(baseB, "GET", "/wp-json/wp/v2/users/me", "multi", "wrong-password-1")
	do(baseB, "GET", "/wp-json/wp/v2/users/me", "multi", "wrong-password-2")
	do(baseA, "GET", "/wp-json/wp/v2/users/me", "multi", "wrong-password-3")
	for _, base := range []string{baseA, baseB} {
		req, _ := http.NewRequest("GET", base+"/wp-json/wp/v2/users/me", nil)
		req.SetBasicAuth("multi", master)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusTooManyRequests || resp.Header.Get("Retry-After") == "" {
			t.Fatalf("%s after 4 failures across both servers: %d, Retry-After %q", base, resp.StatusCode, resp.Header.Get("Retry-After"))
		}
	}
}

func toStrings(v any) []string {
	list, _ := v.([]any)
	out := make([]string, 0, len(list))
	for _, x := range list {
		if s, ok := x.(string); ok {
			out = append(out, s)
		}
	}
	return out
}
