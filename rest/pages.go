package rest

// /wp/v2/pages and /wp/v2/pages/{id}: the posts controller for the
// hierarchical post type "page" (parent and menu_order instead of sticky,
// format and terms).

func (s *Server) pagesRoutes() []*Route { return s.postTypeRoutesWithHistory(postTypePage) }
