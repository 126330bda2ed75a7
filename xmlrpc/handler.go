// Package xmlrpc is the /xmlrpc.php adapter: WordPress's XML-RPC API over
// models, as a plain http.Handler.
package xmlrpc

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/presspass/presspass/languages"
	"github.com/presspass/presspass/models"
	"github.com/presspass/presspass/models/epoch"
)

// Config is what the XML-RPC adapter needs from the composition root.
type Config struct {
	// SiteURL is the public base URL without a trailing slash.
	SiteURL string
	// Client tells who is calling (address, HTTPS) for a request.
	Client func(*http.Request) models.ClientInfo
	// Enabled is false when --xmlrpc=off switches the authenticated methods
	// off (WordPress's xmlrpc_enabled filter).
	Enabled bool
	Logger  *slog.Logger
	// Limits bound request size and shape; zero means DefaultLimits.
	Limits Limits
}

// Server dispatches decoded calls to the registered methods.
type Server struct {
	store   *models.Store
	cfg     Config
	codec   ServerCodec
	methods *registry
	// answers caches read-only answers under the store's epochs.
	answers *answerCache
}

// NewServer returns the dispatcher with every implemented method
// registered.
func NewServer(s *models.Store, cfg Config) *Server {
	if cfg.Limits.MaxDepth == 0 {
		cfg.Limits = DefaultLimits
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Client == nil {
		cfg.Client = func(r *http.Request) models.ClientInfo {
			return models.DirectClient(r.RemoteAddr, r.UserAgent(), r.TLS != nil)
		}
	}
	return &Server{store: s, cfg: cfg, codec: NewXMLCodec(cfg.Limits), methods: newRegistry(), answers: newAnswerCache()}
}

// bodyPool recycles request-body buffers; bodies above pooledBodyMax (media
// uploads) are left to the garbage collector rather than kept.
var bodyPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

const pooledBodyMax = 256 << 10

func releaseBody(b *bytes.Buffer) {
	if b.Cap() > pooledBodyMax {
		return
	}
	b.Reset()
	bodyPool.Put(b)
}

// ServeHTTP answers POST with XML-RPC, GET ?rsd with the discovery
// document, and anything else as WordPress's xmlrpc.php does.
func (srv *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		if r.Method == http.MethodGet || r.Method == http.MethodHead {
			if _, ok := r.URL.Query()["rsd"]; ok {
				srv.serveRSD(w, r)
				return
			}
		}
		w.Header().Set("Allow", "POST")
		w.Header().Set("Content-Type", "text/plain;charset=UTF-8")
		w.WriteHeader(http.StatusMethodNotAllowed)
		_, _ = w.Write([]byte("XML-RPC server accepts POST requests only."))
		return
	}
	in := bodyPool.Get().(*bytes.Buffer)
	defer releaseBody(in)
	client := srv.cfg.Client(r)
	if _, err := in.ReadFrom(http.MaxBytesReader(w, r.Body, srv.cfg.Limits.MaxBodyBytes)); err != nil {
		// A body over the limit or a client that hangs up gets WordPress's
		// one parse-error fault, as a malformed document does.
		srv.writeFault(r.Context(), w, faultParse)
		return
	}
	// A repeated read-only call is answered before its body is even parsed:
	// the key covers the caller's address and the whole body, credentials
	// included, and only read-only answers were ever stored under it.
	key := srv.answers.keyOf(client.IP, in.Bytes())
	looked := false // whether Get counted this request's hit or miss
	if srv.cfg.Enabled && srv.answers.Has(key) {
		if epochs, err := srv.store.Epochs(r.Context()); err == nil {
			looked = true
			if cached, ok := srv.answers.Get(key, epochs, srv.store.Now()); ok {
				// The body is not parsed: the log names no method or user.
				models.NoteOf(r.Context()).SetRoute(CachedAnswerRoute)
				writeXML(w, http.StatusOK, cached)
				return
			}
		}
	}
	req, err := srv.codec.ReadRequest(bytes.NewReader(in.Bytes()))
	if err != nil {
		if errors.Is(err, ErrNotMethodCall) {
			srv.writeFault(r.Context(), w, faultNotMethodCall)
		} else {
			srv.writeFault(r.Context(), w, faultParse)
		}
		return
	}
	var epochs epoch.Epochs
	cacheable := srv.cfg.Enabled && readOnlyMethods[req.Method] && !uncachedReadMethods[req.Method]
	if cacheable {
		// Read before the call runs, so the answer is filed under epochs no
		// newer than the data it was made from.
		if epochs, err = srv.store.Epochs(r.Context()); err != nil {
			cacheable = false
		}
		if !looked {
			srv.answers.Missed()
		}
	}
	client.Channel = loginChannel
	ctx := r.Context()
	if cacheable { // a read-only method writes nothing a visitor sees
		ctx = models.WithReadEpochs(ctx, epochs)
	}
	c := &Call{ctx: ctx, srv: srv, client: client}
	note := models.NoteOf(r.Context())
	note.SetRoute(req.Method)
	result, err := srv.dispatch(c, req.Method, req.Params)
	if err != nil {
		srv.writeFault(r.Context(), w, asFault(err))
		return
	}
	buf := bodyPool.Get().(*bytes.Buffer)
	defer releaseBody(buf)
	if err := srv.codec.WriteResponse(buf, result); err != nil {
		srv.cfg.Logger.Error("xmlrpc encode failed", "method", req.Method, "err", err)
		srv.writeFault(r.Context(), w, NewFault(500, languages.Mark("An internal error occurred.")))
		return
	}
	if cacheable {
		srv.answers.keep(key, buf.Bytes(), epochs, srv.store.Now(), c.credentialsUntil)
	}
	writeXML(w, http.StatusOK, buf.Bytes())
}

// writeFault sends f worded in the site's language, and notes its code for
// the access log and the metrics — parse errors included, which name no
// method.
func (srv *Server) writeFault(ctx context.Context, w http.ResponseWriter, f *Fault) {
	models.NoteOf(ctx).SetFault(f.Code)
	status := http.StatusOK
	switch {
	case f.HTTPStatus != 0:
		status = f.HTTPStatus
	case !srv.cfg.Enabled && f.Code >= 100 && f.Code <= 599:
		// With XML-RPC switched off WordPress sends every fault with its
		// code as the HTTP status.
		status = f.Code
	}
	var buf bytes.Buffer
	worded := ixrFault(f.Code, f.in(srv.locale(ctx)))
	if err := srv.codec.WriteFault(&buf, worded); err != nil {
		srv.cfg.Logger.Error("xmlrpc fault encode failed", "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	if f.RetryAfter > 0 {
		w.Header().Set("Retry-After", strconv.Itoa(f.RetryAfter))
	}
	writeXML(w, status, buf.Bytes())
}

// locale is the language of every answer, WordPress's determine_locale for
// an XML-RPC request: the site's, whoever logs in (see Fault).
func (srv *Server) locale(ctx context.Context) string {
	return models.SiteLocale(srv.store.Option(ctx, "WPLANG"))
}

// locale is the language of this request's answers.
func (c *Call) locale() string { return c.srv.locale(c.ctx) }

func writeXML(w http.ResponseWriter, status int, body []byte) {
	h := w.Header()
	h.Set("Content-Type", "text/xml; charset=UTF-8")
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// Call is the state of one HTTP request. It outlives a single method
// because system.multicall runs several methods in it and WordPress's
// "one failed login refuses every later login" rule spans them all.
type Call struct {
	ctx        context.Context
	srv        *Server
	client     models.ClientInfo
	authFailed bool
	// method is the method being dispatched (inside system.multicall, the
	// sub-call), for the read-only scope check at login.
	method string
	// Lookups shared by the methods of one request.
	authors map[uint64]*models.User
	// Loaded at once for a list of posts (post_prefetch.go), so that
	// rendering each costs no query: terms by post, featured images by
	// attachment id.
	termsByPost map[uint64][]models.Term
	thumbs      map[uint64]*models.Media
	// links are the permalinks of the list being rendered, by post id;
	// parentTitles the titles of its pages' parents (a missing parent has
	// none), by parent id.
	links        map[uint64]string
	parentTitles map[uint64]string
	// credentialsUntil is the earliest expiry of the application passwords
	// this request logged in with (zero: none expires): its answer may not
	// be served from the cache past it.
	credentialsUntil time.Time
	// user is the user the last login of this request authenticated.
	user *models.User
	// customFields holds custom fields a list method read for user in one
	// query (preloadCustomFields), by post id.
	customFields map[uint64][]models.CustomField
}

// Method is one XML-RPC method.
type Method func(c *Call, p Params) (Value, error)

// dispatch runs one method; a panic in a method is a bug, answered as
// WordPress answers a PHP fatal error instead of killing the connection.
func (srv *Server) dispatch(c *Call, name string, raw []Value) (v Value, err error) {
	fn, ok := srv.methods.lookup(name)
	if !ok {
		return Value{}, faultNoMethod(name)
	}
	outer := c.method
	c.method = name
	defer func() { c.method = outer }()
	defer func() {
		if rec := recover(); rec != nil {
			srv.cfg.Logger.Error("xmlrpc method panicked", "request_id", models.RequestID(c.ctx), "method", name, "panic", rec)
			v, err = Value{}, faultFatal
		}
	}()
	v, err = fn(c, newParams(raw))
	var f *Fault
	if err != nil && !errors.As(err, &f) && models.ErrorKind(err) == models.KindInternal {
		// The cause is logged here and never shown to the client.
		srv.cfg.Logger.Error("xmlrpc method failed", "request_id", models.RequestID(c.ctx), "method", name, "err", err)
	}
	return v, err
}

// login authenticates the username and password arguments at positions ui
// and pi, as wp_xmlrpc_server::login does: a disabled service, a failed
// login earlier in this request, or bad credentials each give WordPress's
// fault.
func (c *Call) login(p Params, ui, pi int) (*models.User, error) {
	if !c.srv.cfg.Enabled {
		return nil, faultDisabled
	}
	uv, _ := p.Value(ui)
	pv, _ := p.Value(pi)
	if c.authFailed || !uv.Scalar() || !pv.Scalar() {
		// Credentials that are not strings cannot match any account: a
		// failed login (WordPress 6.9 crashes on them).
		c.authFailed = true
		return nil, faultBadLogin
	}
	name, _ := uv.AsString()
	pass, _ := pv.AsString()
	u, ap, err := c.srv.store.AuthenticateAPI(c.ctx, name, pass, c.client)
	if err != nil {
		if models.ErrorKind(err) == models.KindUnauthenticated {
			c.authFailed = true
			return nil, faultBadLogin
		}
		return nil, err
	}
	models.NoteOf(c.ctx).SetUser(int64(u.ID))
	if ap != nil && ap.Expires != nil && (c.credentialsUntil.IsZero() || ap.Expires.Before(c.credentialsUntil)) {
		c.credentialsUntil = *ap.Expires
	}
	if !ap.AllowsWrite() && !readOnlyMethods[c.method] {
		models.NoteOf(c.ctx).RefuseScope()
		return nil, faultReadOnlyScope
	}
	if c.user == nil || c.user.ID != u.ID {
		c.customFields = nil
	}
	c.user = u
	return u, nil
}

// loginChannel names XML-RPC's logins in the login outcomes operators
// count.
const loginChannel models.LoginChannel = "xmlrpc"
