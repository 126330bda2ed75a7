package xmlrpc

import (
	"strconv"
	"strings"

	"github.com/presspass/presspass/languages"
	"github.com/presspass/presspass/models"
)

// The media methods: metaWeblog.newMediaObject (and its alias
// wp.uploadFile), wp.getMediaItem and wp.getMediaLibrary. wp.deleteFile is
// wp.deletePost, which deletes attachments for good.

var (
	faultCannotUpload      = NewFault(401, languages.Mark("Sorry, you are not allowed to upload files."))
	faultInvalidAttachment = NewFault(404, languages.Mark("Invalid attachment ID."))
	// faultInvalidAttachmentData answers upload data of the wrong shape
	// (WordPress 7's answer; 6.9 crashes or writes an empty name).
	faultInvalidAttachmentData = NewFault(400, languages.Mark("Invalid attachment data."))
)

// mwNewMediaObject(blog, username, password, {name, type, bits[, post_id]}):
// stores the file and creates its attachment, titled with the file name.
func mwNewMediaObject(c *Call, p Params) (Value, error) {
	if err := p.Min(4); err != nil {
		return Value{}, err
	}
	u, err := c.login(p, 1, 2)
	if err != nil {
		return Value{}, err
	}
	if !models.CanUploadFiles(u) {
		return Value{}, faultCannotUpload
	}
	data, _ := p.Value(3)
	if data.Kind != KindStruct {
		return Value{}, faultInvalidAttachmentData
	}
	var fields [3]string
	for i, name := range []string{"name", "type", "bits"} {
		v, ok := data.Get(name)
		if !ok {
			continue
		}
		if !v.Scalar() {
			return Value{}, faultInvalidAttachmentData
		}
		fields[i], _ = v.AsString()
	}
	if strings.Trim(fields[0], " \t\r\n.-_") == "" {
		// Nothing the sanitizer could keep: wp_upload_bits refuses it.
		return Value{}, couldNotWrite("", phrase(languages.Mark("Empty filename")))
	}
	name := models.SanitizeFileName(fields[0])
	in := models.UploadInput{Filename: name, ContentType: fields[1], Data: []byte(fields[2])}
	// The title is the sanitized name with its extension, whatever number
	// the stored file gets to be unique.
	in.Title = &name
	if v, ok := data.Get("post_id"); ok && v.Truthy() {
		n := v.AsInt()
		if n <= 0 {
			return Value{}, faultCannotEditPost
		}
		parent := uint64(n)
		if _, err := c.postWithCap(u, parent, c.canEditPost, faultCannotEditPost, faultCannotEditPost); err != nil {
			return Value{}, err
		}
		in.ParentID = &parent
	}
	m, err := c.srv.store.UploadMedia(c.ctx, u, in)
	if err != nil {
		if me := models.AsError(err); me.Kind != models.KindInternal && me.Err != nil {
			// The fault names the failure; its cause is for the operator.
			c.srv.cfg.Logger.Error("xmlrpc upload failed", "request_id", models.RequestID(c.ctx), "method", c.method, "err", err)
		}
		return Value{}, uploadFault(name, err)
	}
	item := c.prepareMediaItem(m)
	// WordPress's deprecated members, kept for old clients.
	item.Members = append(item.Members,
		M("id", Str(strconv.FormatUint(m.Post.ID, 10))),
		M("file", Str(m.Post.Title)),
		M("url", Str(m.URL)),
	)
	return item, nil
}

// couldNotWrite is wp_upload_bits' failure as the upload methods report it.
// reason is worded in the fault's language too.
func couldNotWrite(name string, reason localized) *Fault {
	return faultf(500, languages.Mark("Could not write file %[1]s (%[2]s)."), name, reason)
}

// uploadFault maps the store's refusals of an upload to WordPress's faults:
// what wp_upload_bits refuses is a 500 naming the file and the reason.
func uploadFault(name string, err error) error {
	me := models.AsError(err)
	switch {
	case me.Reason == models.ReasonCannotUploadFiles:
		return faultCannotUpload
	case me.Kind == models.KindForbidden:
		// The parent post: edit_post is required to attach a file to it.
		return faultCannotEditPost
	case me.Kind == models.KindInvalid, me.Kind == models.KindConflict, me.Reason == models.ReasonUploadsUnavailable, me.Reason == models.ReasonUploadNotStored:
		return couldNotWrite(name, storeFault(me))
	}
	return err
}

// wpGetMediaItem(blog, username, password, attachment_id).
func wpGetMediaItem(c *Call, p Params) (Value, error) {
	id, u, err := c.idAndLogin(p, 3, 1)
	if err != nil {
		return Value{}, err
	}
	if !models.CanUploadFiles(u) {
		// 403 here where wp.getMediaLibrary says 401, as in WordPress.
		return Value{}, NewFault(403, languages.Mark("Sorry, you are not allowed to upload files."))
	}
	m, err := c.srv.store.MediaItem(c.ctx, u, id)
	if err != nil {
		if models.IsNotFound(err) {
			return Value{}, faultInvalidAttachment
		}
		return Value{}, err
	}
	return c.prepareMediaItem(m), nil
}

// wpGetMediaLibrary(blog, username, password[, filter]): filter keys
// parent_id (0: unattached files), mime_type ("image/png" or "image"),
// number (every file when absent) and offset; newest first.
func wpGetMediaLibrary(c *Call, p Params) (Value, error) {
	filter := p.Struct(3)
	u, err := c.login(p, 1, 2)
	if err != nil {
		return Value{}, err
	}
	if !models.CanUploadFiles(u) {
		return Value{}, faultCannotUpload
	}
	q := models.MediaQuery{RequireUploadFiles: true, Filter: models.PostFilter{Statuses: []string{"inherit"}}}
	if n, ok := memberInt(filter, "parent_id"); ok {
		q.Filter.Parents = []uint64{uint64(absint(n))}
	}
	if s, ok := memberString(filter, "mime_type"); ok && s != "" {
		q.MimeTypes = []string{s}
	}
	if n, ok := memberInt(filter, "number"); ok {
		// get_posts: 0 is the site's posts_per_page; without a number
		// every file is listed and the offset does not apply.
		q.Filter.Limit = absint(n)
		if q.Filter.Limit == 0 {
			q.Filter.Limit = c.srv.store.OptionInt(c.ctx, "posts_per_page")
			if q.Filter.Limit <= 0 {
				q.Filter.Limit = 10
			}
		}
		if off, ok := memberInt(filter, "offset"); ok {
			q.Filter.Offset = absint(off)
		}
	}
	items, _, err := c.srv.store.ListMedia(c.ctx, u, q)
	if err != nil {
		if models.ErrorKind(err) == models.KindForbidden {
			return Value{}, faultCannotUpload
		}
		return Value{}, err
	}
	out := make([]Value, 0, len(items))
	for _, m := range items {
		out = append(out, c.prepareMediaItem(m))
	}
	return Array(out...), nil
}

// prepareMediaItem is WordPress's _prepare_media_item. PressPass keeps no
// intermediate image sizes, so the thumbnail is the file itself, as
// image_downsize answers for an image without sizes.
func (c *Call) prepareMediaItem(m *models.Media) Value {
	p := m.Post
	return Struct(
		M("attachment_id", Str(strconv.FormatUint(p.ID, 10))),
		M("date_created_gmt", c.gmtDate(p.DateGMT, p.Date)),
		M("parent", Int(int64(p.ParentID))),
		M("link", Str(m.URL)),
		M("title", Str(p.Title)),
		M("caption", Str(p.Excerpt)),
		M("description", Str(p.Content)),
		M("metadata", attachmentMetadata(m)),
		M("type", Str(p.MimeType)),
		M("alt", Str(m.File.AltText)),
		M("thumbnail", Str(m.URL)),
	)
}

// attachmentMetadata is wp_get_attachment_metadata as WordPress generates
// it for an upload without EXIF data: an image's size, file, byte size, no
// intermediate sizes and empty image_meta; another file's byte size; false
// for an attachment without a file record.
func attachmentMetadata(m *models.Media) Value {
	if m.File.File == "" {
		return Bool(false)
	}
	if !m.IsImage() {
		return Struct(M("filesize", Int(m.File.FileSize)))
	}
	return Struct(
		M("width", Int(int64(m.File.Width))),
		M("height", Int(int64(m.File.Height))),
		M("file", Str(m.File.File)),
		M("filesize", Int(m.File.FileSize)),
		M("sizes", Array()),
		M("image_meta", Struct(
			M("aperture", Str("0")),
			M("credit", Str("")),
			M("camera", Str("")),
			M("caption", Str("")),
			M("created_timestamp", Str("0")),
			M("copyright", Str("")),
			M("focal_length", Str("0")),
			M("iso", Str("0")),
			M("shutter_speed", Str("0")),
			M("title", Str("")),
			M("orientation", Str("0")),
			M("keywords", Array()),
		)),
	)
}
