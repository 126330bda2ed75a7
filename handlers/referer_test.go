package handlers

import "testing"

func TestRefererField(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"/wp-admin/authorize-application.php", "/wp-admin/authorize-application.php"},
		// The Android app encodes spaces as %20; WordPress answers with "+".
		{"/wp-admin/authorize-application.php?app_name=WordPress%20Android%20app&success_url=wordpress%3A%2F%2Fapp-pass-authorize",
			"/wp-admin/authorize-application.php?app_name=WordPress+Android+app&success_url=wordpress%3A%2F%2Fapp-pass-authorize"},
		{"/p?app_name=WordPress+iOS+app&app_id=a9cb72ed-311b", "/p?app_name=WordPress+iOS+app&app_id=a9cb72ed-311b"},
		{"/p?a=1&_wp_http_referer=%2Fx&b=", "/p?a=1&b"},
		{"/p?a=1&b=2&a=3", "/p?a=3&b=2"},
		{"/p?x=%7E%2A%27", "/p?x=%7E%2A%27"},
		{"/p?_wp_http_referer=x", "/p"},
	} {
		if got := refererField(c.in); got != c.want {
			t.Errorf("refererField(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
