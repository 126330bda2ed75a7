package rest

// routeGroups is the REST route table: every group of routes in the order
// WordPress registers them. The order matters twice: a request is served by
// the first route whose pattern matches, and the index (GET /wp-json/) lists
// routes in this order. Inside a group routes keep their slice order. A new
// controller's group goes where WordPress registers it.
var routeGroups = []func(*Server) []*Route{
	(*Server).indexRoutes,          // / (index.go)
	(*Server).batchRoutes,          // /batch/v1 (batch.go)
	(*Server).oembedRoutes,         // /oembed/1.0 (oembed.go)
	(*Server).namespaceIndexRoutes, // /wp/v2 (index.go)
	(*Server).postsRoutes,          // /wp/v2/posts and its revisions, autosaves (posts.go)
	(*Server).pagesRoutes,          // /wp/v2/pages and its revisions, autosaves (pages.go)
	(*Server).mediaRoutes,          // /wp/v2/media (media.go)
	(*Server).blocksRoutes,         // /wp/v2/blocks and its revisions, autosaves (blocks.go)
	(*Server).templatesRoutes,      // /wp/v2/templates, /wp/v2/template-parts (templates.go)
	(*Server).globalStylesRoutes,   // /wp/v2/global-styles (global_styles.go)
	(*Server).typesRoutes,          // /wp/v2/types (types.go)
	(*Server).statusesRoutes,       // /wp/v2/statuses (statuses.go)
	(*Server).taxonomiesRoutes,     // /wp/v2/taxonomies (taxonomies.go)
	(*Server).termsRoutes,          // /wp/v2/categories, /wp/v2/tags (terms.go)
	(*Server).userRoutes,           // /wp/v2/users, /users/me (users.go)
	(*Server).appPasswordRoutes,    // /wp/v2/users/{id}/application-passwords (app_passwords.go)
	(*Server).commentsRoutes,       // /wp/v2/comments (comments.go)
	(*Server).searchRoutes,         // /wp/v2/search (search.go)
	(*Server).blockRendererRoutes,  // /wp/v2/block-renderer (block_renderer.go)
	(*Server).settingsRoutes,       // /wp/v2/settings (settings.go)
	(*Server).themesRoutes,         // /wp/v2/themes, /wp/v2/plugins (themes.go)
	(*Server).blockPatternsRoutes,  // /wp/v2/block-patterns (block_patterns.go)
	(*Server).presspassRoutes,      // /presspass/v1: PressPass's own extensions (presspass_v1.go)
}
