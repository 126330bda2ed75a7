package rest

import (
	"crypto/md5"
	"encoding/hex"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/presspass/presspass/languages"
	"github.com/presspass/presspass/models"
)

// /wp/v2/media and /wp/v2/media/{id}: WordPress's
// WP_REST_Attachments_Controller over models' media API. Uploads come as a
// raw body with Content-Disposition, or as multipart/form-data with a
// "file" part; the store decides names, types and limits.

func (s *Server) mediaRoutes() []*Route {
	schema := func() *Object { return mediaSchema(s.restURL("/wp/v2/media/{id}")) }
	idArg := Arg{Name: "id", Description: "Unique identifier for the post.", Type: "integer"}
	return []*Route{
		{
			Namespace: "wp/v2",
			Pattern:   "/wp/v2/media",
			Schema:    schema,
			Endpoints: []*Endpoint{
				{Methods: []string{"GET"}, Args: mediaCollectionArgs(), Permission: postsListPermission(postTypeAttachment), Handler: s.listMedia},
				{Methods: []string{"POST"}, Args: mediaWriteArgs(), Permission: mediaCreatePermission, Handler: s.createMedia},
			},
		},
		{
			Namespace: "wp/v2",
			Pattern:   `/wp/v2/media/(?P<id>[\d]+)`,
			Schema:    schema,
			Endpoints: []*Endpoint{
				{Methods: []string{"GET"}, Args: []Arg{idArg, ContextArg("view")}, Permission: mediaReadPermission, Handler: s.getMedia},
				{Methods: []string{"POST", "PUT", "PATCH"}, Args: append([]Arg{idArg}, mediaWriteArgs()...),
					Permission: mediaUpdatePermission, Handler: s.updateMedia},
				{Methods: []string{"DELETE"}, Args: []Arg{idArg,
					{Name: "force", Description: "Whether to bypass Trash and force deletion.", Type: "boolean", Default: false, Keywords: kwForce},
				}, Permission: mediaDeletePermission, Handler: s.deleteMedia},
			},
		},
	}
}

// itemMedia loads the attachment of the item route (rest_post_invalid_id,
// 404, for anything else).
func itemMedia(r *Request) (*models.Media, error) {
	id, err := parseID(r.URLParam("id"))
	if err != nil || id == 0 {
		return nil, models.ErrPostInvalidID()
	}
	m, err := r.Store().MediaByID(r.Ctx(), id)
	if err != nil {
		if models.IsNotFound(err) {
			return nil, models.ErrPostInvalidID()
		}
		return nil, err
	}
	return m, nil
}

// canReadMedia is check_read_permission for attachments: an attachment
// inherits its parent's visibility.
func canReadMedia(r *Request, p *models.Post) bool {
	if p.Status == "inherit" && p.ParentID != 0 && p.ParentID != p.ID {
		if parent, err := r.Store().PostByID(r.Ctx(), p.ParentID); err == nil && parent.Type != "attachment" {
			return canReadPost(r.User, parent)
		}
		return true
	}
	return canReadPost(r.User, p)
}

func mediaReadPermission(r *Request) error {
	m, err := itemMedia(r)
	if err != nil {
		return err
	}
	if r.ViewContext() == "edit" && !models.CanEditPost(r.User, m.Post) {
		return Forbidden("rest_forbidden_context", languages.Mark("Sorry, you are not allowed to edit this post."))
	}
	if !canReadMedia(r, m.Post) {
		return Forbidden("rest_forbidden", languages.Mark("Sorry, you are not allowed to do that."))
	}
	return nil
}

// mediaCreatePermission is create_item_permissions_check of attachments:
// the posts checks, then upload_files, then edit rights on the post the
// file is attached to.
func mediaCreatePermission(r *Request) error {
	if r.Has("id") {
		return Err(http.StatusBadRequest, "rest_post_exists", languages.Mark("Cannot create existing post."))
	}
	if err := authorAndStickyPermission(r, postTypeAttachment, true); err != nil {
		return err
	}
	if !models.CanCreatePost(r.User, "attachment") {
		return refusal(models.KindForbidden, models.ReasonCannotCreatePost)
	}
	if !models.CanUploadFiles(r.User) {
		return refusal(models.KindForbidden, models.ReasonCannotUploadFiles)
	}
	if id := r.Int("post"); r.Has("post") && id > 0 {
		parent, err := r.Store().PostByID(r.Ctx(), uint64(id))
		if err != nil && !models.IsNotFound(err) {
			return err
		}
		if err != nil || !models.CanEditPost(r.User, parent) {
			return refusal(models.KindForbidden, models.ReasonCannotUploadToPost)
		}
	}
	return nil
}

func mediaUpdatePermission(r *Request) error {
	m, err := itemMedia(r)
	if err != nil {
		return err
	}
	if !models.CanEditPost(r.User, m.Post) {
		return refusal(models.KindForbidden, models.ReasonCannotEditPost)
	}
	return authorAndStickyPermission(r, postTypeAttachment, false)
}

func mediaDeletePermission(r *Request) error {
	m, err := itemMedia(r)
	if err != nil {
		return err
	}
	if !models.CanDeletePost(r.User, m.Post) {
		return refusal(models.KindForbidden, models.ReasonCannotDeletePost)
	}
	return nil
}

// mediaInput reads the writable attachment fields the client sent.
func mediaInput(r *Request, cur *models.Post) models.MediaInput {
	var in models.MediaInput
	for _, f := range []struct {
		name string
		dst  **string
	}{{"title", &in.Title}, {"caption", &in.Caption}, {"description", &in.Description}} {
		if v, ok := rawOrObject(r.Param(f.name)); ok {
			*f.dst = &v
		}
	}
	in.AltText = stringParam(r, "alt_text")
	if r.Has("post") {
		id := uint64(max(r.Int("post"), 0))
		in.ParentID = &id
	}
	in.Slug = stringParam(r, "slug")
	in.AuthorID = authorParam(r)
	in.CommentStatus = stringParam(r, "comment_status")
	in.PingStatus = stringParam(r, "ping_status")
	in.Status = stringParam(r, "status")
	in.Date, in.DateGMT = requestDate(r, cur)
	return in
}

// Upload errors of the REST adapter (the request's shape, before the store
// sees the file), with WordPress's codes and messages.
var (
	errUploadNoData         = Err(http.StatusBadRequest, "rest_upload_no_data", languages.Mark("No data supplied."))
	errUploadNoType         = Err(http.StatusBadRequest, "rest_upload_no_content_type", languages.Mark("No Content-Type supplied."))
	errUploadNoDisposition  = Err(http.StatusBadRequest, "rest_upload_no_content_disposition", languages.Mark("No Content-Disposition supplied."))
	errUploadBadDisposition = Err(http.StatusBadRequest, "rest_upload_invalid_disposition",
		languages.Mark("Invalid Content-Disposition supplied. Content-Disposition needs to be formatted as `attachment; filename=\"image.png\"` or similar."))
)

// uploadedFile extracts the file of an upload request: the multipart "file"
// part, or the raw body named by Content-Disposition (upload_from_data).
func uploadedFile(r *Request) (name, contentType string, data []byte, err error) {
	if mf := r.HTTP.MultipartForm; mf != nil {
		files := mf.File["file"]
		if len(files) == 0 {
			return "", "", nil, Err(http.StatusBadRequest, "rest_upload_no_data", languages.Mark("No data supplied."))
		}
		fh := files[0]
		f, err := fh.Open()
		if err != nil {
			return "", "", nil, Err(http.StatusInternalServerError, "rest_upload_unknown_error", languages.Mark("The file could not be read."))
		}
		defer f.Close()
		data, err := io.ReadAll(f)
		if err != nil {
			return "", "", nil, Err(http.StatusInternalServerError, "rest_upload_unknown_error", languages.Mark("The file could not be read."))
		}
		return fh.Filename, fh.Header.Get("Content-Type"), data, nil
	}
	if len(r.Body) == 0 {
		return "", "", nil, errUploadNoData
	}
	contentType = r.HTTP.Header.Get("Content-Type")
	if contentType == "" {
		return "", "", nil, errUploadNoType
	}
	disp := r.HTTP.Header.Get("Content-Disposition")
	if disp == "" {
		return "", "", nil, errUploadNoDisposition
	}
	name = filenameFromDisposition(disp)
	if name == "" {
		return "", "", nil, errUploadBadDisposition
	}
	if md5 := r.HTTP.Header.Get("Content-MD5"); md5 != "" && !md5Matches(md5, r.Body) {
		return "", "", nil, Err(http.StatusPreconditionFailed, "rest_upload_hash_mismatch", languages.Mark("Content hash did not match expected."))
	}
	return name, contentType, r.Body, nil
}

// filenameFromDisposition is get_filename_from_disposition: the filename
// parameter (quoted or not; filename* is not accepted, as in WordPress).
func filenameFromDisposition(header string) string {
	for _, part := range strings.Split(header, ";") {
		k, v, ok := strings.Cut(strings.TrimSpace(part), "=")
		if !ok || !strings.EqualFold(strings.TrimSpace(k), "filename") {
			continue
		}
		v = strings.TrimSpace(v)
		if len(v) >= 2 && v[0] == '"' && v[len(v)-1] == '"' {
			v = v[1 : len(v)-1]
		}
		// Some clients percent-encode the name.
		if u, err := url.PathUnescape(v); err == nil {
			v = u
		}
		return strings.TrimSpace(v)
	}
	// A well-formed header with parameters the parser above missed.
	if _, params, err := mime.ParseMediaType(header); err == nil {
		return params["filename"]
	}
	return ""
}

func (s *Server) createMedia(r *Request) (*Response, error) {
	name, contentType, data, err := uploadedFile(r)
	if err != nil {
		return nil, err
	}
	in := models.UploadInput{Filename: name, ContentType: contentType, Data: data, MediaInput: mediaInput(r, nil)}
	m, err := s.store.UploadMedia(r.Ctx(), r.User, in)
	if err != nil {
		return nil, err
	}
	r.SetParam("context", "edit")
	resp := NewResponse(http.StatusCreated, s.renderMedia(r, m))
	resp.Header.Set("Location", r.URL("/wp/v2/media/"+strconv.FormatUint(m.Post.ID, 10)))
	return resp, nil
}

func (s *Server) getMedia(r *Request) (*Response, error) {
	m, err := itemMedia(r)
	if err != nil {
		return nil, err
	}
	resp := NewResponse(http.StatusOK, s.renderMedia(r, m))
	resp.LinkHeader("alternate", s.store.AttachmentLink(r.Ctx(), m.Post, r.User), [2]string{"type", "text/html"})
	return resp, nil
}

func (s *Server) updateMedia(r *Request) (*Response, error) {
	cur, err := itemMedia(r)
	if err != nil {
		return nil, err
	}
	m, err := s.store.UpdateMedia(r.Ctx(), r.User, cur.Post.ID, mediaInput(r, cur.Post))
	if err != nil {
		return nil, err
	}
	r.SetParam("context", "edit")
	return NewResponse(http.StatusOK, s.renderMedia(r, m)), nil
}

// deleteMedia deletes for good; without force it answers 501, as
// WordPress does while MEDIA_TRASH is off.
func (s *Server) deleteMedia(r *Request) (*Response, error) {
	cur, err := itemMedia(r)
	if err != nil {
		return nil, err
	}
	if !r.Bool("force") {
		return nil, Err(http.StatusNotImplemented, "rest_trash_not_supported", languages.Mark("The post does not support trashing. Set 'force=true' to delete."))
	}
	r.SetParam("context", "edit")
	previous := s.renderMedia(r, cur)
	previous.Delete("_links")
	if _, err := s.store.DeleteMedia(r.Ctx(), r.User, cur.Post.ID); err != nil {
		return nil, err
	}
	return NewResponse(http.StatusOK, Obj("deleted", true, "previous", previous)), nil
}

func (s *Server) listMedia(r *Request) (*Response, error) {
	ctx := r.Ctx()
	page := r.Int("page")
	perPage := r.Int("per_page")
	f := s.postListFilter(r, "inherit")
	applyParentFilters(r, &f)
	q := models.MediaQuery{Filter: f, MediaTypes: r.StringList("media_type"), MimeTypes: r.StringList("mime_type")}
	list, total, err := s.store.ListMedia(ctx, r.User, q)
	if err != nil {
		return nil, err
	}
	total, err = pageTotal(page, perPage, total, func() (int64, error) {
		q.Filter.Limit, q.Filter.Offset = 0, 0
		_, n, err := s.store.ListMedia(ctx, r.User, q)
		return n, err
	})
	if err != nil {
		return nil, err
	}
	items := make([]any, 0, len(list))
	for _, m := range list {
		// As get_items, attachments of posts the caller may not read are
		// left out of the page (the totals still count them).
		if !canReadMedia(r, m.Post) {
			continue
		}
		items = append(items, s.renderMedia(r, m))
	}
	resp := NewResponse(http.StatusOK, items)
	r.Paginate(resp, "/wp/v2/media", total, page, perPage)
	return resp, nil
}

// md5Matches compares a Content-MD5 header (hex, as WordPress reads it)
// with the body.
func md5Matches(header string, data []byte) bool {
	sum := md5.Sum(data)
	return strings.EqualFold(strings.TrimSpace(header), hex.EncodeToString(sum[:]))
}
