package main

import (
	"fmt"
	"testing"
)

// staleTries is how many times each check changes something through one
// process and asks the other two at once.
const staleTries = 100

// In every check below, each try first makes every process answer (and
// cache) what is about to change, then changes it through one process, the
// next one each try, then asks the two others right away: the answer must
// already reflect the change. Asking for the cached URL proves the answer
// caches; asking for a URL never seen before proves the login cache.

// checkRevoke: a revoked application password, through REST or (every tenth
// try) the CLI, is refused by every other process on its very next request.
func checkRevoke(t *testing.T, s *galeraSite) {
	id, own := s.newUser(t, s.procs[0], "rev", "author")
	var stale staleCount
	for try := 0; try < staleTries; try++ {
		p := s.procs[try%3]
		ap := p.must(t, 201, call{method: "POST", path: "/wp-json/wp/v2/users/me/application-passwords", login: "rev", pw: own,
			body: map[string]any{"name": fmt.Sprintf("try %d", try)}})
		pw, uuid := ap["password"].(string), ap["uuid"].(string)
		// A refusal counts against the client's address: the cached URL is
		// asked from one address, a new URL (the login cache) from another,
		// both seen by every process before the revoke, so that neither
		// reaches the lockout.
		cached := fmt.Sprintf("10.25.%d.%d", try/100, try%100*2+1)
		fresh := fmt.Sprintf("10.25.%d.%d", try/100, try%100*2+2)
		for _, q := range s.procs {
			q.must(t, 200, call{path: "/wp-json/wp/v2/users/me", login: "rev", pw: pw, from: cached})
			q.must(t, 200, call{path: "/wp-json/wp/v2/users/me?warm", login: "rev", pw: pw, from: fresh})
		}
		if try%10 == 9 {
			mustCLI(t, s.c.url(p.node, s.db), "app-password", "delete", fmt.Sprint(id), uuid)
		} else {
			p.must(t, 200, call{method: "DELETE", path: "/wp-json/wp/v2/users/me/application-passwords/" + uuid, login: "rev", pw: own})
		}
		for _, q := range s.others(p) {
			for _, c := range []call{{path: "/wp-json/wp/v2/users/me", from: cached}, {path: fmt.Sprintf("/wp-json/wp/v2/users/me?try=%d", try), from: fresh}} {
				stale.tries++
				c.login, c.pw = "rev", pw
				status, body := q.do(t, c)
				stale.check(t, status == 401, fmt.Sprintf("try %d: revoked on %d, %s on %d: %d %v", try, p.node+1, c.path, q.node+1, status, body))
			}
		}
	}
	stale.report(t, "revoked application password")
}

// checkRoleChange: an editor made a subscriber through one process can no
// longer list posts for editing on any other, and can again once made an
// editor again.
func checkRoleChange(t *testing.T, s *galeraSite) {
	id, pw := s.newUser(t, s.procs[0], "ed", "editor")
	var stale staleCount
	setRole := func(p *galeraProc, role string) {
		p.must(t, 200, call{method: "POST", path: fmt.Sprintf("/wp-json/wp/v2/users/%d", id), login: "admin", pw: s.adminPw,
			body: map[string]any{"roles": []string{role}}})
	}
	for try := 0; try < staleTries; try++ {
		p := s.procs[try%3]
		for _, q := range s.procs {
			q.must(t, 200, call{path: "/wp-json/wp/v2/posts?context=edit", login: "ed", pw: pw})
		}
		setRole(p, "subscriber")
		for _, q := range s.others(p) {
			for _, path := range []string{"/wp-json/wp/v2/posts?context=edit", fmt.Sprintf("/wp-json/wp/v2/posts?context=edit&try=%d", try)} {
				stale.tries++
				status, body := q.do(t, call{path: path, login: "ed", pw: pw})
				stale.check(t, status == 403, fmt.Sprintf("try %d: demoted on %d, %s on %d: %d %v", try, p.node+1, path, q.node+1, status, body))
			}
		}
		back := s.procs[(try+1)%3]
		setRole(back, "editor")
		for _, q := range s.others(back) {
			stale.tries++
			status, body := q.do(t, call{path: "/wp-json/wp/v2/posts?context=edit", login: "ed", pw: pw})
			stale.check(t, status == 200, fmt.Sprintf("try %d: promoted on %d, asked %d: %d %v", try, back.node+1, q.node+1, status, body))
		}
	}
	stale.report(t, "role change")
}

// checkLockout: a client address locked out through one process (three
// wrong passwords) is refused by every other, a correct application
// password included. Each try comes from an address of its own, named by
// X-Forwarded-For (the processes trust 127.0.0.1 as a proxy).
func checkLockout(t *testing.T, s *galeraSite) {
	_, pw := s.newUser(t, s.procs[0], "lock", "author")
	var stale staleCount
	for try := 0; try < staleTries; try++ {
		p := s.procs[try%3]
		from := fmt.Sprintf("10.24.%d.%d", try/200, try%200+1)
		for _, q := range s.procs {
			q.must(t, 200, call{path: "/wp-json/wp/v2/users/me", login: "lock", pw: pw, from: from})
		}
		// The third failure locks the address; it is itself answered 401.
		for i := 0; i < 3; i++ {
			if status, body := p.do(t, call{path: "/wp-json/wp/v2/users/me", login: "lock", pw: "wrong password", from: from}); status != 401 {
				t.Fatalf("try %d: wrong password %d on %d: %d %v", try, i+1, p.node+1, status, body)
			}
		}
		for _, q := range s.others(p) {
			for _, path := range []string{"/wp-json/wp/v2/users/me", fmt.Sprintf("/wp-json/wp/v2/users/me?try=%d", try)} {
				stale.tries++
				status, body := q.do(t, call{path: path, login: "lock", pw: pw, from: from})
				stale.check(t, status == 429, fmt.Sprintf("try %d: locked on %d, %s on %d: %d %v", try, p.node+1, path, q.node+1, status, body))
			}
		}
		p.must(t, 429, call{path: "/wp-json/wp/v2/users/me", login: "lock", pw: pw, from: from})
	}
	stale.report(t, "lockout")
}

// checkUnpublish: a post taken back to draft through one process is gone,
// for a visitor, from every other process: the post itself and the list.
func checkUnpublish(t *testing.T, s *galeraSite) {
	var stale staleCount
	for try := 0; try < staleTries; try++ {
		p := s.procs[try%3]
		post := p.must(t, 201, call{method: "POST", path: "/wp-json/wp/v2/posts", login: "admin", pw: s.adminPw,
			body: map[string]any{"title": fmt.Sprintf("Unpublished %d", try), "content": "soon gone", "status": "publish"}})
		id := uint64(post["id"].(float64))
		one := fmt.Sprintf("/wp-json/wp/v2/posts/%d", id)
		for _, q := range s.procs {
			q.must(t, 200, call{path: one})
			if !listHas(t, q, id) {
				t.Fatalf("try %d: post %d missing from %d's list after it was published", try, id, q.node+1)
			}
		}
		p.must(t, 200, call{method: "POST", path: one, login: "admin", pw: s.adminPw, body: map[string]any{"status": "draft"}})
		for _, q := range s.others(p) {
			stale.tries += 2
			status, body := q.do(t, call{path: one})
			stale.check(t, status == 401, fmt.Sprintf("try %d: unpublished on %d, asked %d: %d %v", try, p.node+1, q.node+1, status, body))
			stale.check(t, !listHas(t, q, id), fmt.Sprintf("try %d: unpublished on %d, still listed by %d", try, p.node+1, q.node+1))
		}
	}
	stale.report(t, "unpublished post")
}

// listHas reports whether a visitor's first page of posts on q lists id.
func listHas(t *testing.T, q *galeraProc, id uint64) bool {
	t.Helper()
	status, body := q.do(t, call{path: "/wp-json/wp/v2/posts?per_page=5"})
	list, ok := body.([]any)
	if status != 200 || !ok {
		t.Fatalf("process %d: post list: %d %v", q.node+1, status, body)
	}
	for _, item := range list {
		if m, ok := item.(map[string]any); ok && uint64(m["id"].(float64)) == id {
			return true
		}
	}
	return false
}
