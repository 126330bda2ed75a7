// Package mail delivers PressPass's notifications by SMTP: asynchronously,
// with retries, never blocking or failing the request that caused them.
package mail

import (
	"context"
	"crypto/tls"
	"fmt"
	"log/slog"
	"mime"
	"net"
	"net/smtp"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/presspass/presspass/languages"
	"github.com/presspass/presspass/models"
)

// Config is parsed from PRESSPASS_SMTP_URL:
// smtp://USER:PASS@HOST:PORT?from=ADDRESS (plain, STARTTLS when offered) or
// smtps://… (TLS from the first byte).
type Config struct {
	Addr     string
	Host     string
	Username string
	Password string
	From     string
	TLS      bool
}

// ParseURL reads an SMTP URL.
func ParseURL(raw string) (Config, error) {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "smtp" && u.Scheme != "smtps") || u.Hostname() == "" {
		return Config{}, fmt.Errorf("SMTP URL: want smtp://USER:PASS@HOST:PORT?from=ADDRESS")
	}
	c := Config{Host: u.Hostname(), TLS: u.Scheme == "smtps", From: u.Query().Get("from")}
	port := u.Port()
	if port == "" {
		port = "587"
		if c.TLS {
			port = "465"
		}
	}
	c.Addr = net.JoinHostPort(c.Host, port)
	if u.User != nil {
		c.Username = u.User.Username()
		c.Password, _ = u.User.Password()
	}
	if c.From == "" {
		c.From = "presspass@" + c.Host
	}
	if !models.IsEmail(c.From) {
		return Config{}, fmt.Errorf("SMTP URL: from=%q is not an e-mail address", c.From)
	}
	return c, nil
}

// Notifier queues notifications and sends them from one goroutine, retrying
// each up to Attempts times with a growing pause. When the queue is full a
// notification is dropped and logged rather than slowing a request down.
type Notifier struct {
	cfg      Config
	siteName string
	siteURL  string
	queue    chan models.Notification
	logger   *slog.Logger
	done     chan struct{}
	// Attempts and Backoff shape the retries; tests shorten them.
	Attempts int
	Backoff  time.Duration
}

// New starts a notifier; Close stops it after the queue drains.
func New(cfg Config, siteName, siteURL string, logger *slog.Logger) *Notifier {
	n := &Notifier{cfg: cfg, siteName: siteName, siteURL: strings.TrimRight(siteURL, "/"),
		queue: make(chan models.Notification, 256), logger: logger, done: make(chan struct{}),
		Attempts: 5, Backoff: 2 * time.Second}
	go n.run()
	return n
}

// Notify queues n without blocking.
func (n *Notifier) Notify(_ context.Context, note models.Notification) {
	select {
	case n.queue <- note:
	default:
		n.logger.Warn("notification dropped: queue full", "kind", note.Kind, "user", note.UserLogin)
	}
}

// Close stops accepting notifications and waits (up to ctx) for the queue.
func (n *Notifier) Close(ctx context.Context) {
	close(n.queue)
	select {
	case <-n.done:
	case <-ctx.Done():
	}
}

func (n *Notifier) run() {
	defer close(n.done)
	for note := range n.queue {
		msg := n.compose(note)
		pause := n.Backoff
		for attempt := 1; attempt <= n.Attempts; attempt++ {
			err := n.send(note.UserEmail, msg)
			if err == nil {
				break
			}
			if attempt == n.Attempts {
				n.logger.Warn("notification not sent", "kind", note.Kind, "user", note.UserLogin, "attempts", attempt, "err", err)
				break
			}
			time.Sleep(pause)
			pause *= 2
		}
	}
}

// compose writes the message in the language models chose for its
// recipient (note.Locale). It names the app, the time and the address and
// links to the profile page where the password can be revoked; it never
// contains the password. Names are quoted as Go strings in the body, so a
// chosen name cannot start a line of its own.
func (n *Notifier) compose(note models.Notification) []byte {
	l := note.Locale
	var subject, what string
	switch note.Kind {
	case models.NotifyAppPasswordCreated:
		subject = fmt.Sprintf(languages.T(l, "[%[1]s] New application password: %[2]s"), n.siteName, note.AppName)
		what = fmt.Sprintf(languages.T(l, "A new application password named %[1]s was created for your account %[2]s."),
			strconv.Quote(note.AppName), strconv.Quote(note.UserLogin))
	default:
		subject = fmt.Sprintf(languages.T(l, "[%s] Application password used from a new address"), n.siteName)
		what = fmt.Sprintf(languages.T(l, "Your application password %[1]s (account %[2]s) was used from a new address: %[3]s."),
			strconv.Quote(note.AppName), strconv.Quote(note.UserLogin), note.IP)
	}
	when := fmt.Sprintf(languages.T(l, "Time: %s"), languages.DateTime(l, note.Time.UTC())+" UTC")
	revoke := languages.T(l, "If this was not you, revoke it on your profile page:")
	body := what + "\r\n\r\n" + when + "\r\n\r\n" + revoke + "\r\n" + n.siteURL + "/wp-admin/profile.php#application-passwords-section\r\n"
	var b strings.Builder
	fmt.Fprintf(&b, "From: %s\r\nTo: %s\r\nSubject: %s\r\nDate: %s\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n%s",
		n.cfg.From, note.UserEmail, mime.BEncoding.Encode("UTF-8", headerSafe(subject)), time.Now().UTC().Format(time.RFC1123Z), body)
	return []byte(b.String())
}

// headerSafe keeps user-chosen names from injecting header lines.
func headerSafe(s string) string { return strings.NewReplacer("\r", " ", "\n", " ").Replace(s) }

func (n *Notifier) send(to string, msg []byte) error {
	dialer := &net.Dialer{Timeout: 10 * time.Second}
	var conn net.Conn
	var err error
	if n.cfg.TLS {
		conn, err = tls.DialWithDialer(dialer, "tcp", n.cfg.Addr, &tls.Config{ServerName: n.cfg.Host, MinVersion: tls.VersionTLS12})
	} else {
		conn, err = dialer.Dial("tcp", n.cfg.Addr)
	}
	if err != nil {
		return err
	}
	_ = conn.SetDeadline(time.Now().Add(30 * time.Second))
	c, err := smtp.NewClient(conn, n.cfg.Host)
	if err != nil {
		conn.Close()
		return err
	}
	defer c.Close()
	if ok, _ := c.Extension("STARTTLS"); ok && !n.cfg.TLS {
		if err := c.StartTLS(&tls.Config{ServerName: n.cfg.Host, MinVersion: tls.VersionTLS12}); err != nil {
			return err
		}
	}
	if n.cfg.Username != "" {
		if err := c.Auth(smtp.PlainAuth("", n.cfg.Username, n.cfg.Password, n.cfg.Host)); err != nil {
			return err
		}
	}
	if err := c.Mail(n.cfg.From); err != nil {
		return err
	}
	if err := c.Rcpt(to); err != nil {
		return err
	}
	w, err := c.Data()
	if err != nil {
		return err
	}
	if _, err := w.Write(msg); err != nil {
		return err
	}
	if err := w.Close(); err != nil {
		return err
	}
	return c.Quit()
}
