package wptext

import "testing"

func TestRenderArchivesBlock(t *testing.T) {
	periods := []ArchivePeriod{{Year: 2026, Month: 12, Posts: 3, URL: "http://x/2026/12/"}, {Year: 2024, Month: 1, Posts: 1, URL: "http://x/?m=202401&a=b"}}
	for _, c := range []struct {
		name string
		b    ArchivesBlock
		want string
	}{
		{"monthly list, as WordPress 6.9 renders it", ArchivesBlock{Type: "monthly", Periods: periods},
			"<ul class=\"wp-block-archives-list wp-block-archives\">\t<li><a href='http://x/2026/12/'>December 2026</a></li>\n\t<li><a href='http://x/?m=202401&#038;a=b'>January 2024</a></li>\n</ul>"},
		{"counts", ArchivesBlock{Type: "yearly", ShowPostCounts: true, Periods: periods[:1]},
			"<ul class=\"wp-block-archives-list wp-block-archives\">\t<li><a href='http://x/2026/12/'>2026</a>&nbsp;(3)</li>\n</ul>"},
		{"nothing to list", ArchivesBlock{Type: "monthly", Wrapper: BlockWrapper{ClassName: `a"b`}},
			`<div class="wp-block-archives-list a&quot;b wp-block-archives">No archives to show.</div>`},
		{"dropdown with its label shown", ArchivesBlock{Type: "daily", DisplayAsDropdown: true, ShowLabel: true, DropdownID: "wp-block-archives-7",
			Periods: []ArchivePeriod{{Year: 2024, Month: 2, Day: 4, Posts: 1, URL: "http://x/2024/02/04/"}}},
			"<div class=\"wp-block-archives-dropdown wp-block-archives\"><label for=\"wp-block-archives-7\" class=\"wp-block-archives__label\">Archives</label>\n\t\t" +
				"<select id=\"wp-block-archives-7\" name=\"archive-dropdown\" onchange=\"document.location.href=this.options[this.selectedIndex].value;\">\n\t\t" +
				"<option value=\"\">Select Day</option>\t<option value='http://x/2024/02/04/'> February 4, 2024 </option>\n</select></div>"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := RenderArchivesBlock(c.b); got != c.want {
				t.Errorf("got\n%q\nwant\n%q", got, c.want)
			}
		})
	}
}
