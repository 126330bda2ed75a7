// Package rest is the /wp-json adapter: WordPress's REST API over models.
package rest

import (
	"log/slog"
	"net/http"

	"github.com/labstack/echo/v4"
	"github.com/presspass/presspass/models"
)

// Config is what the REST adapter needs from the composition root.
type Config struct {
	// SiteURL is the public base URL without a trailing slash.
	SiteURL string
	// Client tells who is calling (address, HTTPS) for a request.
	Client func(*http.Request) models.ClientInfo
	// XMLRPCEnabled says whether the XML-RPC endpoint is advertised.
	XMLRPCEnabled bool
	Logger        *slog.Logger
}

// Register mounts the REST API on e.
func Register(e *echo.Echo, s *models.Store, cfg Config) {
}
