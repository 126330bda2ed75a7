package models

import (
	"context"
	"errors"
	"io/fs"
	"path"
	"strconv"
	"strings"
)

// mediaTypeMimes are the MIME prefixes of each of WordPress's media types
// (REST's media_type filter); "application" is everything else.
var mediaTypeMimes = map[string][]string{
	"image": {"image/"}, "video": {"video/"}, "audio": {"audio/"}, "text": {"text/"},
}

func (s *Store) mediaByID(ctx context.Context, id uint64) (*Media, error) {
	p, err := s.PostByID(ctx, id)
	if err != nil {
		if IsNotFound(err) {
			return nil, ErrInvalidAttachmentID
		}
		return nil, err
	}
	if p.Type != "attachment" {
		return nil, ErrInvalidAttachmentID
	}
	atts, err := s.attachmentsFor(ctx, []uint64{id})
	if err != nil {
		return nil, err
	}
	return s.newMedia(p, atts[id]), nil
}

// MediaByIDs returns the attachments among ids with their file records,
// keyed by id, in two queries whatever their number (ids that are no
// attachment are absent): a list's featured images at once.
// Errors: internal.
func (s *Store) MediaByIDs(ctx context.Context, ids []uint64) (map[uint64]*Media, error) {
	out := make(map[uint64]*Media, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	var posts []*Post
	if err := s.withContext(ctx).Where("id IN ? AND type = ?", ids, "attachment").Find(&posts).Error; err != nil {
		return nil, err
	}
	found := make([]uint64, 0, len(posts))
	for _, p := range posts {
		found = append(found, p.ID)
	}
	atts, err := s.attachmentsFor(ctx, found)
	if err != nil {
		return nil, err
	}
	for _, p := range posts {
		out[p.ID] = s.newMedia(p, atts[p.ID])
	}
	return out, nil
}

// newMedia joins a post and its file record (an attachment imported or made
// without one has an empty record and no URL of its own but its GUID).
func (s *Store) newMedia(p *Post, att *Attachment) *Media {
	m := &Media{Post: p}
	if att != nil {
		m.File = *att
		m.URL = s.mediaURL(att.File)
	} else {
		m.File.PostID = p.ID
		m.URL = p.GUID
	}
	return m
}

func (s *Store) attachmentsFor(ctx context.Context, ids []uint64) (map[uint64]*Attachment, error) {
	out := make(map[uint64]*Attachment, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	var rows []Attachment
	if err := s.withContext(ctx).Where("post_id IN ?", ids).Find(&rows).Error; err != nil {
		return nil, Internal(err)
	}
	for i := range rows {
		out[rows[i].PostID] = &rows[i]
	}
	return out, nil
}

func (s *Store) listMedia(ctx context.Context, viewer *User, q MediaQuery) ([]*Media, int64, error) {
	if q.RequireUploadFiles && !CanUploadFiles(viewer) {
		return nil, 0, ErrCannotUploadFiles
	}
	f := q.Filter
	f.Types = []string{"attachment"}
	if len(f.Statuses) == 0 {
		f.Statuses = []string{"inherit", "private"}
	}
	if viewer == nil {
		// Visitors see inherit attachments (the posts' own visibility rule
		// knows only "publish" for them).
		f.Statuses = intersectStrings(f.Statuses, []string{"inherit"})
		if len(f.Statuses) == 0 {
			return nil, 0, nil
		}
		f.Readable, f.ReadableBy = false, nil
	} else {
		f.Readable, f.ReadableBy = true, viewer
	}
	ids, restrict, err := s.mediaIDsByMime(ctx, q.MediaTypes, q.MimeTypes)
	if err != nil {
		return nil, 0, err
	}
	if restrict {
		if len(ids) == 0 {
			return nil, 0, nil
		}
		if len(f.IDs) > 0 {
			ids = intersectIDs(ids, f.IDs)
			if len(ids) == 0 {
				return nil, 0, nil
			}
			if f.OrderBy == "include" {
				ids = intersectIDs(f.IDs, ids)
			}
		}
		f.IDs = ids
	}
	posts, total, err := s.Posts(ctx, f)
	if err != nil {
		return nil, 0, err
	}
	pids := make([]uint64, len(posts))
	for i := range posts {
		pids[i] = posts[i].ID
	}
	atts, err := s.attachmentsFor(ctx, pids)
	if err != nil {
		return nil, 0, err
	}
	out := make([]*Media, len(posts))
	for i := range posts {
		out[i] = s.newMedia(&posts[i], atts[posts[i].ID])
	}
	return out, total, nil
}

// mediaIDsByMime finds the attachments of any of the media types or MIME
// types (restrict is false when neither filter is given). The list of ids
// is then handed to Posts, so that ordering, paging and visibility stay
// exactly those of every other post list.
func (s *Store) mediaIDsByMime(ctx context.Context, mediaTypes, mimeTypes []string) ([]uint64, bool, error) {
	if len(mediaTypes) == 0 && len(mimeTypes) == 0 {
		return nil, false, nil
	}
	var conds []string
	var args []any
	for _, t := range mediaTypes {
		if t == "application" {
			conds = append(conds, "(mime_type NOT LIKE ? AND mime_type NOT LIKE ? AND mime_type NOT LIKE ? AND mime_type NOT LIKE ?)")
			args = append(args, "image/%", "video/%", "audio/%", "text/%")
		} else if prefixes, ok := mediaTypeMimes[t]; ok {
			conds = append(conds, "mime_type LIKE ?")
			args = append(args, escapeLike(prefixes[0])+"%")
		}
	}
	for _, m := range mimeTypes {
		if m == "" {
			continue
		}
		if strings.Contains(m, "/") {
			conds = append(conds, "mime_type = ?")
			args = append(args, m)
		} else {
			conds = append(conds, "mime_type LIKE ?")
			args = append(args, escapeLike(m)+"/%")
		}
	}
	if len(conds) == 0 {
		return nil, true, nil
	}
	db := s.withContext(ctx).Model(&Post{}).Where("type = ?", "attachment").
		Where("("+strings.Join(conds, " OR ")+")", args...)
	var ids []uint64
	if err := db.Pluck("id", &ids).Error; err != nil {
		return nil, true, Internal(err)
	}
	return ids, true, nil
}

// intersectStrings keeps the strings of a that are also in b.
func intersectStrings(a, b []string) []string {
	var out []string
	for _, x := range a {
		for _, y := range b {
			if x == y {
				out = append(out, x)
				break
			}
		}
	}
	return out
}

// intersectIDs keeps the ids of a that are also in b, in a's order.
func intersectIDs(a, b []uint64) []uint64 {
	in := make(map[uint64]bool, len(b))
	for _, id := range b {
		in[id] = true
	}
	var out []uint64
	for _, id := range a {
		if in[id] {
			out = append(out, id)
		}
	}
	return out
}

// uploadsPath is where PressPass serves files of the local storage.
const uploadsPath = "/wp-content/uploads/"

func (s *Store) mediaURL(file string) string {
	if st := s.Config.Media.Storage; st != nil {
		if u := st.URL(file); u != "" {
			return u
		}
	}
	return s.siteBase() + uploadsPath + file
}

// AttachmentLink returns an attachment's page link as WordPress's
// get_attachment_link builds it: under its parent's pretty link when
// attached (attachment/SLUG for numeric slugs or %category% structures),
// SITE/SLUG/ when not, and ?attachment_id=ID with plain permalinks or a
// parent without a pretty link.
func (s *Store) AttachmentLink(ctx context.Context, p *Post, viewer *User) string {
	return s.AttachmentLinks(ctx, []*Post{p}, viewer)[0]
}

// AttachmentLinks is AttachmentLink for a list of attachments, in order:
// their parents are loaded in one query and linked once for the list.
func (s *Store) AttachmentLinks(ctx context.Context, atts []*Post, viewer *User) []string {
	structure := s.Option(ctx, "permalink_structure")
	attached := func(p *Post) bool { return structure != "" && p.Slug != "" && p.ParentID != 0 && p.ParentID != p.ID }
	var parentIDs []uint64
	for _, p := range atts {
		if attached(p) {
			parentIDs = append(parentIDs, p.ParentID)
		}
	}
	// A parent that cannot be loaded leaves its attachment linked as an
	// unattached one, as a failed lookup did before.
	parents, _ := s.PostsByIDs(ctx, parentIDs)
	parentLinks := map[uint64]string{}
	// A parent's own link, never an attachment page's: an attachment
	// attached to another (or a cycle of them) ends after one step.
	for i, link := range s.postPermalinks(ctx, pointersTo(parents), viewer) {
		parentLinks[parents[i].ID] = link
	}
	// user_trailingslashit: the structure decides the final slash.
	trailingSlash := strings.HasSuffix(structure, "/")
	out := make([]string, len(atts))
	for i, p := range atts {
		plain := s.siteBase() + "/?attachment_id=" + strconv.FormatUint(p.ID, 10)
		if structure == "" || p.Slug == "" {
			out[i] = plain
			continue
		}
		out[i] = s.siteBase() + "/" + userTrailingSlash(p.Slug, trailingSlash)
		link, ok := parentLinks[p.ParentID]
		if !attached(p) || !ok {
			continue
		}
		if strings.Contains(link, "?") {
			out[i] = plain
			continue
		}
		name := p.Slug
		if isDigits(name) || strings.Contains(structure, "%category%") {
			name = "attachment/" + name
		}
		out[i] = strings.TrimSuffix(link, "/") + "/" + userTrailingSlash(name, trailingSlash)
	}
	return out
}

// AttachmentPermalinkTemplate is REST's permalink_template of an
// attachment: WordPress's sample permalink is the plain ?attachment_id= form.
func (s *Store) AttachmentPermalinkTemplate(p *Post) string {
	return s.siteBase() + "/?attachment_id=" + strconv.FormatUint(p.ID, 10)
}

// validMediaKey reports whether key is a storage key PressPass could have
// made: relative, no empty, dot or dot-dot elements, no backslashes.
func validMediaKey(key string) bool {
	if key == "" || strings.HasPrefix(key, "/") || strings.ContainsAny(key, "\\\x00") || path.Clean(key) != key {
		return false
	}
	for _, el := range strings.Split(key, "/") {
		if el == "" || el == "." || el == ".." || strings.HasPrefix(el, ".") {
			return false
		}
	}
	return true
}

var errMediaFileNotFound = newError(KindNotFound, ReasonMediaFileNotFound)

func (s *Store) openMediaFile(ctx context.Context, file string, reader *User) (*MediaFile, error) {
	if !validMediaKey(file) {
		return nil, errMediaFileNotFound
	}
	storage := s.Config.Media.Storage
	if storage == nil {
		return nil, errMediaFileNotFound
	}
	var att Attachment
	if err := s.withContext(ctx).Where("file = ?", file).Take(&att).Error; err != nil {
		return nil, notFoundOr(err, errMediaFileNotFound)
	}
	p, err := s.PostByID(ctx, att.PostID)
	if err != nil {
		return nil, notFoundOr(err, errMediaFileNotFound)
	}
	if p.Status == uploadingStatus { // not published until its file is whole
		return nil, errMediaFileNotFound
	}
	private := p.Status == "private"
	if private && s.Config.Media.ProtectPrivate && !CanReadPost(reader, p) {
		return nil, errMediaFileNotFound
	}
	sf, err := storage.Get(ctx, file)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, errMediaFileNotFound
		}
		return nil, Internal(err)
	}
	return &MediaFile{StoredFile: *sf, MimeType: p.MimeType, Name: path.Base(file), Private: private}, nil
}
