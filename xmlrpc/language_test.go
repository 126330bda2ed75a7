package xmlrpc_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/presspass/presspass/models"
)

// Faults are worded as WordPress words them: __() in the site's language
// (WPLANG), which logging in does not change (login() sets the current
// user, nothing switches to the user's locale); the fault code never
// changes; IXR's own texts stay English.
func TestFaultsInTheSitesLanguage(t *testing.T) {
	ts := newSite(t, true)
	ctx := context.Background()
	// author chose Japanese, editor English; the others keep the site's.
	for login, locale := range map[string]string{"author": "ja", "editor": "en_US"} {
		if _, err := ts.store.UpdateUser(ctx, ts.ids[login], models.UserInput{Locale: &locale}); err != nil {
			t.Fatal(err)
		}
	}
	wrongPassword := []any{1, "admin", "wrong"}
	notAllowed := ts.creds("subscriber") // wp.getPages needs edit_pages
	tests := []struct {
		name    string
		wplang  string
		method  string
		args    []any
		code    int
		message string
	}{
		{"wrong password, English site", "", "wp.getProfile", wrongPassword, 403, "Incorrect username or password."},
		{"wrong password, Japanese site", "ja", "wp.getProfile", wrongPassword, 403, "ユーザー名またはパスワードが正しくありません。"},
		{"not allowed, English site", "", "wp.getPages", notAllowed, 401, "Sorry, you are not allowed to edit pages."},
		{"not allowed, Japanese site", "ja", "wp.getPages", notAllowed, 401, "固定ページを編集する権限がありません。"},
		{"a store refusal, Japanese site", "ja", "wp.getPost", append(ts.creds("admin"), 999999), 404, "無効な投稿 ID です。"},
		{"too few arguments, Japanese site", "ja", "wp.getPost", []any{1}, 400, "この XML-RPC メソッドに渡された引数が足りません。"},
		{"a format whose argument is translated too, Japanese site", "ja", "wp.uploadFile",
			append(ts.creds("admin"), map[string]any{"name": "...", "type": "text/plain", "bits": "x"}), 500,
			"ファイル  を書き込めませんでした (ファイル名が空です)。"},
		{"the same, English site", "", "wp.uploadFile",
			append(ts.creds("admin"), map[string]any{"name": "...", "type": "text/plain", "bits": "x"}), 500,
			"Could not write file  (Empty filename)."},
		{"a user who chose Japanese on an English site", "", "wp.getPost", append(ts.creds("author"), 999999), 404, "Invalid post ID."},
		{"a user who chose English on a Japanese site", "ja", "wp.getPost", append(ts.creds("editor"), 999999), 404, "無効な投稿 ID です。"},
		{"IXR's unknown method stays English on a Japanese site", "ja", "no.such", nil, -32601, "server error. requested method no.such does not exist."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := ts.store.SetOption(ctx, "WPLANG", tt.wplang); err != nil {
				t.Fatal(err)
			}
			_, err := ts.call(tt.method, tt.args)
			if got, want := errString(err), faultText(tt.code, tt.message); got != want {
				t.Fatalf("got %s, want %s", got, want)
			}
		})
	}

	t.Run("system.multicall's faults, Japanese site", func(t *testing.T) {
		if err := ts.store.SetOption(ctx, "WPLANG", "ja"); err != nil {
			t.Fatal(err)
		}
		v, err := ts.call("system.multicall", []any{[]any{
			map[string]any{"methodName": "wp.getPages", "params": notAllowed},
			map[string]any{"methodName": "no.such"},
		}})
		if err != nil {
			t.Fatal(err)
		}
		res := v.([]any)
		eq(t, mustStruct(t, res[0])["faultCode"], int64(401))
		eq(t, mustStruct(t, res[0])["faultString"], "固定ページを編集する権限がありません。")
		eq(t, mustStruct(t, res[1])["faultString"], "server error. requested method no.such does not exist.")
	})

	t.Run("a parse error stays IXR's English on a Japanese site", func(t *testing.T) {
		resp, err := http.Post(ts.url+"/xmlrpc.php", "text/xml", bytes.NewReader([]byte("<methodCall><oops")))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		if !strings.Contains(string(b), "<int>-32700</int>") || !strings.Contains(string(b), "parse error. not well formed") {
			t.Fatalf("got %s", b)
		}
	})
}

// With XML-RPC switched off, the refusal is in the site's language too, its
// code still the HTTP status.
func TestDisabledFaultInTheSitesLanguage(t *testing.T) {
	ts := newSite(t, false)
	if err := ts.store.SetOption(context.Background(), "WPLANG", "ja"); err != nil {
		t.Fatal(err)
	}
	resp, err := http.Post(ts.url+"/xmlrpc.php", "text/xml", strings.NewReader(`<methodCall><methodName>wp.getProfile</methodName><params><param><value><int>1</int></value></param><param><value>admin</value></param><param><value>admin-test-pass</value></param></params></methodCall>`))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	eq(t, resp.StatusCode, 405)
	if !strings.Contains(string(b), "<int>405</int>") || !strings.Contains(string(b), "このサイトでは XML-RPC サービスが無効になっています。") {
		t.Fatalf("got %s", b)
	}
}

// wp.getOptions describes each option in the site's language, as
// WordPress's blog options are worded with __(); switching WPLANG changes
// the answer at once (no cached answer keeps the old language).
func TestOptionDescriptionsInTheSitesLanguage(t *testing.T) {
	ts := newSite(t, true)
	for _, tt := range []struct{ wplang, want string }{{"", "Software Name"}, {"ja", "ソフトウェア名"}, {"", "Software Name"}} {
		if err := ts.store.SetOption(context.Background(), "WPLANG", tt.wplang); err != nil {
			t.Fatal(err)
		}
		v, err := ts.call("wp.getOptions", append(ts.creds("admin"), []any{"software_name"}))
		if err != nil {
			t.Fatal(err)
		}
		eq(t, mustStruct(t, mustStruct(t, v)["software_name"])["desc"], tt.want)
	}
}
