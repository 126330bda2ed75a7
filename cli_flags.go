package main

import (
	"slices"
	"strings"
)

// flagDef is the one definition of a flag: the parser, the help text and the
// README's table are all made from flagDefs (cli_flags_test.go keeps the
// README in step).
type flagDef struct {
	// Name is the flag without its dashes; "" for a setting read only from
	// its environment variable.
	Name string
	// Value names the flag's value in help ("URL"); "" for a switch that
	// takes none.
	Value string
	// Env is the environment variable twin of a setting (flags win).
	Env string
	// Default is the value used when neither flag nor variable is given;
	// ShownDefault describes a default that is worked out at start-up.
	Default      string
	ShownDefault string
	Help         string
	// Commands are the commands or subcommands ("user create") that take
	// the flag; nil for a setting, which every command accepts.
	Commands []string
}

func (d flagDef) setting() bool { return d.Commands == nil }

// flagDefs is every flag PressPass takes: first the settings (each with its
// variable), then each command's own flags.
var flagDefs = []flagDef{
	{Name: "addr", Value: "HOST:PORT", Env: "PRESSPASS_ADDR", Default: defaultAddr, Help: "listen address"},
	{Name: "database", Value: "URL", Env: "PRESSPASS_DATABASE_URL", Default: "sqlite:presspass.db",
		Help: "sqlite:PATH or mysql://USER:PASS@HOST:PORT/DBNAME?params; applies to every command"},
	{Name: "site-url", Value: "URL", Env: "PRESSPASS_SITE_URL", ShownDefault: "http:// + addr (http://localhost:PORT on 0.0.0.0, [::] or :PORT)",
		Help: "public base URL used in links and redirects"},
	{Name: "environment", Value: "ENV", Env: "PRESSPASS_ENVIRONMENT", ShownDefault: "local on a loopback address, else production",
		Help: "local or production; application passwords work over plain http only in local"},
	{Name: "tls-cert", Value: "FILE", Env: "PRESSPASS_TLS_CERT", Help: "serve HTTPS directly with this certificate (and --tls-key)"},
	{Name: "tls-key", Value: "FILE", Env: "PRESSPASS_TLS_KEY", Help: "the private key of --tls-cert"},
	{Name: "trusted-proxies", Value: "LIST", Env: "PRESSPASS_TRUSTED_PROXIES",
		Help: "comma-separated addresses/CIDRs whose X-Forwarded-For and X-Forwarded-Proto are believed"},
	{Name: "two-factor-api-login", Env: "PRESSPASS_TWO_FACTOR_API_LOGIN", Default: "false",
		Help: "allow main-password API logins for users with two-factor enabled (WordPress's two_factor_user_api_login_enable)"},
	{Name: "xmlrpc", Value: "on|off", Env: "PRESSPASS_XMLRPC", Default: "on",
		Help: "off switches the authenticated XML-RPC methods off (WordPress's xmlrpc_enabled)"},
	{Name: "pingback", Value: "on|off", Env: "PRESSPASS_PINGBACK", Default: "off",
		Help: "on offers XML-RPC pingback.ping, which fetches the linking page (10 s, 150 KB, no redirects, public addresses only)"},
	{Name: "outbound", Value: "on|off", Env: "PRESSPASS_OUTBOUND", Default: "on",
		Help: "off stops every request to other sites: pingback.ping stays off whatever --pingback says, and the oEmbed proxy answers only this site's links"},
	{Name: "public-site", Value: "on|off", Env: "PRESSPASS_PUBLIC_SITE", Default: "on",
		Help: "off switches the public site off: post links, feeds, sitemaps and embeds answer 404, for headless setups"},
	{Name: "no-sample-content", Env: "PRESSPASS_NO_SAMPLE_CONTENT", Default: "false",
		Help: "start a new site empty, without WordPress's sample post, comment, page and privacy-policy draft"},
	{Name: "templates-dir", Value: "DIR", Env: "PRESSPASS_TEMPLATES_DIR",
		Help: "a folder whose files replace the public site's built-in templates of the same name"},
	{Name: "log-level", Value: "LEVEL", Env: "PRESSPASS_LOG_LEVEL", Default: "info", Help: "one of " + strings.Join(logLevels, ", ")},
	{Name: "log-format", Value: "text|json", Env: "PRESSPASS_LOG_FORMAT", Default: "text", Help: "log lines as slog text or JSON"},
	{Name: "metrics-addr", Value: "HOST:PORT", Env: "PRESSPASS_METRICS_ADDR",
		Help: "serve Prometheus metrics at http://HOST:PORT/metrics, a listener of its own (off by default; docs/metrics.md)"},
	{Name: "shutdown-timeout", Value: "D", Env: "PRESSPASS_SHUTDOWN_TIMEOUT", Default: "20s",
		Help: "on SIGTERM/SIGINT, how long requests in flight may take to finish before the process exits"},
	{Name: "epoch-mode", Value: "MODE", Env: "PRESSPASS_EPOCH_MODE", Default: "auto",
		Help: "MySQL: lease (one server), per-request (a cluster, or a proxy in front of several primaries), auto decides from the server and logs why"},
	{Name: "throttle", Value: "on|off", Env: "PRESSPASS_THROTTLE", Default: "on", Help: "count failed logins and lock out guessers"},
	{Name: "throttle-ip-failures", Value: "N", Env: "PRESSPASS_THROTTLE_IP_FAILURES", ShownDefault: "20",
		Help: "failures from one address that lock it"},
	{Name: "throttle-account-failures", Value: "N", Env: "PRESSPASS_THROTTLE_ACCOUNT_FAILURES", ShownDefault: "10",
		Help: "main-password failures that lock an account's main-password logins"},
	{Name: "throttle-window", Value: "D", Env: "PRESSPASS_THROTTLE_WINDOW", ShownDefault: "15m", Help: "counting window"},
	{Name: "throttle-lock", Value: "D", Env: "PRESSPASS_THROTTLE_LOCK", ShownDefault: "1m", Help: "first lock, doubled for each further one"},
	{Name: "throttle-max-lock", Value: "D", Env: "PRESSPASS_THROTTLE_MAX_LOCK", ShownDefault: "1h", Help: "longest lock"},
	{Name: "app-password-max-lifetime", Value: "D", Env: "PRESSPASS_APP_PASSWORD_MAX_LIFETIME",
		Help: "cap on new application passwords' lives, e.g. 90d"},
	{Name: "revoke-app-passwords-on-password-change", Env: "PRESSPASS_REVOKE_APP_PASSWORDS_ON_PASSWORD_CHANGE", Default: "false",
		Help: "revoke a user's application passwords when the main password changes"},
	{Name: "smtp-url", Value: "URL", Env: "PRESSPASS_SMTP_URL",
		Help: "smtp://USER:PASS@HOST:PORT?from=ADDRESS (or smtps://): e-mail users about their application passwords"},
	{Name: "uploads-dir", Value: "DIR", Env: "PRESSPASS_UPLOADS_DIR", ShownDefault: "uploads beside the SQLite file (MySQL: in the working directory)",
		Help: "where uploaded files go"},
	{Name: "upload-max-size", Value: "SIZE", Env: "PRESSPASS_UPLOAD_MAX_SIZE", Default: "64M", Help: "largest accepted upload (K, M, G suffixes)"},
	{Name: "max-post-size", Value: "SIZE", Env: "PRESSPASS_MAX_POST_SIZE", Default: "16M",
		Help: "largest post (title, content and excerpt together) a write may store; larger ones are refused (REST 413 rest_post_too_large, an XML-RPC fault)"},
	{Name: "uploads-s3-url", Value: "URL", Env: "PRESSPASS_UPLOADS_S3_URL",
		Help: "S3-compatible endpoint (https://s3.eu-west-1.amazonaws.com, http://minio:9000): store uploads in a bucket instead of --uploads-dir"},
	{Name: "uploads-s3-bucket", Value: "NAME", Env: "PRESSPASS_UPLOADS_S3_BUCKET", Help: "the bucket"},
	{Name: "uploads-s3-region", Value: "REGION", Env: "PRESSPASS_UPLOADS_S3_REGION", Default: "us-east-1", Help: "the bucket's region"},
	{Name: "uploads-s3-prefix", Value: "PREFIX", Env: "PRESSPASS_UPLOADS_S3_PREFIX", Help: "an optional key prefix in the bucket"},
	{Name: "uploads-s3-access-key", Value: "KEY", Env: "PRESSPASS_UPLOADS_S3_ACCESS_KEY", Help: "the bucket's access key (prefer the variable: flags show in ps)"},
	{Name: "uploads-s3-secret-key", Value: "KEY", Env: "PRESSPASS_UPLOADS_S3_SECRET_KEY", Help: "the bucket's secret key (prefer the variable)"},
	{Name: "protect-private-uploads", Value: "on|off", Env: "PRESSPASS_PROTECT_PRIVATE_UPLOADS", Default: "off",
		Help: "on serves a private attachment's file only to users who may read it (browser session or application password); WordPress serves it to anyone with the URL"},
	{Name: "uploads-public-url", Value: "URL", Env: "PRESSPASS_UPLOADS_PUBLIC_URL",
		Help: "with S3: a public base URL (CDN) for the bucket; without it PressPass serves the files itself"},
	{Env: "PRESSPASS_ADMIN_USER", Default: "admin", Help: "login of the first administrator on an empty database"},
	{Env: "PRESSPASS_ADMIN_PASSWORD", ShownDefault: "random, printed once", Help: "password of the first administrator"},

	// user
	{Name: "role", Value: "ROLE", Help: "the user's role", Commands: []string{"user create", "user update"}},
	{Name: "role", Value: "ROLE", Help: "only users of this role", Commands: []string{"user list"}},
	{Name: "user_pass", Value: "PW", Help: "the main password (create: random and printed when not given)", Commands: []string{"user create", "user update"}},
	{Name: "user_email", Value: "EMAIL", Help: "the e-mail address", Commands: []string{"user update"}},
	{Name: "display_name", Value: "NAME", Help: "the name shown on the site", Commands: []string{"user create", "user update"}},
	{Name: "first_name", Value: "NAME", Help: "first name", Commands: []string{"user create", "user update"}},
	{Name: "last_name", Value: "NAME", Help: "last name", Commands: []string{"user create", "user update"}},
	{Name: "nickname", Value: "NAME", Help: "nickname", Commands: []string{"user create", "user update"}},
	{Name: "user_url", Value: "URL", Help: "website", Commands: []string{"user create", "user update"}},
	{Name: "description", Value: "TEXT", Help: "biographical info", Commands: []string{"user create", "user update"}},
	{Name: "user_nicename", Value: "SLUG", Help: "the slug in author links", Commands: []string{"user create", "user update"}},
	{Name: "locale", Value: "LOCALE", Help: `the user's language: an installed language, or "" for the site's`, Commands: []string{"user create", "user update"}},
	{Name: "send-email", Help: "accepted for WP-CLI compatibility; no e-mail is sent", Commands: []string{"user create"}},
	{Name: "porcelain", Help: "print only the new user's id", Commands: []string{"user create"}},
	{Name: "reassign", Value: "USER", Help: "give the user's posts to this user (login, e-mail or id) instead of deleting them", Commands: []string{"user delete"}},
	{Name: "yes", Help: "delete the user's posts without asking", Commands: []string{"user delete"}},

	// app-password
	{Name: "app-id", Value: "UUID", Help: "the application's UUID", Commands: []string{"app-password create"}},
	{Name: "app-id", Value: "UUID", Help: "delete every password of this application", Commands: []string{"app-password delete"}},
	{Name: "porcelain", Help: "print only the password", Commands: []string{"app-password create"}},
	{Name: "expires", Value: "RFC3339", Help: "when the password stops working", Commands: []string{"app-password create"}},
	{Name: "expires-in", Value: "DAYS", Help: "the password stops working after this many days", Commands: []string{"app-password create"}},
	{Name: "scope", Value: "full|read", Help: "read: the password may only read (default full)", Commands: []string{"app-password create"}},
	{Name: "name", Value: "NAME", Help: "the new name", Commands: []string{"app-password update"}},
	{Name: "all", Help: "delete every application password of the user", Commands: []string{"app-password delete"}},
	{Name: "all-users", Help: "every user's application passwords (administrators' view)", Commands: []string{"app-password list"}},
	{Name: "user", Value: "USER", Help: "with --all-users: only this user's", Commands: []string{"app-password list"}},
	{Name: "app-id", Value: "UUID", Help: "with --all-users: only this application's", Commands: []string{"app-password list"}},
	{Name: "scope", Value: "full|read", Help: "with --all-users: only passwords of this scope", Commands: []string{"app-password list"}},
	{Name: "expired", Value: "true|false", Help: "with --all-users: only expired (or unexpired) passwords", Commands: []string{"app-password list"}},
	{Name: "unused-since", Value: "RFC3339", Help: "with --all-users: only passwords unused since then", Commands: []string{"app-password list"}},

	// output formats, shared by the list and get commands
	{Name: "format", Value: "table|json|csv|ids|count", Help: "output format (default table)", Commands: []string{"user list", "app-password list", "audit list"}},
	{Name: "format", Value: "table|json", Help: "output format (default table)", Commands: []string{"user get", "app-password get"}},
	{Name: "fields", Value: "a,b", Help: "the columns to show, in order", Commands: []string{"user list", "user get", "app-password list", "app-password get", "audit list"}},
	{Name: "field", Value: "F", Help: "print only this field's value", Commands: []string{"user get", "app-password get"}},

	// audit
	{Name: "user", Value: "USER", Help: "only this user's events", Commands: []string{"audit list"}},
	{Name: "event", Value: "E", Help: "only this event", Commands: []string{"audit list"}},
	{Name: "since", Value: "RFC3339", Help: "only events since then", Commands: []string{"audit list"}},
	{Name: "limit", Value: "N", Help: "at most N events (default 100)", Commands: []string{"audit list"}},

	// import
	{Name: "from", Value: "mysql://USER:PASS@HOST:PORT/DB", Help: "WordPress's database (read only)", Commands: []string{"import wordpress"}},
	{Name: "prefix", Value: "PREFIX", Help: "WordPress's table prefix (default wp_)", Commands: []string{"import wordpress"}},
	{Name: "dry-run", Help: "report what would be imported, change nothing", Commands: []string{"import wordpress"}},
	{Name: "format", Value: "text|json", Help: "the report's format (default text)", Commands: []string{"import wordpress"}},

	// doctor
	{Name: "user", Value: "USER:APP_PASSWORD", Help: "check authenticated requests with this application password", Commands: []string{"doctor"}},
	{Name: "token", Value: "TOKEN", Help: "a token from 'presspass doctor token' on the server", Commands: []string{"doctor"}},

	// loadtest
	{Name: "duration", Value: "D", Help: "how long each scenario runs (default 10s, at most 10m)", Commands: []string{"loadtest"}},
	{Name: "connections", Value: "N", Help: "concurrent connections (default 16)", Commands: []string{"loadtest"}},
	{Name: "max-requests", Value: "N", Help: "stop a scenario after N requests", Commands: []string{"loadtest"}},
	{Name: "scenarios", Value: "A,B,C,D", Help: "only these scenarios", Commands: []string{"loadtest"}},
	{Name: "large", Help: "also load 10,000 users and 100,000 posts", Commands: []string{"loadtest"}},
	{Name: "mix", Value: "D", Help: "also run the mixed scenario this long", Commands: []string{"loadtest"}},
	{Name: "keep", Help: "keep the loaded database afterwards", Commands: []string{"loadtest"}},
}

// logLevels are the levels --log-level takes.
var logLevels = []string{"debug", "info", "warn", "error"}

// settingDef returns the definition of a setting by flag name, or by
// variable for the settings that have no flag.
func settingDef(key string) flagDef {
	for _, d := range flagDefs {
		if d.setting() && (d.Name == key || d.Name == "" && d.Env == key) {
			return d
		}
	}
	panic("no setting " + key) // a typo in the code, caught by every test
}

// flagsOf returns the flags a command takes (with its subcommands') and the
// settings: what its parser accepts.
func flagsOf(command string) flagSpec {
	spec := flagSpec{}
	for _, d := range flagDefs {
		if d.Name != "" && (d.setting() || slices.ContainsFunc(d.Commands, func(c string) bool {
			return c == command || strings.HasPrefix(c, command+" ")
		})) {
			spec[d.Name] = d.Value != ""
		}
	}
	return spec
}

// commandFlags returns the flags one command or subcommand takes itself
// (no settings), in definition order.
func commandFlags(path string) []flagDef {
	var out []flagDef
	for _, d := range flagDefs {
		if slices.Contains(d.Commands, path) {
			out = append(out, d)
		}
	}
	return out
}

// settings returns the settings, in definition order.
func settings() []flagDef {
	var out []flagDef
	for _, d := range flagDefs {
		if d.setting() {
			out = append(out, d)
		}
	}
	return out
}

// usageForm is how a flag appears in a usage line: [--name=VALUE].
func (d flagDef) usageForm() string {
	if d.Value == "" {
		return "--" + d.Name
	}
	return "--" + d.Name + "=" + d.Value
}

// shownDefault is the default as help shows it ("" when there is none).
func (d flagDef) shownDefault() string {
	if d.ShownDefault != "" {
		return d.ShownDefault
	}
	return d.Default
}
