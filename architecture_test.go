package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"io/fs"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// layer is what a package is for; the import rules are written per layer.
type layer string

const (
	// command is package main: configuration, composition, admin commands.
	command layer = "command"
	// domain is models: persistence and every WordPress rule.
	domain layer = "domain"
	// leaf packages do one job and know nothing of the project beyond the
	// imports their rule states.
	leaf layer = "leaf"
	// service packages work through models for the commands (loading data
	// sets, importing a WordPress site).
	service layer = "service"
	// adapter packages word models for one protocol: REST, XML-RPC, pages.
	adapter layer = "adapter"
	// testHelper packages are imported by tests only.
	testHelper layer = "test helper"
	// testsOnly packages hold nothing but tests that compose several
	// adapters, as the command does.
	testsOnly layer = "tests only"
	// tool packages drive a server from outside, as a client would.
	tool layer = "tool"
)

// packageRule places one package: its layer, the project packages its
// non-test code may import (paths relative to the module; "." is the root)
// and the outside packages it must never reach, even indirectly.
type packageRule struct {
	layer   layer
	imports []string
	never   []string
}

const echoModule = "github.com/labstack/echo/v4"

// packageRules names every package of the module and the project packages
// each imports: the import graph on one screen. A new package fails
// TestPackageRules until it is given a place here, and a new import of a
// project package until its rule allows it: both are design decisions.
var packageRules = map[string]packageRule{
	".":                            {layer: command}, // may import any package but test helpers
	"models":                       {layer: domain, imports: []string{"models/kses", "models/epoch", "languages"}, never: []string{"net/http", echoModule}},
	"models/kses":                  {layer: leaf},
	"languages":                    {layer: leaf, never: []string{"net/http", echoModule}},                                   // gettext catalogs and locale formats
	"models/epoch":                 {layer: leaf, never: []string{"net/http", echoModule}},                                   // cross-process caching, beneath models
	"models/wptext":                {layer: leaf, imports: []string{"models/kses"}, never: []string{"net/http", echoModule}}, // pure string functions
	"models/mail":                  {layer: leaf, imports: []string{"models", "languages"}},                                  // delivers models' notifications
	"storage":                      {layer: leaf, imports: []string{"models"}},                                               // implements models.Storage
	"outbound":                     {layer: leaf},                                                                            // the one guarded fetcher for requests to other sites
	"fixtures":                     {layer: service, imports: []string{"models"}},
	"models/wpimport":              {layer: service, imports: []string{"models"}},
	"rest":                         {layer: adapter, imports: []string{"models", "models/epoch", "models/wptext", "outbound", "languages"}},
	"xmlrpc":                       {layer: adapter, imports: []string{"models", "models/epoch", "models/wptext", "outbound", "languages"}, never: []string{echoModule}}, // a plain http.Handler
	"handlers":                     {layer: adapter, imports: []string{"models", "handlers/site", "languages", "handlers/words"}},
	"handlers/words":               {layer: adapter, imports: []string{"models", "languages"}},                                                    // the pages' words for the store's reasons
	"handlers/site":                {layer: adapter, imports: []string{"models", "models/epoch", "models/wptext", "languages", "handlers/words"}}, // the public site, part of the browser adapter
	"fixtures/fixturestest":        {layer: testHelper, imports: []string{"models", "fixtures", "fixtures/testdb"}},
	"fixtures/testdb":              {layer: testHelper}, // fresh databases, for leaves' tests too
	"fixtures/longtext":            {layer: leaf},       // long posts of realistic HTML, for benchmarks and the load test
	"models/wpimport/wpimporttest": {layer: testHelper},
	"models/reasonstest":           {layer: testHelper, imports: []string{"models"}},
	"handlers/e2e":                 {layer: testsOnly},
	"loadtest":                     {layer: tool}, // presspass loadtest: the command prepares the site, this drives it over HTTP
}

// goPackage is what `go list -json` tells of a package.
type goPackage struct {
	ImportPath, Doc           string
	Imports, Deps             []string
	TestImports, XTestImports []string
	Module                    struct{ Path string }

	rel                         string   // the path relative to the module
	projectImports, projectDeps []string // the project's packages, relative
	projectTestImports          []string // of the in-package and external tests
}

// TestPackageRules keeps the layering of ARCHITECTURE.md true for every
// package of the module: models never reaches HTTP, Echo or an adapter;
// adapters never import each other, not even in their tests; leaves import
// only what their rule states; nothing imports the command; only tests
// import test helpers; a tool reaches no server package. Each package's
// doc comment says its one job.
func TestPackageRules(t *testing.T) {
	pkgs := listPackages(t)
	for _, rel := range sortedKeys(pkgs) {
		if _, ok := packageRules[rel]; !ok {
			t.Errorf("package %s has no entry in packageRules: give it a layer and the project packages it may import", rel)
		}
	}
	for _, rel := range sortedKeys(packageRules) {
		if _, ok := pkgs[rel]; !ok {
			t.Errorf("packageRules names %s, which is not a package of the module", rel)
		}
	}
	for _, rel := range sortedKeys(pkgs) {
		rule, ok := packageRules[rel]
		if !ok {
			continue
		}
		t.Run(rel, func(t *testing.T) {
			for _, problem := range checkPackage(pkgs[rel], rule) {
				t.Error(problem)
			}
		})
	}
}

// TestPackageRulesCatchViolations feeds checkPackage made-up packages that
// break each rule, so that a rule that stopped seeing its violation fails
// here rather than letting the real packages drift; and it checks that the
// table itself obeys the rules.
func TestPackageRulesCatchViolations(t *testing.T) {
	cases := []struct {
		name string
		pkg  goPackage
		rule packageRule
		want string
	}{
		{"no doc comment", goPackage{rel: "models/kses"}, packageRules["models/kses"], "no doc comment"},
		{"a stated import that is gone", goPackage{rel: "rest", Doc: "x", projectImports: []string{"models"}, projectDeps: []string{"models"}},
			packageRules["rest"], "no longer imports models/wptext"},
		{"an import its rule does not state", goPackage{rel: "models/kses", Doc: "x", projectImports: []string{"models"}, projectDeps: []string{"models"}},
			packageRules["models/kses"], "imports models"},
		{"models reaching net/http", goPackage{rel: "models", Doc: "x", Deps: []string{"net/http"}}, packageRules["models"], "depends on net/http"},
		{"XML-RPC reaching Echo", goPackage{rel: "xmlrpc", Doc: "x", Deps: []string{echoModule}}, packageRules["xmlrpc"], "depends on " + echoModule},
		{"models reaching an adapter", goPackage{rel: "models", Doc: "x", projectDeps: []string{"rest"}},
			packageRule{layer: domain, imports: []string{"rest"}}, "depends on rest"},
		{"an adapter reaching another", goPackage{rel: "rest", Doc: "x", projectDeps: []string{"models", "xmlrpc/pingback"}},
			packageRules["rest"], "depends on xmlrpc/pingback"},
		{"an adapter's tests importing another", goPackage{rel: "handlers", Doc: "x", projectTestImports: []string{"rest"}},
			packageRules["handlers"], "tests import rest"},
		{"models' tests importing an adapter", goPackage{rel: "models", Doc: "x", projectTestImports: []string{"xmlrpc"}},
			packageRules["models"], "tests import xmlrpc"},
		{"production code importing a test helper", goPackage{rel: "fixtures", Doc: "x", projectDeps: []string{"fixtures/fixturestest"}},
			packageRule{layer: service, imports: []string{"fixtures/fixturestest"}}, "depends on fixtures/fixturestest"},
		{"the command importing a test helper", goPackage{rel: ".", Doc: "x", projectImports: []string{"fixtures/fixturestest"}},
			packageRules["."], "imports fixtures/fixturestest"},
		{"importing the command", goPackage{rel: "fixtures", Doc: "x", projectTestImports: []string{"."}},
			packageRules["fixtures"], "tests import the command"},
		{"a tool reaching models", goPackage{rel: "tool", Doc: "x", projectDeps: []string{"models"}},
			packageRule{layer: tool, imports: []string{"models"}}, "depends on models"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			problems := checkPackage(&c.pkg, c.rule)
			if !slices.ContainsFunc(problems, func(p string) bool { return strings.Contains(p, c.want) }) {
				t.Errorf("problems %q, want one saying %q", problems, c.want)
			}
		})
	}
	for _, rel := range sortedKeys(packageRules) {
		r := packageRules[rel]
		p := &goPackage{rel: rel, Doc: "x", projectImports: r.imports, projectDeps: r.imports}
		if problems := checkPackage(p, r); len(problems) > 0 {
			t.Errorf("%s, importing just what its rule states, breaks the rules: %q", rel, problems)
		}
	}
}

// checkPackage returns what p does against its rule, one sentence each.
func checkPackage(p *goPackage, rule packageRule) []string {
	var problems []string
	report := func(format string, args ...any) {
		problems = append(problems, p.rel+" "+fmt.Sprintf(format, args...))
	}
	layerOf := func(rel string) layer { return packageRules[rel].layer }
	if strings.TrimSpace(p.Doc) == "" {
		report("has no doc comment saying its one job")
	}
	for _, imp := range p.projectImports {
		allowed := slices.Contains(rule.imports, imp)
		if rule.layer == command {
			allowed = layerOf(imp) != testHelper && layerOf(imp) != testsOnly
		}
		if !allowed {
			report("imports %s, which packageRules does not allow it", imp)
		}
	}
	for _, imp := range rule.imports {
		if !slices.Contains(p.projectImports, imp) {
			report("no longer imports %s: take it out of packageRules, which maps the imports as they are", imp)
		}
	}
	for _, dep := range p.projectDeps {
		switch l := layerOf(dep); {
		case l == command:
			report("depends on the command %s", dep)
		case (l == testHelper || l == testsOnly) && rule.layer != testHelper:
			report("depends on %s, which only tests may import", dep)
		case rule.layer == domain && l != leaf:
			report("depends on %s: models imports only leaf packages", dep)
		case rule.layer == adapter && adapterOf(dep) != "" && adapterOf(dep) != adapterOf(p.rel):
			report("depends on %s: adapters never import each other", dep)
		case rule.layer == tool && l != leaf:
			report("depends on %s: a tool reaches no server package", dep)
		}
	}
	for _, bad := range rule.never {
		if slices.Contains(p.Deps, bad) {
			report("depends on %s, which its rule forbids", bad)
		}
	}
	for _, imp := range p.projectTestImports {
		if imp == "." && p.rel != "." {
			report("tests import the command")
		}
		if rule.layer == command || rule.layer == testsOnly {
			continue // they compose the adapters
		}
		if a := adapterOf(imp); a != "" && a != adapterOf(p.rel) {
			report("tests import %s: only the command's and the tests-only packages' tests compose adapters", imp)
		}
	}
	return problems
}

// adapterOf returns the adapter package that rel is or lives under, or "":
// the outermost one, so that a package inside an adapter (handlers/site)
// belongs to it.
func adapterOf(rel string) string {
	out := ""
	for name, r := range packageRules {
		if r.layer == adapter && (rel == name || strings.HasPrefix(rel, name+"/")) && (out == "" || len(name) < len(out)) {
			out = name
		}
	}
	return out
}

// listPackages runs `go list -json ./...` and keys its packages by their
// path relative to the module.
func listPackages(t *testing.T) map[string]*goPackage {
	t.Helper()
	out, err := exec.Command("go", "list", "-json=ImportPath,Doc,Imports,Deps,TestImports,XTestImports,Module", "./...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	pkgs := map[string]*goPackage{}
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		var p goPackage
		if err := dec.Decode(&p); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			t.Fatalf("go list output: %v", err)
		}
		mod := p.Module.Path
		rel := func(path string) (string, bool) {
			if path == mod {
				return ".", true
			}
			return strings.CutPrefix(path, mod+"/")
		}
		p.rel, _ = rel(p.ImportPath)
		pick := func(lists ...[]string) []string {
			var out []string
			for _, list := range lists {
				for _, path := range list {
					if r, ok := rel(path); ok && r != p.rel && !slices.Contains(out, r) {
						out = append(out, r)
					}
				}
			}
			return out
		}
		p.projectImports = pick(p.Imports)
		p.projectDeps = pick(p.Deps)
		p.projectTestImports = pick(p.TestImports, p.XTestImports)
		pkgs[p.rel] = &p
	}
	if len(pkgs) == 0 {
		t.Fatal("go list found no packages")
	}
	return pkgs
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// TestModelsSpeakNoProtocol keeps models free of the protocols' words: no
// REST code ("rest_…" string) and no HTTP status (net/http, a Status field
// or WithStatus call, a status-like number given to something named status)
// in any non-test file under models/. The adapters word the store's reasons
// in their own tables.
func TestModelsSpeakNoProtocol(t *testing.T) {
	isStatusName := func(name string) bool { return strings.Contains(strings.ToLower(name), "status") }
	isStatusNumber := func(e ast.Expr) bool {
		lit, ok := e.(*ast.BasicLit)
		if !ok || lit.Kind != token.INT {
			return false
		}
		n, err := strconv.Atoi(lit.Value)
		return err == nil && n >= 100 && n <= 599
	}
	nameOf := func(e ast.Expr) string {
		switch x := e.(type) {
		case *ast.Ident:
			return x.Name
		case *ast.SelectorExpr:
			return x.Sel.Name
		}
		return ""
	}
	err := filepath.WalkDir("models", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return err
		}
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		report := func(n ast.Node, what string) { t.Errorf("%s: %s", fset.Position(n.Pos()), what) }
		for _, imp := range f.Imports {
			if imp.Path.Value == `"net/http"` {
				report(imp, "imports net/http")
			}
		}
		ast.Inspect(f, func(n ast.Node) bool {
			switch x := n.(type) {
			case *ast.BasicLit:
				if s, err := strconv.Unquote(x.Value); x.Kind == token.STRING && err == nil && strings.HasPrefix(s, "rest_") {
					report(x, "holds the REST code "+x.Value)
				}
			case *ast.KeyValueExpr:
				if isStatusName(nameOf(x.Key)) && isStatusNumber(x.Value) {
					report(x, "sets an HTTP status")
				}
			case *ast.AssignStmt:
				for i, lhs := range x.Lhs {
					if i < len(x.Rhs) && isStatusName(nameOf(lhs)) && isStatusNumber(x.Rhs[i]) {
						report(x, "assigns an HTTP status")
					}
				}
			case *ast.CallExpr:
				if name := nameOf(x.Fun); name == "WithStatus" || isStatusName(name) && len(x.Args) > 0 && isStatusNumber(x.Args[0]) {
					report(x, "passes an HTTP status to "+name)
				}
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
