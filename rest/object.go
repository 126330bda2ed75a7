package rest

import "iter"

// Object is a JSON object that keeps its members in order, as PHP's arrays
// do: WordPress answers with its members in the order of its schema (id
// first, _links last, _embedded after it), and clients that read JSON as a
// stream or show it as it comes see that order. encoding/json's maps would
// sort the keys instead.
//
// An object made by NewObject has its order fixed beforehand (one list per
// resource, where WordPress's prepare_item_for_response sets its fields):
// setting a listed member fills its place whatever the order of the calls;
// other members come after, in the order set. Obj builds a small object
// from pairs in order.
type Object struct {
	members []member
	n       int // how many members are set
}

type member struct {
	key   string
	value any
	set   bool
}

// NewObject returns an empty object whose members come in order when set.
func NewObject(order []string) *Object {
	o := &Object{members: make([]member, len(order), len(order)+2)}
	for i, k := range order {
		o.members[i].key = k
	}
	return o
}

// Obj returns the object of the key, value pairs kv, in order. A key must
// be a string.
func Obj(kv ...any) *Object {
	o := &Object{members: make([]member, 0, len(kv)/2)}
	for i := 0; i+1 < len(kv); i += 2 {
		o.Set(kv[i].(string), kv[i+1])
	}
	return o
}

func (o *Object) find(k string) int {
	for i := range o.members {
		if o.members[i].key == k {
			return i
		}
	}
	return -1
}

// Set sets member k to v, in its place when it has one.
func (o *Object) Set(k string, v any) {
	if i := o.find(k); i >= 0 {
		if !o.members[i].set {
			o.n++
		}
		o.members[i].value, o.members[i].set = v, true
		return
	}
	o.members = append(o.members, member{key: k, value: v, set: true})
	o.n++
}

// Get returns member k and whether it is set.
func (o *Object) Get(k string) (any, bool) {
	if o == nil {
		return nil, false
	}
	if i := o.find(k); i >= 0 && o.members[i].set {
		return o.members[i].value, true
	}
	return nil, false
}

// Value returns member k, nil when it is not set.
func (o *Object) Value(k string) any {
	v, _ := o.Get(k)
	return v
}

// Object returns member k when it is an object, else nil.
func (o *Object) Object(k string) *Object {
	v, _ := o.Get(k)
	sub, _ := v.(*Object)
	return sub
}

// Has reports whether member k is set.
func (o *Object) Has(k string) bool {
	_, ok := o.Get(k)
	return ok
}

// Delete removes member k, as PHP's unset: set again, it comes last.
func (o *Object) Delete(k string) {
	if i := o.find(k); i >= 0 {
		if o.members[i].set {
			o.n--
		}
		o.members = append(o.members[:i], o.members[i+1:]...)
	}
}

// Len is the number of members set.
func (o *Object) Len() int {
	if o == nil {
		return 0
	}
	return o.n
}

// All yields the members that are set, in order.
func (o *Object) All() iter.Seq2[string, any] {
	return func(yield func(string, any) bool) {
		if o == nil {
			return
		}
		for _, m := range o.members {
			if m.set && !yield(m.key, m.value) {
				return
			}
		}
	}
}

// Keys lists the members that are set, in order.
func (o *Object) Keys() []string {
	out := make([]string, 0, o.Len())
	for k := range o.All() {
		out = append(out, k)
	}
	return out
}

// MarshalJSON writes the members in order.
func (o *Object) MarshalJSON() ([]byte, error) {
	return appendJSON(nil, o)
}
