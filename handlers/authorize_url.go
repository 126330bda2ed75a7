package handlers

import (
	"net"
	"net/url"
	"regexp"
	"strings"

	"github.com/presspass/presspass/languages"
	"github.com/presspass/presspass/models"
)

// Validation of an authorize-application request, as WordPress's
// wp_is_authorize_application_password_request_valid and
// wp_is_authorize_application_redirect_url_valid decide, kept free of HTTP
// so it can be tested exhaustively and fuzzed.
//
// One deliberate difference: the scheme is compared case-insensitively, so
// HTTP://host is plain http (WordPress 6.9 lets it through).

// authorizeRequest is what an application asks for.
type authorizeRequest struct {
	AppName    string
	AppID      string
	SuccessURL string
	RejectURL  string
	// ExpiresIn (days), Expires (RFC 3339) and Scope are what a
	// PressPass-aware application may propose beyond WordPress, as sent;
	// authorize_extensions.go checks them.
	ExpiresIn, Expires, Scope string
}

var schemePattern = regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9+.-]*:`)

// badRedirectSchemes can run code or carry content in the browser itself.
var badRedirectSchemes = map[string]bool{"javascript": true, "data": true, "vbscript": true}

// Messages WordPress gives for bad redirect URLs.
var (
	msgInvalidURLFormat = languages.Mark("Invalid URL format.")
	msgCredentialsInURL = languages.Mark("Credentials are not allowed in the URL.")
	msgInsecureURL      = languages.Mark("The URL must be served over a secure connection.")
	msgInvalidAppID     = languages.Mark("The application ID must be a UUID.")
)

// validateRedirectURL returns "" when raw may receive the user after the
// decision, or WordPress's message saying why not. An empty URL is valid (no
// redirect). Plain http is allowed only in the local environment or to the
// loopback addresses 127.0.0.1 and [::1], where a desktop app listens.
func validateRedirectURL(raw string, local bool) string {
	if raw == "" {
		return ""
	}
	if !schemePattern.MatchString(raw) {
		return msgInvalidURLFormat
	}
	u, err := url.Parse(raw)
	if err != nil || u.Scheme == "" || u.Hostname() == "" || badRedirectSchemes[strings.ToLower(u.Scheme)] {
		return msgInvalidURLFormat
	}
	if u.User != nil {
		return msgCredentialsInURL
	}
	if strings.EqualFold(u.Scheme, "http") && !local && !isLoopbackLiteral(u.Hostname()) {
		return msgInsecureURL
	}
	return ""
}

// isLoopbackLiteral reports whether host is exactly 127.0.0.1 or ::1 — not
// a name such as localhost, which DNS could point anywhere.
func isLoopbackLiteral(host string) bool {
	if host == "127.0.0.1" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.To4() == nil && ip.Equal(net.IPv6loopback)
}

// validateAuthorizeRequest returns every reason the request is not allowed,
// in WordPress's order (success URL, reject URL, app id); none means valid.
func validateAuthorizeRequest(r authorizeRequest, local bool) []string {
	var errs []string
	if m := validateRedirectURL(r.SuccessURL, local); m != "" {
		errs = append(errs, m)
	}
	if m := validateRedirectURL(r.RejectURL, local); m != "" {
		errs = append(errs, m)
	}
	if r.AppID != "" && !models.IsUUID(r.AppID) {
		errs = append(errs, msgInvalidAppID)
	}
	return errs
}

// formURLSchemes are the protocols WordPress's esc_url() keeps
// (wp_allowed_protocols); it empties any other URL.
var formURLSchemes = map[string]bool{
	"http": true, "https": true, "ftp": true, "ftps": true, "mailto": true, "news": true, "irc": true,
	"irc6": true, "ircs": true, "gopher": true, "nntp": true, "feed": true, "telnet": true, "mms": true,
	"rtsp": true, "sms": true, "svn": true, "tel": true, "fax": true, "xmpp": true, "webcal": true, "urn": true,
}

// escFormURL is the value WordPress puts in the form's hidden URL fields:
// the URL itself for well-known protocols, "" for custom schemes.
func escFormURL(raw string) string {
	m := schemePattern.FindString(raw)
	if m == "" || !formURLSchemes[strings.ToLower(strings.TrimSuffix(m, ":"))] {
		return ""
	}
	return raw
}

// addQueryArgs is WordPress's add_query_arg: set the given parameters on a
// URL, keeping its other parameters and fragment.
func addQueryArgs(raw string, kv ...string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	q := u.Query()
	for i := 0; i+1 < len(kv); i += 2 {
		q.Set(kv[i], kv[i+1])
	}
	u.RawQuery = q.Encode()
	return u.String()
}
