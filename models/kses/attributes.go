package kses

import (
	"regexp"
	"strings"
)

// attribute is one attribute as wp_kses_hair reads it: whole is how it is
// written back (values always quoted), vless "y" when it had no value.
type attribute struct {
	name, value, whole, vless string
}

// The patterns of wp_kses_hair. PCRE's "$" also matches before a final
// newline, hence the \n? where a value may end the list.
var (
	attrName       = regexp.MustCompile(`^[_a-zA-Z][-_a-zA-Z0-9:.]*`)
	attrEquals     = regexp.MustCompile(`^\s*=\s*`)
	attrSpace      = regexp.MustCompile(`^\s+`)
	doubleQuoted   = regexp.MustCompile(`^"([^"]*)"(\s+|/?\n?$)`)
	doubleQuotedRm = regexp.MustCompile(`^"[^"]*"(\s+|$)`)
	singleQuoted   = regexp.MustCompile(`^'([^']*)'(\s+|/?\n?$)`)
	singleQuotedRm = regexp.MustCompile(`^'[^']*'(\s+|$)`)
	unquoted       = regexp.MustCompile(`^([^\s"']+)(\s+|/?\n?$)`)
	unquotedRm     = regexp.MustCompile(`^[^\s"']+(\s+|$)`)
	attrGarbage    = regexp.MustCompile(`^("[^"]*("|$)|'[^']*('|$)|\S)*\s*`)
)

// hair is wp_kses_hair: it reads an attribute list however broken,
// skipping what it cannot parse up to the next whitespace, keeps the first
// of repeated names (compared as written), quotes unquoted values and
// removes bad protocols from URL attributes.
func hair(s string) []attribute {
	var out []attribute
	seen := map[string]bool{}
	add := func(a attribute) {
		if !seen[a.name] {
			seen[a.name] = true
			out = append(out, a)
		}
	}
	mode := 0
	name := ""
	for s != "" {
		working := false
		switch mode {
		case 0:
			if m := attrName.FindString(s); m != "" {
				name, working, mode = m, true, 1
				s = s[len(m):]
			}
		case 1:
			if m := attrEquals.FindString(s); m != "" {
				working, mode = true, 2
				s = s[len(m):]
				break
			}
			if m := attrSpace.FindString(s); m != "" {
				working, mode = true, 0
				add(attribute{name: name, whole: name, vless: "y"})
				s = s[len(m):]
			}
		case 2:
			for _, p := range []struct {
				match, remove *regexp.Regexp
				quote         string
			}{{doubleQuoted, doubleQuotedRm, `"`}, {singleQuoted, singleQuotedRm, `'`}, {unquoted, unquotedRm, `"`}} {
				m := p.match.FindStringSubmatch(s)
				if m == nil {
					continue
				}
				v := m[1]
				if uriAttributes[strings.ToLower(name)] {
					v = badProtocol(v)
				}
				add(attribute{name: name, value: v, whole: name + "=" + p.quote + v + p.quote, vless: "n"})
				working, mode = true, 0
				if r := p.remove.FindString(s); r != "" {
					s = s[len(r):]
				}
				break
			}
		}
		if !working {
			s = s[len(attrGarbage.FindString(s)):]
			mode = 0
		}
	}
	if mode == 1 {
		add(attribute{name: name, whole: name, vless: "y"})
	}
	return out
}

// attrCheck is wp_kses_attr_check: whether rules keep the attribute, with
// style values narrowed to their safe declarations.
func attrCheck(a *attribute, rules elementRules) bool {
	low := strings.ToLower(a.name)
	rule, ok := rules[low]
	if !ok {
		data, hasData := rules["data-*"]
		if !hasData || !isCustomDataAttribute(a.name) {
			return false
		}
		rule = data
	}
	if low == "style" {
		safe := safeCSS(a.value)
		if safe == "" || safe == "0" {
			return false
		}
		if a.value != "" {
			a.whole = strings.ReplaceAll(a.whole, a.value, safe)
		}
		a.value = safe
	}
	if rule.valueless != "" && rule.valueless != a.vless {
		return false
	}
	if rule.values != nil {
		ok := false
		for _, v := range rule.values {
			if v == strings.ToLower(a.value) {
				ok = true
			}
		}
		if !ok {
			return false
		}
	}
	if rule.pdfObject && !pdfObjectURL(a.value) {
		return false
	}
	return true
}

// customData matches a data-* name whose part after "data-", read as its
// dataset key, is made only of letters, digits, "_" and "-".
var customData = regexp.MustCompile(`(?i)^data-[a-z0-9_-]+$`)

func isCustomDataAttribute(name string) bool { return customData.MatchString(name) }

// pdfObjectURL is _wp_kses_allow_pdf_objects without a site: WordPress
// keeps <object data> only for a .pdf on the site's own uploads host,
// which this package does not know, so no address passes.
func pdfObjectURL(string) bool { return false }
