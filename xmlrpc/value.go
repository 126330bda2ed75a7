package xmlrpc

import (
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/presspass/presspass/models/wptext"
)

// Kind is the XML-RPC type of a Value.
type Kind uint8

// The XML-RPC value types. Nil is decoded only outside WordPress
// compatibility mode (WordPress's parser drops <nil/>).
const (
	KindNil Kind = iota
	KindInt
	KindBool
	KindString
	KindDouble
	KindDateTime
	KindBase64
	KindStruct
	KindArray
)

// String names the kind as its XML element.
func (k Kind) String() string {
	switch k {
	case KindInt:
		return "int"
	case KindBool:
		return "boolean"
	case KindString:
		return "string"
	case KindDouble:
		return "double"
	case KindDateTime:
		return "dateTime.iso8601"
	case KindBase64:
		return "base64"
	case KindStruct:
		return "struct"
	case KindArray:
		return "array"
	}
	return "nil"
}

// Value is one XML-RPC value. Only the fields of its Kind are meaningful.
// Struct members keep their order, because WordPress's responses list
// members in a fixed order that clients (and the goldens) see.
type Value struct {
	Kind    Kind
	Int     int64
	Bool    bool
	Str     string // string, base64 bytes, or the raw text of a dateTime
	Double  float64
	Time    time.Time // dateTime: the wall-clock time as sent
	HasZone bool      // dateTime: the text carried Z or an offset (Time is then UTC)
	Array   []Value
	Members []Member
}

// Member is one named member of a struct.
type Member struct {
	Name  string
	Value Value
}

// Constructors keep method code short and the encoder's input explicit.

// Str returns a string value.
func Str(s string) Value { return Value{Kind: KindString, Str: s} }

// Int returns an int value.
func Int(n int64) Value { return Value{Kind: KindInt, Int: n} }

// Bool returns a boolean value.
func Bool(b bool) Value { return Value{Kind: KindBool, Bool: b} }

// Double returns a double value.
func Double(f float64) Value { return Value{Kind: KindDouble, Double: f} }

// Time returns a dateTime.iso8601 value showing t's wall clock (no zone, as
// WordPress sends dates).
func Time(t time.Time) Value { return Value{Kind: KindDateTime, Time: t} }

// Base64 returns a base64 value holding b.
func Base64(b []byte) Value { return Value{Kind: KindBase64, Str: string(b)} }

// Array returns an array value.
func Array(items ...Value) Value {
	if items == nil {
		items = []Value{}
	}
	return Value{Kind: KindArray, Array: items}
}

// StrArray returns an array of strings.
func StrArray(items []string) Value {
	out := make([]Value, len(items))
	for i, s := range items {
		out[i] = Str(s)
	}
	return Array(out...)
}

// Struct returns a struct value with the members in order.
func Struct(members ...Member) Value { return Value{Kind: KindStruct, Members: members} }

// M is a struct member.
func M(name string, v Value) Member { return Member{Name: name, Value: v} }

// Get returns the struct member called name.
func (v Value) Get(name string) (Value, bool) {
	if v.Kind != KindStruct {
		return Value{}, false
	}
	for _, m := range v.Members {
		if m.Name == name {
			return m.Value, true
		}
	}
	return Value{}, false
}

// Has reports whether a struct has the member (PHP's isset: a member that
// exists, whatever its value).
func (v Value) Has(name string) bool { _, ok := v.Get(name); return ok }

// set adds or replaces a struct member; a repeated name replaces the
// earlier value in place, as a PHP array key would.
func (v *Value) set(name string, val Value) {
	for i := range v.Members {
		if v.Members[i].Name == name {
			v.Members[i].Value = val
			return
		}
	}
	v.Members = append(v.Members, Member{Name: name, Value: val})
}

// Scalar reports whether the value is not a struct or an array.
func (v Value) Scalar() bool { return v.Kind != KindStruct && v.Kind != KindArray }

// AsString converts a scalar the way PHP's (string) cast does; ok is false
// for structs and arrays.
func (v Value) AsString() (string, bool) {
	switch v.Kind {
	case KindString, KindBase64:
		return v.Str, true
	case KindInt:
		return strconv.FormatInt(v.Int, 10), true
	case KindBool:
		if v.Bool {
			return "1", true
		}
		return "", true
	case KindDouble:
		return wptext.FloatString(v.Double), true
	case KindDateTime:
		return v.Str, true
	case KindNil:
		return "", true
	}
	return "", false
}

// AsInt converts a value the way PHP's (int) cast does: numeric prefixes of
// strings count, anything else is 0.
func (v Value) AsInt() int64 {
	switch v.Kind {
	case KindInt:
		return v.Int
	case KindBool:
		if v.Bool {
			return 1
		}
		return 0
	case KindDouble:
		if math.IsNaN(v.Double) || math.IsInf(v.Double, 0) {
			return 0
		}
		if v.Double >= math.MaxInt64 || v.Double <= math.MinInt64 {
			return 0
		}
		return int64(v.Double)
	case KindString:
		return phpIntPrefix(v.Str)
	case KindArray:
		if len(v.Array) > 0 {
			return 1
		}
	case KindStruct:
		if len(v.Members) > 0 {
			return 1
		}
	}
	return 0
}

// Truthy is PHP's boolean conversion (empty(), if ($x)).
func (v Value) Truthy() bool {
	switch v.Kind {
	case KindNil:
		return false
	case KindInt:
		return v.Int != 0
	case KindBool:
		return v.Bool
	case KindDouble:
		return v.Double != 0
	case KindString, KindBase64:
		return v.Str != "" && v.Str != "0"
	case KindDateTime:
		return true
	case KindArray:
		return len(v.Array) > 0
	case KindStruct:
		return len(v.Members) > 0
	}
	return false
}

// phpIntPrefix parses the leading integer of s as PHP does when casting:
// leading whitespace, an optional sign, digits; saturating on overflow.
func phpIntPrefix(s string) int64 {
	s = strings.TrimLeft(s, " \t\n\r\v\f")
	if f, ok := numericPrefix(s); ok && strings.ContainsAny(f, ".eE") {
		x, _ := strconv.ParseFloat(f, 64)
		return Value{Kind: KindDouble, Double: x}.AsInt()
	}
	end := 0
	if end < len(s) && (s[end] == '+' || s[end] == '-') {
		end++
	}
	start := end
	for end < len(s) && s[end] >= '0' && s[end] <= '9' {
		end++
	}
	if end == start {
		return 0
	}
	n, err := strconv.ParseInt(s[:end], 10, 64)
	if err != nil {
		if s[0] == '-' {
			return math.MinInt64
		}
		return math.MaxInt64
	}
	return n
}

// numericPrefix returns the longest prefix of s that is a PHP number
// (integer or float, with optional exponent).
func numericPrefix(s string) (string, bool) {
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	digits := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
		digits++
	}
	if i < len(s) && s[i] == '.' {
		j := i + 1
		frac := 0
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
			frac++
		}
		if digits+frac > 0 {
			i = j
			digits += frac
		}
	}
	if digits == 0 {
		return "", false
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		j := i + 1
		if j < len(s) && (s[j] == '+' || s[j] == '-') {
			j++
		}
		k := j
		for k < len(s) && s[k] >= '0' && s[k] <= '9' {
			k++
		}
		if k > j {
			i = k
		}
	}
	return s[:i], true
}
