package xmlrpc

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

// FuzzDecode feeds arbitrary documents to the decoder: it must return a
// request or a parse error, never panic or hang, and whatever it accepts
// must encode to a document it accepts again.
func FuzzDecode(f *testing.F) {
	for _, seed := range []string{
		call(param("<int>1</int>") + param("<string>x</string>")),
		call(param("<struct><member><name>a</name><value><array><data><value><boolean>1</boolean></value></data></array></value></member></struct>")),
		call(param("<dateTime.iso8601>2024-03-17T10:00:00.000Z</dateTime.iso8601>") + param("<base64>aGk=</base64>") + param("<double>1.5</double>")),
		call(param("<i8>2</i8>") + param("<nil/>") + param("untyped")),
		`<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><methodCall/>`,
		"<methodCall><methodName>&amp;&#x1F600;</methodName></methodCall>",
		"",
	} {
		f.Add([]byte(seed))
	}
	lim := Limits{MaxBodyBytes: 1 << 20, MaxDepth: 16, MaxElements: 5000, MaxStringBytes: 1 << 16, MaxMulticall: 10}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, compat := range []bool{false, true} {
			req, err := DecodeRequest(bytes.NewReader(data), DecodeOptions{Limits: lim, WordPressCompat: compat})
			if err != nil {
				var pe *ParseError
				if !errors.As(err, &pe) && !errors.Is(err, ErrNotMethodCall) {
					t.Fatalf("unexpected error type %T: %v", err, err)
				}
				continue
			}
			var out bytes.Buffer
			if err := EncodeResponse(&out, Array(req.Params...)); err != nil {
				t.Fatalf("encode: %v", err)
			}
			again := strings.Replace(strings.Replace(out.String(), "methodResponse", "methodCall", 2), "<params>", "<methodName>x</methodName><params>", 1)
			if _, err := DecodeRequest(strings.NewReader(again), DecodeOptions{Limits: Limits{MaxBodyBytes: 1 << 24, MaxDepth: 64, MaxElements: 1 << 20, MaxStringBytes: 1 << 24, MaxMulticall: 10}}); err != nil {
				t.Fatalf("re-encoded request does not decode: %v\n%s", err, again)
			}
		}
	})
}
