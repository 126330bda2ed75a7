package wptext

import "strings"

// Block is one parsed block as parse_blocks gives it: Name is "" for the
// freeform HTML between blocks; InnerContent holds the block's own HTML
// chunks in order, with a nil where each inner block goes.
type Block struct {
	Name         string
	Attrs        *JSONValue // nil when the delimiter has no attributes or they are not JSON
	InnerBlocks  []Block
	InnerHTML    string
	InnerContent []*string
}

// ParseBlocks is parse_blocks (WP_Block_Parser): the content split into
// top-level blocks, each with its inner blocks, in one pass over the
// text. Malformed nesting is resolved as WordPress resolves it: a closer
// closes whatever block is open, a closer with none open ends parsing
// with the rest of the text as freeform HTML.
func ParseBlocks(doc string) []Block {
	p := blockParser{doc: doc, scan: delimiterScanner{doc: doc}}
	for p.proceed() {
	}
	return p.output
}

type parserFrame struct {
	block            Block
	tokenStart       int
	tokenLength      int
	prevOffset       int
	leadingHTMLStart int // -1 when no HTML precedes the block
}

type blockParser struct {
	doc    string
	offset int
	output []Block
	stack  []*parserFrame
	scan   delimiterScanner
}

func freeformBlock(html string) Block {
	return Block{InnerHTML: html, InnerContent: []*string{&html}}
}

// phpEmpty is PHP's empty() on a string: "" and "0" are empty.
func phpEmpty(s string) bool { return s == "" || s == "0" }

func (p *blockParser) proceed() bool {
	tok, ok := p.scan.next(p.offset)
	if !ok {
		if len(p.stack) == 0 {
			p.addFreeform()
			return false
		}
		for len(p.stack) > 0 {
			p.addBlockFromStack(-1)
		}
		return false
	}
	leading := -1
	if tok.start > p.offset {
		leading = p.offset
	}
	end := tok.start + tok.length
	switch {
	case tok.void:
		b := Block{Name: tok.name, Attrs: tok.attrs}
		if len(p.stack) == 0 {
			if leading >= 0 {
				p.output = append(p.output, freeformBlock(p.doc[leading:tok.start]))
			}
			p.output = append(p.output, b)
		} else {
			p.addInnerBlock(b, tok.start, tok.length, -1)
		}
		p.offset = end
		return true
	case tok.closer:
		switch len(p.stack) {
		case 0:
			p.addFreeform()
			return false
		case 1:
			p.addBlockFromStack(tok.start)
			p.offset = end
			return true
		}
		top := p.stack[len(p.stack)-1]
		p.stack = p.stack[:len(p.stack)-1]
		html := p.doc[top.prevOffset:tok.start]
		top.block.InnerContent = append(top.block.InnerContent, &html)
		top.block.joinInnerHTML()
		p.addInnerBlock(top.block, top.tokenStart, top.tokenLength, end)
		p.offset = end
		return true
	default:
		p.stack = append(p.stack, &parserFrame{
			block:      Block{Name: tok.name, Attrs: tok.attrs},
			tokenStart: tok.start, tokenLength: tok.length, prevOffset: end, leadingHTMLStart: leading,
		})
		p.offset = end
		return true
	}
}

// joinInnerHTML sets a finished block's InnerHTML: its own HTML chunks
// joined. (WordPress appends each chunk to it as it goes; joining once at
// the end keeps a block with many inner blocks linear.)
func (b *Block) joinInnerHTML() {
	n, chunks := 0, 0
	for _, c := range b.InnerContent {
		if c != nil {
			n += len(*c)
			chunks++
			b.InnerHTML = *c
		}
	}
	if chunks < 2 {
		return // no copy of a lone chunk
	}
	var sb strings.Builder
	sb.Grow(n)
	for _, c := range b.InnerContent {
		if c != nil {
			sb.WriteString(*c)
		}
	}
	b.InnerHTML = sb.String()
}

func (p *blockParser) addFreeform() {
	if p.offset < len(p.doc) {
		p.output = append(p.output, freeformBlock(p.doc[p.offset:]))
	}
}

func (p *blockParser) addInnerBlock(b Block, tokenStart, tokenLength, lastOffset int) {
	parent := p.stack[len(p.stack)-1]
	parent.block.InnerBlocks = append(parent.block.InnerBlocks, b)
	html := p.doc[parent.prevOffset:tokenStart]
	if !phpEmpty(html) {
		parent.block.InnerContent = append(parent.block.InnerContent, &html)
	}
	parent.block.InnerContent = append(parent.block.InnerContent, nil)
	if lastOffset > 0 {
		parent.prevOffset = lastOffset
	} else {
		parent.prevOffset = tokenStart + tokenLength
	}
}

// addBlockFromStack closes the innermost open block at endOffset (-1: at
// the end of the text) and adds it to the output.
func (p *blockParser) addBlockFromStack(endOffset int) {
	top := p.stack[len(p.stack)-1]
	p.stack = p.stack[:len(p.stack)-1]
	var html string
	if endOffset >= 0 {
		html = p.doc[top.prevOffset:endOffset]
	} else {
		html = p.doc[top.prevOffset:]
	}
	if !phpEmpty(html) {
		top.block.InnerContent = append(top.block.InnerContent, &html)
	}
	top.block.joinInnerHTML()
	if top.leadingHTMLStart >= 0 {
		p.output = append(p.output, freeformBlock(p.doc[top.leadingHTMLStart:top.tokenStart]))
	}
	p.output = append(p.output, top.block)
}

// delimiterToken is one block comment delimiter.
type delimiterToken struct {
	start, length int
	name          string
	attrs         *JSONValue
	closer, void  bool
}

// delimiterScanner finds block delimiters as WP_Block_Parser's pattern
// does (<!-- /?wp:ns/name {json} /?-->), without backtracking: the JSON of
// an opener runs to the first "}" followed by whitespace and "-->" or
// "/-->", and where that terminator lies is remembered, so that many
// unterminated openers cost one scan, not one each.
type delimiterScanner struct {
	doc string
	// termFrom and termAt memoize attrsEnd: the first terminator at or
	// after termFrom is at termAt (-1: none).
	termFrom, termAt int
	termKnown        bool
}

func isLowerAlnumDash(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

func (s *delimiterScanner) next(from int) (delimiterToken, bool) {
	for {
		i := strings.Index(s.doc[from:], "<!--")
		if i < 0 {
			return delimiterToken{}, false
		}
		start := from + i
		if tok, ok := s.match(start); ok {
			return tok, true
		}
		from = start + 1
	}
}

func (s *delimiterScanner) skipSpaces(i int) int {
	for i < len(s.doc) && isPCRESpace(s.doc[i]) {
		i++
	}
	return i
}

// name reads [a-z][a-z0-9_-]* at i and returns its end (i when none).
func (s *delimiterScanner) name(i int) int {
	if i >= len(s.doc) || s.doc[i] < 'a' || s.doc[i] > 'z' {
		return i
	}
	i++
	for i < len(s.doc) && isLowerAlnumDash(s.doc[i]) {
		i++
	}
	return i
}

func (s *delimiterScanner) match(start int) (delimiterToken, bool) {
	doc := s.doc
	i := start + 4
	j := s.skipSpaces(i)
	if j == i {
		return delimiterToken{}, false
	}
	tok := delimiterToken{start: start}
	if j < len(doc) && doc[j] == '/' {
		tok.closer = true
		j++
	}
	if !strings.HasPrefix(doc[j:], "wp:") {
		return delimiterToken{}, false
	}
	j += 3
	first := s.name(j)
	if first == j {
		return delimiterToken{}, false
	}
	tok.name = "core/" + doc[j:first]
	if first < len(doc) && doc[first] == '/' {
		if second := s.name(first + 1); second > first+1 {
			tok.name = doc[j:second]
			first = second
		}
	}
	k := s.skipSpaces(first)
	if k == first {
		return delimiterToken{}, false
	}
	if k < len(doc) && doc[k] == '{' {
		if end := s.attrsEnd(k + 1); end >= 0 {
			after := s.skipSpaces(end + 1)
			tok.attrs = parseJSONValue(doc[k : end+1])
			if tok.attrs == nil {
				tok.attrs = &JSONValue{Kind: JSONNull}
			}
			k = after
		}
	}
	if k < len(doc) && doc[k] == '/' {
		tok.void = true
		k++
	}
	if !strings.HasPrefix(doc[k:], "-->") {
		return delimiterToken{}, false
	}
	tok.length = k + 3 - start
	return tok, true
}

// attrsEnd is the index of the first "}" at or after from that is
// followed by whitespace and "-->" or "/-->", or -1.
func (s *delimiterScanner) attrsEnd(from int) int {
	if s.termKnown && from >= s.termFrom && (s.termAt < 0 || from <= s.termAt) {
		return s.termAt
	}
	at := -1
	for i := from; i < len(s.doc); i++ {
		if s.doc[i] != '}' {
			continue
		}
		j := s.skipSpaces(i + 1)
		if j == i+1 {
			continue
		}
		if strings.HasPrefix(s.doc[j:], "-->") || strings.HasPrefix(s.doc[j:], "/-->") {
			at = i
			break
		}
	}
	s.termFrom, s.termAt, s.termKnown = from, at, true
	return at
}
