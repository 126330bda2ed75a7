package wptext

import (
	"bytes"
	"crypto/md5"
	"encoding/hex"
	"strings"
	"testing"
)

// blockOutline writes parsed blocks as name(inner…) with chunks as 'text'
// and inner-block places as *, so that a structure reads in one line.
func blockOutline(blocks []Block) string {
	var b strings.Builder
	for i, bl := range blocks {
		if i > 0 {
			b.WriteByte(' ')
		}
		name := bl.Name
		if name == "" {
			name = "freeform"
		}
		b.WriteString(name)
		if bl.Attrs != nil {
			var buf bytes.Buffer
			phpJSONEncode(&buf, bl.Attrs)
			b.WriteString(buf.String())
		}
		b.WriteByte('[')
		for j, c := range bl.InnerContent {
			if j > 0 {
				b.WriteByte(',')
			}
			if c == nil {
				b.WriteByte('*')
			} else {
				b.WriteString("'" + *c + "'")
			}
		}
		b.WriteByte(']')
		if len(bl.InnerBlocks) > 0 {
			b.WriteString("(" + blockOutline(bl.InnerBlocks) + ")")
		}
	}
	return b.String()
}

func TestParseBlocks(t *testing.T) {
	tests := []struct {
		name, doc, want string
	}{
		{"empty", "", ""},
		{"classic text", "hello", "freeform['hello']"},
		{"one block", "<!-- wp:paragraph --><p>a</p><!-- /wp:paragraph -->", "core/paragraph['<p>a</p>']"},
		{"freeform between blocks", "x<!-- wp:a -->1<!-- /wp:a -->\n\n<!-- wp:b /-->y",
			"freeform['x'] core/a['1'] freeform['\n\n'] core/b[] freeform['y']"},
		{"nested", "<!-- wp:quote --><q><!-- wp:paragraph --><p>a</p><!-- /wp:paragraph --></q><!-- /wp:quote -->",
			"core/quote['<q>',*,'</q>'](core/paragraph['<p>a</p>'])"},
		{"attributes keep their order", `<!-- wp:group {"z":1,"a":{"b":"x/y"}} --><div></div><!-- /wp:group -->`,
			`core/group{"z":1,"a":{"b":"x\/y"}}['<div></div>']`},
		{"attributes with braces in strings", `<!-- wp:x {"a":"}"} /-->`, `core/x{"a":"}"}[]`},
		{"invalid attributes are null", `<!-- wp:x {nope} /-->`, `core/xnull[]`},
		{"namespaced", "<!-- wp:my-plugin/thing /-->", "my-plugin/thing[]"},
		{"not a delimiter", "<!--wp:x--><!-- wp:X /-->", "freeform['<!--wp:x--><!-- wp:X /-->']"},
		{"closer with none open stops parsing", "a<!-- /wp:x -->b<!-- wp:y /-->", "freeform['a<!-- /wp:x -->b<!-- wp:y /-->']"},
		{"unclosed block takes the rest", "<!-- wp:x -->abc", "core/x['abc']"},
		// WordPress closes the inner block first, with the text before it as
		// freeform, then the outer one with everything after its opener.
		{"unclosed nested blocks", "<!-- wp:x -->a<!-- wp:y -->b", "freeform['a'] core/y['b'] core/x['a<!-- wp:y -->b']"},
		{"a zero between inner blocks is dropped as PHP's empty", "<!-- wp:x --><!-- wp:y /-->0<!-- wp:z /--><!-- /wp:x -->",
			"core/x[*,*](core/y[] core/z[])"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := blockOutline(ParseBlocks(tt.doc)); got != tt.want {
				t.Errorf("ParseBlocks(%q)\n got %s\nwant %s", tt.doc, got, tt.want)
			}
		})
	}
}

// An opener whose attributes never end must not make every later opener
// scan the rest of the text again.
func TestParseBlocksUnterminatedAttributesLinear(t *testing.T) {
	doc := strings.Repeat(`<!-- wp:x {"a": `, 20000)
	blocks := ParseBlocks(doc)
	if len(blocks) != 1 || blocks[0].Name != "" || *blocks[0].InnerContent[0] != doc {
		t.Fatalf("want the whole text as one freeform block, got %d blocks", len(blocks))
	}
}

func phpMD5Prefix(s string) string {
	sum := md5.Sum([]byte(s))
	return hex.EncodeToString(sum[:])[:8]
}
