package models

import (
	"context"
	"log/slog"
	"time"

	"gorm.io/gorm"
)

// Scheduled posts: a post saved as "publish" with a date in the future gets
// the status "future" (settleDates); when its date comes, WordPress's cron
// publishes it (publish_future_post). PressPass does the same from a ticker
// started by the server.

// PublishDuePosts publishes every scheduled post whose date has come and
// reports how many. Errors: internal.
func (s *Store) PublishDuePosts(ctx context.Context) (int64, error) {
	now := s.now()
	due := func() *gorm.DB {
		return s.withContext(ctx).Model(&Post{}).Where("status = ? AND date_gmt <= ? AND type IN ?", "future", now, []string{"post", "page"})
	}
	// Look before writing, so that an idle site takes no write lock.
	var n int64
	if err := due().Count(&n).Error; err != nil {
		return 0, Internal(err)
	}
	if n == 0 {
		return 0, nil
	}
	res := due().Update("status", "publish")
	if res.Error != nil {
		return 0, Internal(res.Error)
	}
	return res.RowsAffected, nil
}

// RunScheduledPublishing calls PublishDuePosts at once and then every
// interval until ctx is done, logging failures.
func (s *Store) RunScheduledPublishing(ctx context.Context, interval time.Duration, log *slog.Logger) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		if n, err := s.PublishDuePosts(ctx); err != nil {
			if ctx.Err() != nil {
				return
			}
			log.Error("publishing scheduled posts failed", "err", err)
		} else if n > 0 {
			log.Info("published scheduled posts", "count", n)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
