package wpimport

import (
	"errors"
	"math"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

// serialize writes v in PHP's format; the tests use it to check that every
// value Unserialize accepts survives a round trip.
func serialize(b *strings.Builder, v any) {
	switch x := v.(type) {
	case nil:
		b.WriteString("N;")
	case bool:
		if x {
			b.WriteString("b:1;")
		} else {
			b.WriteString("b:0;")
		}
	case int64:
		b.WriteString("i:" + strconv.FormatInt(x, 10) + ";")
	case float64:
		switch {
		case math.IsNaN(x):
			b.WriteString("d:NAN;")
		case math.IsInf(x, 1):
			b.WriteString("d:INF;")
		case math.IsInf(x, -1):
			b.WriteString("d:-INF;")
		default:
			b.WriteString("d:" + strconv.FormatFloat(x, 'g', -1, 64) + ";")
		}
	case string:
		b.WriteString("s:" + strconv.Itoa(len(x)) + `:"` + x + `";`)
	case *Array:
		b.WriteString("a:" + strconv.Itoa(len(x.Entries)) + ":{")
		for _, e := range x.Entries {
			serialize(b, e.Key)
			serialize(b, e.Value)
		}
		b.WriteString("}")
	default:
		panic("serialize: unexpected type")
	}
}

func arr(kv ...any) *Array {
	a := &Array{Entries: []Entry{}}
	for i := 0; i+1 < len(kv); i += 2 {
		a.Entries = append(a.Entries, Entry{Key: kv[i], Value: kv[i+1]})
	}
	return a
}

func TestUnserializeAccepts(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want any
	}{
		{"null", "N;", nil},
		{"true", "b:1;", true},
		{"false", "b:0;", false},
		{"int", "i:42;", int64(42)},
		{"negative int", "i:-7;", int64(-7)},
		{"plus sign int", "i:+7;", int64(7)},
		{"max int", "i:9223372036854775807;", int64(math.MaxInt64)},
		{"min int", "i:-9223372036854775808;", int64(math.MinInt64)},
		{"float", "d:1.5;", 1.5},
		{"float exponent", "d:1.0E+25;", 1.0e25},
		{"float leading point", "d:.5;", 0.5},
		{"float trailing point", "d:2.;", 2.0},
		{"float integer form", "d:3;", 3.0},
		{"float INF", "d:INF;", math.Inf(1)},
		{"float -INF", "d:-INF;", math.Inf(-1)},
		{"empty string", `s:0:"";`, ""},
		{"string", `s:5:"hello";`, "hello"},
		{"string with quotes and semicolons", `s:6:"a";b:1";`, `a";b:1`},
		{"utf-8 string", `s:6:"héllo";`, "héllo"},
		{"surrounding whitespace", " \n" + `s:1:"x";` + "\t", "x"},
		{"empty array", "a:0:{}", arr()},
		{"capabilities", `a:1:{s:13:"administrator";b:1;}`, arr("administrator", true)},
		{"list", `a:2:{i:0;i:5;i:1;i:9;}`, arr(int64(0), int64(5), int64(1), int64(9))},
		{"nested", `a:1:{i:0;a:2:{s:4:"uuid";s:1:"u";s:9:"last_used";N;}}`, arr(int64(0), arr("uuid", "u", "last_used", nil))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Unserialize(tt.in)
			if err != nil {
				t.Fatalf("Unserialize(%q): %v", tt.in, err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("Unserialize(%q) = %#v, want %#v", tt.in, got, tt.want)
			}
		})
	}
}

func TestUnserializeNaN(t *testing.T) {
	v, err := Unserialize("d:NAN;")
	if err != nil {
		t.Fatal(err)
	}
	if f, ok := v.(float64); !ok || !math.IsNaN(f) {
		t.Fatalf("got %#v, want NaN", v)
	}
}

func TestUnserializeRefuses(t *testing.T) {
	tests := []struct {
		name, in, msg string
	}{
		{"object", `O:8:"stdClass":0:{}`, "objects are refused"},
		{"object in array", `a:1:{i:0;O:8:"stdClass":0:{}}`, "objects are refused"},
		{"custom object", `C:3:"Foo":0:{}`, "objects are refused"},
		{"enum", `E:7:"Foo:Bar";`, "objects are refused"},
		{"reference", `a:2:{i:0;i:1;i:1;R:2;}`, "references are refused"},
		{"value reference", `a:2:{i:0;i:1;i:1;r:2;}`, "references are refused"},
		{"escaped string", `S:1:"\61";`, "not supported"},
		{"string too long", `s:10:"abc";`, "runs past the end"},
		{"string too short", `s:2:"abc";`, `expected "\";"`},
		{"string length counts bytes, not characters", `s:5:"héllo";`, `expected "\";"`},
		{"string length not a number", `s:x:"abc";`, "string length"},
		{"negative string length", `s:-1:"";`, "string length"},
		{"huge string length", `s:99999999999:"";`, "string length"},
		{"bool 2", "b:2;", "boolean"},
		{"int overflow", "i:9223372036854775808;", "out of range"},
		{"int garbage", "i:12a;", "not an integer"},
		{"int empty", "a:1:{i:0;i:;}", "not an integer"},
		{"float hex", "d:0x1p3;", "not a float"},
		{"float infinity word", "d:Infinity;", "not a float"},
		{"float underscore", "d:1_000;", "not a float"},
		{"array lies about its count", "a:1000000:{i:0;i:1;}", "exceeds what the data can hold"},
		{"array has fewer entries than its count", `a:2:{s:8:"abcdefgh";i:1;}`, "array key"},
		{"array too long", "a:1:{i:0;i:1;i:1;i:2;}", `expected "}"`},
		{"array bad key", "a:1:{b:1;i:1;}", "array key"},
		{"array null key", "a:1:{N;i:1;}", "array key"},
		{"array array key", "a:1:{a:0:{}i:1;}", "array key"},
		{"unterminated", "a:1:{i:0;i:1;", `expected "}"`},
		{"string length past the end", `a:1:{i:0;s:9:"ab";}`, "runs past the end"},
		{"trailing data", "i:1;i:2;", "after the value"},
		{"unknown type", "x:1;", "unknown type"},
		{"plain text", "hello", "not serialized"},
		{"empty", "", "not serialized"},
		{"too deep", strings.Repeat("a:1:{i:0;", MaxSerializedDepth+1) + "N;" + strings.Repeat("}", MaxSerializedDepth+1), "nested deeper"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, err := Unserialize(tt.in)
			if err == nil {
				t.Fatalf("Unserialize(%q) = %#v, want an error containing %q", tt.in, v, tt.msg)
			}
			if !strings.Contains(err.Error(), tt.msg) {
				t.Fatalf("Unserialize(%q) error %q, want it to contain %q", tt.in, err, tt.msg)
			}
		})
	}
}

func TestUnserializeNotSerializedIsDistinct(t *testing.T) {
	if _, err := Unserialize("plain option value"); !errors.Is(err, ErrNotSerialized) {
		t.Fatalf("err = %v, want ErrNotSerialized", err)
	}
	var se *SyntaxError
	if _, err := Unserialize("a:1:{}"); !errors.As(err, &se) {
		t.Fatalf("err = %v, want a *SyntaxError", err)
	}
}

func TestUnserializeDepthLimitBoundary(t *testing.T) {
	in := strings.Repeat("a:1:{i:0;", MaxSerializedDepth) + "N;" + strings.Repeat("}", MaxSerializedDepth)
	if _, err := Unserialize(in); err != nil {
		t.Fatalf("%d levels must be accepted: %v", MaxSerializedDepth, err)
	}
}

func TestUnserializeSizeLimit(t *testing.T) {
	big := `s:` + strconv.Itoa(MaxSerializedLen) + `:"` + strings.Repeat("x", MaxSerializedLen) + `";`
	if _, err := Unserialize(big); err == nil || !strings.Contains(err.Error(), "limit") {
		t.Fatalf("err = %v, want the size limit", err)
	}
}

func TestArrayGet(t *testing.T) {
	a := arr(int64(5), "five", "x", "first", "x", "second")
	if v, ok := a.Get("5"); !ok || v != "five" {
		t.Fatalf(`Get("5") = %v, %v; want "five" (integer keys match their decimal form)`, v, ok)
	}
	if v, ok := a.Get("x"); !ok || v != "second" {
		t.Fatalf(`Get("x") = %v, %v; want the later duplicate`, v, ok)
	}
	if _, ok := a.Get("missing"); ok {
		t.Fatal(`Get("missing") found something`)
	}
	var nilArr *Array
	if _, ok := nilArr.Get("x"); ok || nilArr.Len() != 0 {
		t.Fatal("a nil *Array must be empty")
	}
}

func TestIsSerialized(t *testing.T) {
	for in, want := range map[string]bool{
		"N;": true, "b:1;": true, "i:5;": true, "d:1.5E+3;": true, `s:1:"a";`: true, "a:0:{}": true, `O:1:"a":0:{}`: true,
		" a:0:{} ": true,
		"":         false, "hello": false, "5": false, "i:5": false, "a:0:{": false, "x:1;": false,
		// Plain text that merely looks a little like serialized data, as a
		// site title might.
		"i:love;": false, "a:b;": false, `s:x:"y";`: false, "d:;": false, `s:1:"a"`: false, `C:3:"Foo":0:{}`: false,
	} {
		if got := IsSerialized(in); got != want {
			t.Errorf("IsSerialized(%q) = %v, want %v", in, got, want)
		}
	}
}

// FuzzUnserialize checks that no input panics, that refusals are always
// *SyntaxError or ErrNotSerialized, and that whatever is accepted serializes
// back to something that unserializes to the same value.
func FuzzUnserialize(f *testing.F) {
	for _, seed := range []string{
		"N;", "b:1;", "i:-5;", "d:1.5E+3;", "d:NAN;", `s:3:"abc";`, "a:0:{}",
		`a:1:{s:13:"administrator";b:1;}`,
		`a:1:{i:0;a:7:{s:4:"uuid";s:36:"a72b402b-43e0-4ef4-ae45-f83e148a633f";s:6:"app_id";s:0:"";s:4:"name";s:5:"bench";s:8:"password";s:49:"$generic$y1Tc_ndYPs9mS6hvEQTZg4ho2jHmau4bK3yYoHzh";s:7:"created";i:1795877398;s:9:"last_used";N;s:7:"last_ip";N;}}`,
		`O:8:"stdClass":0:{}`, "a:2:{i:0;i:1;i:1;R:2;}", "a:99999:{", `s:5:"ab";`,
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, in string) {
		v, err := Unserialize(in)
		if err != nil {
			var se *SyntaxError
			if !errors.Is(err, ErrNotSerialized) && !errors.As(err, &se) {
				t.Fatalf("Unserialize(%q): unexpected error type %T: %v", in, err, err)
			}
			return
		}
		var b strings.Builder
		serialize(&b, v)
		again, err := Unserialize(b.String())
		if err != nil {
			t.Fatalf("re-serialized %q as %q, which fails: %v", in, b.String(), err)
		}
		var b2 strings.Builder
		serialize(&b2, again)
		if b.String() != b2.String() {
			t.Fatalf("round trip of %q changed: %q then %q", in, b.String(), b2.String())
		}
	})
}
