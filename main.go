// Command presspass is a server that speaks the WordPress API — REST under
// /wp-json/ and xmlrpc.php — with application passwords at its heart, plus
// WP-CLI-style admin commands.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/presspass/presspass/handlers/words"
	"github.com/presspass/presspass/models"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// exitError carries a specific exit status (e.g. app-password exists → 1)
// without a message.
type exitError struct{ code int }

func (e exitError) Error() string { return fmt.Sprintf("exit %d", e.code) }

// run dispatches a command line and returns the process exit status. Errors
// are printed to stderr as one line.
func run(ctx context.Context, argv []string, stdout, stderr io.Writer) int {
	if len(argv) == 0 {
		fmt.Fprint(stderr, usageText)
		return 2
	}
	cmd, rest := argv[0], argv[1:]
	var err error
	switch cmd {
	case "serve":
		err = cmdServe(ctx, rest, stdout, stderr)
	case "migrate":
		err = cmdMigrate(ctx, rest, stdout)
	case "fixtures":
		err = cmdFixtures(ctx, rest, stdout)
	case "user":
		err = cmdUser(ctx, rest, stdout)
	case "app-password":
		err = cmdAppPassword(ctx, rest, stdout)
	case "option":
		err = cmdOption(ctx, rest, stdout)
	case "import":
		err = cmdImport(ctx, rest, stdout)
	case "audit":
		err = cmdAudit(ctx, rest, stdout)
	case "loadtest":
		err = cmdLoadtest(ctx, rest, stdout)
	case "loadtest-ceiling":
		err = cmdLoadtestCeiling(ctx, rest)
	case "healthcheck":
		err = cmdHealthcheck(ctx, rest)
	case "doctor":
		err = cmdDoctor(ctx, rest, stdout)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usageText)
		return 0
	default:
		fmt.Fprintf(stderr, "Error: unknown command %q; see 'presspass help'\n", cmd)
		return 2
	}
	if err != nil {
		var ee exitError
		if errors.As(err, &ee) {
			return ee.code
		}
		fmt.Fprintf(stderr, "Error: %s\n", oneLine(err))
		return 1
	}
	return 0
}

// oneLine is err's first line, with a store error in it worded as the
// pages word it (WordPress's own messages, as WP-CLI prints them).
func oneLine(err error) string {
	msg := err.Error()
	var me *models.Error
	if errors.As(err, &me) {
		if worded, ok := words.Message(me); ok {
			msg = strings.Replace(msg, me.Error(), worded, 1)
		}
	}
	for i := 0; i < len(msg); i++ {
		if msg[i] == '\n' {
			return msg[:i]
		}
	}
	return msg
}

const usageText = `presspass — a WordPress-compatible API server with application passwords

Usage:
  presspass serve [flags]                 start the server
  presspass migrate                       apply database migrations
  presspass audit list [--user=USER] [--event=E] [--since=RFC3339] [--limit=N] [--format=table|json|csv|count]
  presspass loadtest [--duration=10s] [--connections=16] [--max-requests=N] [--scenarios=A,B,C,D] [--large] [--mix=60s] [--keep]
                                          performance table on a fresh database (loopback only)
  presspass healthcheck                   exit 0 when the local server answers /readyz
  presspass doctor URL [--user USER:APP_PASSWORD] [--token TOKEN]
                                          check a running site from outside: REST index, Authorization
                                          header, HTTPS, xmlrpc.php, clocks, uploads, schema (a checklist
                                          with fixes; exit 1 when a check fails). The token comes from
                                          'presspass doctor token' on the server, or is minted when the
                                          doctor is given the site's --database
  presspass doctor token                  print a one-time doctor token (10 minutes, single use)
  presspass fixtures load NAME|FILE.json  load a data set (demo, test) or a site description
  presspass user create LOGIN EMAIL [--role=ROLE] [--user_pass=PW] [--display_name=NAME] [--porcelain]
  presspass user list [--role=ROLE] [--format=table|json|csv|ids|count] [--fields=a,b]
  presspass user get USER [--format=table|json] [--field=F]
  presspass user update USER [--user_pass=PW] [--role=ROLE] [--display_name=NAME] [--user_email=E] [--first_name=F] [--last_name=L] [--locale=ja|en_US|""]
  presspass user delete USER [--reassign=ID] [--yes]
  presspass app-password create USER NAME [--app-id=UUID] [--porcelain] [--expires=RFC3339 | --expires-in=DAYS] [--scope=full|read]
  presspass app-password list USER [--format=table|json|csv|ids|count] [--fields=a,b]
  presspass app-password get USER UUID [--format=table|json] [--fields=a,b]
  presspass app-password update USER UUID --name=NAME
  presspass app-password delete USER UUID... | USER --all | USER --app-id=UUID
  presspass app-password list --all-users [--user=USER] [--app-id=UUID] [--scope=S] [--expired=true|false] [--unused-since=T]
  presspass app-password exists USER NAME   (exit status 0 when it exists, 1 when not)
  presspass app-password record-usage USER UUID
  presspass option get NAME
  presspass option update NAME VALUE      e.g. option update WPLANG ja (the site language; "" is English)
  presspass import wordpress --from mysql://USER:PASS@HOST:PORT/DB [--prefix wp_] [--dry-run] [--format=text|json]
                                          move a site in from WordPress's database (read-only; ids kept;
                                          run again to pick up changes)
  USER is a login, an email address or a numeric id.

Flags (each has an environment variable twin; flags win):
  --addr HOST:PORT           PRESSPASS_ADDR             listen address (default 127.0.0.1:8080)
  --database URL             PRESSPASS_DATABASE_URL     sqlite:PATH (default sqlite:presspass.db) or
                                                        mysql://USER:PASS@HOST:PORT/DBNAME?params
  --site-url URL             PRESSPASS_SITE_URL         public base URL for links (default http://ADDR)
  --environment ENV          PRESSPASS_ENVIRONMENT      local or production (default: local on a loopback
                                                        address, production otherwise)
  --tls-cert FILE            PRESSPASS_TLS_CERT         serve HTTPS with this certificate …
  --tls-key FILE             PRESSPASS_TLS_KEY          … and key
  --trusted-proxies LIST     PRESSPASS_TRUSTED_PROXIES  comma-separated addresses/CIDRs whose
                                                        X-Forwarded-For / X-Forwarded-Proto are believed
  --two-factor-api-login     PRESSPASS_TWO_FACTOR_API_LOGIN  allow main-password API logins for
                                                        two-factor users (default false)
  --xmlrpc on|off            PRESSPASS_XMLRPC           authenticated XML-RPC methods (default on)
  --pingback on|off          PRESSPASS_PINGBACK         offer pingback.ping, which fetches the linking page
                                                        (default off)
  --outbound on|off          PRESSPASS_OUTBOUND         requests to other sites: pingback sources, the oEmbed
                                                        proxy's providers (default on; off stops both)
  --public-site on|off       PRESSPASS_PUBLIC_SITE      serve posts, pages, feeds, sitemaps and embeds at their
                                                        links (default on; off: those links answer 404)
  --templates-dir DIR        PRESSPASS_TEMPLATES_DIR    replace the public site's built-in templates with
                                                        the files of the same name in DIR
  --app-password-max-lifetime D  PRESSPASS_APP_PASSWORD_MAX_LIFETIME  cap on new application passwords'
                                                        lives, e.g. 90d (default: none)
  --revoke-app-passwords-on-password-change  PRESSPASS_REVOKE_APP_PASSWORDS_ON_PASSWORD_CHANGE
                                                        revoke a user's application passwords when their
                                                        main password changes (default false)
  --smtp-url URL             PRESSPASS_SMTP_URL         smtp://USER:PASS@HOST:PORT?from=ADDRESS (or smtps://):
                                                        e-mail users about their application passwords
  --uploads-dir DIR          PRESSPASS_UPLOADS_DIR      uploaded files (default: uploads beside the SQLite file)
  --upload-max-size SIZE     PRESSPASS_UPLOAD_MAX_SIZE  largest upload, e.g. 64M (default 64M)
  --uploads-s3-url URL       PRESSPASS_UPLOADS_S3_URL   store uploads in an S3-compatible bucket instead, with
                                                        --uploads-s3-bucket, --uploads-s3-region, --uploads-s3-prefix,
                                                        --uploads-s3-access-key, --uploads-s3-secret-key (or their
                                                        PRESSPASS_UPLOADS_S3_* variables) and optionally
                                                        --uploads-public-url (a CDN in front of the bucket)
  --log-level LEVEL          PRESSPASS_LOG_LEVEL        debug, info, warn, error (default info)
  --log-format text|json     PRESSPASS_LOG_FORMAT       log lines as slog text or JSON (default text)
  --shutdown-timeout D       PRESSPASS_SHUTDOWN_TIMEOUT  on SIGTERM/SIGINT, how long requests in flight may
                                                        take to finish before the process exits (default 20s)
  --epoch-mode MODE          PRESSPASS_EPOCH_MODE       MySQL: how a process learns that another changed something:
                                                        lease (one server), per-request (a cluster, or a proxy
                                                        in front of several primaries), auto (default: decided
                                                        from the server, logged at start)
  --throttle on|off          PRESSPASS_THROTTLE         count failed logins and lock out guessers (default on)
  --throttle-ip-failures N   PRESSPASS_THROTTLE_IP_FAILURES       failures from one address that lock it (20)
  --throttle-account-failures N  PRESSPASS_THROTTLE_ACCOUNT_FAILURES  main-password failures that lock an
                                                        account's main-password logins (10)
  --throttle-window D        PRESSPASS_THROTTLE_WINDOW  counting window (15m)
  --throttle-lock D          PRESSPASS_THROTTLE_LOCK    first lock, doubled for each further one (1m)
  --throttle-max-lock D      PRESSPASS_THROTTLE_MAX_LOCK  longest lock (1h)
  First administrator on an empty database: PRESSPASS_ADMIN_USER (default admin) and
  PRESSPASS_ADMIN_PASSWORD (default: random, printed once).
`
