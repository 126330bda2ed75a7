package models

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

// TestDecodeJSONDocument: a stored document decodes as PHP's json_decode
// keeps it: members in the order written, a repeated key in its first
// place with its last value, numbers with their digits, nothing after
// the value.
func TestDecodeJSONDocument(t *testing.T) {
	long := make([]string, 40)
	for i := range long {
		long[i] = fmt.Sprintf(`"k%02d":%d`, 39-i, i)
	}
	tests := []struct {
		name, in, want string // want is the decoded value written back
	}{
		{"order kept", `{"z":1,"a":{"y":true,"b":null},"m":[{"q":"x","c":2}]}`, `{"z":1,"a":{"y":true,"b":null},"m":[{"q":"x","c":2}]}`},
		{"repeated key", `{"b":1,"a":2,"b":3}`, `{"b":3,"a":2}`},
		{"repeated key in a long object", `{` + strings.Join(long, ",") + `,"k39":"last"}`, `{"k39":"last",` + strings.Join(long[1:], ",") + `}`},
		{"numbers keep their digits", `{"n":1.50,"big":12345678901234567890,"e":1e3}`, `{"n":1.50,"big":12345678901234567890,"e":1e3}`},
		{"empty object and list", `{"o":{},"l":[]}`, `{"o":{},"l":[]}`},
		{"data after the value", `{"a":1} {"b":2}`, "error"},
		{"not JSON", `{"a":`, "error"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, err := DecodeJSONDocument([]byte(tt.in))
			if tt.want == "error" {
				if err == nil {
					t.Fatalf("decoded %v, want an error", v)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := writeFields(v); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

// writeFields writes a decoded value back as JSON, objects in their order.
func writeFields(v any) string {
	switch x := v.(type) {
	case Fields:
		parts := make([]string, len(x))
		for i, f := range x {
			parts[i] = writeFields(f.Key) + ":" + writeFields(f.Value)
		}
		return "{" + strings.Join(parts, ",") + "}"
	case []any:
		parts := make([]string, len(x))
		for i, item := range x {
			parts[i] = writeFields(item)
		}
		return "[" + strings.Join(parts, ",") + "]"
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// TestDecodeJSONObject: a document that must be an object is refused when
// it is another JSON value.
func TestDecodeJSONObject(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{`{"b":1,"a":[]}`, `{"b":1,"a":[]}`},
		{`{}`, `{}`},
		{`[{"a":1}]`, "error"},
		{`"x"`, "error"},
		{`null`, "error"},
		{`{"a":1`, "error"},
	} {
		obj, err := DecodeJSONObject([]byte(tt.in))
		got := "error"
		if err == nil {
			got = writeFields(obj)
		}
		if got != tt.want {
			t.Errorf("%s: %s, want %s", tt.in, got, tt.want)
		}
	}
}
