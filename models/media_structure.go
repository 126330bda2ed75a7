package models

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/gif"

	_ "golang.org/x/image/webp" // registers WebP for image.Decode
)

// An upload is checked beyond its first bytes: images are decoded whole and
// may carry nothing that looks like markup after their end; other formats
// must hold their container's structure from start to end. A polyglot —
// GIF89a<html>…, a PNG with a script trailer, %PDF-<html> — is refused.
// Serving headers (nosniff, download types) keep stored files inert anyway;
// this refuses files that are not what they say.

// imageTrailerSlack is how many bytes of non-markup data may follow a PNG,
// GIF or WebP image's end (some tools pad files); JPEG may carry any
// non-markup trailer, as cameras append preview images (MPO) and motion
// photos' videos after the first image.
const imageTrailerSlack = 1024

// imageIsWhole decodes an image of the given format entirely and checks
// what follows its last byte.
func imageIsWhole(format string, data []byte) bool {
	var end int
	switch format {
	case "png":
		end = pngEnd(data)
	case "gif":
		r := bytes.NewReader(data)
		if _, err := gif.DecodeAll(r); err != nil {
			return false
		}
		// The decoder reads a bytes.Reader byte by byte, up to the trailer.
		end = len(data) - r.Len()
	case "webp":
		end = riffEnd(data)
	case "jpeg":
		end = jpegEnd(data)
	default:
		return false
	}
	if end <= 0 {
		return false
	}
	if format != "gif" {
		if _, _, err := image.Decode(bytes.NewReader(data[:end])); err != nil {
			return false
		}
	}
	trailer := data[end:]
	if containsMarkup(trailer) {
		return false
	}
	return format == "jpeg" || len(trailer) <= imageTrailerSlack
}

// pngEnd walks a PNG's chunks to the end of IEND (0: not a PNG).
func pngEnd(b []byte) int {
	const sig = "\x89PNG\r\n\x1a\n"
	if !bytes.HasPrefix(b, []byte(sig)) {
		return 0
	}
	for i := len(sig); i+12 <= len(b); {
		n := int(binary.BigEndian.Uint32(b[i:]))
		next := i + 12 + n
		if n < 0 || next > len(b) || next < i {
			return 0
		}
		if string(b[i+4:i+8]) == "IEND" {
			return next
		}
		i = next
	}
	return 0
}

// jpegEnd walks a JPEG's segments and entropy-coded data to the end of
// its first EOI marker (0: malformed).
func jpegEnd(b []byte) int {
	if len(b) < 4 || b[0] != 0xff || b[1] != 0xd8 {
		return 0
	}
	for i := 2; i+1 < len(b); {
		if b[i] != 0xff {
			return 0
		}
		m := b[i+1]
		switch {
		case m == 0xff: // fill byte
			i++
			continue
		case m == 0xd9:
			return i + 2
		case m >= 0xd0 && m <= 0xd7 || m == 0x01:
			i += 2
			continue
		}
		if i+4 > len(b) {
			return 0
		}
		i += 2 + int(binary.BigEndian.Uint16(b[i+2:]))
		if m != 0xda {
			continue
		}
		// Entropy-coded data runs to the next marker that is neither a
		// stuffed zero nor a restart marker.
		for ; i+1 < len(b); i++ {
			if b[i] == 0xff && b[i+1] != 0 && (b[i+1] < 0xd0 || b[i+1] > 0xd7) {
				break
			}
		}
	}
	return 0
}

// riffEnd checks a RIFF file's chunks (WAV, AVI, WebP) and returns the end
// of the RIFF (0: malformed).
func riffEnd(b []byte) int {
	if len(b) < 12 || string(b[:4]) != "RIFF" {
		return 0
	}
	end := 8 + int(binary.LittleEndian.Uint32(b[4:8]))
	if end > len(b) || end < 12 || !fourCC(b[8:12]) {
		return 0
	}
	for i := 12; i < end; {
		if i+8 > end || !fourCC(b[i:i+4]) {
			return 0
		}
		n := int(binary.LittleEndian.Uint32(b[i+4 : i+8]))
		i += 8 + n + n&1 // chunks are padded to an even length
		if i > end+1 {   // a last odd chunk's pad byte may be missing
			return 0
		}
	}
	return end
}

// fourCC reports whether b is a printable four-character code.
func fourCC(b []byte) bool {
	for _, c := range b {
		if c < 0x20 || c > 0x7e {
			return false
		}
	}
	return len(b) == 4
}

// structureMatches checks the container of a non-image upload beyond its
// signature; types without a known structure pass.
func structureMatches(mime string, data []byte) bool {
	switch mime {
	case "application/pdf":
		return pdfIsWhole(data)
	case "video/mp4", "video/quicktime", "video/3gpp", "video/3gpp2", "image/avif", "image/heic", "image/heif":
		return isoBoxesTile(data)
	case "audio/mpeg":
		if len(data) > 8 && string(data[4:8]) == "ftyp" { // .m4a is listed as audio/mpeg
			return isoBoxesTile(data)
		}
		return mp3Frames(data)
	case "audio/wav", "video/avi":
		end := riffEnd(data)
		if end == 0 {
			return false
		}
		// Large AVI files continue in further RIFF lists (AVIX).
		rest := data[end:]
		return bytes.HasPrefix(rest, []byte("RIFF")) || len(rest) <= imageTrailerSlack && !containsMarkup(rest)
	case "audio/ogg", "video/ogg":
		return oggPages(data)
	case "audio/flac":
		return flacBlocks(data)
	case "video/webm", "video/x-matroska", "audio/x-matroska":
		return ebmlSegment(data)
	}
	return true
}

// pdfIsWhole: a version after %PDF-, no markup in the first kilobyte and an
// %%EOF marker in the last kilobyte (where readers look for it).
func pdfIsWhole(b []byte) bool {
	if len(b) < 8 || string(b[:5]) != "%PDF-" || b[5] < '1' || b[5] > '2' || b[6] != '.' || b[7] < '0' || b[7] > '9' {
		return false
	}
	if containsMarkup(b[:min(len(b), 1024)]) {
		return false
	}
	return bytes.Contains(b[max(0, len(b)-1024):], []byte("%%EOF"))
}

// isoBoxesTile walks the top-level boxes of an ISO base media file (MP4,
// QuickTime, 3GP, HEIF, AVIF): each has a size and a printable type, and
// together they cover the file exactly.
func isoBoxesTile(b []byte) bool {
	for i := 0; i < len(b); {
		if i+8 > len(b) || !fourCC(b[i+4:i+8]) {
			return false
		}
		n := uint64(binary.BigEndian.Uint32(b[i:]))
		switch n {
		case 0: // the box runs to the end of the file
			return true
		case 1: // a 64-bit size follows the type
			if i+16 > len(b) {
				return false
			}
			n = binary.BigEndian.Uint64(b[i+8:])
			if n < 16 {
				return false
			}
		default:
			if n < 8 {
				return false
			}
		}
		if n > uint64(len(b)-i) {
			return false
		}
		i += int(n)
	}
	return len(b) > 0
}

// mp3Frames: after an optional ID3v2 tag (and padding), an MPEG audio
// frame header that is valid, followed by another at the length it gives
// when the file is that long.
func mp3Frames(b []byte) bool {
	i := 0
	if len(b) >= 10 && string(b[:3]) == "ID3" {
		i = 10 + int(b[6]&0x7f)<<21 | int(b[7]&0x7f)<<14 | int(b[8]&0x7f)<<7 | int(b[9]&0x7f)
		if b[5]&0x10 != 0 {
			i += 10 // footer
		}
		for i < len(b) && b[i] == 0 {
			i++
		}
	}
	n := mpegFrameLength(b[i:])
	if n <= 0 {
		return false
	}
	if i+n+4 <= len(b) && mpegFrameLength(b[i+n:]) <= 0 {
		// A tag at the end (ID3v1 "TAG", APE) may follow the last frame.
		rest := b[i+n:]
		return bytes.HasPrefix(rest, []byte("TAG")) || bytes.HasPrefix(rest, []byte("APETAGEX"))
	}
	return true
}

// mpegFrameLength is the length of the MPEG audio frame whose header starts
// b (0: no valid header).
func mpegFrameLength(b []byte) int {
	if len(b) < 4 || b[0] != 0xff || b[1]&0xe0 != 0xe0 {
		return 0
	}
	version := b[1] >> 3 & 3 // 0: MPEG 2.5, 2: MPEG 2, 3: MPEG 1
	layer := b[1] >> 1 & 3   // 1: III, 2: II, 3: I
	bitrateIdx, rateIdx, pad := int(b[2]>>4), int(b[2]>>2&3), int(b[2]>>1&1)
	if version == 1 || layer == 0 || bitrateIdx == 0 || bitrateIdx == 15 || rateIdx == 3 {
		return 0
	}
	rates := [3]int{44100, 48000, 32000}
	rate := rates[rateIdx]
	switch version {
	case 2:
		rate /= 2
	case 0:
		rate /= 4
	}
	v1 := version == 3
	var kbps int
	switch {
	case layer == 3 && v1:
		kbps = [15]int{0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448}[bitrateIdx]
	case layer == 2 && v1:
		kbps = [15]int{0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384}[bitrateIdx]
	case layer == 1 && v1:
		kbps = [15]int{0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320}[bitrateIdx]
	case layer == 3:
		kbps = [15]int{0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256}[bitrateIdx]
	default:
		kbps = [15]int{0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160}[bitrateIdx]
	}
	switch {
	case layer == 3:
		return (12*kbps*1000/rate + pad) * 4
	case layer == 1 && !v1:
		return 72*kbps*1000/rate + pad
	default:
		return 144*kbps*1000/rate + pad
	}
}

// oggPages walks every Ogg page: each starts with OggS, version 0, and its
// segment table says how long its body is.
func oggPages(b []byte) bool {
	for i := 0; i < len(b); {
		if i+27 > len(b) || string(b[i:i+4]) != "OggS" || b[i+4] != 0 {
			return false
		}
		segs := int(b[i+26])
		if i+27+segs > len(b) {
			return false
		}
		body := 0
		for _, s := range b[i+27 : i+27+segs] {
			body += int(s)
		}
		i += 27 + segs + body
		if i > len(b) {
			return false
		}
	}
	return len(b) > 0
}

// flacBlocks: fLaC, a STREAMINFO block first, metadata blocks up to the one
// marked last, then an audio frame's sync code.
func flacBlocks(b []byte) bool {
	if !bytes.HasPrefix(b, []byte("fLaC")) || len(b) < 8 || b[4]&0x7f != 0 {
		return false
	}
	for i := 4; i+4 <= len(b); {
		last := b[i]&0x80 != 0
		i += 4 + int(b[i+1])<<16 | int(b[i+2])<<8 | int(b[i+3])
		if i > len(b) {
			return false
		}
		if last {
			return i+2 <= len(b) && b[i] == 0xff && b[i+1]&0xfe == 0xf8
		}
	}
	return false
}

// ebmlSegment: an EBML header whose DocType is webm or matroska, followed
// by a Segment element.
func ebmlSegment(b []byte) bool {
	if !bytes.HasPrefix(b, []byte("\x1a\x45\xdf\xa3")) {
		return false
	}
	size, n := ebmlVint(b[4:])
	if n == 0 || 4+n+size > len(b) {
		return false
	}
	header := b[4+n : 4+n+size]
	if !bytes.Contains(header, []byte("webm")) && !bytes.Contains(header, []byte("matroska")) {
		return false
	}
	return bytes.HasPrefix(b[4+n+size:], []byte("\x18\x53\x80\x67"))
}

// ebmlVint reads an EBML variable-length size: its value and length (0:
// malformed or unknown).
func ebmlVint(b []byte) (int, int) {
	if len(b) == 0 || b[0] == 0 {
		return 0, 0
	}
	n := 1
	for mask := byte(0x80); b[0]&mask == 0; mask >>= 1 {
		n++
	}
	if n > 8 || n > len(b) {
		return 0, 0
	}
	v := uint64(b[0] & (0xff >> n))
	for _, c := range b[1:n] {
		v = v<<8 | uint64(c)
	}
	if v > 1<<31 {
		return 0, 0
	}
	return int(v), n
}

// markupTags are the element names whose opening tag in a file's trailer
// or a PDF's first kilobyte means a browser could read it as a page. A tag
// counts only when a delimiter follows its name, so that binary data
// rarely matches by chance.
var markupTags = [][]byte{
	[]byte("html"), []byte("head"), []byte("body"), []byte("script"), []byte("svg"), []byte("iframe"),
	[]byte("object"), []byte("embed"), []byte("img"), []byte("style"), []byte("meta"), []byte("link"),
	[]byte("base"), []byte("form"), []byte("title"), []byte("a"), []byte("div"), []byte("!doctype"),
}

// containsMarkup finds an HTML opening tag, a comment or a PHP tag in b,
// in any letter case and without copying b.
func containsMarkup(b []byte) bool {
	for i := 0; ; {
		j := bytes.IndexByte(b[i:], '<')
		if j < 0 {
			return false
		}
		i += j + 1
		rest := b[i:]
		if bytes.HasPrefix(rest, []byte("!--")) || len(rest) >= 4 && bytes.EqualFold(rest[:4], []byte("?php")) {
			return true
		}
		for _, tag := range markupTags {
			if len(rest) > len(tag) && bytes.EqualFold(rest[:len(tag)], tag) {
				switch rest[len(tag)] {
				case ' ', '\t', '\r', '\n', '\f', '/', '>':
					return true
				}
			}
		}
	}
}
