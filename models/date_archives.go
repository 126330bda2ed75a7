package models

import (
	"context"
	"time"
)

// ArchivePeriod is one entry of wp_get_archives' yearly, monthly or daily
// list: a period that holds published posts, how many, and its archive link.
// Month and Day are 0 where the period is coarser.
type ArchivePeriod struct {
	Year, Month, Day int
	Posts            int64
	Link             string
}

// DateArchivePeriods are the types of wp_get_archives that group posts by
// date.
var DateArchivePeriods = []string{"yearly", "monthly", "daily"}

// DateArchives is wp_get_archives' query for a yearly, monthly or daily
// list: published posts grouped by their (local) date, newest period
// first. Any other period answers nothing, as wp_get_archives prints
// nothing for a type it does not know. The dates come from the
// type-status-date index alone; grouping happens here because SQLite and
// MariaDB spell date parts differently. Errors: internal.
func (s *Store) DateArchives(ctx context.Context, period string) ([]ArchivePeriod, error) {
	if period != "yearly" && period != "monthly" && period != "daily" {
		return nil, nil
	}
	var dates []time.Time
	if err := s.withContext(ctx).Model(&Post{}).Where("type = ? AND status = ?", "post", "publish").
		Order("date DESC").Pluck("date", &dates).Error; err != nil {
		return nil, Internal(err)
	}
	var out []ArchivePeriod
	for _, d := range dates {
		p := ArchivePeriod{Year: d.Year()}
		if period != "yearly" {
			p.Month = int(d.Month())
		}
		if period == "daily" {
			p.Day = d.Day()
		}
		if n := len(out); n > 0 && out[n-1].Year == p.Year && out[n-1].Month == p.Month && out[n-1].Day == p.Day {
			out[n-1].Posts++
			continue
		}
		p.Posts = 1
		out = append(out, p)
	}
	for i := range out {
		out[i].Link = s.DateLink(ctx, out[i].Year, out[i].Month, out[i].Day)
	}
	return out, nil
}
