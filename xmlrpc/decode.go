package xmlrpc

import (
	"bufio"
	"encoding/base64"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Limits bound the work one request can cause. Exceeding any of them makes
// the request a parse-error fault; nothing is allocated beyond them.
type Limits struct {
	MaxBodyBytes   int64 // request body, enforced while reading
	MaxDepth       int   // nesting of arrays and structs
	MaxElements    int   // XML elements in one document
	MaxStringBytes int   // text of one value
	MaxMulticall   int   // calls in one system.multicall
}

// DefaultLimits allow large posts (WordPress's own limit is PHP's
// post_max_size, typically 8-64 MB) while keeping a hostile document from
// exhausting memory or time.
var DefaultLimits = Limits{
	MaxBodyBytes:   32 << 20,
	MaxDepth:       32,
	MaxElements:    1_000_000,
	MaxStringBytes: 32 << 20,
	MaxMulticall:   1000,
}

// Request is a decoded methodCall.
type Request struct {
	Method string
	Params []Value
}

// ErrNotMethodCall is returned for a well-formed document whose root is not
// a methodCall.
var ErrNotMethodCall = errors.New("xmlrpc: document is not a methodCall")

// ParseError describes why a request could not be read; clients only ever
// see WordPress's fixed -32700 fault, the detail is for logs and tests.
type ParseError struct{ Msg string }

func (e *ParseError) Error() string { return "xmlrpc: parse error: " + e.Msg }

func parseErr(format string, args ...any) error {
	return &ParseError{Msg: fmt.Sprintf(format, args...)}
}

// DecodeOptions select how values are read.
type DecodeOptions struct {
	Limits Limits
	// WordPressCompat reads values as WordPress's IXR parser does: <nil/>
	// and unknown type elements make their value disappear (from the
	// params, an array or a struct), an empty untyped <value> is dropped,
	// and <string> text is trimmed. Without it nil is decoded as Nil and
	// unknown types are refused. <i8> is an int either way (WordPress drops
	// it; see the README).
	WordPressCompat bool
}

// DecodeRequest reads one methodCall from r with a streaming token reader:
// no DOM is built, and every limit is checked as tokens arrive.
func DecodeRequest(r io.Reader, opt DecodeOptions) (*Request, error) {
	if opt.Limits.MaxDepth == 0 {
		opt.Limits = DefaultLimits
	}
	// An in-memory body (the handler's) needs no buffering of its own.
	if _, ok := r.(io.ByteReader); !ok {
		r = bufio.NewReaderSize(r, 32<<10)
	}
	d := xml.NewDecoder(r)
	d.Strict = true
	d.CharsetReader = charsetReader
	p := &parser{d: d, opt: opt}
	return p.document()
}

type parser struct {
	d        *xml.Decoder
	opt      DecodeOptions
	elements int
	depth    int
}

// next returns the next token, counting elements and refusing DTDs (no
// entity can be declared, so no entity expansion attack is possible).
func (p *parser) next() (xml.Token, error) {
	tok, err := p.d.Token()
	if err != nil {
		if err == io.EOF {
			return nil, parseErr("unexpected end of document")
		}
		return nil, parseErr("%v", err)
	}
	switch t := tok.(type) {
	case xml.StartElement:
		p.elements++
		if p.elements > p.opt.Limits.MaxElements {
			return nil, parseErr("more than %d elements", p.opt.Limits.MaxElements)
		}
	case xml.Directive:
		return nil, parseErr("DOCTYPE and other directives are not allowed")
	case xml.CharData:
		return t, nil
	}
	return tok, nil
}

func (p *parser) document() (*Request, error) {
	var req *Request
	for {
		tok, err := p.d.Token()
		if err == io.EOF {
			if req == nil {
				return nil, parseErr("empty document")
			}
			return req, nil
		}
		if err != nil {
			return nil, parseErr("%v", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			p.elements++
			if req != nil {
				return nil, parseErr("content after the root element")
			}
			if t.Name.Local != "methodCall" {
				if err := p.skip(); err != nil {
					return nil, err
				}
				return nil, ErrNotMethodCall
			}
			if req, err = p.methodCall(); err != nil {
				return nil, err
			}
		case xml.Directive:
			return nil, parseErr("DOCTYPE and other directives are not allowed")
		case xml.CharData:
			if strings.TrimSpace(string(t)) != "" {
				return nil, parseErr("text outside the root element")
			}
		}
	}
}

func (p *parser) methodCall() (*Request, error) {
	req := &Request{}
	err := p.children(func(name string) (bool, error) {
		switch name {
		case "methodName":
			s, err := p.text()
			req.Method = strings.TrimSpace(s)
			return true, err
		case "params":
			return true, p.children(func(name string) (bool, error) {
				if name != "param" {
					return false, nil
				}
				return true, p.values(&req.Params)
			})
		}
		return false, nil
	})
	if err != nil {
		return nil, err
	}
	return req, nil
}

// children reads the children of the current element up to its end: each
// start element is offered to handle, which reads it and reports true, or
// reports false and the element is skipped whole.
func (p *parser) children(handle func(name string) (bool, error)) error {
	for {
		tok, err := p.next()
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			handled, err := handle(t.Name.Local)
			if err != nil {
				return err
			}
			if !handled {
				if err := p.skip(); err != nil {
					return err
				}
			}
		case xml.EndElement:
			return nil
		}
	}
}

// value reads the content of a <value> element. keep is false when the
// value vanishes under WordPress compatibility.
func (p *parser) value() (v Value, keep bool, err error) {
	var text strings.Builder
	typed := false
	for {
		tok, err := p.next()
		if err != nil {
			return Value{}, false, err
		}
		switch t := tok.(type) {
		case xml.CharData:
			if !typed {
				if text.Len()+len(t) > p.opt.Limits.MaxStringBytes {
					return Value{}, false, parseErr("value longer than %d bytes", p.opt.Limits.MaxStringBytes)
				}
				text.Write(t)
			}
		case xml.StartElement:
			if typed {
				return Value{}, false, parseErr("a value holds more than one typed element")
			}
			typed = true
			v, keep, err = p.typed(t.Name.Local)
			if err != nil {
				return Value{}, false, err
			}
		case xml.EndElement:
			if typed {
				return v, keep, nil
			}
			s := text.String()
			if p.opt.WordPressCompat && strings.TrimSpace(s) == "" {
				return Value{}, false, nil
			}
			return Str(s), true, nil
		}
	}
}

func (p *parser) typed(name string) (Value, bool, error) {
	switch name {
	case "struct":
		v, err := p.structValue()
		return v, true, err
	case "array":
		v, err := p.arrayValue()
		return v, true, err
	}
	s, err := p.text()
	if err != nil {
		return Value{}, false, err
	}
	switch name {
	case "string":
		if p.opt.WordPressCompat {
			s = strings.Trim(s, " \t\n\r\x00\x0B")
		}
		return Str(s), true, nil
	case "int", "i4", "i8":
		return Int(phpIntPrefix(strings.TrimSpace(s))), true, nil
	case "boolean":
		// PHP's (bool) of the text: only "" and "0" are false.
		b := strings.TrimSpace(s)
		return Bool(b != "" && b != "0"), true, nil
	case "double":
		f, _ := numericPrefix(strings.TrimSpace(s))
		x, _ := strconv.ParseFloat(f, 64)
		return Double(x), true, nil
	case "dateTime.iso8601":
		t, zoned, ok := parseDateTime(s)
		v := Value{Kind: KindDateTime, Str: strings.TrimSpace(s), HasZone: zoned}
		if ok {
			v.Time = t
		}
		return v, true, nil
	case "base64":
		b, err := decodeBase64(s)
		if err != nil {
			return Value{}, false, err
		}
		return Base64(b), true, nil
	case "nil":
		if p.opt.WordPressCompat {
			return Value{}, false, nil
		}
		return Value{Kind: KindNil}, true, nil
	}
	if p.opt.WordPressCompat {
		return Value{}, false, nil
	}
	return Value{}, false, parseErr("unknown value type <%s>", name)
}

func (p *parser) enter() error {
	p.depth++
	if p.depth > p.opt.Limits.MaxDepth {
		return parseErr("values nested deeper than %d", p.opt.Limits.MaxDepth)
	}
	return nil
}

func (p *parser) structValue() (Value, error) {
	if err := p.enter(); err != nil {
		return Value{}, err
	}
	defer func() { p.depth-- }()
	out := Value{Kind: KindStruct, Members: []Member{}}
	err := p.children(func(name string) (bool, error) {
		if name != "member" {
			return false, nil
		}
		return true, p.member(&out)
	})
	return out, err
}

func (p *parser) member(out *Value) error {
	var name string
	var val Value
	has := false
	err := p.children(func(el string) (bool, error) {
		switch el {
		case "name":
			s, err := p.text()
			name = strings.TrimSpace(s)
			return true, err
		case "value":
			v, keep, err := p.value()
			val, has = v, keep
			return true, err
		}
		return false, nil
	})
	if err == nil && has {
		out.set(name, val)
	}
	return err
}

func (p *parser) arrayValue() (Value, error) {
	if err := p.enter(); err != nil {
		return Value{}, err
	}
	defer func() { p.depth-- }()
	out := Array()
	err := p.children(func(name string) (bool, error) {
		if name != "data" {
			return false, nil
		}
		return true, p.values(&out.Array)
	})
	return out, err
}

// text reads character data up to the end of the current element; a child
// element there is an error.
// values reads the <value> children of a <param> or an array's <data>,
// appending the ones that stay (see value) to dst; other elements are
// skipped.
func (p *parser) values(dst *[]Value) error {
	return p.children(func(name string) (bool, error) {
		if name != "value" {
			return false, nil
		}
		v, keep, err := p.value()
		if keep {
			*dst = append(*dst, v)
		}
		return true, err
	})
}

func (p *parser) text() (string, error) {
	var b strings.Builder
	for {
		tok, err := p.next()
		if err != nil {
			return "", err
		}
		switch t := tok.(type) {
		case xml.CharData:
			if b.Len()+len(t) > p.opt.Limits.MaxStringBytes {
				return "", parseErr("value longer than %d bytes", p.opt.Limits.MaxStringBytes)
			}
			b.Write(t)
		case xml.StartElement:
			return "", parseErr("unexpected element <%s> inside a scalar", t.Name.Local)
		case xml.EndElement:
			return b.String(), nil
		}
	}
}

// skip consumes the rest of an element iteratively (no recursion, so a
// deeply nested unknown element cannot exhaust the stack).
func (p *parser) skip() error {
	depth := 1
	for depth > 0 {
		tok, err := p.next()
		if err != nil {
			return err
		}
		switch tok.(type) {
		case xml.StartElement:
			depth++
		case xml.EndElement:
			depth--
		}
	}
	return nil
}

// decodeBase64 accepts the forms clients send: wrapped lines, missing
// padding, and (like PHP's base64_decode) stray characters outside the
// alphabet, which are ignored.
func decodeBase64(s string) ([]byte, error) {
	clean := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/' {
			clean = append(clean, c)
		}
	}
	if len(clean)%4 == 1 {
		clean = clean[:len(clean)-1]
	}
	out, err := base64.RawStdEncoding.DecodeString(string(clean))
	if err != nil {
		return nil, parseErr("bad base64: %v", err)
	}
	return out, nil
}

// charsetReader lets documents declare the encodings older clients use.
func charsetReader(label string, in io.Reader) (io.Reader, error) {
	switch strings.ToLower(label) {
	case "utf-8", "utf8", "us-ascii", "ascii":
		return in, nil
	case "iso-8859-1", "latin1", "iso8859-1", "windows-1252", "cp1252":
		return &latin1Reader{r: bufio.NewReader(in)}, nil
	}
	return nil, fmt.Errorf("unsupported encoding %q", label)
}

// latin1Reader converts ISO-8859-1 bytes to UTF-8.
type latin1Reader struct {
	r   *bufio.Reader
	buf []byte
}

func (l *latin1Reader) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		if len(l.buf) > 0 {
			c := copy(p[n:], l.buf)
			l.buf = l.buf[c:]
			n += c
			continue
		}
		b, err := l.r.ReadByte()
		if err != nil {
			if n > 0 {
				return n, nil
			}
			return 0, err
		}
		if b < utf8.RuneSelf {
			p[n] = b
			n++
			continue
		}
		var tmp [4]byte
		k := utf8.EncodeRune(tmp[:], rune(b))
		l.buf = append(l.buf[:0], tmp[:k]...)
	}
	return n, nil
}
