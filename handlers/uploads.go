package handlers

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/presspass/presspass/models"
)

// registerUploads serves uploaded files under /wp-content/uploads/ from the
// store's storage, as a web server serves WordPress's uploads directory —
// but only files that belong to an attachment, never a listing, and never
// anything a browser would run: every answer carries nosniff and a
// sandboxing Content-Security-Policy, and only images, audio, video and PDF
// are shown inline; everything else is a download.
func (a *app) registerUploads(e *echo.Echo) {
	e.GET("/wp-content/uploads/*", a.serveUpload)
	e.HEAD("/wp-content/uploads/*", a.serveUpload)
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

// uploadReader is who asks for a file when private files are protected: the
// browser session's user, or the user of an application password sent with
// Basic auth (as the apps fetch media); nil for a visitor. Without the
// protection nobody needs to be known, and nothing is looked up. A wrong
// application password counts as a failed login, as on the API.
func (a *app) uploadReader(c echo.Context) *models.User {
	if !a.store.Config.Media.ProtectPrivate {
		return nil
	}
	ctx := c.Request().Context()
	if ck, err := c.Cookie(a.cookieName); err == nil && ck.Value != "" {
		if u, _, err := a.store.UserBySessionToken(ctx, ck.Value); err == nil {
			return u
		}
	}
	if name, pw, ok := c.Request().BasicAuth(); ok {
		client := a.cfg.Client(c.Request())
		client.Channel = uploadsBasicChannel
		if u, _, err := a.store.AuthenticateAppPassword(ctx, name, pw, client); err == nil {
			return u
		}
	}
	return nil
}

func (a *app) serveUpload(c echo.Context) error {
	w := c.Response()
	w.Header().Set("X-Content-Type-Options", "nosniff")
	key, err := url.PathUnescape(c.Param("*"))
	if err != nil {
		return c.String(http.StatusNotFound, "Not Found\n")
	}
	if a.store.Config.Media.ProtectPrivate {
		// The answer depends on who asks.
		w.Header().Set("Vary", "Cookie, Authorization")
	}
	f, err := a.store.OpenMediaFile(c.Request().Context(), key, a.uploadReader(c))
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
	if f.Private {
		// Never kept by a shared cache, whoever may read it now.
		h.Set("Cache-Control", "private, no-cache")
	} else {
		h.Set("Cache-Control", "public, max-age=86400")
	}
	if !inlineUpload(f.MimeType) {
		h.Set("Content-Disposition", `attachment; filename="`+strings.NewReplacer(`"`, "", `\`, "").Replace(f.Name)+`"`)
	}
	http.ServeContent(w, c.Request(), f.Name, f.ModTime, f.Body)
	return nil
}
