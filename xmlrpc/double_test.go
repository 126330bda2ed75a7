package xmlrpc_test

import (
	"io"
	"math"
	"net/http"
	"strings"
	"testing"

	"github.com/presspass/presspass/xmlrpc"
)

// WordPress writes a double as IXR_Value::getXml does,
// '<double>'.$this->data.'</double>': PHP 8's string conversion of a float,
// which uses precision=14 (14 significant digits, PHP's E notation), not
// serialize_precision=-1's shortest round trip (var_export, json_encode).
// The same conversion is (string) of a double parameter. Expected strings
// from zend_gcvt(value, 14, '.', 'E'): see wptext.TestFloatString for the
// rules.
func TestDoublesPrintAsPHPConvertsThem(t *testing.T) {
	cases := []struct {
		in   float64
		want string
	}{
		{0.1, "0.1"},
		{1.0 / 3, "0.33333333333333"}, // shortest would be 0.3333333333333333
		{1e20, "1.0E+20"},             // shortest in 'f' form: 100000000000000000000
		{1e21, "1.0E+21"},
		{123456789012345678, "1.2345678901235E+17"},
		{math.Copysign(0, -1), "-0"},
		{1.5e-7, "1.5E-7"}, // 'f' form: 0.00000015
		{3.5, "3.5"},
		{2, "2"},
		{math.Inf(-1), "-INF"},
	}
	for _, c := range cases {
		var b strings.Builder
		if err := xmlrpc.EncodeResponse(&b, xmlrpc.Double(c.in)); err != nil {
			t.Fatal(err)
		}
		if want := "<double>" + c.want + "</double>"; !strings.Contains(b.String(), want) {
			t.Errorf("%v: %s, want %s", c.in, b.String(), want)
		}
		if s, _ := xmlrpc.Double(c.in).AsString(); s != c.want {
			t.Errorf("(string) %v: %s, want %s", c.in, s, c.want)
		}
	}

	// demo.addTwoNumbers answers PHP's sum as IXR writes it: 0.1 + 0.2 is
	// 0.30000000000000004, printed 0.3.
	ts := newSite(t, true)
	for _, c := range []struct{ a, b, want string }{
		{"0.1", "0.2", "<double>0.3</double>"},
		{"1e20", "1e20", "<double>2.0E+20</double>"},
		{"1", "0.000001", "<double>1.000001</double>"},
		{"0", "0.00001", "<double>1.0E-5</double>"},
	} {
		body := `<?xml version="1.0"?><methodCall><methodName>demo.addTwoNumbers</methodName><params>` +
			`<param><value><double>` + c.a + `</double></value></param><param><value><double>` + c.b + `</double></value></param></params></methodCall>`
		resp, err := http.Post(ts.url+"/xmlrpc.php", "text/xml", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		got, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if !strings.Contains(string(got), c.want) {
			t.Errorf("%s + %s:\n%s\nwant %s", c.a, c.b, got, c.want)
		}
	}
}
