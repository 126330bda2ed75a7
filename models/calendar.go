package models

import (
	"context"
	"time"

	"gorm.io/gorm"
)

// CalendarMonth is what get_calendar shows of one month: the days that
// have published posts, linked to their day archives, and the nearest
// earlier and later months with posts, linked to their month archives.
type CalendarMonth struct {
	Year, Month int
	// HasPosts is false when the site has no published post at all (the
	// block then shows a note instead of a calendar).
	HasPosts bool
	// DayLinks maps each day of the month with a published post to its
	// day archive.
	DayLinks map[int]string
	// Prev and Next are nil when no published post lies before or after.
	Prev, Next *CalendarNeighbour
}

// CalendarNeighbour is a month with posts and its archive link.
type CalendarNeighbour struct {
	Year, Month int
	Link        string
}

// Calendar is get_calendar's queries for year and month (site-local
// dates, published posts of type post): three queries, the month's post
// dates, the latest post before it and the earliest after it. Errors:
// internal.
func (s *Store) Calendar(ctx context.Context, year, month int) (*CalendarMonth, error) {
	start := time.Date(year, time.Month(month), 1, 0, 0, 0, 0, time.UTC)
	year, month = start.Year(), int(start.Month())
	// WordPress bounds the month by its last day at 23:59:59.
	end := start.AddDate(0, 1, -1).Add(24*time.Hour - time.Second)
	base := func() *gorm.DB {
		return s.withContext(ctx).Model(&Post{}).Where("type = ? AND status = ?", "post", "publish")
	}
	var dates []time.Time
	if err := base().Where("date >= ? AND date <= ?", start, end).Pluck("date", &dates).Error; err != nil {
		return nil, Internal(err)
	}
	var before, after []time.Time
	if err := base().Where("date < ?", start).Order("date DESC").Limit(1).Pluck("date", &before).Error; err != nil {
		return nil, Internal(err)
	}
	if err := base().Where("date > ?", end).Order("date ASC").Limit(1).Pluck("date", &after).Error; err != nil {
		return nil, Internal(err)
	}
	out := &CalendarMonth{Year: year, Month: month, DayLinks: map[int]string{},
		HasPosts: len(dates) > 0 || len(before) > 0 || len(after) > 0}
	for _, d := range dates {
		if _, ok := out.DayLinks[d.Day()]; !ok {
			out.DayLinks[d.Day()] = s.DateLink(ctx, year, month, d.Day())
		}
	}
	neighbour := func(ds []time.Time) *CalendarNeighbour {
		if len(ds) == 0 {
			return nil
		}
		y, m := ds[0].Year(), int(ds[0].Month())
		return &CalendarNeighbour{Year: y, Month: m, Link: s.DateLink(ctx, y, m, 0)}
	}
	out.Prev, out.Next = neighbour(before), neighbour(after)
	return out, nil
}
