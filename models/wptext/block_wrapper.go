package wptext

import "strings"

// BlockWrapper holds the attributes a dynamic block's wrapper gets from
// the block supports PressPass applies: align and the custom class name.
type BlockWrapper struct {
	Align     string
	ClassName string
}

// Attributes is get_block_wrapper_attributes for a block whose generated
// class is blockClass, with the render callback's own class first: the
// class attribute, escaped.
func (w BlockWrapper) Attributes(blockClass, extraClass string) string {
	var classes []string
	if extraClass != "" {
		classes = append(classes, extraClass)
	}
	// Supports apply in WordPress's registration order: align, custom
	// class name, generated class name.
	if w.Align != "" {
		classes = append(classes, "align"+w.Align)
	}
	if w.ClassName != "" {
		classes = append(classes, w.ClassName)
	}
	classes = append(classes, blockClass)
	return `class="` + EscHTML(strings.Join(classes, " ")) + `"`
}
