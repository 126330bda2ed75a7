package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/presspass/presspass/fixtures/fixturestest"
)

// TestKeyOrderAsWordPress replays the WordPress captures of
// ../shared/conformance (each batch from a fresh database loaded with the
// reference site, through replay.py, which knows their placeholders and
// ids) against a real server, and compares the order of the members of
// every JSON object of each answer with WordPress's answer to the same
// request, recursively, for the members both have. Clients that read JSON
// with a streaming parser, or show it as it comes, see WordPress's order.
func TestKeyOrderAsWordPress(t *testing.T) {
	conformance := conformanceDir(t)
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 is needed to replay the conformance captures")
	}
	ref := filepath.Join(conformance, "wp", "reference-site.json")
	for _, batch := range []string{"wp", "wp2", "wp3"} {
		t.Run(batch, func(t *testing.T) {
			db := fixturestest.DatabaseURL(t)
			mustCLI(t, db, "fixtures", "load", ref)
			creds := conformanceCredentials(t, db, ref)
			ln, err := net.Listen("tcp", "127.0.0.1:0")
			if err != nil {
				t.Fatal(err)
			}
			base := "http://" + ln.Addr().String()
			startServeListener(t, ln, db, io.Discard, "--environment", "local", "--site-url", base)

			dir := t.TempDir()
			credFile, answersFile := filepath.Join(dir, "credentials.json"), filepath.Join(dir, "answers.json")
			if err := os.WriteFile(credFile, creds, 0o600); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(python, filepath.Join("testdata", "replay_bodies.py"), conformance, answersFile,
				"--target", base, "--cases", filepath.Join(conformance, batch), "--credentials", credFile,
				"--reference", ref, "--exclude", "production")
			var out bytes.Buffer
			cmd.Stdout, cmd.Stderr = &out, &out
			if err := cmd.Run(); err != nil {
				t.Fatalf("replay: %v\n%s", err, out.String())
			}
			raw, err := os.ReadFile(answersFile)
			if err != nil {
				t.Fatal(err)
			}
			var answers []struct {
				File   string `json:"file"`
				Status int    `json:"status"`
				Body   string `json:"body"`
			}
			if err := json.Unmarshal(raw, &answers); err != nil {
				t.Fatal(err)
			}
			compared := 0
			for _, a := range answers {
				golden := readCaptureBody(t, filepath.Join(conformance, batch, a.File))
				if golden == nil {
					continue
				}
				ours, err := parseOrdered([]byte(a.Body))
				if err != nil {
					continue // not JSON: replay.py reports that difference
				}
				compared++
				for _, m := range keyOrderMismatches(golden, ours, "$") {
					t.Errorf("%s: %s", strings.TrimSuffix(a.File, ".json"), m)
				}
			}
			if compared == 0 {
				t.Fatalf("no JSON answer compared; replay said:\n%s", out.String())
			}
		})
	}
}

// conformanceDir finds ../shared/conformance from the package directory.
func conformanceDir(t *testing.T) string {
	t.Helper()
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for d := wd; filepath.Dir(d) != d; d = filepath.Dir(d) {
		cand := filepath.Join(d, "shared", "conformance")
		if _, err := os.Stat(filepath.Join(cand, "replay.py")); err == nil {
			return cand
		}
	}
	t.Skip("../shared/conformance (the WordPress captures) is not next to the checkout")
	return ""
}

// conformanceCredentials creates the reference site's application passwords
// and returns replay.py's credentials file, as run.sh writes it.
func conformanceCredentials(t *testing.T, db, ref string) []byte {
	t.Helper()
	raw, err := os.ReadFile(ref)
	if err != nil {
		t.Fatal(err)
	}
	var site struct {
		Users []struct {
			ID       int    `json:"id"`
			Login    string `json:"login"`
			Password string `json:"password"`
			AppPass  []struct {
				Name string `json:"name"`
			} `json:"application_passwords"`
		} `json:"users"`
		Posts []struct {
			ID   int    `json:"id"`
			Slug string `json:"slug"`
		} `json:"posts"`
	}
	if err := json.Unmarshal(raw, &site); err != nil {
		t.Fatal(err)
	}
	creds := map[string]map[string]any{"users": {}, "app_passwords": {}, "post_ids": {}}
	for _, u := range site.Users {
		creds["users"][u.Login] = map[string]any{"password": u.Password, "id": u.ID}
		for _, ap := range u.AppPass {
			pw := strings.TrimSpace(mustCLI(t, db, "app-password", "create", u.Login, ap.Name, "--porcelain"))
			creds["app_passwords"][u.Login] = map[string]any{"password": pw}
		}
	}
	for _, p := range site.Posts {
		creds["post_ids"][p.Slug] = p.ID
	}
	out, err := json.Marshal(creds)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// readCaptureBody is the captured WordPress answer of a case as an ordered
// tree, or nil when it is not JSON.
func readCaptureBody(t *testing.T, file string) *orderedJSON {
	t.Helper()
	raw, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var c struct {
		Response struct {
			Body string          `json:"body"`
			JSON json.RawMessage `json:"json"`
		} `json:"response"`
	}
	if err := json.Unmarshal(raw, &c); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	if c.Response.JSON == nil {
		return nil
	}
	tree, err := parseOrdered([]byte(c.Response.Body))
	if err != nil {
		return nil
	}
	return tree
}

// orderedJSON is a parsed JSON value that remembers its objects' member
// order (encoding/json's maps forget it).
type orderedJSON struct {
	keys    []string
	members map[string]*orderedJSON
	items   []*orderedJSON
	isObj   bool
}

func parseOrdered(b []byte) (*orderedJSON, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	v, err := parseOrderedValue(dec)
	if err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, fmt.Errorf("data after the value")
	}
	return v, nil
}

func parseOrderedValue(dec *json.Decoder) (*orderedJSON, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch tok {
	case json.Delim('{'):
		v := &orderedJSON{isObj: true, members: map[string]*orderedJSON{}}
		for dec.More() {
			kt, err := dec.Token()
			if err != nil {
				return nil, err
			}
			k := kt.(string)
			m, err := parseOrderedValue(dec)
			if err != nil {
				return nil, err
			}
			if _, dup := v.members[k]; !dup {
				v.keys = append(v.keys, k)
			}
			v.members[k] = m
		}
		_, err := dec.Token()
		return v, err
	case json.Delim('['):
		v := &orderedJSON{}
		for dec.More() {
			m, err := parseOrderedValue(dec)
			if err != nil {
				return nil, err
			}
			v.items = append(v.items, m)
		}
		_, err := dec.Token()
		return v, err
	}
	return &orderedJSON{}, nil
}

// keyOrderMismatches lists, by JSON path, the objects under want and got
// whose common members come in another order.
func keyOrderMismatches(want, got *orderedJSON, path string) []string {
	var out []string
	if want.isObj && got.isObj {
		var w, g []string
		for _, k := range want.keys {
			if _, ok := got.members[k]; ok {
				w = append(w, k)
			}
		}
		for _, k := range got.keys {
			if _, ok := want.members[k]; ok {
				g = append(g, k)
			}
		}
		if strings.Join(w, "\x00") != strings.Join(g, "\x00") {
			out = append(out, fmt.Sprintf("%s: members %s, WordPress has %s", path, keyList(g), keyList(w)))
		}
		for _, k := range w {
			out = append(out, keyOrderMismatches(want.members[k], got.members[k], jsonPathMember(path, k))...)
		}
		return out
	}
	for i := 0; i < len(want.items) && i < len(got.items); i++ {
		out = append(out, keyOrderMismatches(want.items[i], got.items[i], fmt.Sprintf("%s[%d]", path, i))...)
	}
	return out
}

var plainMember = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_-]*$`)

func jsonPathMember(path, k string) string {
	if plainMember.MatchString(k) {
		return path + "." + k
	}
	q, _ := json.Marshal(k)
	return path + "[" + string(q) + "]"
}

func keyList(keys []string) string {
	q, _ := json.Marshal(keys)
	return string(q)
}
