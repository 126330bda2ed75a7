package main

//lint:file-ignore ST1005 the CLI prints its errors to people as they are, whole sentences (see cli_errors.go)

import (
	"fmt"
	"net"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/presspass/presspass/models"
	"github.com/presspass/presspass/models/epoch"
)

// config is the server's configuration, from flags and their environment
// variable twins (flags win).
type config struct {
	Addr              string
	DatabaseURL       string
	SiteURL           string
	Environment       string
	TLSCert, TLSKey   string
	TrustedProxies    []*net.IPNet
	TwoFactorAPILogin bool
	XMLRPCEnabled     bool
	LogLevel          string
	// LogFormat is text or json (slog's handlers).
	LogFormat string
	// MetricsAddr, when set, serves Prometheus metrics there (metrics.go).
	MetricsAddr string
	// ShutdownTimeout bounds how long a stopping server waits for requests
	// in flight.
	ShutdownTimeout time.Duration
	Throttle        models.ThrottleConfig
	// AppPasswordMaxLifetime caps new application passwords' lives (0: off).
	AppPasswordMaxLifetime time.Duration
	// RevokeOnPasswordChange revokes application passwords on a main
	// password change.
	RevokeOnPasswordChange bool
	// SMTPURL, when set, enables e-mail notifications.
	SMTPURL       string
	AdminUser     string
	AdminPassword string
	// SampleContent writes a fresh WordPress site's sample post, comment
	// and pages along with the first administrator (off with
	// --no-sample-content).
	SampleContent bool
	// Media holds the upload settings (config_media.go).
	Media mediaConfig
	// MaxPostSize bounds a post's title, content and excerpt (--max-post-size).
	MaxPostSize int64
	// Pingback offers pingback.ping (config_pingback.go).
	Pingback bool
	// PublicSite serves the public site; TemplatesDir replaces its
	// templates; Outbound allows requests to other sites
	// (config_public_site.go).
	PublicSite   bool
	TemplatesDir string
	Outbound     bool
	// EpochMode is how a MySQL store learns of other processes' changes.
	EpochMode epoch.Mode
}

const defaultAddr = "127.0.0.1:8080"

// loadConfig resolves every setting.
func loadConfig(a *args) (*config, error) {
	c := &config{
		Addr:          a.setting("addr"),
		DatabaseURL:   a.setting("database"),
		TLSCert:       a.setting("tls-cert"),
		TLSKey:        a.setting("tls-key"),
		LogLevel:      a.setting("log-level"),
		LogFormat:     a.setting("log-format"),
		MetricsAddr:   a.setting("metrics-addr"),
		SMTPURL:       a.setting("smtp-url"),
		AdminUser:     a.setting("PRESSPASS_ADMIN_USER"),
		AdminPassword: a.setting("PRESSPASS_ADMIN_PASSWORD"),
	}
	var err error
	if !slices.Contains(logLevels, strings.ToLower(c.LogLevel)) {
		return nil, fmt.Errorf("--log-level %q is not a level; choose one of: %s.", c.LogLevel, strings.Join(logLevels, ", "))
	}
	if c.LogFormat != "text" && c.LogFormat != "json" {
		return nil, fmt.Errorf("--log-format %q: want text or json", c.LogFormat)
	}
	if c.MetricsAddr != "" {
		if _, _, err := net.SplitHostPort(c.MetricsAddr); err != nil {
			return nil, fmt.Errorf("--metrics-addr %q: %v", c.MetricsAddr, err)
		}
	}
	timeout := a.setting("shutdown-timeout")
	if c.ShutdownTimeout, err = time.ParseDuration(timeout); err != nil || c.ShutdownTimeout <= 0 {
		return nil, fmt.Errorf("--shutdown-timeout %q: want a duration such as 20s", timeout)
	}
	if (c.TLSCert == "") != (c.TLSKey == "") {
		return nil, fmt.Errorf("--tls-cert and --tls-key go together")
	}
	var host, port string
	host, port, err = net.SplitHostPort(c.Addr)
	if err != nil {
		return nil, fmt.Errorf("--addr %q: %v", c.Addr, err)
	}
	scheme := "http"
	if c.TLSCert != "" {
		scheme = "https"
	}
	linkHost := c.Addr
	if isUnspecifiedHost(host) {
		// Listening on every address names none a browser can use.
		linkHost = net.JoinHostPort("localhost", port)
	}
	c.SiteURL = strings.TrimRight(a.setting("site-url"), "/")
	if c.SiteURL == "" {
		c.SiteURL = scheme + "://" + linkHost
	}
	if u, err := url.Parse(c.SiteURL); err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return nil, fmt.Errorf("--site-url %q: want http(s)://HOST[:PORT][/PATH]", c.SiteURL)
	}
	defEnv := models.EnvironmentProduction
	if isLoopbackHost(host) {
		defEnv = models.EnvironmentLocal
	}
	c.Environment = a.setting("environment")
	if c.Environment == "" {
		c.Environment = defEnv
	}
	if c.Environment != models.EnvironmentLocal && c.Environment != models.EnvironmentProduction {
		return nil, fmt.Errorf("--environment %q: want local or production", c.Environment)
	}
	noSample, err := a.boolean("no-sample-content")
	if err != nil {
		return nil, err
	}
	c.SampleContent = !noSample
	if c.TwoFactorAPILogin, err = a.boolean("two-factor-api-login"); err != nil {
		return nil, err
	}
	switch x := a.setting("xmlrpc"); x {
	case "on", "true", "1":
		c.XMLRPCEnabled = true
	case "off", "false", "0":
	default:
		return nil, fmt.Errorf("--xmlrpc %q: want on or off", x)
	}
	if c.TrustedProxies, err = parseCIDRs(a.setting("trusted-proxies")); err != nil {
		return nil, err
	}
	if c.Throttle, err = throttleConfig(a); err != nil {
		return nil, err
	}
	if c.EpochMode, err = epoch.ParseMode(a.setting("epoch-mode")); err != nil {
		return nil, fmt.Errorf("--epoch-mode: %v", err)
	}
	if v := a.setting("app-password-max-lifetime"); v != "" {
		if c.AppPasswordMaxLifetime, err = parseLifetime(v); err != nil {
			return nil, fmt.Errorf("--app-password-max-lifetime %q: want days such as 90d, or a duration such as 720h", v)
		}
	}
	if c.RevokeOnPasswordChange, err = a.boolean("revoke-app-passwords-on-password-change"); err != nil {
		return nil, err
	}
	if c.Media, err = loadMediaConfig(a, c.DatabaseURL); err != nil {
		return nil, err
	}
	if c.MaxPostSize, err = parseByteSize(a.setting("max-post-size")); err != nil || c.MaxPostSize <= 0 {
		return nil, fmt.Errorf("--max-post-size %q: want a size such as 16M, 512K or 1G", a.setting("max-post-size"))
	}
	if c.Pingback, err = loadPingback(a); err != nil {
		return nil, err
	}
	if err := loadPublicSite(a, c); err != nil {
		return nil, err
	}
	return c, nil
}

// parseLifetime reads "90d" (days) or a Go duration.
func parseLifetime(v string) (time.Duration, error) {
	if strings.HasSuffix(v, "d") {
		n, err := strconv.Atoi(strings.TrimSuffix(v, "d"))
		if err != nil || n < 1 {
			return 0, fmt.Errorf("bad days")
		}
		return time.Duration(n) * 24 * time.Hour, nil
	}
	d, err := time.ParseDuration(v)
	if err != nil || d <= 0 {
		return 0, fmt.Errorf("bad duration")
	}
	return d, nil
}

// throttleConfig reads the guessing limits (see models/throttle.go for the
// policy); zero values take the defaults there.
func throttleConfig(a *args) (models.ThrottleConfig, error) {
	var t models.ThrottleConfig
	switch v := a.setting("throttle"); v {
	case "on":
	case "off":
		t.Disabled = true
	default:
		return t, fmt.Errorf("--throttle %q: want on or off", v)
	}
	for _, f := range []struct {
		flag string
		dst  *int
	}{
		{"throttle-ip-failures", &t.IPThreshold},
		{"throttle-account-failures", &t.AccountThreshold},
	} {
		if v := a.setting(f.flag); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n < 1 {
				return t, fmt.Errorf("--%s %q: want a positive whole number", f.flag, v)
			}
			*f.dst = n
		}
	}
	for _, f := range []struct {
		flag string
		dst  *time.Duration
	}{
		{"throttle-window", &t.Window},
		{"throttle-lock", &t.BaseLock},
		{"throttle-max-lock", &t.MaxLock},
	} {
		if v := a.setting(f.flag); v != "" {
			d, err := time.ParseDuration(v)
			if err != nil || d <= 0 {
				return t, fmt.Errorf("--%s %q: want a duration such as 15m", f.flag, v)
			}
			*f.dst = d
		}
	}
	return t, nil
}

// isUnspecifiedHost is true for a listen address that means every
// interface: "" (":8080"), 0.0.0.0 or ::.
func isUnspecifiedHost(host string) bool {
	if host == "" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsUnspecified()
}

func isLoopbackHost(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// parseCIDRs reads a comma-separated list of addresses or CIDR ranges.
func parseCIDRs(s string) ([]*net.IPNet, error) {
	var out []*net.IPNet
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		if !strings.Contains(part, "/") {
			if ip := net.ParseIP(part); ip != nil && ip.To4() != nil {
				part += "/32"
			} else {
				part += "/128"
			}
		}
		_, n, err := net.ParseCIDR(part)
		if err != nil {
			return nil, fmt.Errorf("--trusted-proxies: %q is not an address or CIDR range", part)
		}
		out = append(out, n)
	}
	return out, nil
}

// storeConfig derives the domain settings from the server configuration.
func (c *config) storeConfig(s *models.Store) {
	s.Config.Environment = c.Environment
	s.Config.TwoFactorAPILogin = c.TwoFactorAPILogin
	s.Config.SiteURL = c.SiteURL
	s.Config.Throttle = c.Throttle
	s.Config.AppPasswordMaxLifetime = c.AppPasswordMaxLifetime
	s.Config.RevokeAppPasswordsOnPasswordChange = c.RevokeOnPasswordChange
	s.Config.MaxPostSize = c.MaxPostSize
	s.Config.Media = models.MediaConfig{Storage: c.Media.Storage, MaxUploadSize: c.Media.MaxUploadSize, ProtectPrivate: c.Media.ProtectPrivate}
}
