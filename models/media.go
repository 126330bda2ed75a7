package models

// The media API: attachments are posts of type "attachment" (status
// "inherit") as in WordPress, plus one row in the attachments table that
// holds what WordPress keeps in post meta (_wp_attached_file,
// _wp_attachment_metadata, _wp_attachment_image_alt). The bytes live in a
// Storage (local disk or an S3-compatible store); models only sees the
// interface, so it never imports net/http.
//
// REST, XML-RPC and the file server call only these: UploadMedia,
// MediaByID, MediaItem, ListMedia, UpdateMedia, DeleteMedia, AttachmentsFor,
// MediaURL, OpenMediaFile (this file), AttachmentLink and
// AttachmentPermalinkTemplate (media_read.go), SanitizeFileName
// (media_filename.go) and MimeTypeForExtension (media_types.go).
// Deleting an attachment must go through DeleteMedia (also for XML-RPC's
// wp.deleteFile, an alias of wp.deletePost): DeletePost would leave its
// file behind.

import (
	"context"
	"io"
	"time"
)

// DefaultMaxUploadSize is the upload limit when MediaConfig.MaxUploadSize is
// zero (64 MiB).
const DefaultMaxUploadSize int64 = 64 << 20

// Storage keeps uploaded files. Keys are slash-separated relative paths as
// WordPress's _wp_attached_file holds them ("2026/11/red-pixel.png"); they
// are produced by UploadMedia and never come from a client unchecked.
// Implementations return an error wrapping fs.ErrNotExist for a missing key.
type Storage interface {
	// Put stores data under key, replacing what was there.
	Put(ctx context.Context, key string, data []byte, contentType string) error
	// Get opens the file under key; the caller closes Body.
	Get(ctx context.Context, key string) (*StoredFile, error)
	// Delete removes the file under key; a missing key is not an error.
	Delete(ctx context.Context, key string) error
	// URL returns the public URL of key, or "" when PressPass itself serves
	// the file under /wp-content/uploads/.
	URL(key string) string
}

// StoredFile is an open file from a Storage.
type StoredFile struct {
	Body    io.ReadSeekCloser
	Size    int64
	ModTime time.Time
}

// MediaConfig configures uploads; it lives in StoreConfig.Media.
type MediaConfig struct {
	// Storage holds the files; nil refuses uploads (KindUnavailable).
	Storage Storage
	// MaxUploadSize is the largest accepted file in bytes (0 means
	// DefaultMaxUploadSize).
	MaxUploadSize int64
	// ProtectPrivate serves a private attachment's file only to readers who
	// may read the attachment (--protect-private-uploads). WordPress serves
	// every uploaded file to anyone who knows its URL; off by default, as there.
	ProtectPrivate bool
}

// Attachment is the file record of an attachment post: WordPress's
// _wp_attached_file (File), the filesize/width/height of
// _wp_attachment_metadata and _wp_attachment_image_alt (AltText).
type Attachment struct {
	PostID uint64 `gorm:"primaryKey;autoIncrement:false"`
	// File is the storage key, relative to the uploads root: YYYY/MM/name.
	File     string `gorm:"size:255;not null;uniqueIndex:idx_attachments_file"`
	FileSize int64  `gorm:"not null;default:0"`
	// Width and Height are the image's pixel size (0 for other files).
	Width   int    `gorm:"not null;default:0"`
	Height  int    `gorm:"not null;default:0"`
	AltText string `gorm:"type:text;not null"`
}

// TableName keeps the table name stable.
func (Attachment) TableName() string { return "attachments" }

// Media is an attachment post with its file record and the file's public URL.
// Post.Title, Post.Excerpt (caption), Post.Content (description),
// Post.ParentID, Post.MimeType and Post.GUID (the URL at upload time) are
// WordPress's columns.
type Media struct {
	Post *Post
	File Attachment
	// URL is the file's public URL (WordPress's wp_get_attachment_url).
	URL string
}

// IsImage reports whether the attachment is an image with a known size.
func (m *Media) IsImage() bool { return MediaTypeOf(m.Post.MimeType) == "image" }

// MediaInput carries the editable fields of an attachment; nil means "not
// given" (keep the current value, or WordPress's default on upload).
type MediaInput struct {
	Title       *string
	Caption     *string // post_excerpt
	Description *string // post_content
	AltText     *string
	// ParentID attaches the file to a post (0 detaches it).
	ParentID      *uint64
	Slug          *string
	AuthorID      *uint64
	Date          *time.Time // site-local
	DateGMT       *time.Time
	CommentStatus *string
	PingStatus    *string
	// Status "private" hides the attachment from those who may not read
	// private posts; any other status is "inherit", as wp_insert_post
	// decides for attachments.
	Status *string
}

// UploadInput is one file to upload.
type UploadInput struct {
	// Filename is the client's name for the file (Content-Disposition's
	// filename, XML-RPC's name); it is sanitized as WordPress's
	// sanitize_file_name and made unique in its YYYY/MM folder.
	Filename string
	// ContentType is the declared MIME type ("" when none was declared).
	// When given it must agree with the file name's extension.
	ContentType string
	// Data is the whole file.
	Data []byte
	// MediaInput holds the attachment's fields. A nil Title becomes the file
	// name without its extension (REST); XML-RPC passes the name with it.
	MediaInput
}

// MediaQuery selects attachments for ListMedia.
type MediaQuery struct {
	// Filter narrows the list as for Posts; its Types are forced to
	// attachment and its Statuses default to inherit (plus private ones the
	// viewer may read).
	Filter PostFilter
	// MediaTypes are some of WordPress's media types: image, video, audio,
	// text, application (none: all). An attachment of any of them, or of
	// any of MimeTypes, is listed (WordPress merges both lists into one).
	MediaTypes []string
	// MimeTypes are full types ("image/png") or top-level ones ("image").
	MimeTypes []string
	// RequireUploadFiles refuses viewers without upload_files (XML-RPC's
	// wp.getMediaLibrary), with ErrCannotUploadFiles.
	RequireUploadFiles bool
}

// Media errors with WordPress's codes and messages. Adapters that need
// another wording (XML-RPC's faults) match on the code.
var (
	// ErrCannotUploadFiles: the user lacks upload_files.
	ErrCannotUploadFiles = newError(KindForbidden, ReasonCannotUploadFiles)
	// ErrUploadNoData: the file is empty.
	ErrUploadNoData = newError(KindInvalid, ReasonUploadNoData)
	// ErrUploadForbiddenType: the extension or type is not allowed, or the
	// content does not match it.
	ErrUploadForbiddenType = newError(KindInvalid, ReasonUploadForbiddenType)
	// ErrUploadTooLarge: the file exceeds the size limit; the message
	// returned names the limit ("Files must be less than N KB in size.").
	ErrUploadTooLarge = newError(KindInvalid, ReasonUploadTooLarge)
	// ErrUploadsUnavailable: no storage is configured.
	ErrUploadsUnavailable = newError(KindUnavailable, ReasonUploadsUnavailable)
	// ErrUploadNotStored: the storage refused the file (an uploads folder
	// that cannot be written, a bucket that is away). Returned with the
	// folder as WordPress names it in Details.Path; the cause, with the
	// server's own path, is only logged.
	ErrUploadNotStored = newError(KindUnavailable, ReasonUploadNotStored)
	// ErrInvalidAttachmentID: the id is not an attachment (XML-RPC's
	// "Invalid attachment ID.").
	ErrInvalidAttachmentID = newError(KindNotFound, ReasonInvalidAttachmentID)
)

// CanUploadFiles reports whether u may upload files (upload_files: authors
// and above).
func CanUploadFiles(u *User) bool { return u != nil && u.HasCap("upload_files") }

// MediaTypeOf returns WordPress's media type for a MIME type: image, video,
// audio, text or application.
func MediaTypeOf(mime string) string { return mediaTypeOf(mime) }

// UploadMedia stores a new file and creates its attachment post as
// WordPress's media_handle_upload does: sanitized unique name under
// YYYY/MM/ of the upload time, allowed type, sniffed content that matches
// the extension, size limit, upload_files capability.
// Content that does not match its extension (HTML named x.jpg) is refused
// with ErrUploadForbiddenType, as WordPress's wp_check_filetype_and_ext does.
// Errors: forbidden (ErrCannotUploadFiles, ReasonCannotCreateAsOtherAuthor for
// another author), invalid (ErrUploadNoData, ErrUploadForbiddenType,
// ErrUploadTooLarge, ReasonInvalidUploadParent for a bad parent), unavailable
// (ErrUploadsUnavailable, ErrUploadNotStored), internal.
func (s *Store) UploadMedia(ctx context.Context, actor *User, in UploadInput) (*Media, error) {
	return s.uploadMedia(ctx, actor, in)
}

// MediaByID returns an attachment with its file record; no permission check
// (callers decide visibility with CanOnPost "read_post").
// Errors: not found (ErrInvalidAttachmentID when the id is no attachment).
func (s *Store) MediaByID(ctx context.Context, id uint64) (*Media, error) {
	return s.mediaByID(ctx, id)
}

// MediaItem returns an attachment for a user who may upload files (XML-RPC's
// wp.getMediaItem). A private attachment the viewer may not read is not
// found, so that its existence is not told either (WordPress shows it to
// anyone who may upload).
// Errors: forbidden (ErrCannotUploadFiles), not found (ErrInvalidAttachmentID).
func (s *Store) MediaItem(ctx context.Context, viewer *User, id uint64) (*Media, error) {
	if !CanUploadFiles(viewer) {
		return nil, ErrCannotUploadFiles
	}
	m, err := s.mediaByID(ctx, id)
	if err != nil {
		return nil, err
	}
	if m.Post.Status == "private" && !CanReadPost(viewer, m.Post) {
		return nil, ErrInvalidAttachmentID
	}
	return m, nil
}

// ListMedia lists the attachments viewer may read that match q, newest first
// by default, and the total number of matches.
// Errors: forbidden (ErrCannotUploadFiles when q.RequireUploadFiles),
// internal.
func (s *Store) ListMedia(ctx context.Context, viewer *User, q MediaQuery) ([]*Media, int64, error) {
	return s.listMedia(ctx, viewer, q)
}

// AttachmentsFor loads the file records of the given attachment posts, keyed
// by post id (posts without one are absent).
// Errors: internal.
func (s *Store) AttachmentsFor(ctx context.Context, ids []uint64) (map[uint64]*Attachment, error) {
	return s.attachmentsFor(ctx, ids)
}

// UpdateMedia changes an attachment's fields (alt text, caption,
// description, title, parent …) as edit_post allows.
// Errors: not found (ErrInvalidAttachmentID), forbidden (ReasonCannotEditPost),
// invalid, internal.
func (s *Store) UpdateMedia(ctx context.Context, actor *User, id uint64, in MediaInput) (*Media, error) {
	return s.updateMedia(ctx, actor, id, in)
}

// DeleteMedia deletes an attachment permanently (attachments have no trash,
// as in WordPress without MEDIA_TRASH), clears it as any post's featured
// image and removes its file from storage. It returns the attachment as it
// was.
// Errors: not found (ErrInvalidAttachmentID), forbidden (ReasonCannotDeletePost),
// internal.
func (s *Store) DeleteMedia(ctx context.Context, actor *User, id uint64) (*Media, error) {
	return s.deleteMedia(ctx, actor, id)
}

// MediaURL returns the public URL of a stored file key (WordPress's
// wp_get_attachment_url): the storage's own URL, or
// SITE/wp-content/uploads/KEY.
func (s *Store) MediaURL(file string) string { return s.mediaURL(file) }

// MediaFile is an uploaded file opened for serving.
type MediaFile struct {
	StoredFile
	// MimeType is the attachment's MIME type, checked at upload.
	MimeType string
	// Name is the file's base name.
	Name string
	// Private is set when the attachment is private: its answer must not be
	// kept by shared caches.
	Private bool
}

// OpenMediaFile opens the file of the attachment whose key is file
// ("2026/11/red-pixel.png") for reader (nil: a visitor) to read; only files
// of existing attachments are served. With ProtectPrivate, a private
// attachment's file is not found for readers who may not read the attachment
// (not found rather than forbidden: its existence is not told). The caller
// closes Body.
// Errors: not found, unavailable (no storage), internal.
func (s *Store) OpenMediaFile(ctx context.Context, file string, reader *User) (*MediaFile, error) {
	return s.openMediaFile(ctx, file, reader)
}
