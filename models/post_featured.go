package models

import (
	"context"
	"strings"

	"gorm.io/gorm"
)

// Featured images: a post's featured media must be an image attachment, as
// WordPress's set_post_thumbnail requires (it shows the image's thumbnail).

// addPostFeaturedMedia is migration step 300.
func addPostFeaturedMedia(tx *gorm.DB) error {
	if tx.Migrator().HasColumn(&Post{}, "FeaturedMediaID") {
		return nil
	}
	return tx.Migrator().AddColumn(&Post{}, "FeaturedMediaID")
}

var errInvalidFeaturedMedia = newError(KindInvalid, ReasonInvalidFeaturedMedia)

// CanBeFeaturedMedia reports whether the post with that id is an image
// attachment that a post may show as its featured image.
func (s *Store) CanBeFeaturedMedia(ctx context.Context, id uint64) bool {
	if id == 0 {
		return false
	}
	p, err := s.PostByID(ctx, id)
	return err == nil && p.Type == "attachment" && p.Status != uploadingStatus && strings.HasPrefix(p.MimeType, "image/")
}

// checkFeaturedMedia refuses a featured media id that is not an image
// attachment (0 removes the featured image and is always allowed).
func (s *Store) checkFeaturedMedia(ctx context.Context, in PostInput) error {
	if in.FeaturedMediaID == nil || *in.FeaturedMediaID == 0 {
		return nil
	}
	if !s.CanBeFeaturedMedia(ctx, *in.FeaturedMediaID) {
		return errInvalidFeaturedMedia
	}
	return nil
}
