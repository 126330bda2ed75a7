package rest

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// TestObjectKeepsOrder: members come in the order set, or in the order
// given to NewObject whatever the order of the calls; unlisted members
// follow; a deleted member set again comes last, as PHP's unset does.
func TestObjectKeepsOrder(t *testing.T) {
	tests := []struct {
		name  string
		build func() *Object
		want  string
	}{
		{"pairs in order", func() *Object { return Obj("id", 1, "date", "d", "_links", Obj("self", []any{})) },
			`{"id":1,"date":"d","_links":{"self":[]}}`},
		{"preset order, set backwards", func() *Object {
			o := NewObject([]string{"id", "title", "_links"})
			o.Set("_links", 3)
			o.Set("title", 2)
			o.Set("id", 1)
			return o
		}, `{"id":1,"title":2,"_links":3}`},
		{"unset members of the order are left out", func() *Object {
			o := NewObject([]string{"id", "title", "_links"})
			o.Set("_links", 3)
			return o
		}, `{"_links":3}`},
		{"unlisted members follow", func() *Object {
			o := NewObject([]string{"id", "title"})
			o.Set("extra", true)
			o.Set("id", 1)
			return o
		}, `{"id":1,"extra":true}`},
		{"set twice keeps its place", func() *Object {
			o := Obj("a", 1, "b", 2)
			o.Set("a", 3)
			return o
		}, `{"a":3,"b":2}`},
		{"deleted then set comes last", func() *Object {
			o := Obj("a", 1, "b", 2)
			o.Delete("a")
			o.Set("a", 3)
			return o
		}, `{"b":2,"a":3}`},
		{"empty object", func() *Object { return &Object{} }, `{}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := json.Marshal(tt.build())
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Fatalf("got %s, want %s", got, tt.want)
			}
		})
	}
}

// TestAppendJSONAsEncodingJSON: values without an Object are written
// byte for byte as encoding/json writes them with HTML escaping off (maps
// sorted by key), strings with every kind of character included.
func TestAppendJSONAsEncodingJSON(t *testing.T) {
	var all strings.Builder
	for r := rune(0); r < 0x300; r++ {
		all.WriteRune(r)
	}
	values := []any{
		nil, true, false, 0, -7, int64(1) << 40, uint64(1) << 63, uint(3), int32(-2), uint32(9), 1.5, 1e21, 0.000001,
		"", "plain", `quote " backslash \ slash / <tag> & amp`, "\b\f\n\r\t\x00\x1f\x7f", "\u2028\u2029 é 日本 🙂",
		"invalid \xff\xfe utf-8", all.String(),
		[]any{}, []any{1, "a", nil}, []string{"x", "y"}, []string(nil), []any(nil),
		map[string]any{"b": 1, "a": []any{map[string]any{"z": 1, "y": 2}}, "": "empty"},
		map[string]string{"k": "v"}, []map[string]any{{"b": 1, "a": 2}},
		json.RawMessage(`{"raw":true}`),
	}
	for _, v := range values {
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(v); err != nil {
			t.Fatal(err)
		}
		got, err := appendJSON(nil, v)
		if err != nil {
			t.Fatal(err)
		}
		if w := bytes.TrimRight(want.Bytes(), "\n"); !bytes.Equal(got, w) {
			t.Errorf("%#v:\n got %s\nwant %s", v, got, w)
		}
	}
}

// TestFilterFieldsKeepsOrder: _fields keeps the object's order, not the
// order the fields were asked in, nested objects included.
func TestFilterFieldsKeepsOrder(t *testing.T) {
	data := Obj("id", 1, "date", "d", "title", Obj("raw", "r", "rendered", "R"), "_links", 4)
	fields := parseFields([]any{"_links", "title.rendered", "title.raw", "id"})
	got, err := json.Marshal(filterFields(data, fields))
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"id":1,"title":{"raw":"r","rendered":"R"},"_links":4}`; string(got) != want {
		t.Fatalf("got %s, want %s", got, want)
	}
}
