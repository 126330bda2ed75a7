package rest

import (
	"reflect"
	"testing"
	"time"

	"github.com/presspass/presspass/languages"
)

func TestValidateValue(t *testing.T) {
	cases := []struct {
		name  string
		arg   Arg
		value any
		code  string // "" = valid
		msg   string
	}{
		{"integer from a string", Arg{Type: "integer"}, "12", "", ""},
		{"float is not an integer", Arg{Type: "integer"}, "1.5", "rest_invalid_type", "p is not of type integer."},
		{"below minimum", Arg{Type: "integer", Minimum: Int64(1)}, "0", "rest_out_of_bounds", "p must be greater than or equal to 1"},
		{"above maximum", Arg{Type: "integer", Maximum: Int64(9)}, float64(10), "rest_out_of_bounds", "p must be less than or equal to 9"},
		{"exclusive minimum", Arg{Type: "number", Minimum: Int64(1), ExclusiveMinimum: true}, "1", "rest_out_of_bounds", "p must be greater than 1"},
		{"boolean words", Arg{Type: "boolean"}, "FALSE", "", ""},
		{"not a boolean", Arg{Type: "boolean"}, "yes", "rest_invalid_type", "p is not of type boolean."},
		{"one enum value", Arg{Type: "string", Enum: []any{"a"}}, "b", "rest_not_in_enum", "p is not a."},
		{"three enum values", Arg{Type: "string", Enum: []any{"a", "b", "c"}}, "d", "rest_not_in_enum", "p is not one of a, b, and c."},
		{"too short", Arg{Type: "string", MinLength: IntP(2)}, "x", "rest_too_short", "p must be at least 2 characters long."},
		{"too long", Arg{Type: "string", MaxLength: IntP(1)}, "xy", "rest_too_long", "p must be at most 1 character long."},
		{"pattern", Arg{Type: "string", Pattern: `^\d+$`}, "x", "rest_invalid_pattern", `p does not match pattern ^\d+$.`},
		{"uuid", Arg{Type: "string", Format: "uuid"}, "nope", "rest_invalid_uuid", "p is not a valid UUID."},
		{"ip", Arg{Type: "string", Format: "ip"}, "1.2.3", "rest_invalid_ip", "p is not a valid IP address."},
		{"email", Arg{Type: "string", Format: "email"}, "a@b", "rest_invalid_email", "Invalid email address."},
		{"array from a list string", Arg{Type: "array", Items: &Arg{Type: "integer"}}, "1, 2,3", "", ""},
		{"array item", Arg{Type: "array", Items: &Arg{Type: "integer"}}, []any{"1", "x"}, "rest_invalid_type", "p[1] is not of type integer."},
		{"too many items", Arg{Type: "array", MaxItems: IntP(1)}, []any{"a", "b"}, "rest_too_many_items", "p must contain at most 1 item."},
		{"duplicates", Arg{Type: "array", UniqueItems: true}, []any{"a", "a"}, "rest_duplicate_items", "p has duplicate items."},
		{"union", Arg{Types: []string{"boolean", "array"}}, "true", "", ""},
		{"union mismatch", Arg{Types: []string{"integer", "null"}}, "x", "rest_invalid_type", "p is not of type integer,null."},
		{"object property required", Arg{Type: "object", Properties: map[string]*Arg{"path": {Type: "string", Required: true}}}, map[string]any{}, "rest_property_required", "path is a required property of p."},
		{"one of, none matching", Arg{OneOf: []*Arg{{Type: "string", Format: "uuid"}, {Type: "string", Enum: []any{""}}}}, "x", "rest_no_matching_schema", "p does not match any of the expected formats."},
		{"one of, matching", Arg{OneOf: []*Arg{{Type: "string", Format: "uuid"}, {Type: "string", Enum: []any{""}}}}, "", "", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := validateValue(c.value, &c.arg, "p")
			switch {
			case c.code == "" && e != nil:
				t.Errorf("invalid: %s %s", e.code, e.message.in(languages.Default))
			case c.code != "" && e == nil:
				t.Errorf("valid, want %s", c.code)
			case c.code != "" && (e.code != c.code || e.message.in(languages.Default) != c.msg):
				t.Errorf("got %s %q, want %s %q", e.code, e.message.in(languages.Default), c.code, c.msg)
			}
		})
	}
}

func TestSanitizeValue(t *testing.T) {
	if got := sanitizeValue("42", &Arg{Type: "integer"}); got != int64(42) {
		t.Errorf("integer %v", got)
	}
	if got := sanitizeValue("1e400", &Arg{Type: "integer"}); got != int64(9223372036854775807) {
		t.Errorf("huge integer %v", got)
	}
	if got := sanitizeValue("0", &Arg{Type: "boolean"}); got != false {
		t.Errorf("boolean %v", got)
	}
	list := sanitizeValue("3,4", &Arg{Type: "array", Items: &Arg{Type: "integer"}}).([]any)
	if len(list) != 2 || list[0] != int64(3) || list[1] != int64(4) {
		t.Errorf("list %v", list)
	}
	for in, want := range map[string]string{
		"example.com": "http://example.com", " https://a.example/x ": "https://a.example/x",
		"javascript:alert(1)": "", "/relative": "/relative", "": "",
	} {
		if got := sanitizeValue(in, &Arg{Type: "string", Format: "uri"}); got != want {
			t.Errorf("uri %q → %q, want %q", in, got, want)
		}
	}
}

func TestParseDate(t *testing.T) {
	cases := map[string]string{
		"2024-01-02T10:00:00":        "2024-01-02T10:00:00Z",
		"2024-01-02 10:00:00":        "2024-01-02T10:00:00Z",
		"2024-01-02T10:00:00Z":       "2024-01-02T10:00:00Z",
		"2024-01-02T10:00:00+02:00":  "2024-01-02T08:00:00Z",
		"2024-01-02T10:00:00.5-0130": "2024-01-02T11:30:00Z",
	}
	for in, want := range cases {
		got, ok := ParseDate(in)
		if !ok || got.Format(time.RFC3339) != want {
			t.Errorf("ParseDate(%q) = %v %v, want %s", in, got, ok, want)
		}
	}
	for _, bad := range []string{"yesterday", "2024-13-01T00:00:00", "2024-01-02"} {
		if _, ok := ParseDate(bad); ok {
			t.Errorf("ParseDate(%q) accepted", bad)
		}
	}
}

func TestPHPParams(t *testing.T) {
	got := phpParams(orderedQuery("a=1&a=2&l[]=x&l[]=y&m[k]=v&n[k][]=1&n[k][]=2&0=zero&i[2]=c&bad[=q"))
	want := map[string]any{
		"a": "2", "l": []any{"x", "y"}, "m": map[string]any{"k": "v"},
		"n": map[string]any{"k": []any{"1", "2"}}, "0": "zero",
		"i": map[string]any{"2": "c"}, "bad[": "q",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("phpParams\n got %#v\nwant %#v", got, want)
	}
}
