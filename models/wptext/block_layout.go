package wptext

import (
	"bytes"
	"crypto/md5"
	"encoding/hex"
	"strings"
)

// ThemeLayout is what the active theme's settings (theme.json) tell the
// layout block support.
type ThemeLayout struct {
	// RootPaddingAware is settings.useRootPaddingAwareAlignments:
	// constrained layouts get "has-global-padding".
	RootPaddingAware bool
	// BlockGap is settings.spacing.blockGap being set: a block's own gap
	// becomes a container style.
	BlockGap bool
}

// layoutSupport is what a core block's block.json declares for the layout
// support (supports.layout) and the spacing it reads.
type layoutSupport struct {
	// defaultLayout is supports.layout.default as JSON (nil: none).
	defaultLayout string
	// fallbackGap is supports.spacing.blockGap.__experimentalDefault.
	fallbackGap string
	// skipGap is blockGap in supports.spacing.__experimentalSkipSerialization.
	skipGap bool
}

// layoutBlocks are WordPress 6.9's core blocks with the layout support.
var layoutBlocks = map[string]layoutSupport{
	"core/accordion":           {},
	"core/accordion-item":      {},
	"core/accordion-panel":     {},
	"core/buttons":             {defaultLayout: `{"type":"flex"}`},
	"core/column":              {},
	"core/columns":             {defaultLayout: `{"type":"flex","flexWrap":"nowrap"}`, fallbackGap: "2em"},
	"core/comments-pagination": {defaultLayout: `{"type":"flex"}`},
	"core/cover":               {},
	"core/details":             {},
	"core/gallery":             {defaultLayout: `{"type":"flex"}`, skipGap: true},
	"core/group":               {},
	"core/navigation":          {defaultLayout: `{"type":"flex"}`},
	"core/post-content":        {},
	"core/post-template":       {fallbackGap: "1.25em"},
	"core/query":               {},
	"core/query-pagination":    {defaultLayout: `{"type":"flex"}`},
	"core/quote":               {},
	"core/social-links":        {defaultLayout: `{"type":"flex"}`},
	"core/term-template":       {fallbackGap: "1.25em"},
	"core/terms-query":         {},
}

var layoutClassNames = map[string]string{
	"default": "is-layout-flow", "constrained": "is-layout-constrained",
	"flex": "is-layout-flex", "grid": "is-layout-grid",
}

// renderLayoutSupport is wp_render_layout_support_flag for a block of a
// type with the layout support: the layout's class names go on the
// block's wrapper, the tag holding its inner blocks.
func renderLayoutSupport(content string, b *Block, support layoutSupport, theme ThemeLayout) string {
	s := tagScanner{html: content}
	if !s.next() {
		return content
	}
	used := b.Attrs.Get("layout")
	if !used.isSet() {
		used = nil
		if support.defaultLayout != "" {
			used = parseJSONValue(support.defaultLayout)
		}
	}
	typeSet := used.Get("type").isSet()
	layoutType := used.Get("type").Str()
	if used.Get("inherit").truthy() || used.Get("contentSize").truthy() {
		// WordPress writes the type into the layout it then hashes.
		used = used.with("type", &JSONValue{Kind: JSONString, String: "constrained"})
		typeSet, layoutType = true, "constrained"
	}
	var classes []string
	if theme.RootPaddingAware && layoutType == "constrained" {
		classes = append(classes, "has-global-padding")
	}
	attrLayout := b.Attrs.Get("layout")
	if o := attrLayout.Get("orientation"); o.truthy() && o.Kind == JSONString {
		classes = append(classes, "is-"+classSlug(o.String))
	}
	if j := attrLayout.Get("justifyContent"); j.truthy() && j.Kind == JSONString {
		classes = append(classes, "is-content-justification-"+classSlug(j.String))
	}
	if attrLayout.Get("flexWrap").Str() == "nowrap" {
		classes = append(classes, "is-nowrap")
	}
	styleType := "default"
	if typeSet {
		styleType = layoutType
	}
	layoutClass := layoutClassNames[styleType]
	if layoutClass != "" {
		classes = append(classes, layoutClass)
	}
	if c := containerClass(b, used, styleType, support, theme); c != "" {
		classes = append(classes, c)
	}
	classes = append(classes, "wp-block-"+shortBlockName(b.Name)+"-"+layoutClass)

	wrapperClasses := ""
	if len(b.InnerContent) > 1 && b.InnerContent[0] != nil {
		first := tagScanner{html: *b.InnerContent[0]}
		for first.next() {
			if first.tag.hasClassAttr() {
				wrapperClasses = first.tag.class
			}
		}
	}
	if wrapperClasses != "" {
		for !(s.tag.hasClassAttr() && strings.Contains(s.tag.class, wrapperClasses)) {
			if !s.next() {
				return content
			}
		}
	}
	return addClasses(content, s.tag, classes)
}

// shortBlockName is the name in "wp-block-NAME-is-layout-…": a core
// block's name without its namespace, others' with "-" for "/".
func shortBlockName(name string) string {
	if rest, ok := strings.CutPrefix(name, "core/"); ok {
		return rest
	}
	return strings.ReplaceAll(name, "/", "-")
}

// containerClass is the "wp-container-…" class the layout support adds
// when the layout has styles of its own (wp_get_layout_style not empty):
// a hash of the values the styles come from, as
// wp_unique_id_from_values computes it.
func containerClass(b *Block, used *JSONValue, layoutType string, support layoutSupport, theme ThemeLayout) string {
	gap := b.Attrs.Path("style", "spacing", "blockGap")
	if gap.isSet() {
		gap = sanitizedGap(gap)
	}
	fallback := support.fallbackGap
	if fallback == "" {
		fallback = "0.5em"
	}
	if !hasLayoutStyle(used, layoutType, gap, support.skipGap, b.Attrs.Path("style", "spacing"), theme) {
		return ""
	}
	var buf bytes.Buffer
	buf.WriteByte('[')
	if used == nil {
		buf.WriteString("[]")
	} else {
		phpJSONEncode(&buf, used)
	}
	if theme.BlockGap {
		buf.WriteString(",true,")
	} else {
		buf.WriteString(",false,")
	}
	phpJSONEncode(&buf, gap)
	if support.skipGap {
		buf.WriteString(",true,")
	} else {
		buf.WriteString(",false,")
	}
	phpJSONString(&buf, fallback)
	buf.WriteByte(',')
	phpJSONEncode(&buf, b.Attrs.Path("style", "spacing"))
	buf.WriteByte(']')
	sum := md5.Sum(buf.Bytes())
	return "wp-container-" + classSlug(b.Name) + "-is-layout-" + hex.EncodeToString(sum[:])[:8]
}

// sanitizedGap drops a gap value that could break out of its CSS rule
// (one holding \ ( & = } or "/*"), as the layout support does.
func sanitizedGap(gap *JSONValue) *JSONValue {
	unsafe := func(s string) bool { return strings.ContainsAny(s, `\(&=}`) || strings.Contains(s, "/*") }
	switch gap.Kind {
	case JSONString:
		if unsafe(gap.String) {
			return &JSONValue{Kind: JSONNull}
		}
	case JSONObject:
		out := &JSONValue{Kind: JSONObject}
		for i, k := range gap.Keys {
			v := gap.Values[i]
			if v.Kind == JSONString && unsafe(v.String) {
				v = &JSONValue{Kind: JSONNull}
			}
			out.set(k, v)
		}
		return out
	}
	return gap
}

// hasLayoutStyle is whether wp_get_layout_style writes any rule for the
// layout.
func hasLayoutStyle(layout *JSONValue, layoutType string, gap *JSONValue, skipGap bool, spacing *JSONValue, theme ThemeLayout) bool {
	gapStyled := theme.BlockGap && gap.isSet() && !skipGap
	switch layoutType {
	case "default":
		return gapStyled && (gap.Kind != JSONObject || gap.Get("top").isSet())
	case "constrained":
		if layout.Get("contentSize").truthy() || layout.Get("wideSize").truthy() {
			return true
		}
		if spacing.Path("padding", "right").isSet() || spacing.Path("padding", "left").isSet() {
			return true
		}
		if j := layout.Get("justifyContent").Str(); j == "left" || j == "right" {
			return true
		}
		return gapStyled && (gap.Kind != JSONObject || gap.Get("top").isSet())
	case "flex":
		if layout.Get("flexWrap").Str() == "nowrap" || theme.BlockGap && gap.isSet() && !skipGap {
			return true
		}
		orientation := layout.Get("orientation").Str()
		if orientation == "" {
			orientation = "horizontal"
		}
		if orientation != "horizontal" {
			return true
		}
		switch layout.Get("justifyContent").Str() {
		case "left", "right", "center", "space-between":
			return true
		}
		switch layout.Get("verticalAlignment").Str() {
		case "top", "center", "bottom", "stretch":
			return true
		}
		return false
	case "grid":
		return true
	}
	return false
}

// with is a copy of the object v with key set to val (added last when
// new), as assigning to a PHP array does.
func (v *JSONValue) with(key string, val *JSONValue) *JSONValue {
	out := &JSONValue{Kind: JSONObject}
	if v != nil && v.Kind == JSONObject {
		out.Keys = append(out.Keys, v.Keys...)
		out.Values = append(out.Values, v.Values...)
	}
	out.set(key, val)
	return out
}

// classSlug is sanitize_title on the ASCII names the layout support puts
// in class names (block names, layout keywords): lower case, "/" and "."
// as "-", other punctuation dropped, runs of spaces and dashes as one
// dash.
func classSlug(s string) string {
	var b strings.Builder
	dash := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'A' && c <= 'Z':
			c += 'a' - 'A'
		case c == '/' || c == '.' || c == '-' || isPCRESpace(c):
			c = '-'
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '%':
		default:
			continue
		}
		if c == '-' {
			dash = true
			continue
		}
		if dash && b.Len() > 0 {
			b.WriteByte('-')
		}
		dash = false
		b.WriteByte(c)
	}
	return b.String()
}
