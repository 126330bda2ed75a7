package xmlrpc

import (
	"context"
	"go/ast"
	goparser "go/parser"
	"go/token"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"github.com/presspass/presspass/languages"
	"github.com/presspass/presspass/models"
	"github.com/presspass/presspass/models/reasonstest"
)

// notOverXMLRPC are the reasons no XML-RPC method can meet: loaders, the
// pages' sessions and two-factor logins, block templates, oEmbed and the
// public site's own.
var notOverXMLRPC = map[models.Reason]bool{
	models.ReasonUnknownPostStatus: true, models.ReasonPostTypeRequired: true, models.ReasonUnknownCommentStatus: true,
	models.ReasonImportedUserUnknown: true, models.ReasonAppPasswordUUIDRequired: true, models.ReasonUnknownUserRef: true,
	models.ReasonSessionExpired: true, models.ReasonSessionNotFound: true, models.ReasonTwoFactorCodeIncorrect: true,
	models.ReasonTwoFactorNotSetUp: true, models.ReasonTwoFactorSelfOnly: true, models.ReasonLoginChallengeExpired: true,
	models.ReasonTemplateNotFound: true, models.ReasonThemeTemplateUndeletable: true, models.ReasonTemplateAlreadyTrashed: true,
	models.ReasonOEmbedInvalidURL: true, models.ReasonSitemapNotFound: true, models.ReasonNoSuchTermSlug: true, models.ReasonCommentOnProtectedPost: true,
	models.ReasonDoctorTokenInvalid: true, models.ReasonLastAdministrator: true, models.ReasonInvalidSearchType: true,
}

func TestEveryReasonHasAFault(t *testing.T) {
	reasonstest.CheckWorded(t, func(r models.Reason) bool { _, ok := reasonFaults[r]; return ok }, notOverXMLRPC)
}

func TestStoreErrorsAsFaults(t *testing.T) {
	refuse := reasonstest.Refusal
	tests := []struct {
		name    string
		fault   error
		code    int
		message string
	}{
		{"a refusal takes its kind's code", asFault(refuse(models.KindForbidden, models.ReasonCannotEditPost, models.Details{})),
			401, "Sorry, you are not allowed to edit this post."},
		{"a reason with a code of its own", asFault(refuse(models.KindConflict, models.ReasonPingbackRegistered, models.Details{})),
			48, "The pingback has already been registered."},
		{"a string filled from the details", asFault(refuse(models.KindConflict, models.ReasonDuplicateTermSlug, models.Details{Value: "news"})),
			409, "The slug &#8220;news&#8221; is already in use by another term."},
		{"the method's own code", faultCoded(500, refuse(models.KindInvalid, models.ReasonTermNameRequired, models.Details{})),
			500, "A name is required for this term."},
		{"an internal failure shows nothing of its cause", asFault(models.Internal(io.ErrUnexpectedEOF)),
			500, "An internal error occurred."},
		{"a failed post insert", postWriteFault(models.Internal(io.ErrUnexpectedEOF), true),
			500, "Could not insert post into the database."},
		{"a failed post update", postWriteFault(models.Internal(io.ErrUnexpectedEOF), false),
			500, "Could not update post in the database."},
		{"wp_insert_post's own refusals are 500", postWriteFault(refuse(models.KindInvalid, models.ReasonEmptyPostContent, models.Details{}), true),
			500, "Content, title, and excerpt are empty."},
		{"an upload the storage refused names its folder", uploadFault("photo.png", refuse(models.KindUnavailable, models.ReasonUploadNotStored, models.Details{Path: "wp-content/uploads/2026/12"})),
			500, "Could not write file photo.png (The uploaded file could not be moved to wp-content/uploads/2026/12.)."},
		{"a post write refused for a capability keeps 401", postWriteFault(refuse(models.KindForbidden, models.ReasonCannotStick, models.Details{}), true),
			401, "Sorry, you are not allowed to make posts sticky."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := asFault(tt.fault)
			if got := f.in(languages.Default); f.Code != tt.code || got != tt.message {
				t.Fatalf("got %d %q, want %d %q", f.Code, got, tt.code, tt.message)
			}
		})
	}
	if f := asFault(models.Internal(context.DeadlineExceeded)); f.Code != 503 || f.HTTPStatus != 503 {
		t.Fatalf("an unreachable database gives %d (HTTP %d), want 503", f.Code, f.HTTPStatus)
	}
}

// Every fault string WordPress translates is marked, so it reaches the
// catalog: a literal given to NewFault or faultf must be wrapped in
// languages.Mark (IXR's untranslated texts go through ixrFault), and every
// string of the reason table has a Japanese entry.
func TestFaultStringsAreMarked(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := goparser.ParseFile(token.NewFileSet(), name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) < 2 {
				return true
			}
			if id, ok := call.Fun.(*ast.Ident); !ok || (id.Name != "NewFault" && id.Name != "faultf" && id.Name != "deleteFault") {
				return true
			}
			if lit, ok := call.Args[1].(*ast.BasicLit); ok && lit.Kind == token.STRING {
				t.Errorf("%s: %s(…, %s) is not marked with languages.Mark", name, call.Fun.(*ast.Ident).Name, lit.Value)
			}
			if _, ok := call.Args[1].(*ast.BinaryExpr); ok {
				t.Errorf("%s: %s builds its string with +: use a marked format and faultf", name, call.Fun.(*ast.Ident).Name)
			}
			return true
		})
	}
	for reason, rf := range reasonFaults {
		if languages.T("ja", rf.message) == rf.message {
			t.Errorf("reason %v: %q has no Japanese entry", reason, rf.message)
		}
	}
}

// A fault is worded when it is sent: the same fault in English and in
// Japanese, its arguments (themselves translatable) worded with it.
func TestFaultsWordedPerLocale(t *testing.T) {
	upload := uploadFault("photo.png", reasonstest.Refusal(models.KindUnavailable, models.ReasonUploadNotStored, models.Details{Path: "wp-content/uploads/2026/12"}))
	tests := []struct {
		name   string
		fault  error
		en, ja string
	}{
		{"a marked string", faultBadLogin, "Incorrect username or password.", "ユーザー名またはパスワードが正しくありません。"},
		{"a reason under a method's code", faultCoded(500, reasonstest.Refusal(models.KindInvalid, models.ReasonTermNameRequired, models.Details{})),
			"A name is required for this term.", "このタームには名前が必要です。"},
		{"a nested fault as an argument", upload,
			"Could not write file photo.png (The uploaded file could not be moved to wp-content/uploads/2026/12.).",
			"ファイル photo.png を書き込めませんでした (アップロードされたファイルを wp-content/uploads/2026/12 へ移動できませんでした。)。"},
		{"the fatal error page", faultFatal,
			`<p>There has been a critical error on this website.</p><p><a href="https://wordpress.org/documentation/article/faq-troubleshooting/">Learn more about troubleshooting WordPress.</a></p>`,
			`<p>このサイトで重大なエラーが発生しました。</p><p><a href="https://wordpress.org/documentation/article/faq-troubleshooting/">WordPress のトラブルシューティングについて詳しく見る。</a></p>`},
		{"IXR's own text", faultParse, "parse error. not well formed", "parse error. not well formed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := asFault(tt.fault)
			if got := f.in(languages.Default); got != tt.en {
				t.Errorf("en_US: %q, want %q", got, tt.en)
			}
			if got := f.in("ja"); got != tt.ja {
				t.Errorf("ja: %q, want %q", got, tt.ja)
			}
			if got := f.Error(); !strings.Contains(got, tt.en) {
				t.Errorf("Error() %q is not in English", got)
			}
		})
	}
}
