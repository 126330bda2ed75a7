package models

// BlockPatternCategory is a block pattern category as
// register_block_pattern_category leaves it.
type BlockPatternCategory struct {
	Name, Label, Description string
}

// blockPatternCategories are the categories WordPress 6.9 registers itself
// (_register_core_block_patterns_and_categories), in its order, then the
// built-in theme's two, as a block theme adds its own after core's.
var blockPatternCategories = []BlockPatternCategory{
	{Name: "banner", Label: "Banners", Description: "Bold sections designed to showcase key content."},
	{Name: "buttons", Label: "Buttons", Description: "Patterns that contain buttons and call to actions."},
	{Name: "columns", Label: "Columns", Description: "Multi-column patterns with more complex layouts."},
	{Name: "text", Label: "Text", Description: "Patterns containing mostly text."},
	{Name: "query", Label: "Posts", Description: "Display your latest posts in lists, grids or other layouts."},
	{Name: "featured", Label: "Featured", Description: "A set of high quality curated patterns."},
	{Name: "call-to-action", Label: "Call to action", Description: "Sections whose purpose is to trigger a specific action."},
	{Name: "team", Label: "Team", Description: "A variety of designs to display your team members."},
	{Name: "testimonials", Label: "Testimonials", Description: "Share reviews and feedback about your brand/business."},
	{Name: "services", Label: "Services", Description: "Briefly describe what your business does and how you can help."},
	{Name: "contact", Label: "Contact", Description: "Display your contact information."},
	{Name: "about", Label: "About", Description: "Introduce yourself."},
	{Name: "portfolio", Label: "Portfolio", Description: "Showcase your latest work."},
	{Name: "gallery", Label: "Gallery", Description: "Different layouts for displaying images."},
	{Name: "media", Label: "Media", Description: "Different layouts containing video or audio."},
	{Name: "videos", Label: "Videos", Description: "Different layouts containing videos."},
	{Name: "audio", Label: "Audio", Description: "Different layouts containing audio."},
	{Name: "posts", Label: "Posts", Description: "Display your latest posts in lists, grids or other layouts."},
	{Name: "footer", Label: "Footers", Description: "A variety of footer designs displaying information and site navigation."},
	{Name: "header", Label: "Headers", Description: "A variety of header designs displaying your site title and navigation."},
}

// themePatternCategories are the built-in theme's own, named after the
// stylesheet it answers to as a theme prefixes its categories.
var themePatternCategories = []BlockPatternCategory{
	{Name: "_page", Label: "Pages", Description: "A collection of full page layouts."},
	{Name: "_post-format", Label: "Post formats", Description: "A collection of post format patterns."},
}

// BlockPatternCategories lists the registered block pattern categories:
// core's, then those of the theme answering to stylesheet.
func BlockPatternCategories(stylesheet string) []BlockPatternCategory {
	out := append([]BlockPatternCategory(nil), blockPatternCategories...)
	for _, c := range themePatternCategories {
		c.Name = stylesheet + c.Name
		out = append(out, c)
	}
	return out
}
