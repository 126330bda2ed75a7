package main

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/kolo/xmlrpc"
	"github.com/presspass/presspass/models"
	"github.com/presspass/presspass/rest"
)

// `presspass doctor URL` checks a running site from outside, as a client
// would, and prints a checklist with the fix for each failure. The server's
// own view (did the Authorization header arrive, which scheme did it see,
// its clocks, schema and uploads) comes from GET /presspass/v1/doctor, asked
// with a one-time token: minted here when the doctor can reach the site's
// database (--database or PRESSPASS_DATABASE_URL), or given with --token
// after `presspass doctor token` on the server.

// doctorProbe is the Authorization header the doctor sends beside its token:
// not a credential (REST ignores schemes other than Basic), only something
// for the server to see arrive.
const doctorProbe = "PressPass-Doctor probe"

// clockTolerance is how far the server's and the database's clocks may
// differ before application passwords' expiry and last-used times drift.
const clockTolerance = 60 * time.Second

type doctorCheck struct {
	name   string
	ok     bool
	detail string
	fix    string
}

type doctor struct {
	base   string // the site's URL without a trailing slash
	client *http.Client
	checks []doctorCheck
}

func (d *doctor) pass(name, detail string) {
	d.checks = append(d.checks, doctorCheck{name: name, ok: true, detail: detail})
}

func (d *doctor) fail(name, detail, fix string) {
	d.checks = append(d.checks, doctorCheck{name: name, detail: detail, fix: fix})
}

func cmdDoctor(ctx context.Context, raw []string, out io.Writer) error {
	a, err := parseArgs(raw, flagsOf("doctor"))
	if err != nil {
		return err
	}
	if len(a.pos) == 1 && a.pos[0] == "token" {
		return withStore(ctx, raw, flagSpec{}, func(s *models.Store, _ *args) error {
			token, err := s.IssueDoctorToken(ctx)
			if err != nil {
				return err
			}
			fmt.Fprintf(out, "%s\n(one use, within %s: presspass doctor URL --token TOKEN)\n", token, models.DoctorTokenLifetime)
			return nil
		})
	}
	if err := a.need(1, 1, "doctor URL [--user USER:APP_PASSWORD] [--token TOKEN] | doctor token"); err != nil {
		return err
	}
	u, err := url.Parse(a.pos[0])
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("doctor: %q is not an http(s) URL", a.pos[0])
	}
	token := a.str("token", "", "")
	if token == "" && (a.has("database") || os.Getenv("PRESSPASS_DATABASE_URL") != "") {
		if token, err = mintDoctorToken(ctx, a); err != nil {
			return err
		}
	}
	var user, pass string
	if v := a.str("user", "", ""); v != "" {
		var ok bool
		if user, pass, ok = strings.Cut(v, ":"); !ok || user == "" || pass == "" {
			return fmt.Errorf("--user: want USER:APP_PASSWORD")
		}
	}
	d := &doctor{base: strings.TrimRight(u.String(), "/"), client: &http.Client{Timeout: 15 * time.Second}}
	d.run(ctx, u.Scheme == "https", token, user, pass)
	failed := d.print(out)
	if failed > 0 {
		return exitError{code: 1}
	}
	return nil
}

// mintDoctorToken issues a token through the site's database.
func mintDoctorToken(ctx context.Context, a *args) (string, error) {
	c, err := loadConfig(a)
	if err != nil {
		return "", err
	}
	s, err := models.Open(ctx, c.DatabaseURL)
	if err != nil {
		return "", err
	}
	defer s.Close()
	return s.IssueDoctorToken(ctx)
}

// print writes the checklist and returns how many checks failed.
func (d *doctor) print(out io.Writer) int {
	failed := 0
	for _, c := range d.checks {
		mark := "ok  "
		if !c.ok {
			mark = "FAIL"
			failed++
		}
		fmt.Fprintf(out, "[%s] %s: %s\n", mark, c.name, c.detail)
		if c.fix != "" {
			fmt.Fprintf(out, "       fix: %s\n", c.fix)
		}
	}
	if failed == 0 {
		fmt.Fprintf(out, "All %d checks passed.\n", len(d.checks))
	} else {
		fmt.Fprintf(out, "%d of %d checks failed.\n", failed, len(d.checks))
	}
	return failed
}

func (d *doctor) run(ctx context.Context, https bool, token, user, pass string) {
	d.checkIndex(ctx, https)
	d.checkServerView(ctx, https, token, user, pass)
	d.checkXMLRPC(ctx)
	if user != "" {
		d.checkAuthenticated(ctx, user, pass)
	}
}

func (d *doctor) hostname() string {
	u, _ := url.Parse(d.base)
	return u.Hostname()
}

// getJSON asks the site and decodes a JSON answer.
func (d *doctor) getJSON(ctx context.Context, path string, header http.Header, into any) (int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, d.base+path, nil)
	if err != nil {
		return 0, err
	}
	for k, v := range header {
		req.Header[k] = v
	}
	resp, err := d.client.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 4<<20))
	if err != nil {
		return resp.StatusCode, err
	}
	if err := json.Unmarshal(body, into); err != nil {
		return resp.StatusCode, fmt.Errorf("not JSON (%s)", resp.Status)
	}
	return resp.StatusCode, nil
}

func (d *doctor) checkIndex(ctx context.Context, https bool) {
	const name = "REST API index"
	var index struct {
		Authentication map[string]json.RawMessage `json:"authentication"`
	}
	status, err := d.getJSON(ctx, "/wp-json/", nil, &index)
	if err != nil || status != http.StatusOK {
		d.fail(name, fmt.Sprintf("%s/wp-json/ did not answer with the index (status %d, %v)", d.base, status, err),
			"check the URL, and that the web server or proxy forwards /wp-json/ to PressPass")
		return
	}
	d.pass(name, "answers at /wp-json/")
	const apName = "Application passwords announced"
	if _, ok := index.Authentication["application-passwords"]; ok {
		d.pass(apName, "the index lists authentication.application-passwords")
		return
	}
	fix := "application passwords are offered only over HTTPS outside a local environment: serve the site over HTTPS"
	if https {
		fix = "the server does not see the request as HTTPS: list the proxy in --trusted-proxies (PRESSPASS_TRUSTED_PROXIES) and have it send X-Forwarded-Proto: https"
	}
	d.fail(apName, "the index does not list authentication.application-passwords", fix)
}

// doctorView is the server's answer at /presspass/v1/doctor.
type doctorView struct {
	AuthorizationHeader bool   `json:"authorization_header"`
	Scheme              string `json:"scheme"`
	ServerTime          string `json:"server_time"`
	DatabaseTime        string `json:"database_time"`
	Schema              struct {
		Latest  int   `json:"latest"`
		Missing []int `json:"missing"`
		Unknown []int `json:"unknown"`
	} `json:"schema"`
	UploadsWritable bool `json:"uploads_writable"`
}

func (d *doctor) checkServerView(ctx context.Context, https bool, token, user, pass string) {
	const name = "Server-side checks"
	h := http.Header{}
	switch {
	case token != "":
		h.Set("Authorization", doctorProbe)
		h.Set(rest.DoctorTokenHeader, token)
	case user != "":
		h.Set("Authorization", basicAuth(user, pass))
	default:
		d.fail(name, "not run: no token and no administrator's application password",
			"run `presspass doctor token` on the server and pass --token, run the doctor with the site's --database, or pass --user ADMIN:APP_PASSWORD")
		return
	}
	var v doctorView
	status, err := d.getJSON(ctx, "/wp-json/presspass/v1/doctor", h, &v)
	if err != nil || status != http.StatusOK {
		fix := "the token is single-use and lives 10 minutes: mint a new one with `presspass doctor token`"
		if token == "" {
			fix = "--user must name an administrator and one of their application passwords; if it does, the Authorization header is probably lost on the way (run with a token to find out)"
		}
		d.fail(name, fmt.Sprintf("/wp-json/presspass/v1/doctor refused (status %d, %v)", status, err), fix)
		return
	}

	const authName = "Authorization header reaches PressPass"
	if v.AuthorizationHeader {
		d.pass(authName, "the header the client sent arrived")
	} else {
		d.fail(authName, "the Authorization header is missing: the web server, proxy or CGI layer in front of PressPass drops it, so applications cannot log in with application passwords",
			"configure the front end to pass the Authorization header through unchanged (Apache with CGI/FastCGI: `CGIPassAuth On`, or `RewriteRule .* - [E=HTTP_AUTHORIZATION:%{HTTP:Authorization}]`; nginx: no `proxy_set_header Authorization \"\"`; a load balancer or WAF: allow the header); if you cannot, ask your hosting provider")
	}

	const schemeName = "HTTPS seen as HTTPS"
	switch {
	case https && v.Scheme == "https":
		d.pass(schemeName, "the server sees https")
	case https:
		d.fail(schemeName, "the site is reached over https but the server sees "+v.Scheme,
			"list the TLS proxy's address in --trusted-proxies (PRESSPASS_TRUSTED_PROXIES) and have it send X-Forwarded-Proto: https")
	case isLoopbackHost(d.hostname()):
		d.pass(schemeName, "plain http on a loopback address: a local trial only")
	default:
		d.fail(schemeName, "the site is reached over plain http: application passwords cross the network readable",
			"put a TLS proxy in front (see the compose file's comments) or serve HTTPS with --tls-cert/--tls-key, and use the https:// URL")
	}

	const clockName = "Clock agrees with the database"
	st, err1 := time.Parse(time.RFC3339, v.ServerTime)
	dt, err2 := time.Parse(time.RFC3339, v.DatabaseTime)
	switch skew := st.Sub(dt).Abs(); {
	case err1 != nil || err2 != nil:
		d.fail(clockName, "the server did not report both clocks", "check that the database answers (GET /readyz)")
	case skew > clockTolerance:
		d.fail(clockName, fmt.Sprintf("the server's and the database's clocks differ by %s", skew.Round(time.Second)),
			"keep both machines' clocks synchronised (NTP: chrony or systemd-timesyncd); expiries and last-used times depend on it")
	default:
		d.pass(clockName, fmt.Sprintf("within %s", clockTolerance))
	}

	const uploadsName = "Uploads writable"
	if v.UploadsWritable {
		d.pass(uploadsName, "a test file was stored and removed")
	} else {
		d.fail(uploadsName, "the server could not store a file where uploads go",
			"make --uploads-dir writable by the server's user (in the container image: /data), or check --uploads-s3-url, the bucket and its keys")
	}

	const schemaName = "Database migrated"
	switch {
	case len(v.Schema.Missing) > 0:
		d.fail(schemaName, fmt.Sprintf("steps %v of the server's schema are not applied", v.Schema.Missing),
			"run `presspass migrate` with the server's binary (the server migrates itself when it starts)")
	case len(v.Schema.Unknown) > 0:
		d.fail(schemaName, fmt.Sprintf("the database has steps %v this server does not know: a newer PressPass migrated it", v.Schema.Unknown),
			"upgrade every process on this database to the newest binary")
	default:
		d.pass(schemaName, fmt.Sprintf("at the server's version (step %d)", v.Schema.Latest))
	}
}

func (d *doctor) checkXMLRPC(ctx context.Context) {
	const name = "xmlrpc.php answers system.listMethods"
	var methods []string
	if err := d.xmlrpcCall(ctx, "system.listMethods", nil, &methods); err != nil {
		d.fail(name, err.Error(), "forward /xmlrpc.php to PressPass (POST with its body and Authorization unchanged)")
		return
	}
	d.pass(name, fmt.Sprintf("%d methods", len(methods)))
}

func (d *doctor) checkAuthenticated(ctx context.Context, user, pass string) {
	const restName = "Authenticated REST call"
	var me struct {
		ID   int64  `json:"id"`
		Slug string `json:"slug"`
		Code string `json:"code"`
	}
	h := http.Header{}
	h.Set("Authorization", basicAuth(user, pass))
	status, err := d.getJSON(ctx, "/wp-json/wp/v2/users/me", h, &me)
	switch {
	case err == nil && status == http.StatusOK && me.ID > 0:
		d.pass(restName, fmt.Sprintf("/wp/v2/users/me answered as user %d", me.ID))
	case status == http.StatusOK:
		d.fail(restName, "/wp/v2/users/me answered anonymously: the credentials did not arrive",
			"see the Authorization header check above")
	default:
		d.fail(restName, fmt.Sprintf("/wp/v2/users/me: status %d %s %v", status, me.Code, err),
			"check the user name and the application password (not the account's main password)")
	}
	const xmlrpcName = "Authenticated XML-RPC call"
	var blogs []map[string]any
	if err := d.xmlrpcCall(ctx, "wp.getUsersBlogs", []any{user, pass}, &blogs); err != nil {
		d.fail(xmlrpcName, "wp.getUsersBlogs: "+err.Error(),
			"check the user name and the application password, and that XML-RPC is on (--xmlrpc on)")
		return
	}
	d.pass(xmlrpcName, "wp.getUsersBlogs answered")
}

func (d *doctor) xmlrpcCall(ctx context.Context, method string, params []any, into any) error {
	c, err := xmlrpc.NewClient(d.base+"/xmlrpc.php", nil)
	if err != nil {
		return err
	}
	defer c.Close()
	done := make(chan error, 1)
	go func() { done <- c.Call(method, params, into) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		return ctx.Err()
	case <-time.After(15 * time.Second):
		return fmt.Errorf("no answer within 15s")
	}
}

func basicAuth(user, pass string) string {
	return "Basic " + base64.StdEncoding.EncodeToString([]byte(user+":"+pass))
}
