// Package reasonstest lists every reason the store declares, so that each
// adapter's tests can check that its wording table leaves none out.
package reasonstest

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"runtime"
	"strconv"
	"testing"

	"github.com/presspass/presspass/models"
)

// All returns every Reason constant of models/reasons.go, read from its
// source so that a reason added there is seen at once.
func All(t testing.TB) []models.Reason {
	t.Helper()
	_, here, _, ok := runtime.Caller(0)
	if !ok {
		t.Fatal("reasonstest: cannot locate models/reasons.go")
	}
	f, err := parser.ParseFile(token.NewFileSet(), filepath.Join(filepath.Dir(here), "..", "reasons.go"), nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	var out []models.Reason
	ast.Inspect(f, func(n ast.Node) bool {
		if vs, ok := n.(*ast.ValueSpec); ok && len(vs.Values) == 1 {
			typ, isIdent := vs.Type.(*ast.Ident)
			lit, isLit := vs.Values[0].(*ast.BasicLit)
			if isIdent && typ.Name == "Reason" && isLit {
				s, _ := strconv.Unquote(lit.Value)
				out = append(out, models.Reason(s))
			}
		}
		return true
	})
	if len(out) < 50 {
		t.Fatalf("reasonstest: found only %d reasons in models/reasons.go", len(out))
	}
	return out
}

// CheckWorded fails t for every reason whose presence in a wording table
// (worded) disagrees with outOfReach, the reasons the adapter can never
// meet and so leaves unworded.
func CheckWorded(t *testing.T, worded func(models.Reason) bool, outOfReach map[models.Reason]bool) {
	t.Helper()
	for _, r := range All(t) {
		if w := worded(r); w == outOfReach[r] {
			t.Errorf("reason %q: worded %v, listed as out of reach %v", r, w, outOfReach[r])
		}
	}
}

// Refusal is a store error of that kind and reason, as the store returns
// one, for tests of how an adapter words it.
func Refusal(kind models.Kind, reason models.Reason, d models.Details) error {
	return &models.Error{Kind: kind, Reason: reason, Details: d}
}
