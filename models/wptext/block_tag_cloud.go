package wptext

import (
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode"
)

// TagCloudBlock is what the core/tag-cloud block shows: its attributes and
// the terms wp_tag_cloud picked (the most used ones, empty ones left out).
type TagCloudBlock struct {
	ShowCounts bool
	// Number is how many terms are shown (wp_generate_tag_cloud's number).
	Number int
	// Smallest and Largest are the font sizes, in Unit.
	Smallest, Largest float64
	Unit              string
	Terms             []TagCloudTerm
	Wrapper           BlockWrapper
	// CountText words a term's count for its aria label ("3 items"), in
	// the reader's language: the adapter words it.
	CountText func(n int64) string
	// Words are the block's other strings in the reader's language.
	Words Words
}

// TagCloudTerm is one term of the cloud.
type TagCloudTerm struct {
	ID    uint64
	Name  string
	URL   string
	Count int64
}

// TagCloudFontSize reads a font-size attribute as the block does: its
// number (PHP's floatval) and its unit (pt when it names none).
func TagCloudFontSize(s string) (float64, string) {
	i := 0
	for i < len(s) && (s[i] >= '0' && s[i] <= '9' || s[i] == '.') {
		i++
	}
	n, _ := strconv.ParseFloat(strings.TrimRight(s[:i], "."), 64)
	unit := s[i:]
	if i == 0 || unit == "" || strings.IndexFunc(unit, func(r rune) bool { return !unicode.IsLetter(r) && r != '%' }) >= 0 {
		unit = "pt"
	}
	return n, unit
}

// RenderTagCloudBlock is render_block_core_tag_cloud over wp_tag_cloud's
// flat format: the terms by name, each sized by the logarithm of its count
// between the smallest and largest size, or a note when there are none.
func RenderTagCloudBlock(b TagCloudBlock) string {
	terms := append([]TagCloudTerm(nil), b.Terms...)
	sort.SliceStable(terms, func(i, j int) bool { return naturalLessFold(terms[i].Name, terms[j].Name) })
	if b.Number > 0 && len(terms) > b.Number {
		terms = terms[:b.Number]
	}
	open := "<p " + b.Wrapper.Attributes("wp-block-tag-cloud", "") + ">"
	if len(terms) == 0 {
		return open + b.Words.T("There&#8217;s no content to show here yet.") + "</p>"
	}
	// default_topic_count_scale, then the spread of the scaled counts.
	scaled := make([]float64, len(terms))
	lo, hi := math.Inf(1), math.Inf(-1)
	for i, t := range terms {
		scaled[i] = math.Round(math.Log10(float64(t.Count)+1) * 100)
		lo, hi = math.Min(lo, scaled[i]), math.Max(hi, scaled[i])
	}
	spread := hi - lo
	if spread <= 0 {
		spread = 1
	}
	fontSpread := b.Largest - b.Smallest
	if fontSpread < 0 {
		fontSpread = 1
	}
	step := fontSpread / spread
	labelled := b.ShowCounts || fontSpread != 0
	var out strings.Builder
	out.WriteString(open)
	for i, t := range terms {
		if i > 0 {
			out.WriteString("\n")
		}
		items := b.CountText(t.Count)
		out.WriteString(`<a href="` + EscHTML(t.URL) + `" class="tag-cloud-link tag-link-` + strconv.FormatUint(t.ID, 10) +
			` tag-link-position-` + strconv.Itoa(i+1) + `" style="font-size: ` + EscHTML(FloatString(b.Smallest+(scaled[i]-lo)*step)+b.Unit) + `;"`)
		if labelled {
			out.WriteString(` aria-label="` + EscHTML(t.Name) + ` (` + items + `)"`)
		}
		out.WriteString(">" + EscHTML(t.Name))
		if b.ShowCounts {
			out.WriteString(`<span class="tag-link-count"> (` + strconv.FormatInt(t.Count, 10) + `)</span>`)
		}
		out.WriteString("</a>")
	}
	out.WriteString("</p>")
	return out.String()
}

// naturalLessFold is strnatcasecmp(a, b) < 0: case-insensitive, with runs
// of digits compared as numbers.
func naturalLessFold(a, b string) bool {
	a, b = strings.ToLower(a), strings.ToLower(b)
	for a != "" && b != "" {
		if isDigit(rune(a[0])) && isDigit(rune(b[0])) {
			na, ra := digitRun(a)
			nb, rb := digitRun(b)
			na, nb = strings.TrimLeft(na, "0"), strings.TrimLeft(nb, "0")
			if len(na) != len(nb) {
				return len(na) < len(nb)
			}
			if na != nb {
				return na < nb
			}
			a, b = ra, rb
			continue
		}
		if a[0] != b[0] {
			return a[0] < b[0]
		}
		a, b = a[1:], b[1:]
	}
	return len(a) < len(b)
}

func digitRun(s string) (run, rest string) {
	i := 0
	for i < len(s) && isDigit(rune(s[i])) {
		i++
	}
	return s[:i], s[i:]
}
