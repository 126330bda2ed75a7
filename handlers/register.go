// Package handlers holds the browser pages: login, profile with the
// Application Passwords section, and the authorize-application flow.
package handlers

import (
	"log/slog"
	"net/http"

	"github.com/labstack/echo/v4"
	"github.com/presspass/presspass/models"
)

// Config is what the pages need from the composition root.
type Config struct {
	// SiteURL is the public base URL without a trailing slash.
	SiteURL string
	// Client tells who is calling (address, HTTPS) for a request.
	Client func(*http.Request) models.ClientInfo
	Logger *slog.Logger
}

// Register mounts the browser pages on e.
func Register(e *echo.Echo, s *models.Store, cfg Config) {
}
