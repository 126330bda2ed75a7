package models

import (
	"context"
	"fmt"
	"log/slog"
	"mime"
	"path"
	"strings"
	"time"

	"gorm.io/gorm"
)

var (
	errCannotUploadToPost = newError(KindForbidden, ReasonCannotUploadToPost)
	errInvalidParent      = newError(KindInvalid, ReasonInvalidUploadParent)
)

// maxUploadSize is the configured limit or the default.
func (s *Store) maxUploadSize() int64 {
	if s.Config.Media.MaxUploadSize > 0 {
		return s.Config.Media.MaxUploadSize
	}
	return DefaultMaxUploadSize
}

// uploadFileType decides the stored name and MIME type of an upload, or
// refuses it: the extension must be an allowed type, the declared type must
// not contradict it, and the bytes must be what the extension says, from
// start to end (media_structure.go). An image
// whose bytes are another image format gets the right extension, as
// wp_check_filetype_and_ext corrects it.
func uploadFileType(filename, declared string, data []byte) (name, mimeType string, width, height int, err error) {
	name = SanitizeFileName(filename)
	base, ext := splitFileName(name)
	mimeType = MimeTypeForExtension(ext)
	if mimeType == "" || base == "" {
		return "", "", 0, 0, ErrUploadForbiddenType
	}
	if _, wanted := imageFormats[mimeType]; wanted {
		format, w, h, ok := imageInfo(data)
		if !ok || looksDangerous(data) || !imageIsWhole(format, data) {
			return "", "", 0, 0, ErrUploadForbiddenType
		}
		if real := imageMimeByFormat[format]; real != mimeType {
			mimeType = real
			switch format {
			case "jpeg":
				ext = ".jpg"
			default:
				ext = "." + format
			}
		}
		width, height = w, h
	} else if !contentMatches(mimeType, data) || !structureMatches(mimeType, data) {
		return "", "", 0, 0, ErrUploadForbiddenType
	}
	if !declaredTypeAgrees(declared, mimeType) {
		return "", "", 0, 0, ErrUploadForbiddenType
	}
	return base + ext, mimeType, width, height, nil
}

// declaredTypeAgrees reports whether the client's declared type may stand
// for a file of type actual: unknown or generic declarations pass, markup
// and scripts never do, and otherwise the top-level types must agree.
func declaredTypeAgrees(declared, actual string) bool {
	d, _, err := mime.ParseMediaType(declared)
	if declared == "" || err != nil && strings.TrimSpace(declared) == "" {
		return true
	}
	if err != nil {
		return false
	}
	switch {
	case d == "application/octet-stream", d == "binary/octet-stream", d == actual:
		return true
	case d == "text/html", d == "application/xhtml+xml", d == "image/svg+xml", strings.Contains(d, "javascript"),
		strings.Contains(d, "php"), strings.Contains(d, "ecmascript"), d == "text/xml", d == "application/xml":
		return false
	}
	dTop, _, _ := strings.Cut(d, "/")
	aTop, _, _ := strings.Cut(actual, "/")
	if dTop == aTop {
		return true
	}
	// Office documents are declared as application/* while some of their
	// types are text/*, and the reverse; only images, audio and video must
	// be declared as what they are.
	switch aTop {
	case "image", "audio", "video":
		return false
	}
	return dTop != "image" && dTop != "audio" && dTop != "video"
}

// uploadFolder is the YYYY/MM folder of the upload time in the site's time
// zone, as wp_upload_dir names it.
func (s *Store) uploadFolder(ctx context.Context) string {
	local := s.GMTToLocal(ctx, s.now())
	return fmt.Sprintf("%04d/%02d", local.Year(), int(local.Month()))
}

func (s *Store) uploadMedia(ctx context.Context, actor *User, in UploadInput) (*Media, error) {
	if !CanUploadFiles(actor) {
		return nil, ErrCannotUploadFiles
	}
	if in.AuthorID != nil && *in.AuthorID != actor.ID && !CanEditOthersPosts(actor, "post") {
		return nil, errCannotEditOthers
	}
	if in.ParentID != nil && *in.ParentID != 0 {
		parent, err := s.PostByID(ctx, *in.ParentID)
		if err != nil && !IsNotFound(err) {
			return nil, err
		}
		if err != nil || !CanEditPost(actor, parent) {
			return nil, errCannotUploadToPost
		}
	}
	storage := s.Config.Media.Storage
	if storage == nil {
		return nil, ErrUploadsUnavailable
	}
	if len(in.Data) == 0 {
		return nil, ErrUploadNoData
	}
	if limit := s.maxUploadSize(); int64(len(in.Data)) > limit {
		return nil, ErrUploadTooLarge.With(Details{Limit: limit})
	}
	name, mimeType, width, height, err := uploadFileType(in.Filename, in.ContentType, in.Data)
	if err != nil {
		return nil, err
	}
	if in.AuthorID != nil && *in.AuthorID != actor.ID {
		if err := s.authorExists(ctx, *in.AuthorID); err != nil {
			return nil, err
		}
	}
	base, ext := splitFileName(name)
	folder := s.uploadFolder(ctx)

	p := &Post{
		Type:          "attachment",
		Status:        "inherit",
		AuthorID:      actor.ID,
		MimeType:      mimeType,
		CommentStatus: s.Option(ctx, "default_comment_status"),
		PingStatus:    "closed",
	}
	if p.CommentStatus == "" {
		p.CommentStatus = "open"
	}
	applyMediaInput(actor, p, in.MediaInput)
	s.settleDates(ctx, p, PostInput{Date: in.Date, DateGMT: in.DateGMT}, true)
	att := &Attachment{FileSize: int64(len(in.Data)), Width: width, Height: height}
	if in.AltText != nil {
		att.AltText = SanitizeTextField(*in.AltText) // sanitize_text_field, as the REST schema does
	}

	// The unique index on attachments.file settles races between processes:
	// a name another upload took meanwhile fails the insert and the next
	// number is tried. The rows are written first, hidden (status
	// uploading), the file is stored outside any transaction, and only then
	// is the attachment published: a slow upload (an object store, a large
	// file) holds no database lock — every write bumps the content epoch
	// row, so a transaction held open across an upload would stall every
	// writer on the site — and no visible attachment ever lacks its file.
	published := p.Status // inherit, or private when asked
	p.Status = uploadingStatus
	for n := 0; n < 1000; n++ {
		key := folder + "/" + numberedFileName(base, ext, n)
		taken, err := s.mediaFileTaken(ctx, key)
		if err != nil {
			return nil, err
		}
		if taken {
			continue
		}
		if in.Title == nil {
			// REST's default title: the stored file name without extension.
			p.Title, _ = splitFileName(numberedFileName(base, ext, n))
		}
		p.ID = 0
		att.File = key
		p.GUID = s.mediaURL(key)
		err = s.transaction(ctx, func(tx *gorm.DB) error {
			slug := SanitizeTitle(p.Title)
			if in.Slug != nil {
				slug = SanitizeTitle(*in.Slug)
			}
			p.ID = 0 // a retried run inserts afresh (write_retry.go)
			if err := tx.Create(p).Error; err != nil {
				return Internal(err)
			}
			if err := settleAttachmentSlug(tx, p, slug); err != nil {
				return err
			}
			if err := tx.Model(&Post{}).Where("id = ?", p.ID).Update("slug", p.Slug).Error; err != nil {
				return Internal(err)
			}
			att.PostID = p.ID
			if err := tx.Create(att).Error; err != nil {
				return errMediaNameTaken{err}
			}
			return nil
		})
		if _, raced := err.(errMediaNameTaken); raced {
			if again, _ := s.mediaFileTaken(ctx, key); again {
				continue
			}
			return nil, Internal(err)
		}
		if err != nil {
			return nil, AsError(err)
		}
		if err := storage.Put(ctx, key, in.Data, mimeType); err != nil {
			s.dropReservedUpload(ctx, p.ID)
			// Not Internal: a storage failure is not the database's, and the
			// client is told the file could not be stored.
			e := ErrUploadNotStored.With(Details{Path: "wp-content/uploads/" + path.Dir(key)})
			e.Err = fmt.Errorf("store upload %s: %w", key, err)
			return nil, e
		}
		if err := s.withContext(ctx).Model(&Post{}).Where("id = ?", p.ID).Update("status", published).Error; err != nil {
			// The file is stored but the attachment stays hidden: remove
			// both rather than leave either behind.
			s.dropReservedUpload(ctx, p.ID)
			if derr := storage.Delete(ctx, key); derr != nil {
				slog.Warn("media: could not delete stored file", "file", key, "err", derr)
			}
			return nil, Internal(err)
		}
		p.Status = published
		s.counts.stored(len(in.Data))
		return &Media{Post: p, File: *att, URL: p.GUID}, nil
	}
	return nil, newError(KindConflict, ReasonFileNameExhausted)
}

// uploadingStatus marks an attachment whose file is still being stored:
// lists and featured-image checks pass it over (they want inherit).
const uploadingStatus = "uploading"

// dropReservedUpload removes the rows of an upload whose file could not be
// stored.
func (s *Store) dropReservedUpload(ctx context.Context, id uint64) {
	err := s.transaction(ctx, func(tx *gorm.DB) error {
		if err := tx.Where("post_id = ?", id).Delete(&Attachment{}).Error; err != nil {
			return err
		}
		return tx.Where("id = ? AND status = ?", id, uploadingStatus).Delete(&Post{}).Error
	})
	if err != nil {
		slog.Warn("media: could not remove an unfinished upload", "id", id, "err", err)
	}
}

// DeleteAbandonedUploads removes attachments left hidden by a process that
// stopped between reserving a file name and publishing the upload, with
// whatever part of the file it stored. Uploads reserved after before are
// left alone (they may still be running). It returns how many it removed.
func (s *Store) DeleteAbandonedUploads(ctx context.Context, before time.Time) (int, error) {
	var stale []Post
	err := s.withContext(ctx).Where("type = ? AND status = ? AND date_gmt < ?", "attachment", uploadingStatus, before.UTC()).
		Find(&stale).Error
	if err != nil {
		return 0, Internal(err)
	}
	for _, p := range stale {
		var att Attachment
		found := s.withContext(ctx).Where("post_id = ?", p.ID).Limit(1).Find(&att).Error == nil && att.File != ""
		s.dropReservedUpload(ctx, p.ID)
		if storage := s.Config.Media.Storage; found && storage != nil {
			if err := storage.Delete(ctx, att.File); err != nil {
				slog.Warn("media: could not delete an abandoned upload's file", "file", att.File, "err", err)
			}
		}
	}
	return len(stale), nil
}

// settleAttachmentSlug gives the stored attachment p the unique form of
// slug, or of its id when the slug sanitized to nothing.
func settleAttachmentSlug(tx *gorm.DB, p *Post, slug string) error {
	if slug == "" {
		slug = fmt.Sprint(p.ID)
	}
	unique, err := uniqueAttachmentSlug(tx, slug, p.ID)
	if err != nil {
		return err
	}
	p.Slug = unique
	return nil
}

// uniqueAttachmentSlug appends -2, -3, … until no other post of any type
// uses the slug and it is no feed name, as wp_unique_post_slug does for
// attachments (their pages live at SITE/SLUG/, beside every post's).
func uniqueAttachmentSlug(tx *gorm.DB, slug string, id uint64) (string, error) {
	candidate := slug
	for n := 2; n < 10000; n++ {
		var count int64
		q := tx.Session(&gorm.Session{NewDB: true}).Model(&Post{}).Where("slug = ? AND id <> ?", candidate, id)
		if err := q.Count(&count).Error; err != nil {
			return "", Internal(err)
		}
		if count == 0 && !reservedSlugs[candidate] {
			return candidate, nil
		}
		candidate = fmt.Sprintf("%s-%d", slug, n)
	}
	return "", newError(KindConflict, ReasonSlugExhausted)
}

// errMediaNameTaken marks a failed attachments insert, usually a name that a
// concurrent upload took.
type errMediaNameTaken struct{ err error }

func (e errMediaNameTaken) Error() string { return "attachment insert: " + e.err.Error() }

// mediaFileTaken reports whether an attachment already uses key, compared
// without letter case so that names stay distinct on case-insensitive disks
// and MySQL collations alike.
func (s *Store) mediaFileTaken(ctx context.Context, key string) (bool, error) {
	var n int64
	if err := s.withContext(ctx).Model(&Attachment{}).Where("LOWER(file) = ?", strings.ToLower(key)).Count(&n).Error; err != nil {
		return false, Internal(err)
	}
	return n > 0, nil
}

// authorExists refuses an attachment author who is no user
// (ReasonInvalidAuthor).
func (s *Store) authorExists(ctx context.Context, id uint64) error {
	if _, err := s.UserByID(ctx, id); err != nil {
		if IsNotFound(err) {
			return errInvalidAuthor
		}
		return err
	}
	return nil
}

// applyMediaInput copies the given post fields of an attachment onto p.
// applyMediaInput sets the fields in carries. An attachment is a post: its
// title, caption (excerpt) and description (content) are filtered with kses
// as a post's are when actor lacks unfiltered_html.
func applyMediaInput(actor *User, p *Post, in MediaInput) {
	text := PostInput{Title: in.Title, Excerpt: in.Caption, Content: in.Description}
	ksesPostInput(actor, &text)
	if text.Title != nil {
		p.Title = *text.Title
	}
	if text.Excerpt != nil {
		p.Excerpt = *text.Excerpt
	}
	if text.Content != nil {
		p.Content = *text.Content
	}
	if in.ParentID != nil {
		p.ParentID = *in.ParentID
	}
	if in.AuthorID != nil {
		p.AuthorID = *in.AuthorID
	}
	if in.CommentStatus != nil {
		p.CommentStatus = *in.CommentStatus
	}
	if in.PingStatus != nil {
		p.PingStatus = *in.PingStatus
	}
	if in.Status != nil {
		p.Status = "inherit"
		if *in.Status == "private" {
			p.Status = "private"
		}
	}
}

func (s *Store) updateMedia(ctx context.Context, actor *User, id uint64, in MediaInput) (*Media, error) {
	m, err := s.mediaByID(ctx, id)
	if err != nil {
		return nil, err
	}
	p := m.Post
	if actor == nil || !CanEditPost(actor, p) {
		return nil, errCannotEdit
	}
	if in.AuthorID != nil && *in.AuthorID != p.AuthorID {
		if !CanEditOthersPosts(actor, "post") {
			return nil, errCannotUpdateAsOthers
		}
		if err := s.authorExists(ctx, *in.AuthorID); err != nil {
			return nil, err
		}
	}
	if in.ParentID != nil && *in.ParentID != 0 && *in.ParentID != p.ParentID {
		if _, err := s.PostByID(ctx, *in.ParentID); err != nil {
			if IsNotFound(err) {
				return nil, errInvalidParent
			}
			return nil, err
		}
	}
	applyMediaInput(actor, p, in)
	s.settleDates(ctx, p, PostInput{Date: in.Date, DateGMT: in.DateGMT}, false)
	if in.AltText != nil {
		m.File.AltText = SanitizeTextField(*in.AltText) // sanitize_text_field, as the REST schema does
	}
	err = s.transaction(ctx, func(tx *gorm.DB) error {
		if in.Slug != nil {
			if err := settleAttachmentSlug(tx, p, SanitizeTitle(*in.Slug)); err != nil {
				return err
			}
		}
		if err := tx.Model(&Post{}).Where("id = ?", p.ID).Updates(map[string]any{
			"title": p.Title, "excerpt": p.Excerpt, "content": p.Content, "parent_id": p.ParentID,
			"author_id": p.AuthorID, "comment_status": p.CommentStatus, "ping_status": p.PingStatus, "status": p.Status,
			"slug": p.Slug, "date": p.Date, "date_gmt": p.DateGMT, "modified": p.Modified, "modified_gmt": p.ModifiedGMT,
		}).Error; err != nil {
			return Internal(err)
		}
		if in.AltText != nil {
			if err := tx.Model(&Attachment{}).Where("post_id = ?", p.ID).Update("alt_text", m.File.AltText).Error; err != nil {
				return Internal(err)
			}
		}
		return nil
	})
	if err != nil {
		return nil, AsError(err)
	}
	return m, nil
}

func (s *Store) deleteMedia(ctx context.Context, actor *User, id uint64) (*Media, error) {
	m, err := s.mediaByID(ctx, id)
	if err != nil {
		return nil, err
	}
	if actor == nil || !CanDeletePost(actor, m.Post) {
		return nil, errCannotDelete
	}
	err = s.transaction(ctx, func(tx *gorm.DB) error {
		// As wp_delete_attachment: no post keeps it as its featured image.
		if err := tx.Model(&Post{}).Where("featured_media_id = ?", id).Update("featured_media_id", 0).Error; err != nil {
			return Internal(err)
		}
		if err := tx.Where("post_id = ?", id).Delete(&Attachment{}).Error; err != nil {
			return Internal(err)
		}
		if err := tx.Where("id = ?", id).Delete(&Post{}).Error; err != nil {
			return Internal(err)
		}
		return nil
	})
	if err != nil {
		return nil, AsError(err)
	}
	// The rows are gone first, so a failure here leaves an unreferenced file
	// (logged) rather than an attachment without its file.
	if storage := s.Config.Media.Storage; storage != nil && m.File.File != "" {
		if err := storage.Delete(ctx, m.File.File); err != nil {
			slog.Warn("media: could not delete stored file", "file", m.File.File, "err", err)
		}
	}
	return m, nil
}

// abandonedUploadAge is how old a hidden upload must be before the sweep
// takes it for abandoned: far longer than any upload within the size limit.
const abandonedUploadAge = time.Hour

// RunAbandonedUploadSweep removes abandoned uploads now and then every
// interval until ctx ends.
func (s *Store) RunAbandonedUploadSweep(ctx context.Context, interval time.Duration, log *slog.Logger) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		if n, err := s.DeleteAbandonedUploads(ctx, s.now().Add(-abandonedUploadAge)); err != nil {
			if ctx.Err() != nil {
				return
			}
			log.Error("removing abandoned uploads failed", "err", err)
		} else if n > 0 {
			log.Info("removed abandoned uploads", "count", n)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
