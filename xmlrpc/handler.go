// Package xmlrpc is the /xmlrpc.php adapter: WordPress's XML-RPC API over
// models, as a plain http.Handler.
package xmlrpc

import (
	"log/slog"
	"net/http"

	"github.com/presspass/presspass/models"
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
}

// NewHandler returns the /xmlrpc.php handler.
func NewHandler(s *models.Store, cfg Config) http.Handler {
	return http.NotFoundHandler()
}
