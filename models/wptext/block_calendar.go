package wptext

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// CalendarBlock is what the core/calendar block shows: one month of
// get_calendar with its initials for week days.
type CalendarBlock struct {
	// HasPosts is false when the site has no published post: the block is
	// then only a note (the renderer needs a logged-in user, to whom
	// WordPress shows it).
	HasPosts    bool
	Year, Month int
	// WeekBegins is the start_of_week option, 0 for Sunday.
	WeekBegins int
	// Today is the site's current date; its cell gets id="today".
	Today time.Time
	// DayLinks are the day archives of the days with posts.
	DayLinks   map[int]string
	Prev, Next *CalendarLink
	// Colors are the block's colour attributes, which it applies to the
	// table itself rather than to its wrapper.
	Colors  CalendarColors
	Wrapper BlockWrapper
	// Words are the block's strings in the reader's language.
	Words Words
}

// CalendarColors are the block's colour attributes: a preset's slug
// (textColor, backgroundColor; Has… tells the attribute is there at all)
// or a custom value (style.color.text, style.color.background), and
// whether a link colour is set (style.elements.link.color.text).
type CalendarColors struct {
	HasTextPreset, HasBackgroundPreset bool
	TextPreset, BackgroundPreset       string
	CustomText, CustomBackground       string
	LinkColor                          bool
}

// tableStyle is the style engine's answer for the colours, with presets
// turned into class names: the inline style and the classes, each with
// its leading space, or "".
func (c CalendarColors) tableStyle() (style, classes string) {
	text, background := c.CustomText, c.CustomBackground
	if c.HasTextPreset {
		text = "var:preset|color|" + c.TextPreset
	}
	if c.HasBackgroundPreset {
		background = "var:preset|color|" + c.BackgroundPreset
	}
	var css string
	var names []string
	for _, d := range []struct{ value, always, slugClass, property string }{
		{text, "has-text-color", "has-%s-color", "color"},
		{background, "has-background", "has-%s-background-color", "background-color"},
	} {
		// empty() in PHP: "" and "0" give no class names, and only "0" is
		// still a style value.
		if d.value == "" || d.value == "0" {
			if d.value == "0" {
				css += d.property + ":0;"
			}
			continue
		}
		names = append(names, d.always)
		if strings.Contains(d.value, "var:preset|color|") {
			if slug := kebabCase(d.value[strings.LastIndex(d.value, "|")+1:]); slug != "" {
				names = append(names, strings.Replace(d.slugClass, "%s", slug, 1))
			}
		}
		if !strings.Contains(d.value, "var:") {
			css += d.property + ":" + strings.TrimSpace(d.value) + ";"
		}
	}
	if css != "" {
		style = ` style="` + EscHTML(css) + `"`
	}
	if len(names) > 0 {
		classes = " " + EscHTML(strings.Join(names, " "))
	}
	if c.LinkColor {
		classes += " has-link-color"
	}
	return style, classes
}

// kebabCase is _wp_to_kebab_case for ASCII slugs: words split at anything
// but letters and digits, between a lower-case letter and a capital,
// before the last capital of a run followed by lower case, and between
// letters and digits; lower-cased and joined with hyphens.
func kebabCase(s string) string {
	var words []string
	var cur []byte
	kind := func(c byte) int {
		switch {
		case c >= 'a' && c <= 'z':
			return 1
		case c >= 'A' && c <= 'Z':
			return 2
		case c >= '0' && c <= '9':
			return 3
		}
		return 0
	}
	flush := func() {
		if len(cur) > 0 {
			words = append(words, strings.ToLower(string(cur)))
			cur = nil
		}
	}
	for i := 0; i < len(s); i++ {
		k := kind(s[i])
		if k == 0 {
			flush()
			continue
		}
		if len(cur) > 0 {
			prev := kind(cur[len(cur)-1])
			switch {
			case prev == 3 && k != 3, prev != 3 && k == 3:
				flush()
			case prev == 1 && k == 2:
				flush()
			case prev == 2 && k == 2 && i+1 < len(s) && kind(s[i+1]) == 1:
				flush()
			}
		}
		cur = append(cur, s[i])
	}
	flush()
	return strings.Join(words, "-")
}

// CalendarLink is a neighbouring month with posts.
type CalendarLink struct {
	Month int
	URL   string
}

// RenderCalendarBlock is render_block_core_calendar over get_calendar's
// table: the month's days in weeks from WeekBegins, padded at both ends,
// days with posts linked, then the links to the months around it.
func RenderCalendarBlock(b CalendarBlock) string {
	if !b.HasPosts {
		return "<div>" + b.Words.T("The calendar block is hidden because there are no published posts.") + "</div>"
	}
	first := time.Date(b.Year, time.Month(b.Month), 1, 0, 0, 0, 0, time.UTC)
	var out strings.Builder
	out.WriteString("<div " + b.Wrapper.Attributes("wp-block-calendar", "") + ">")
	style, classes := b.Colors.tableStyle()
	caption := fmt.Sprintf(b.Words.Tx("%[1]s %[2]s", "calendar caption"), b.Words.month(first.Month()), strconv.Itoa(first.Year()))
	out.WriteString("<table" + style + " id=\"wp-calendar\" class=\"wp-calendar-table" + classes + "\">\n\t<caption>" + caption +
		"</caption>\n\t<thead>\n\t<tr>")
	for i := 0; i < 7; i++ {
		wd := time.Weekday((i + b.WeekBegins) % 7)
		out.WriteString("\n\t\t<th scope=\"col\" aria-label=\"" + EscHTML(b.Words.weekday(wd)) + "\">" + b.Words.weekdayInitial(wd) + "</th>")
	}
	out.WriteString("\n\t</tr>\n\t</thead>\n\t<tbody>\n\t<tr>")
	// calendar_week_mod: the column of a weekday, from WeekBegins.
	column := func(t time.Time) int { return ((int(t.Weekday())-b.WeekBegins)%7 + 7) % 7 }
	// The day links' label: gmdate, so a format with names keeps them in
	// English, as WordPress's does.
	dayFormat, postsOn := b.Words.Tx("F j, Y", "daily archives date format"), b.Words.T("Posts published on %s")
	if pad := column(first); pad > 0 {
		out.WriteString("\n\t\t<td colspan=\"" + strconv.Itoa(pad) + "\" class=\"pad\">&nbsp;</td>")
	}
	last := first.AddDate(0, 1, -1).Day()
	newRow := false
	for day := 1; day <= last; day++ {
		if newRow {
			out.WriteString("\n\t</tr>\n\t<tr>\n\t\t")
		}
		date := first.AddDate(0, 0, day-1)
		if b.Today.Year() == b.Year && int(b.Today.Month()) == b.Month && b.Today.Day() == day {
			out.WriteString(`<td id="today">`)
		} else {
			out.WriteString("<td>")
		}
		if url, ok := b.DayLinks[day]; ok {
			out.WriteString(`<a href="` + url + `" aria-label="` + EscHTML(fmt.Sprintf(postsOn, PHPDate(dayFormat, date))) + `">` + strconv.Itoa(day) + "</a>")
		} else {
			out.WriteString(strconv.Itoa(day))
		}
		out.WriteString("</td>")
		newRow = column(date) == 6
	}
	if pad := 7 - column(first.AddDate(0, 1, 0)); pad > 0 && pad < 7 {
		out.WriteString("\n\t\t<td class=\"pad\" colspan=\"" + strconv.Itoa(pad) + "\">&nbsp;</td>")
	}
	out.WriteString("\n\t</tr>\n\t</tbody>\n\t</table><nav aria-label=\"" + b.Words.T("Previous and next months") + "\" class=\"wp-calendar-nav\">")
	if b.Prev != nil {
		out.WriteString("\n\t\t<span class=\"wp-calendar-nav-prev\"><a href=\"" + b.Prev.URL + "\">&laquo; " + b.Words.monthAbbrev(time.Month(b.Prev.Month)) + "</a></span>")
	} else {
		out.WriteString("\n\t\t<span class=\"wp-calendar-nav-prev\">&nbsp;</span>")
	}
	out.WriteString("\n\t\t<span class=\"pad\">&nbsp;</span>")
	if b.Next != nil {
		out.WriteString("\n\t\t<span class=\"wp-calendar-nav-next\"><a href=\"" + b.Next.URL + "\">" + b.Words.monthAbbrev(time.Month(b.Next.Month)) + " &raquo;</a></span>")
	} else {
		out.WriteString("\n\t\t<span class=\"wp-calendar-nav-next\">&nbsp;</span>")
	}
	out.WriteString("\n\t</nav></div>")
	return out.String()
}
