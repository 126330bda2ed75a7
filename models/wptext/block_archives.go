package wptext

import (
	"strconv"
	"strings"
	"time"

	"github.com/presspass/presspass/models/kses"
)

// ArchivesBlock is what the core/archives block shows: its attributes and
// the periods wp_get_archives lists for them.
type ArchivesBlock struct {
	DisplayAsDropdown, ShowLabel, ShowPostCounts bool
	// Type is wp_get_archives' type: yearly, monthly, daily (and the kinds
	// PressPass lists nothing for).
	Type    string
	Periods []ArchivePeriod
	// DropdownID is the dropdown's element id (wp_unique_id), given by the
	// caller so that one page's ids stay unique.
	DropdownID string
	Wrapper    BlockWrapper
}

// ArchivePeriod is one listed period; Month and Day are 0 when coarser.
type ArchivePeriod struct {
	Year, Month, Day int
	Posts            int64
	URL              string
}

// RenderArchivesBlock is render_block_core_archives: a list of archive
// links (or a dropdown of them), or a note when there is nothing to list.
func RenderArchivesBlock(b ArchivesBlock) string {
	if b.DisplayAsDropdown {
		var options strings.Builder
		for _, p := range b.Periods {
			options.WriteString(archiveLinkHTML(p, b.Type, b.ShowPostCounts, true))
		}
		labelClass := "wp-block-archives__label"
		if !b.ShowLabel {
			labelClass += " screen-reader-text"
		}
		return "<div " + b.Wrapper.Attributes("wp-block-archives", "wp-block-archives-dropdown") + ">" +
			`<label for="` + b.DropdownID + `" class="` + labelClass + `">Archives</label>` + "\n\t\t" +
			`<select id="` + b.DropdownID + `" name="archive-dropdown" onchange="document.location.href=this.options[this.selectedIndex].value;">` + "\n\t\t" +
			`<option value="">` + archiveSelectLabel(b.Type) + `</option>` + options.String() + "</select></div>"
	}
	attrs := b.Wrapper.Attributes("wp-block-archives", "wp-block-archives-list")
	if len(b.Periods) == 0 {
		return "<div " + attrs + ">No archives to show.</div>"
	}
	var list strings.Builder
	for _, p := range b.Periods {
		list.WriteString(archiveLinkHTML(p, b.Type, b.ShowPostCounts, false))
	}
	return "<ul " + attrs + ">" + list.String() + "</ul>"
}

// archiveSelectLabel is the dropdown's first, empty option.
func archiveSelectLabel(typ string) string {
	switch typ {
	case "yearly":
		return "Select Year"
	case "monthly":
		return "Select Month"
	case "daily":
		return "Select Day"
	case "weekly":
		return "Select Week"
	}
	return "Select Post"
}

// archiveLinkHTML is get_archives_link in its html or option format, with
// the text wp_get_archives gives each period (the count after it,
// separated by a no-break space, when asked).
func archiveLinkHTML(p ArchivePeriod, typ string, showCount, option bool) string {
	var text string
	switch typ {
	case "yearly":
		text = strconv.Itoa(p.Year)
	case "monthly":
		text = time.Month(p.Month).String() + " " + strconv.Itoa(p.Year)
	default:
		// date_format's default, "F j, Y".
		text = time.Date(p.Year, time.Month(p.Month), p.Day, 0, 0, 0, 0, time.UTC).Format("January 2, 2006")
	}
	after := ""
	if showCount {
		after = "&nbsp;(" + strconv.FormatInt(p.Posts, 10) + ")"
	}
	url := kses.EscURL(p.URL)
	text = Texturize(text)
	if option {
		return "\t<option value='" + url + "'> " + text + " " + after + "</option>\n"
	}
	return "\t<li><a href='" + url + "'>" + text + "</a>" + after + "</li>\n"
}
