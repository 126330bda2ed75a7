package wptext

import "strings"

// force_balance_tags (comment_text, priority 25), as WordPress 5.3 to 6.x
// has it: tags found by one left-to-right scan are kept on a stack; a close
// tag with no open tag of its name is dropped, one that matches a deeper
// entry first closes everything above it, and whatever is still open at
// the end is closed. Known void tags come out self-closed ("<br />"), a
// self-closed non-void tag gets its close tag ("<p/>" → "<p></p>"), and a
// tag opened while the same non-nestable tag is on top closes that one
// first ("<b><b>" → "<b></b><b>"). Tag names are lowercased. "<" before a
// digit becomes "&lt;" ("<3"), and "< !--" is protected from the scan.
//
// What counts as a tag is WordPress's pattern
//
//	<(/?)(CUSTOM|[\w:]+)(?:\s*(/?)|(\s+)([^>]*))>
//
// with CUSTOM = [a-z][a-z0-9._]*-[a-z0-9._-]+ (lowercase custom-element
// names). Its PCRE is read byte-wise and ASCII-only, as PHP runs it: \s is
// space, \t, \n, \v, \f or \r; \w is [A-Za-z0-9_]. It is matched here by
// hand rather than re-expressed for RE2, which has no \v in \s.

// balanceSingleTags are the known single-entity (void) tags.
var balanceSingleTags = map[string]bool{
	"area": true, "base": true, "basefont": true, "br": true, "col": true, "command": true,
	"embed": true, "frame": true, "hr": true, "img": true, "input": true, "isindex": true,
	"link": true, "meta": true, "param": true, "source": true, "track": true, "wbr": true,
}

// balanceNestableTags may be opened directly inside themselves.
var balanceNestableTags = map[string]bool{
	"article": true, "aside": true, "blockquote": true, "details": true, "div": true,
	"figure": true, "object": true, "q": true, "section": true, "span": true,
}

// phpTrim is PHP's trim() with its default list: " \t\n\r\0\x0B" (not \f).
func phpTrim(s string) string {
	cut := func(c byte) bool {
		return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0 || c == '\v'
	}
	i, j := 0, len(s)
	for i < j && cut(s[i]) {
		i++
	}
	for j > i && cut(s[j-1]) {
		j--
	}
	return s[i:j]
}

func isLowerASCII(c byte) bool { return c >= 'a' && c <= 'z' }

// isCustomNameByte is [a-z0-9._-].
func isCustomNameByte(c byte) bool {
	return isLowerASCII(c) || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-'
}

// isWordColonByte is [\w:].
func isWordColonByte(c byte) bool {
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == ':'
}

// balanceTag is one match of the tag pattern.
type balanceTag struct {
	end     int    // index just past the closing '>'
	closing bool   // group 1: "</…"
	name    string // group 2
	ws      string // group 4, "" when the first branch matched
	attrs   string // group 5, or group 3 when the first branch matched
}

// balanceScanner finds tags in one text, left to right.
type balanceScanner struct {
	s  string
	gt int // first '>' at or after the last position asked about; -1: none; -2: not yet looked
}

// nextGT is the index of the first '>' at or after k (k never decreases
// between calls), or -1. Remembering it keeps a text with many '<' and no
// '>' linear.
func (b *balanceScanner) nextGT(k int) int {
	if b.gt == -1 || b.gt >= k {
		return b.gt
	}
	if i := strings.IndexByte(b.s[k:], '>'); i >= 0 {
		b.gt = k + i
	} else {
		b.gt = -1
	}
	return b.gt
}

// afterName matches what may follow a tag name that ends at e:
// \s*(/?)> or else (\s+)([^>]*)>.
func (b *balanceScanner) afterName(e int, t *balanceTag) bool {
	s := b.s
	k := e
	for k < len(s) && isPCRESpace(s[k]) {
		k++
	}
	if k < len(s) && s[k] == '>' {
		t.end, t.ws, t.attrs = k+1, "", ""
		return true
	}
	if k+1 < len(s) && s[k] == '/' && s[k+1] == '>' {
		t.end, t.ws, t.attrs = k+2, "", "/"
		return true
	}
	if k == e {
		return false // the second branch needs at least one space
	}
	g := b.nextGT(k)
	if g < 0 {
		return false
	}
	t.end, t.ws, t.attrs = g+1, s[e:k], s[k:g]
	return true
}

// match tries the tag pattern at p, where s[p] is '<'.
func (b *balanceScanner) match(p int) (balanceTag, bool) {
	s := b.s
	var t balanceTag
	j := p + 1
	if j < len(s) && s[j] == '/' {
		t.closing = true
		j++
	}
	if j >= len(s) {
		return t, false
	}
	// A name must be followed by a space, '/' or '>', none of which
	// either name alternative takes, so each alternative can only end
	// where its run of name bytes ends.
	if isLowerASCII(s[j]) {
		r := j
		for r < len(s) && isCustomNameByte(s[r]) {
			r++
		}
		dash := strings.IndexByte(s[j:r], '-')
		if dash >= 1 && j+dash < r-1 && b.afterName(r, &t) {
			t.name = s[j:r]
			return t, true
		}
	}
	r := j
	for r < len(s) && isWordColonByte(s[r]) {
		r++
	}
	if r > j && b.afterName(r, &t) {
		t.name = s[j:r]
		return t, true
	}
	return t, false
}

// BalanceTags is WordPress's force_balance_tags.
func BalanceTags(text string) string {
	text = strings.ReplaceAll(text, "< !--", "<    !--")
	text = escapeLessThanDigit(text)

	sc := &balanceScanner{s: text, gt: -2}
	var out strings.Builder
	out.Grow(len(text) + 16)
	var stack []string
	done := 0 // text[:done] has been written out
	for p := 0; p < len(text); p++ {
		if text[p] != '<' {
			continue
		}
		t, ok := sc.match(p)
		if !ok {
			continue
		}
		out.WriteString(text[done:p])
		done = t.end
		tag := strings.ToLower(t.name)
		if t.closing {
			for j := len(stack) - 1; j >= 0; j-- {
				if stack[j] != tag {
					continue
				}
				// Close everything above the match, then the match.
				for k := len(stack) - 1; k >= j; k-- {
					out.WriteString("</" + stack[k] + ">")
				}
				stack = stack[:j]
				break
			}
			// An unmatched close tag is dropped.
		} else {
			single := balanceSingleTags[tag]
			ws := t.ws
			attrs := phpTrim(t.attrs)
			selfCloser := strings.HasSuffix(attrs, "/")
			switch {
			case selfCloser:
				if !single {
					attrs = phpTrim(attrs[:len(attrs)-1]) + "></" + tag
				} else {
					ws = " " // prefer "<br />" to "<br/>"
				}
			case single:
				ws = " "
				attrs += "/"
			default:
				if n := len(stack); n > 0 && !balanceNestableTags[tag] && stack[n-1] == tag {
					out.WriteString("</" + tag + ">")
					stack = stack[:n-1]
				}
				stack = append(stack, tag)
			}
			out.WriteString("<" + tag + ws + attrs + ">")
		}
		p = t.end - 1
	}
	out.WriteString(text[done:])
	for k := len(stack) - 1; k >= 0; k-- {
		out.WriteString("</" + stack[k] + ">")
	}
	res := strings.ReplaceAll(out.String(), "< !--", "<!--")
	return strings.ReplaceAll(res, "<    !--", "< !--")
}

// escapeLessThanDigit turns "<" before an ASCII digit into "&lt;".
func escapeLessThanDigit(s string) string {
	if !strings.Contains(s, "<") {
		return s
	}
	var b strings.Builder
	last := 0
	for i := 0; i+1 < len(s); i++ {
		if s[i] == '<' && s[i+1] >= '0' && s[i+1] <= '9' {
			if last == 0 {
				b.Grow(len(s) + 8)
			}
			b.WriteString(s[last:i])
			b.WriteString("&lt;")
			last = i + 1
		}
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}
