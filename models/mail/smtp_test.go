package mail

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/presspass/presspass/fixtures/fixturestest"
	"github.com/presspass/presspass/models"
)

// fakeSMTP is a minimal SMTP server: it refuses the first `failFirst`
// messages with a temporary error and records the rest.
type fakeSMTP struct {
	ln        net.Listener
	mu        sync.Mutex
	failFirst int
	messages  []string
	rcpts     []string
}

func startFakeSMTP(t *testing.T, failFirst int) *fakeSMTP {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	f := &fakeSMTP{ln: ln, failFirst: failFirst}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			go f.serve(conn)
		}
	}()
	return f
}

func (f *fakeSMTP) serve(conn net.Conn) {
	defer conn.Close()
	r := bufio.NewReader(conn)
	say := func(s string) { io.WriteString(conn, s+"\r\n") }
	say("220 fake ESMTP")
	var rcpt string
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return
		}
		cmd := strings.ToUpper(strings.TrimSpace(line))
		switch {
		case strings.HasPrefix(cmd, "EHLO"), strings.HasPrefix(cmd, "HELO"):
			say("250 fake")
		case strings.HasPrefix(cmd, "MAIL FROM"):
			f.mu.Lock()
			fail := f.failFirst > 0
			if fail {
				f.failFirst--
			}
			f.mu.Unlock()
			if fail {
				say("451 try again later")
				continue
			}
			say("250 ok")
		case strings.HasPrefix(cmd, "RCPT TO"):
			rcpt = strings.TrimSpace(line[len("RCPT TO:"):])
			say("250 ok")
		case cmd == "DATA":
			say("354 go ahead")
			var b strings.Builder
			for {
				l, err := r.ReadString('\n')
				if err != nil {
					return
				}
				if l == ".\r\n" {
					break
				}
				b.WriteString(l)
			}
			f.mu.Lock()
			f.messages = append(f.messages, b.String())
			f.rcpts = append(f.rcpts, rcpt)
			f.mu.Unlock()
			say("250 queued")
		case cmd == "QUIT":
			say("221 bye")
			return
		case cmd == "RSET", cmd == "NOOP":
			say("250 ok")
		default:
			say("502 unknown")
		}
	}
}

func (f *fakeSMTP) wait(t *testing.T, n int) []string {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		f.mu.Lock()
		got := append([]string(nil), f.messages...)
		f.mu.Unlock()
		if len(got) >= n {
			return got
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("fewer than %d messages arrived", n)
	return nil
}

func TestNotificationsAreSentWithRetries(t *testing.T) {
	ctx := context.Background()
	srv := startFakeSMTP(t, 2)
	cfg, err := ParseURL("smtp://" + srv.ln.Addr().String() + "?from=site@example.com")
	if err != nil {
		t.Fatal(err)
	}
	n := New(cfg, "Test Site", "https://blog.example.com", slog.New(slog.NewTextHandler(io.Discard, nil)))
	n.Backoff = 10 * time.Millisecond
	defer n.Close(ctx)

	s := fixturestest.Open(t)
	s.Notifier = n
	login, email, pw := "uma", "uma@example.com", "pw"
	u, err := s.CreateUser(ctx, models.UserInput{Login: &login, Email: &email, Password: &pw})
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	ap, err := s.CreateAppPassword(ctx, u.ID, "Phone\r\nBcc: evil@example.com", "")
	if err != nil {
		t.Fatal(err)
	}
	if time.Since(start) > time.Second {
		t.Fatal("creating the password waited for the mail")
	}
	if _, _, err := s.AuthenticateAppPassword(ctx, "uma", ap.Password, models.ClientInfo{IP: "192.0.2.55"}); err != nil {
		t.Fatal(err)
	}
	msgs := srv.wait(t, 2)
	created, used := msgs[0], msgs[1]
	for _, want := range []string{"Subject: [Test Site] New application password: Phone", "To: uma@example.com",
		"https://blog.example.com/wp-admin/profile.php"} {
		if !strings.Contains(created, want) {
			t.Errorf("creation mail lacks %q:\n%s", want, created)
		}
	}
	if strings.Contains(created, "\nBcc:") {
		t.Error("a name injected a header")
	}
	if !strings.Contains(used, "192.0.2.55") || !strings.Contains(used, "new address") {
		t.Errorf("new-address mail:\n%s", used)
	}
	for _, m := range msgs {
		if strings.Contains(m, ap.Password) || strings.Contains(m, ap.Chunked()) {
			t.Fatal("a mail contains the password")
		}
	}
}

func TestParseURL(t *testing.T) {
	tests := []struct {
		in      string
		addr    string
		tls     bool
		wantErr bool
	}{
		{"smtp://user:pw@mail.example.com?from=a@example.com", "mail.example.com:587", false, false},
		{"smtps://mail.example.com", "mail.example.com:465", true, false},
		{"smtp://mail.example.com:2525", "mail.example.com:2525", false, false},
		{"http://mail.example.com", "", false, true},
		{"smtp://mail.example.com?from=nope", "", false, true},
	}
	for _, tt := range tests {
		c, err := ParseURL(tt.in)
		if (err != nil) != tt.wantErr || (err == nil && (c.Addr != tt.addr || c.TLS != tt.tls)) {
			t.Errorf("ParseURL(%q) = %+v, %v", tt.in, c, err)
		}
	}
}

// Each notification is written in its recipient's language, as WordPress
// writes a user's mail inside switch_to_user_locale: the user's own
// locale, else the site's; another user on the same site gets their own.
func TestNotificationsInTheRecipientsLanguage(t *testing.T) {
	ctx := context.Background()
	srv := startFakeSMTP(t, 0)
	cfg, err := ParseURL("smtp://" + srv.ln.Addr().String() + "?from=site@example.com")
	if err != nil {
		t.Fatal(err)
	}
	n := New(cfg, "Test Site", "https://blog.example.com", slog.New(slog.NewTextHandler(io.Discard, nil)))
	defer n.Close(ctx)
	s := fixturestest.Open(t)
	s.Notifier = n

	english := []string{"Subject: [Test Site] New application password: Phone",
		`A new application password named "Phone" was created for your account "%s".`,
		"If this was not you, revoke it on your profile page:"}
	japanese := []string{"Subject: [Test Site] 新しいアプリケーションパスワード: Phone",
		`アカウント "%s" に新しいアプリケーションパスワード "Phone" が作成されました。`,
		"心当たりがない場合は、プロフィールページで取り消してください:"}
	tests := []struct {
		name, wplang, locale string
		want                 []string
	}{
		{"a Japanese user on an English site", "", "ja", japanese},
		{"an English user on the same site", "", "", english},
		{"a user of the site's language on a Japanese site", "ja", "", japanese},
		{"a user who chose English on a Japanese site", "ja", "en_US", english},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := s.SetOption(ctx, "WPLANG", tt.wplang); err != nil {
				t.Fatal(err)
			}
			login, email, pw := fmt.Sprintf("user%d", i), fmt.Sprintf("user%d@example.com", i), "pw"
			u, err := s.CreateUser(ctx, models.UserInput{Login: &login, Email: &email, Password: &pw, Locale: &tt.locale})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := s.CreateAppPassword(ctx, u.ID, "Phone", ""); err != nil {
				t.Fatal(err)
			}
			msg := decodeHeaders(t, srv.wait(t, i+1)[i])
			for _, w := range tt.want {
				if strings.Contains(w, "%s") {
					w = fmt.Sprintf(w, login)
				}
				if !strings.Contains(msg, w) {
					t.Errorf("the mail lacks %q:\n%s", w, msg)
				}
			}
		})
	}
}

// decodeHeaders undoes the RFC 2047 encoding of a message's header lines.
func decodeHeaders(t *testing.T, msg string) string {
	head, body, _ := strings.Cut(msg, "\r\n\r\n")
	var d mime.WordDecoder
	decoded, err := d.DecodeHeader(head)
	if err != nil {
		t.Fatal(err)
	}
	return decoded + "\r\n\r\n" + body
}
