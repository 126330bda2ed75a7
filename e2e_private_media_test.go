package main

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/kolo/xmlrpc"
	"github.com/presspass/presspass/fixtures/fixturestest"
)

// TestEndToEndPrivateAttachment: an attachment set to private over REST is
// stored so, and hidden from every reader who may not read it — anonymous
// visitors and another author — on each read path: REST item and list,
// XML-RPC wp.getMediaItem and wp.getMediaLibrary, the public attachment
// page; its owner still reads it everywhere. Then set back to inherit,
// everyone sees it again.
func TestEndToEndPrivateAttachment(t *testing.T) {
	db := fixturestest.DatabaseURL(t)
	owner := startMediaSite(t, db, "pic", "--uploads-dir", t.TempDir())
	mustCLI(t, db, "user", "create", "other", "other@example.com", "--role=author", "--user_pass=main-pass")
	other := &mediaSite{t: t, base: owner.base, user: "other",
		pw: strings.TrimSpace(mustCLI(t, db, "app-password", "create", "other", "Camera", "--porcelain"))}

	status, up := owner.rest(http.MethodPost, "/wp-json/wp/v2/media", "image/png",
		map[string]string{"Content-Disposition": `attachment; filename="secretplan.png"`}, testPNG(t, 2, 2))
	if status != http.StatusCreated {
		t.Fatalf("upload: %d %v", status, up)
	}
	id := strconv.Itoa(int(up["id"].(float64)))
	// As wp_insert_post, any status but private is stored as inherit.
	setStatus := func(set, want string) {
		t.Helper()
		status, m := owner.rest(http.MethodPost, "/wp-json/wp/v2/media/"+id, "application/json", nil, []byte(`{"status":"`+set+`"}`))
		if status != http.StatusOK || m["status"] != want {
			t.Fatalf("set %s: %d %v", set, status, m["status"])
		}
		if status, m := owner.rest(http.MethodGet, "/wp-json/wp/v2/media/"+id+"?context=edit", "", nil, nil); status != http.StatusOK || m["status"] != want {
			t.Fatalf("read back after setting %s: %d %v", set, status, m["status"])
		}
	}
	// reads reports, for one reader, whether each read path shows the file.
	reads := func(s *mediaSite, signedIn bool) map[string]bool {
		t.Helper()
		got := map[string]bool{}
		resp, body := s.do(http.MethodGet, s.base+"/wp-json/wp/v2/media/"+id, signedIn, nil, nil)
		got["rest item"] = resp.StatusCode == http.StatusOK && strings.Contains(string(body), `"secretplan"`)
		resp, body = s.do(http.MethodGet, s.base+"/wp-json/wp/v2/media?per_page=100", signedIn, nil, nil)
		got["rest list"] = resp.StatusCode == http.StatusOK && strings.Contains(string(body), `"id":`+id+`,`)
		// The attachment page redirects to the file, as WordPress 6.4+ does
		// with attachment pages off.
		resp, _ = s.do(http.MethodGet, s.base+"/?attachment_id="+id, false, nil, nil)
		got["attachment page"] = resp.StatusCode == http.StatusOK
		if signedIn {
			client, err := xmlrpc.NewClient(s.base+"/xmlrpc.php", nil)
			if err != nil {
				t.Fatal(err)
			}
			defer client.Close()
			var item any
			got["xmlrpc item"] = client.Call("wp.getMediaItem", []any{1, s.user, s.pw, id}, &item) == nil
			var library []any
			if err := client.Call("wp.getMediaLibrary", []any{1, s.user, s.pw}, &library); err != nil {
				t.Fatal(err)
			}
			got["xmlrpc library"] = strings.Contains(fmt.Sprint(library), "attachment_id:"+id+" ")
		}
		return got
	}
	all := func(v bool, signedIn bool) map[string]bool {
		m := map[string]bool{"rest item": v, "rest list": v, "attachment page": v}
		if signedIn {
			m["xmlrpc item"], m["xmlrpc library"] = v, v
		}
		return m
	}
	check := func(when, who string, got, want map[string]bool) {
		t.Helper()
		for k, w := range want {
			if got[k] != w {
				t.Errorf("%s, %s, %s: shown %v, want %v", when, who, k, got[k], w)
			}
		}
	}
	check("inherit", "visitor", reads(owner, false), all(true, false))
	check("inherit", "other author", reads(other, true), all(true, true))

	setStatus("private", "private")
	check("private", "visitor", reads(owner, false), all(false, false))
	check("private", "other author", reads(other, true), all(false, true))
	ownerSees := all(false, true)
	// The list's default status is inherit, for the owner too, as in
	// WordPress; wp.getMediaLibrary lists inherit files only.
	ownerSees["rest item"], ownerSees["xmlrpc item"] = true, true
	check("private", "owner", reads(owner, true), ownerSees)

	setStatus("publish", "inherit")
	check("inherit again", "visitor", reads(owner, false), all(true, false))
}
