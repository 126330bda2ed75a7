package models

import (
	"bytes"
	"encoding/binary"
	"image"
	_ "image/gif"  // registers GIF for image.DecodeConfig
	_ "image/jpeg" // registers JPEG
	_ "image/png"  // registers PNG
	"strings"
)

// uploadMimeTypes is WordPress's get_allowed_mime_types() for a user without
// unfiltered_html or unfiltered_upload: wp_get_mime_types() without htm|html,
// js, swf and exe. SVG and PHP were never in it. PressPass applies this list
// to administrators too (WordPress lets them upload HTML): a file served from
// the site's own origin must never be a page or a script.
var uploadMimeTypes = map[string]string{
	// Images.
	"jpg": "image/jpeg", "jpeg": "image/jpeg", "jpe": "image/jpeg", "gif": "image/gif", "png": "image/png",
	"bmp": "image/bmp", "tiff": "image/tiff", "tif": "image/tiff", "webp": "image/webp", "avif": "image/avif",
	"ico": "image/x-icon", "heic": "image/heic", "heif": "image/heif",
	// Video.
	"asf": "video/x-ms-asf", "asx": "video/x-ms-asf", "wmv": "video/x-ms-wmv", "wmx": "video/x-ms-wmx",
	"wm": "video/x-ms-wm", "avi": "video/avi", "divx": "video/divx", "flv": "video/x-flv",
	"mov": "video/quicktime", "qt": "video/quicktime", "mpeg": "video/mpeg", "mpg": "video/mpeg",
	"mpe": "video/mpeg", "mp4": "video/mp4", "m4v": "video/mp4", "ogv": "video/ogg", "webm": "video/webm",
	"mkv": "video/x-matroska", "3gp": "video/3gpp", "3gpp": "video/3gpp", "3g2": "video/3gpp2",
	"3gp2": "video/3gpp2",
	// Text.
	"txt": "text/plain", "asc": "text/plain", "c": "text/plain", "cc": "text/plain", "h": "text/plain",
	"srt": "text/plain", "csv": "text/csv", "tsv": "text/tab-separated-values", "ics": "text/calendar",
	"rtx": "text/richtext", "css": "text/css", "vtt": "text/vtt", "dfxp": "application/ttaf+xml",
	// Audio.
	"mp3": "audio/mpeg", "m4a": "audio/mpeg", "m4b": "audio/mpeg", "aac": "audio/aac", "ra": "audio/x-realaudio",
	"ram": "audio/x-realaudio", "wav": "audio/wav", "ogg": "audio/ogg", "oga": "audio/ogg", "flac": "audio/flac",
	"mid": "audio/midi", "midi": "audio/midi", "wma": "audio/x-ms-wma", "wax": "audio/x-ms-wax",
	"mka": "audio/x-matroska",
	// Other files.
	"rtf": "application/rtf", "pdf": "application/pdf", "class": "application/java", "tar": "application/x-tar",
	"zip": "application/zip", "gz": "application/x-gzip", "gzip": "application/x-gzip",
	"rar": "application/rar", "7z": "application/x-7z-compressed", "psd": "application/octet-stream",
	"xcf": "application/octet-stream",
	// Microsoft Office.
	"doc": "application/msword", "pot": "application/vnd.ms-powerpoint", "pps": "application/vnd.ms-powerpoint",
	"ppt": "application/vnd.ms-powerpoint", "wri": "application/vnd.ms-write", "xla": "application/vnd.ms-excel",
	"xls": "application/vnd.ms-excel", "xlt": "application/vnd.ms-excel", "xlw": "application/vnd.ms-excel",
	"mdb": "application/vnd.ms-access", "mpp": "application/vnd.ms-project",
	"docx":   "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	"docm":   "application/vnd.ms-word.document.macroEnabled.12",
	"dotx":   "application/vnd.openxmlformats-officedocument.wordprocessingml.template",
	"dotm":   "application/vnd.ms-word.template.macroEnabled.12",
	"xlsx":   "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	"xlsm":   "application/vnd.ms-excel.sheet.macroEnabled.12",
	"xlsb":   "application/vnd.ms-excel.sheet.binary.macroEnabled.12",
	"xltx":   "application/vnd.openxmlformats-officedocument.spreadsheetml.template",
	"xltm":   "application/vnd.ms-excel.template.macroEnabled.12",
	"xlam":   "application/vnd.ms-excel.addin.macroEnabled.12",
	"pptx":   "application/vnd.openxmlformats-officedocument.presentationml.presentation",
	"pptm":   "application/vnd.ms-powerpoint.presentation.macroEnabled.12",
	"ppsx":   "application/vnd.openxmlformats-officedocument.presentationml.slideshow",
	"ppsm":   "application/vnd.ms-powerpoint.slideshow.macroEnabled.12",
	"potx":   "application/vnd.openxmlformats-officedocument.presentationml.template",
	"potm":   "application/vnd.ms-powerpoint.template.macroEnabled.12",
	"ppam":   "application/vnd.ms-powerpoint.addin.macroEnabled.12",
	"sldx":   "application/vnd.openxmlformats-officedocument.presentationml.slide",
	"sldm":   "application/vnd.ms-powerpoint.slide.macroEnabled.12",
	"onetoc": "application/onenote", "onetoc2": "application/onenote", "onetmp": "application/onenote",
	"onepkg": "application/onenote", "oxps": "application/oxps", "xps": "application/vnd.ms-xpsdocument",
	// OpenOffice, WordPerfect, iWork.
	"odt": "application/vnd.oasis.opendocument.text", "odp": "application/vnd.oasis.opendocument.presentation",
	"ods": "application/vnd.oasis.opendocument.spreadsheet", "odg": "application/vnd.oasis.opendocument.graphics",
	"odc": "application/vnd.oasis.opendocument.chart", "odb": "application/vnd.oasis.opendocument.database",
	"odf": "application/vnd.oasis.opendocument.formula", "wp": "application/wordperfect",
	"wpd": "application/wordperfect", "key": "application/vnd.apple.keynote",
	"numbers": "application/vnd.apple.numbers", "pages": "application/vnd.apple.pages",
}

// MimeTypeForExtension returns the MIME type an upload with that extension
// gets ("" when the extension is not allowed).
func MimeTypeForExtension(ext string) string {
	return uploadMimeTypes[strings.ToLower(strings.TrimPrefix(ext, "."))]
}

// mediaTypeOf is WordPress's media_type of the REST media schema: the
// top-level MIME type for images, video, audio and text, else application.
func mediaTypeOf(mime string) string {
	top, _, _ := strings.Cut(mime, "/")
	switch top {
	case "image", "video", "audio", "text":
		return top
	}
	return "application"
}

// imageFormats maps the image extensions whose content PressPass reads to the
// format name its sniffer reports.
var imageFormats = map[string]string{
	"image/png": "png", "image/jpeg": "jpeg", "image/gif": "gif", "image/webp": "webp",
}

// imageMimeByFormat is the reverse of imageFormats.
var imageMimeByFormat = map[string]string{"png": "image/png", "jpeg": "image/jpeg", "gif": "image/gif", "webp": "image/webp"}

// imageInfo reads an image's format and size from its header: PNG, JPEG and
// GIF through the standard library, WebP from its RIFF header.
func imageInfo(data []byte) (format string, width, height int, ok bool) {
	if w, h, ok := webpSize(data); ok {
		return "webp", w, h, true
	}
	cfg, f, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil || cfg.Width <= 0 || cfg.Height <= 0 {
		return "", 0, 0, false
	}
	return f, cfg.Width, cfg.Height, true
}

// webpSize reads the canvas size of a WebP file (lossy VP8, lossless VP8L
// or extended VP8X).
func webpSize(b []byte) (int, int, bool) {
	if len(b) < 30 || string(b[0:4]) != "RIFF" || string(b[8:12]) != "WEBP" {
		return 0, 0, false
	}
	switch string(b[12:16]) {
	case "VP8 ":
		// Frame header: 3 bytes tag, start code 9d 01 2a, then 14-bit sizes.
		if b[23] != 0x9d || b[24] != 0x01 || b[25] != 0x2a {
			return 0, 0, false
		}
		w := int(binary.LittleEndian.Uint16(b[26:28]) & 0x3fff)
		h := int(binary.LittleEndian.Uint16(b[28:30]) & 0x3fff)
		return w, h, w > 0 && h > 0
	case "VP8L":
		if b[20] != 0x2f {
			return 0, 0, false
		}
		v := binary.LittleEndian.Uint32(b[21:25])
		return int(v&0x3fff) + 1, int(v>>14&0x3fff) + 1, true
	case "VP8X":
		w := int(b[24]) | int(b[25])<<8 | int(b[26])<<16
		h := int(b[27]) | int(b[28])<<8 | int(b[29])<<16
		return w + 1, h + 1, true
	}
	return 0, 0, false
}

// signatures are the magic numbers of the binary formats PressPass can
// recognise; a file whose extension names one of these types must start
// with one of its signatures (offset, bytes).
type signature struct {
	off   int
	magic string
}

var fileSignatures = map[string][]signature{
	"image/bmp":                     {{0, "BM"}},
	"image/tiff":                    {{0, "II*\x00"}, {0, "MM\x00*"}},
	"image/x-icon":                  {{0, "\x00\x00\x01\x00"}},
	"image/avif":                    {{4, "ftyp"}},
	"image/heic":                    {{4, "ftyp"}},
	"image/heif":                    {{4, "ftyp"}},
	"application/pdf":               {{0, "%PDF-"}},
	"application/zip":               {{0, "PK\x03\x04"}, {0, "PK\x05\x06"}},
	"application/rtf":               {{0, "{\\rtf"}},
	"application/rar":               {{0, "Rar!\x1a\x07"}},
	"application/x-7z-compressed":   {{0, "7z\xbc\xaf\x27\x1c"}},
	"application/x-gzip":            {{0, "\x1f\x8b"}},
	"audio/ogg":                     {{0, "OggS"}},
	"video/ogg":                     {{0, "OggS"}},
	"audio/flac":                    {{0, "fLaC"}},
	"audio/wav":                     {{0, "RIFF"}},
	"video/avi":                     {{0, "RIFF"}},
	"audio/midi":                    {{0, "MThd"}},
	"video/webm":                    {{0, "\x1a\x45\xdf\xa3"}},
	"video/x-matroska":              {{0, "\x1a\x45\xdf\xa3"}},
	"audio/x-matroska":              {{0, "\x1a\x45\xdf\xa3"}},
	"video/mp4":                     {{4, "ftyp"}},
	"video/quicktime":               {{4, "ftyp"}, {4, "moov"}, {4, "mdat"}, {4, "wide"}, {4, "free"}},
	"video/3gpp":                    {{4, "ftyp"}},
	"video/3gpp2":                   {{4, "ftyp"}},
	"video/x-flv":                   {{0, "FLV"}},
	"application/msword":            {{0, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"}, {0, "PK\x03\x04"}},
	"application/vnd.ms-excel":      {{0, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"}, {0, "PK\x03\x04"}},
	"application/vnd.ms-powerpoint": {{0, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"}, {0, "PK\x03\x04"}},
}

// zipBased lists the document formats that are ZIP archives inside.
var zipBasedPrefixes = []string{
	"application/vnd.openxmlformats-", "application/vnd.ms-word.", "application/vnd.ms-excel.",
	"application/vnd.ms-powerpoint.", "application/vnd.oasis.opendocument.", "application/vnd.apple.",
	"application/oxps", "application/vnd.ms-xpsdocument",
}

// dangerousPrefixes are contents a browser or a server might run: markup,
// scripts, PHP and executables. No allowed upload type starts like these
// (text types are checked with them too), so such a file is refused
// whatever its name says.
var dangerousPrefixes = []string{
	"<?php", "<?=", "<!doctype html", "<html", "<head", "<body", "<script", "<svg", "<?xml", "<iframe",
	"<object", "<embed", "<a ", "<img", "<style", "<div", "<meta", "<title", "<!--", "<x:xmpmeta",
	"#!",
}

// looksDangerous reports whether data starts, after white space and a byte
// order mark, with markup, a script or an executable header.
func looksDangerous(data []byte) bool {
	head := data
	if len(head) > 1024 {
		head = head[:1024]
	}
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	head = bytes.TrimLeft(head, " \t\r\n\f\x00")
	lower := strings.ToLower(string(head))
	for _, p := range dangerousPrefixes {
		if strings.HasPrefix(lower, p) {
			return true
		}
	}
	// Executables: ELF, and DOS/Windows programs ("MZ" then binary bytes).
	if bytes.HasPrefix(data, []byte("\x7fELF")) ||
		(bytes.HasPrefix(data, []byte("MZ")) && bytes.IndexByte(data[:min(len(data), 64)], 0) >= 0) {
		return true
	}
	// PHP runs wherever its opening tag appears in a file PHP parses (the
	// image-with-a-payload trick), so the whole file is searched.
	return containsPHPTag(data)
}

// containsPHPTag finds "<?php" in any letter case without copying data.
func containsPHPTag(data []byte) bool {
	for i := 0; ; {
		j := bytes.Index(data[i:], []byte("<?"))
		if j < 0 {
			return false
		}
		i += j + 2
		if len(data)-i >= 3 && strings.EqualFold(string(data[i:i+3]), "php") {
			return true
		}
	}
}

// contentMatches reports whether data can be a file of the given MIME type.
// Images are decoded (their real format must be the declared one; the
// caller corrects the extension between image formats as WordPress does);
// binary formats must carry their signature; text must be text. Formats
// without a known signature pass when they look like neither markup nor a
// program.
func contentMatches(mime string, data []byte) bool {
	if looksDangerous(data) {
		return false
	}
	if sigs, ok := fileSignatures[mime]; ok {
		for _, s := range sigs {
			if len(data) >= s.off+len(s.magic) && string(data[s.off:s.off+len(s.magic)]) == s.magic {
				return true
			}
		}
		return false
	}
	for _, p := range zipBasedPrefixes {
		if strings.HasPrefix(mime, p) {
			return bytes.HasPrefix(data, []byte("PK\x03\x04"))
		}
	}
	if strings.HasPrefix(mime, "text/") || mime == "application/ttaf+xml" {
		return !bytes.ContainsRune(data, 0)
	}
	if mime == "audio/mpeg" {
		return bytes.HasPrefix(data, []byte("ID3")) || (len(data) > 1 && data[0] == 0xff && data[1]&0xe0 == 0xe0) ||
			(len(data) > 8 && string(data[4:8]) == "ftyp")
	}
	return true
}
