package models

import (
	"path"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// fileNameSpecialChars are the characters WordPress's sanitize_file_name
// removes, path separators included, so that no name can leave its folder.
const fileNameSpecialChars = "?[]/\\=<>:;,'\"&$#*()|~`!{}%+’«»”“\x00"

var fileNameSpaces = regexp.MustCompile(`[\r\n\t -]+`)

// extensionLike is sanitize_file_name's test for a middle part that could be
// taken for an extension (x.php.png).
var extensionLike = regexp.MustCompile(`^[a-zA-Z]{2,5}\d?$`)

// SanitizeFileName cleans an uploaded file's name as WordPress's
// sanitize_file_name does: no directories, no special characters, spaces
// as dashes, no leading or trailing dots, dashes or underscores, and every
// middle part that looks like an extension but is no allowed one gets an
// underscore (x.php.png becomes x.php_.png), so that no server ever takes
// the file for a script. An empty result is "unnamed-file".
func SanitizeFileName(name string) string {
	if !utf8.ValidString(name) {
		name = strings.ToValidUTF8(name, "")
	}
	// Only the last path element counts: a client's "../../x.png" or
	// "C:\dir\x.png" is x.png's name, never a path.
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	name = strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return r // turned into dashes below
		}
		if strings.ContainsRune(fileNameSpecialChars, r) || r < 0x20 || r == 0x7f || r == 0xad || r == 0xa0 {
			if r == 0xa0 {
				return ' '
			}
			return -1
		}
		return r
	}, name)
	name = strings.ReplaceAll(name, "%20", "-")
	name = fileNameSpaces.ReplaceAllString(name, "-")
	name = strings.Trim(name, ".-_")
	parts := strings.Split(name, ".")
	if len(parts) > 2 {
		var b strings.Builder
		b.WriteString(parts[0])
		for _, part := range parts[1 : len(parts)-1] {
			b.WriteString("." + part)
			if extensionLike.MatchString(part) && MimeTypeForExtension(part) == "" {
				b.WriteString("_")
			}
		}
		b.WriteString("." + parts[len(parts)-1])
		name = b.String()
	}
	if strings.TrimSuffix(name, path.Ext(name)) == "" {
		name = "unnamed-file" + path.Ext(name)
	}
	// Keep names within the column and file systems' limits (255 bytes for
	// YYYY/MM/ plus the name and a "-NN" suffix).
	if len(name) > 200 {
		ext := path.Ext(name)
		if len(ext) > 20 {
			ext = ""
		}
		base := strings.ToValidUTF8(name[:200-len(ext)], "")
		name = base + ext
	}
	return name
}

// splitFileName splits a sanitized name into its base and lower-cased
// extension (with the dot), as wp_unique_filename normalises it.
func splitFileName(name string) (base, ext string) {
	ext = path.Ext(name)
	return strings.TrimSuffix(name, ext), strings.ToLower(ext)
}

// numberedFileName is the n-th alternative of a taken name, as
// wp_unique_filename builds it: red-pixel.png, red-pixel-1.png, …
func numberedFileName(base, ext string, n int) string {
	if n == 0 {
		return base + ext
	}
	return base + "-" + strconv.Itoa(n) + ext
}
