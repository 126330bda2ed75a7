package xmlrpc

import (
	"bufio"
	"encoding/base64"
	"io"
	"strconv"
	"unicode/utf8"

	"github.com/presspass/presspass/languages"
	"github.com/presspass/presspass/models/wptext"
)

// The encoder writes responses in the exact layout of WordPress's IXR
// library (indentation included), so that byte-comparing clients and
// people diffing captures see the same document. Every write error is
// returned.

const xmlHeader = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"

// EncodeResponse writes a methodResponse carrying v.
func EncodeResponse(w io.Writer, v Value) error {
	e := newEncoder(w)
	e.str(xmlHeader + "<methodResponse>\n  <params>\n    <param>\n      <value>\n      ")
	e.value(v)
	e.str("\n      </value>\n    </param>\n  </params>\n</methodResponse>\n")
	return e.flush()
}

// EncodeFault writes a methodResponse carrying a fault.
func EncodeFault(w io.Writer, f *Fault) error {
	e := newEncoder(w)
	e.str(xmlHeader + "<methodResponse>\n  <fault>\n    <value>\n      <struct>\n        <member>\n          <name>faultCode</name>\n          <value><int>")
	e.str(strconv.Itoa(f.Code))
	e.str("</int></value>\n        </member>\n        <member>\n          <name>faultString</name>\n          <value><string>")
	e.escaped(f.in(languages.Default))
	e.str("</string></value>\n        </member>\n      </struct>\n    </value>\n  </fault>\n</methodResponse>\n")
	return e.flush()
}

type encoder struct {
	w   *bufio.Writer
	err error
}

func newEncoder(w io.Writer) *encoder { return &encoder{w: bufio.NewWriterSize(w, 16<<10)} }

func (e *encoder) str(s string) {
	if e.err == nil {
		_, e.err = e.w.WriteString(s)
	}
}

func (e *encoder) flush() error {
	if e.err != nil {
		return e.err
	}
	return e.w.Flush()
}

func (e *encoder) value(v Value) {
	switch v.Kind {
	case KindInt:
		e.str("<int>")
		e.str(strconv.FormatInt(v.Int, 10))
		e.str("</int>")
	case KindBool:
		if v.Bool {
			e.str("<boolean>1</boolean>")
		} else {
			e.str("<boolean>0</boolean>")
		}
	case KindString:
		e.str("<string>")
		e.escaped(v.Str)
		e.str("</string>")
	case KindDouble:
		// IXR_Value writes '<double>'.$this->data.'</double>': PHP's
		// string conversion, 14 significant digits.
		e.str("<double>")
		e.str(wptext.FloatString(v.Double))
		e.str("</double>")
	case KindDateTime:
		e.str("<dateTime.iso8601>")
		if v.Time.IsZero() && v.Str != "" {
			e.escaped(v.Str)
		} else {
			e.str(formatDateTime(v.Time))
		}
		e.str("</dateTime.iso8601>")
	case KindBase64:
		e.str("<base64>")
		if e.err == nil {
			enc := base64.NewEncoder(base64.StdEncoding, e.w)
			_, e.err = enc.Write([]byte(v.Str))
			if e.err == nil {
				e.err = enc.Close()
			}
		}
		e.str("</base64>")
	case KindArray:
		e.str("<array><data>\n")
		for _, item := range v.Array {
			e.str("  <value>")
			e.value(item)
			e.str("</value>\n")
		}
		e.str("</data></array>")
	case KindStruct:
		e.str("<struct>\n")
		for _, m := range v.Members {
			e.str("  <member><name>")
			e.escaped(m.Name)
			e.str("</name><value>")
			e.value(m.Value)
			e.str("</value></member>\n")
		}
		e.str("</struct>")
	default:
		e.str("<nil/>")
	}
}

// escaped writes text as PHP's htmlspecialchars does (& < > " '), and
// replaces what XML 1.0 cannot carry (invalid UTF-8, control characters)
// with U+FFFD so the document always parses.
func (e *encoder) escaped(s string) {
	last := 0
	for i := 0; i < len(s); {
		c := s[i]
		var rep string
		width := 1
		switch {
		case c == '&':
			rep = "&amp;"
		case c == '<':
			rep = "&lt;"
		case c == '>':
			rep = "&gt;"
		case c == '"':
			rep = "&quot;"
		case c == '\'':
			rep = "&#039;"
		case c < 0x20 && c != '\t' && c != '\n' && c != '\r':
			rep = "\uFFFD"
		case c >= utf8.RuneSelf:
			r, w := utf8.DecodeRuneInString(s[i:])
			width = w
			if r == utf8.RuneError && w == 1 || r == 0xFFFE || r == 0xFFFF {
				rep = "\uFFFD"
			}
		}
		if rep != "" {
			e.str(s[last:i])
			e.str(rep)
			last = i + width
		}
		i += width
	}
	e.str(s[last:])
}
