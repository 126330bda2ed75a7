package wptext

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
	"unicode/utf16"
)

// JSONKind is the PHP type json_decode gives a JSON value.
type JSONKind int

// The kinds of JSONValue.
const (
	JSONNull JSONKind = iota
	JSONBool
	JSONNumber
	JSONString
	JSONArray
	JSONObject
)

// JSONValue is a decoded block attribute as json_decode($s, true) keeps
// it: objects keep their keys in order, because WordPress hashes the
// re-encoded attributes into class names (wp_unique_id_from_values).
type JSONValue struct {
	Kind   JSONKind
	Bool   bool
	Number json.Number
	String string
	Items  []*JSONValue
	Keys   []string
	Values []*JSONValue
}

// parseJSONValue decodes s, or returns nil when s is not JSON.
func parseJSONValue(s string) *JSONValue {
	dec := json.NewDecoder(strings.NewReader(s))
	dec.UseNumber()
	v, err := decodeJSONValue(dec)
	if err != nil {
		return nil
	}
	if _, err := dec.Token(); err == nil {
		return nil
	}
	return v
}

func decodeJSONValue(dec *json.Decoder) (*JSONValue, error) {
	t, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch t := t.(type) {
	case json.Delim:
		if t == '[' {
			v := &JSONValue{Kind: JSONArray}
			for dec.More() {
				item, err := decodeJSONValue(dec)
				if err != nil {
					return nil, err
				}
				v.Items = append(v.Items, item)
			}
			_, err := dec.Token()
			return v, err
		}
		v := &JSONValue{Kind: JSONObject}
		for dec.More() {
			kt, err := dec.Token()
			if err != nil {
				return nil, err
			}
			val, err := decodeJSONValue(dec)
			if err != nil {
				return nil, err
			}
			v.set(kt.(string), val)
		}
		_, err := dec.Token()
		return v, err
	case bool:
		return &JSONValue{Kind: JSONBool, Bool: t}, nil
	case json.Number:
		return &JSONValue{Kind: JSONNumber, Number: t}, nil
	case string:
		return &JSONValue{Kind: JSONString, String: t}, nil
	}
	return &JSONValue{Kind: JSONNull}, nil
}

// set adds or replaces a key, as a PHP array keeps a repeated key at its
// first place with its last value.
func (v *JSONValue) set(key string, val *JSONValue) {
	for i, k := range v.Keys {
		if k == key {
			v.Values[i] = val
			return
		}
	}
	v.Keys = append(v.Keys, key)
	v.Values = append(v.Values, val)
}

// Get is $v[$key] on an object, nil when absent or v is no object.
func (v *JSONValue) Get(key string) *JSONValue {
	if v == nil || v.Kind != JSONObject {
		return nil
	}
	for i, k := range v.Keys {
		if k == key {
			return v.Values[i]
		}
	}
	return nil
}

// Path is $v[$k1][$k2]…, nil where any step is missing.
func (v *JSONValue) Path(keys ...string) *JSONValue {
	for _, k := range keys {
		v = v.Get(k)
	}
	return v
}

// isSet is PHP's isset: present and not null.
func (v *JSONValue) isSet() bool { return v != nil && v.Kind != JSONNull }

// Str is the value as a string when it is one.
func (v *JSONValue) Str() string {
	if v != nil && v.Kind == JSONString {
		return v.String
	}
	return ""
}

// truthy is PHP's truthiness of the decoded value.
func (v *JSONValue) truthy() bool {
	if v == nil {
		return false
	}
	switch v.Kind {
	case JSONBool:
		return v.Bool
	case JSONNumber:
		f, _ := v.Number.Float64()
		return f != 0
	case JSONString:
		return !phpEmpty(v.String)
	case JSONArray:
		return len(v.Items) > 0
	case JSONObject:
		return len(v.Keys) > 0
	}
	return false
}

// phpJSONEncode is json_encode with no flags of what json_decode gave:
// slashes and non-ASCII escaped, an empty object written as [] (it was
// an empty PHP array), numbers as they were written.
func phpJSONEncode(b *bytes.Buffer, v *JSONValue) {
	if v == nil {
		b.WriteString("null")
		return
	}
	switch v.Kind {
	case JSONNull:
		b.WriteString("null")
	case JSONBool:
		b.WriteString(strconv.FormatBool(v.Bool))
	case JSONNumber:
		b.WriteString(phpNumber(v.Number))
	case JSONString:
		phpJSONString(b, v.String)
	case JSONArray:
		b.WriteByte('[')
		for i, item := range v.Items {
			if i > 0 {
				b.WriteByte(',')
			}
			phpJSONEncode(b, item)
		}
		b.WriteByte(']')
	case JSONObject:
		if len(v.Keys) == 0 {
			b.WriteString("[]")
			return
		}
		b.WriteByte('{')
		for i, k := range v.Keys {
			if i > 0 {
				b.WriteByte(',')
			}
			phpJSONString(b, k)
			b.WriteByte(':')
			phpJSONEncode(b, v.Values[i])
		}
		b.WriteByte('}')
	}
}

// phpNumber writes a number as json_encode (no flags) re-encodes what
// json_decode made of it: an integer that fits in PHP's int as that int
// ("-0" is 0); any other number is a float, written with
// serialize_precision=-1 — the shortest digits that read back, plain from
// 1e-4 to 17 integer digits, otherwise as 1.0e+25 — and a whole float
// without ".0" (that takes JSON_PRESERVE_ZERO_FRACTION, which
// wp_json_encode does not pass).
func phpNumber(n json.Number) string {
	s := n.String()
	if !strings.ContainsAny(s, ".eE") {
		if i, err := strconv.ParseInt(s, 10, 64); err == nil {
			return strconv.FormatInt(i, 10)
		}
	}
	f, err := n.Float64()
	if err != nil {
		return s
	}
	return phpGcvt(f, 17, -1, 'e')
}

func phpJSONString(b *bytes.Buffer, s string) {
	const hex = "0123456789abcdef"
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\' || r == '/':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\b':
			b.WriteString(`\b`)
		case r == '\f':
			b.WriteString(`\f`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r > 0x7f:
			units := []rune{r}
			if r > 0xffff {
				a, c := utf16.EncodeRune(r)
				units = []rune{a, c}
			}
			for _, u := range units {
				b.WriteString(`\u`)
				b.WriteByte(hex[u>>12&0xf])
				b.WriteByte(hex[u>>8&0xf])
				b.WriteByte(hex[u>>4&0xf])
				b.WriteByte(hex[u&0xf])
			}
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
}
