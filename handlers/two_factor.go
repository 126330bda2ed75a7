package handlers

import (
	"encoding/base64"
	"html/template"
	"net/http"
	"net/url"

	"github.com/labstack/echo/v4"
	"github.com/presspass/presspass/models"
	"rsc.io/qr"
)

// Two-factor on the profile page: start (a new secret shown as text and as
// a QR code), confirm with a first code (recovery codes shown once), cancel
// or disable. The login side is in login.go.

// twoFactorView is the profile page's two-factor section.
type twoFactorView struct {
	Enabled bool
	// Pending is a started, unconfirmed setup of the user's own account.
	Pending bool
	Secret  string
	URI     string
	// QR is the otpauth URI as a PNG data: URL.
	QR            template.URL
	RecoveryCodes []string
	RecoveryLeft  int
	Error         string
}

// fillTwoFactor prepares the section; the secret is only ever shown to its
// owner while the setup is pending.
func (a *app) fillTwoFactor(d *profileData, target *models.User) error {
	t := &d.TwoFactor
	t.Enabled = target.TwoFactorEnabled
	t.RecoveryLeft = models.RecoveryCodesLeft(target)
	if !d.Self || target.TwoFactorEnabled || target.TwoFactorSecret == "" {
		return nil
	}
	t.Pending = true
	t.Secret = target.TwoFactorSecret
	issuer := a.siteNameForIssuer()
	t.URI = models.TOTPURI(issuer, target.Login, target.TwoFactorSecret)
	code, err := qr.Encode(t.URI, qr.M)
	if err != nil {
		return err
	}
	code.Scale = 6
	t.QR = template.URL("data:image/png;base64," + base64.StdEncoding.EncodeToString(code.PNG()))
	return nil
}

// siteNameForIssuer names the site in authenticator apps: "PressPass" and
// the site's host, so that several sites stay apart.
func (a *app) siteNameForIssuer() string {
	if u, err := url.Parse(a.cfg.SiteURL); err == nil && u.Host != "" {
		return "PressPass " + u.Host
	}
	return "PressPass"
}

func (a *app) twoFactorProfilePost(c echo.Context, actor, target *models.User) error {
	ctx := c.Request().Context()
	fail := func(err error) error {
		return a.showOr(c, err, func(msg string) error {
			d := &profileData{}
			d.TwoFactor.Error = msg
			status := http.StatusOK
			if models.ErrorKind(err) == models.KindForbidden {
				status = http.StatusForbidden
			}
			return a.renderProfile(c, status, actor, target, d)
		})
	}
	switch c.FormValue("action") {
	case "two-factor-start":
		if _, err := a.store.StartTwoFactorSetup(ctx, actor, target); err != nil {
			return fail(err)
		}
		return a.renderProfile(c, http.StatusOK, actor, target, &profileData{})
	case "two-factor-confirm":
		codes, err := a.store.ConfirmTwoFactor(ctx, actor, target, c.FormValue("two_factor_code"))
		if err != nil {
			return fail(err)
		}
		a.log.Info("two-factor enabled", "user", target.ID)
		d := &profileData{Notices: []string{a.T(c, "Two-factor authentication is now on.")}}
		d.TwoFactor.RecoveryCodes = codes
		return a.renderProfile(c, http.StatusOK, actor, target, d)
	case "two-factor-cancel", "two-factor-disable":
		if err := a.store.DisableTwoFactor(ctx, actor, target); err != nil {
			return fail(err)
		}
		a.log.Info("two-factor disabled", "user", target.ID, "by", actor.ID)
		if c.FormValue("action") == "two-factor-cancel" {
			return a.done(c, actor, target, "two-factor-cancel")
		}
		return a.done(c, actor, target, "two-factor-off")
	}
	return a.dieText(c, http.StatusBadRequest, a.T(c, "Error"), a.T(c, "Unknown action."))
}
