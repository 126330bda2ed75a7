package models

import (
	"context"
	"sync"
)

// RequestNote is what an adapter learns about a request that the access log
// names when the request ends: which route or XML-RPC method answered it,
// the fault code of an XML-RPC fault, and who was authenticated. It carries
// no credential. The composition root puts one in each request's context;
// the adapters fill it in.
type RequestNote struct {
	mu     sync.Mutex
	route  string
	fault  int
	userID int64
}

type requestNoteKey struct{}

// WithRequestNote returns ctx carrying a fresh, empty note.
func WithRequestNote(ctx context.Context) (context.Context, *RequestNote) {
	n := &RequestNote{}
	return context.WithValue(ctx, requestNoteKey{}, n), n
}

// NoteOf returns the request's note; nil (whose setters do nothing) outside
// a request the composition root started.
func NoteOf(ctx context.Context) *RequestNote {
	n, _ := ctx.Value(requestNoteKey{}).(*RequestNote)
	return n
}

// SetRoute records the route pattern or XML-RPC method that answered.
func (n *RequestNote) SetRoute(route string) {
	if n == nil {
		return
	}
	n.mu.Lock()
	n.route = route
	n.mu.Unlock()
}

// SetUser records the authenticated user's id.
func (n *RequestNote) SetUser(id int64) {
	if n == nil {
		return
	}
	n.mu.Lock()
	n.userID = id
	n.mu.Unlock()
}

// SetFault records an XML-RPC fault code.
func (n *RequestNote) SetFault(code int) {
	if n == nil {
		return
	}
	n.mu.Lock()
	n.fault = code
	n.mu.Unlock()
}

// Read returns what was recorded.
func (n *RequestNote) Read() (route string, userID int64, fault int) {
	if n == nil {
		return "", 0, 0
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.route, n.userID, n.fault
}
