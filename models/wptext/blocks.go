package wptext

import (
	"regexp"
	"strings"
)

var blockDelimiter = regexp.MustCompile(`<!--\s+/?wp:[a-z][a-z0-9_-]*(?:/[a-z][a-z0-9_-]*)?\s+(?:\{(?s:.*?)\}\s+)?/?-->`)

// HasBlocks is has_blocks: the content contains a block delimiter.
func HasBlocks(content string) bool {
	return strings.Contains(content, "<!-- wp:") && blockDelimiter.MatchString(content)
}

// BlockVersion is block_version(): 1 for block content, 0 for classic.
func BlockVersion(content string) int {
	if HasBlocks(content) {
		return 1
	}
	return 0
}

// StripBlockDelimiters renders static blocks (do_blocks without dynamic
// blocks): the delimiters go, the HTML between them (and around them)
// stays exactly as saved.
func StripBlockDelimiters(content string) string {
	return blockDelimiter.ReplaceAllString(content, "")
}
