package wptext

import (
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
	Wrapper    BlockWrapper
}

// CalendarLink is a neighbouring month with posts.
type CalendarLink struct {
	Month int
	URL   string
}

var weekdayInitials = [7]string{"S", "M", "T", "W", "T", "F", "S"}

// RenderCalendarBlock is render_block_core_calendar over get_calendar's
// table: the month's days in weeks from WeekBegins, padded at both ends,
// days with posts linked, then the links to the months around it.
func RenderCalendarBlock(b CalendarBlock) string {
	if !b.HasPosts {
		return "<div>The calendar block is hidden because there are no published posts.</div>"
	}
	first := time.Date(b.Year, time.Month(b.Month), 1, 0, 0, 0, 0, time.UTC)
	var out strings.Builder
	out.WriteString("<div " + b.Wrapper.Attributes("wp-block-calendar", "") + ">")
	out.WriteString("<table id=\"wp-calendar\" class=\"wp-calendar-table\">\n\t<caption>" + first.Month().String() + " " + strconv.Itoa(first.Year()) +
		"</caption>\n\t<thead>\n\t<tr>")
	for i := 0; i < 7; i++ {
		wd := (i + b.WeekBegins) % 7
		out.WriteString("\n\t\t<th scope=\"col\" aria-label=\"" + time.Weekday(wd).String() + "\">" + weekdayInitials[wd] + "</th>")
	}
	out.WriteString("\n\t</tr>\n\t</thead>\n\t<tbody>\n\t<tr>")
	// calendar_week_mod: the column of a weekday, from WeekBegins.
	column := func(t time.Time) int { return ((int(t.Weekday())-b.WeekBegins)%7 + 7) % 7 }
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
			out.WriteString(`<a href="` + url + `" aria-label="Posts published on ` + EscHTML(date.Format("January 2, 2006")) + `">` + strconv.Itoa(day) + "</a>")
		} else {
			out.WriteString(strconv.Itoa(day))
		}
		out.WriteString("</td>")
		newRow = column(date) == 6
	}
	if pad := 7 - column(first.AddDate(0, 1, 0)); pad > 0 && pad < 7 {
		out.WriteString("\n\t\t<td class=\"pad\" colspan=\"" + strconv.Itoa(pad) + "\">&nbsp;</td>")
	}
	out.WriteString("\n\t</tr>\n\t</tbody>\n\t</table><nav aria-label=\"Previous and next months\" class=\"wp-calendar-nav\">")
	if b.Prev != nil {
		out.WriteString("\n\t\t<span class=\"wp-calendar-nav-prev\"><a href=\"" + b.Prev.URL + "\">&laquo; " + time.Month(b.Prev.Month).String()[:3] + "</a></span>")
	} else {
		out.WriteString("\n\t\t<span class=\"wp-calendar-nav-prev\">&nbsp;</span>")
	}
	out.WriteString("\n\t\t<span class=\"pad\">&nbsp;</span>")
	if b.Next != nil {
		out.WriteString("\n\t\t<span class=\"wp-calendar-nav-next\"><a href=\"" + b.Next.URL + "\">" + time.Month(b.Next.Month).String()[:3] + " &raquo;</a></span>")
	} else {
		out.WriteString("\n\t\t<span class=\"wp-calendar-nav-next\">&nbsp;</span>")
	}
	out.WriteString("\n\t</nav></div>")
	return out.String()
}
