package models

import (
	"context"
	"strings"

	"gorm.io/gorm"
)

// PostMeta is one custom field of a post (wp_postmeta): XML-RPC's
// custom_fields read and write these. A key may repeat.
type PostMeta struct {
	ID        uint64 `gorm:"primaryKey"`
	PostID    uint64 `gorm:"not null;index"`
	MetaKey   string `gorm:"size:255;not null"`
	MetaValue string `gorm:"type:text;not null"`
}

func (PostMeta) TableName() string { return "post_meta" }

// CustomField is a custom field as XML-RPC clients see it.
type CustomField struct {
	ID         uint64
	Key, Value string
}

// CustomFieldChange is one entry of a client's custom_fields, as
// set_custom_fields reads it: with an id and a key, that field gets the
// value (if the key still matches); with an id alone, the field is
// deleted; with a key alone, a field is added.
type CustomFieldChange struct {
	ID     uint64
	Key    string
	HasKey bool
	Value  string
}

// isProtectedMeta is is_protected_meta: keys starting with "_" belong to
// WordPress and plugins, never to clients.
func isProtectedMeta(key string) bool { return strings.HasPrefix(key, "_") }

// canEditMeta is edit_post_meta (also add_ and delete_): never for a
// protected key, else edit_post on the post.
func canEditMeta(u *User, p *Post, key string) bool {
	return !isProtectedMeta(key) && CanEditPost(u, p)
}

// CustomFields returns each post's custom fields that viewer may see
// (get_custom_fields: edit_post_meta on every field), ordered by key then
// id as has_meta lists them, in one query for all the posts.
func (s *Store) CustomFields(ctx context.Context, viewer *User, posts []*Post) (map[uint64][]CustomField, error) {
	out := map[uint64][]CustomField{}
	var ids []uint64
	byID := map[uint64]*Post{}
	for _, p := range posts {
		if p != nil && CanEditPost(viewer, p) {
			ids = append(ids, p.ID)
			byID[p.ID] = p
		}
	}
	if len(ids) == 0 {
		return out, nil
	}
	var rows []PostMeta
	if err := s.withContext(ctx).Where("post_id IN ?", ids).Order("meta_key, id").Find(&rows).Error; err != nil {
		return nil, Internal(err)
	}
	for _, m := range rows {
		if isProtectedMeta(m.MetaKey) {
			continue
		}
		out[m.PostID] = append(out[m.PostID], CustomField{ID: m.ID, Key: m.MetaKey, Value: m.MetaValue})
	}
	return out, nil
}

// SetCustomFields applies a client's custom_fields to post p as
// set_custom_fields does: entries naming another post's field, a changed
// key or a protected key are skipped, as WordPress skips them.
func (s *Store) SetCustomFields(ctx context.Context, actor *User, p *Post, changes []CustomFieldChange) error {
	if len(changes) == 0 {
		return nil
	}
	err := s.transaction(ctx, func(tx *gorm.DB) error {
		var ids []uint64
		for _, c := range changes {
			if c.ID != 0 {
				ids = append(ids, c.ID)
			}
		}
		existing := map[uint64]PostMeta{}
		if len(ids) > 0 {
			var rows []PostMeta
			if err := tx.Where("id IN ? AND post_id = ?", ids, p.ID).Find(&rows).Error; err != nil {
				return Internal(err)
			}
			for _, m := range rows {
				existing[m.ID] = m
			}
		}
		for _, c := range changes {
			switch {
			case c.ID != 0:
				cur, ok := existing[c.ID]
				if !ok {
					continue
				}
				if c.HasKey {
					if c.Key != cur.MetaKey || !canEditMeta(actor, p, cur.MetaKey) {
						continue
					}
					if err := tx.Model(&PostMeta{}).Where("id = ?", cur.ID).Update("meta_value", c.Value).Error; err != nil {
						return Internal(err)
					}
				} else if canEditMeta(actor, p, cur.MetaKey) {
					if err := tx.Where("id = ?", cur.ID).Delete(&PostMeta{}).Error; err != nil {
						return Internal(err)
					}
				}
			case c.HasKey && c.Key != "" && canEditMeta(actor, p, c.Key):
				if err := tx.Create(&PostMeta{PostID: p.ID, MetaKey: c.Key, MetaValue: c.Value}).Error; err != nil {
					return Internal(err)
				}
			}
		}
		return nil
	})
	if err != nil {
		return AsError(err)
	}
	return nil
}
