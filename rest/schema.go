package rest

import (
	"encoding/json"
	"fmt"
	"math"
	"net"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/presspass/presspass/languages"
	"github.com/presspass/presspass/models"
)

// Arg is one endpoint argument in WordPress's JSON-schema subset. The zero
// value of each field means "no constraint".
type Arg struct {
	Name        string
	Description string
	// Type is one JSON-schema type; Types a union (["string","null"]).
	Type  string
	Types []string
	// Format is "email", "uri", "date-time", "uuid", "ip" or "hex-color".
	Format   string
	Enum     []any
	Default  any
	Required bool

	Minimum, Maximum                   *int64
	ExclusiveMinimum, ExclusiveMaximum bool
	MinLength, MaxLength               *int
	Pattern                            string

	Items                *Arg
	MinItems, MaxItems   *int
	UniqueItems          bool
	OneOf                []*Arg
	Properties           map[string]*Arg
	AdditionalProperties any
	// PropertyOrder is the order Properties are shown in (others follow,
	// sorted by name).
	PropertyOrder []string

	// SkipValidation shows the schema in the index without enforcing it, for
	// WordPress arguments whose sanitize_callback replaces validation.
	SkipValidation bool
	// Validate runs after the schema checks (WordPress's validate_callback).
	Validate func(r *Request, value any) error
	// Sanitize replaces the schema's sanitizing (sanitize_callback).
	Sanitize func(r *Request, value any) (any, error)
	// Extra holds further schema keywords shown in the index (e.g. "context").
	Extra map[string]any
	// Keywords, when set, is the order WordPress declares this argument's
	// keywords in, where it differs from describe's usual order.
	Keywords []string
}

// Keyword orders of WordPress's arguments that differ from the usual one.
var (
	// kwForce: the controllers' "force" arguments.
	kwForce = []string{"type", "default", "description"}
	// kwOrder: "order" and "orderby", default before enum.
	kwOrder = []string{"description", "type", "default", "enum"}
	// kwDefaultFirst: the posts' "status" and "search_columns".
	kwDefaultFirst = []string{"default", "description", "type", "items"}
	// kwDefaultEnum: the users' "order" and "orderby".
	kwDefaultEnum = []string{"default", "description", "enum", "type"}
	// kwTypeFirst: the users' "reassign", the batch's "requests".
	kwTypeFirst = []string{"type", "description", "maxItems"}
	// kwEnumFirst: the items of the posts' status, search_columns and
	// format lists.
	kwEnumFirst = []string{"enum", "type"}
	// kwMeta: registered meta (register_meta's defaults, then the key's).
	kwMeta = []string{"type", "title", "description", "default", "enum", "context", "properties", "additionalProperties"}
)

// Int64 returns a pointer for Arg.Minimum / Arg.Maximum.
func Int64(v int64) *int64 { return &v }

// IntP returns a pointer for Arg.MinLength and friends.
func IntP(v int) *int { return &v }

// ContextArg is WordPress's get_context_param: the context argument with
// the given default.
func ContextArg(def string) Arg {
	return Arg{
		Name:        "context",
		Description: "Scope under which the request is made; determines fields present in response.",
		Type:        "string",
		Enum:        []any{"view", "embed", "edit"},
		Default:     def,
	}
}

// types returns the argument's type list.
func (a *Arg) types() []string {
	if len(a.Types) > 0 {
		return a.Types
	}
	if a.Type != "" {
		return []string{a.Type}
	}
	return nil
}

// describe renders the argument's schema keywords for the index and OPTIONS.
func (a *Arg) describe() *Object {
	// The keywords in the order WordPress's controllers mostly declare
	// them (description, type, format, enum, items, default, bounds), as
	// the index shows them, unless the argument says otherwise.
	d := &Object{members: make([]member, 0, 6)}
	if a.Keywords != nil {
		d = NewObject(a.Keywords)
	} else if t, ok := a.Extra["title"]; ok {
		// A setting's or a oneOf branch's title comes first, then the
		// description.
		d.Set("title", t)
		if desc, ok := a.Extra["description"]; ok && a.Description == "" {
			d.Set("description", desc)
		}
	}
	if a.Description != "" {
		d.Set("description", a.Description)
	}
	switch {
	case len(a.Types) > 0:
		ts := make([]any, len(a.Types))
		for i, t := range a.Types {
			ts[i] = t
		}
		d.Set("type", ts)
	case a.Type != "":
		d.Set("type", a.Type)
	}
	if a.Format != "" {
		d.Set("format", a.Format)
	}
	if a.Enum != nil {
		d.Set("enum", a.Enum)
	}
	if a.Items != nil && !a.UniqueItems {
		d.Set("items", a.Items.describe())
	}
	if a.Default != nil {
		d.Set("default", a.Default)
	}
	if a.Minimum != nil {
		d.Set("minimum", *a.Minimum)
	}
	if a.Maximum != nil {
		d.Set("maximum", *a.Maximum)
	}
	if a.ExclusiveMinimum {
		d.Set("exclusiveMinimum", true)
	}
	if a.ExclusiveMaximum {
		d.Set("exclusiveMaximum", true)
	}
	if a.MinLength != nil {
		d.Set("minLength", *a.MinLength)
	}
	if a.MaxLength != nil {
		d.Set("maxLength", *a.MaxLength)
	}
	if a.Pattern != "" {
		d.Set("pattern", a.Pattern)
	}
	if a.UniqueItems {
		d.Set("uniqueItems", true)
	}
	if a.Items != nil && a.UniqueItems {
		d.Set("items", a.Items.describe()) // after uniqueItems, as the posts' format
	}
	if a.MinItems != nil {
		d.Set("minItems", *a.MinItems)
	}
	if a.MaxItems != nil {
		d.Set("maxItems", *a.MaxItems)
	}
	if len(a.OneOf) > 0 {
		list := make([]any, len(a.OneOf))
		for i, o := range a.OneOf {
			list[i] = o.describe()
		}
		d.Set("oneOf", list)
	}
	if a.Properties != nil {
		// Properties is a map: its members are shown sorted by name.
		names := make([]string, 0, len(a.Properties))
		for k := range a.Properties {
			names = append(names, k)
		}
		sort.Strings(names)
		props := NewObject(a.PropertyOrder)
		for _, k := range names {
			p := a.Properties[k]
			pd := p.describe()
			if p.Required {
				pd.Set("required", true)
			}
			props.Set(k, pd)
		}
		d.Set("properties", props)
	}
	if a.AdditionalProperties != nil {
		d.Set("additionalProperties", a.AdditionalProperties)
	}
	extra := make([]string, 0, len(a.Extra))
	for k := range a.Extra {
		extra = append(extra, k)
	}
	sort.Strings(extra)
	for _, k := range extra {
		d.Set(k, a.Extra[k])
	}
	return d
}

// schemaError is one failed check: WordPress's WP_Error from
// rest_validate_value_from_schema.
type schemaError struct {
	code    string
	message text
	data    *Object
}

// serr is a failed check whose message format is marked with
// languages.Mark, worded in the request's language when answered.
func serr(code, format string, args ...any) *schemaError {
	return &schemaError{code: code, message: text{format: format, args: args}}
}

// serrN is serr with a message whose form follows n (_n).
func serrN(code string, forms languages.Plural, n int, args ...any) *schemaError {
	return &schemaError{code: code, message: text{format: forms.Singular, plural: forms.Plural, n: n, args: args}}
}

// validateValue is rest_validate_value_from_schema for one value.
func validateValue(v any, a *Arg, param string) *schemaError {
	if len(a.OneOf) > 0 {
		var errs []*schemaError
		matches := 0
		for _, o := range a.OneOf {
			if e := validateValue(v, o, param); e != nil {
				errs = append(errs, e)
			} else {
				matches++
			}
		}
		if matches == 0 {
			return combiningError(param, errs)
		}
		if matches > 1 {
			return serr("rest_one_of_multiple_matches", languages.Mark("%s matches more than one of the expected formats."), param)
		}
	}
	types := a.types()
	if len(types) == 0 {
		return nil
	}
	typ := types[0]
	if len(types) > 1 {
		typ = bestType(v, types)
		if typ == "" {
			e := serr("rest_invalid_type", languages.Mark("%s is not of type %s."), param, strings.Join(types, ","))
			e.data = Obj("param", param)
			return e
		}
	}
	var err *schemaError
	switch typ {
	case "null":
		if v != nil {
			err = typeError(param, "null")
		}
	case "boolean":
		if !isBoolean(v) {
			err = typeError(param, "boolean")
		}
	case "integer":
		if !isInteger(v) {
			err = typeError(param, "integer")
		} else {
			err = checkBounds(toFloat(v), a, param)
		}
	case "number":
		if !isNumber(v) {
			err = typeError(param, "number")
		} else {
			err = checkBounds(toFloat(v), a, param)
		}
	case "string":
		s, ok := v.(string)
		if !ok {
			err = typeError(param, "string")
		} else {
			err = checkString(s, a, param)
		}
	case "array":
		list, ok := toList(v)
		if !ok {
			err = typeError(param, "array")
		} else {
			err = checkArray(list, a, param)
		}
	case "object":
		obj, ok := toObject(v)
		if !ok {
			err = typeError(param, "object")
		} else {
			names := make([]string, 0, len(a.Properties))
			for k := range a.Properties {
				names = append(names, k)
			}
			sort.Strings(names)
			for _, k := range names {
				p := a.Properties[k]
				pv, ok := obj[k]
				if !ok {
					if p.Required {
						return serr("rest_property_required", languages.Mark("%s is a required property of %s."), k, param)
					}
					continue
				}
				if e := validateValue(pv, p, param+"["+k+"]"); e != nil {
					return e
				}
			}
		}
	}
	if err != nil {
		return err
	}
	if a.Enum != nil && !inEnum(v, a.Enum, typ) {
		return enumError(param, a.Enum)
	}
	if typ == "string" && a.Format != "" {
		return checkFormat(v.(string), a.Format, param)
	}
	return nil
}

func typeError(param, typ string) *schemaError {
	e := serr("rest_invalid_type", languages.Mark("%s is not of type %s."), param, typ)
	e.data = Obj("param", param)
	return e
}

// combiningError is rest_get_combining_operation_error: one failure is
// reported as itself, several as "does not match any of the expected formats".
func combiningError(param string, errs []*schemaError) *schemaError {
	if len(errs) == 1 {
		return errs[0]
	}
	var filtered []*schemaError
	for _, e := range errs {
		if e.code != "rest_invalid_type" {
			filtered = append(filtered, e)
		}
	}
	if len(filtered) == 1 {
		return filtered[0]
	}
	return serr("rest_no_matching_schema", languages.Mark("%s does not match any of the expected formats."), param)
}

// bestType is rest_get_best_type_for_value: the first of the listed types
// the value satisfies ("" prefers string).
func bestType(v any, types []string) string {
	if str, ok := v.(string); ok && str == "" && contains(types, "string") {
		return "string"
	}
	for _, t := range types {
		ok := false
		switch t {
		case "array":
			_, ok = toList(v)
		case "object":
			_, ok = toObject(v)
		case "integer":
			ok = isInteger(v)
		case "number":
			ok = isNumber(v)
		case "boolean":
			ok = isBoolean(v)
		case "string":
			_, ok = v.(string)
		case "null":
			ok = v == nil
		}
		if ok {
			return t
		}
	}
	return ""
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// isBoolean is rest_is_boolean.
func isBoolean(v any) bool {
	switch x := v.(type) {
	case bool:
		return true
	case string:
		switch strings.ToLower(x) {
		case "true", "false", "0", "1":
			return true
		}
	case float64:
		return x == 0 || x == 1
	case int64:
		return x == 0 || x == 1
	}
	return false
}

// isNumber is PHP's is_numeric for the values a request can carry.
func isNumber(v any) bool {
	switch x := v.(type) {
	case float64, int64, int:
		return true
	case json.Number:
		_, err := x.Float64()
		return err == nil
	case string:
		s := strings.TrimLeft(x, " \t\n\r\v\f")
		if s == "" {
			return false
		}
		f, err := strconv.ParseFloat(s, 64)
		return err == nil && !math.IsInf(f, 0) && !math.IsNaN(f) && !strings.ContainsAny(s, "xXpP_") && !strings.EqualFold(s, "inf") && !strings.EqualFold(s, "infinity")
	}
	return false
}

// isInteger is rest_is_integer: numeric and without a fractional part.
func isInteger(v any) bool {
	if !isNumber(v) {
		return false
	}
	f := toFloat(v)
	return f == math.Round(f)
}

func toFloat(v any) float64 {
	switch x := v.(type) {
	case float64:
		return x
	case int64:
		return float64(x)
	case int:
		return float64(x)
	case json.Number:
		f, _ := x.Float64()
		return f
	case string:
		f, _ := strconv.ParseFloat(strings.TrimSpace(x), 64)
		return f
	case bool:
		if x {
			return 1
		}
	}
	return 0
}

func checkBounds(f float64, a *Arg, param string) *schemaError {
	if a.Minimum == nil && a.Maximum == nil {
		return nil
	}
	belowMin := a.Minimum != nil && (f < float64(*a.Minimum) || (a.ExclusiveMinimum && f == float64(*a.Minimum)))
	aboveMax := a.Maximum != nil && (f > float64(*a.Maximum) || (a.ExclusiveMaximum && f == float64(*a.Maximum)))
	if !belowMin && !aboveMax {
		return nil
	}
	switch {
	case a.Minimum != nil && a.Maximum != nil:
		format := languages.Mark("%s must be between %d (inclusive) and %d (inclusive)")
		switch {
		case a.ExclusiveMinimum && a.ExclusiveMaximum:
			format = languages.Mark("%s must be between %d (exclusive) and %d (exclusive)")
		case a.ExclusiveMinimum:
			format = languages.Mark("%s must be between %d (exclusive) and %d (inclusive)")
		case a.ExclusiveMaximum:
			format = languages.Mark("%s must be between %d (inclusive) and %d (exclusive)")
		}
		return serr("rest_out_of_bounds", format, param, *a.Minimum, *a.Maximum)
	case a.Minimum != nil && a.ExclusiveMinimum:
		return serr("rest_out_of_bounds", languages.Mark("%s must be greater than %d"), param, *a.Minimum)
	case a.Minimum != nil:
		return serr("rest_out_of_bounds", languages.Mark("%s must be greater than or equal to %d"), param, *a.Minimum)
	case a.ExclusiveMaximum:
		return serr("rest_out_of_bounds", languages.Mark("%s must be less than %d"), param, *a.Maximum)
	default:
		return serr("rest_out_of_bounds", languages.Mark("%s must be less than or equal to %d"), param, *a.Maximum)
	}
}

var (
	patternCacheMu sync.Mutex
	patternCache   = map[string]*regexp.Regexp{}
)

func compiledPattern(p string) *regexp.Regexp {
	patternCacheMu.Lock()
	defer patternCacheMu.Unlock()
	re, ok := patternCache[p]
	if !ok {
		re, _ = regexp.Compile(p)
		patternCache[p] = re
	}
	return re
}

func checkString(s string, a *Arg, param string) *schemaError {
	n := len([]rune(s))
	if a.MinLength != nil && n < *a.MinLength {
		return serrN("rest_too_short", languages.MarkN("%s must be at least %d character long.", "%s must be at least %d characters long."), *a.MinLength, param, *a.MinLength)
	}
	if a.MaxLength != nil && n > *a.MaxLength {
		return serrN("rest_too_long", languages.MarkN("%s must be at most %d character long.", "%s must be at most %d characters long."), *a.MaxLength, param, *a.MaxLength)
	}
	if a.Pattern != "" {
		if re := compiledPattern(a.Pattern); re != nil && !re.MatchString(s) {
			return serr("rest_invalid_pattern", languages.Mark("%s does not match pattern %s."), param, a.Pattern)
		}
	}
	return nil
}

func checkArray(list []any, a *Arg, param string) *schemaError {
	if a.Items != nil {
		for i, item := range list {
			if e := validateValue(item, a.Items, fmt.Sprintf("%s[%d]", param, i)); e != nil {
				return e
			}
		}
	}
	if a.MinItems != nil && len(list) < *a.MinItems {
		return serrN("rest_too_few_items", languages.MarkN("%s must contain at least %d item.", "%s must contain at least %d items."), *a.MinItems, param, *a.MinItems)
	}
	if a.MaxItems != nil && len(list) > *a.MaxItems {
		return serrN("rest_too_many_items", languages.MarkN("%s must contain at most %d item.", "%s must contain at most %d items."), *a.MaxItems, param, *a.MaxItems)
	}
	if a.UniqueItems {
		seen := map[string]bool{}
		for _, item := range list {
			k := fmt.Sprint(item)
			if seen[k] {
				return serr("rest_duplicate_items", languages.Mark("%s has duplicate items."), param)
			}
			seen[k] = true
		}
	}
	return nil
}

func inEnum(v any, enum []any, typ string) bool {
	for _, e := range enum {
		switch typ {
		case "integer", "number":
			if isNumber(e) && toFloat(e) == toFloat(v) {
				return true
			}
		case "boolean":
			if b, ok := e.(bool); ok && b == toBool(v) {
				return true
			}
		default:
			if fmt.Sprint(e) == fmt.Sprint(v) {
				return true
			}
		}
	}
	return false
}

func enumError(param string, enum []any) *schemaError {
	vals := make([]string, len(enum))
	for i, e := range enum {
		switch e.(type) {
		case string, bool, float64, int, int64:
			vals[i] = fmt.Sprint(e)
		default:
			b, _ := json.Marshal(e)
			vals[i] = string(b)
		}
	}
	if len(vals) == 1 {
		return serr("rest_not_in_enum", languages.Mark("%s is not %s."), param, vals[0])
	}
	return serr("rest_not_in_enum", languages.Mark("%s is not one of %s."), param, listSentence(vals))
}

// listSentence is wp_sprintf_l: "a", "a and b", "a, b, and c", joined
// with the words of the language the message is shown in.
type listSentence []string

func (vals listSentence) in(locale string) string {
	switch len(vals) {
	case 0:
		return ""
	case 1:
		return vals[0]
	case 2:
		return vals[0] + languages.T(locale, languages.Mark(" and ")) + vals[1]
	}
	return strings.Join(vals[:len(vals)-1], languages.T(locale, languages.Mark(", "))) + languages.T(locale, languages.Mark(", and ")) + vals[len(vals)-1]
}

var hexColor = regexp.MustCompile(`^#([A-Fa-f0-9]{3}){1,2}$`)

func checkFormat(s, format, param string) *schemaError {
	switch format {
	case "hex-color":
		if !hexColor.MatchString(s) {
			return serr("rest_invalid_hex_color", languages.Mark("Invalid hex color."))
		}
	case "date-time":
		if _, ok := ParseDate(s); !ok {
			return serr("rest_invalid_date", languages.Mark("Invalid date."))
		}
	case "email":
		if !models.IsEmail(s) {
			return serr("rest_invalid_email", languages.Mark("Invalid email address."))
		}
	case "ip":
		if net.ParseIP(s) == nil {
			return serr("rest_invalid_ip", languages.Mark("%s is not a valid IP address."), param)
		}
	case "uuid":
		if !models.IsUUID(s) {
			return serr("rest_invalid_uuid", languages.Mark("%s is not a valid UUID."), param)
		}
	}
	return nil
}

var rfc3339ish = regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|z|[+-]\d{2}(:?\d{2})?)?$`)

// ParseDate is rest_parse_date: an RFC 3339 date-time whose offset may be
// missing (then it is the site's time, UTC here). ok is false when s is not
// such a date.
func ParseDate(s string) (time.Time, bool) {
	m := rfc3339ish.FindStringSubmatch(s)
	if m == nil {
		return time.Time{}, false
	}
	layout := "2006-01-02T15:04:05"
	norm := m[1] + "-" + m[2] + "-" + m[3] + "T" + m[4] + ":" + m[5] + ":" + m[6]
	t, err := time.Parse(layout, norm)
	if err != nil {
		return time.Time{}, false
	}
	if z := m[8]; z != "" && z != "Z" && z != "z" {
		sign := 1
		if z[0] == '-' {
			sign = -1
		}
		digits := strings.ReplaceAll(z[1:], ":", "")
		h, _ := strconv.Atoi(digits[:2])
		mins := 0
		if len(digits) >= 4 {
			mins, _ = strconv.Atoi(digits[2:4])
		}
		t = t.Add(-time.Duration(sign) * (time.Duration(h)*time.Hour + time.Duration(mins)*time.Minute))
	}
	return t.UTC(), true
}

// toList is rest_is_array plus wp_parse_list: a list, or a scalar split on
// commas and whitespace.
func toList(v any) ([]any, bool) {
	switch x := v.(type) {
	case []any:
		return x, true
	case map[string]any:
		// A PHP array with numeric keys ("a[0]=x") is a list.
		out := make([]any, 0, len(x))
		for i := 0; i < len(x); i++ {
			item, ok := x[strconv.Itoa(i)]
			if !ok {
				return nil, false
			}
			out = append(out, item)
		}
		return out, true
	case string:
		return parseList(x), true
	case float64, int64, bool, json.Number:
		return []any{x}, true
	}
	return nil, false
}

// parseList is wp_parse_list for a string.
func parseList(s string) []any {
	parts := strings.FieldsFunc(s, func(r rune) bool {
		return r == ',' || r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f' || r == '\v'
	})
	out := make([]any, len(parts))
	for i, p := range parts {
		out[i] = p
	}
	return out
}

// toObject is rest_is_object: an object, or "" as an empty one.
func toObject(v any) (map[string]any, bool) {
	switch x := v.(type) {
	case map[string]any:
		return x, true
	case []any:
		if len(x) == 0 {
			return map[string]any{}, true
		}
	case string:
		if x == "" {
			return map[string]any{}, true
		}
	}
	return nil, false
}

func toBool(v any) bool {
	switch x := v.(type) {
	case bool:
		return x
	case string:
		switch strings.ToLower(x) {
		case "false", "0", "":
			return false
		}
		return true
	case float64:
		return x != 0
	case int64:
		return x != 0
	case nil:
		return false
	}
	return true
}

// sanitizeValue is rest_sanitize_value_from_schema: convert a validated
// value to its Go type (int64, float64, bool, string, []any, map[string]any).
func sanitizeValue(v any, a *Arg) any {
	types := a.types()
	if len(a.OneOf) > 0 && len(types) == 0 {
		for _, o := range a.OneOf {
			if validateValue(v, o, "") == nil {
				return sanitizeValue(v, o)
			}
		}
		return v
	}
	if len(types) == 0 {
		return v
	}
	typ := types[0]
	if len(types) > 1 {
		if typ = bestType(v, types); typ == "" {
			return v
		}
	}
	switch typ {
	case "integer":
		return clampInt(toFloat(v))
	case "number":
		return toFloat(v)
	case "boolean":
		return toBool(v)
	case "string":
		switch x := v.(type) {
		case string:
			if a.Format == "uri" {
				return sanitizeURL(x)
			}
			return x
		case float64:
			return strconv.FormatFloat(x, 'f', -1, 64)
		case nil:
			return ""
		}
		return fmt.Sprint(v)
	case "array":
		list, ok := toList(v)
		if !ok {
			return []any{}
		}
		if a.Items != nil {
			out := make([]any, len(list))
			for i, item := range list {
				out[i] = sanitizeValue(item, a.Items)
			}
			return out
		}
		return list
	case "object":
		obj, ok := toObject(v)
		if !ok {
			return map[string]any{}
		}
		if a.Properties != nil {
			out := make(map[string]any, len(obj))
			for k, pv := range obj {
				if p, ok := a.Properties[k]; ok {
					out[k] = sanitizeValue(pv, p)
				} else {
					out[k] = pv
				}
			}
			return out
		}
		return obj
	case "null":
		return nil
	}
	return v
}

// clampInt converts to int64 without Go's undefined overflow: values beyond
// the range become its ends.
func clampInt(f float64) int64 {
	switch {
	case f >= math.MaxInt64:
		return math.MaxInt64
	case f <= math.MinInt64:
		return math.MinInt64
	}
	return int64(f)
}

// allowedProtocols is wp_allowed_protocols().
var allowedProtocols = map[string]bool{
	"http": true, "https": true, "ftp": true, "ftps": true, "mailto": true, "news": true, "irc": true,
	"irc6": true, "ircs": true, "gopher": true, "nntp": true, "feed": true, "telnet": true, "mms": true,
	"rtsp": true, "sms": true, "svn": true, "tel": true, "fax": true, "xmpp": true, "webcal": true, "urn": true,
}

var urlScheme = regexp.MustCompile(`^([A-Za-z][A-Za-z0-9+.-]*):`)

// sanitizeURL is the essence of sanitize_url for "uri" arguments: spaces
// trimmed, a missing scheme becomes http://, and a scheme WordPress does not
// allow (javascript:, data:, …) empties the value.
func sanitizeURL(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	s = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || r == ' ' {
			return -1
		}
		return r
	}, s)
	if m := urlScheme.FindStringSubmatch(s); m != nil {
		if !allowedProtocols[strings.ToLower(m[1])] {
			return ""
		}
		return s
	}
	if strings.HasPrefix(s, "/") || strings.HasPrefix(s, "#") || strings.HasPrefix(s, "?") {
		return s
	}
	return "http://" + s
}
