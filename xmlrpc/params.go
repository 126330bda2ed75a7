package xmlrpc

import "github.com/presspass/presspass/languages"

// Params are a method's arguments as WordPress's server hands them over.
// IXR passes a lone parameter by itself instead of in a list, so a call
// with one array parameter sees that array's items as its arguments, and a
// call with one scalar parameter sees no indexed arguments at all. Every
// method reads its arguments through these accessors, which apply PHP's
// conversions and turn impossible types into faults in one place.
type Params struct {
	items []Value
	// single is the lone non-array parameter, when that is what was sent.
	single *Value
}

// faultInvalidArgs answers an argument whose type cannot be used at all.
var faultInvalidArgs = NewFault(400, languages.Mark("Invalid arguments passed to this XML-RPC method."))

// faultFieldsNotArray answers a fields argument that is not a list.
var faultFieldsNotArray = NewFault(400, languages.Mark("The fields argument must be an array."))

func newParams(raw []Value) Params {
	if len(raw) == 1 {
		if raw[0].Kind == KindArray {
			return Params{items: raw[0].Array}
		}
		v := raw[0]
		return Params{single: &v}
	}
	return Params{items: raw}
}

// IsList reports whether the arguments are a list (PHP is_array($args)).
func (p Params) IsList() bool { return p.single == nil }

// Len is the number of arguments (0 for a lone scalar).
func (p Params) Len() int { return len(p.items) }

// Min answers WordPress's "insufficient arguments" fault unless there are
// at least n arguments.
func (p Params) Min(n int) error {
	if !p.IsList() || len(p.items) < n {
		return faultInsufficientArgs
	}
	return nil
}

// Value returns argument i; ok is false when it was not sent.
func (p Params) Value(i int) (Value, bool) {
	if i < 0 || i >= len(p.items) {
		return Value{}, false
	}
	return p.items[i], true
}

// Has reports whether argument i was sent (PHP isset).
func (p Params) Has(i int) bool { _, ok := p.Value(i); return ok }

// String returns argument i as a string ("" when absent).
func (p Params) String(i int) (string, error) {
	v, ok := p.Value(i)
	if !ok {
		return "", nil
	}
	s, ok := v.AsString()
	if !ok {
		return "", faultInvalidArgs
	}
	return s, nil
}

// Int returns argument i as an integer (0 when absent), with PHP's (int)
// conversion of strings, booleans and doubles.
func (p Params) Int(i int) (int64, error) {
	v, ok := p.Value(i)
	if !ok {
		return 0, nil
	}
	if !v.Scalar() {
		return 0, faultInvalidArgs
	}
	return v.AsInt(), nil
}

// ID returns argument i as an object id; anything that is not a positive
// integer is 0, which no object has.
func (p Params) ID(i int) (uint64, error) {
	n, err := p.Int(i)
	if err != nil || n < 0 {
		return 0, err
	}
	return uint64(n), nil
}

// Bool returns argument i as PHP truthiness (false when absent).
func (p Params) Bool(i int) bool {
	v, ok := p.Value(i)
	return ok && v.Truthy()
}

// Struct returns argument i as a struct. As in PHP, where structs and
// arrays are the same thing, an absent argument, an array or a scalar all
// read as a struct without the members a method looks for.
func (p Params) Struct(i int) Value {
	v, ok := p.Value(i)
	if !ok || v.Kind != KindStruct {
		return Struct()
	}
	return v
}

// Fields returns argument i as a list of field names, or def when absent.
func (p Params) Fields(i int, def ...string) ([]string, error) {
	v, ok := p.Value(i)
	if !ok {
		return def, nil
	}
	switch v.Kind {
	case KindArray:
		out := make([]string, 0, len(v.Array))
		for _, item := range v.Array {
			if s, ok := item.AsString(); ok {
				out = append(out, s)
			}
		}
		return out, nil
	case KindStruct:
		out := make([]string, 0, len(v.Members))
		for _, m := range v.Members {
			if s, ok := m.Value.AsString(); ok {
				out = append(out, s)
			}
		}
		return out, nil
	}
	return nil, faultFieldsNotArray
}

// memberString reads a struct member as a string; ok is false when the
// member is absent or not a scalar.
func memberString(s Value, name string) (string, bool) {
	v, ok := s.Get(name)
	if !ok {
		return "", false
	}
	return v.AsString()
}

// memberInt reads a struct member with PHP's (int).
func memberInt(s Value, name string) (int64, bool) {
	v, ok := s.Get(name)
	if !ok {
		return 0, false
	}
	return v.AsInt(), true
}
