package rest

import (
	"html"
	"strconv"

	"github.com/presspass/presspass/models"
	"github.com/presspass/presspass/models/wptext"
)

// Attachments as WP_REST_Attachments_Controller prepares them: the posts
// fields that apply to attachments, plus description, caption, alt_text,
// media_type, mime_type, media_details, post, source_url and (edit)
// missing_image_sizes. The fields' contexts are in postFieldContexts.

// imageMeta is the image_meta WordPress reads from EXIF/IPTC; PressPass
// reads none, and WordPress shows these defaults for images without any.
func imageMeta() *Object {
	return Obj(
		"aperture", "0", "credit", "", "camera", "", "caption", "", "created_timestamp", "0", "copyright", "",
		"focal_length", "0", "iso", "0", "shutter_speed", "0", "title", "", "orientation", "0", "keywords", []any{},
	)
}

// mediaDetails is wp_get_attachment_metadata as REST shows it: size, file
// and image_meta for images, the file size for the rest; sizes is always
// an empty object (PressPass makes no resized copies).
func mediaDetails(m *models.Media) *Object {
	if m.File.File == "" {
		return &Object{}
	}
	if m.IsImage() && m.File.Width > 0 {
		return Obj("width", m.File.Width, "height", m.File.Height, "file", m.File.File, "filesize", m.File.FileSize,
			"sizes", &Object{}, "image_meta", imageMeta())
	}
	return Obj("filesize", m.File.FileSize, "sizes", &Object{})
}

// constrainDimensions is wp_constrain_dimensions: fit w×h into maxW×maxH
// keeping the aspect ratio.
func constrainDimensions(w, h, maxW, maxH int) (int, int) {
	if w <= 0 || h <= 0 || (w <= maxW && h <= maxH) {
		return w, h
	}
	ratioW := float64(maxW) / float64(w)
	ratioH := float64(maxH) / float64(h)
	ratio := min(ratioW, ratioH)
	nw := max(1, int(float64(w)*ratio+0.5))
	nh := max(1, int(float64(h)*ratio+0.5))
	return nw, nh
}

// attachmentMarkup is prepend_attachment's paragraph: the image (at most
// the "medium" 300×300 box) linked to the file, or a link with the title
// for other files.
func attachmentMarkup(m *models.Media) string {
	url := html.EscapeString(m.URL)
	inner := wptext.TheTitle(m.Post.Title)
	if m.IsImage() && m.File.Width > 0 {
		w, h := constrainDimensions(m.File.Width, m.File.Height, 300, 300)
		inner = `<img loading="lazy" decoding="async" width="` + strconv.Itoa(w) + `" height="` + strconv.Itoa(h) +
			`" src="` + url + `" class="attachment-medium size-medium" alt="` + html.EscapeString(m.File.AltText) + `" />`
	}
	return `<p class="attachment"><a href='` + url + `'>` + inner + "</a></p>\n"
}

// renderMedia builds the REST representation of an attachment: the fields
// it shares with posts (renderPostCommon), then its own.
func (s *Server) renderMedia(r *Request, m *models.Media) *Object {
	ctx := r.Ctx()
	p := m.Post
	edit := r.ViewContext() == "edit"
	st := s.store
	include := postFieldFilter(r)
	data := NewObject(postTypeAttachment.fieldOrder)
	s.renderPostCommon(r, p, include, data)
	if include("link") {
		data.Set("link", st.AttachmentLink(ctx, p, r.User))
	}
	if include("meta") {
		data.Set("meta", []any{})
	}
	if edit && r.FieldIncluded("permalink_template") {
		data.Set("permalink_template", st.AttachmentPermalinkTemplate(p))
	}
	if edit && r.FieldIncluded("generated_slug") {
		_, gen := st.PermalinkTemplate(ctx, p)
		data.Set("generated_slug", gen)
	}
	if include("class_list") {
		data.Set("class_list", postClassList(p, postTypeAttachment, nil, nil))
	}
	if include("description") {
		rendered := wptext.AttachmentContent(attachmentMarkup(m), p.Content, s.textOptions(r))
		if edit {
			data.Set("description", Obj("raw", p.Content, "rendered", rendered))
		} else {
			data.Set("description", Obj("rendered", rendered))
		}
	}
	if include("caption") {
		rendered := ""
		if p.Excerpt != "" {
			rendered = wptext.TheExcerpt(p.Excerpt, "", s.textOptions(r))
		}
		if edit {
			data.Set("caption", Obj("raw", p.Excerpt, "rendered", rendered))
		} else {
			data.Set("caption", Obj("rendered", rendered))
		}
	}
	if include("alt_text") {
		data.Set("alt_text", m.File.AltText)
	}
	if include("media_type") {
		data.Set("media_type", models.MediaTypeOf(p.MimeType))
	}
	if include("mime_type") {
		data.Set("mime_type", p.MimeType)
	}
	if include("media_details") {
		data.Set("media_details", mediaDetails(m))
	}
	if include("post") {
		if p.ParentID != 0 {
			data.Set("post", p.ParentID)
		} else {
			data.Set("post", nil)
		}
	}
	if include("source_url") {
		data.Set("source_url", m.URL)
	}
	if include("missing_image_sizes") {
		data.Set("missing_image_sizes", []any{})
	}
	return r.WithLinks(data, s.mediaLinks(r, p))
}

// mediaLinks is prepare_links for attachments: no revisions, terms or
// attachment links, and in the edit context only the actions that apply.
func (s *Server) mediaLinks(r *Request, p *models.Post) Links {
	links := appendFeaturedMediaLink(r, postBaseLinks(r, p, postTypeAttachment), p)
	if r.ViewContext() == "edit" {
		u := r.User
		self := r.URL("/wp/v2/media/" + strconv.FormatUint(p.ID, 10))
		if models.CanPostUnfilteredHTML(u) {
			links = append(links, Link{Rel: wpRelPrefix + "action-unfiltered-html", Href: self})
		}
		if models.CanEditOthersPosts(u, "post") {
			links = append(links, Link{Rel: wpRelPrefix + "action-assign-author", Href: self})
		}
	}
	return links
}

// mediaSchema is the attachment item schema OPTIONS shows.
func mediaSchema(itemURL string) *Object {
	// The posts schema's properties, then the attachment's own.
	props := postSchema(postTypePage, itemURL).Object("properties")
	for _, k := range []string{"content", "excerpt", "password", "parent", "menu_order"} {
		props.Delete(k)
	}
	props.Set("status", prop("A named status for the post.", "string", ctxViewEdit, "enum", []any{"publish", "future", "draft", "pending", "private"}))
	props.Set("meta", prop("Meta fields.", "object", ctxViewEdit, "properties", []any{}))
	props.Set("alt_text", prop("Alternative text to display when attachment is not displayed.", "string", ctxAll))
	props.Set("caption", prop("The attachment caption.", "object", ctxAll, "properties", Obj(
		"raw", prop("Caption for the attachment, as it exists in the database.", "string", ctxEdit),
		"rendered", prop("HTML caption for the attachment, transformed for display.", "string", ctxAll, "readonly", true),
	)))
	props.Set("description", prop("The attachment description.", "object", ctxViewEdit, "properties", Obj(
		"raw", prop("Description for the attachment, as it exists in the database.", "string", ctxEdit),
		"rendered", prop("HTML description for the attachment, transformed for display.", "string", ctxViewEdit, "readonly", true),
	)))
	props.Set("media_type", prop("Attachment type.", "string", ctxAll, "enum", []any{"image", "file"}, "readonly", true))
	props.Set("mime_type", prop("The attachment MIME type.", "string", ctxAll, "readonly", true))
	props.Set("media_details", prop("Details about the media file, specific to its type.", "object", ctxAll, "readonly", true))
	props.Set("post", prop("The ID for the associated post of the attachment.", "integer", ctxViewEdit))
	props.Set("source_url", prop("URL to the original attachment file.", "string", ctxAll, "format", "uri", "readonly", true))
	props.Set("missing_image_sizes", Obj("description", "List of the missing image sizes of the attachment.", "type", "array",
		"items", Obj("type", "string"), "context", ctxEdit, "readonly", true))
	return Obj(
		"$schema", "http://json-schema.org/draft-04/schema#",
		"title", "attachment",
		"type", "object",
		"properties", props,
		"links", postSchemaLinks(postTypeAttachment, itemURL),
	)
}

// mediaCollectionArgs are the GET arguments of /wp/v2/media: the posts
// arguments that apply to attachments, parent filters, and media_type and
// mime_type.
func mediaCollectionArgs() []Arg {
	var args []Arg
	for _, a := range (&Server{}).postCollectionArgs(postTypeAttachment) {
		switch a.Name {
		case "menu_order":
			continue
		case "status":
			a = Arg{Name: "status", Description: "Limit result set to posts assigned one or more statuses.", Type: "array", Default: "inherit",
				Items: &Arg{Type: "string", Enum: []any{"inherit", "private", "trash"}, Keywords: kwEnumFirst}, Sanitize: sanitizeMediaStatuses, Keywords: kwDefaultFirst}
		}
		args = append(args, a)
	}
	return append(args,
		Arg{Name: "media_type", Description: "Limit result set to attachments of a particular media type or media types.", Type: "array",
			Extra: map[string]any{"default": nil}, Keywords: kwDefaultFirst,
			Items: &Arg{Type: "string", Enum: []any{"image", "video", "text", "application", "audio"}}},
		Arg{Name: "mime_type", Description: "Limit result set to attachments of a particular MIME type or MIME types.", Type: "array",
			Extra: map[string]any{"default": nil}, Keywords: kwDefaultFirst, Items: &Arg{Type: "string"}},
	)
}

// sanitizeMediaStatuses is sanitize_post_statuses for attachments: any
// status other than inherit needs edit_posts (or read_private_posts for
// private).
func sanitizeMediaStatuses(r *Request, v any) (any, error) {
	return sanitizeStatuses(r, postTypeAttachment, "inherit", v)
}

// mediaWriteArgs are the arguments of upload and update.
func mediaWriteArgs() []Arg {
	var args []Arg
	// The page's arguments that apply, its meta replaced in place (before
	// template, as in WordPress's schema), then the attachment's own.
	for _, a := range (&Server{}).postWriteArgs(postTypePage) {
		switch a.Name {
		case "content", "excerpt", "password", "parent", "menu_order":
			continue
		case "meta":
			// No meta is registered for attachments: PHP's empty array is a JSON list.
			a = Arg{Name: "meta", Description: "Meta fields.", Type: "object", Extra: map[string]any{"properties": []any{}}}
		}
		args = append(args, a)
	}
	return append(args,
		Arg{Name: "alt_text", Description: "Alternative text to display when attachment is not displayed.", Type: "string"},
		rawOrObjectArg("caption", "The attachment caption.", "Caption for the attachment, as it exists in the database.", "HTML caption for the attachment, transformed for display.", ctxAll, nil),
		rawOrObjectArg("description", "The attachment description.", "Description for the attachment, as it exists in the database.", "HTML description for the attachment, transformed for display.", ctxViewEdit, nil),
		Arg{Name: "post", Description: "The ID for the associated post of the attachment.", Type: "integer"},
	)
}
