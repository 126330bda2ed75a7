package xmlrpc

import "io"

// ServerCodec separates the wire format from dispatch, as net/rpc's
// ServerCodec does: the dispatcher only sees a Request and produces a Value
// or a Fault.
type ServerCodec interface {
	ReadRequest(r io.Reader) (*Request, error)
	WriteResponse(w io.Writer, v Value) error
	WriteFault(w io.Writer, f *Fault) error
}

// xmlCodec is the XML-RPC codec with WordPress-compatible value reading.
type xmlCodec struct{ opt DecodeOptions }

// NewXMLCodec returns the codec the server uses: the XML-RPC wire format,
// values read as WordPress reads them, within the given limits.
func NewXMLCodec(limits Limits) ServerCodec {
	return xmlCodec{opt: DecodeOptions{Limits: limits, WordPressCompat: true}}
}

func (c xmlCodec) ReadRequest(r io.Reader) (*Request, error) { return DecodeRequest(r, c.opt) }

func (c xmlCodec) WriteResponse(w io.Writer, v Value) error { return EncodeResponse(w, v) }

func (c xmlCodec) WriteFault(w io.Writer, f *Fault) error { return EncodeFault(w, f) }
