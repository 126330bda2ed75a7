package models

import (
	"context"
	"log/slog"
	"time"

	"gorm.io/gorm"
)

// The audit trail records security events in the database. It never holds a
// password or a hash: only names, uuids, addresses and what happened.

// Audit event names.
const (
	AuditAppPasswordCreated = "app_password_created"
	AuditAppPasswordRenamed = "app_password_renamed"
	AuditAppPasswordRevoked = "app_password_revoked"
	AuditAppPasswordNewIP   = "app_password_new_address"
	AuditLoginFailed        = "login_failed"
	AuditLockout            = "lockout"
)

// AuditEvent is one entry of the audit trail.
type AuditEvent struct {
	ID        uint64    `gorm:"primaryKey;autoIncrement"`
	Time      time.Time `gorm:"not null;index:idx_audit_events_time"`
	Event     string    `gorm:"size:40;not null;index:idx_audit_events_event"`
	UserID    uint64    `gorm:"not null;default:0;index:idx_audit_events_user"`
	ActorID   uint64    `gorm:"not null;default:0"`
	IP        string    `gorm:"size:45;not null;default:''"`
	UserAgent string    `gorm:"size:255;not null;default:''"`
	// Login is the name a failed attempt used (the user may not exist).
	Login string `gorm:"size:191;not null;default:''"`
	// AppPassword is the uuid of the application password concerned.
	AppPassword string `gorm:"size:36;not null;default:''"`
	Detail      string `gorm:"size:255;not null;default:''"`
}

// TableName keeps the table name stable.
func (AuditEvent) TableName() string { return "audit_events" }

// audit writes an event; a failure to write it is logged, never returned, so
// that auditing cannot turn a successful action into an error.
func (s *Store) audit(ctx context.Context, tx *gorm.DB, ev AuditEvent) {
	if ev.Time.IsZero() {
		ev.Time = s.now()
	}
	if len(ev.UserAgent) > 255 {
		ev.UserAgent = ev.UserAgent[:255]
	}
	if len(ev.Login) > 191 {
		ev.Login = ev.Login[:191]
	}
	if len(ev.Detail) > 255 {
		ev.Detail = ev.Detail[:255]
	}
	db := tx
	if db == nil {
		db = s.withContext(ctx)
	}
	if err := db.Create(&ev).Error; err != nil {
		slog.Warn("audit event not written", "event", ev.Event, "err", err)
	}
}

// AuditFilter selects audit events.
type AuditFilter struct {
	UserID uint64
	Event  string
	Since  *time.Time
	Offset int
	Limit  int
}

// AuditEvents lists events, newest first, and the total number of matches.
func (s *Store) AuditEvents(ctx context.Context, f AuditFilter) ([]AuditEvent, int64, error) {
	q := s.withContext(ctx).Model(&AuditEvent{})
	if f.UserID != 0 {
		q = q.Where("user_id = ?", f.UserID)
	}
	if f.Event != "" {
		q = q.Where("event = ?", f.Event)
	}
	if f.Since != nil {
		q = q.Where("time >= ?", *f.Since)
	}
	var total int64
	if err := q.Count(&total).Error; err != nil {
		return nil, 0, Internal(err)
	}
	if f.Limit > 0 {
		q = q.Limit(f.Limit)
	}
	if f.Offset > 0 {
		q = q.Offset(f.Offset)
	}
	var out []AuditEvent
	if err := q.Order("time DESC, id DESC").Find(&out).Error; err != nil {
		return nil, 0, Internal(err)
	}
	return out, total, nil
}
