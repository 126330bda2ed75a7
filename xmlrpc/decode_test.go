package xmlrpc

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func call(params string) string {
	return `<?xml version="1.0"?><methodCall><methodName>m</methodName><params>` + params + `</params></methodCall>`
}

func param(v string) string { return "<param><value>" + v + "</value></param>" }

func decodeOne(t *testing.T, v string, compat bool) (Value, bool) {
	t.Helper()
	req, err := DecodeRequest(strings.NewReader(call(param(v))), DecodeOptions{WordPressCompat: compat})
	if err != nil {
		t.Fatalf("decode %q: %v", v, err)
	}
	if len(req.Params) == 0 {
		return Value{}, false
	}
	return req.Params[0], true
}

func TestDecodeScalars(t *testing.T) {
	ts := time.Date(2024, 3, 15, 8, 30, 0, 0, time.UTC)
	tests := []struct {
		name string
		in   string
		want Value
	}{
		{"int", "<int>42</int>", Int(42)},
		{"i4", "<i4>-7</i4>", Int(-7)},
		{"i8 outside compat", "<i8>9000000000</i8>", Int(9000000000)},
		{"int with spaces", "<int> 12 </int>", Int(12)},
		{"int non numeric is 0 like PHP", "<int>abc</int>", Int(0)},
		{"int numeric prefix like PHP", "<int>12abc</int>", Int(12)},
		{"boolean 1", "<boolean>1</boolean>", Bool(true)},
		{"boolean 0", "<boolean>0</boolean>", Bool(false)},
		{"boolean text false is true like PHP", "<boolean>false</boolean>", Bool(true)},
		{"boolean empty", "<boolean></boolean>", Bool(false)},
		{"string", "<string>héllo &amp; &lt;b&gt; &#x1F600;</string>", Str("héllo & <b> 😀")},
		{"string keeps whitespace", "<string>  a  </string>", Str("  a  ")},
		{"untyped value is a string", "plain text", Str("plain text")},
		{"double", "<double>1.5</double>", Double(1.5)},
		{"double exponent", "<double>-2.5e3</double>", Double(-2500)},
		{"double junk is 0", "<double>x</double>", Double(0)},
		{"date compact", "<dateTime.iso8601>20240315T08:30:00</dateTime.iso8601>", Value{Kind: KindDateTime, Str: "20240315T08:30:00", Time: ts}},
		{"date compact Z", "<dateTime.iso8601>20240315T08:30:00Z</dateTime.iso8601>", Value{Kind: KindDateTime, Str: "20240315T08:30:00Z", Time: ts, HasZone: true}},
		{"date dashes millis Z", "<dateTime.iso8601>2024-03-15T08:30:00.000Z</dateTime.iso8601>", Value{Kind: KindDateTime, Str: "2024-03-15T08:30:00.000Z", Time: ts, HasZone: true}},
		{"date offset", "<dateTime.iso8601>20240315T10:30:00+02:00</dateTime.iso8601>", Value{Kind: KindDateTime, Str: "20240315T10:30:00+02:00", Time: ts, HasZone: true}},
		{"date offset compact", "<dateTime.iso8601>2024-03-15T03:30:00-0500</dateTime.iso8601>", Value{Kind: KindDateTime, Str: "2024-03-15T03:30:00-0500", Time: ts, HasZone: true}},
		{"date garbage kept as text", "<dateTime.iso8601>not a date</dateTime.iso8601>", Value{Kind: KindDateTime, Str: "not a date"}},
		{"base64", "<base64>aGVsbG8=</base64>", Base64([]byte("hello"))},
		{"base64 wrapped unpadded", "<base64>aGVs\nbG8</base64>", Base64([]byte("hello"))},
		{"nil outside compat", "<nil/>", Value{Kind: KindNil}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := decodeOne(t, tt.in, false)
			if !ok {
				t.Fatal("value dropped")
			}
			if !equalValue(got, tt.want) {
				t.Fatalf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestDecodeCompatDropsWhatWordPressDrops(t *testing.T) {
	for _, in := range []string{"<nil/>", "<unknown>1</unknown>", "", "   "} {
		if v, ok := decodeOne(t, in, true); ok {
			t.Errorf("%q: kept %+v, WordPress drops it", in, v)
		}
	}
	req, err := DecodeRequest(strings.NewReader(call(param(`<struct><member><name>a</name><value><nil/></value></member><member><name>b</name><value><int>1</int></value></member></struct>`))), DecodeOptions{WordPressCompat: true})
	if err != nil {
		t.Fatal(err)
	}
	if s := req.Params[0]; s.Has("a") || !s.Has("b") {
		t.Fatalf("nil member should vanish, b stay: %+v", s)
	}
}

func TestDecodeCompatReadsLikeWordPress(t *testing.T) {
	if v, _ := decodeOne(t, "<i8>9000000000</i8>", true); !equalValue(v, Int(9000000000)) {
		t.Errorf("i8: got %+v", v)
	}
	if v, _ := decodeOne(t, "<string> padded \n</string>", true); v.Str != "padded" {
		t.Errorf("string not trimmed as IXR trims it: %q", v.Str)
	}
	if v, _ := decodeOne(t, " untyped ", true); v.Str != " untyped " {
		t.Errorf("untyped value must keep its text: %q", v.Str)
	}
}

func TestDecodeUnknownTypeOutsideCompatFails(t *testing.T) {
	_, err := DecodeRequest(strings.NewReader(call(param("<weird>1</weird>"))), DecodeOptions{})
	var pe *ParseError
	if !errors.As(err, &pe) {
		t.Fatalf("want parse error, got %v", err)
	}
}

func TestDecodeStructAndArray(t *testing.T) {
	in := `<struct>
	  <member><name> title </name><value><string>T</string></value></member>
	  <member><name>tags</name><value><array><data><value>a</value><value><int>2</int></value></data></array></value></member>
	  <member><name>title</name><value><string>again</string></value></member>
	  <member><name>empty</name><value><array><data></data></array></value></member>
	</struct>`
	got, _ := decodeOne(t, in, true)
	want := Struct(
		M("title", Str("again")),
		M("tags", Array(Str("a"), Int(2))),
		M("empty", Array()),
	)
	if !equalValue(got, want) {
		t.Fatalf("got %+v\nwant %+v", got, want)
	}
}

func TestDecodeMethodCallShapes(t *testing.T) {
	tests := []struct {
		name, body, method string
		params             int
	}{
		{"no params element", `<methodCall><methodName> demo.sayHello </methodName></methodCall>`, "demo.sayHello", 0},
		{"empty params", `<?xml version="1.0"?><methodCall><methodName>a.b</methodName><params/></methodCall>`, "a.b", 0},
		{"comments and whitespace", "<!-- hi -->\n<methodCall>\n <methodName>x</methodName>\n <params>\n  <param>\n   <value><int>1</int></value>\n  </param>\n </params>\n</methodCall>\n", "x", 1},
		{"latin1 document", "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><methodCall><methodName>x</methodName><params><param><value>caf\xe9</value></param></params></methodCall>", "x", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, err := DecodeRequest(strings.NewReader(tt.body), DecodeOptions{WordPressCompat: true})
			if err != nil {
				t.Fatal(err)
			}
			if req.Method != tt.method || len(req.Params) != tt.params {
				t.Fatalf("got %q with %d params", req.Method, len(req.Params))
			}
		})
	}
	req, _ := DecodeRequest(strings.NewReader(tests[3].body), DecodeOptions{})
	if req.Params[0].Str != "café" {
		t.Fatalf("latin1 not converted: %q", req.Params[0].Str)
	}
}

func TestDecodeMalformed(t *testing.T) {
	deep := strings.Repeat("<value><array><data>", 100) + strings.Repeat("</data></array></value>", 100)
	tests := []struct{ name, body string }{
		{"empty", ""},
		{"whitespace", "  \n"},
		{"truncated", `<?xml version="1.0"?><methodCall><methodName>demo.sayHello</methodName><params>`},
		{"mismatched tags", `<methodCall><methodName>x</methodName></params>`},
		{"doctype with entity", `<?xml version="1.0"?><!DOCTYPE methodCall [<!ENTITY x "expanded">]><methodCall><methodName>&x;</methodName></methodCall>`},
		{"undefined entity", `<methodCall><methodName>&nope;</methodName></methodCall>`},
		{"two roots", `<methodCall><methodName>x</methodName></methodCall><methodCall/>`},
		{"text after root", `<methodCall><methodName>x</methodName></methodCall>junk`},
		{"element in scalar", call(param("<int><b>1</b></int>"))},
		{"two types in one value", call(param("<int>1</int><string>x</string>"))},
		{"too deep", call("<param>" + deep + "</param>")},
		{"invalid utf8", "<methodCall><methodName>\xff</methodName></methodCall>"},
		{"unsupported charset", `<?xml version="1.0" encoding="EBCDIC"?><methodCall/>`},
		{"not xml", "hello world"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := DecodeRequest(strings.NewReader(tt.body), DecodeOptions{WordPressCompat: true})
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("want a parse error, got %v", err)
			}
		})
	}
}

func TestDecodeNotMethodCall(t *testing.T) {
	_, err := DecodeRequest(strings.NewReader(`<methodResponse><params/></methodResponse>`), DecodeOptions{})
	if !errors.Is(err, ErrNotMethodCall) {
		t.Fatalf("got %v", err)
	}
}

func TestDecodeLimits(t *testing.T) {
	lim := Limits{MaxBodyBytes: 1 << 20, MaxDepth: 4, MaxElements: 50, MaxStringBytes: 10, MaxMulticall: 2}
	tests := []struct{ name, body string }{
		{"string too long", call(param("<string>" + strings.Repeat("x", 11) + "</string>"))},
		{"untyped too long", call(param(strings.Repeat("y", 11)))},
		{"too many elements", call(strings.Repeat(param("<int>1</int>"), 20))},
		{"too deep", call(param("<array><data><value><array><data><value><array><data><value><array><data><value><array><data></data></array></value></data></array></value></data></array></value></data></array></value></data></array>"))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := DecodeRequest(strings.NewReader(tt.body), DecodeOptions{Limits: lim})
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("want a parse error, got %v", err)
			}
		})
	}
	if _, err := DecodeRequest(strings.NewReader(call(param("<string>0123456789</string>"))), DecodeOptions{Limits: lim}); err != nil {
		t.Fatalf("a string at the limit must pass: %v", err)
	}
}

func TestParamsUnwrapLikeIXR(t *testing.T) {
	p := newParams([]Value{Array(Str("a"), Str("b"))})
	if !p.IsList() || p.Len() != 2 {
		t.Fatalf("a lone array parameter is the argument list: %+v", p)
	}
	p = newParams([]Value{Int(5)})
	if p.IsList() || p.Has(0) {
		t.Fatalf("a lone scalar parameter is no list: %+v", p)
	}
	if err := p.Min(1); err == nil {
		t.Fatal("a lone scalar has insufficient arguments")
	}
	p = newParams([]Value{Int(1), Str("x"), Struct()})
	if s, err := p.String(0); err != nil || s != "1" {
		t.Fatalf("int as string: %q %v", s, err)
	}
	if n, err := p.Int(1); err != nil || n != 0 {
		t.Fatalf("non-numeric string as int: %d %v", n, err)
	}
	if _, err := p.Int(2); err == nil {
		t.Fatal("a struct is no int")
	}
	if _, err := p.Fields(1); err == nil {
		t.Fatal("a string is no field list")
	}
}

// equalValue compares values member by member, order included.
func equalValue(a, b Value) bool {
	if a.Kind != b.Kind {
		return false
	}
	switch a.Kind {
	case KindInt:
		return a.Int == b.Int
	case KindBool:
		return a.Bool == b.Bool
	case KindString, KindBase64:
		return a.Str == b.Str
	case KindDouble:
		return a.Double == b.Double
	case KindDateTime:
		return a.Str == b.Str && a.Time.Equal(b.Time) && a.HasZone == b.HasZone
	case KindArray:
		if len(a.Array) != len(b.Array) {
			return false
		}
		for i := range a.Array {
			if !equalValue(a.Array[i], b.Array[i]) {
				return false
			}
		}
		return true
	case KindStruct:
		if len(a.Members) != len(b.Members) {
			return false
		}
		for i := range a.Members {
			if a.Members[i].Name != b.Members[i].Name || !equalValue(a.Members[i].Value, b.Members[i].Value) {
				return false
			}
		}
		return true
	}
	return true
}
