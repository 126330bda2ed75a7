package languages

import (
	"flag"
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite presspass.pot from the marked strings and merge it into each LOCALE.po")

// translation is what a catalog holds for e ("" when nothing).
func translation(locale string, e *entry) string {
	po := catalogs[locale]
	var trs map[int]string
	if e.context != "" {
		if tr, ok := po.GetDomain().GetCtxTranslations()[e.context][e.id]; ok {
			trs = tr.Trs
		}
	} else if tr, ok := po.GetDomain().GetTranslations()[e.id]; ok {
		trs = tr.Trs
	}
	return trs[0]
}

var printfVerb = regexp.MustCompile(`%(\[\d+\])?[-+# 0]*\d*(\.\d+)?[a-zA-Z%]`)

// TestCatalogs is the catalog completeness check: presspass.pot is exactly
// the marked strings, and every language translates each of them, keeps no
// string that is no longer marked, and keeps the msgid's printf verbs.
func TestCatalogs(t *testing.T) {
	entries := extract(t, "..")
	if len(entries) == 0 {
		t.Fatal("no marked strings found")
	}
	pot := writeCatalog(potHeader, entries, nil)
	if *update {
		if err := os.WriteFile("presspass.pot", []byte(pot), 0o644); err != nil {
			t.Fatal(err)
		}
		for _, locale := range Available() {
			header := poHeader(t, locale)
			po := writeCatalog(header, entries, func(e *entry) string { return translation(locale, e) })
			if err := os.WriteFile(locale+".po", []byte(po), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return
	}
	have, err := os.ReadFile("presspass.pot")
	if err != nil {
		t.Fatal(err)
	}
	if string(have) != pot {
		t.Errorf("presspass.pot is stale: run go test ./languages -run TestCatalogs -update and translate what is new")
	}
	marked := map[string]bool{}
	for _, e := range entries {
		marked[e.key()] = true
	}
	for _, locale := range Available() {
		for _, e := range entries {
			tr := translation(locale, e)
			if tr == "" {
				t.Errorf("%s.po: no translation of %q (context %q)", locale, e.id, e.context)
				continue
			}
			if a, b := verbs(e.id), verbs(tr); a != b {
				t.Errorf("%s.po: %q has verbs %q, its translation %q has %q", locale, e.id, a, tr, b)
			}
		}
		d := catalogs[locale].GetDomain()
		for id := range d.GetTranslations() {
			if id != "" && !marked["\x04"+id] {
				t.Errorf("%s.po: %q is no longer marked in the code", locale, id)
			}
		}
		for ctx, m := range d.GetCtxTranslations() {
			for id := range m {
				if id != "" && !marked[ctx+"\x04"+id] {
					t.Errorf("%s.po: %q (context %q) is no longer marked in the code", locale, id, ctx)
				}
			}
		}
	}
}

// verbs lists a format's printf verb letters, sorted: a translation may
// reorder its arguments (%[2]s) but must keep every one.
func verbs(s string) string {
	var out []string
	for _, v := range printfVerb.FindAllString(s, -1) {
		out = append(out, v[len(v)-1:])
	}
	sort.Strings(out)
	return strings.Join(out, " ")
}

// poHeader keeps a language's existing header block.
func poHeader(t *testing.T, locale string) string {
	b, err := os.ReadFile(locale + ".po")
	if err != nil {
		t.Fatal(err)
	}
	head, _, _ := strings.Cut(string(b), "\n\n")
	return head + "\n"
}
