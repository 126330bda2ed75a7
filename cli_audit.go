package main

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/presspass/presspass/models"
)

var auditFlags = flagsOf("audit")

var auditFields = []string{"time", "event", "user_id", "login", "ip", "app_password", "detail"}

// cmdAudit lists the security audit trail, newest first.
func cmdAudit(ctx context.Context, raw []string, out io.Writer) error {
	return withStore(ctx, raw, auditFlags, func(s *models.Store, a *args) error {
		if err := a.need(1, 1, "audit list [--user=USER] [--event=E] [--since=RFC3339] [--limit=N] [--format=…]"); err != nil {
			return err
		}
		if a.pos[0] != "list" {
			return fmt.Errorf("unknown audit command %q; want list", a.pos[0])
		}
		f := models.AuditFilter{Event: a.str("event", "", ""), Limit: 100}
		if ref := a.str("user", "", ""); ref != "" {
			u, err := s.UserByRef(ctx, ref)
			if err != nil {
				return err
			}
			f.UserID = u.ID
		}
		if v := a.str("since", "", ""); v != "" {
			t, err := time.Parse(time.RFC3339, v)
			if err != nil {
				return fmt.Errorf("--since %q: want an RFC 3339 time such as 2026-01-02T15:04:05Z", v)
			}
			f.Since = &t
		}
		if v := a.str("limit", "", ""); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n < 1 {
				return fmt.Errorf("--limit %q: want a positive whole number", v)
			}
			f.Limit = n
		}
		events, _, err := s.AuditEvents(ctx, f)
		if err != nil {
			return err
		}
		rows := make([]record, len(events))
		for i, e := range events {
			rows[i] = record{fields: auditFields, values: map[string]any{
				"time": e.Time.UTC().Format(time.RFC3339), "event": e.Event, "user_id": e.UserID, "login": e.Login,
				"ip": e.IP, "app_password": e.AppPassword, "detail": e.Detail, "id": e.ID,
			}}
		}
		return printRecords(out, a.str("format", "", "table"), a.str("fields", "", ""), "id", rows, auditFields, append([]string{"id"}, auditFields...))
	})
}
