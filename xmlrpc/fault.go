package xmlrpc

import (
	"errors"
	"fmt"

	"github.com/presspass/presspass/models"
)

// Fault is an XML-RPC fault with WordPress's code and text.
type Fault struct {
	Code    int
	Message string
	// HTTPStatus, when set, is sent instead of 200 (WordPress answers a PHP
	// fatal error with HTTP 500 and a fault body).
	HTTPStatus int
	// Fatal faults end the whole request, even inside system.multicall, as
	// a PHP fatal error would.
	Fatal bool
}

func (f *Fault) Error() string { return fmt.Sprintf("xmlrpc fault %d: %s", f.Code, f.Message) }

// NewFault returns a fault.
func NewFault(code int, message string) *Fault { return &Fault{Code: code, Message: message} }

// The protocol faults, with WordPress's (IXR's) texts.
var (
	faultParse            = NewFault(-32700, "parse error. not well formed")
	faultNotMethodCall    = NewFault(-32600, "server error. invalid xml-rpc. not conforming to spec. Request must be a methodCall")
	faultRecursive        = NewFault(-32600, "Recursive calls to system.multicall are forbidden")
	faultInsufficientArgs = NewFault(400, "Insufficient arguments passed to this XML-RPC method.")
	faultBadLogin         = NewFault(403, "Incorrect username or password.")
	faultDisabled         = NewFault(405, "XML-RPC services are disabled on this site.")
	faultNoSuchPost       = NewFault(404, "Invalid post ID.")
	faultNoSuchPage       = NewFault(404, "Sorry, no such page.")
	// faultSorryNoSuchPost is the older APIs' (Blogger, MT) text for a
	// missing post, where the wp.* methods say "Invalid post ID.".
	faultSorryNoSuchPost = NewFault(404, "Sorry, no such post.")
	faultCannotEditPost  = NewFault(401, "Sorry, you are not allowed to edit this post.")
	faultInvalidPostType = NewFault(403, "Invalid post type.")
	faultAddArgs         = NewFault(400, "Invalid arguments passed to this XML-RPC method. Requires two integers.")
	faultSiteDetails     = NewFault(403, "Sorry, you are not allowed to access details about this site.")
	// faultReadOnlyScope refuses a changing method to a read-only
	// application password (a PressPass extension).
	faultReadOnlyScope = NewFault(401, "This application password is read-only: it cannot be used to change anything.")
	// faultFatal is what WordPress's fatal-error handler answers when PHP
	// throws (for example a TypeError on bad argument types).
	faultFatal = &Fault{Code: 500, Message: `<p>There has been a critical error on this website.</p><p><a href="https://wordpress.org/documentation/article/faq-troubleshooting/">Learn more about troubleshooting WordPress.</a></p>`, HTTPStatus: 500, Fatal: true}
)

func faultNoMethod(name string) *Fault {
	return NewFault(-32601, "server error. requested method "+name+" does not exist.")
}

// reasonFault is how XML-RPC words one of the store's reasons: the fault
// code (0: the kind's, from kindFaultCodes) and string. A string with verbs
// is a format string filled by args from the error's details.
type reasonFault struct {
	code    int
	message string
	args    func(models.Details) []any
}

// reasonFaults is the one table from the store's reasons to XML-RPC's
// faults.
var reasonFaults = map[models.Reason]reasonFault{
	models.ReasonInternal:            {500, "An internal error occurred.", nil},
	models.ReasonDatabaseUnavailable: {503, "The database is unavailable. Please try again shortly.", nil},
}

// kindFaultCodes maps domain error kinds to XML-RPC fault codes where the
// reason has no code of its own.
var kindFaultCodes = map[models.Kind]int{
	models.KindUnauthenticated: 403,
	models.KindForbidden:       401,
	models.KindNotFound:        404,
	models.KindInvalid:         400,
	models.KindConflict:        409,
	models.KindGone:            404,
	models.KindUnavailable:     503,
	models.KindTooManyRequests: 429,
	models.KindInternal:        500,
}

// storeFault words a store error from the tables.
func storeFault(me *models.Error) *Fault {
	code, message := 0, me.Message
	if me.Reason != "" {
		rf, ok := reasonFaults[me.Reason]
		if !ok {
			rf = reasonFaults[models.ReasonInternal]
		}
		code, message = rf.code, rf.message
		if rf.args != nil {
			message = fmt.Sprintf(rf.message, rf.args(me.Details)...)
		}
	}
	if code == 0 {
		var ok bool
		if code, ok = kindFaultCodes[me.Kind]; !ok {
			code = 500
		}
	}
	return NewFault(code, message)
}

// faultCoded words a store error from the table with the fault code a
// method answers it with, as WordPress's methods wrap a WP_Error's message
// in an IXR_Error of their own code.
func faultCoded(code int, err error) *Fault {
	return NewFault(code, storeFault(models.AsError(err)).Message)
}

// asFault turns any error a method returns into the fault to send. Domain
// errors are worded from the table; internal errors never show their cause.
func asFault(err error) *Fault {
	var f *Fault
	if errors.As(err, &f) {
		return f
	}
	me := models.AsError(err)
	f = storeFault(me)
	if me.Kind == models.KindUnavailable {
		// The database is away: tell load balancers too, so they retry
		// elsewhere.
		f.HTTPStatus = 503
	}
	return f
}
