package models_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/binary"
	"testing"

	"github.com/presspass/presspass/models"
)

// webpPixel is a real 1×1 lossless WebP (Go has no WebP encoder).
var webpPixel, _ = base64.StdEncoding.DecodeString("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==")

// Minimal well-formed files of each structured type the upload check reads.
func box(typ string, payload []byte) []byte {
	b := binary.BigEndian.AppendUint32(nil, uint32(8+len(payload)))
	return append(append(b, typ...), payload...)
}

func riff(form string, chunks ...[]byte) []byte {
	body := []byte(form)
	for _, c := range chunks {
		body = append(body, c...)
	}
	return append(binary.LittleEndian.AppendUint32([]byte("RIFF"), uint32(len(body))), body...)
}

func chunk(id string, payload []byte) []byte {
	b := append(binary.LittleEndian.AppendUint32([]byte(id), uint32(len(payload))), payload...)
	if len(payload)%2 == 1 {
		b = append(b, 0)
	}
	return b
}

func oggPage(body []byte) []byte {
	h := append([]byte("OggS\x00\x02"), make([]byte, 20)...) // granule, serial, sequence, CRC
	return append(append(append(h, 1), byte(len(body))), body...)
}

// mp3Frame is an MPEG-1 Layer III frame at 128 kbit/s, 44.1 kHz (417 bytes).
func mp3Frame() []byte { return append([]byte{0xff, 0xfb, 0x90, 0x64}, make([]byte, 413)...) }

var pdfDoc = []byte("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n")

// Each attack the outside test found is refused, with WordPress's upload
// error, and a well-formed file of every checked type is stored.
func TestUploadStructureChecked(t *testing.T) {
	ctx := context.Background()
	s, _ := mediaStore(t)
	s.Config.Media.MaxUploadSize = 1 << 20
	author := newUser(t, s, "writer", "author")
	pngData := testImage(t, "png", 2, 2)
	jpegData := testImage(t, "jpeg", 2, 2)
	gifData := testImage(t, "gif", 2, 2)
	mp4 := append(box("ftyp", []byte("isom\x00\x00\x02\x00isomiso2mp41")), box("mdat", []byte("frames"))...)
	flac := append([]byte("fLaC\x80\x00\x00\x22"), make([]byte, 34)...)
	flac = append(flac, 0xff, 0xf8, 0x69, 0x08)
	webm := append([]byte("\x1a\x45\xdf\xa3\x8b\x42\x82\x84webm\x42\x87\x81\x04"), "\x18\x53\x80\x67\x01\x00\x00\x00\x00\x00\x00\x00"...)
	wav := riff("WAVE", chunk("fmt ", make([]byte, 16)), chunk("data", []byte{1, 2, 3}))
	script := []byte("<script>alert(document.cookie)</script>")
	with := func(file []byte, tail ...[]byte) []byte {
		out := append([]byte{}, file...)
		for _, t := range tail {
			out = append(out, t...)
		}
		return out
	}
	for _, tt := range []struct {
		name, file string
		data       []byte
		stored     bool
	}{
		// The attacks.
		{"GIF header then HTML", "x.gif", []byte("GIF89a<html><script>alert(1)</script></html>"), false},
		{"PNG with a script trailer", "x.png", with(pngData, script), false},
		{"PDF header then HTML", "x.pdf", []byte("%PDF-<html><script>alert(1)</script></html>\n%%EOF"), false},
		// More of their kind.
		{"GIF with a script trailer", "x.gif", with(gifData, script), false},
		{"JPEG with a script trailer", "x.jpg", with(jpegData, []byte("\n"), script), false},
		{"JPEG with an HTML comment trailer", "x.jpg", with(jpegData, []byte("<!-- x -->")), false},
		{"WebP with a script trailer", "x.webp", with(webpPixel, script), false},
		{"PNG cut short", "x.png", pngData[:len(pngData)-12], false},
		{"PNG with a large trailer", "x.png", with(pngData, make([]byte, 4096)), false},
		{"GIF header only", "x.gif", []byte("GIF89a\x01\x00\x01\x00"), false},
		{"PDF with HTML after its header", "x.pdf", with([]byte("%PDF-1.4\n<html><body>"), script, []byte("\n%%EOF")), false},
		{"PDF without an end", "x.pdf", []byte("%PDF-1.4\n1 0 obj\n<< >>\nendobj\n"), false},
		{"MP4 signature then HTML", "x.mp4", []byte("\x00\x00\x00\x18ftypisom<html><script>alert(1)</script>"), false},
		{"MP4 with a script trailer", "x.mp4", with(mp4, script), false},
		{"WAV header then HTML", "x.wav", []byte("RIFF\xff\x00\x00\x00WAVE<html><script>alert(1)</script>"), false},
		{"Ogg signature then HTML", "x.ogg", []byte("OggS<html><script>alert(1)</script>"), false},
		{"FLAC signature then HTML", "x.flac", []byte("fLaC<html><script>alert(1)</script>"), false},
		{"WebM signature then HTML", "x.webm", []byte("\x1a\x45\xdf\xa3<html><script>alert(1)</script>"), false},
		{"MP3 tag then HTML", "x.mp3", []byte("ID3\x03\x00\x00\x00\x00\x00\x00<html><script>alert(1)</script>"), false},
		// Real files of every checked type.
		{"PNG", "ok.png", pngData, true},
		{"PNG with a little padding", "ok.png", with(pngData, make([]byte, 16)), true},
		{"JPEG", "ok.jpg", jpegData, true},
		{"JPEG with a camera's trailer", "ok.jpg", with(jpegData, jpegData, bytes.Repeat([]byte{0x42}, 8192)), true},
		{"GIF", "ok.gif", gifData, true},
		{"WebP", "ok.webp", webpPixel, true},
		{"PDF", "ok.pdf", pdfDoc, true},
		{"MP4", "ok.mp4", mp4, true},
		{"QuickTime", "ok.mov", append(box("moov", []byte("....")), box("mdat", nil)...), true},
		{"M4A", "ok.m4a", mp4, true},
		{"WAV", "ok.wav", wav, true},
		{"AVI", "ok.avi", riff("AVI ", chunk("LIST", []byte("hdrl"))), true},
		{"Ogg", "ok.ogg", append(oggPage([]byte("\x01vorbis")), oggPage([]byte("audio"))...), true},
		{"FLAC", "ok.flac", flac, true},
		{"WebM", "ok.webm", webm, true},
		{"MP3", "ok.mp3", append(append([]byte("ID3\x03\x00\x00\x00\x00\x00\x00"), mp3Frame()...), mp3Frame()...), true},
		{"MP3 with an ID3v1 tag", "ok.mp3", append(mp3Frame(), append([]byte("TAG"), make([]byte, 125)...)...), true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			m, err := s.UploadMedia(ctx, author, models.UploadInput{Filename: tt.file, Data: tt.data})
			if !tt.stored {
				wantReason(t, err, models.KindInvalid, models.ReasonUploadForbiddenType)
				return
			}
			if err != nil {
				t.Fatalf("a well-formed file refused: %v", err)
			}
			if m.Post.ID == 0 {
				t.Fatal("not stored")
			}
		})
	}
}
