package models

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
)

// Field is one member of an object whose member order matters.
type Field struct {
	Key   string
	Value any
}

// Fields is a JSON object that keeps its members' order, as PHP's arrays
// do: WordPress's own data (labels, supports, capabilities, theme.json)
// in WordPress's order, and JSON documents a client stored (a global
// styles post's theme.json, an oEmbed provider's answer), which WordPress
// gives back in the order they were saved. Values are nil, bool, a number
// (float64 for PressPass's embedded data, json.Number for a stored
// document), string, []any or Fields.
type Fields []Field

// Get returns the value of key.
func (f Fields) Get(key string) (any, bool) {
	for _, m := range f {
		if m.Key == key {
			return m.Value, true
		}
	}
	return nil, false
}

// String returns the string value of key, or "".
func (f Fields) String(key string) string {
	v, _ := f.Get(key)
	s, _ := v.(string)
	return s
}

// UnmarshalJSON reads a JSON object keeping its member order.
func (f *Fields) UnmarshalJSON(data []byte) error {
	v, err := orderedJSON(json.NewDecoder(bytes.NewReader(data)))
	if err != nil {
		return err
	}
	out, ok := v.(Fields)
	if !ok {
		return fmt.Errorf("models: not a JSON object: %s", data)
	}
	*f = out
	return nil
}

// DecodeJSONDocument decodes a stored JSON document as json_decode does
// in PHP: objects keep their members in order (a repeated key keeps its
// first place and its last value), and numbers keep the digits they were
// written with (json.Number), so that the document is given back as it
// was saved.
func DecodeJSONDocument(data []byte) (any, error) {
	d := json.NewDecoder(bytes.NewReader(data))
	d.UseNumber()
	v, err := orderedJSON(d)
	if err != nil {
		return nil, err
	}
	if _, err := d.Token(); err != io.EOF {
		return nil, fmt.Errorf("models: data after the JSON document")
	}
	return v, nil
}

// DecodeJSONObject is DecodeJSONDocument for a document that must be an
// object (a theme.json, an oEmbed answer, a JSON request body): an error
// when it is any other JSON value.
func DecodeJSONObject(data []byte) (Fields, error) {
	doc, err := DecodeJSONDocument(data)
	if err != nil {
		return nil, err
	}
	obj, ok := doc.(Fields)
	if !ok {
		return nil, fmt.Errorf("models: the JSON document is no object")
	}
	return obj, nil
}

// orderedJSON decodes the next JSON value, objects as Fields.
func orderedJSON(d *json.Decoder) (any, error) {
	tok, err := d.Token()
	if err != nil {
		return nil, err
	}
	delim, ok := tok.(json.Delim)
	if !ok {
		return tok, nil
	}
	if delim == '[' {
		list := []any{}
		for d.More() {
			v, err := orderedJSON(d)
			if err != nil {
				return nil, err
			}
			list = append(list, v)
		}
		_, err := d.Token()
		return list, err
	}
	obj := Fields{}
	// seen finds a repeated key once the object is too long to search.
	var seen map[string]int
	for d.More() {
		key, err := d.Token()
		if err != nil {
			return nil, err
		}
		v, err := orderedJSON(d)
		if err != nil {
			return nil, err
		}
		k := fmt.Sprint(key)
		if len(obj) == 16 {
			seen = make(map[string]int, 32)
			for i := range obj {
				seen[obj[i].Key] = i
			}
		}
		i, repeated := -1, false
		if seen != nil {
			i, repeated = seen[k]
		} else {
			i = obj.index(k)
			repeated = i >= 0
		}
		if repeated {
			obj[i].Value = v
			continue
		}
		if seen != nil {
			seen[k] = len(obj)
		}
		obj = append(obj, Field{Key: k, Value: v})
	}
	_, err = d.Token()
	return obj, err
}

func (f Fields) index(key string) int {
	for i := range f {
		if f[i].Key == key {
			return i
		}
	}
	return -1
}
