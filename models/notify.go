package models

import (
	"context"
	"time"
)

// Notifications tell users about their application passwords (a PressPass
// extension): one is created for them, or one is used from a new address.

// Notification kinds.
const (
	NotifyAppPasswordCreated    = "app_password_created"
	NotifyAppPasswordNewAddress = "app_password_new_address"
)

// Notification is one message to a user.
type Notification struct {
	Kind      string
	UserLogin string
	UserEmail string
	// Locale is the language the message is written in: the recipient's
	// own, else the site's, as WordPress writes a user's notifications
	// inside switch_to_user_locale.
	Locale  string
	AppName string
	Time    time.Time
	IP      string
}

// Notifier delivers notifications. Implementations must not block: the
// request that caused a notification never waits for it or fails because of it.
type Notifier interface {
	Notify(ctx context.Context, n Notification)
}

func (s *Store) notify(ctx context.Context, kind string, u *User, appName, ip string) {
	if s.Notifier == nil || u == nil || u.Email == "" {
		return
	}
	s.Notifier.Notify(ctx, Notification{Kind: kind, UserLogin: u.Login, UserEmail: u.Email,
		Locale: UserLocale(s.Option(ctx, "WPLANG"), u), AppName: appName, Time: s.now(), IP: ip})
}
