package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// Docker is not available where the tests run, so these read the compose
// file, the Dockerfile and .dockerignore as Docker would and check the
// properties a deployment relies on.

type composeFile struct {
	Services map[string]composeService `yaml:"services"`
	Volumes  map[string]any            `yaml:"volumes"`
}

type composeService struct {
	Build       any               `yaml:"build"`
	Image       string            `yaml:"image"`
	Profiles    []string          `yaml:"profiles"`
	Environment map[string]string `yaml:"environment"`
	Command     []string          `yaml:"command"`
	Ports       []string          `yaml:"ports"`
	Volumes     []string          `yaml:"volumes"`
	DependsOn   any               `yaml:"depends_on"`
}

// dependencies lists depends_on in either of its forms.
func (s composeService) dependencies() []string {
	var out []string
	switch d := s.DependsOn.(type) {
	case []any:
		for _, v := range d {
			out = append(out, v.(string))
		}
	case map[string]any:
		for k := range d {
			out = append(out, k)
		}
	}
	return out
}

func (s composeService) runsPressPass() bool { return s.Build != nil }

// interpolate resolves ${VAR:-default} and ${VAR} as compose does with none
// of the variables set, and $$ to $.
var composeVar = regexp.MustCompile(`\$\$|\$\{([A-Z0-9_]+)(?::?-([^}]*))?\}`)

func interpolate(s string) string {
	return composeVar.ReplaceAllStringFunc(s, func(m string) string {
		if m == "$$" {
			return "$"
		}
		return composeVar.FindStringSubmatch(m)[2]
	})
}

func readCompose(t *testing.T) (composeFile, string) {
	t.Helper()
	raw, err := os.ReadFile("docker-compose.yml")
	if err != nil {
		t.Fatal(err)
	}
	var cf composeFile
	if err := yaml.Unmarshal(raw, &cf); err != nil {
		t.Fatalf("docker-compose.yml: %v", err)
	}
	return cf, string(raw)
}

func TestComposeDefaultServiceIsLocalWithAVolume(t *testing.T) {
	cf, _ := readCompose(t)
	svc, ok := cf.Services["presspass"]
	if !ok || len(svc.Profiles) != 0 {
		t.Fatalf("the default service presspass is missing or in a profile: %+v", svc)
	}
	for name, s := range cf.Services {
		for _, p := range s.Ports {
			if !strings.Contains(p, "${") {
				t.Errorf("%s publishes %q: the address must come from a variable", name, p)
			}
			published := interpolate(p)
			if !strings.HasPrefix(published, "127.0.0.1:") {
				t.Errorf("%s publishes %q by default, want 127.0.0.1 only", name, published)
			}
		}
	}
	if len(svc.Ports) == 0 {
		t.Error("the default service publishes no port")
	}
	var dataVolume string
	for _, v := range svc.Volumes {
		src, dst, _ := strings.Cut(v, ":")
		if strings.TrimSuffix(dst, ":rw") == "/data" {
			dataVolume = src
		}
	}
	if dataVolume == "" || strings.ContainsAny(dataVolume, "./~") {
		t.Fatalf("/data is not on a named volume: %v", svc.Volumes)
	}
	if _, ok := cf.Volumes[dataVolume]; !ok {
		t.Errorf("volume %q is not declared at the top level", dataVolume)
	}
}

func TestComposeScaleProfileSharesMedia(t *testing.T) {
	cf, _ := readCompose(t)
	var store string
	for name, s := range cf.Services {
		if strings.HasPrefix(s.Image, "minio/minio") && hasProfile(s, "scale") {
			store = name
		}
	}
	if store == "" {
		t.Fatal("the scale profile has no S3-compatible store (MinIO)")
	}
	// Every PressPass the scale profile's proxy sends requests to must keep
	// its uploads in that store.
	proxy, ok := cf.Services["proxy"]
	if !ok || !hasProfile(proxy, "scale") {
		t.Fatal("the scale profile has no proxy")
	}
	replicas := 0
	for _, dep := range proxy.dependencies() {
		s := cf.Services[dep]
		if !s.runsPressPass() {
			continue
		}
		replicas++
		if !hasProfile(s, "scale") {
			t.Errorf("the proxy depends on %s, which is not in the scale profile", dep)
		}
		env := s.Environment
		if u := interpolate(env["PRESSPASS_UPLOADS_S3_URL"]); !strings.HasPrefix(u, "http://"+store+":") {
			t.Errorf("%s: PRESSPASS_UPLOADS_S3_URL %q does not point at %s", dep, u, store)
		}
		for _, k := range []string{"PRESSPASS_UPLOADS_S3_BUCKET", "PRESSPASS_UPLOADS_S3_ACCESS_KEY", "PRESSPASS_UPLOADS_S3_SECRET_KEY"} {
			if interpolate(env[k]) == "" {
				t.Errorf("%s: %s is empty", dep, k)
			}
		}
		if env["PRESSPASS_TRUSTED_PROXIES"] == "" {
			t.Errorf("%s: behind the proxy but trusts no proxy (X-Forwarded-Proto ignored)", dep)
		}
	}
	if replicas < 2 {
		t.Errorf("the scale profile's proxy fronts %d PressPass replicas, want at least 2", replicas)
	}
}

func hasProfile(s composeService, p string) bool {
	for _, x := range s.Profiles {
		if x == p {
			return true
		}
	}
	return false
}

// TestComposeSettingsExist loads the configuration each PressPass service
// would run with: every variable it passes must be one the binary reads
// (a setting of cli_flags.go, or a.str in this package), and the
// whole set must be accepted.
func TestComposeSettingsExist(t *testing.T) {
	cf, _ := readCompose(t)
	read := variablesRead(t)
	for name, s := range cf.Services {
		if !s.runsPressPass() {
			continue
		}
		t.Run(name, func(t *testing.T) {
			for k, v := range s.Environment {
				flag, ok := read[k]
				if !ok {
					t.Errorf("%s: the binary does not read it", k)
				} else if _, global := globalFlags[flag]; flag != "" && !global {
					t.Errorf("%s: its flag --%s is not a global flag", k, flag)
				}
				t.Setenv(k, interpolate(v))
			}
			a, err := parseArgs(s.Command, flagSpec{})
			if err != nil {
				t.Fatalf("command %v: %v", s.Command, err)
			}
			if len(a.pos) > 1 || len(a.pos) == 1 && a.pos[0] != "serve" {
				t.Fatalf("command %v does not run serve", s.Command)
			}
			if _, err := loadConfig(a); err != nil {
				t.Fatalf("the configuration does not load: %v", err)
			}
		})
	}
}

// variablesRead maps each environment variable this package reads to its
// flag ("" for variables without one): the settings of cli_flags.go (read
// through args.setting) and any other variable read through args.str.
func variablesRead(t *testing.T) map[string]string {
	t.Helper()
	fset := token.NewFileSet()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, d := range settings() {
		out[d.Env] = d.Name
	}
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) < 2 {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok || (sel.Sel.Name != "str" && sel.Sel.Name != "boolean") {
				return true
			}
			flag, ok1 := call.Args[0].(*ast.BasicLit)
			env, ok2 := call.Args[1].(*ast.BasicLit)
			if ok1 && ok2 && flag.Kind == token.STRING && env.Kind == token.STRING {
				fv, _ := strconv.Unquote(flag.Value)
				ev, _ := strconv.Unquote(env.Value)
				out[ev] = fv
			}
			return true
		})
	}
	if len(out) < 10 {
		t.Fatalf("found only %d variables read: the scan is broken", len(out))
	}
	return out
}

func TestComposeCommentsTellHowToPutTLSInFront(t *testing.T) {
	_, raw := readCompose(t)
	var comments strings.Builder
	for _, line := range strings.Split(raw, "\n") {
		if i := strings.Index(line, "#"); i >= 0 && strings.TrimSpace(line[:i]) == "" {
			comments.WriteString(line[i:] + "\n")
		}
	}
	for _, want := range []string{"TLS", "PRESSPASS_TRUSTED_PROXIES", "X-Forwarded-Proto", "Authorization", "https://"} {
		if !strings.Contains(comments.String(), want) {
			t.Errorf("the comments do not mention %s", want)
		}
	}
}

// TestDockerfileDataIsTheUsers: the final stage runs as a non-root user
// and /data arrives owned by it (copied with --chown, which every builder
// honours), rather than created by WORKDIR as root.
func TestDockerfileDataIsTheUsers(t *testing.T) {
	raw, err := os.ReadFile("Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	var final []string
	for _, line := range strings.Split(string(raw), "\n") {
		line = strings.TrimSpace(line)
		if strings.HasPrefix(line, "FROM ") {
			final = nil
		}
		if line != "" && !strings.HasPrefix(line, "#") {
			final = append(final, line)
		}
	}
	var user, chowned, workdir string
	for _, l := range final {
		f := strings.Fields(l)
		switch f[0] {
		case "USER":
			user = f[1]
		case "WORKDIR":
			workdir = f[1]
		case "COPY":
			if f[len(f)-1] == "/data" {
				for _, opt := range f[1 : len(f)-1] {
					if v, ok := strings.CutPrefix(opt, "--chown="); ok {
						chowned = v
					}
				}
			}
		}
	}
	if user == "" || strings.HasPrefix(user, "root") || strings.HasPrefix(user, "0") {
		t.Errorf("the final stage runs as %q, want a non-root user", user)
	}
	if chowned == "" || chowned != user {
		t.Errorf("/data is copied with --chown=%q, want the user %q", chowned, user)
	}
	if workdir != "/data" {
		t.Errorf("WORKDIR %q, want /data (the default uploads folder lives there)", workdir)
	}
}

func TestDockerignoreKeepsLocalStateOut(t *testing.T) {
	raw, err := os.ReadFile(".dockerignore")
	if err != nil {
		t.Fatal(err)
	}
	ignore := parseDockerignore(string(raw))
	for _, tc := range []struct {
		path    string
		ignored bool
	}{
		{"presspass.db", true},
		{"presspass.db-wal", true},
		{"data/site.db", true},
		{"uploads/2026/01/photo.jpg", true},
		{".git/HEAD", true},
		{"rest/testdata/index.golden.json", true},
		{"main.go", false},
		{"go.sum", false},
		// go.mod replaces github.com/glebarez/go-sqlite with this folder.
		{"replace/glebarez-go-sqlite/go.mod", false},
		{"replace/glebarez-go-sqlite/driver.go", false},
		{"handlers/templates/login.html", false},
		{"handlers/static/login.css", false},
		{"fixtures/data/demo.json", false},
		{"models/post_types.json", false},
	} {
		if got := ignore(tc.path); got != tc.ignored {
			t.Errorf("%s: ignored %v, want %v", tc.path, got, tc.ignored)
		}
	}
}

// parseDockerignore follows Docker's rules: patterns match the cleaned path
// or any of its parent directories, ** spans directories, ! re-includes, and
// the last matching line wins.
func parseDockerignore(text string) func(path string) bool {
	type rule struct {
		re      *regexp.Regexp
		include bool
	}
	var rules []rule
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		r := rule{}
		if strings.HasPrefix(line, "!") {
			r.include, line = true, line[1:]
		}
		line = strings.Trim(line, "/")
		var re strings.Builder
		re.WriteString("^")
		for i := 0; i < len(line); i++ {
			switch c := line[i]; {
			case strings.HasPrefix(line[i:], "**/"):
				re.WriteString("(.*/)?")
				i += 2
			case strings.HasPrefix(line[i:], "**"):
				re.WriteString(".*")
				i++
			case c == '*':
				re.WriteString("[^/]*")
			case c == '?':
				re.WriteString("[^/]")
			default:
				re.WriteString(regexp.QuoteMeta(string(c)))
			}
		}
		re.WriteString("(/.*)?$")
		r.re = regexp.MustCompile(re.String())
		rules = append(rules, r)
	}
	return func(path string) bool {
		ignored := false
		for _, r := range rules {
			if r.re.MatchString(path) {
				ignored = !r.include
			}
		}
		return ignored
	}
}
