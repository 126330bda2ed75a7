package wpimport

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// PHP's serialize() format, as WordPress stores user meta and options.
//
// Unserialize reads the subset that plain WordPress data uses — arrays,
// byte-counted strings, integers, booleans, null and floats — and refuses
// everything that would build objects or references (O:, C:, E:, r:, R:).
// It is bounded: nesting depth and input size are capped, and an array's
// claimed element count can never make it allocate more than the input could
// hold, so hostile rows in a WordPress database cannot exhaust memory or the
// stack.

// Limits on what Unserialize accepts.
const (
	// MaxSerializedLen is the largest serialized value accepted (WordPress's
	// meta_value is a LONGTEXT, but nothing PressPass reads comes close).
	MaxSerializedLen = 16 << 20
	// MaxSerializedDepth is the deepest array nesting accepted.
	MaxSerializedDepth = 64
)

// Array is an unserialized PHP array: its entries in their serialized order.
// A key is an int64 or a string.
type Array struct {
	Entries []Entry
}

// Entry is one key/value pair of an Array. Value is nil, bool, int64,
// float64, string or *Array.
type Entry struct {
	Key   any
	Value any
}

// Get returns the value stored under key, matching an integer key by its
// decimal form as PHP does ("5" and 5 are the same array key). When a key
// occurs twice the later value wins, as in PHP.
func (a *Array) Get(key string) (any, bool) {
	if a == nil {
		return nil, false
	}
	var (
		found any
		ok    bool
	)
	for _, e := range a.Entries {
		if keyString(e.Key) == key {
			found, ok = e.Value, true
		}
	}
	return found, ok
}

// Len is the number of entries.
func (a *Array) Len() int {
	if a == nil {
		return 0
	}
	return len(a.Entries)
}

func keyString(k any) string {
	switch v := k.(type) {
	case int64:
		return strconv.FormatInt(v, 10)
	case string:
		return v
	}
	return ""
}

// SyntaxError describes why a serialized value was refused and where.
type SyntaxError struct {
	Offset int
	Msg    string
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("php unserialize: %s at offset %d", e.Msg, e.Offset)
}

// ErrNotSerialized is returned by Unserialize for a value that is not in
// PHP's serialized form at all (WordPress stores such values as plain text).
var ErrNotSerialized = errors.New("php unserialize: value is not serialized")

// IsSerialized reports whether s is serialized data by the rules of
// WordPress's is_serialized() (strict mode), which decides whether a stored
// value is unserialized or used as plain text: an option such as a site
// title is plain text unless it passes this test.
func IsSerialized(s string) bool {
	s = strings.TrimSpace(s)
	if s == "N;" {
		return true
	}
	if len(s) < 4 || s[1] != ':' {
		return false
	}
	last := s[len(s)-1]
	if last != ';' && last != '}' {
		return false
	}
	switch s[0] {
	case 's':
		if s[len(s)-2] != '"' {
			return false
		}
		return hasCountPrefix(s)
	case 'a', 'O', 'E':
		return hasCountPrefix(s)
	case 'b', 'i', 'd':
		body := s[2 : len(s)-1]
		return last == ';' && body != "" && strings.Trim(body, "0123456789.E+-") == ""
	}
	return false
}

// hasCountPrefix matches is_serialized's /^T:[0-9]+:/.
func hasCountPrefix(s string) bool {
	i := 2
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return i > 2 && i < len(s) && s[i] == ':'
}

// Unserialize parses one serialized PHP value. Surrounding whitespace is
// ignored, as WordPress trims before unserializing; anything else after the
// value is an error. The result is nil, bool, int64, float64, string or
// *Array.
func Unserialize(data string) (any, error) {
	data = strings.TrimSpace(data)
	if len(data) > MaxSerializedLen {
		return nil, &SyntaxError{0, fmt.Sprintf("value of %d bytes exceeds the %d-byte limit", len(data), MaxSerializedLen)}
	}
	// Anything not shaped like "T:…" (or "N;") is plain text, not a
	// damaged serialization.
	if data != "N;" && (len(data) < 2 || data[1] != ':') {
		return nil, ErrNotSerialized
	}
	p := parser{s: data}
	v, err := p.value(0)
	if err != nil {
		return nil, err
	}
	if p.pos != len(p.s) {
		return nil, p.fail("unexpected data after the value")
	}
	return v, nil
}

type parser struct {
	s   string
	pos int
}

func (p *parser) fail(msg string) error { return &SyntaxError{p.pos, msg} }

// expect consumes the literal lit or fails.
func (p *parser) expect(lit string) error {
	if !strings.HasPrefix(p.s[p.pos:], lit) {
		return p.fail(fmt.Sprintf("expected %q", lit))
	}
	p.pos += len(lit)
	return nil
}

// until returns the text up to (not including) the next stop byte and moves
// past the stop byte.
func (p *parser) until(stop byte) (string, error) {
	i := strings.IndexByte(p.s[p.pos:], stop)
	if i < 0 {
		return "", p.fail(fmt.Sprintf("missing %q", stop))
	}
	tok := p.s[p.pos : p.pos+i]
	p.pos += i + 1
	return tok, nil
}

func (p *parser) value(depth int) (any, error) {
	if p.pos+1 >= len(p.s) {
		return nil, p.fail("unexpected end of data")
	}
	tag := p.s[p.pos]
	if tag == 'N' {
		if err := p.expect("N;"); err != nil {
			return nil, err
		}
		return nil, nil
	}
	if p.s[p.pos+1] != ':' {
		return nil, p.fail(fmt.Sprintf("expected ':' after type %q", tag))
	}
	switch tag {
	case 'b':
		p.pos += 2
		tok, err := p.until(';')
		if err != nil {
			return nil, err
		}
		switch tok {
		case "0":
			return false, nil
		case "1":
			return true, nil
		}
		return nil, p.fail("boolean must be 0 or 1")
	case 'i':
		p.pos += 2
		tok, err := p.until(';')
		if err != nil {
			return nil, err
		}
		n, err := parseInt(tok)
		if err != nil {
			return nil, p.fail(err.Error())
		}
		return n, nil
	case 'd':
		p.pos += 2
		tok, err := p.until(';')
		if err != nil {
			return nil, err
		}
		f, err := parseFloat(tok)
		if err != nil {
			return nil, p.fail(err.Error())
		}
		return f, nil
	case 's':
		return p.str()
	case 'a':
		return p.array(depth)
	case 'O', 'C', 'E':
		return nil, p.fail("objects are refused")
	case 'r', 'R':
		return nil, p.fail("references are refused")
	case 'S':
		return nil, p.fail("escaped strings (S:) are not supported")
	}
	return nil, p.fail(fmt.Sprintf("unknown type %q", tag))
}

// str reads s:LEN:"BYTES"; where LEN counts bytes, not characters.
func (p *parser) str() (string, error) {
	// Array keys come here directly, so the "s:" is checked here and not
	// only by value.
	if err := p.expect("s:"); err != nil {
		return "", err
	}
	tok, err := p.until(':')
	if err != nil {
		return "", err
	}
	n, err := parseLength(tok)
	if err != nil {
		return "", p.fail("string length: " + err.Error())
	}
	if err := p.expect(`"`); err != nil {
		return "", err
	}
	if n > len(p.s)-p.pos {
		return "", p.fail(fmt.Sprintf("string length %d runs past the end of the data", n))
	}
	v := p.s[p.pos : p.pos+n]
	p.pos += n
	if err := p.expect(`";`); err != nil {
		return "", err
	}
	return v, nil
}

// array reads a:COUNT:{KEY VALUE ...}.
func (p *parser) array(depth int) (*Array, error) {
	if depth >= MaxSerializedDepth {
		return nil, p.fail(fmt.Sprintf("arrays nested deeper than %d", MaxSerializedDepth))
	}
	p.pos += 2
	tok, err := p.until(':')
	if err != nil {
		return nil, err
	}
	n, err := parseLength(tok)
	if err != nil {
		return nil, p.fail("array length: " + err.Error())
	}
	if err := p.expect("{"); err != nil {
		return nil, err
	}
	// The smallest entry ("i:0;N;") takes 6 bytes: a count the rest of the
	// input cannot hold is a lie, refused before anything is allocated.
	if n > (len(p.s)-p.pos)/6 {
		return nil, p.fail(fmt.Sprintf("array length %d exceeds what the data can hold", n))
	}
	a := &Array{Entries: make([]Entry, 0, n)}
	for i := 0; i < n; i++ {
		if p.pos >= len(p.s) {
			return nil, p.fail("unexpected end of data")
		}
		var key any
		switch p.s[p.pos] {
		case 'i':
			key, err = p.value(depth + 1)
		case 's':
			key, err = p.str()
		default:
			return nil, p.fail("array key must be an integer or a string")
		}
		if err != nil {
			return nil, err
		}
		v, err := p.value(depth + 1)
		if err != nil {
			return nil, err
		}
		a.Entries = append(a.Entries, Entry{Key: key, Value: v})
	}
	if err := p.expect("}"); err != nil {
		return nil, err
	}
	return a, nil
}

// parseLength reads a non-negative decimal count.
func parseLength(tok string) (int, error) {
	if tok == "" || len(tok) > 10 {
		return 0, errors.New("not a valid length")
	}
	n := 0
	for i := 0; i < len(tok); i++ {
		c := tok[i]
		if c < '0' || c > '9' {
			return 0, errors.New("not a valid length")
		}
		n = n*10 + int(c-'0')
	}
	if n > MaxSerializedLen {
		return 0, errors.New("length exceeds the limit")
	}
	return n, nil
}

// parseInt reads PHP's integer syntax: an optional sign and decimal digits.
func parseInt(tok string) (int64, error) {
	digits := strings.TrimLeft(tok, "+-")
	if digits == "" || len(tok)-len(digits) > 1 || !allDigits(digits) {
		return 0, fmt.Errorf("%q is not an integer", tok)
	}
	if tok[0] == '+' {
		tok = tok[1:]
	}
	n, err := strconv.ParseInt(tok, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("integer %q out of range", tok)
	}
	return n, nil
}

// parseFloat reads PHP's float syntax: NAN, INF, -INF, or decimal digits with
// an optional point and exponent. Go's own extras (hex floats, "Infinity",
// underscores) are refused by checking the grammar first.
func parseFloat(tok string) (float64, error) {
	switch tok {
	case "NAN":
		return math.NaN(), nil
	case "INF":
		return math.Inf(1), nil
	case "-INF":
		return math.Inf(-1), nil
	}
	if !isPHPFloat(tok) {
		return 0, fmt.Errorf("%q is not a float", tok)
	}
	f, err := strconv.ParseFloat(tok, 64)
	if err != nil {
		var ne *strconv.NumError
		if errors.As(err, &ne) && ne.Err == strconv.ErrRange {
			// PHP turns an out-of-range literal into ±INF or 0, as does
			// ParseFloat's returned value.
			return f, nil
		}
		return 0, fmt.Errorf("%q is not a float", tok)
	}
	return f, nil
}

func isPHPFloat(tok string) bool {
	s := tok
	if s != "" && (s[0] == '+' || s[0] == '-') {
		s = s[1:]
	}
	mant, exp, hasExp := strings.Cut(s, "e")
	if !hasExp {
		mant, exp, hasExp = strings.Cut(s, "E")
	}
	intPart, frac, hasPoint := strings.Cut(mant, ".")
	if !allDigits(intPart) || !allDigits(frac) || intPart == "" && frac == "" {
		return false
	}
	if !hasPoint && intPart == "" {
		return false
	}
	if hasExp {
		if exp != "" && (exp[0] == '+' || exp[0] == '-') {
			exp = exp[1:]
		}
		if exp == "" || !allDigits(exp) {
			return false
		}
	}
	return true
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
