package models

// BlockAttribute is one attribute of a registered block type: its JSON
// type, the default render_block fills in when it is absent, and the
// bounds block.json gives a number (the block renderer validates them).
type BlockAttribute struct {
	Type             string
	Default          any
	Minimum, Maximum *int64
}

func bound(n int64) *int64 { return &n }

// DynamicBlockType is a dynamic core block PressPass renders on the server
// from its own data, with the attributes its block.json declares plus those
// its supports add.
type DynamicBlockType struct {
	Name       string
	Attributes map[string]BlockAttribute
}

// supportAttributes are the attributes every block has (lock, metadata)
// and those its supports (anchor, align, class name, colours, border,
// typography, spacing) register.
var supportAttributes = map[string]BlockAttribute{
	"lock": {Type: "object"}, "metadata": {Type: "object"},
	"anchor": {Type: "string"}, "align": {Type: "string"}, "className": {Type: "string"},
	"style": {Type: "object"}, "backgroundColor": {Type: "string"}, "textColor": {Type: "string"},
	"gradient": {Type: "string"}, "borderColor": {Type: "string"},
	"fontSize": {Type: "string"}, "fontFamily": {Type: "string"},
}

// dynamicBlockTypes are the dynamic blocks PressPass can render; any other
// name is, for the block renderer, not a dynamic block.
var dynamicBlockTypes = map[string]map[string]BlockAttribute{
	"core/archives": {
		"displayAsDropdown": {Type: "boolean", Default: false},
		"showLabel":         {Type: "boolean", Default: true},
		"showPostCounts":    {Type: "boolean", Default: false},
		"type":              {Type: "string", Default: "monthly"},
	},
	"core/tag-cloud": {
		"numberOfTags":     {Type: "number", Default: float64(45)},
		"taxonomy":         {Type: "string", Default: "post_tag"},
		"showTagCounts":    {Type: "boolean", Default: false},
		"smallestFontSize": {Type: "string", Default: "8pt"},
		"largestFontSize":  {Type: "string", Default: "22pt"},
	},
	"core/latest-comments": {
		"commentsToShow": {Type: "number", Default: float64(5), Minimum: bound(1), Maximum: bound(100)},
		"displayAvatar":  {Type: "boolean", Default: true},
		"displayDate":    {Type: "boolean", Default: true},
		"displayExcerpt": {Type: "boolean", Default: true},
	},
	"core/calendar": {
		"month": {Type: "integer"},
		"year":  {Type: "integer"},
	},
}

// DynamicBlock returns the dynamic block type named name, or false when
// PressPass does not render it.
func DynamicBlock(name string) (DynamicBlockType, bool) {
	own, ok := dynamicBlockTypes[name]
	if !ok {
		return DynamicBlockType{}, false
	}
	attrs := make(map[string]BlockAttribute, len(own)+len(supportAttributes))
	for k, v := range supportAttributes {
		attrs[k] = v
	}
	for k, v := range own {
		attrs[k] = v
	}
	return DynamicBlockType{Name: name, Attributes: attrs}, true
}

// WithDefaults is the attributes as render_block sees them: those given,
// and each declared default for the rest.
func (b DynamicBlockType) WithDefaults(given map[string]any) map[string]any {
	out := make(map[string]any, len(b.Attributes))
	for k, a := range b.Attributes {
		if a.Default != nil {
			out[k] = a.Default
		}
	}
	for k, v := range given {
		out[k] = v
	}
	return out
}
