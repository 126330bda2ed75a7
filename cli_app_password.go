package main

//lint:file-ignore ST1005 the CLI prints its errors to people as they are, whole sentences (see cli_errors.go)

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/presspass/presspass/models"
)

var appPasswordFlags = flagsOf("app-password")

// appPasswordFields are every field of an application password, in order.
var appPasswordFields = []string{"uuid", "app_id", "name", "scope", "created", "expires", "last_used", "last_ip", "user_id"}

// appPasswordColumns are the list's default columns: scope and expiry join
// them whenever a listed password is read-only or expires, so that the CLI
// always shows what limits a password.
func appPasswordColumns(list []models.AppPassword) []string {
	limited, expiring := false, false
	for _, ap := range list {
		limited = limited || ap.Scope != models.ScopeFull
		expiring = expiring || ap.Expires != nil
	}
	cols := []string{"uuid", "app_id", "name"}
	if limited {
		cols = append(cols, "scope")
	}
	cols = append(cols, "created")
	if expiring {
		cols = append(cols, "expires")
	}
	return append(cols, "last_used", "last_ip")
}

func appPasswordRecord(ap *models.AppPassword) record {
	var lastUsed any
	if ap.LastUsed != nil {
		lastUsed = ap.LastUsed.UTC().Format(time.RFC3339)
	}
	fields := appPasswordColumns([]models.AppPassword{*ap})
	return record{
		fields: append(fields, "user_id"),
		values: map[string]any{
			"uuid": ap.UUID, "app_id": ap.AppID, "name": ap.Name, "created": ap.Created.UTC().Format(time.RFC3339),
			"last_used": lastUsed, "last_ip": ap.LastIP, "user_id": ap.UserID, "scope": ap.Scope,
			"expires": formatOptionalTime(ap.Expires),
		},
	}
}

func formatOptionalTime(t *time.Time) any {
	if t == nil {
		return nil
	}
	return t.UTC().Format(time.RFC3339)
}

// expiryFromFlags reads --expires (RFC 3339) or --expires-in (days).
func expiryFromFlags(a *args, now time.Time) (*time.Time, error) {
	if v := a.str("expires", "", ""); v != "" {
		t, err := time.Parse(time.RFC3339, v)
		if err != nil {
			return nil, fmt.Errorf("--expires %q: want an RFC 3339 time such as 2027-01-02T15:04:05Z", v)
		}
		return &t, nil
	}
	if v := a.str("expires-in", "", ""); v != "" {
		var days int
		if _, err := fmt.Sscan(v, &days); err != nil || days < 1 {
			return nil, fmt.Errorf("--expires-in %q: want a number of days", v)
		}
		t := now.Add(time.Duration(days) * 24 * time.Hour)
		return &t, nil
	}
	return nil, nil
}

func cmdAppPassword(ctx context.Context, raw []string, out io.Writer) error {
	return withStore(ctx, raw, appPasswordFlags, func(s *models.Store, a *args) error {
		if len(a.pos) == 1 && a.pos[0] == "list" && a.has("all-users") {
			return appPasswordListAll(ctx, s, a, out)
		}
		if len(a.pos) == 0 {
			return fmt.Errorf("say what to do with application passwords: %s. See 'presspass help app-password'.", subcommandNames("app-password"))
		}
		if len(a.pos) < 2 {
			if _, ok := commandDefFor("app-password " + a.pos[0]); !ok {
				return unknownSubcommand("app-password", a.pos[0])
			}
			c, _ := commandDefFor("app-password " + a.pos[0])
			return fmt.Errorf("say which user: %s. See 'presspass help app-password %s'.", usageLine(c), a.pos[0])
		}
		sub := a.pos[0]
		if _, ok := commandDefFor("app-password " + sub); !ok {
			return unknownSubcommand("app-password", sub)
		}
		if err := a.onlyFlagsOf("app-password " + sub); err != nil {
			return err
		}
		if sub == "list" && (a.has("user") || a.has("app-id") || a.has("scope") || a.has("expired") || a.has("unused-since")) {
			return fmt.Errorf("--user, --app-id, --scope, --expired and --unused-since go with --all-users.")
		}
		u, err := s.UserByRef(ctx, a.pos[1])
		if err != nil {
			return err
		}
		a.pos = a.pos[2:]
		switch sub {
		case "create":
			if err := a.need(1, 1, "app-password create USER NAME [--app-id=UUID] [--porcelain]"); err != nil {
				return err
			}
			expires, err := expiryFromFlags(a, s.Now())
			if err != nil {
				return err
			}
			n, err := s.CreateAppPasswordWith(ctx, u.ID, models.AppPasswordOptions{Name: a.pos[0],
				AppID: a.str("app-id", "", ""), Expires: expires, Scope: a.str("scope", "", "")})
			if err != nil {
				return err
			}
			if a.has("porcelain") {
				fmt.Fprintln(out, n.Password)
				return nil
			}
			fmt.Fprintf(out, "Success: Created application password.\nPassword: %s\n", n.Chunked())
			return nil
		case "list":
			if err := a.need(0, 0, "app-password list USER [--format=…] [--fields=…]"); err != nil {
				return err
			}
			list, err := s.AppPasswords(ctx, u.ID)
			if err != nil {
				return err
			}
			rows := make([]record, len(list))
			for i := range list {
				rows[i] = appPasswordRecord(&list[i])
			}
			return printRecords(out, a.str("format", "", "table"), a.str("fields", "", ""), "uuid", rows, appPasswordColumns(list), appPasswordFields)
		case "get":
			if err := a.need(1, 1, "app-password get USER UUID [--format=table|json]"); err != nil {
				return err
			}
			ap, err := s.AppPasswordByUUID(ctx, u.ID, a.pos[0])
			if err != nil {
				return err
			}
			return printRecord(out, a.str("format", "", "table"), a.str("fields", "", ""), a.str("field", "", ""), appPasswordRecord(ap))
		case "update":
			if err := a.need(1, 1, "app-password update USER UUID --name=NAME"); err != nil {
				return err
			}
			name := a.opt("name")
			if name == nil {
				return fmt.Errorf("need --name=NAME")
			}
			if _, err := s.RenameAppPassword(ctx, u.ID, a.pos[0], *name); err != nil {
				return err
			}
			fmt.Fprintln(out, "Success: Updated application password.")
			return nil
		case "delete":
			return appPasswordDelete(ctx, s, a, u, out)
		case "exists":
			if err := a.need(1, 1, "app-password exists USER NAME"); err != nil {
				return err
			}
			ok, err := s.AppPasswordNameExists(ctx, u.ID, a.pos[0])
			if err != nil {
				return err
			}
			if !ok {
				return exitError{1}
			}
			return nil
		case "record-usage":
			if err := a.need(1, 1, "app-password record-usage USER UUID"); err != nil {
				return err
			}
			ap, err := s.AppPasswordByUUID(ctx, u.ID, a.pos[0])
			if err != nil {
				return err
			}
			if err := s.RecordAppPasswordUsage(ctx, ap, "127.0.0.1", true); err != nil {
				return err
			}
			fmt.Fprintln(out, "Success: Recorded application password usage.")
			return nil
		}
		return unknownSubcommand("app-password", sub)
	})
}

func appPasswordDelete(ctx context.Context, s *models.Store, a *args, u *models.User, out io.Writer) error {
	if appID := a.str("app-id", "", ""); appID != "" {
		if len(a.pos) > 0 || a.has("all") {
			return fmt.Errorf("give UUIDs, --app-id or --all, only one")
		}
		n, err := s.DeleteAppPasswordsByAppID(ctx, u.ID, appID)
		if err != nil {
			return err
		}
		fmt.Fprintln(out, deletedAppPasswords(n, " of app "+appID))
		return nil
	}
	if a.has("all") {
		if len(a.pos) > 0 {
			return fmt.Errorf("give UUIDs or --all, not both")
		}
		n, err := s.DeleteAllAppPasswords(ctx, u.ID)
		if err != nil {
			return err
		}
		fmt.Fprintln(out, deletedAppPasswords(n, ""))
		return nil
	}
	if err := a.need(1, -1, "app-password delete USER UUID... | USER --all"); err != nil {
		return err
	}
	// Check every uuid first so that a typo deletes nothing.
	for _, id := range a.pos {
		if _, err := s.AppPasswordByUUID(ctx, u.ID, id); err != nil {
			return fmt.Errorf("%s: %w", id, err)
		}
	}
	for _, id := range a.pos {
		if _, err := s.DeleteAppPassword(ctx, u.ID, id); err != nil {
			return err
		}
	}
	fmt.Fprintln(out, deletedAppPasswords(int64(len(a.pos)), ""))
	return nil
}

// appPasswordListAll is the administrators' view of every application
// password on the site (a PressPass extension).
func appPasswordListAll(ctx context.Context, s *models.Store, a *args, out io.Writer) error {
	f := models.AppPasswordFilter{AppID: a.str("app-id", "", ""), Scope: a.str("scope", "", "")}
	if ref := a.str("user", "", ""); ref != "" {
		u, err := s.UserByRef(ctx, ref)
		if err != nil {
			return err
		}
		f.UserID = u.ID
	}
	if v := a.str("expired", "", ""); v != "" {
		b := v == "true" || v == "1"
		if !b && v != "false" && v != "0" {
			return fmt.Errorf("--expired %q: want true or false", v)
		}
		f.Expired = &b
	}
	if v := a.str("unused-since", "", ""); v != "" {
		t, err := time.Parse(time.RFC3339, v)
		if err != nil {
			return fmt.Errorf("--unused-since %q: want an RFC 3339 time", v)
		}
		f.UnusedSince = &t
	}
	list, _, err := s.AllAppPasswords(ctx, f)
	if err != nil {
		return err
	}
	rows := make([]record, len(list))
	for i := range list {
		rows[i] = appPasswordRecord(&list[i].AppPassword)
		rows[i].values["user"] = list[i].UserLogin
	}
	cols := []string{"user", "uuid", "app_id", "name", "scope", "created", "expires", "last_used", "last_ip"}
	return printRecords(out, a.str("format", "", "table"), a.str("fields", "", ""), "uuid", rows, cols, append(cols, "user_id"))
}

// deletedAppPasswords says how many passwords a delete removed.
func deletedAppPasswords(n int64, of string) string {
	if n == 0 {
		return "Success: No application passwords" + of + " to delete."
	}
	return "Success: Deleted " + plural(n, "application password", "application passwords") + of + "."
}
