package wpimport

import (
	"strings"
	"testing"
	"time"

	"github.com/presspass/presspass/models"
)

// These tests need no database: they pin how single rows are mapped, so that
// CI without MariaDB still checks the rules.

func TestRoleFromCapabilities(t *testing.T) {
	tests := []struct {
		name, caps string
		missing    bool
		role       string
		notes      int
		err        string
	}{
		{name: "administrator", caps: `a:1:{s:13:"administrator";b:1;}`, role: "administrator"},
		{name: "no capabilities row", missing: true, role: ""},
		{name: "empty array is WordPress's no role", caps: "a:0:{}", role: ""},
		{name: "false entries are ignored", caps: `a:2:{s:6:"editor";b:0;s:6:"author";b:1;}`, role: "author"},
		{name: "truthy integer", caps: `a:1:{s:11:"contributor";i:1;}`, role: "contributor"},
		{name: "first known role wins", caps: `a:2:{s:6:"author";b:1;s:6:"editor";b:1;}`, role: "author", notes: 1},
		{name: "extra capability noted", caps: `a:2:{s:10:"subscriber";b:1;s:10:"edit_posts";b:1;}`, role: "subscriber", notes: 1},
		{name: "unknown role refused", caps: `a:1:{s:12:"shop_manager";b:1;}`, err: `role "shop_manager" is not one PressPass knows`},
		{name: "object refused", caps: `O:8:"stdClass":0:{}`, err: "objects are refused"},
		{name: "not serialized", caps: "administrator", err: "not serialized"},
		{name: "not an array", caps: `s:13:"administrator";`, err: "not an array"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			meta := map[string]string{}
			if !tt.missing {
				meta["wp_capabilities"] = tt.caps
			}
			role, notes, err := roleFromCapabilities(meta, "wp_capabilities")
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("err = %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil || role != tt.role || len(notes) != tt.notes {
				t.Fatalf("got %q %q %v, want %q with %d notes", role, notes, err, tt.role, tt.notes)
			}
		})
	}
}

func TestSupportedPasswordHash(t *testing.T) {
	wp, _ := models.HashPassword("x", 4)
	for h, want := range map[string]bool{
		wp:                                   true,
		wp[3:]:                               true, // plain bcrypt
		"$P$9IQRaTwmfeRo7ud9Fh4E2PdI0S3r.L0": true,
		"$H$9IQRaTwmfeRo7ud9Fh4E2PdI0S3r.L0": true,
		"5f4dcc3b5aa765d61d8327deb882cf99":   true,
		"":                                   false,
		"5f4dcc3b5aa765d61d8327deb882cf9g":   false,
		"$P$short":                           false,
		"$argon2id$v=19$m=65536,t=4,p=1$c29tZXNhbHQ$RdescudvJCsgt3ub": false,
		"plaintext-password": false,
	} {
		if got := supportedPasswordHash(h); got != want {
			t.Errorf("supportedPasswordHash(%q) = %v, want %v", h, got, want)
		}
	}
	if d := describeHash("$argon2id$v=19$secret"); strings.Contains(d, "secret") || !strings.Contains(d, "$argon2id$") {
		t.Errorf("describeHash shows too much or too little: %q", d)
	}
}

func TestMapAppPasswords(t *testing.T) {
	good := `a:7:{s:4:"uuid";s:36:"A72B402B-43E0-4EF4-AE45-F83E148A633F";s:6:"app_id";s:0:"";s:4:"name";s:5:"bench";s:8:"password";s:49:"$generic$y1Tc_ndYPs9mS6hvEQTZg4ho2jHmau4bK3yYoHzh";s:7:"created";i:1795877398;s:9:"last_used";s:10:"1795877400";s:7:"last_ip";s:9:"127.0.0.1";}`
	aps, skips := mapAppPasswords("a:1:{i:0;"+good+"}", 7)
	if len(aps) != 1 || len(skips) != 0 {
		t.Fatalf("got %+v, skips %+v", aps, skips)
	}
	ap := aps[0]
	if ap.UUID != "a72b402b-43e0-4ef4-ae45-f83e148a633f" || ap.UserID != 7 || ap.Name != "bench" ||
		ap.Created.Unix() != 1795877398 || ap.LastUsed == nil || ap.LastUsed.Unix() != 1795877400 || ap.LastIP != "127.0.0.1" {
		t.Fatalf("mapped as %+v", ap)
	}
	tests := []struct{ name, entry, reason string }{
		{"missing uuid", `a:1:{s:4:"name";s:1:"x";}`, "uuid is missing"},
		{"bad app id", strings.Replace(good, `s:6:"app_id";s:0:""`, `s:6:"app_id";s:3:"abc"`, 1), "app_id is not a UUID"},
		{"bcrypt hash", strings.Replace(good, `s:49:"$generic$y1Tc_ndYPs9mS6hvEQTZg4ho2jHmau4bK3yYoHzh"`, `s:4:"$2y$"`, 1), "cannot verify"},
		{"name not a string", strings.Replace(good, `s:4:"name";s:5:"bench"`, `s:4:"name";i:5`, 1), "name is not a string"},
		{"created missing", strings.Replace(good, `s:7:"created";i:1795877398`, `s:7:"created";N`, 1), "created is missing"},
		{"created negative", strings.Replace(good, `i:1795877398`, `i:-5`, 1), "out of range"},
		{"entry not an array", `s:1:"x";`, "not an array"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			aps, skips := mapAppPasswords("a:1:{i:0;"+tt.entry+"}", 7)
			if len(aps) != 0 || len(skips) != 1 || !strings.Contains(skips[0].Reason, tt.reason) {
				t.Fatalf("got %+v, skips %+v; want one skip %q", aps, skips, tt.reason)
			}
		})
	}
	if _, skips := mapAppPasswords("a:2:{i:0;"+good+"i:1;"+good+"}", 7); len(skips) != 1 || !strings.Contains(skips[0].Reason, "listed twice") {
		t.Fatalf("a duplicated uuid: %+v", skips)
	}
	if aps, skips := mapAppPasswords("", 7); aps != nil || skips != nil {
		t.Fatal("no meta must mean no passwords and no complaint")
	}
}

func TestMapPost(t *testing.T) {
	sp := SourcePost{ID: 5, Author: 1, Type: "post", Status: "future", Date: "2030-01-02 03:04:05", DateGMT: "0000-00-00 00:00:00",
		Modified: "2024-01-01 00:00:00", ModifiedGMT: "2024-01-01 00:00:00", Name: "slug", Format: "post-format-aside", Template: "default"}
	p, err := mapPost(sp, map[uint64]bool{5: true})
	if err != nil {
		t.Fatal(err)
	}
	if !p.Sticky || p.Format != "aside" || p.Template != "" || !p.Date.Equal(time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC)) || !p.HasFloatingDate() {
		t.Fatalf("mapped as %+v", p)
	}
	page := sp
	page.Type, page.Template = "page", "templates/wide.php"
	if p, _ := mapPost(page, map[uint64]bool{5: true}); p.Sticky || p.Template != "templates/wide.php" {
		t.Fatalf("a page is never sticky and keeps its template: %+v", p)
	}
	for _, bad := range []struct {
		mut    func(*SourcePost)
		reason string
	}{
		{func(p *SourcePost) { p.Status = "wc-completed" }, "post status"},
		{func(p *SourcePost) { p.Date = "yesterday" }, "post_date"},
		{func(p *SourcePost) { p.Name = strings.Repeat("a", 201) }, "post_name has 201 characters"},
		{func(p *SourcePost) { p.Title = "\xff" }, "post_title is not valid UTF-8"},
	} {
		c := sp
		bad.mut(&c)
		if _, err := mapPost(c, nil); err == nil || !strings.Contains(err.Error(), bad.reason) {
			t.Errorf("err = %v, want %q", err, bad.reason)
		}
	}
}

func TestCheckOption(t *testing.T) {
	tests := []struct {
		name, value string
		kind        optionKind
		want, err   string
	}{
		{"blogname", "My blog", optText, "My blog", ""},
		{"blogname", `a:1:{i:0;i:1;}`, optText, "", "serialized"},
		{"blogname", "i:love;", optText, "i:love;", ""},
		{"posts_per_page", " 12 ", optInt, "12", ""},
		{"posts_per_page", "", optInt, "0", ""},
		{"posts_per_page", "twelve", optInt, "", "not an integer"},
		{"gmt_offset", "-5.5", optNumber, "-5.5", ""},
		{"gmt_offset", "0x10", optNumber, "", "not a number"},
		{"gmt_offset", "NaN", optNumber, "", "not a number"},
		{"blog_public", "", optBool, "0", ""},
		{"blog_public", "1", optBool, "1", ""},
		{"blog_public", "yes", optBool, "", "not 0 or 1"},
		{"default_role", "editor", optRole, "editor", ""},
		{"default_role", "shop_manager", optRole, "", "not one PressPass knows"},
	}
	for _, tt := range tests {
		got, err := checkOption(tt.name, tt.kind, tt.value)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("%s=%q: err = %v, want %q", tt.name, tt.value, err, tt.err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("%s=%q: got %q, %v; want %q", tt.name, tt.value, got, err, tt.want)
		}
	}
}

func TestStickyPosts(t *testing.T) {
	got, err := stickyPosts(`a:3:{i:0;i:6;i:1;s:1:"9";i:2;i:-1;}`)
	if err != nil || len(got) != 2 || !got[6] || !got[9] {
		t.Fatalf("got %v, %v", got, err)
	}
	if _, err := stickyPosts(`s:1:"6";`); err == nil {
		t.Fatal("a string must be refused")
	}
}

func TestParseSourceURL(t *testing.T) {
	cfg, display, err := parseSourceURL("mysql://wp:s3cret@db.example:3307/blog")
	if err != nil {
		t.Fatal(err)
	}
	if cfg.User != "wp" || cfg.Passwd != "s3cret" || cfg.Addr != "db.example:3307" || cfg.DBName != "blog" || cfg.ParseTime {
		t.Fatalf("config %+v", cfg)
	}
	if strings.Contains(display, "s3cret") {
		t.Fatalf("display %q shows the password", display)
	}
	if cfg, _, _ := parseSourceURL("mysql://wp@db/blog"); cfg.Addr != "db:3306" {
		t.Fatalf("default port: %q", cfg.Addr)
	}
	if cfg, _, err := parseSourceURL("mysql://wp@db/blog?tls=skip-verify"); err != nil || cfg.TLSConfig != "skip-verify" {
		t.Fatalf("tls parameter: %v %q", err, cfg.TLSConfig)
	}
	for _, bad := range []string{"postgres://wp:s3cret@db/blog", "mysql://wp:s3cret@db/", "mysql://wp:s3cret@/blog", "mysql://wp:s3cret@db/a/b", "mysql://wp:s3cret@db:x/blog%zz", "mysql://wp:s3cret@db/blog?parseTime=true", "mysql://wp:s3cret@db/blog?tls=maybe"} {
		_, _, err := parseSourceURL(bad)
		if err == nil {
			t.Errorf("%q accepted", bad)
		} else if strings.Contains(err.Error(), "s3cret") {
			t.Errorf("%q: the error shows the password: %v", bad, err)
		}
	}
}

// FuzzUserMeta feeds arbitrary meta values to the mappers that read
// serialized data: none may panic, and whatever they accept must be
// complete (a uuid, a hash PressPass can verify, a known role).
func FuzzUserMeta(f *testing.F) {
	f.Add(`a:1:{s:13:"administrator";b:1;}`)
	f.Add(`a:1:{i:0;a:7:{s:4:"uuid";s:36:"a72b402b-43e0-4ef4-ae45-f83e148a633f";s:6:"app_id";s:0:"";s:4:"name";s:5:"bench";s:8:"password";s:49:"$generic$y1Tc_ndYPs9mS6hvEQTZg4ho2jHmau4bK3yYoHzh";s:7:"created";i:1795877398;s:9:"last_used";N;s:7:"last_ip";N;}}`)
	f.Add(`a:2:{i:0;i:6;i:1;s:1:"9";}`)
	f.Fuzz(func(t *testing.T, raw string) {
		role, _, err := roleFromCapabilities(map[string]string{"wp_capabilities": raw}, "wp_capabilities")
		if err == nil && role != "" && !models.IsRole(role) {
			t.Fatalf("role %q accepted", role)
		}
		aps, _ := mapAppPasswords(raw, 1)
		for _, ap := range aps {
			if !models.IsUUID(ap.UUID) || ap.Name == "" || !(strings.HasPrefix(ap.Hash, "$generic$") || strings.HasPrefix(ap.Hash, "$P$")) {
				t.Fatalf("incomplete application password accepted: %+v", ap)
			}
		}
		_, _ = stickyPosts(raw)
	})
}
