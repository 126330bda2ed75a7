package main

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/presspass/presspass/models"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// --metrics-addr serves Prometheus metrics on a listener of its own, so that
// the site's address never exposes them. Every metric is defined in this
// file; metrics_collect.go reads the totals that models and the adapters
// keep as plain counters (models imports no metrics library, which would
// bring net/http into it).
//
// No label value comes from the client as it was sent: routes are the
// adapters' own patterns and method names (anything else is
// unmatchedRoute), HTTP methods a fixed list, logins and lockouts models'
// named outcomes. So no series names a user, a password, an address or a
// query string, and their number is bounded whatever clients send.

// unmatchedRoute is the one route label of every request that no route,
// method or page of PressPass answered (unknown REST routes, made-up XML-RPC
// method names, 404 pages).
const unmatchedRoute = "(unmatched)"

// latencyBuckets span a cached answer (well under a millisecond) to a slow
// upload.
var latencyBuckets = []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10}

// lockoutBuckets are the lock lengths the default policy gives (1m doubling
// to 1h), in seconds.
var lockoutBuckets = []float64{60, 120, 240, 480, 960, 1920, 3600, 7200}

// serverMetrics holds the registry and the series counted per request.
type serverMetrics struct {
	reg      *prometheus.Registry
	requests *prometheus.CounterVec
	latency  *prometheus.HistogramVec
	logins   *prometheus.CounterVec
	lockouts *prometheus.CounterVec
	lockLen  *prometheus.HistogramVec
	// routes holds, per protocol, the route labels a request may carry.
	routes map[string]map[string]bool
}

func newServerMetrics() *serverMetrics {
	m := &serverMetrics{
		reg: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "presspass_http_requests_total",
			Help: "Requests answered, by protocol (rest, xmlrpc, page), HTTP method, route pattern or XML-RPC method, HTTP status and XML-RPC fault code.",
		}, []string{"protocol", "method", "route", "status", "fault"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "presspass_http_request_duration_seconds",
			Help:    "Time from a request's arrival to its answer, by protocol and route.",
			Buckets: latencyBuckets,
		}, []string{"protocol", "route"}),
		logins: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "presspass_logins_total",
			Help: "Login attempts, by channel (rest_basic, xmlrpc, login_page, cookie, uploads_basic), credential kind (application_password, main_password, session, second_factor) and result.",
		}, []string{"channel", "credential", "result"}),
		lockouts: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "presspass_lockouts_total",
			Help: "Locks placed after repeated failed logins, by scope (ip: a client address, account: main-password logins of a login name, user: a user's second factors).",
		}, []string{"scope"}),
		lockLen: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "presspass_lockout_duration_seconds",
			Help:    "How long each lock placed lasts, by scope.",
			Buckets: lockoutBuckets,
		}, []string{"scope"}),
		routes: map[string]map[string]bool{"rest": {}, "xmlrpc": {}, "page": {}},
	}
	m.reg.MustRegister(m.requests, m.latency, m.logins, m.lockouts, m.lockLen,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// knowRoutes adds labels a protocol's requests may carry.
func (m *serverMetrics) knowRoutes(protocol string, routes ...string) {
	if m == nil {
		return
	}
	for _, r := range routes {
		m.routes[protocol][r] = true
	}
}

// knowPages adds every page route Echo holds (registered last, after the
// adapters mounted theirs).
func (m *serverMetrics) knowPages(e *echo.Echo) {
	if m == nil {
		return
	}
	for _, r := range e.Routes() {
		m.routes["page"][r.Path] = true
	}
}

// knownMethods are the HTTP methods named as they are; others are "other".
var knownMethods = map[string]bool{
	http.MethodGet: true, http.MethodHead: true, http.MethodPost: true, http.MethodPut: true,
	http.MethodPatch: true, http.MethodDelete: true, http.MethodOptions: true,
}

// observe counts one finished request from its note. It runs for every
// request, logged or not.
func (m *serverMetrics) observe(c echo.Context, note *models.RequestNote, d time.Duration) {
	if m == nil {
		return
	}
	req := c.Request()
	protocol := requestProtocol(req.URL.Path)
	route, _, fault := note.Read()
	if route == "" && protocol == "page" {
		route = c.Path()
	}
	if !m.routes[protocol][route] {
		route = unmatchedRoute
	}
	method := req.Method
	if !knownMethods[method] {
		method = "other"
	}
	faultLabel := ""
	if fault != 0 {
		faultLabel = strconv.Itoa(fault)
	}
	m.requests.WithLabelValues(protocol, method, route, strconv.Itoa(c.Response().Status), faultLabel).Inc()
	m.latency.WithLabelValues(protocol, route).Observe(d.Seconds())
	login, attempted, locks := note.Security()
	if attempted {
		m.logins.WithLabelValues(string(login.Channel), string(login.Credential), string(login.Result)).Inc()
	}
	for _, l := range locks {
		m.lockouts.WithLabelValues(l.Scope).Inc()
		m.lockLen.WithLabelValues(l.Scope).Observe(l.Duration.Seconds())
	}
}

// serveMetrics serves GET /metrics on ln until ctx ends.
func (m *serverMetrics) serve(ctx context.Context, ln net.Listener, logger *slog.Logger) {
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{
		ErrorLog: slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}))
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second, WriteTimeout: 30 * time.Second}
	go func() {
		<-ctx.Done()
		_ = srv.Close()
	}()
	go func() { _ = srv.Serve(ln) }()
	logger.Info("metrics listening", "url", "http://"+ln.Addr().String()+"/metrics")
}

// listenMetrics opens --metrics-addr.
func listenMetrics(addr string) (net.Listener, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("--metrics-addr %s: %w", addr, err)
	}
	return ln, nil
}
