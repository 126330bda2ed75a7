package xmlrpc

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"
)

func TestEncodeResponseLayoutMatchesWordPress(t *testing.T) {
	var b bytes.Buffer
	if err := EncodeResponse(&b, Str("Hello!")); err != nil {
		t.Fatal(err)
	}
	want := "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<methodResponse>\n  <params>\n    <param>\n      <value>\n      <string>Hello!</string>\n      </value>\n    </param>\n  </params>\n</methodResponse>\n"
	if b.String() != want {
		t.Fatalf("got\n%q\nwant\n%q", b.String(), want)
	}
}

func TestEncodeFaultLayoutMatchesWordPress(t *testing.T) {
	var b bytes.Buffer
	if err := EncodeFault(&b, faultBadLogin); err != nil {
		t.Fatal(err)
	}
	want := "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<methodResponse>\n  <fault>\n    <value>\n      <struct>\n        <member>\n          <name>faultCode</name>\n          <value><int>403</int></value>\n        </member>\n        <member>\n          <name>faultString</name>\n          <value><string>Incorrect username or password.</string></value>\n        </member>\n      </struct>\n    </value>\n  </fault>\n</methodResponse>\n"
	if b.String() != want {
		t.Fatalf("got\n%q\nwant\n%q", b.String(), want)
	}
}

func TestEncodeEveryType(t *testing.T) {
	v := Struct(
		M("i", Int(-3)),
		M("t", Bool(true)),
		M("f", Bool(false)),
		M("s", Str(`<a href="x">Tom & 'Jerry'</a>`)),
		M("d", Double(3.5)),
		M("d1", Double(2)),
		M("dt", Time(time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC))),
		M("zero", Time(time.Time{})),
		M("b", Base64([]byte("hi"))),
		M("a", Array(Int(1), Array())),
		M("n", Value{Kind: KindNil}),
	)
	var b bytes.Buffer
	if err := EncodeResponse(&b, v); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"<member><name>i</name><value><int>-3</int></value></member>",
		"<value><boolean>1</boolean></value>",
		"<value><boolean>0</boolean></value>",
		"<string>&lt;a href=&quot;x&quot;&gt;Tom &amp; &#039;Jerry&#039;&lt;/a&gt;</string>",
		"<double>3.5</double>",
		"<double>2</double>",
		"<dateTime.iso8601>20240102T03:04:05</dateTime.iso8601>",
		"<dateTime.iso8601>00000000T00:00:00</dateTime.iso8601>",
		"<base64>aGk=</base64>",
		"<array><data>\n  <value><int>1</int></value>\n  <value><array><data>\n</data></array></value>\n</data></array>",
		"<nil/>",
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("missing %q in\n%s", want, b.String())
		}
	}
	// The output must read back as the same value.
	req, err := DecodeRequest(strings.NewReader(strings.Replace(strings.Replace(b.String(), "methodResponse", "methodCall", 2), "<params>", "<methodName>x</methodName><params>", 1)), DecodeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	got := req.Params[0]
	if s, _ := got.Get("s"); s.Str != `<a href="x">Tom & 'Jerry'</a>` {
		t.Fatalf("string did not round-trip: %q", s.Str)
	}
}

func TestEncodeKeepsDocumentWellFormed(t *testing.T) {
	var b bytes.Buffer
	if err := EncodeResponse(&b, Str("bad \x01 byte \xff end")); err != nil {
		t.Fatal(err)
	}
	body := strings.Replace(strings.Replace(b.String(), "methodResponse", "methodCall", 2), "<params>", "<methodName>x</methodName><params>", 1)
	req, err := DecodeRequest(strings.NewReader(body), DecodeOptions{})
	if err != nil {
		t.Fatalf("output does not parse: %v\n%q", err, b.String())
	}
	if got := req.Params[0].Str; got != "bad \uFFFD byte \uFFFD end" {
		t.Fatalf("got %q", got)
	}
}

type failingWriter struct{ n int }

func (w *failingWriter) Write(p []byte) (int, error) {
	if w.n <= 0 {
		return 0, errors.New("disk full")
	}
	w.n--
	return len(p), nil
}

func TestEncodeReturnsWriteErrors(t *testing.T) {
	big := Str(strings.Repeat("x", 64<<10))
	if err := EncodeResponse(&failingWriter{}, big); err == nil {
		t.Fatal("want the writer's error")
	}
	if err := EncodeFault(&failingWriter{}, faultParse); err == nil {
		t.Fatal("want the writer's error")
	}
}
