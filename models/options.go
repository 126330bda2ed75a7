package models

import (
	"context"
	"strconv"

	"gorm.io/gorm/clause"
)

// Option is one site setting (WordPress's wp_options).
type Option struct {
	Name  string `gorm:"primaryKey;size:191"`
	Value string `gorm:"type:text;not null"`
}

// TableName keeps the table name stable.
func (Option) TableName() string { return "options" }

// The site options PressPass knows, with WordPress's names and defaults.
var defaultOptions = map[string]string{
	"blogname":               "PressPass",
	"blogdescription":        "",
	"siteurl":                "",
	"home":                   "",
	"admin_email":            "",
	"timezone_string":        "",
	"gmt_offset":             "0",
	"date_format":            "F j, Y",
	"time_format":            "g:i a",
	"start_of_week":          "1",
	"posts_per_page":         "10",
	"posts_per_rss":          "10",
	"rss_use_excerpt":        "0",
	"default_category":       "1",
	"default_comment_status": "open",
	"default_ping_status":    "open",
	"default_role":           "subscriber",
	"users_can_register":     "0",
	"blog_public":            "1",
	"WPLANG":                 "",
	"permalink_structure":    "/%postname%/",
	"show_on_front":          "posts",
	"page_on_front":          "0",
	"page_for_posts":         "0",
	"sticky_posts":           "",
	"site_icon":              "0",
	"site_logo":              "0",
	"use_smilies":            "1",
	"default_post_format":    "0",
	"thumbnail_size_w":       "150",
	"thumbnail_size_h":       "150",
	"medium_size_w":          "300",
	"medium_size_h":          "300",
	"large_size_w":           "1024",
	"large_size_h":           "1024",
}

// loadOptions fills the in-process cache of options. Options are read on
// nearly every request and change rarely, so they are served from memory;
// writes go through SetOption, which refreshes the cache. It returns the
// options read, which the caller may use even when they were not kept.
func (s *Store) loadOptions(ctx context.Context) (map[string]string, error) {
	s.optionsMu.RLock()
	gen := s.optionsGen
	s.optionsMu.RUnlock()
	var rows []Option
	if err := s.withContext(ctx).Find(&rows).Error; err != nil {
		return nil, Internal(err)
	}
	m := make(map[string]string, len(rows))
	for _, r := range rows {
		m[r.Name] = r.Value
	}
	s.optionsMu.Lock()
	if s.optionsGen == gen {
		s.optionsCache = m
	}
	s.optionsMu.Unlock()
	return m, nil
}

// Option returns a site option, or its default when unset.
func (s *Store) Option(ctx context.Context, name string) string {
	s.optionsMu.RLock()
	m := s.optionsCache
	s.optionsMu.RUnlock()
	if m == nil {
		m, _ = s.loadOptions(ctx)
	}
	if v, ok := m[name]; ok {
		return v
	}
	return defaultOptions[name]
}

// OptionInt returns a numeric option.
func (s *Store) OptionInt(ctx context.Context, name string) int {
	n, _ := strconv.Atoi(s.Option(ctx, name))
	return n
}

// ShowAvatars is get_option( 'show_avatars' ), which WordPress turns on
// at install: avatars are shown unless the option is turned off.
func (s *Store) ShowAvatars(ctx context.Context) bool {
	return s.Option(ctx, "show_avatars") != "0"
}

// IsPrivacyPolicyPage reports whether the post with that id is the site's
// privacy policy page (wp_page_for_privacy_policy), which
// CanChangePrivacyPolicyPage guards.
func (s *Store) IsPrivacyPolicyPage(ctx context.Context, id uint64) bool {
	return id != 0 && strconv.FormatUint(id, 10) == s.Option(ctx, "wp_page_for_privacy_policy")
}

// SetOption writes a site option.
func (s *Store) SetOption(ctx context.Context, name, value string) error {
	row := Option{Name: name, Value: value}
	err := s.withContext(ctx).Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "name"}},
		DoUpdates: clause.AssignmentColumns([]string{"value"}),
	}).Create(&row).Error
	if err != nil {
		return Internal(err)
	}
	s.optionsMu.Lock()
	s.optionsGen++
	if s.optionsCache != nil {
		next := make(map[string]string, len(s.optionsCache)+1)
		for k, v := range s.optionsCache {
			next[k] = v
		}
		next[name] = value
		s.optionsCache = next
	}
	s.optionsMu.Unlock()
	return nil
}

// ReloadOptions drops the option cache, so that changes made by another
// process are seen.
func (s *Store) ReloadOptions(ctx context.Context) error {
	_, err := s.loadOptions(ctx)
	return err
}
