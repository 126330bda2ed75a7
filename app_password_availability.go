package main

import (
	"log/slog"

	"github.com/presspass/presspass/models"
)

// appPasswordAvailability says in one sentence whether application
// passwords work on this server, and when they do not, why and how to turn
// them on. WordPress offers them only over HTTPS or on a local site
// (models.Store.AppPasswordsAvailable); a server started on 0.0.0.0 is in
// production by default, where plain http switches them off.
func appPasswordAvailability(c *config) (on bool, line string) {
	switch {
	case c.TLSCert != "":
		return true, "application passwords are on: HTTPS (--tls-cert)"
	case c.Environment == models.EnvironmentLocal:
		return true, "application passwords are on: local environment (--environment local; plain http is allowed)"
	case len(c.TrustedProxies) > 0:
		return true, "application passwords are on for HTTPS requests only: through a trusted proxy (--trusted-proxies) that sends X-Forwarded-Proto: https"
	}
	return false, "application passwords are off: production environment over plain http; turn them on with --tls-cert and --tls-key, " +
		"a TLS proxy listed in --trusted-proxies that sends X-Forwarded-Proto: https, or --environment local"
}

// logAppPasswordAvailability writes appPasswordAvailability's line at
// start-up, as a warning when they are off.
func logAppPasswordAvailability(logger *slog.Logger, c *config) {
	on, line := appPasswordAvailability(c)
	if on {
		logger.Info(line)
		return
	}
	logger.Warn(line)
}
