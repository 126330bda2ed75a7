package kses

import (
	"regexp"
	"strings"
)

// safeCSSProperties is the safe_style_css list of safecss_filter_attr:
// the properties a style attribute may set (names compared as written).
var safeCSSProperties = wordSet(`background background-color background-image background-position
	background-repeat background-size background-attachment background-blend-mode
	border border-radius border-width border-color border-style border-right border-right-color
	border-right-style border-right-width border-bottom border-bottom-color
	border-bottom-left-radius border-bottom-right-radius border-bottom-style border-bottom-width
	border-left border-left-color border-left-style border-left-width border-top border-top-color
	border-top-left-radius border-top-right-radius border-top-style border-top-width
	border-spacing border-collapse caption-side
	columns column-count column-fill column-gap column-rule column-span column-width
	color filter font font-family font-size font-style font-variant font-weight letter-spacing
	line-height text-align text-decoration text-indent text-transform
	height min-height max-height width min-width max-width
	margin margin-right margin-bottom margin-left margin-top margin-block-start margin-block-end
	margin-inline-start margin-inline-end
	padding padding-right padding-bottom padding-left padding-top padding-block-start
	padding-block-end padding-inline-start padding-inline-end
	flex flex-basis flex-direction flex-flow flex-grow flex-shrink flex-wrap gap row-gap
	grid-template-columns grid-auto-columns grid-column-start grid-column-end grid-column-gap
	grid-template-rows grid-auto-rows grid-row-start grid-row-end grid-row-gap grid-gap
	justify-content justify-items justify-self align-content align-items align-self
	clear cursor direction float list-style-type object-fit object-position overflow
	vertical-align writing-mode position top right bottom left z-index box-shadow aspect-ratio`)

// Properties whose values may hold url() and gradients.
var (
	cssURLProperties      = map[string]bool{"background": true, "background-image": true, "cursor": true, "filter": true, "list-style": true, "list-style-image": true}
	cssGradientProperties = map[string]bool{"background": true, "background-image": true}
)

var (
	customProperty = regexp.MustCompile(`^--[a-zA-Z0-9-_]+$`)
	cssURLCall     = regexp.MustCompile(`url\([^)]+\)`)
	cssGradient    = regexp.MustCompile(`^(repeating-)?(linear|radial|conic)-gradient\(([^()]|rgb[a]?\([^()]*\))*\)$`)
	cssUnsafe      = regexp.MustCompile(`[\\(&=}]|/\*`)
)

// safeCSS is safecss_filter_attr: the declarations of a style attribute
// that set an allowed property with a value free of "\ ( & } =" and
// comments (url() with an allowed protocol, gradients and the math
// functions var, calc, min, max, minmax, clamp and repeat aside), joined
// with ";".
func safeCSS(css string) string {
	css = noNull(css, true)
	css = strings.NewReplacer("\n", "", "\r", "", "\t", "").Replace(css)
	var kept []string
	for _, item := range strings.Split(phpTrim(css), ";") {
		if item == "" {
			continue
		}
		item = phpTrim(item)
		test := item
		found, urlProp, gradientProp := false, false, false
		var value string
		if !strings.Contains(item, ":") {
			found = true
		} else {
			name, v, _ := strings.Cut(item, ":")
			value = v
			name = phpTrim(name)
			custom := customProperty.MatchString(name)
			if custom || safeCSSProperties[name] {
				found = true
				urlProp, gradientProp = cssURLProperties[name], cssGradientProperties[name]
			}
			if custom {
				tv := phpTrim(value)
				urlProp = strings.HasPrefix(tv, "url(")
				gradientProp = strings.Contains(tv, "-gradient(")
			}
		}
		if found && urlProp {
			for _, call := range cssURLCall.FindAllString(value, -1) {
				u, ok := cssURLArgument(call)
				u = phpTrim(u)
				if !ok || u == "" || u == "0" || badProtocol(u) != u {
					found = false
					break
				}
				test = strings.ReplaceAll(test, call, "")
			}
		}
		if found && gradientProp {
			tv := phpTrim(value)
			if cssGradient.MatchString(tv) {
				test = strings.ReplaceAll(test, tv, "")
			}
		}
		if !found {
			continue
		}
		test = removeCSSFunctions(test)
		if !cssUnsafe.MatchString(test) {
			kept = append(kept, item)
		}
	}
	return strings.Join(kept, ";")
}

// cssURLArgument takes the address out of "url( 'x' )" as WordPress's
// pattern ^url\(\s*(['"]?)(.*)(\g1)\s*\)$ does: the quote, when the same
// one closes it, is not part of the address. ok is false when the address
// is empty (PHP's empty(), so "0" too).
func cssURLArgument(call string) (string, bool) {
	inner := strings.TrimPrefix(call, "url(")
	inner = strings.TrimSuffix(inner, ")")
	inner = strings.TrimLeft(inner, " \t\n\r\f\v")
	if strings.ContainsAny(inner, "\n") {
		return "", false
	}
	if q := inner; len(q) > 0 && (q[0] == '"' || q[0] == '\'') {
		body := strings.TrimRight(q[1:], " \t\n\r\f\v")
		if strings.HasSuffix(body, q[:1]) {
			u := body[:len(body)-1]
			return u, u != "" && u != "0"
		}
	}
	return inner, inner != "" && inner != "0"
}

var cssFunctionNames = []string{"var", "calc", "min", "max", "minmax", "clamp", "repeat"}

// removeCSSFunctions drops the allowed CSS functions (var, calc, min, max,
// minmax, clamp, repeat) with their balanced parentheses, nested or not,
// so that their insides escape the unsafe-character test.
func removeCSSFunctions(s string) string {
	var b strings.Builder
	i := 0
	for i < len(s) {
		if end := cssFunctionAt(s, i); end > 0 {
			i = end
			continue
		}
		b.WriteByte(s[i])
		i++
	}
	return b.String()
}

// cssFunctionAt returns where an allowed function call starting at s[i]
// (at a word boundary) ends, or 0.
func cssFunctionAt(s string, i int) int {
	if i > 0 && isWordByte(s[i-1]) {
		return 0
	}
	for _, name := range cssFunctionNames {
		if !strings.HasPrefix(s[i:], name+"(") {
			continue
		}
		depth := 0
		for j := i + len(name); j < len(s); j++ {
			switch s[j] {
			case '(':
				depth++
			case ')':
				depth--
				if depth == 0 {
					return j + 1
				}
			}
		}
	}
	return 0
}

func isWordByte(c byte) bool {
	return c == '_' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

// phpTrim trims what PHP's trim() does.
func phpTrim(s string) string { return strings.Trim(s, " \t\n\r\x00\x0b") }
