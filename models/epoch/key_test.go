package epoch

import "testing"

// Keys tell apart everything that tells answers apart — a part's content,
// where one part ends and the next begins, a body — and no two processes
// share keys.
func TestKeysTellAnswersApart(t *testing.T) {
	k := NewKeyer()
	base := k.Key("127.0.0.1", "Basic YWRtaW46cHc=", "/wp-json/wp/v2/posts")
	for _, tc := range []struct {
		name string
		key  Key
		same bool
	}{
		{"the same parts", k.Key("127.0.0.1", "Basic YWRtaW46cHc=", "/wp-json/wp/v2/posts"), true},
		{"another address", k.Key("127.0.0.2", "Basic YWRtaW46cHc=", "/wp-json/wp/v2/posts"), false},
		{"another password", k.Key("127.0.0.1", "Basic YWRtaW46cHg=", "/wp-json/wp/v2/posts"), false},
		{"no credentials", k.Key("127.0.0.1", "", "/wp-json/wp/v2/posts"), false},
		{"parts split elsewhere", k.Key("127.0.0.1Basic YWRtaW46cHc=", "", "/wp-json/wp/v2/posts"), false},
		{"a part fewer", k.Key("127.0.0.1", "Basic YWRtaW46cHc="), false},
		{"another process", NewKeyer().Key("127.0.0.1", "Basic YWRtaW46cHc=", "/wp-json/wp/v2/posts"), false},
	} {
		if (tc.key == base) != tc.same {
			t.Errorf("%s: same key = %v, want %v", tc.name, tc.key == base, tc.same)
		}
	}

	body := []byte("<methodCall><methodName>wp.getUsers</methodName></methodCall>")
	withBody := k.KeyWithBody(body, "127.0.0.1")
	if withBody != k.KeyWithBody(append([]byte(nil), body...), "127.0.0.1") {
		t.Error("the same body and address gave two keys")
	}
	for name, other := range map[string]Key{
		"another body":    k.KeyWithBody(body[1:], "127.0.0.1"),
		"another address": k.KeyWithBody(body, "127.0.0.2"),
		"no body":         k.Key("127.0.0.1"),
	} {
		if other == withBody {
			t.Errorf("%s: same key as the request", name)
		}
	}
}

// BenchmarkKey is the key of a REST request, made on every cached one.
func BenchmarkKey(b *testing.B) {
	k := NewKeyer()
	b.ReportAllocs()
	for b.Loop() {
		_ = k.Key("127.0.0.1", "http", "Basic YWRtaW46YWJjZCBFRkdIIGlqa2wgTU5PUCBxcnN0IFVWV1g=", "/wp/v2/posts", "/wp-json/wp/v2/posts?per_page=10", "")
	}
}
