package rest

// /wp/v2/blocks: WordPress's WP_REST_Blocks_Controller, the posts
// controller for patterns (wp_block posts), with their revisions and
// autosaves. What differs from posts is in the type's registration (no
// author, comments or thumbnail; the wp_pattern_category taxonomy), in
// blockSchemaFields and in renderPost's raw-only title and content.

func (s *Server) blocksRoutes() []*Route {
	return s.postTypeRoutesWithHistory(postTypeBlock)
}
