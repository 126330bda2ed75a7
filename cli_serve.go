package main

import (
	"context"
	"crypto/rand"
	"crypto/tls"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/presspass/presspass/handlers"
	"github.com/presspass/presspass/handlers/site"
	"github.com/presspass/presspass/models"
	"github.com/presspass/presspass/models/epoch"
	"github.com/presspass/presspass/models/mail"
	"github.com/presspass/presspass/rest"
	"github.com/presspass/presspass/xmlrpc"
)

// cmdServe runs the server until ctx is cancelled (SIGINT/SIGTERM), then
// lets in-flight requests finish and closes the database.
func cmdServe(ctx context.Context, raw []string, stdout, stderr io.Writer) error {
	a, err := parseArgs(raw, flagSpec{})
	if err != nil {
		return err
	}
	if err := a.need(0, 0, "serve [flags]"); err != nil {
		return err
	}
	c, err := loadConfig(a)
	if err != nil {
		return err
	}
	logger := newLogger(stderr, c.LogLevel, c.LogFormat)
	if addr := os.Getenv(pprofEnv); addr != "" {
		if err := startProfiler(ctx, addr, logger); err != nil {
			return err
		}
	}
	s, err := openStore(ctx, c)
	if err != nil {
		return err
	}
	defer s.Close()
	d := s.EpochDecision()
	logger.Info("epoch mode", "mode", d.Mode, "why", d.Why)
	// Listen before the first administrator is created: a port in use
	// must not leave behind an administrator whose one-time password went
	// to a run that then failed.
	ln, err := net.Listen("tcp", c.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", c.Addr, err)
	}
	if err := ensureFirstAdmin(ctx, s, c, stdout); err != nil {
		ln.Close()
		return err
	}
	if c.SMTPURL != "" {
		mc, err := mail.ParseURL(c.SMTPURL)
		if err != nil {
			ln.Close()
			return err
		}
		n := mail.New(mc, s.Option(ctx, "blogname"), c.SiteURL, logger)
		s.Notifier = n
		defer func() {
			closeCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			n.Close(closeCtx)
		}()
	}
	return serveOn(ctx, ln, s, c, logger)
}

// serveOn serves on an open listener; tests call it with port 0.
func serveOn(ctx context.Context, ln net.Listener, s *models.Store, c *config, logger *slog.Logger) error {
	du, _ := models.ParseDatabaseURL(c.DatabaseURL)
	var metrics *serverMetrics
	if c.MetricsAddr != "" {
		metrics = newServerMetrics()
	}
	e, err := newServer(s, c, logger, metrics)
	if err != nil {
		ln.Close()
		return err
	}
	if metrics != nil {
		mln, err := listenMetrics(c.MetricsAddr)
		if err != nil {
			ln.Close()
			return err
		}
		metricsCtx, stopMetrics := context.WithCancel(context.Background())
		// The metrics stay up while requests finish, and stop with serveOn.
		defer stopMetrics()
		metrics.serve(metricsCtx, mln, logger)
	}
	srv := &http.Server{
		Handler:           minBodyRate(e, defaultBodyRate),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      120 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
	scheme := "http"
	if c.TLSCert != "" {
		cert, err := tls.LoadX509KeyPair(c.TLSCert, c.TLSKey)
		if err != nil {
			ln.Close()
			return fmt.Errorf("load TLS certificate: %w", err)
		}
		srv.TLSConfig = &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}
		ln = tls.NewListener(ln, srv.TLSConfig)
		scheme = "https"
	}
	logger.Info("PressPass listening", "url", scheme+"://"+ln.Addr().String(), "site_url", c.SiteURL,
		"database", du.Display, "environment", c.Environment)
	logAppPasswordAvailability(logger, c)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	go s.RunScheduledPublishing(ctx, time.Minute, logger) // WordPress's cron for scheduled posts
	go s.RunAbandonedUploadSweep(ctx, time.Hour, logger)  // uploads a stopped process left hidden
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	// Stop accepting, let requests in flight finish within the deadline;
	// the caller then closes the store, which releases the epoch lease so
	// another process takes it at once rather than after its expiry.
	logger.Info("shutting down: finishing in-flight requests", "deadline", c.ShutdownTimeout)
	shutdownCtx, cancel := context.WithTimeout(context.Background(), c.ShutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("requests still running after --shutdown-timeout %s: %w", c.ShutdownTimeout, err)
	}
	logger.Info("stopped")
	return nil
}

// newServer builds the Echo instance with every adapter mounted, and tells
// metrics (nil: --metrics-addr is off) the adapters' routes and counts.
// Errors: public-site templates that do not parse.
func newServer(s *models.Store, c *config, logger *slog.Logger, metrics *serverMetrics) (*echo.Echo, error) {
	e := echo.New()
	e.HideBanner = true
	e.HidePort = true
	e.Use(requestLogger(logger, metrics))
	e.GET("/healthz", func(ctx echo.Context) error { return ctx.String(http.StatusOK, "ok\n") })
	e.GET("/readyz", func(ctx echo.Context) error {
		pingCtx, cancel := context.WithTimeout(ctx.Request().Context(), 2*time.Second)
		defer cancel()
		if err := s.Ping(pingCtx); err != nil {
			return ctx.String(http.StatusServiceUnavailable, "database unreachable\n")
		}
		return ctx.String(http.StatusOK, "ok\n")
	})
	fetcher := newFetcher(c)
	rc := rest.Config{SiteURL: c.SiteURL, Client: c.clientInfo, XMLRPCEnabled: c.XMLRPCEnabled, Logger: logger}
	if fetcher != nil {
		rc.OEmbedFetcher = fetcher
	}
	restSrv := rest.Register(e, s, rc)
	x := xmlrpc.NewServer(s, xmlrpc.Config{SiteURL: c.SiteURL, Client: c.clientInfo, Enabled: c.XMLRPCEnabled, Logger: logger})
	if c.Pingback && fetcher != nil {
		enablePingback(x, fetcher)
	}
	caches := map[string]func() epoch.CacheStats{"rest": restSrv.CacheStats, "xmlrpc": x.CacheStats}
	metrics.knowRoutes("rest", restSrv.RoutePatterns()...)
	metrics.knowRoutes("xmlrpc", append(x.MethodNames(), xmlrpc.CachedAnswerRoute)...)
	e.Any("/xmlrpc.php", echo.WrapHandler(x))
	hc := handlers.Config{SiteURL: c.SiteURL, Client: c.clientInfo, Logger: logger}
	if c.PublicSite {
		pub, err := site.New(s, site.Config{SiteURL: c.SiteURL, Client: c.clientInfo, Logger: logger, TemplatesDir: c.TemplatesDir})
		if err != nil {
			return nil, err
		}
		hc.PublicSite = pub
		caches["page"] = pub.CacheStats
	}
	handlers.Register(e, s, hc)
	metrics.knowPages(e)
	if err := metrics.watchStore(s, caches); err != nil {
		return nil, err
	}
	return e, nil
}

// newLogger writes slog's text or JSON lines (format "json") at level.
func newLogger(w io.Writer, level, format string) *slog.Logger {
	var l slog.Level
	if err := l.UnmarshalText([]byte(level)); err != nil {
		l = slog.LevelInfo
	}
	opts := &slog.HandlerOptions{Level: l}
	if format == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

// requestLogger logs one line per request, and counts it in metrics (nil:
// none). It never logs headers or bodies: they carry passwords.
func requestLogger(logger *slog.Logger, metrics *serverMetrics) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			start := time.Now()
			req := c.Request()
			// Every request gets an id (a trusted proxy's is kept), sent back
			// in X-Request-Id and named in every log line about it.
			id := req.Header.Get("X-Request-Id")
			if id == "" || len(id) > 64 {
				id = newRequestID()
			}
			c.Response().Header().Set("X-Request-Id", id)
			ctx, note := models.WithRequestNote(models.WithRequestID(req.Context(), id))
			c.SetRequest(req.WithContext(ctx))
			defer func() {
				if p := recover(); p != nil {
					logger.Error("panic serving request", "request_id", id, "path", req.URL.Path, "panic", fmt.Sprint(p))
					if !c.Response().Committed {
						_ = c.String(http.StatusInternalServerError, "Internal Server Error\n")
					}
				}
				metrics.observe(c, note, time.Since(start))
			}()
			err := next(c)
			if err != nil {
				c.Error(err)
			}
			if logger.Enabled(req.Context(), slog.LevelInfo) {
				logRequest(logger, c, id, note, time.Since(start))
			}
			return nil
		}
	}
}

// logRequest writes the access log line: the route pattern (REST), method
// (XML-RPC) or Echo route (pages) that answered, never the query string,
// which may carry a nonce or an application's name; the user id, never a
// credential.
func logRequest(logger *slog.Logger, c echo.Context, id string, note *models.RequestNote, d time.Duration) {
	req := c.Request()
	route, userID, fault := note.Read()
	protocol := requestProtocol(req.URL.Path)
	if route == "" && protocol == "page" {
		route = c.Path()
	}
	attrs := []slog.Attr{
		slog.String("request_id", id),
		slog.String("protocol", protocol),
		slog.String("method", req.Method),
		slog.String("path", req.URL.Path),
		slog.String("route", route),
		slog.Int("status", c.Response().Status),
	}
	if fault != 0 {
		attrs = append(attrs, slog.Int("fault", fault))
	}
	attrs = append(attrs,
		slog.Duration("duration", d),
		slog.Int64("user_id", userID),
		slog.String("remote", req.RemoteAddr))
	logger.LogAttrs(req.Context(), slog.LevelInfo, "request", attrs...)
}

// requestProtocol names the adapter a request's path leads to: rest,
// xmlrpc or page (?rest_route= requests were rewritten to /wp-json before).
func requestProtocol(path string) string {
	switch {
	case path == "/xmlrpc.php":
		return "xmlrpc"
	case path == "/wp-json" || strings.HasPrefix(path, "/wp-json/"):
		return "rest"
	}
	return "page"
}

// ensureFirstAdmin creates the first administrator on an empty database,
// printing a random password once when none was configured. Of several
// processes starting together on one empty database exactly one creates it
// (models.CreateFirstAdministrator).
func ensureFirstAdmin(ctx context.Context, s *models.Store, c *config, out io.Writer) error {
	pw := c.AdminPassword
	generated := pw == ""
	if generated {
		var err error
		if pw, err = models.GenerateAppPassword(); err != nil {
			return err
		}
	}
	email := c.AdminUser + "@localhost.localdomain"
	if models.IsEmail(c.AdminUser) {
		email = c.AdminUser
	}
	u, err := s.CreateFirstAdministrator(ctx, models.UserInput{Login: &c.AdminUser, Email: &email, Password: &pw}, c.SampleContent)
	if err != nil {
		return fmt.Errorf("create first administrator: %w", err)
	}
	if u == nil {
		return nil
	}
	if generated {
		fmt.Fprintf(out, "Created administrator %q with password: %s\n(shown once; change it on the profile page)\n", c.AdminUser, pw)
	} else {
		fmt.Fprintf(out, "Created administrator %q with the password from PRESSPASS_ADMIN_PASSWORD.\n", c.AdminUser)
	}
	return nil
}

// newRequestID names a request no trusted proxy named: 16 hex digits from
// crypto/rand.
func newRequestID() string {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
