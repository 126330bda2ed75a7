package handlers

import (
	"net"
	"net/url"
	"strings"
	"testing"
)

func TestValidateRedirectURL(t *testing.T) {
	tests := []struct {
		url   string
		local bool
		want  string
	}{
		{"", false, ""},
		{"https://example.com/cb", false, ""},
		{"https://example.com:8443/cb?existing=1", false, ""},
		{"wordpress://callback", false, ""},
		{"myapp://callback", false, ""},
		{"http://example.com/cb", true, ""},
		{"http://example.com/cb", false, msgInsecureURL},
		{"HTTP://example.com/cb", false, msgInsecureURL},
		{"hTtP://example.com/cb", false, msgInsecureURL},
		{"http://127.0.0.1:3000/cb", false, ""},
		{"http://[::1]:8080/cb", false, ""},
		{"http://localhost/cb", false, msgInsecureURL},
		{"http://127.0.0.2/cb", false, msgInsecureURL},
		{"http://127.0.0.1.evil.example/cb", false, msgInsecureURL},
		{"javascript:alert(1)", true, msgInvalidURLFormat},
		{"JavaScript://example.com/%0aalert(1)", true, msgInvalidURLFormat},
		{"data:text/html,<script>alert(1)</script>", true, msgInvalidURLFormat},
		{"data://text/plain,x", true, msgInvalidURLFormat},
		{"vbscript://x/msgbox", true, msgInvalidURLFormat},
		{"example.com/cb", true, msgInvalidURLFormat},
		{"/relative/path", true, msgInvalidURLFormat},
		{"1http://example.com", true, msgInvalidURLFormat},
		{"https:///no-host", true, msgInvalidURLFormat},
		{"mailto:someone@example.com", true, msgInvalidURLFormat},
		{"https://user:pass@evil.com/capture", true, msgCredentialsInURL},
		{"https://google.com@evil.com/capture", true, msgCredentialsInURL},
		{"https://exa mple.com/", true, msgInvalidURLFormat},
	}
	for _, tt := range tests {
		if got := validateRedirectURL(tt.url, tt.local); got != tt.want {
			t.Errorf("validateRedirectURL(%q, local=%v) = %q, want %q", tt.url, tt.local, got, tt.want)
		}
	}
}

func TestValidateAuthorizeRequest(t *testing.T) {
	got := validateAuthorizeRequest(authorizeRequest{SuccessURL: "javascript:x", RejectURL: "javascript:x", AppID: "nope"}, true)
	want := []string{msgInvalidURLFormat, msgInvalidURLFormat, msgInvalidAppID}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got %q, want %q", got, want)
	}
	if errs := validateAuthorizeRequest(authorizeRequest{AppName: "X", AppID: "6F5D6A9E-2C2C-4A1A-9B1E-0D3C5A7E9F11", SuccessURL: "https://a.example/"}, false); len(errs) != 0 {
		t.Errorf("valid request refused: %q", errs)
	}
}

func TestEscFormURLAndAddQueryArgs(t *testing.T) {
	for raw, want := range map[string]string{
		"https://example.com/cb": "https://example.com/cb",
		"HTTP://example.com/cb":  "HTTP://example.com/cb",
		"myapp://callback":       "",
		"wordpress://cb":         "",
		"":                       "",
	} {
		if got := escFormURL(raw); got != want {
			t.Errorf("escFormURL(%q) = %q, want %q", raw, got, want)
		}
	}
	got := addQueryArgs("https://example.com/cb?keep=1&success=true#frag", "success", "false")
	u, _ := url.Parse(got)
	if u.Query().Get("keep") != "1" || u.Query().Get("success") != "false" || u.Fragment != "frag" {
		t.Errorf("addQueryArgs = %q", got)
	}
	if got := addQueryArgs("myapp://callback", "password", "abc"); got != "myapp://callback?password=abc" {
		t.Errorf("addQueryArgs custom scheme = %q", got)
	}
}

// FuzzValidateRedirectURL checks that whatever validateRedirectURL accepts
// is a URL with a host, no credentials, a harmless scheme and, outside the
// local environment, no plain http except to a loopback address.
func FuzzValidateRedirectURL(f *testing.F) {
	for _, s := range []string{"https://example.com/cb", "myapp://callback", "javascript:alert(1)", "HTTP://x",
		"http://[::1]:80/", "data:text/plain,x", "https://u:p@h/", "http://127.0.0.1/", "a:", "\x00http://x"} {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, raw string, local bool) {
		msg := validateRedirectURL(raw, local)
		if msg != "" || raw == "" {
			return
		}
		u, err := url.Parse(raw)
		if err != nil {
			t.Fatalf("accepted unparsable %q: %v", raw, err)
		}
		scheme := strings.ToLower(u.Scheme)
		if u.Hostname() == "" || u.User != nil || badRedirectSchemes[scheme] {
			t.Fatalf("accepted %q (scheme %q, host %q)", raw, u.Scheme, u.Hostname())
		}
		// ::1 may be written in any of its forms ([::01], [0:0::1]): all
		// name this machine, which is what the rule protects.
		loopback := u.Hostname() == "127.0.0.1" || net.ParseIP(u.Hostname()).Equal(net.IPv6loopback)
		if scheme == "http" && !local && !loopback {
			t.Fatalf("accepted insecure %q outside local", raw)
		}
		// What the redirect will carry must still be acceptable.
		if again := addQueryArgs(raw, "password", "x"); validateRedirectURL(again, local) != "" {
			t.Fatalf("adding the password made %q invalid: %q", raw, again)
		}
	})
}
