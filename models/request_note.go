package models

import (
	"context"
	"sync"
)

// RequestNote is what an adapter learns about a request that the access log
// and the metrics name when the request ends: which route or XML-RPC method
// answered it, the fault code of an XML-RPC fault, who was authenticated,
// how the request's login ended and which locks it caused. It carries no
// credential. The composition root puts one in each request's context; the
// adapters and the store fill it in.
type RequestNote struct {
	mu     sync.Mutex
	route  string
	fault  int
	userID int64
	// login is the request's last login attempt (one request is one
	// attempt: an XML-RPC multicall stops trying after a failure).
	login    LoginOutcome
	lockouts []Lockout
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

func (n *RequestNote) setLogin(o LoginOutcome) {
	if n == nil {
		return
	}
	n.mu.Lock()
	n.login = o
	n.mu.Unlock()
}

// RefuseScope records that the adapter refused the request's verified
// application-password login because the password's scope does not allow
// it: the attempt's outcome becomes scope_refused.
func (n *RequestNote) RefuseScope() {
	if n == nil {
		return
	}
	n.mu.Lock()
	if n.login.Credential == CredentialAppPassword && n.login.Result == LoginOK {
		n.login.Result = LoginScopeRefused
	}
	n.mu.Unlock()
}

// maxNotedLockouts bounds what one request can note: an address and an
// account are all one attempt can lock.
const maxNotedLockouts = 4

func (n *RequestNote) addLockout(l Lockout) {
	if n == nil {
		return
	}
	n.mu.Lock()
	if len(n.lockouts) < maxNotedLockouts {
		n.lockouts = append(n.lockouts, l)
	}
	n.mu.Unlock()
}

// Security returns the request's login outcome (ok false when it made no
// login attempt) and the locks it caused.
func (n *RequestNote) Security() (login LoginOutcome, ok bool, lockouts []Lockout) {
	if n == nil {
		return LoginOutcome{}, false, nil
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.login, n.login.Result != "", append([]Lockout(nil), n.lockouts...)
}
