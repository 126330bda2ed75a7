package site

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/presspass/presspass/languages"
)

// The pages are html/template files embedded in the binary. An operator
// may replace any of them with a file of the same name in --templates-dir:
// layout.html (the document around every page, with the "meta", "terms" and
// "pagination" pieces), index.html (home, archives, search), single.html
// (posts, pages, attachments, with comments), 404.html, message.html (an
// error such as a refused comment), embed.html (the
// /embed/ page another site frames), style.css and embed.js (the embed
// page's height report). Each page template defines "content" ("embed" for
// embed.html); see README for the data they get.

//go:embed templates/*
var builtinTemplates embed.FS

// templateFiles are the files a templates folder may replace.
var templateFiles = []string{"layout.html", "index.html", "single.html", "404.html", "message.html", "embed.html", "style.css", "embed.js"}

// templates are the parsed pages: each page template joined with the
// layout and the shared pieces.
type templates struct {
	// pages maps a locale, then a page, to its template.
	pages map[string]map[string]*template.Template
}

// loadTemplates parses the built-in templates, each replaced by the file of
// the same name in dir when there is one.
func loadTemplates(dir string) (*templates, error) {
	src := map[string]string{}
	for _, name := range templateFiles {
		b, err := builtinTemplates.ReadFile("templates/" + name)
		if err != nil {
			return nil, err
		}
		src[name] = string(b)
		if dir == "" {
			continue
		}
		b, err = os.ReadFile(filepath.Join(dir, name))
		switch {
		case err == nil:
			src[name] = string(b)
		case !errors.Is(err, fs.ErrNotExist):
			return nil, fmt.Errorf("templates: %w", err)
		}
	}
	t := &templates{pages: map[string]map[string]*template.Template{}}
	for _, locale := range languages.Locales() {
		pages, err := parsePages(src, locale)
		if err != nil {
			return nil, err
		}
		t.pages[locale] = pages
	}
	return t, nil
}

// parsePages parses the pages with T, Tn and Tx bound to locale.
func parsePages(src map[string]string, locale string) (map[string]*template.Template, error) {
	funcs := template.FuncMap(languages.TemplateFuncs(locale))
	// Counts in the views are int64s (comment counts).
	funcs["Tn"] = func(singular, plural string, n int64) string { return languages.Tn(locale, singular, plural, int(n)) }
	base := template.New("site").Funcs(funcs)
	for _, part := range []struct{ name, body string }{
		{"layout.html", src["layout.html"]},
		{"style", `{{define "style"}}` + src["style.css"] + `{{end}}`},
		{"embedScript", `{{define "embedScript"}}` + strings.TrimSpace(src["embed.js"]) + `{{end}}`},
	} {
		if _, err := base.New(part.name).Parse(part.body); err != nil {
			return nil, fmt.Errorf("templates: %s: %w", part.name, err)
		}
	}
	pages := map[string]*template.Template{}
	for _, name := range []string{"index.html", "single.html", "404.html", "message.html", "embed.html"} {
		c, err := base.Clone()
		if err != nil {
			return nil, err
		}
		if _, err := c.New(name).Parse(src[name]); err != nil {
			return nil, fmt.Errorf("templates: %s: %w", name, err)
		}
		pages[name] = c
	}
	return pages, nil
}

// render executes a page: the layout around its content, or the embed
// document.
func (t *templates) render(locale, page string, data any) ([]byte, error) {
	tp, ok := t.pages[locale][page]
	if !ok {
		return nil, fmt.Errorf("templates: no page %s", page)
	}
	root := "layout"
	if page == "embed.html" {
		root = "embed"
	}
	var buf bytes.Buffer
	if err := tp.ExecuteTemplate(&buf, root, data); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
