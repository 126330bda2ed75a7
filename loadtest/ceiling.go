package loadtest

import (
	"context"
	"net/http"

	"github.com/labstack/echo/v4"
)

// ServeCeiling serves the ceiling on addr until ctx ends: a bare Echo
// handler returning a small JSON document, no authentication, no database.
// The table shows each scenario as a share of it.
func ServeCeiling(ctx context.Context, addr string) error {
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	e.GET("/ceiling", func(c echo.Context) error {
		return c.JSON(http.StatusOK, map[string]any{"id": 1, "name": "admin", "slug": "admin"})
	})
	srv := &http.Server{Addr: addr, Handler: e}
	go func() { <-ctx.Done(); _ = srv.Close() }()
	if err := srv.ListenAndServe(); err != http.ErrServerClosed {
		return err
	}
	return nil
}
