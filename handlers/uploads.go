package handlers

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/presspass/presspass/models"
)

// RegisterUploads serves uploaded files under /wp-content/uploads/ from the
// store's storage, as a web server serves WordPress's uploads directory —
// but only files that belong to an attachment, never a listing, and never
// anything a browser would run: every answer carries nosniff and a
// sandboxing Content-Security-Policy, and only images, audio, video and PDF
// are shown inline; everything else is a download.
func RegisterUploads(e *echo.Echo, s *models.Store) {
	h := func(c echo.Context) error { return serveUpload(c, s) }
	e.GET("/wp-content/uploads/*", h)
	e.HEAD("/wp-content/uploads/*", h)
}

// inlineUpload reports whether a file of this type may be displayed by the
// browser rather than downloaded.
func inlineUpload(mime string) bool {
	if mime == "image/svg+xml" {
		return false
	}
	return strings.HasPrefix(mime, "image/") || strings.HasPrefix(mime, "audio/") ||
		strings.HasPrefix(mime, "video/") || mime == "application/pdf"
}

func serveUpload(c echo.Context, s *models.Store) error {
	w := c.Response()
	w.Header().Set("X-Content-Type-Options", "nosniff")
	key, err := url.PathUnescape(c.Param("*"))
	if err != nil {
		return c.String(http.StatusNotFound, "Not Found\n")
	}
	f, err := s.OpenMediaFile(c.Request().Context(), key)
	if err != nil {
		switch models.ErrorKind(err) {
		case models.KindNotFound:
			return c.String(http.StatusNotFound, "Not Found\n")
		case models.KindUnavailable:
			return c.String(http.StatusServiceUnavailable, "Service Unavailable\n")
		}
		c.Logger().Error(err)
		return c.String(http.StatusInternalServerError, "Internal Server Error\n")
	}
	defer f.Body.Close()
	h := w.Header()
	h.Set("Content-Type", f.MimeType)
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; sandbox")
	h.Set("ETag", fmt.Sprintf(`"%x-%x"`, f.Size, f.ModTime.UnixNano()))
	h.Set("Cache-Control", "public, max-age=86400")
	if !inlineUpload(f.MimeType) {
		h.Set("Content-Disposition", `attachment; filename="`+strings.NewReplacer(`"`, "", `\`, "").Replace(f.Name)+`"`)
	}
	http.ServeContent(w, c.Request(), f.Name, f.ModTime, f.Body)
	return nil
}
