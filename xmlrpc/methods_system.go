package xmlrpc

import (
	"math"
	"strconv"
	"strings"
)

func systemListMethods(c *Call, _ Params) (Value, error) {
	return StrArray(c.srv.methods.listMethods()), nil
}

func systemGetCapabilities(*Call, Params) (Value, error) {
	spec := func(url string, version int64) Value {
		return Struct(M("specUrl", Str(url)), M("specVersion", Int(version)))
	}
	return Struct(
		M("xmlrpc", spec("https://xmlrpc.com/spec.md", 1)),
		M("faults_interop", spec("https://web.archive.org/web/20240416231938/https://xmlrpc-epi.sourceforge.net/specs/rfc.fault_codes.php", 20010516)),
		M("system.multicall", spec("https://web.archive.org/web/20060624230303/http://www.xmlrpc.com/discuss/msgReader$1208?mode=topic", 1)),
	), nil
}

// systemMulticall runs each call in turn; a call's result is wrapped in a
// one-element array, a failure becomes a {faultCode, faultString} struct,
// and the calls share this request's login state.
func systemMulticall(c *Call, p Params) (Value, error) {
	var calls []Value
	if p.IsList() {
		calls = p.items
	}
	if max := c.srv.cfg.Limits.MaxMulticall; len(calls) > max {
		return Value{}, ixrFault(-32600, "server error. more than "+strconv.Itoa(max)+" calls in one system.multicall")
	}
	out := make([]Value, 0, len(calls))
	for _, call := range calls {
		name, _ := memberString(call, "methodName")
		var args []Value
		if pv, ok := call.Get("params"); ok {
			if pv.Kind == KindArray {
				args = pv.Array
			} else {
				args = []Value{pv}
			}
		}
		var result Value
		var err error
		if name == "system.multicall" {
			err = faultRecursive
		} else {
			result, err = c.srv.dispatch(c, name, args)
		}
		if err != nil {
			f := asFault(err)
			if f.Fatal {
				return Value{}, f
			}
			out = append(out, Struct(M("faultCode", Int(int64(f.Code))), M("faultString", Str(f.in(c.locale())))))
			continue
		}
		out = append(out, Array(result))
	}
	return Array(out...), nil
}

func demoSayHello(*Call, Params) (Value, error) { return Str("Hello!"), nil }

// demoAddTwoNumbers adds its first two arguments with PHP's + semantics:
// numbers and numeric strings add (int + int stays int) and a missing
// argument is null (0). Where WordPress 6.9 crashes with a PHP TypeError
// (non-numeric strings, arrays) the answer is WordPress 7's 400 fault.
func demoAddTwoNumbers(_ *Call, p Params) (Value, error) {
	a, _ := p.Value(0)
	b, _ := p.Value(1)
	if !p.IsList() {
		a, b = Value{}, Value{}
	}
	x, okA := phpNumber(a)
	y, okB := phpNumber(b)
	if !okA || !okB {
		return Value{}, faultAddArgs
	}
	if x.Kind == KindInt && y.Kind == KindInt {
		sum := x.Int + y.Int
		// PHP promotes an overflowing integer sum to a float.
		if (x.Int > 0 && y.Int > 0 && sum < 0) || (x.Int < 0 && y.Int < 0 && sum >= 0) {
			return Double(float64(x.Int) + float64(y.Int)), nil
		}
		return Int(sum), nil
	}
	return Double(toFloat(x) + toFloat(y)), nil
}

// phpNumber converts an operand of + as PHP 8 does; ok is false where PHP
// throws a TypeError (non-numeric strings, arrays).
func phpNumber(v Value) (Value, bool) {
	switch v.Kind {
	case KindNil:
		return Int(0), true
	case KindInt:
		return v, true
	case KindDouble:
		return v, true
	case KindBool:
		if v.Bool {
			return Int(1), true
		}
		return Int(0), true
	case KindString, KindBase64:
		s := strings.TrimLeft(v.Str, " \t\n\r\v\f")
		num, ok := numericPrefix(s)
		if !ok {
			return Value{}, false
		}
		if strings.ContainsAny(num, ".eE") {
			f, err := strconv.ParseFloat(num, 64)
			if err != nil {
				return Value{}, false
			}
			return Double(f), true
		}
		n, err := strconv.ParseInt(num, 10, 64)
		if err != nil {
			f, _ := strconv.ParseFloat(num, 64)
			return Double(f), true
		}
		return Int(n), true
	}
	return Value{}, false
}

func toFloat(v Value) float64 {
	if v.Kind == KindInt {
		return float64(v.Int)
	}
	if math.IsNaN(v.Double) {
		return 0
	}
	return v.Double
}

func mtSupportedMethods(c *Call, _ Params) (Value, error) {
	return StrArray(c.srv.methods.order), nil
}

func mtSupportedTextFilters(*Call, Params) (Value, error) { return Array(), nil }
