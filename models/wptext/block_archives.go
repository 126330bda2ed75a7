package wptext

import (
	"fmt"
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
	// DateFormat is the date_format option, a PHP date() format, which
	// names the days of a daily list ("F j, Y" when empty).
	DateFormat string
	Wrapper    BlockWrapper
	// Words are the block's strings in the reader's language.
	Words Words
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
			options.WriteString(b.archiveLinkHTML(p, true))
		}
		labelClass := "wp-block-archives__label"
		if !b.ShowLabel {
			labelClass += " screen-reader-text"
		}
		return "<div " + b.Wrapper.Attributes("wp-block-archives", "wp-block-archives-dropdown") + ">" +
			`<label for="` + b.DropdownID + `" class="` + labelClass + `">` + EscHTML(b.Words.T("Archives")) + `</label>` + "\n\t\t" +
			`<select id="` + b.DropdownID + `" name="archive-dropdown" onchange="document.location.href=this.options[this.selectedIndex].value;">` + "\n\t\t" +
			`<option value="">` + EscHTML(b.selectLabel()) + `</option>` + options.String() + "</select></div>"
	}
	attrs := b.Wrapper.Attributes("wp-block-archives", "wp-block-archives-list")
	if len(b.Periods) == 0 {
		return "<div " + attrs + ">" + b.Words.T("No archives to show.") + "</div>"
	}
	var list strings.Builder
	for _, p := range b.Periods {
		list.WriteString(b.archiveLinkHTML(p, false))
	}
	return "<ul " + attrs + ">" + list.String() + "</ul>"
}

// selectLabel is the dropdown's first, empty option.
func (b ArchivesBlock) selectLabel() string {
	switch b.Type {
	case "yearly":
		return b.Words.T("Select Year")
	case "monthly":
		return b.Words.T("Select Month")
	case "daily":
		return b.Words.T("Select Day")
	case "weekly":
		return b.Words.T("Select Week")
	}
	return b.Words.T("Select Post")
}

// archiveLinkHTML is get_archives_link in its html or option format, with
// the text wp_get_archives gives each period (the count after it,
// separated by a no-break space, when asked).
func (b ArchivesBlock) archiveLinkHTML(p ArchivePeriod, option bool) string {
	var text string
	switch b.Type {
	case "yearly":
		text = strconv.Itoa(p.Year)
	case "monthly":
		text = fmt.Sprintf(b.Words.T("%[1]s %[2]d"), b.Words.month(time.Month(p.Month)), p.Year)
	default:
		// mysql2date( get_option( 'date_format' ) ): names translated.
		format := b.DateFormat
		if format == "" {
			format = "F j, Y"
		}
		text = b.Words.Date(format, time.Date(p.Year, time.Month(p.Month), p.Day, 0, 0, 0, 0, time.UTC))
	}
	after := ""
	if b.ShowPostCounts {
		after = "&nbsp;(" + strconv.FormatInt(p.Posts, 10) + ")"
	}
	url := kses.EscURL(p.URL)
	text = Texturize(text)
	if option {
		return "\t<option value='" + url + "'> " + text + " " + after + "</option>\n"
	}
	return "\t<li><a href='" + url + "'>" + text + "</a>" + after + "</li>\n"
}
